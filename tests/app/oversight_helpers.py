"""Bureau publications as they arrive in a return bundle, for the PC-side tests."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.oversight.receive import receive
from app.paths import resources_dir
from app.workspace import Workspace

PUBLISHED = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def item(kind: str, body: dict, seq: int = 1, pid: str | None = None, at=PUBLISHED) -> dict:
    return {
        "seq": seq,
        "id": pid or str(uuid.uuid4()),
        "kind": kind,
        "published_at": at.isoformat(),
        "body": body,
    }


def notice(text: str = "请于本周五前上报秋季开学安全自查表。", ack: bool = True, **kw) -> dict:
    return item("notice", {"text": text, "ack_required": ack}, **kw)


def duty_order(
    text: str = "日巡查记录缺失，限期补齐并说明原因。", deadline: date | None = None, **kw
) -> dict:
    deadline = deadline or date.today() + timedelta(days=7)
    body = {
        "subject": "duty",
        "duty": "daily_patrol 2026-11",
        "deadline": deadline.isoformat(),
        "text": text,
    }
    return item("supervision", body, **kw)


def hazard_order(hazard_id, ref: str, title: str = "", deadline: date | None = None, **kw) -> dict:
    deadline = deadline or date.today() + timedelta(days=7)
    body = {
        "subject": "hazard",
        "hazard_id": str(hazard_id),
        "hazard_ref": ref,
        "hazard_title": title,
        "deadline": deadline.isoformat(),
        "text": "请于期限内完成整改并回复。",
    }
    return item("supervision", body, **kw)


def hazard_answer(hazard_id, ref: str, text: str = "已列入区财政专项，12月底前拨款。", **kw):
    return item(
        "hazard_answer", {"hazard_id": str(hazard_id), "hazard_ref": ref, "text": text}, **kw
    )


def fire_template(version: int = 2, extra_item: bool = True) -> str:
    lines = (resources_dir() / "templates" / "fire.jsonl").read_text("utf-8").splitlines()
    header = json.loads(lines[0])
    header["version"] = version
    out = [json.dumps(header, ensure_ascii=False), *lines[1:]]
    if extra_item:
        out.append(
            json.dumps(
                {
                    "code": "FIRE-99",
                    "area": "fire",
                    "group": "物",
                    "severity": "general",
                    "text": "教育局新增：电动自行车不得在楼道内停放充电",
                },
                ensure_ascii=False,
            )  # fmt: skip
        )
    return "\n".join(out) + "\n"


def template_item(version: int = 2, text: str | None = None, **kw) -> dict:
    body = {
        "code": "fire",
        "version": version,
        "title": "消防安全检查表",
        "text": text if text is not None else fire_template(version),
    }
    return item("template", body, **kw)


def rules_text(version: str = "bureau-2026.2", drop: tuple[str, ...] = ("daily_patrol",)) -> str:
    doc = json.loads((resources_dir() / "compliance" / "rules-v1.json").read_text("utf-8"))
    doc["version"] = version
    doc["rules"] = [r for r in doc["rules"] if r["id"] not in drop]
    return json.dumps(doc, ensure_ascii=False)


def rules_item(number: int = 2, version: str = "bureau-2026.2", **kw) -> dict:
    body = {"number": number, "version": version, "text": rules_text(version)}
    return item("rules", body, **kw)


def deliver(ws: Workspace, items: list, now: datetime | None = None) -> int:
    """Apply items as the return bundle's transaction would."""
    with ws.db.write(actor_id=None, school_id=ws.school_id) as s:
        return receive(s, items, now or datetime.now(UTC))


def data_file(ws: Workspace, *parts: str) -> Path:
    return Path(ws.data_dir).joinpath(*parts)
