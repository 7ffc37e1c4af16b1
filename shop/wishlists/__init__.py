"""Oscar's wish-list views, taking only products a shopper may see (mounted before Oscar's URLs)."""
