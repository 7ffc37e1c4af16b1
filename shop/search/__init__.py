"""Oscar's search app, forked so the catalogue and /search/ list products from the database."""
