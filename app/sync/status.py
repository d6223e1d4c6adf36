"""What the sync page and the status bar show: enrollment, bundles, last sync.

Read-only and quick (one read session and a keystore look-up); call from a
worker thread like any database read. Plain frozen values, safe to hand to
the UI thread. :func:`advice` turns an overview into plain sentences: what
the bureau has, what it waits for from this computer, and what to do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.sync.problems import MESSAGES, OFFLINE
from app.workspace import Workspace
from db.models.outbox import OutboxEntry

BUNDLE_ROWS = 200
NOTICE_ROWS = 20


@dataclasses.dataclass(frozen=True)
class BundleRow:
    seq: int
    state: str  # pending | uploading | sent | acked | quarantined (db.models.BundleState)
    size: int
    bytes_sent: int
    change_count: int
    photo_count: int
    reason: str
    created_at: datetime
    sent_at: datetime | None
    acked_at: datetime | None
    sha256: str = ""

    @property
    def code(self) -> str:
        """What the school reads to the bureau for this bundle: the start of its SHA-256,
        as the bureau's quarantine list shows it."""
        return self.sha256[:16]


@dataclasses.dataclass(frozen=True)
class Notice:
    text: str
    created_at: datetime
    received_at: datetime
    # A published notice may ask the school to acknowledge it (app.oversight): by whom, when.
    ack_required: bool = False
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None


@dataclasses.dataclass(frozen=True)
class Received:
    """What the last return bundles brought down (two-way sync)."""

    at: datetime
    changes: int
    photos: int
    items: int  # the bureau's publications (notices, orders, templates, rules)
    # Short ids of the school's other computers the changes came from, with counts.
    computers: tuple[tuple[str, int], ...]
    failed: str = ""  # a reason when the changes could not be taken (they come again)

    def text(self, translator: Translator | None = None) -> str:
        words = translator or translate
        parts = []
        if self.changes:
            who = "、".join(f"{c}（{n}）" for c, n in self.computers)
            parts.append(words("Sync", FROM_COMPUTERS).format(n=self.changes, who=who))
        if self.photos:
            parts.append(words("Sync", PHOTOS).format(n=self.photos))
        if self.items:
            parts.append(words("Sync", FROM_BUREAU).format(n=self.items))
        if self.failed:
            parts.append(words("Sync", NOT_TAKEN).format(reason=self.failed))
        return "; ".join(parts)


FROM_COMPUTERS = QT_TRANSLATE_NOOP("Sync", "{n} changes from the school's other computers {who}")
PHOTOS = QT_TRANSLATE_NOOP("Sync", "{n} photos")
FROM_BUREAU = QT_TRANSLATE_NOOP("Sync", "{n} items from the bureau")
NOT_TAKEN = QT_TRANSLATE_NOOP("Sync", "changes not taken ({reason}); the bureau sends them again")


def _received(raw: dict | None) -> Received | None:
    if not raw or "at" not in raw:
        return None
    computers = sorted(
        ((str(d)[:8], int(n)) for d, n in (raw.get("devices") or {}).items()),
        key=lambda x: (-x[1], x[0]),
    )
    return Received(
        datetime.fromisoformat(raw["at"]),
        int(raw.get("changes", 0)),
        int(raw.get("photos", 0)),
        int(raw.get("items", 0)),
        tuple(computers),
        str(raw.get("failed", "")),
    )


@dataclasses.dataclass(frozen=True)
class SyncOverview:
    enrolled: bool = False
    registered: bool = False
    bureau_url: str = ""
    school_code: str = ""
    school_name: str = ""
    bureau_fingerprint: str = ""
    device_fingerprint: str = ""
    last_sync_at: datetime | None = None
    last_attempt_at: datetime | None = None
    # Problem code of the last pass ("" when it went well); see app.sync.problems.
    last_problem: str = ""
    unacked_changes: int = 0
    bundles: tuple[BundleRow, ...] = ()
    notices: tuple[Notice, ...] = ()  # newest first
    # Every bundle seq <= acked_seq is settled at the bureau (from the last return bundle).
    acked_seq: int = 0
    # The one-time enrollment token is here (an unregistered PC can register by itself).
    token_waiting: bool = False
    # app.sync.identity: "" | keys_missing | keys_changed | copy | bureau_refused
    identity_problem: str = ""
    received: Received | None = None

    @property
    def open_bundles(self) -> int:
        return sum(1 for b in self.bundles if b.state not in ("acked", "quarantined"))


