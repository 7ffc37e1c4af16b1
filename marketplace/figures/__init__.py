"""The province's figures: the report (`report`), its exports, the public page and `marketplace_stats`."""
