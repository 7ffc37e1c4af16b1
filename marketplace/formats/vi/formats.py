"""Vietnamese numbers group thousands with dots ("96.000"); Django's Vietnamese formats do not group."""

NUMBER_GROUPING = 3
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