def _row(b) -> BundleRow:
    return BundleRow(
        b.seq,
        b.state,
        b.size,
        b.bytes_sent,
        b.change_count,
        len(b.blobs or ()),
        b.reason,
        b.created_at,
        b.sent_at,
        b.acked_at,
        b.sha256,
    )


def _notice(row, published) -> Notice:
    if published is None:
        return Notice(row.text, row.created_at, row.received_at)
    return Notice(
        row.text,
        row.created_at,
        row.received_at,
        published.ack_required,
        published.acknowledged_by,
        published.acknowledged_at,
    )


def sync_overview(ws: Workspace, limit: int = BUNDLE_ROWS) -> SyncOverview:
    """Enrollment state and the newest ``limit`` bundles, newest first."""
    # Models on first use: the main window reads this at start-up, off the UI thread.
    from app.sync.enrollment import TOKEN_SECRET
    from app.sync.identity import identity_problem
    from app.sync.keys import load_secret
    from db.models import SyncBundle, SyncEnrollment, SyncNotice

    problem = identity_problem(ws)
    with ws.read() as s:
        e = s.get(SyncEnrollment, 1)
        if e is None:
            return SyncOverview()
        bundles = tuple(
            _row(b)
            for b in s.scalars(select(SyncBundle).order_by(SyncBundle.seq.desc()).limit(limit))
        )
        unacked = (
            s.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))
            )
            or 0
        )
        from app.oversight.service import notices_in

        acks = {n.id: n for n in notices_in(s, ws.school_id)}
        notices = tuple(
            _notice(n, acks.get(n.id))
            for n in s.scalars(
                select(SyncNotice).order_by(SyncNotice.created_at.desc()).limit(NOTICE_ROWS)
            )
        )
        return SyncOverview(
            enrolled=True,
            registered=e.registered_at is not None,
            bureau_url=e.bureau_url,
            school_code=e.school_code,
            school_name=e.school_name,
            bureau_fingerprint=e.bureau_fingerprint,
            device_fingerprint=e.device_fingerprint,
            last_sync_at=e.last_sync_at,
            last_attempt_at=e.last_attempt_at,
            last_problem=_problem(e.last_error),
            unacked_changes=unacked,
            bundles=bundles,
            notices=notices,
            acked_seq=e.acked_seq,
            token_waiting=e.registered_at is None and bool(load_secret(ws.device_id, TOKEN_SECRET)),
            identity_problem=problem,
            received=_received(e.last_received),
        )


def is_enrolled(ws: Workspace) -> bool:
    from db.models import SyncEnrollment

    with ws.read() as s:
        return s.get(SyncEnrollment, 1) is not None


def bureau_url(ws: Workspace) -> str | None:
    from db.models import SyncEnrollment

    with ws.read() as s:
        e = s.get(SyncEnrollment, 1)
        return e.bureau_url if e else None


def _problem(stored: str) -> str:
    # Older versions stored the technical error text: show it as "offline".
    return stored if stored in MESSAGES or not stored else OFFLINE


# -- in words ------------------------------------------------------------------------

