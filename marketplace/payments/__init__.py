"""Payments: how a purchase is paid. This first part: cash on delivery and VietQR bank transfer."""
