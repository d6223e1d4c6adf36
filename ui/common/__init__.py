"""Widgets several pages use (secret entry, message label)."""
