"""Revision 0013: a school's separate users and staff become one record per person.

An old database is built at the previous head with Alembic, filled the way
the old app left it (users typed once more in the staff directory, linked by
hand or not at all), then opened by the app, which upgrades it.
"""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import select

from app.accounts.secrets import hash_secret
from app.accounts.service import authenticate
from app.paths import DB_FILENAME
from app.staff.people import list_people
from app.sync.merge import apply_changes
from app.workspace import Workspace
from db import schema
from db.hlc import pack
from db.models import OutboxEntry, StaffMember, UserAccount
from db.session import make_engine, sqlite_url

OLD = "0009_incidents"
NAMESPACE = uuid.UUID("8c3f5e1a-2b6d-4f7e-9a0c-5d4b3e2f1a60")  # the migration's; never changes
SCHOOL, DEVICE = uuid.uuid4(), uuid.uuid4()
T0 = datetime(2026, 9, 1, 1, 0, tzinfo=UTC)
OLD_HLC = pack(1_788_000_000_000)
ids = {k: uuid.uuid4() for k in ("zhangli", "wangqiang", "wangfang", "kong", "zhaomin")}
staff_ids = {k: uuid.uuid4() for k in ("s_zhangli", "s_wangfang", "s_qian", "s_old", "s_new")}


def _table(name: str, *cols: tuple[str, sa.types.TypeEngine]) -> sa.TableClause:
    synced = [("id", sa.Uuid()), ("school_id", sa.Uuid()), ("hlc", sa.BigInteger()),
              ("origin_device", sa.Uuid()), ("created_at", sa.DateTime()),
              ("updated_at", sa.DateTime())]  # fmt: skip
    return sa.table(name, *(sa.column(n, t) for n, t in (*cols, *synced)))


USERS = _table("user_account", ("username", sa.String()), ("display_name", sa.String()),
               ("role", sa.String()), ("post", sa.String()), ("phone", sa.String()),
               ("active", sa.Boolean()))  # fmt: skip
STAFF = _table("staff_member", ("name", sa.String()), ("post", sa.String()),
               ("phone", sa.String()), ("user_id", sa.Uuid()), ("active", sa.Boolean()))  # fmt: skip


def _stamp(row_id: uuid.UUID, minutes: int = 0) -> dict:
    at = T0.replace(minute=minutes)
    return {"id": row_id, "school_id": SCHOOL, "hlc": OLD_HLC - 100 + minutes,
            "origin_device": DEVICE, "created_at": at, "updated_at": at}  # fmt: skip


SCHOOL_ROW = _table("school", ("name", sa.String()), ("code", sa.String()), ("kind", sa.String()),
                    ("boarding", sa.Boolean()), ("has_school_bus", sa.Boolean()),
                    ("district", sa.String()), ("address", sa.String()))  # fmt: skip
CREDENTIAL = sa.table("local_credential", sa.column("user_id", sa.Uuid()), sa.column("kind"),
                      sa.column("secret_hash"), sa.column("failed_attempts"),
                      sa.column("changed_at", sa.DateTime()))  # fmt: skip
DEVICE_STATE = sa.table("device_state", sa.column("id"), sa.column("device_id", sa.Uuid()),
                        sa.column("created_at", sa.DateTime()), sa.column("hlc_last"),
                        sa.column("audit_head_seq"), sa.column("audit_head_hash"))  # fmt: skip


