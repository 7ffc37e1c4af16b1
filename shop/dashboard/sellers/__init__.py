"""The province staff's activation queue for sellers, inside Oscar's dashboard."""
