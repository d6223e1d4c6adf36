"""Duty rosters (值班值宿), shift handovers (交接班) and the daily zero report (日报平安)."""