# The bureau's reason codes (app/sync/README.md), in words a school can act on.
REASONS = {
    "not_a_bundle": QT_TRANSLATE_NOOP("Sync", "the file is not a sync bundle"),
    "wrong_recipient": QT_TRANSLATE_NOOP("Sync", "made for another bureau's key"),
    "corrupt": QT_TRANSLATE_NOOP("Sync", "the bureau received it damaged"),
    "bad_manifest": QT_TRANSLATE_NOOP("Sync", "the contents list is unreadable"),
    "unknown_format": QT_TRANSLATE_NOOP("Sync", "made by a newer version of xiaoan"),
    "unknown_device": QT_TRANSLATE_NOOP(
        "Sync", "the bureau does not know this computer (withdrawn or not enrolled)"
    ),
    "bad_signature": QT_TRANSLATE_NOOP("Sync", "the signature does not match this computer"),
    "member_hash_mismatch": QT_TRANSLATE_NOOP("Sync", "the bureau received it damaged"),
    "seq_conflict": QT_TRANSLATE_NOOP(
        "Sync", "the bureau already has another file with this number"
    ),
    "broken_chain": QT_TRANSLATE_NOOP("Sync", "does not follow the previous bundle"),
    "clock_skew": QT_TRANSLATE_NOOP("Sync", "this computer's clock is far ahead; check the date"),
    "apply_failed": QT_TRANSLATE_NOOP("Sync", "the bureau could not file its records"),
    "rejected": QT_TRANSLATE_NOOP("Sync", "the bureau rejected it"),
}


Translator = Callable[[str, str], str]  # (context, text) -> text; the UI passes Qt's


def reason_words(reason: str, translator: Translator | None = None) -> str:
    """A bureau reason code in words ("" for none)."""
    words = translator or translate
    if not reason:
        return ""
    if reason in REASONS:
        return words("Sync", REASONS[reason])
    other = QT_TRANSLATE_NOOP("Sync", "reason given by the bureau: {reason}")
    return words("Sync", other).format(reason=reason)


NOT_ENROLLED = QT_TRANSLATE_NOOP(
    "app",
    "Not registered yet: import the enrollment file the education bureau sent for this school "
    "(Import enrollment file, Ctrl+O).",
)
REGISTERS_NEXT = QT_TRANSLATE_NOOP(
    "app",
    "Not registered yet: the enrollment file is imported and this computer registers with the "
    "bureau at the next sync. Press Sync now.",
)
NEEDS_FILE = QT_TRANSLATE_NOOP(
    "app",
    "Not registered yet: the bureau does not know this computer. Ask the bureau for a new "
    "enrollment file for school {code} and import it (Ctrl+O); the {n} changes the bureau has "
    "not received are sent after that.",
)
COPY_MESSAGES = {
    "copy": QT_TRANSLATE_NOOP(
        "app",
        "This data folder seems to be a copy from another computer: the folder it was copied "
        "from still syncs with the same identity. Re-enroll this folder as a new computer "
        "(the button on the right); the school's records stay.",
    ),
    "keys_missing": QT_TRANSLATE_NOOP(
        "app",
        "This data folder seems to be a copy from another computer: its sync keys are not on "
        "this computer. If the system keyring is only locked, sign in to the desktop and try "
        "again; otherwise re-enroll this folder as a new computer (the button on the right); the school's "
        "records stay.",
    ),
    "keys_changed": QT_TRANSLATE_NOOP(
        "app",
        "This data folder seems to be a copy from another computer: its sync keys are not the "
        "ones the bureau registered. Re-enroll this folder as a new computer (the button on the right); "
        "the school's records stay.",
    ),
    "bureau_refused": QT_TRANSLATE_NOOP(
        "app",
        "This data folder seems to be a copy from another computer: the bureau refused its "
        "bundles because another computer sends under the same identity or with other keys. "
        "Re-enroll this folder as a new computer (the button on the right); the school's records stay.",
    ),
}
REFUSED = QT_TRANSLATE_NOOP(
    "app",
    "Bundle {seq} was refused by the bureau ({reason}); the bureau must release or reject it. "
    "Call them and read this code: {code}.",
)
WAITING_HELD = QT_TRANSLATE_NOOP(
    "app",
    "The bureau has everything up to bundle {acked} and is waiting for bundle {next} from this "
    "computer; bundles {held} wait behind it. Press Sync now, or take them by USB.",
)
WAITING_HELD_FIRST = QT_TRANSLATE_NOOP(
    "app",
    "The bureau has nothing from this computer yet and is waiting for bundle {next}; bundles "
    "{held} wait behind it. Press Sync now, or take them by USB.",
)
WAITING = QT_TRANSLATE_NOOP(
    "app",
    "The bureau has everything up to bundle {acked} and is waiting for bundles {open} from this "
    "computer. Press Sync now, or take them by USB.",
)
WAITING_FIRST = QT_TRANSLATE_NOOP(
    "app",
    "The bureau has nothing from this computer yet and is waiting for bundles {open}. Press "
    "Sync now, or take them by USB.",
)
UNPACKED = QT_TRANSLATE_NOOP(
    "app",
    "{n} changes are not yet received by the bureau. Press Sync now, or take them by USB.",
)
ALL_RECEIVED = QT_TRANSLATE_NOOP(
    "app", "The bureau has received everything from this computer (up to bundle {acked})."
)
NOTHING_YET = QT_TRANSLATE_NOOP("app", "Nothing to send to the bureau yet.")


