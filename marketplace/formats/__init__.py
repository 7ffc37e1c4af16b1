"""Number formats the marketplace sets over Django's own, per language (FORMAT_MODULE_PATH)."""
