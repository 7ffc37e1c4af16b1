"""Oscar's checkout, forked into one page that places one order per shop under one purchase."""
