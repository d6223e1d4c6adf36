"""Compliance rules as data: what must be done, how often, by which schools, shown by which records.

Rules ship in ``resources/compliance/rules-vN.json`` (the highest N wins) so
the bureau can later send its own file in the same shape. A file is checked
whole on load; any problem raises a :class:`~app.errors.UserError` naming the
file and the rule, and no rule of that file is used.

A rule::

    {"id": "daily_patrol", "what": "patrol", "title": "Leader's daily campus patrol",
     "how_often": "daily",                     # see HOW_OFTEN
     "day": 5,                                 # only for by_day_of_next_month
     "times": 1,                               # records needed per period (twice_daily: 2)
     "grace_days": 0,                          # days after the period the work may still be done
     "schools": {"kinds": [...], "not_kinds": [...], "boarding": true, "has_school_bus": true},
     "per": "module:function",                 # optional: one check per subject (a hazard, a shift)
     "match": "day",                           # how a record counts, see MATCH
     "evidence": {"source": "module:function", "params": {...}},
     "seed": "004 (三)2"}
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.paths import resources_dir
from app.periods import Cadence

FORMAT = 1
HOW_OFTEN: dict[str, tuple[Cadence, int]] = {
    "daily": (Cadence.DAILY, 1),
    "twice_daily": (Cadence.DAILY, 2),
    "weekly": (Cadence.WEEKLY, 1),
    "half_monthly": (Cadence.HALF_MONTHLY, 1),
    "monthly": (Cadence.MONTHLY, 1),
    "quarterly": (Cadence.QUARTERLY, 1),
    "semester": (Cadence.SEMESTER, 1),
    "by_day_of_next_month": (Cadence.MONTHLY, 1),
}
# How a record is counted for a period: "day" — its school-local day lies in
# the period (or its grace days); "subject" — it names the subject (Evidence.kind
# is the subject's key) whenever it was made; "period" — it names the period
# (Evidence.kind is the period key, e.g. the month a report is for).
MATCH = ("day", "subject", "period")
SCHOOL_KINDS = ("primary", "secondary", "nine_year", "kindergarten")
_SOURCE = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")

# The default rules' titles, marked so the UI shows them in Chinese. A
# bureau's own file may carry titles already in Chinese; those show as written.
TITLES = (
    QT_TRANSLATE_NOOP("compliance", "Leader's daily campus patrol"),
    QT_TRANSLATE_NOOP("compliance", "Weekly check"),
    QT_TRANSLATE_NOOP("compliance", "Half-monthly hazard self-inspection"),
    QT_TRANSLATE_NOOP("compliance", "Monthly full check"),
    QT_TRANSLATE_NOOP("compliance", "Major hazard monitoring"),
    QT_TRANSLATE_NOOP("compliance", "Shift handover"),
    QT_TRANSLATE_NOOP("compliance", "Daily zero report"),
    QT_TRANSLATE_NOOP("compliance", "Emergency drill"),
    QT_TRANSLATE_NOOP("compliance", "Emergency drill (kindergarten)"),
    QT_TRANSLATE_NOOP("compliance", "Fire evacuation drill"),
    QT_TRANSLATE_NOOP("compliance", "Fire training"),
    QT_TRANSLATE_NOOP("compliance", "School-bus evacuation drill"),
    QT_TRANSLATE_NOOP("compliance", "Monthly safety report"),
)
HOW_OFTEN_LABELS: dict[str, str] = {
    "daily": QT_TRANSLATE_NOOP("compliance", "daily"),
    "twice_daily": QT_TRANSLATE_NOOP("compliance", "twice a day"),
    "weekly": QT_TRANSLATE_NOOP("compliance", "weekly"),
    "half_monthly": QT_TRANSLATE_NOOP("compliance", "every half month"),
    "monthly": QT_TRANSLATE_NOOP("compliance", "monthly"),
    "quarterly": QT_TRANSLATE_NOOP("compliance", "quarterly"),
    "semester": QT_TRANSLATE_NOOP("compliance", "per semester"),
    "by_day_of_next_month": QT_TRANSLATE_NOOP("compliance", "by day {day} of next month"),
}


@dataclasses.dataclass(frozen=True)
class SchoolFilter:
    kinds: tuple[str, ...] = ()
    not_kinds: tuple[str, ...] = ()
    boarding: bool | None = None
    has_school_bus: bool | None = None

    def admits(self, kind: str, boarding: bool, has_school_bus: bool) -> bool:
        if self.kinds and kind not in self.kinds:
            return False
        if kind in self.not_kinds:
            return False
        if self.boarding is not None and boarding != self.boarding:
            return False
        return self.has_school_bus is None or has_school_bus == self.has_school_bus


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    what: str
    title: str
    how_often: str
    evidence_source: str
    evidence_params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    day: int = 0  # by_day_of_next_month only
    times: int = 1
    grace_days: int = 0
    schools: SchoolFilter = SchoolFilter()
    per: str = ""  # "module:function" listing the subjects each needing the work
    match: str = "day"  # see MATCH
    seed: str = ""

    @property
    def cadence(self) -> Cadence:
        return HOW_OFTEN[self.how_often][0]

    @property
    def by_next_month(self) -> bool:
        return self.how_often == "by_day_of_next_month"


@dataclasses.dataclass(frozen=True)
class RuleSet:
    version: str
    path: Path
    rules: tuple[Rule, ...]
    omitted: tuple[Mapping[str, str], ...] = ()


def _bad(path: Path, rule: str, problem: str) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app", "The compliance rules in {file} are not valid (rule {rule}): {problem}"
        ),
        file=str(path),
        rule=rule,
        problem=problem,
    )


def _rule(path: Path, raw: Any, index: int) -> Rule:
    if not isinstance(raw, dict):
        raise _bad(path, f"#{index + 1}", "a rule must be an object")
    rid = raw.get("id")
    name = rid if isinstance(rid, str) and rid else f"#{index + 1}"
    for key in ("id", "what", "title", "how_often"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _bad(path, name, f"'{key}' must be a non-empty text")
    known = {"id", "what", "title", "how_often", "day", "times", "grace_days", "schools", "per",
             "match", "evidence", "seed"}  # fmt: skip
    unknown = sorted(set(raw) - known)
    if unknown:
        raise _bad(path, name, f"unknown field(s) {', '.join(unknown)}")
    how = raw["how_often"]
    if how not in HOW_OFTEN:
        raise _bad(path, name, f"'how_often' must be one of {', '.join(HOW_OFTEN)}, not {how!r}")
    day = raw.get("day", 0)
    whole_day = isinstance(day, int) and not isinstance(day, bool) and 1 <= day <= 28
    if how == "by_day_of_next_month" and not whole_day:
        raise _bad(path, name, "'day' must be a whole number from 1 to 28")
    times = raw.get("times", HOW_OFTEN[how][1])
    if not isinstance(times, int) or isinstance(times, bool) or times < 1:
        raise _bad(path, name, "'times' must be a whole number of at least 1")
    grace = raw.get("grace_days", 0)
    if not isinstance(grace, int) or isinstance(grace, bool) or not 0 <= grace <= 31:
        raise _bad(path, name, "'grace_days' must be a whole number from 0 to 31")
    evidence = raw.get("evidence")
    if not isinstance(evidence, dict) or not _SOURCE.match(str(evidence.get("source", ""))):
        raise _bad(path, name, "'evidence' needs a 'source' written as module:function")
    params = evidence.get("params", {})
    if not isinstance(params, dict):
        raise _bad(path, name, "'evidence.params' must be an object")
    per = raw.get("per", "")
    if per and not _SOURCE.match(str(per)):
        raise _bad(path, name, "'per' must be written as module:function")
    match = raw.get("match", "period" if how == "by_day_of_next_month" else "day")
    if match not in MATCH or (match == "subject" and not per):
        raise _bad(path, name, f"'match' must be one of {', '.join(MATCH)} ('subject' needs 'per')")
    schools = raw.get("schools", {})
    if not isinstance(schools, dict) or set(schools) - {
        "kinds",
        "not_kinds",
        "boarding",
        "has_school_bus",
    }:
        raise _bad(path, name, "'schools' may only hold kinds, not_kinds, boarding, has_school_bus")  # fmt: skip
    for key in ("kinds", "not_kinds"):
        kinds = schools.get(key, [])
        if not isinstance(kinds, list) or any(k not in SCHOOL_KINDS for k in kinds):
            raise _bad(path, name, f"'schools.{key}' must list school kinds ({', '.join(SCHOOL_KINDS)})")  # fmt: skip
    for key in ("boarding", "has_school_bus"):
        if key in schools and not isinstance(schools[key], bool):
            raise _bad(path, name, f"'schools.{key}' must be true or false")
    return Rule(
        id=rid,
        what=raw["what"],
        title=raw["title"],
        how_often=how,
        evidence_source=evidence["source"],
        evidence_params=dict(params),
        day=day if how == "by_day_of_next_month" else 0,
        times=times,
        grace_days=grace,
        schools=SchoolFilter(
            tuple(schools.get("kinds", ())),
            tuple(schools.get("not_kinds", ())),
            schools.get("boarding"),
            schools.get("has_school_bus"),
        ),
        per=per,
        match=match,
        seed=str(raw.get("seed", "")),
    )


def parse_rules(path: Path, text: str) -> RuleSet:
    """Check and read one rules file's text. Raises UserError naming the file and rule."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(path, "-", f"not JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _bad(path, "-", f"'format' must be {FORMAT}")
    if not isinstance(doc.get("version"), str) or not isinstance(doc.get("rules"), list):
        raise _bad(path, "-", "the file needs a 'version' text and a 'rules' list")
    rules = tuple(_rule(path, raw, i) for i, raw in enumerate(doc["rules"]))
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise _bad(path, r.id, "the id is used twice")
        seen.add(r.id)
    omitted = tuple(o for o in doc.get("omitted", []) if isinstance(o, dict))
    return RuleSet(doc["version"], path, rules, omitted)


