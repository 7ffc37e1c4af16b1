"""Inside Oscar's dashboard: the seller centre's own pages (the shop page, prices and stock, bulk
import, the statement, stories, batches and codes) and the province staff's (the activation queue,
a seller's file and ledger, the register of codes and OCOP recognitions)."""
