"""Backups of the school's database."""