def build_old_school(where: Path | str, *, device: bool = True) -> sa.Engine:
    """A database at the previous head as the old app left it; ``device``: a school PC's.

    ``where``: a SQLite file, or a database URL (the bureau's PostgreSQL).
    """
    url = sqlite_url(where) if isinstance(where, Path) else where
    engine = make_engine(url, foreign_keys=False) if isinstance(where, Path) else make_engine(url)
    schema.upgrade(engine, OLD)
    u = [
        # the principal, linked by hand to a directory entry that lacks the phone
        ("zhangli", "张丽", "principal", "校长", "13900000001", True, 0),
        # a teacher nobody linked: typed only as a user
        ("wangqiang", "王强", "duty_staff", "宿管", "13900000002", True, 1),
        # a user with the same name as an unlinked directory entry — maybe not the same person
        ("wangfang", "王芳", "staff", "", "", True, 2),
        # a deactivated login
        ("kong", "孔大爷", "guard", "临时门卫", "", False, 3),
        # two directory entries point at this login (a hand-linking mistake)
        ("zhaomin", "赵敏", "safety_officer", "安全主任", "13900000005", True, 4),
    ]
    s = [
        ("s_zhangli", "张丽", "校长", "", ids["zhangli"], True, 5),
        ("s_wangfang", "王芳", "三年级班主任", "13900000003", None, True, 6),
        ("s_qian", "钱师傅", "锅炉工", "", None, True, 7),
        ("s_old", "赵敏", "", "", ids["zhaomin"], False, 8),
        ("s_new", "赵敏", "安全办", "", ids["zhaomin"], True, 9),
    ]
    with engine.begin() as conn:
        conn.execute(SCHOOL_ROW.insert().values(name="东风乡中心学校", code="220105-0012",
                     kind="nine_year", boarding=True, has_school_bus=True, district="",
                     address="", **_stamp(SCHOOL)))  # fmt: skip
        for name, display, role, post, phone, active, n in u:
            conn.execute(USERS.insert().values(username=name, display_name=display, role=role,
                         post=post, phone=phone, active=active, **_stamp(ids[name], n)))  # fmt: skip
        for key, name, post, phone, user_id, active, n in s:
            conn.execute(STAFF.insert().values(name=name, post=post, phone=phone, user_id=user_id,
                         active=active, **_stamp(staff_ids[key], n)))  # fmt: skip
        conn.execute(CREDENTIAL.insert().values(user_id=ids["zhangli"], kind="password",
                     secret_hash=hash_secret("principal-pass-1"), failed_attempts=0,
                     changed_at=T0))  # fmt: skip
        if device:
            conn.execute(DEVICE_STATE.insert().values(id=1, device_id=DEVICE, created_at=T0,
                         hlc_last=OLD_HLC, audit_head_seq=0, audit_head_hash=""))  # fmt: skip
    return engine


def person_of(s, username: str) -> StaffMember:
    user = s.scalar(select(UserAccount).where(UserAccount.username == username))
    return s.get(StaffMember, user.staff_id)


def test_every_user_gets_one_person_and_nothing_is_merged_blindly(tmp_path):
    data = tmp_path / "school"
    data.mkdir()
    build_old_school(data / DB_FILENAME).dispose()
    ws = Workspace.open(data)
    try:
        assert schema.sqlite_revision(ws.db_path, ws.key) == schema.HEAD
        with ws.read() as s:
            # Linked by hand: the link stays, the directory's details stand, its gap is filled.
            p = person_of(s, "zhangli")
            assert (p.id, p.name, p.post, p.phone) == (
                staff_ids["s_zhangli"], "张丽", "校长", "13900000001",
            )  # fmt: skip
            # Typed only as a user: a person with the user's details and a deterministic id.
            p = person_of(s, "wangqiang")
            assert p.id == uuid.uuid5(NAMESPACE, str(ids["wangqiang"]))
            assert (p.name, p.post, p.phone, p.active) == ("王强", "宿管", "13900000002", True)
            # Same name as a directory entry: a person of its own, the entry left alone.
            p = person_of(s, "wangfang")
            assert p.id != staff_ids["s_wangfang"] and p.name == "王芳"
            assert s.get(StaffMember, staff_ids["s_wangfang"]).user_id is None
            # A deactivated login's person is inactive too.
            assert person_of(s, "kong").active is False
            # Two entries pointed at one login: the active one keeps it.
            assert person_of(s, "zhaomin").id == staff_ids["s_new"]
            assert s.get(StaffMember, staff_ids["s_old"]).user_id is None
            assert s.scalar(sa.select(sa.func.count()).select_from(StaffMember)) == 5 + 3
        principal = authenticate(ws, "zhangli", "principal-pass-1")
        assert principal.name == "张丽"
        twice = [p for p in list_people(ws, principal) if p.name == "王芳"]
        assert len(twice) == 2 and all(p.same_name for p in twice)  # shown for a human to decide
    finally:
        ws.close()


