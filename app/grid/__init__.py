"""The responsibility grid: zones, posts, who answers for them, and responsibility letters."""
