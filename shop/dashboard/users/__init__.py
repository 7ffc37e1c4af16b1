"""The staff's users dashboard, forked for its table's column names (tables.py)."""
