"""The seller centre's own pages, apart from the staff's: the shop page, prices and stock, bulk
import, the statement, stories, batches and codes (mounted at /dashboard/shop/)."""