def test_the_migration_queues_its_rows_for_the_bureau(tmp_path):
    data = tmp_path / "school"
    data.mkdir()
    build_old_school(data / DB_FILENAME).dispose()
    ws = Workspace.open(data)
    try:
        with ws.read() as s:
            out = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
            hlc_last = ws.db.last_hlc()
            new_people = {person_of(s, u).id for u in ("wangqiang", "wangfang", "kong")}
            row = s.get(StaffMember, uuid.uuid5(NAMESPACE, str(ids["wangqiang"])))
            stamped = (row.hlc, row.origin_device)
    finally:
        ws.close()
    inserts = [o for o in out if o.op == "insert"]
    assert {(o.table_name, o.row_id) for o in inserts} == {("staff_member", i) for i in new_people}
    wq = next(o for o in inserts if o.row_id == uuid.uuid5(NAMESPACE, str(ids["wangqiang"])))
    assert wq.changes["name"] == "王强" and wq.changes["school_id"] == str(SCHOOL)
    assert set(wq.changes) == {"id", "school_id", "hlc", "origin_device", "created_at",
                               "updated_at", "deleted_at", "name", "post", "phone", "active"}  # fmt: skip
    assert (wq.hlc, wq.device_id) == stamped == (wq.hlc, DEVICE)
    links = {o.row_id: o.changes["staff_id"] for o in out if o.table_name == "user_account"}
    assert set(links) == set(ids.values())
    assert links[ids["zhangli"]] == str(staff_ids["s_zhangli"])
    # Empty phones of linked entries filled from the account; a post already there stands.
    filled = [o for o in out if o.table_name == "staff_member" and o.op == "update"]
    assert {(o.row_id, tuple(sorted(o.changes))) for o in filled} == {
        (staff_ids[k], ("origin_device", "phone", "updated_at")) for k in ("s_zhangli", "s_new")
    }
    # Fresh clock values above everything before, recorded as the device's last.
    assert all(o.hlc > OLD_HLC and o.device_id == DEVICE and o.actor_id is None for o in out)
    assert len({o.hlc for o in out}) == len(out) and hlc_last == max(o.hlc for o in out)


def _changes(ws: Workspace) -> list[dict]:
    with ws.read() as s:
        return [
            {"table": o.table_name, "row": str(o.row_id), "op": o.op, "hlc": o.hlc,
             "device": str(o.device_id), "changes": o.changes}
            for o in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
        ]  # fmt: skip


def test_two_pcs_and_the_bureau_migrating_on_their_own_agree_on_one_person(tmp_path):
    """The school's two PCs (copies of one file) and the bureau each migrate their own copy."""
    first, second = tmp_path / "pc1", tmp_path / "pc2"
    first.mkdir()
    build_old_school(first / DB_FILENAME).dispose()
    shutil.copytree(first, second)
    other = uuid.uuid4()
    engine = sa.create_engine(sqlite_url(second / DB_FILENAME))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE device_state SET device_id = :d"), {"d": other.hex})
    engine.dispose()
    bureau = build_old_school(tmp_path / "bureau.sqlite3", device=False)
    with bureau.begin() as conn:  # the bureau has these rows from earlier syncs, with their clocks
        for table, rows in (("user_account", ids.values()), ("staff_member", staff_ids.values())):
            for rid in rows:
                conn.execute(
                    sa.text("INSERT INTO bureau_field_clock (table_name, row_id, school_id, "
                            "clocks) VALUES (:t, :r, :s, :c)"),
                    {"t": table, "r": rid.hex, "s": SCHOOL.hex,
                     "c": f'{{"{OLD_HLC - 100}:{DEVICE}": ["active", "name"]}}'},
                )  # fmt: skip
    schema.upgrade(bureau)

    pcs = [Workspace.open(first), Workspace.open(second)]
    try:
        people = []
        for ws in pcs:
            with ws.read() as s:
                people.append({u: person_of(s, u).id for u in ids})
        assert people[0] == people[1]
        with bureau.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM outbox")).scalar() == 0
        for ws in pcs:
            with bureau.begin() as conn:
                apply_changes(conn, _changes(ws), school_id=SCHOOL, device_id=ws.device_id)
    finally:
        for ws in pcs:
            ws.close()
    with bureau.connect() as conn:
        links = dict(conn.execute(select(UserAccount.username, UserAccount.staff_id)).all())
        count = conn.execute(sa.text("SELECT count(*) FROM staff_member")).scalar()
    bureau.dispose()
    assert links == people[0]
    assert count == 5 + 3  # one person per user, none twice


def test_the_bureaus_postgresql_gets_the_same_people(empty_postgres_url):
    """The bureau migrates its own copy of every school's rows: same ids, no outbox."""
    engine = build_old_school(empty_postgres_url, device=False)
    try:
        schema.upgrade(engine)
        with engine.connect() as conn:
            links = dict(conn.execute(select(UserAccount.username, UserAccount.staff_id)).all())
            names = dict(conn.execute(select(StaffMember.id, StaffMember.name)).all())
            queued = conn.execute(sa.text("SELECT count(*) FROM outbox")).scalar()
    finally:
        engine.dispose()
    assert links["wangqiang"] == uuid.uuid5(NAMESPACE, str(ids["wangqiang"]))
    assert links["zhangli"] == staff_ids["s_zhangli"] and links["zhaomin"] == staff_ids["s_new"]
    assert names[links["wangfang"]] == "王芳" and links["wangfang"] != staff_ids["s_wangfang"]
    assert len(names) == 5 + 3 and queued == 0
