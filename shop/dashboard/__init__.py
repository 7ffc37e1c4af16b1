"""Oscar's dashboard, forked to mount the sellers' activation queue at /dashboard/sellers/."""
