"""CMS pages edited in Wagtail: the home page, producers' stories and each shop's corner of them,
experiences and their bookings, events and news, the public sections' menu, the product and shop
choosers, and what a seller may do and see in the CMS (wagtail_hooks)."""
