"""Oscar's catalogue dashboard (the seller centre's products), forked for whole-đồng prices and producers."""
