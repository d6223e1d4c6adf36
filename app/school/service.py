"""School profile: created once at first run together with the first principal."""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import datetime

from sqlalchemy import select

from app.accounts.roles import Permission, Role, require
from app.accounts.secrets import check_secret
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import new_id
from db.models import School
from db.models.school import SchoolKind

SCHOOL_KIND_LABELS = {
    SchoolKind.PRIMARY: QT_TRANSLATE_NOOP("app", "Primary school"),
    SchoolKind.SECONDARY: QT_TRANSLATE_NOOP("app", "Secondary school"),
    SchoolKind.NINE_YEAR: QT_TRANSLATE_NOOP("app", "Nine-year school"),
    SchoolKind.KINDERGARTEN: QT_TRANSLATE_NOOP("app", "Kindergarten"),
}
_CODE = re.compile(r"^[0-9A-Za-z-]{2,32}$")


@dataclasses.dataclass(frozen=True)
class SchoolProfile:
    name: str
    code: str
    kind: str
    boarding: bool = False
    has_school_bus: bool = False
    district: str = ""
    address: str = ""
    id: uuid.UUID | None = None

    def validated(self) -> SchoolProfile:
        name = self.name.strip()
        if not name:
            raise UserError(QT_TRANSLATE_NOOP("app", "Enter the school's name."))
        if len(name) > 100:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "The school name can have at most 100 characters.")
            )
        code = self.code.strip()
        if not _CODE.match(code):
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "Enter the school code given by the education bureau (2 to 32 letters, digits or dashes).",
                )
            )
        if self.kind not in {k.value for k in SchoolKind}:
            raise UserError(QT_TRANSLATE_NOOP("app", "Choose the kind of school."))
        return dataclasses.replace(
            self, name=name, code=code, district=self.district.strip(), address=self.address.strip()
        )


def _profile(s: School) -> SchoolProfile:
    return SchoolProfile(
        id=s.id,
        name=s.name,
        code=s.code,
        kind=s.kind,
        boarding=s.boarding,
        has_school_bus=s.has_school_bus,
        district=s.district,
        address=s.address,
    )


def get_profile(ws: Workspace) -> SchoolProfile | None:
    with ws.read() as s:
        school = s.scalar(select(School).where(School.deleted_at.is_(None)).limit(1))
        return _profile(school) if school else None


def set_up_school(
    ws: Workspace,
    profile: SchoolProfile,
    *,
    principal_name: str,
    username: str,
    secret_kind: str,
    secret: str,
    in_use_since: datetime | None = None,
) -> Actor:
    """First run: the school profile and its first principal, in one transaction.

    Everything is validated before anything is written; returns the new
    principal, signed in. ``in_use_since`` (the demo's sample school, which
    has a term of records behind it) dates the set-up earlier than now: work
    is owed from that day on (:func:`app.compliance.engine.records_since`).
    """
    from app.accounts.service import add_user, validate_user_fields

    profile = profile.validated()
    validate_user_fields(username, principal_name, Role.PRINCIPAL)
    check_secret(secret_kind, secret)
    if ws.school_id is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This data folder already has a school."))
    school_id, principal_id = new_id(), new_id()
    ws.set_school_id(school_id)
    actor = Actor(user_id=principal_id, name=principal_name.strip(), role=Role.PRINCIPAL)
    try:
        with ws.action(actor, "school.set_up") as s:
            s.add(
                School(
                    id=school_id,
                    school_id=school_id,
                    created_at=in_use_since,
                    **{k: v for k, v in dataclasses.asdict(profile).items() if k != "id"},
                )
            )
            add_user(
                s,
                school_id=school_id,
                user_id=principal_id,
                username=username,
                display_name=principal_name,
                role=Role.PRINCIPAL,
                secret_kind=secret_kind,
                secret=secret,
            )
    except BaseException:
        ws._school_id = None
        raise
    return actor


def enrolled_school_code(ws: Workspace) -> str | None:
    """The school code the bureau's enrollment file names, once this PC is enrolled."""
    from db.models import SyncEnrollment

    with ws.read() as s:
        enrollment = s.get(SyncEnrollment, 1)
        return enrollment.school_code if enrollment else None


def update_profile(ws: Workspace, actor: Actor, profile: SchoolProfile) -> SchoolProfile:
    """Save the school's profile (principal only); returns it as stored.

    Validated like the first-run wizard's. Once this PC is enrolled with the
    bureau, the school code is the one the enrollment names: the bureau files
    every bundle under it, so a different code is refused in words. The change
    is one audited action, and the school row travels to the bureau like any
    synced row.
    """
    require(actor, Permission.EDIT_SCHOOL_PROFILE)
    profile = profile.validated()
    enrolled = enrolled_school_code(ws)
    if enrolled is not None and profile.code != enrolled:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This computer is enrolled with the education bureau as school {enrolled}, "
                "so the school code must stay {enrolled}. If the bureau has given the school "
                "a new code, ask the bureau for a new enrollment file.",
            ),
            enrolled=enrolled,
        )
    with ws.action(actor, "school.update") as s:
        school = s.scalar(select(School).where(School.deleted_at.is_(None)).limit(1))
        if school is None:
            raise UserError(QT_TRANSLATE_NOOP("app", "Set up the school first."))
        for key, value in dataclasses.asdict(profile).items():
            if key != "id":
                setattr(school, key, value)
        return _profile(school)
