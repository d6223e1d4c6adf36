"""The bureau's decisions reach a school's PCs, one by network and one by USB, and the
school's acknowledgement comes back (real bureau on loopback, PostgreSQL)."""

from __future__ import annotations

import pytest

from app.bureau.cli import main as bureau_main
from app.compliance.rules import load_rules
from app.inspections.templates import catalog
from app.oversight import service
from app.sync.enrollment import import_enrollment
from app.sync.service import export_usb, import_usb, sync_pass
from app.workspace import Workspace
from tests.app.oversight_helpers import fire_template, rules_text
from tests.sync_support import running_bureau
from tests.two_way_support import enroll

CODE = "220105-0012"


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


def test_a_template_and_rules_reach_one_pc_by_network_and_another_by_usb_and_a_notice_is_read(
    workspace, principal, postgres_url, tmp_path, capsys
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:

        def run(*args: str) -> int:
            return bureau_main(["--key-dir", str(bureau.key_dir), "--db", bureau.db_url, *args])

        office_net = enroll(workspace, bureau, tmp_path / "e1")
        assert sync_pass(workspace, transport=office_net).problem == ""
        village = Workspace.open(tmp_path / "village")
        try:
            import_enrollment(village, bureau.enroll(tmp_path / "e2"))
            stick, replies = tmp_path / "stick", tmp_path / "replies"
            export_usb(village, stick)
            assert run("import-usb", str(stick)) == 0

            template = tmp_path / "fire.jsonl"
            template.write_text(fire_template(2), "utf-8")
            rules = tmp_path / "rules-v2.json"
            rules.write_text(rules_text("bureau-2026.2"), "utf-8")
            assert run("publish-template", str(template)) == 0
            assert run("publish-rules", str(rules)) == 0
            assert run("notice", "--all", "--text", "寒假前完成安全大检查", "--ack-required") == 0

            # By network.
            assert sync_pass(workspace, transport=office_net).problem == ""
            # By USB.
            assert run("export-returns", str(replies), "--school-code", CODE) == 0
            assert import_usb(village, replies).applied >= 1

            for ws in (workspace, village):
                fire = catalog(ws.data_dir, reload=True).get("fire")
                assert fire.version == 2  # the next new inspection uses it
                assert "fire" in service.template_updates(ws)
                assert load_rules(data_dir=ws.data_dir).version == "bureau-2026.2"
                (notice,) = service.notices_to_acknowledge(ws)
                assert "寒假前完成安全大检查" in notice.text

            # The office acknowledges; the bureau sees who read it, and when.
            service.acknowledge_notice(workspace, principal, notice.id)
            assert sync_pass(workspace, transport=office_net).problem == ""
            assert service.notices_to_acknowledge(workspace) == []
            capsys.readouterr()
            assert run("notice-reads", "--notice", str(notice.id)) == 0
            out = capsys.readouterr().out
            assert principal.name in out and "1 school(s) read it, 0 not yet." in out
            # The village PC learns it was read, through the bureau.
            export_usb(village, stick)
            assert run("import-usb", str(stick)) == 0
            assert run("export-returns", str(replies), "--school-code", CODE) == 0
            import_usb(village, replies)
            assert service.notices_to_acknowledge(village) == []
        finally:
            village.close()
