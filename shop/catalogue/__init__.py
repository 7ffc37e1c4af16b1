"""Oscar's catalogue, forked so a product can name its OCOP producer."""