@dataclasses.dataclass(frozen=True)
class Advice:
    """One sentence for the sync page: ``kind`` says what it is about
    (not_enrolled | register | needs_file | copy | refused | waiting | unpacked | done),
    ``message`` is the English text (translated by :meth:`text`)."""

    kind: str
    message: str
    params: tuple[tuple[str, object], ...] = ()
    reason: str = ""  # a bureau reason code, put in words by text()

    def text(self, translator: Translator | None = None) -> str:
        params = dict(self.params)
        if self.reason:
            params["reason"] = reason_words(self.reason, translator)
        words = translator or translate
        return words("app", self.message).format(**params)


def seq_ranges(seqs: list[int]) -> str:
    """``[55, 56, 57, 60]`` -> ``"55–57, 60"``."""
    runs: list[list[int]] = []
    for seq in sorted(set(seqs)):
        if runs and seq == runs[-1][1] + 1:
            runs[-1][1] = seq
        else:
            runs.append([seq, seq])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def advice(ov: SyncOverview) -> list[Advice]:
    """What the bureau has, what it waits for from this computer and what to do, in order."""
    if not ov.enrolled:
        return [Advice("not_enrolled", NOT_ENROLLED)]
    if ov.identity_problem in COPY_MESSAGES:
        said = [Advice("copy", COPY_MESSAGES[ov.identity_problem])]
        if ov.identity_problem != "bureau_refused":
            return said  # nothing is sent from here until it is re-enrolled
    else:
        said = []
    if not ov.registered:
        if ov.token_waiting:
            said.append(Advice("register", REGISTERS_NEXT))
        else:
            params = (("code", ov.school_code), ("n", ov.unacked_changes))
            said.append(Advice("needs_file", NEEDS_FILE, params))
        return said
    for b in sorted(ov.bundles, key=lambda b: b.seq):
        if b.state == "quarantined":
            params = (("seq", b.seq), ("code", b.code))
            said.append(Advice("refused", REFUSED, params, b.reason or "rejected"))
    open_seqs = [
        b.seq for b in ov.bundles if b.state in ("pending", "uploading", "sent") and b.seq > 0
    ]
    if open_seqs:
        first = min(open_seqs)
        behind = [
            b.seq for b in ov.bundles if b.state == "sent" and b.seq > max(first, ov.acked_seq + 1)
        ]
        missing = ov.acked_seq + 1
        if behind and missing in open_seqs:
            params = (("acked", ov.acked_seq), ("next", missing), ("held", seq_ranges(behind)))
            message = WAITING_HELD if ov.acked_seq else WAITING_HELD_FIRST
            said.append(Advice("waiting", message, params))
        else:
            params = (("acked", ov.acked_seq), ("open", seq_ranges(open_seqs)))
            said.append(Advice("waiting", WAITING if ov.acked_seq else WAITING_FIRST, params))
    elif ov.unacked_changes and not any(a.kind == "refused" for a in said):
        said.append(Advice("unpacked", UNPACKED, (("n", ov.unacked_changes),)))
    elif not said:
        if ov.acked_seq:
            said.append(Advice("done", ALL_RECEIVED, (("acked", ov.acked_seq),)))
        else:
            said.append(Advice("done", NOTHING_YET))
    return said
