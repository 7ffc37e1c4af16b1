"""The marketplace's product search: one interface, a database backend and an Elasticsearch backend.

The app's label is `productsearch`: Oscar owns `search`.
"""
