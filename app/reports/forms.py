"""The registry of printable forms and the one way to print any of them.

Each record area registers its forms with :func:`form`, naming the CLI/UI
key (``inspection``, ``hazard-notice``, …) and a renderer that returns the
unsigned PDF and its stamp. :func:`print_form` renders, signs with the
device's PAdES identity and returns the bytes, the same from the UI and from
``xiaoan print``.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from datetime import datetime

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.reports.verification import Stamp

# Modules that register forms, one per record area.
FORM_MODULES: tuple[str, ...] = (
    "app.reports.hazard_forms",
    "app.reports.drill_forms",
    "app.reports.duty_forms",
    "app.reports.monthly_form",
)


@dataclasses.dataclass(frozen=True)
class RenderedForm:
    pdf: bytes
    stamp: Stamp
    suggested_name: str


@dataclasses.dataclass(frozen=True)
class FormSpec:
    key: str
    title: str  # Chinese title as printed
    # (workspace, actor, record id or "latest", printed_at) -> RenderedForm
    render: Callable[..., RenderedForm]


FORMS: dict[str, FormSpec] = {}


def form(key: str, title: str):
    def register(fn):
        FORMS[key] = FormSpec(key, title, fn)
        return fn

    return register


def load_forms() -> dict[str, FormSpec]:
    for module in FORM_MODULES:
        importlib.import_module(module)
    return FORMS


def print_form(ws, actor: Actor, key: str, record: str, *, sign: bool = True) -> RenderedForm:
    """Render form ``key`` for ``record`` (an id or ``latest``), signed unless ``sign`` is False."""
    spec = load_forms().get(key)
    if spec is None:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "There is no form called {key}. Forms: {known}."),
            key=key,
            known=", ".join(sorted(FORMS)) or "-",
        )
    printed_at = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    rendered = spec.render(ws, actor, record, printed_at)
    if not sign:
        return rendered
    from app.reports.signing import load_or_create_pdf_identity, sign_pdf
    from app.school.service import get_profile

    profile = get_profile(ws)
    school = profile.name if profile else "xiaoan"
    identity = load_or_create_pdf_identity(ws.device_id, school)
    signed = sign_pdf(
        rendered.pdf, identity, reason=f"{spec.title}（{actor.name}）", location=school
    )
    return dataclasses.replace(rendered, pdf=signed)
