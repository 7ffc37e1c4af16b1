"""Oscar's order app, forked so a marketplace purchase places each shop's order through our OrderCreator."""
