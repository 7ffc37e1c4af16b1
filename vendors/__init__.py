"""What a seller is and does: producers, vendors (shops), OCOP recognitions."""
