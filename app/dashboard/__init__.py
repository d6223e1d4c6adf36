"""Read-only summaries for the dashboard (工作台)."""
