"""Checklist templates as data: loaded from JSON Lines files, never from code.

Templates ship in ``resources/templates/`` and later come down from the
bureau into ``<data dir>/templates/``; for each template code the highest
version found wins. A malformed file is never fatal: it is left out and
reported as a :class:`TemplateProblem` naming the file and line, so the app
still starts with every other template.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.paths import resources_dir

AREAS: dict[str, str] = {
    "fire": "消防安全",
    "buildings": "校舍及设施设备",
    "chemicals": "危险化学品",
    "gas": "燃气安全",
    "traffic": "交通及校车",
    "events": "大型活动及防踩踏",
    "food": "食品及饮用水",
    "kindergarten": "幼儿园",
    "drowning": "防溺水",
    "bullying": "防欺凌和暴力",
    "security": "人防物防技防",
    "surroundings": "校园周边",
    "flood_geo": "汛期及地质灾害",
    "winter_co": "冬季防一氧化碳中毒",
    "dormitory": "学生宿舍",
    "lab": "实验室及功能教室",
}
RISK_GROUPS = ("人", "物", "管", "环")
SEVERITIES = ("general", "serious", "major")
_log = logging.getLogger("xiaoan.templates")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclasses.dataclass(frozen=True)
class TemplateItem:
    code: str
    area: str
    risk_group: str
    severity: str
    text: str


@dataclasses.dataclass(frozen=True)
class Template:
    code: str
    version: int
    title: str
    kinds: tuple[str, ...]
    basis: str
    items: tuple[TemplateItem, ...]
    path: Path

    @property
    def key(self) -> str:
        return f"{self.code}@{self.version}"


@dataclasses.dataclass(frozen=True)
class TemplateProblem:
    path: Path
    line: int
    message: str  # English, marked for translation; formatted with params
    params: tuple[tuple[str, str], ...] = ()

    def describe(self, language: str | None = None) -> str:
        text = translate("app", self.message, language).format(**dict(self.params))
        return f"{self.path}:{self.line}: {text}"


@dataclasses.dataclass(frozen=True)
class TemplateCatalog:
    templates: dict[str, Template]
    problems: tuple[TemplateProblem, ...]

    def for_kind(self, kind: str) -> list[Template]:
        return sorted((t for t in self.templates.values() if kind in t.kinds), key=lambda t: t.code)

    def get(self, code: str) -> Template | None:
        return self.templates.get(code)


class _Bad(Exception):
    def __init__(self, line: int, message: str, **params: object) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.params = tuple((k, str(v)) for k, v in params.items())


def _field(obj: dict, key: str, line: int) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Bad(
            line, QT_TRANSLATE_NOOP("app", "the field {field} is missing or empty"), field=key
        )
    return value.strip()


def parse_template(path: Path) -> Template:
    """Parse one template file; raises ``_Bad`` with the offending line."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _Bad(1, QT_TRANSLATE_NOOP("app", "the file is not UTF-8 text")) from None
    header: dict | None = None
    header_line = 0
    items: list[TemplateItem] = []
    seen: set[str] = set()
    for number, text in enumerate(raw.splitlines(), start=1):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise _Bad(
                number, QT_TRANSLATE_NOOP("app", "not valid JSON ({error})"), error=e.msg
            ) from None
        if not isinstance(obj, dict):
            raise _Bad(number, QT_TRANSLATE_NOOP("app", "each line must be a JSON object"))
        if header is None:
            header, header_line = obj, number
            code = _field(obj, "template", number)
            if not _CODE.match(code):
                raise _Bad(number, QT_TRANSLATE_NOOP("app", "bad template code {code}"), code=code)
            version = obj.get("version")
            if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                raise _Bad(
                    number, QT_TRANSLATE_NOOP("app", "the version must be a whole number from 1")
                )
            _field(obj, "title", number)
            kinds = obj.get("kinds", [])
            if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
                raise _Bad(
                    number, QT_TRANSLATE_NOOP("app", "kinds must be a list of inspection kinds")
                )
            continue
        item_code = _field(obj, "code", number)
        if not _CODE.match(item_code):
            raise _Bad(number, QT_TRANSLATE_NOOP("app", "bad item code {code}"), code=item_code)
        if item_code in seen:
            raise _Bad(
                number,
                QT_TRANSLATE_NOOP("app", "the item code {code} appears twice"),
                code=item_code,
            )
        seen.add(item_code)
        area = _field(obj, "area", number)
        if area not in AREAS:
            raise _Bad(number, QT_TRANSLATE_NOOP("app", "unknown area {area}"), area=area)
        group = _field(obj, "group", number)
        if group not in RISK_GROUPS:
            raise _Bad(
                number,
                QT_TRANSLATE_NOOP("app", "the risk group must be 人, 物, 管 or 环, not {group}"),
                group=group,
            )
        severity = _field(obj, "severity", number)
        if severity not in SEVERITIES:
            raise _Bad(
                number,
                QT_TRANSLATE_NOOP(
                    "app", "the severity must be general, serious or major, not {severity}"
                ),
                severity=severity,
            )
        items.append(TemplateItem(item_code, area, group, severity, _field(obj, "text", number)))
    if header is None:
        raise _Bad(1, QT_TRANSLATE_NOOP("app", "the file is empty"))
    if not items:
        raise _Bad(header_line, QT_TRANSLATE_NOOP("app", "the template has no items"))
    return Template(
        code=header["template"].strip(),
        version=header["version"],
        title=header["title"].strip(),
        kinds=tuple(header.get("kinds", [])),
        basis=str(header.get("basis", "")),
        items=tuple(items),
        path=path,
    )


# The folder in a data folder that holds the templates the bureau published.
BUREAU_DIRNAME = "templates"


def template_dirs(data_dir: Path | None = None) -> list[Path]:
    """Shipped templates first, then the bureau's (which may carry newer versions)."""
    dirs = [resources_dir() / "templates"]
    if data_dir is not None:
        dirs.append(Path(data_dir) / BUREAU_DIRNAME)
    return dirs


def load_templates(dirs: Iterable[Path]) -> TemplateCatalog:
    """Every valid template in ``dirs`` (highest version per code) and every problem found."""
    best: dict[str, Template] = {}
    problems: list[TemplateProblem] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.jsonl")):
            try:
                template = parse_template(path)
            except _Bad as bad:
                problems.append(TemplateProblem(path, bad.line, bad.message, bad.params))
                continue
            except OSError as e:
                problems.append(
                    TemplateProblem(
                        path,
                        0,
                        QT_TRANSLATE_NOOP("app", "cannot be read ({error})"),
                        (("error", str(e)),),
                    )
                )
                continue
            current = best.get(template.code)
            if current is None or template.version > current.version:
                best[template.code] = template
    return TemplateCatalog(best, tuple(problems))


_cached: dict[Path | None, TemplateCatalog] = {}


def forget_loaded() -> None:
    """Drop every loaded catalog: the next :func:`catalog` reads the folders again
    (a template arrived from the bureau)."""
    _cached.clear()


def catalog(data_dir: Path | None = None, *, reload: bool = False) -> TemplateCatalog:
    """The templates for a data folder, loaded once per process (``reload`` after a sync)."""
    if reload or data_dir not in _cached:
        loaded = load_templates(template_dirs(data_dir))
        # Reported, never raised: the app starts with the templates that are sound,
        # and the UI lists ``problems`` for whoever looks after the PC.
        for problem in loaded.problems:
            _log.warning("checklist template skipped: %s", problem.describe("en"))
        _cached[data_dir] = loaded
    return _cached[data_dir]
