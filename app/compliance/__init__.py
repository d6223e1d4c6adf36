"""Compliance rules as data and the engine that checks them against the records."""
