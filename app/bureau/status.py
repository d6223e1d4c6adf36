"""The bureau's overview: per school, its devices, last bundle, contiguous seq, quarantine."""

from __future__ import annotations

import dataclasses

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
