"""Who is acting: the signed-in user, or the app itself (migrations, demo, sync)."""

from __future__ import annotations

import dataclasses
import uuid


@dataclasses.dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    name: str
    role: str

    @classmethod
    def system(cls, name: str = "xiaoan") -> Actor:
        return cls(user_id=None, name=name, role="system")
