"""Forked Oscar apps, each holding only what it overrides."""
