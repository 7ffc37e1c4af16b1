"""What a seller is and does: producers, sellers (shops), OCOP recognitions."""
