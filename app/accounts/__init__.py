"""User accounts, roles and permissions, sign-in."""
