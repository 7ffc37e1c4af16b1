"""Oscar's partner app, forked so its strategy applies the marketplace's sellability rule."""
