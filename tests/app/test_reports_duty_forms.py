"""Every printable form from the command line, the handover sheet and the zone placard,
the empty boxes of missing data, and a 300-row ledger from real hazards."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import timedelta

import pytest

from app.accounts.service import authenticate
from app.actor import Actor
from app.demo import PRINCIPAL
from app.reports.forms import print_form
from app.reports.verify import Verdict, read_stamp, verify_pdf
from app.workspace import Workspace
from tests.helpers import add_hazards
from ui.launcher import main as xiaoan

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"
)

ALL_FORMS = [
    ("inspection", "安全检查记录表"),
    ("hazard-notice", "隐患整改通知单"),
    ("recheck", "隐患复查销号单"),
    ("ledger", "隐患整改台账"),
    ("handover", "交接班记录"),
    ("placard", "安全责任区公示牌"),
]


def poppler(tool: str, path, *args: str) -> str:
    out = ["-"] if tool == "pdftotext" else []
    return subprocess.run([tool, *args, str(path), *out], capture_output=True, text=True).stdout


def image_count(path) -> int:
    listing = poppler("pdfimages", path, "-list").splitlines()
    return len([line for line in listing[2:] if line.strip()])


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory, module_user_dirs, demo_template):
    path = tmp_path_factory.mktemp("demo") / "school"
    demo_template.copy_to(path)
    return path


@pytest.fixture
def demo(demo_dir, no_keyring):
    ws = Workspace.open(demo_dir)
    yield ws, authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
    ws.close()


@pytest.mark.parametrize(("key", "title"), ALL_FORMS)
def test_every_form_prints_from_the_command_line_signed_with_the_font_embedded(
    demo_dir, no_keyring, tmp_path, key, title, monkeypatch
):
    out = tmp_path / f"{key}.pdf"
    monkeypatch.setenv("XIAOAN_SIGN_SECRET", PRINCIPAL[2])
    args = ["print", key, "--data-dir", str(demo_dir), "--user", PRINCIPAL[0], "-o", str(out)]
    assert xiaoan(args) == 0

    fonts = [line for line in poppler("pdffonts", out).splitlines() if "WenQuanYi" in line]
    assert fonts and " yes yes " in fonts[0]  # embedded, as a subset
    text = poppler("pdftotext", out, "-layout")
    stamp = read_stamp(out)
    assert title in text and stamp is not None and stamp.record_id in text
    assert "Signature is Valid." in poppler("pdfsig", out)

    signed = out.read_bytes()
    tampered = bytearray(signed)
    start = signed.index(b"stream", len(signed) // 4) + 20  # inside a page's content stream
    tampered[start] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(tampered))
    report = poppler("pdfsig", bad)
    assert "Signature #1" in report and "Signature is Valid." not in report


def test_the_handover_sheet_shows_both_drawn_signatures_with_names(demo, tmp_path):
    ws, principal = demo
    from app.reports.duty_forms import handover_facts, latest_handover

    facts = handover_facts(ws, latest_handover(ws))
    path = tmp_path / "handover.pdf"
    path.write_bytes(print_form(ws, principal, "handover", "latest").pdf)
    text = poppler("pdftotext", path, "-layout")
    assert "交班人签字" in text and "接班人签字" in text
    assert facts["outgoing"] in text and facts["incoming"] in text
    assert "巡查记录" in text and "校门" in text
    assert image_count(path) == 2  # the two signatures, drawn from their strokes


def _open_shift(ws):
    from app.duty.roster import list_shifts
    from app.hazards.service import school_today

    today = school_today()
    return next(v for v in list_shifts(ws, today, today + timedelta(days=5)) if not v.has_handover)


def test_an_unsigned_incoming_person_and_an_empty_shift_render_with_empty_boxes(
    demo, demo_dir, tmp_path, capsys, monkeypatch
):
    ws, principal = demo
    from app.duty.handover import HandoverDraft, record_handover, sign_handover

    shift = _open_shift(ws)
    system = Actor.system()
    h = record_handover(ws, system, shift.id, HandoverDraft(peaceful=True))
    sign_handover(ws, system, h.id, shift.staff_id, [[(0, 0, 0), (30, 20, 40), (60, 5, 80)]])
    path = tmp_path / "half-signed.pdf"
    path.write_bytes(print_form(ws, principal, "handover", str(h.id)).pdf)
    text = poppler("pdftotext", path, "-layout")
    assert "接班人签字" in text and "签字：" in text  # the incoming box, empty for a pen
    assert shift.staff_name in text
    assert "（未指定）" in text and "（未记录巡查）" in text and "本班无异常情况" in text
    assert image_count(path) == 1  # only the outgoing person's signature

    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["verify-pdf", "--data-dir", str(demo_dir), str(path)]) == 0
    assert capsys.readouterr().out.startswith("matches")
    other = next(v for v in _staff(ws) if v.id != shift.staff_id)
    sign_handover(ws, system, h.id, other.id, [[(0, 9, 0), (40, 0, 50)]])
    assert xiaoan(["verify-pdf", "--data-dir", str(demo_dir), str(path)]) == 1
    assert capsys.readouterr().out.startswith("record changed since printing")


def _staff(ws):
    from app.staff.service import list_staff

    return list_staff(ws)


def test_a_handover_sheet_is_unknown_to_another_school(demo, workspace, tmp_path):
    ws, principal = demo
    path = tmp_path / "handover.pdf"
    path.write_bytes(print_form(ws, principal, "handover", "latest").pdf)
    assert verify_pdf(ws, path)[0] is Verdict.MATCHES
    assert verify_pdf(workspace, path)[0] is Verdict.UNKNOWN


def test_the_placard_shows_the_zone_its_three_people_their_phones_and_a_qr(demo, tmp_path):
    ws, principal = demo
    from app.grid.overview import grid_overview
    from app.hazards.service import school_today

    rows = [r for r in grid_overview(ws, school_today()).rows if r.target == "zone"]
    staffed = next(r for r in rows if r.person and r.person_phone)
    path = tmp_path / "placard.pdf"
    path.write_bytes(print_form(ws, principal, "placard", str(staffed.id)).pdf)
    text = poppler("pdftotext", path, "-layout")
    for value in (staffed.name, staffed.leader, staffed.person, staffed.person_phone):
        assert value in text
    assert "分管领导" in text and "监督人" in text.replace(" ", "")
    assert image_count(path) == 1  # the large QR code
    assert verify_pdf(ws, path)[0] is Verdict.MATCHES

    open_zone = next(r for r in rows if r.person is None)  # nobody answers for it yet
    path.write_bytes(print_form(ws, principal, "placard", str(open_zone.id)).pdf)
    text = poppler("pdftotext", path, "-layout")
    assert open_zone.name in text and "责任人" in text.replace(" ", "")


def test_an_inspection_without_photos_leaves_the_principal_box_empty(demo, tmp_path):
    ws, principal = demo
    from app.inspections.queries import inspection_detail, list_inspections

    def details():
        for i in list_inspections(ws, principal, limit=50):
            yield inspection_detail(ws, principal, i.id)

    # Not countersigned yet: the principal signs that box by hand.
    no_photos = next(
        d.row
        for d in details()
        if d.principal_signature is None and not any(a.photos for a in d.answers)
    )
    path = tmp_path / "inspection.pdf"
    path.write_bytes(print_form(ws, principal, "inspection", str(no_photos.id)).pdf)
    text = poppler("pdftotext", path, "-layout")
    assert "校长签字" in text and "签字：" in text
    assert "检查照片" not in text


def test_a_300_row_ledger_repeats_its_header_on_every_page(workspace, principal, tmp_path):
    add_hazards(workspace, principal, 300)
    rendered = print_form(workspace, principal, "ledger", "latest", sign=False)
    path = tmp_path / "ledger.pdf"
    path.write_bytes(rendered.pdf)
    pages = [p for p in poppler("pdftotext", path, "-layout").split("\f") if p.strip()]
    assert len(pages) >= 5
    for n, page in enumerate(pages, start=1):
        assert "隐患编号" in page and "整改期限" in page, f"page {n} lacks the header row"
        assert f"第 {n} 页 / 共 {len(pages)} 页" in page
    assert "共 300 条" in pages[0]
    assert uuid.UUID(rendered.stamp.record_id)


def test_the_demo_has_signed_letters_and_one_not_signed_yet(demo):
    from app.compliance.engine import records_since
    from app.grid.letters import list_letters, unsigned_staff

    ws, _principal = demo
    letters = list_letters(ws)
    assert len(letters) == 6 and {v.issuer_name for v in letters} == {"张丽"}
    assert [v.signer_name for v in letters if v.signed_on is None] == ["钱师傅"]
    assert "钱师傅" in unsigned_staff(ws, letters[0].year)
    with ws.read() as s:  # the sample school has kept its records here since September
        assert records_since(s, ws.school_id).isoformat() == f"{letters[0].year}-09-01"
