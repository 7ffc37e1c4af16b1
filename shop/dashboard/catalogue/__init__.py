"""Oscar's catalogue dashboard (the seller centre's products), forked: whole-đồng prices and counts,
the product list as cards with price, stock and sales, the producer, the parcel, the register's
codes, and a picture kept from a failed save."""
