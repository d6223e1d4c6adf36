"""All mapped classes.

The tables every start needs (device state, outbox, school, accounts and their
signing keys, audit) are imported here; the record areas' models are imported
on first use — any ``from db.models import Hazard`` works as before (PEP 562
``__getattr__``) and loads every area module at once, so foreign keys between
areas always resolve. This keeps about 80 ms of class mapping off the app's start-up.
The tables every start needs (device state, outbox, school, accounts with
the staff directory their logins belong to, audit) are imported here; the record areas' models are imported on first use — any
``from db.models import Hazard`` works as before (PEP 562 ``__getattr__``) and
loads every area module at once, so foreign keys between areas always
resolve. This keeps about 80 ms of class mapping off the app's start-up.
Code that needs the whole schema (migrations, the bureau, ``alembic check``)
calls :func:`load_all`.
"""

import importlib

from db.models.accounts import LocalCredential, UserAccount
from db.models.audit import AuditEntry
from db.models.local import DeviceState
from db.models.outbox import OutboxEntry
from db.models.school import School
from db.models.signing import SigningCertificate, SigningKey
from db.models.staff import StaffLeave, StaffMember

# name -> module, for everything not imported above
_LAZY: dict[str, str] = {
    "BundleState": "db.models.sync",
    "FinalizedRecordError": "db.models.inspections",
    "Photo": "db.models.attachments",
    "PhotoLink": "db.models.attachments",
    "BureauBlob": "db.models.bureau",
    "BureauBundle": "db.models.bureau",
    "BureauDevice": "db.models.bureau",
    "BureauFieldClock": "db.models.bureau",
    "BureauNotice": "db.models.bureau",
    "BureauSchool": "db.models.bureau",
    "EnrollmentToken": "db.models.bureau",
    "Drill": "db.models.drills",
    "DrillDocument": "db.models.drills",
    "DrillPhoto": "db.models.drills",
    "DrillProblem": "db.models.drills",
    "DutyShift": "db.models.duty",
    "DutyType": "db.models.duty",
    "Handover": "db.models.duty",
    "HandoverEvent": "db.models.duty",
    "HandoverPatrol": "db.models.duty",
    "SchoolHoliday": "db.models.duty",
    "GridAssignment": "db.models.grid",
    "GridPost": "db.models.grid",
    "GridZone": "db.models.grid",
    "ResponsibilityLetter": "db.models.grid",
    "Hazard": "db.models.hazards",
    "Incident": "db.models.incidents",
    "IncidentPerson": "db.models.incidents",
    "IncidentReport": "db.models.incidents",
    "HazardEvent": "db.models.hazards",
    "HazardMonitoring": "db.models.hazards",
    "FinalizedReportError": "db.models.monthly",
    "Inspection": "db.models.inspections",
    "InspectionAnswer": "db.models.inspections",
    "SchoolTerm": "db.models.terms",
    "MonthlyReport": "db.models.monthly",
    "Signature": "db.models.signatures",
    "SyncBundle": "db.models.sync",
    "SyncEnrollment": "db.models.sync",
    "SyncNotice": "db.models.sync",
    "BureauPublication": "db.models.oversight",
    "NoticeAck": "db.models.oversight",
    "PublicationKind": "db.models.oversight",
    "ReceivedPublication": "db.models.oversight",
    "SupervisionReply": "db.models.oversight",
}


def load_all() -> None:
    """Import every model module, registering every table on ``Base.metadata``."""
    for module in sorted(set(_LAZY.values())):
        importlib.import_module(module)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'db.models' has no attribute {name!r}")
    load_all()
    return getattr(importlib.import_module(module), name)


__all__ = [
    "AuditEntry",
    "BureauBlob",
    "BureauBundle",
    "BureauDevice",
    "BureauFieldClock",
    "BureauNotice",
    "BureauPublication",
    "BureauSchool",
    "DeviceState",
    "Drill",
    "DrillDocument",
    "DrillPhoto",
    "DrillProblem",
    "DutyShift",
    "DutyType",
    "EnrollmentToken",
    "GridAssignment",
    "GridPost",
    "GridZone",
    "Handover",
    "HandoverEvent",
    "HandoverPatrol",
    "Hazard",
    "HazardEvent",
    "HazardMonitoring",
    "Incident",
    "IncidentPerson",
    "IncidentReport",
    "Inspection",
    "InspectionAnswer",
    "LocalCredential",
    "MonthlyReport",
    "NoticeAck",
    "OutboxEntry",
    "Photo",
    "PhotoLink",
    "PublicationKind",
    "ReceivedPublication",
    "ResponsibilityLetter",
    "School",
    "SchoolHoliday",
    "SchoolTerm",
    "Signature",
    "SigningCertificate",
    "SigningKey",
    "StaffLeave",
    "StaffMember",
    "SupervisionReply",
    "SyncBundle",
    "SyncEnrollment",
    "SyncNotice",
    "UserAccount",
]
