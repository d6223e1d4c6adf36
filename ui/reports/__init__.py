"""Printing: the print preview every page with a printed form opens."""
