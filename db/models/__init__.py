"""All mapped classes. Importing this package registers every table on ``Base.metadata``."""

from db.models.accounts import LocalCredential, UserAccount
from db.models.attachments import Photo, PhotoLink
from db.models.audit import AuditEntry
from db.models.hazards import Hazard, HazardEvent, HazardMonitoring
from db.models.inspections import Inspection, InspectionAnswer
from db.models.local import DeviceState
from db.models.outbox import OutboxEntry
from db.models.school import School

__all__ = [
    "AuditEntry",
    "DeviceState",
    "Hazard",
    "HazardEvent",
    "HazardMonitoring",
    "Inspection",
    "InspectionAnswer",
    "LocalCredential",
    "OutboxEntry",
    "Photo",
    "PhotoLink",
    "School",
    "UserAccount",
]
