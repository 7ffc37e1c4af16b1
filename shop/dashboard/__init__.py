"""Oscar's dashboard, forked: its home is the province's figures for staff and the shop's day for a
seller; its sub-apps hold the seller centre's pages and the staff's (sellers, orders, catalogue,
users)."""
