"""Hazards: the rectification lifecycle, the ledger queries and major-hazard monitoring."""
