"""The school profile and first-run set-up."""
