"""The registry of printable forms and the one way to print any of them.

Each record area registers its forms with :func:`form`, naming the CLI/UI
key (``inspection``, ``hazard-notice``, …), the Chinese title, the form
number printed in every page's corner (表 XA-nn, unique: a second form
claiming a number is refused at import) and a renderer that returns the
unsigned PDF and its stamp. :data:`FORM_NUMBERS` lists every number in one
place. :func:`print_form` renders, signs with the printing person's key
(PAdES, :mod:`app.signing`) and returns the bytes, the same from the UI and
from ``xiaoan print``. Printing never depends on a key: without one — or on
request — the form comes out as a paper print whose footer says it carries
no digital signature.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from datetime import UTC, datetime

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.reports.layout import school_time
from app.reports.verification import UNSIGNED_NOTE, Stamp, signature_note, signed_note

# Modules that register forms, one per record area.
FORM_MODULES: tuple[str, ...] = (
    "app.reports.hazard_forms",
    "app.reports.drill_forms",
    "app.reports.duty_forms",
    "app.reports.monthly_form",
    "app.reports.incident_form",
)

# The number of every form, in one place: papers are filed and cited by it.
FORM_NUMBERS: dict[str, str] = {
    "inspection": "表 XA-01",
    "hazard-notice": "表 XA-02",
    "recheck": "表 XA-03",
    "ledger": "表 XA-04",
    "handover": "表 XA-05",
    "placard": "表 XA-06",
    "drill": "表 XA-07",
    "monthly": "表 XA-08",
    "incident": "表 XA-09",
}


# Why a form came out without a digital signature (RenderedForm.unsigned_reason).
UNSIGNED_ON_REQUEST = "on request"  # a paper print was asked for
UNSIGNED_NO_KEY = "no key"  # the printing person has no signing key unlocked on this PC


@dataclasses.dataclass(frozen=True)
class RenderedForm:
    pdf: bytes
    stamp: Stamp
    suggested_name: str
    signed_by: str = ""  # 张丽（校长） when digitally signed; "" for a paper print
    unsigned_reason: str = ""  # UNSIGNED_ON_REQUEST / UNSIGNED_NO_KEY when not signed

    @property
    def signed(self) -> bool:
        return bool(self.signed_by)


@dataclasses.dataclass(frozen=True)
class FormSpec:
    key: str
    title: str  # Chinese title as printed
    number: str  # 表 XA-nn, printed on every page
    # (workspace, actor, record id or "latest", printed_at) -> RenderedForm
    render: Callable[..., RenderedForm]


FORMS: dict[str, FormSpec] = {}


def form(key: str, title: str):
    """Register a form renderer under ``key``; its number comes from :data:`FORM_NUMBERS`."""
    number = FORM_NUMBERS.get(key)
    if number is None:
        raise ValueError(f"form {key!r} has no number in FORM_NUMBERS")
    taken = {spec.number: spec.key for spec in FORMS.values() if spec.key != key}
    if number in taken:
        raise ValueError(f"form {key!r} claims {number}, already the number of {taken[number]!r}")

    def register(fn):
        FORMS[key] = FormSpec(key, title, number, fn)
        return fn

    return register


def form_header(ws, key: str):
    """The title block of form ``key``: its title and number, the school's name and code."""
    from app.reports.layout import FormHeader
    from app.school.service import get_profile

    title, number = FORMS[key].title, FORMS[key].number
    profile = get_profile(ws)
    return FormHeader(
        title, number, profile.name if profile else "", profile.code if profile else ""
    )


def load_forms() -> dict[str, FormSpec]:
    for module in FORM_MODULES:
        importlib.import_module(module)
    return FORMS


def print_form(ws, actor: Actor, key: str, record: str, *, sign: bool = True) -> RenderedForm:
    """Render form ``key`` for ``record`` (an id or ``latest``).

    With ``sign`` the PDF carries a PAdES signature by ``actor``'s own key
    when it is unlocked on this PC (they signed in here); otherwise, and
    when ``sign`` is False, it is a paper print whose footer says it has no
    digital signature. A missing key is never an error.
    """
    spec = load_forms().get(key)
    if spec is None:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "There is no form called {key}. Forms: {known}."),
            key=key,
            known=", ".join(sorted(FORMS)) or "-",
        )
    from app.signing.session_keys import identity_for

    identity = identity_for(actor.user_id) if sign else None
    printed_at = school_time(datetime.now(UTC))
    note = signed_note(identity.signed_by) if identity else UNSIGNED_NOTE
    with signature_note(note):
        rendered = spec.render(ws, actor, record, printed_at)
    if identity is None:
        reason = UNSIGNED_NO_KEY if sign else UNSIGNED_ON_REQUEST
        return dataclasses.replace(rendered, unsigned_reason=reason)
    from app.reports.signing import sign_pdf
    from app.school.service import get_profile

    profile = get_profile(ws)
    school = profile.name if profile else identity.organization
    signed = sign_pdf(
        rendered.pdf, identity, reason=f"{spec.title}（{identity.signer}）", location=school
    )
    return dataclasses.replace(rendered, pdf=signed, signed_by=identity.signed_by)
