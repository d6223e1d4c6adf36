"""Small builders shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

from app.workspace import Workspace

PRINCIPAL_PASSWORD = "principal-pass-1"


def make_user(ws: Workspace, principal, username: str, role: str, pin: str = "482913"):
    """Create a user with a PIN through the real service, as the principal would."""
    from app.accounts.service import create_user

    return create_user(
        ws,
        principal,
        username=username,
        display_name=f"{username}-name",
        role=role,
        secret_kind="pin",
        secret=pin,
    )
