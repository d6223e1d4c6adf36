"""Headless commands: ``xiaoan demo``, ``xiaoan check`` … (no Qt is imported here)."""
