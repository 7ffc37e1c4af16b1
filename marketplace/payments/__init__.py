"""Payments: how a purchase is paid. The gateways (cash on delivery, VietQR bank transfer, Viettel
Pay, Stripe; `providers`), each attempt and its verified callback (`settlement`), inquiries and
expiry of abandoned attempts, transfers matched by staff, refunds' records, and the staff's
payments desk (`dashboard`)."""
