"""First run: the school profile and its first principal."""
