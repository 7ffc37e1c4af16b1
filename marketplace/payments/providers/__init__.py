"""The gateways themselves, one class each, named in MARKETPLACE_PAYMENT_GATEWAYS: cash on delivery
and VietQR transfers (offline), Viettel Pay, Stripe Checkout. They implement the interface in
`marketplace.payments.gateways` and record what happens through settlement and the event log."""
