"""Incidents (突发事件): reporting, the phone and written report clocks, follow-ups, closure."""
