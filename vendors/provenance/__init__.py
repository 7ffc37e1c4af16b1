"""Where a product comes from: the province's register of growing-area and packing codes (with their
history), VietGAP certificates, and each product's batches with the events that made them."""
