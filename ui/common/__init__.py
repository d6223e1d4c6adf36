"""Widgets and helpers several pages use (secret entry, message label, live refresh)."""
