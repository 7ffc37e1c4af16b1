"""Whole pages cached for visitors who carry nothing of their own (no session, basket or messages).

`versions` says which version of the site's public content a page was rendered from (every write to
the tables the pages show starts a new one once it commits); `middleware` serves and stores the
pages. What is per visitor on a cached page (the CSRF token, the CSP nonce) is put in on each serve.
"""
