"""Settings, one module per way of running: base (shared), dev, test, production."""
