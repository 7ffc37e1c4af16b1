"""What a seller is and does: producers, sellers (shops) and their lifecycle, OCOP recognitions,
stock, bulk imports, provenance (codes, certificates, batches), the public shop pages, the
application form and the trace page."""
