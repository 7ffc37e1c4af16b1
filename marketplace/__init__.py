"""The OCOP marketplace project: settings, root URLs and the marketplace-wide apps."""
