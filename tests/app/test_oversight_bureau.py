"""The bureau's publications against a real PostgreSQL: the commands, what each device gets
(audience, byte budget, cursor), and the school's answers coming back through sync."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.bureau import publications as pub
from app.bureau.cli import main as bureau_main
from app.hazards.service import HazardReport, escalate_hazard, report_hazard
from app.oversight import service
from app.sync.bundle import canonical_json
from app.sync.service import sync_pass
from db.models import BureauSchool, School, SupervisionReply, SyncEnrollment
from db.session import make_engine
from tests.app.oversight_helpers import fire_template, rules_text
from tests.app.test_sync_e2e import enroll
from tests.sync_support import running_bureau

A, B, K = "220105-0012", "220105-0031", "220105-0100"


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


class Bureau:
    def __init__(self, db_url: str, key_dir) -> None:
        self.db_url, self.key_dir = db_url, key_dir
        assert self("init") == 0
        self.engine = make_engine(db_url)

    def __call__(self, *args) -> int:
        return bureau_main(["--key-dir", str(self.key_dir), "--db", self.db_url, *args])

    def school(self, code: str, kind: str | None = None, tmp=None) -> uuid.UUID:
        """An enrolled school; with ``kind``, bound to a school row of that kind (as after
        its first sync)."""
        assert self("enroll", "--school-code", code, "--name", f"学校{code}", "--out",
                    str(tmp / f"{code}.json")) == 0  # fmt: skip
        sid = uuid.uuid4()
        if kind is not None:
            with self.engine.begin() as conn:
                conn.execute(
                    School.__table__.insert().values(
                        id=sid,
                        school_id=sid,
                        hlc=1,
                        origin_device=uuid.uuid4(),
                        created_at=datetime.now(UTC),
                        updated_at=datetime.now(UTC),
                        name=f"学校{code}",
                        code=code,
                        kind=kind,
                        boarding=False,
                        has_school_bus=False,
                        district="",
                        address="",
                    )  # fmt: skip
                )
                conn.execute(
                    update(BureauSchool.__table__)
                    .where(BureauSchool.code == code)
                    .values(school_id=sid)
                )
        return sid


@pytest.fixture
def bureau(postgres_url, tmp_path):
    b = Bureau(postgres_url, tmp_path / "keys")
    yield b
    b.engine.dispose()


def device_items(bureau, code, school_id, after=0, budget=1 << 20):
    with bureau.engine.connect() as conn:
        return pub.for_device(
            conn, school_code=code, school_id=school_id, after=after, budget=budget
        )


def test_each_school_gets_what_is_meant_for_it_in_order_and_the_cursor_passes_the_rest(
    bureau, tmp_path, capsys
):
    a = bureau.school(A, "primary", tmp_path)
    bureau.school(B, "secondary", tmp_path)
    assert bureau("notice", "--all", "--text", "全体学校：寒假安全教育") == 0
    assert bureau("notice", "--to", B, "--text", "只给B校") == 0
    assert bureau("notice", "--school-type", "primary", "--text", "小学", "--ack-required") == 0
    assert bureau("notice", "--school-type", "kindergarten", "--text", "幼儿园") == 0
    assert bureau("notice", "--to", A, "--text", "只给A校") == 0
    assert bureau("notice", "--to", B, "--text", "又给B校") == 0
    items, through = device_items(bureau, A, a)
    assert [i["body"]["text"] for i in items] == ["全体学校：寒假安全教育", "小学", "只给A校"]
    assert [i["seq"] for i in items] == [1, 3, 5]
    assert through == 6  # past B's last notice too
    first = items[0]
    assert set(first) == {"seq", "id", "kind", "published_at", "body"}
    assert first["kind"] == "notice" and first["body"] == {
        "text": "全体学校：寒假安全教育",
        "ack_required": False,
    }
    assert datetime.fromisoformat(first["published_at"]).utcoffset() == timedelta(0)
    assert items[1]["body"]["ack_required"] is True
    # Nothing newer: nothing, and the cursor stays.
    assert device_items(bureau, A, a, after=6) == ([], 6)
    # Before the bureau knows the school's kind it stops at the first publication for a
    # type (it may be meant for this school), and takes it up once the kind is known.
    items, through = device_items(bureau, A, None)
    assert [i["seq"] for i in items] == [1] and through == 2
    assert device_items(bureau, A, uuid.uuid4(), after=2) == ([], 2)
    items, through = device_items(bureau, A, a, after=2)
    assert [i["seq"] for i in items] == [3, 5] and through == 6
    # An unknown audience and bad input are refused, nothing written.
    capsys.readouterr()
    assert bureau("notice", "--to", "999999", "--text", "x") == 2
    assert "no school with code 999999" in capsys.readouterr().err
    assert bureau("notice", "--school-type", "university", "--text", "x") == 2
    assert "unknown school type" in capsys.readouterr().err
    assert bureau("notice", "--all", "--text", "  ") == 2
    with pytest.raises(SystemExit):
        bureau("notice", "--all", "--to", A, "--text", "x")
    assert device_items(bureau, A, a, after=6) == ([], 6)


def test_the_byte_budget_cuts_between_items_but_always_gives_one(bureau, tmp_path):
    a = bureau.school(A, "primary", tmp_path)
    for n in range(5):
        assert bureau("notice", "--to", A, "--text", f"通知{n}" + "安" * 300) == 0
    everything, _ = device_items(bureau, A, a)
    one = len(canonical_json(everything[0]))
    # Room for two items in a JSON list: two come, then the rest from where it stopped.
    items, through = device_items(bureau, A, a, budget=2 * one + 3)
    assert [i["seq"] for i in items] == [1, 2] and through == 2
    assert len(canonical_json(items)) <= 2 * one + 3
    items, through = device_items(bureau, A, a, after=through, budget=10)
    assert [i["seq"] for i in items] == [3] and through == 3  # over budget: still one
    items, through = device_items(bureau, A, a, after=through)
    assert [i["seq"] for i in items] == [4, 5] and through == 5


def test_templates_and_rules_are_checked_and_must_be_newer(bureau, tmp_path, capsys):
    a = bureau.school(A, "primary", tmp_path)
    bureau.school(K, "kindergarten", tmp_path)
    good = tmp_path / "fire.jsonl"
    good.write_text(fire_template(2), "utf-8")
    shipped = tmp_path / "fire-v1.jsonl"
    shipped.write_text(fire_template(1), "utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(fire_template(3).replace('"area": "fire"', '"area": "moon"', 1), "utf-8")
    capsys.readouterr()
    assert bureau("publish-template", str(shipped)) == 2
    assert "not higher than the version shipped" in capsys.readouterr().err
    assert bureau("publish-template", str(broken)) == 2
    assert "unknown area moon" in capsys.readouterr().err
    assert bureau("publish-template", str(tmp_path / "missing.jsonl")) == 2
    assert bureau("publish-template", str(good), "--school-type", "kindergarten") == 0
    assert bureau("publish-template", str(good)) == 2
    assert "already published" in capsys.readouterr().err
    rules = tmp_path / "rules-v2.json"
    rules.write_text(rules_text("bureau-2026.2"), "utf-8")
    bad_name = tmp_path / "my-rules.json"
    bad_name.write_text(rules_text(), "utf-8")
    old = tmp_path / "rules-v1.json"
    old.write_text(rules_text(), "utf-8")
    bad = tmp_path / "rules-v3.json"
    doc = json.loads(rules_text())
    doc["rules"][0]["how_often"] = "hourly"
    bad.write_text(json.dumps(doc), "utf-8")
    capsys.readouterr()
    assert bureau("publish-rules", str(bad_name)) == 2
    assert "rules-vN.json" in capsys.readouterr().err
    assert bureau("publish-rules", str(old)) == 2
    assert "shipped" in capsys.readouterr().err
    assert bureau("publish-rules", str(bad)) == 2
    assert "how_often" in capsys.readouterr().err
    assert bureau("publish-rules", str(rules)) == 0
    assert bureau("publish-rules", str(rules)) == 2
    items, through = device_items(bureau, A, a)
    assert [i["kind"] for i in items] == ["rules"] and through == 2
    assert items[0]["body"]["number"] == 2 and items[0]["body"]["version"] == "bureau-2026.2"
    kinder, _ = device_items(bureau, K, bureau_school_id(bureau, K))
    assert [i["kind"] for i in kinder] == ["template", "rules"]
    assert kinder[0]["body"]["text"] == good.read_text("utf-8")


def bureau_school_id(bureau, code):
    with bureau.engine.connect() as conn:
        return conn.execute(
            select(BureauSchool.school_id).where(BureauSchool.code == code)
        ).scalar()


def test_orders_answers_and_acknowledgements_go_round_between_bureau_and_school(
    workspace, principal, postgres_url, tmp_path, capsys
):
    ws = workspace
    hid = report_hazard(ws, principal, HazardReport(title="教学楼西侧围墙开裂", area="buildings"))
    escalate_hazard(ws, principal, hid, "需区财政拨款维修，学校无力承担")
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        run = lambda *a: bureau_main(["--key-dir", str(bureau.key_dir), "--db", bureau.db_url, *a])  # noqa: E731
        transport = enroll(ws, bureau, tmp_path)
        assert sync_pass(ws, transport=transport).problem == ""
        capsys.readouterr()
        assert run("escalations") == 0
        out = capsys.readouterr().out
        assert str(hid) in out and "需区财政拨款维修" in out and "not answered yet" in out
        assert run("answer-escalation", "--hazard", str(hid), "--text", "已列入区财政专项") == 0
        assert run("escalations") == 0
        assert "answered" in capsys.readouterr().out.split("not answered")[0]
        deadline = (date.today() + timedelta(days=10)).isoformat()
        assert run("supervise", "--school-code", A, "--hazard", str(hid),
                   "--deadline", deadline, "--text", "限期整改并书面回复") == 0  # fmt: skip
        assert run("supervise", "--school-code", A, "--duty", "daily_patrol 2026-11",
                   "--deadline", deadline, "--text", "补齐日巡查记录") == 0  # fmt: skip
        assert run("notice", "--to", A, "--text", "请确认收到", "--ack-required") == 0
        # Refusals: another school's or an unknown hazard, a passed deadline, no subject.
        capsys.readouterr()
        assert run("supervise", "--school-code", A, "--hazard", str(uuid.uuid4()),
                   "--deadline", deadline, "--text", "x") == 2  # fmt: skip
        assert "no hazard" in capsys.readouterr().err
        assert run("supervise", "--school-code", A, "--duty", "x",
                   "--deadline", "2020-01-01", "--text", "x") == 2  # fmt: skip
        assert "already passed" in capsys.readouterr().err
        assert run("answer-escalation", "--hazard", str(uuid.uuid4()), "--text", "x") == 2
        capsys.readouterr()
        assert run("supervision-orders") == 0
        out = capsys.readouterr().out
        assert out.count(" open") == 2 and "限期整改并书面回复" in out
        # The next pass brings them down in its return bundle (content.json).
        with bureau.engine.connect() as conn:
            items, through = pub.for_device(
                conn, school_code=A, school_id=ws.school_id, after=0, budget=1 << 20
            )
        assert [i["kind"] for i in items] == [
            "hazard_answer", "supervision", "supervision", "notice"
        ]  # fmt: skip
        assert sync_pass(ws, transport=transport).problem == ""
        with ws.read() as s:
            assert s.get(SyncEnrollment, 1).content_through == through
            assert s.get(SyncEnrollment, 1).last_received["items"] == 4
        assert [a.text for a in service.hazard_answers(ws, hid)] == ["已列入区财政专项"]
        orders = {o.subject: o for o in service.open_orders(ws)}
        service.reply_to_order(ws, principal, orders["hazard"].id, "已设置围挡，等待拨款")
        notice = service.notices_to_acknowledge(ws)[0]
        service.acknowledge_notice(ws, principal, notice.id)
        assert sync_pass(ws, transport=transport).problem == ""
        capsys.readouterr()
        assert run("supervision-orders") == 0
        out = capsys.readouterr().out
        assert "answered" in out and "已设置围挡，等待拨款" in out and principal.name in out
        assert out.count(" open") == 1
        assert run("notice-reads", "--notice", str(notice.id)) == 0
        out = capsys.readouterr().out
        assert f"read    {A}" in out and principal.name in out
        assert "1 school(s) read it, 0 not yet." in out
        assert run("notice-reads", "--notice", str(uuid.uuid4())) == 2


def test_notice_reads_lists_the_schools_that_have_not_read(bureau, tmp_path, capsys):
    bureau.school(A, "primary", tmp_path)
    bureau.school(B, "secondary", tmp_path)
    bureau.school(K, "kindergarten", tmp_path)
    done = pub.publish_notice(bureau.engine, text_="中小学注意", school_type="primary")
    reads = pub.notice_reads(bureau.engine, done.id)
    assert [s.school_code for s in reads.not_read] == [A] and reads.read == ()
    done = pub.publish_notice(bureau.engine, text_="全体", all_schools=True, ack_required=True)
    capsys.readouterr()
    assert bureau("notice-reads", "--notice", str(done.id)) == 0
    out = capsys.readouterr().out
    assert out.count("unread") == 3 and "0 school(s) read it, 3 not yet." in out


def test_only_the_addressed_schools_reply_answers_an_order(bureau, tmp_path, capsys):
    a = bureau.school(A, "primary", tmp_path)
    b = bureau.school(B, "secondary", tmp_path)
    deadline = date.today() + timedelta(days=3)
    order = pub.supervise(
        bureau.engine, school_code=A, deadline=deadline, text_="补齐记录", duty="zero_report"
    )
    late = pub.supervise(
        bureau.engine, school_code=B, deadline=date.today(), text_="x", duty="y",
        today=date.today(),
    )  # fmt: skip
    now = datetime.now(UTC)

    def reply(school_id, order_id, text):
        with bureau.engine.begin() as conn:
            conn.execute(
                SupervisionReply.__table__.insert().values(
                    id=uuid.uuid4(),
                    school_id=school_id,
                    hlc=1,
                    origin_device=uuid.uuid4(),
                    created_at=now,
                    updated_at=now,
                    order_id=order_id,
                    text=text,
                    replier_name="某人",
                    replied_at=now,
                    hazard_status="",
                )  # fmt: skip
            )

    reply(b, order.id, "别校的回复")
    states = {o.id: o for o in pub.supervision_orders(bureau.engine)}
    assert states[order.id].state == "open" and states[order.id].reply == ""
    assert states[late.id].state == "open"
    tomorrow = date.today() + timedelta(days=1)
    assert pub.supervision_orders(bureau.engine, today=tomorrow)[1].state == "overdue"
    reply(a, order.id, "已补齐")
    states = {o.id: o for o in pub.supervision_orders(bureau.engine)}
    assert states[order.id].state == "answered" and states[order.id].reply == "已补齐"
    capsys.readouterr()
    assert bureau("supervision-orders") == 0
    out = capsys.readouterr().out
    assert f"{A}  {order.id}  zero_report" in out and "answered" in out and "已补齐" in out
