"""Inspections: checklist templates, inspections and their answers, the ``hazards`` command."""
