"""Oscar's basket, forked so the basket page loads every line's product data in fixed queries."""
