"""End to end with no OS keyring: a school PC keeps its sync keys in a 0600 file, syncs with
a real bureau on loopback into PostgreSQL, and the bureau names who signed a printed form."""

from __future__ import annotations

import os
import shutil
import stat

import pytest
from sqlalchemy import select

from app.accounts.service import authenticate
from app.bureau.cli import main as bureau_cli
from app.inspections.service import answer_remaining, finalize_inspection, start_inspection
from app.reports.forms import print_form
from app.sync import keystore
from app.sync.enrollment import import_enrollment, register
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport, RetryPolicy
from db.models import SigningCertificate
from tests.helpers import appended_to, make_user, page_with_footer
from tests.sync_support import running_bureau

FAST = RetryPolicy(attempts=6, timeout=30, wait_initial=0.01, wait_max=0.05, wait_jitter=0.01)

pytestmark = [
    pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"),
    pytest.mark.usefixtures("no_keyring"),
]


def _page_with(footer: str) -> bytes:
    return page_with_footer(
        ["安全检查记录表  表 XA-01  东风乡中心学校", "检查结果：全部合格，无隐患。"], footer
    )


def certificate_rows(engine, school_id) -> list[tuple]:
    t = SigningCertificate.__table__
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                select(t.c.id, t.c.user_id, t.c.fingerprint, t.c.certificate_pem)
                .where(t.c.school_id == school_id)
                .order_by(t.c.id)
            )
        ]


def test_the_bureau_receives_the_certificates_and_names_the_signer(
    workspace, principal, postgres_url, tmp_path, capsys
):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    iid = start_inspection(workspace, principal, "daily_patrol", ["daily_patrol"], place="全校")
    answer_remaining(workspace, principal, iid)
    finalize_inspection(workspace, principal, iid)
    form = tmp_path / "inspection.pdf"
    form.write_bytes(print_form(workspace, principal, "inspection", str(iid)).pdf)

    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = HttpTransport(bureau.url, policy=FAST)
        import_enrollment(workspace, bureau.enroll(tmp_path))
        assert register(workspace, transport).registered
        # No keyring: the device keys are files only this user can read (the database
        # key and the audit key too).
        folder = keystore.key_dir()
        files = sorted(folder.glob("device-*ed25519*")) + sorted(folder.glob("device-*x25519*"))
        assert len(files) == 2
        files = sorted(folder.iterdir())
        assert any(f.name.endswith("-audit-key.key") for f in files)
        if os.name == "posix":
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)

        report = sync_pass(workspace, transport=transport)
        assert report.error == "" and not report.anything_left
        school_rows = certificate_rows(workspace.db.engine, workspace.school_id)
        assert len(school_rows) == 2  # the principal's and the duty teacher's
        assert certificate_rows(bureau.engine, workspace.school_id) == school_rows

        key_dir = ["--key-dir", str(bureau.key_dir)]
        capsys.readouterr()
        assert bureau_cli([*key_dir, "verify-pdf", str(form)]) == 0
        out = capsys.readouterr().out
        assert "Signature: valid" in out
        assert "on record for 东风乡中心学校 (220105-0012), person 张丽 (principal" in out
        assert f"record {iid}" in out

        # A form signed by a key no school sent is not on record, whatever its name says.
        from app.reports.signing import sign_pdf
        from tests.helpers import person_identity

        forged = tmp_path / "forged.pdf"
        unsigned = print_form(workspace, principal, "inspection", str(iid), sign=False).pdf
        forged.write_bytes(sign_pdf(unsigned, person_identity("张丽"), reason="", location=""))
        assert bureau_cli([*key_dir, "verify-pdf", str(forged)]) == 1
        assert "NOT on record" in capsys.readouterr().out

        plain = tmp_path / "plain.pdf"
        plain.write_bytes(unsigned)
        assert bureau_cli([*key_dir, "verify-pdf", str(plain)]) == 1
        assert "Signature: none" in capsys.readouterr().out

        # The genuine form's footer copied onto another page, signed with the principal's
        # own registered key: the signature stands, the page is not the record.
        from app.reports.verify import read_stamp
        from app.signing.session_keys import identity_for

        stamp = read_stamp(form)
        copied = tmp_path / "copied-footer.pdf"
        copied.write_bytes(
            sign_pdf(
                _page_with(stamp.line), identity_for(principal.user_id), reason="", location=""
            )
        )
        assert bureau_cli([*key_dir, "verify-pdf", str(copied)]) == 1
        out = capsys.readouterr().out
        assert "Signature: valid" in out and "Content: REFUSED" in out

        # The genuine signed form with content added after signing.
        altered = tmp_path / "altered.pdf"
        altered.write_bytes(appended_to(form.read_bytes()))
        assert bureau_cli([*key_dir, "verify-pdf", str(altered)]) == 1
        assert "does not cover the whole file" in capsys.readouterr().out
        # ... or with bytes inside the signed range changed.
        data = bytearray(form.read_bytes())
        at = data.index(b"XIAOAN-VERIFY")
        data[at : at + 13] = b"XIAOAN-VERIFX"
        tampered = tmp_path / "tampered.pdf"
        tampered.write_bytes(bytes(data))
        assert bureau_cli([*key_dir, "verify-pdf", str(tampered)]) == 1
        assert "Signature: BROKEN" in capsys.readouterr().out

        # A later sign-in does not resend or change a certificate.
        authenticate(workspace, "wangqiang", "482913")
        assert sync_pass(workspace, transport=transport).anything_left is False
        assert certificate_rows(bureau.engine, workspace.school_id) == school_rows
