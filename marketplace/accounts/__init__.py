"""Accounts: one account per e-mail address, sign-in throttling and staff two-factor sign-in."""
