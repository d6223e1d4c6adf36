"""Forms are signed by the person who prints them, with a key sealed under their own password
or PIN — no OS keyring anywhere (keyring's fail backend is active in every test here)."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from sqlalchemy import select

from app.accounts.service import (
    authenticate,
    change_own_secret,
    reset_secret,
    update_user,
)
from app.accounts.sessions import end_session
from app.errors import UserError
from app.inspections.service import answer_remaining, finalize_inspection, start_inspection
from app.reports.forms import UNSIGNED_NO_KEY, UNSIGNED_ON_REQUEST, print_form
from app.signing import session_keys
from app.signing.person_keys import signs_forms
from db.models import OutboxEntry, SigningCertificate, SigningKey
from tests.helpers import PRINCIPAL_PASSWORD, make_user, open_db
from ui.launcher import main as xiaoan

pytestmark = [
    pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"),
    pytest.mark.usefixtures("no_keyring"),
]


def pdfsig(path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def patrol(ws, actor):
    iid = start_inspection(ws, actor, "daily_patrol", ["daily_patrol"], place="全校")
    answer_remaining(ws, actor, iid)
    finalize_inspection(ws, actor, iid)
    return iid


def certificates(ws, user_id) -> list[SigningCertificate]:
    with ws.read() as s:
        return list(
            s.scalars(
                select(SigningCertificate)
                .where(SigningCertificate.user_id == user_id)
                .order_by(SigningCertificate.created_at, SigningCertificate.id)
            )
        )


def current_fingerprint(ws, user_id) -> str:
    with ws.read() as s:
        key = s.get(SigningKey, user_id)
        return s.get(SigningCertificate, key.certificate_id).fingerprint


def test_the_principal_prints_an_inspection_signed_in_her_own_name(
    workspace, principal, tmp_path, capsys
):
    patrol(workspace, principal)
    rendered = print_form(workspace, principal, "inspection", "latest")
    assert rendered.signed_by == "张丽（校长）"
    path = tmp_path / "inspection.pdf"
    path.write_bytes(rendered.pdf)

    report = pdfsig(path)
    assert "Signature is Valid." in report
    assert "Signer Certificate Common Name: 张丽" in report
    assert "title=校长" in report and "O=东风乡中心学校" in report
    assert "本表电子文件已由张丽（校长）加数字签名" in pdftotext(path)

    assert xiaoan(["verify-pdf", "--data-dir", str(workspace.data_dir), str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("一致") and "张丽" in out


def test_the_first_principal_signs_right_after_setting_up_the_school(empty_workspace, tmp_path):
    from app.school.service import SchoolProfile, set_up_school

    profile = SchoolProfile(name="西岭村小学", code="220105-0031", kind="primary")
    actor = set_up_school(
        empty_workspace, profile, principal_name="刘军", username="liujun",
        secret_kind="pin", secret="502618",
    )  # fmt: skip
    patrol(empty_workspace, actor)
    path = tmp_path / "first.pdf"
    path.write_bytes(print_form(empty_workspace, actor, "inspection", "latest").pdf)
    report = pdfsig(path)
    assert "Signature is Valid." in report and "Common Name: 刘军" in report
    assert "O=西岭村小学" in report


def test_a_paper_print_says_it_is_unsigned_and_carries_no_signature(
    workspace, principal, tmp_path, capsys, monkeypatch
):
    patrol(workspace, principal)
    rendered = print_form(workspace, principal, "inspection", "latest", sign=False)
    assert (rendered.signed, rendered.unsigned_reason) == (False, UNSIGNED_ON_REQUEST)
    path = tmp_path / "paper.pdf"
    path.write_bytes(rendered.pdf)
    assert "本表未加数字签名，以手写签字为准" in pdftotext(path)
    assert "does not contain any signatures" in pdfsig(path)

    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["verify-pdf", "--data-dir", str(workspace.data_dir), str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("matches") and "No digital signature" in out


def test_without_an_unlocked_key_the_form_is_a_paper_print_not_an_error(
    workspace, principal, tmp_path
):
    patrol(workspace, principal)
    session_keys.forget(principal.user_id)  # e.g. signed in on a build from before keys
    rendered = print_form(workspace, principal, "inspection", "latest")
    assert (rendered.signed, rendered.unsigned_reason) == (False, UNSIGNED_NO_KEY)
    path = tmp_path / "paper.pdf"
    path.write_bytes(rendered.pdf)
    assert "本表未加数字签名" in pdftotext(path)


def test_a_broken_signature_is_reported(workspace, principal, tmp_path, capsys, monkeypatch):
    patrol(workspace, principal)
    signed = print_form(workspace, principal, "inspection", "latest").pdf
    tampered = bytearray(signed)
    tampered[signed.index(b"stream", len(signed) // 4) + 20] ^= 0x01
    path = tmp_path / "tampered.pdf"
    path.write_bytes(bytes(tampered))
    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["verify-pdf", "--data-dir", str(workspace.data_dir), str(path)]) == 1
    assert "Digital signature broken" in capsys.readouterr().out


def test_every_role_with_a_login_signs_and_the_app_itself_does_not():
    from app.accounts.roles import Role

    assert all(signs_forms(role) for role in Role)
    assert not signs_forms("system")


def test_private_keys_never_appear_in_clear_in_the_database_file_or_the_outbox(
    workspace, principal
):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    teacher = authenticate(workspace, "wangqiang", "482913")
    ders = [session_keys.identity_for(a.user_id).key_der for a in (principal, teacher)]

    raw = b"".join(
        p.read_bytes() for p in workspace.data_dir.iterdir() if p.name.startswith("xiaoan.sqlite3")
    )
    with open_db(workspace.db_path) as conn:  # the WAL too: read through SQLite
        raw += b"".join(r[0] for r in conn.execute("SELECT sealed_key FROM signing_key"))
    for der in ders:
        pem_body = base64.b64encode(der)
        assert der not in raw and der[-40:] not in raw  # the DER, or its private scalar
        assert pem_body[:64] not in raw and pem_body[-64:] not in raw  # the PEM's lines
    assert b"PRIVATE KEY" not in raw

    with workspace.read() as s:
        outbox = list(s.scalars(select(OutboxEntry)))
    assert "signing_key" not in {o.table_name for o in outbox}
    assert sum(o.table_name == "signing_certificate" for o in outbox) == 2
    text = str([o.changes for o in outbox])
    assert "PRIVATE" not in text and "sealed" not in text
    for der in ders:
        assert base64.b64encode(der)[-64:].decode() not in text


def test_changing_ones_own_pin_keeps_the_key_and_signing_works(workspace, principal, tmp_path):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    teacher = authenticate(workspace, "wangqiang", "482913")
    patrol(workspace, teacher)
    before = current_fingerprint(workspace, teacher.user_id)

    change_own_secret(workspace, teacher, current="482913", secret_kind="pin", secret="739251")
    assert print_form(workspace, teacher, "inspection", "latest").signed  # still unlocked
    end_session(workspace, teacher)
    assert session_keys.identity_for(teacher.user_id) is None  # signed out: dropped

    with pytest.raises(UserError):
        authenticate(workspace, "wangqiang", "482913")
    teacher = authenticate(workspace, "wangqiang", "739251")
    rendered = print_form(workspace, teacher, "inspection", "latest")
    path = tmp_path / "after-change.pdf"
    path.write_bytes(rendered.pdf)
    assert "Signature is Valid." in pdfsig(path)
    assert "Common Name: wangqiang-name" in pdfsig(path)
    assert current_fingerprint(workspace, teacher.user_id) == before  # the same key and cert
    assert len(certificates(workspace, teacher.user_id)) == 1


def test_a_principals_reset_gives_a_new_certificate_and_keeps_the_old_on_record(
    workspace, principal, tmp_path, capsys, monkeypatch
):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    teacher = authenticate(workspace, "wangqiang", "482913")
    patrol(workspace, teacher)
    old_pdf = tmp_path / "before-reset.pdf"
    old_pdf.write_bytes(print_form(workspace, teacher, "inspection", "latest").pdf)
    old = current_fingerprint(workspace, teacher.user_id)

    reset_secret(workspace, principal, teacher.user_id, secret_kind="pin", secret="604127")
    assert session_keys.identity_for(teacher.user_id) is None  # the old key is gone
    teacher = authenticate(workspace, "wangqiang", "604127")
    new_pdf = tmp_path / "after-reset.pdf"
    new_pdf.write_bytes(print_form(workspace, teacher, "inspection", "latest").pdf)

    certs = certificates(workspace, teacher.user_id)
    assert len(certs) == 2
    assert certs[0].fingerprint == old and certs[0].superseded_at is not None
    assert certs[1].fingerprint == current_fingerprint(workspace, teacher.user_id) != old
    assert certs[1].superseded_at is None
    assert "Signature is Valid." in pdfsig(new_pdf)
    monkeypatch.setenv("XIAOAN_LANG", "en")
    for pdf in (old_pdf, new_pdf):  # the paper printed before the reset still verifies
        assert xiaoan(["verify-pdf", "--data-dir", str(workspace.data_dir), str(pdf)]) == 0
        assert "certificate is on record here" in capsys.readouterr().out


def test_people_from_before_signing_keys_get_one_when_they_sign_in(workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    session_keys.forget_everyone()
    with open_db(workspace.db_path) as conn:  # as a database from an older version
        conn.execute("DELETE FROM signing_key")
        conn.execute("DELETE FROM signing_certificate")
    teacher = authenticate(workspace, "wangqiang", "482913")
    assert session_keys.identity_for(teacher.user_id) is not None
    assert len(certificates(workspace, teacher.user_id)) == 1
    with workspace.read() as s:
        queued = s.scalars(
            select(OutboxEntry.table_name).where(OutboxEntry.table_name == "signing_certificate")
        ).all()
    assert queued  # the new certificate travels to the bureau


def test_a_new_name_gets_a_new_certificate_for_the_same_key_at_the_next_sign_in(
    workspace, principal, tmp_path
):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    user = authenticate(workspace, "wangqiang", "482913")
    with workspace.read() as s:
        sealed_before = s.get(SigningKey, user.user_id).sealed_key
    update_user(workspace, principal, user.user_id, display_name="王强", role="safety_officer")
    user = authenticate(workspace, "wangqiang", "482913")
    certs = certificates(workspace, user.user_id)
    assert [c.holder_name for c in certs] == ["wangqiang-name", "王强"]
    assert certs[0].superseded_at is not None and certs[1].holder_role == "safety_officer"
    with workspace.read() as s:
        assert s.get(SigningKey, user.user_id).sealed_key == sealed_before  # same key
    patrol(workspace, user)
    path = tmp_path / "renamed.pdf"
    path.write_bytes(print_form(workspace, user, "inspection", "latest").pdf)
    report = pdfsig(path)
    assert "Common Name: 王强" in report and "title=安全主任" in report


def test_printing_from_the_command_line_signs_as_the_named_user(
    workspace, principal, tmp_path, capsys, monkeypatch
):
    patrol(workspace, principal)
    workspace.close()
    data = str(workspace.data_dir)
    monkeypatch.setenv("XIAOAN_LANG", "en")
    signed, plain, refused = (tmp_path / f"{n}.pdf" for n in ("signed", "plain", "refused"))

    monkeypatch.setenv("XIAOAN_SIGN_SECRET", PRINCIPAL_PASSWORD)
    assert xiaoan(["print", "inspection", "--data-dir", data, "--user", "zhangli", "-o", str(signed)]) == 0  # fmt: skip
    assert "digitally signed by 张丽（校长）" in capsys.readouterr().out
    assert "Signature is Valid." in pdfsig(signed)
    assert xiaoan(["print", "inspection", "--data-dir", data, "--plain", "-o", str(plain)]) == 0
    assert "without a digital signature" in capsys.readouterr().out
    assert "does not contain any signatures" in pdfsig(plain)

    monkeypatch.setenv("XIAOAN_SIGN_SECRET", "not-the-password")
    assert xiaoan(["print", "inspection", "--data-dir", data, "--user", "zhangli", "-o", str(refused)]) == 2  # fmt: skip
    assert "Wrong user name, password or PIN" in capsys.readouterr().err
    assert not refused.exists()


def test_the_sealed_key_costs_an_attacker_as_much_as_the_pin_hash_beside_it():
    from app.accounts.secrets import _hasher
    from app.signing.person_keys import KDF_MEMORY_KIB, KDF_PARALLELISM, KDF_TIME_COST

    hasher = _hasher()
    assert (
        hasher.time_cost,
        hasher.memory_cost,
        hasher.parallelism,
    ) == (KDF_TIME_COST, KDF_MEMORY_KIB, KDF_PARALLELISM)


def test_a_damaged_key_never_stops_sign_in_or_printing(workspace, principal, tmp_path):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    with open_db(workspace.db_path) as conn:
        conn.execute("UPDATE signing_key SET sealed_key = zeroblob(length(sealed_key))")
    teacher = authenticate(workspace, "wangqiang", "482913")  # signs in all the same
    patrol(workspace, teacher)
    rendered = print_form(workspace, teacher, "inspection", "latest")
    assert (rendered.signed, rendered.unsigned_reason) == (False, UNSIGNED_NO_KEY)
    # Changing the PIN cannot re-seal a key that does not open: a fresh one replaces it.
    change_own_secret(workspace, teacher, current="482913", secret_kind="pin", secret="739251")
    assert print_form(workspace, teacher, "inspection", "latest").signed
    assert [c.superseded_at is not None for c in certificates(workspace, teacher.user_id)] == [
        True,
        False,
    ]


def test_a_key_sealed_at_an_older_cost_is_sealed_again_at_sign_in(
    workspace, principal, monkeypatch
):
    import os

    from app.signing import person_keys

    cheap = person_keys.KdfParams.fresh
    monkeypatch.setattr(
        person_keys.KdfParams, "fresh", classmethod(lambda cls: cls(os.urandom(16), time_cost=1))
    )
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    monkeypatch.setattr(person_keys.KdfParams, "fresh", cheap)
    with workspace.read() as s:
        assert s.get(SigningKey, principal.user_id).kdf_time_cost == person_keys.KDF_TIME_COST
        user_id = s.scalar(select(SigningKey.user_id).where(SigningKey.kdf_time_cost == 1))
    before = current_fingerprint(workspace, user_id)

    teacher = authenticate(workspace, "wangqiang", "482913")
    with workspace.read() as s:
        assert s.get(SigningKey, user_id).kdf_time_cost == person_keys.KDF_TIME_COST
    assert current_fingerprint(workspace, user_id) == before  # the same key, sealed anew
    assert session_keys.identity_for(teacher.user_id) is not None
    session_keys.forget_everyone()
    assert session_keys.identity_for(authenticate(workspace, "wangqiang", "482913").user_id)
