"""All mapped classes. Importing this package registers every table on ``Base.metadata``."""

from db.models.accounts import LocalCredential, UserAccount
from db.models.attachments import Photo, PhotoLink
from db.models.audit import AuditEntry
from db.models.duty import (
    DutyShift,
    DutyType,
    Handover,
    HandoverEvent,
    HandoverPatrol,
    SchoolHoliday,
)
from db.models.grid import GridAssignment, GridPost, GridZone, ResponsibilityLetter
from db.models.bureau import (
    BureauBundle,
    BureauDevice,
    BureauFieldClock,
    BureauSchool,
    EnrollmentToken,
)
from db.models.hazards import Hazard, HazardEvent, HazardMonitoring
from db.models.inspections import Inspection, InspectionAnswer
from db.models.local import DeviceState
from db.models.outbox import OutboxEntry
from db.models.school import School
from db.models.signatures import Signature
from db.models.staff import StaffLeave, StaffMember
from db.models.sync import SyncBundle, SyncEnrollment

__all__ = [
    "AuditEntry",
    "BureauBundle",
    "BureauDevice",
    "BureauFieldClock",
    "BureauSchool",
    "EnrollmentToken",
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
    "SyncBundle",
    "SyncEnrollment",
    "UserAccount",
    "DutyShift",
    "DutyType",
    "Handover",
    "HandoverEvent",
    "HandoverPatrol",
    "SchoolHoliday",
    "GridAssignment",
    "GridPost",
    "GridZone",
    "ResponsibilityLetter",
    "Signature",
    "StaffLeave",
    "StaffMember",
]
