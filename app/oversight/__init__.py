"""Oversight: what the bureau publishes to the school, and the school's answers (no Qt)."""
