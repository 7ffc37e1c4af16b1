"""Demo data at the scale of the article, for the embedded default."""
