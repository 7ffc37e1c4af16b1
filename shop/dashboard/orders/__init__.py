"""Oscar's order dashboard, forked so a seller sees only their own shop's lines (Oscar issue #2240)."""
