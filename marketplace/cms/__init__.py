"""CMS pages edited in Wagtail: for now the home page."""
