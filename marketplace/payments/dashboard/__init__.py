"""The staff's payments desk inside Oscar's dashboard: attempts to review, inquiries, transfers to
match, a purchase's payments."""
