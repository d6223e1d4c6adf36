"""All mapped classes. Importing this package registers every table on ``Base.metadata``."""

from db.models.accounts import LocalCredential, UserAccount
from db.models.audit import AuditEntry
from db.models.local import DeviceState
from db.models.outbox import OutboxEntry
from db.models.school import School

__all__ = [
    "AuditEntry",
    "DeviceState",
    "LocalCredential",
    "OutboxEntry",
    "School",
    "UserAccount",
]
