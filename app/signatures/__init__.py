"""Drawn signatures: stroke data plus an optional rendered PNG, bound to a record."""
