"""Purchases: one checkout, paid once, made of one Oscar order per shop."""