def rule_files(directory: Path | None = None) -> list[Path]:
    """``rules-vN.json`` files in ``directory``, lowest N first."""
    directory = directory or resources_dir() / "compliance"
    found = []
    for p in directory.glob("rules-v*.json"):
        m = re.fullmatch(r"rules-v(\d+)\.json", p.name)
        if m:
            found.append((int(m.group(1)), p))
    return [p for _n, p in sorted(found)]


_cache: dict[Path, tuple[float, RuleSet]] = {}
_log = logging.getLogger("xiaoan.compliance")
# The folder in a data folder that holds the rules files the bureau published.
BUREAU_DIRNAME = "compliance"


def _number(path: Path) -> int:
    m = re.fullmatch(r"rules-v(\d+)\.json", path.name)
    return int(m.group(1)) if m else 0


def load_rules(path: Path | None = None, data_dir: Path | None = None) -> RuleSet:
    """The rules in ``path``, or the newest file: shipped, or (with ``data_dir``) published by
    the bureau into ``<data_dir>/compliance/`` — the highest N wins. A bureau file that does
    not load is passed over (logged) for the next highest. Cached until the file changes."""
    if path is not None:
        return _load(path)
    files = rule_files()
    if not files:
        raise _bad(resources_dir() / "compliance", "-", "no rules-vN.json file")
    if data_dir is not None:
        bureau = Path(data_dir) / BUREAU_DIRNAME
        if bureau.is_dir():
            files = sorted(files + rule_files(bureau), key=_number)
    shipped = set(rule_files())
    for candidate in reversed(files):
        if candidate in shipped:
            return _load(candidate)
        try:
            return _load(candidate)
        except (UserError, OSError) as e:
            _log.warning("bureau rules %s passed over: %s", candidate, e)
    raise _bad(resources_dir() / "compliance", "-", "no rules-vN.json file")  # pragma: no cover


def _load(path: Path) -> RuleSet:
    mtime = path.stat().st_mtime
    hit = _cache.get(path)
    if hit and hit[0] == mtime:
        return hit[1]
    ruleset = parse_rules(path, path.read_text(encoding="utf-8"))
    _cache[path] = (mtime, ruleset)
    return ruleset
