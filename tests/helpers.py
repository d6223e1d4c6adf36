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


class MemoryKeyring:
    """An in-memory keyring backend: the OS keyring is the one thing tests cannot have."""

    def __new__(cls):
        from keyring.backend import KeyringBackend

        class _Memory(KeyringBackend):
            priority = 1

            def __init__(self) -> None:
                super().__init__()
                self.store: dict[tuple[str, str], str] = {}

            def get_password(self, service, username):
                return self.store.get((service, username))

            def set_password(self, service, username, password):
                self.store[(service, username)] = password

            def delete_password(self, service, username):
                self.store.pop((service, username), None)

        return _Memory()
