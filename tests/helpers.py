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


def person_identity(name: str = "张丽", role: str = "principal", school: str = "东风乡中心学校"):
    """A throw-away person signing identity (key and self-signed certificate), held nowhere."""
    import uuid

    from app.signing.person_keys import (
        Holder,
        SigningIdentity,
        issue_certificate,
        new_private_key,
    )
    from db.base import utcnow

    holder = Holder(uuid.uuid4(), name, role, school)
    key = new_private_key()
    cert = issue_certificate(key, holder, utcnow())
    return SigningIdentity(key, cert.pem.encode("ascii"), name, holder.title, school)


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


def add_hazards(ws, actor, n: int, *, title: str = "消防通道堆放杂物") -> None:
    """``n`` reported hazards in one action (for long ledgers in tests and benchmarks)."""
    from app.hazards.service import HazardReport, new_hazard
    from db.base import utcnow

    with ws.action(actor, "hazard.report") as s:
        for i in range(1, n + 1):
            report = HazardReport(
                title=f"{title}（{i}）", area="fire", place=f"教学楼{i % 5 + 1}层"
            )
            new_hazard(s, actor, report, reported_at=utcnow())


def page_with_footer(lines: list[str], footer: str) -> bytes:
    """A one-page PDF showing ``lines`` (Chinese) and a copied verification ``footer`` line."""
    import io

    from reportlab.pdfgen import canvas

    from app.reports.fonts import FONT_NAME, register_cjk_font

    register_cjk_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(FONT_NAME, 12)
    for i, line in enumerate(lines):
        c.drawString(60, 780 - 30 * i, line)
    c.setFont("Helvetica", 6)
    c.drawString(60, 30, footer)
    c.save()
    return buf.getvalue()


def appended_to(pdf: bytes) -> bytes:
    """``pdf`` with an incremental update after its signature (its first page turned)."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[generic.NameObject("/Rotate")] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def open_db(path, data_dir=None, **kwargs):
    """A raw connection to a school database file (or one of its backups), its key applied.

    ``data_dir``: the data folder whose key it is (default: the file's own folder,
    or for a file in ``backups/`` the folder above).
    """
    from pathlib import Path

    from app.data_key import load_key
    from db import cipher

    path = Path(path)
    if data_dir is None:
        data_dir = path.parent.parent if path.parent.name == "backups" else path.parent
    return cipher.connect(path, load_key(data_dir), **kwargs)
