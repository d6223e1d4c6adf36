"""The bureau's overview: per school, its devices, last bundle, contiguous seq, quarantine;
and every device whose records are not all in (held behind a gap, or silent)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from db.models import BureauBundle, BureauDevice, BureauSchool


@dataclasses.dataclass(frozen=True)
class SchoolStatus:
    code: str
    name: str
    devices: int
    last_bundle: str | None
    # Per school: the sum over its devices (each device numbers its own bundles).
    contiguous: int
    quarantined: int


def school_status(engine: Engine) -> list[SchoolStatus]:
    with engine.connect() as conn:
        schools = conn.execute(select(BureauSchool).order_by(BureauSchool.code)).all()
        devs = conn.execute(
            select(
                BureauDevice.school_code,
                func.count(),
                func.max(BureauDevice.last_bundle_at),
                func.coalesce(func.sum(BureauDevice.contiguous_seq), 0),
            ).group_by(BureauDevice.school_code)
        ).all()
        quarantine = dict(
            conn.execute(
                select(BureauDevice.school_code, func.count())
                .select_from(BureauBundle)
                .join(BureauDevice, BureauDevice.device_id == BureauBundle.device_id)
                .where(BureauBundle.state == "quarantined")
                .group_by(BureauDevice.school_code)
            ).all()
        )
    by_code = {d[0]: d for d in devs}
    out = []
    for s in schools:
        d = by_code.get(s.code)
        out.append(
            SchoolStatus(
                s.code,
                s.name,
                d[1] if d else 0,
                d[2].strftime("%Y-%m-%d %H:%M") if d and d[2] else None,
                int(d[3]) if d else 0,
                quarantine.get(s.code, 0),
            )
        )
    return out


@dataclasses.dataclass(frozen=True)
class Waiting:
    """A device whose records are not all in: bundles held behind a gap, or silence."""

    school_code: str
    device_id: str
    contiguous: int
    held: tuple[int, ...]  # seqs stored and verified, waiting for ``contiguous + 1``
    last_bundle_at: datetime | None
    silent_days: int | None  # days since its last bundle (or its registration), when too many

    @property
    def missing(self) -> int | None:
        """The seq the bureau waits for before the held ones can be applied."""
        return self.contiguous + 1 if self.held else None


def waiting_devices(
    engine: Engine, *, silent_after_days: int = 7, now: datetime | None = None
) -> list[Waiting]:
    """Every active device with bundles held behind a gap or silent for the given days."""
    now = now or datetime.now(UTC)
    BD, BB = BureauDevice.__table__, BureauBundle.__table__
    with engine.connect() as conn:
        devices = conn.execute(
            select(BD).where(BD.c.revoked_at.is_(None)).order_by(BD.c.school_code)
        ).all()
        held: dict = {}
        for device, seq in conn.execute(
            select(BB.c.device_id, BB.c.seq)
            .where(BB.c.state == "held", BB.c.verified.is_(True))
            .order_by(BB.c.seq)
        ):
            held.setdefault(device, []).append(seq)
    out = []
    for d in devices:
        since = d.last_bundle_at or d.registered_at
        days = (now - since).days if since is not None else None
        silent = days if days is not None and days >= silent_after_days else None
        if d.device_id in held or silent is not None:
            out.append(
                Waiting(
                    d.school_code,
                    str(d.device_id),
                    d.contiguous_seq,
                    tuple(held.get(d.device_id, ())),
                    d.last_bundle_at,
                    silent,
                )
            )
    return out
