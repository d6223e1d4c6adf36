"""Signing in on this computer."""
