"""One school can never touch or point into another school's rows at the bureau; values
must fit the schema exactly (issue 13, items 1 and 9).

School B has one row in every synced table (a finalized, signed monthly report
among them, and a photo copy); school A, whose ids are printed on every form,
tries every way to name or reference them. Each attempt is refused with its
named reason, and B's rows, field clocks and photo copies hash the same after.
Most cases call the merge directly in a transaction that is rolled back; two go
through real signed bundles and a real bureau.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import JSON, Boolean, Date, Integer, Numeric, Uuid, select

from app.bureau.blobs import photo_copy_path, store_blobs
from app.sync.bundle import Bundle
from app.sync.merge import MergeError, apply_changes
from app.sync.ownership import NAMED_REFERENCES, foreign_keys
from app.sync.validation import table_schema
from db.base import Base, UTCDateTime, synced_tables
from db.hlc import pack
from db.models import BureauBlob, BureauFieldClock

A, B = uuid.UUID(int=0xA << 124 | 1), uuid.UUID(int=0xB << 124 | 1)
DEV_A, DEV_B = uuid.UUID(int=0xA << 124 | 2), uuid.UUID(int=0xB << 124 | 2)
HLC = pack(1_790_000_000_000)
TABLES = sorted(synced_tables())
RANK = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
ORDERED = sorted(TABLES, key=RANK.__getitem__)
SELF_REFS = {"drill": "corrects_id", "inspection": "corrects_id"}
# Every reference a change can set: ForeignKey columns from the metadata, plus
# those kept without a constraint.
REFERENCES = sorted(
    (table, column, target) for table in TABLES for column, target in foreign_keys(table).items()
)


def row_id(school: uuid.UUID, table: str) -> str:
    """The one seeded row of ``table`` for ``school`` (the school row is the school's id)."""
    if table == "school":
        return str(school)
    return str(uuid.uuid5(school, table))


def seed_values(school: uuid.UUID, device: uuid.UUID, table: str, rid: str) -> dict:
    """Every column of a valid insert of ``table``, references pointing to ``school``'s rows."""
    schema = table_schema(table)
    refs = foreign_keys(table)
    out: dict = {}
    for name, column in schema.columns.items():
        kind = column.type
        if name == "id":
            value = rid
        elif name == "school_id":
            value = str(school)
        elif name == "origin_device":
            value = str(device)
        elif name in refs:
            value = None if SELF_REFS.get(table) == name else row_id(school, refs[name])
        elif isinstance(kind, Uuid):
            value = str(uuid.uuid5(school, f"{table}.{name}"))
        elif isinstance(kind, UTCDateTime):
            value = "2026-11-02T08:00:00+00:00"
        elif isinstance(kind, Date):
            value = "2026-11-02"
        elif isinstance(kind, Boolean):
            value = False
        elif isinstance(kind, Integer):
            value = HLC if name == "hlc" else 1
        elif isinstance(kind, Numeric):
            value = "1.50"
        elif isinstance(kind, JSON):
            value = {} if schema.json_shapes.get(name) is dict else []
        else:
            value = "x"
        out[name] = value
    if table in NAMED_REFERENCES:
        id_col, table_col = NAMED_REFERENCES[table]
        out[table_col], out[id_col] = "hazard", row_id(school, "hazard")
    if table == "grid_assignment":
        out["post_id"] = None  # a zone or a post, never both
    if table == "photo":
        out["sha256"] = hashlib.sha256(f"photo of {school}".encode()).hexdigest()
    if table == "monthly_report":  # signed and finalized
        out.update(status="finalized", finalized_at="2026-11-30T08:00:00+00:00")
    return out


def insert(school, device, table, rid=None, **fields) -> dict:
    rid = rid or row_id(school, table)
    changes = {**seed_values(school, device, table, rid), **fields}
    return {
        "table": table,
        "row": rid,
        "op": "insert",
        "hlc": HLC,
        "device": str(device),
        "changes": changes,
    }


def update(table, row, hlc=HLC + 5, **fields) -> dict:
    changes = {"updated_at": "2026-11-03T08:00:00+00:00", "origin_device": str(DEV_A), **fields}
    return {"table": table, "row": row, "op": "update", "hlc": hlc, "device": str(DEV_A),
            "changes": changes}  # fmt: skip


def state_of(engine, school: uuid.UUID) -> str:
    """A hash of everything the bureau keeps for ``school``."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for name in TABLES:
            table = Base.metadata.tables[name]
            query = select(table).where(table.c.school_id == school).order_by(table.c.id)
            digest.update(repr([tuple(r) for r in conn.execute(query)]).encode())
        for model in (BureauFieldClock, BureauBlob):
            t = model.__table__
            query = select(t).where(t.c.school_id == school).order_by(*t.primary_key.columns)
            digest.update(repr([tuple(r) for r in conn.execute(query)]).encode())
    return digest.hexdigest()


PHOTO_COPY = b"\xff\xd8 school B's sync copy \xff\xd9"


@pytest.fixture(scope="module")
def bureau_db(tmp_path_factory):
    """A bureau database with schools A and B seeded through the merge itself."""
    import psycopg

    from db import schema
    from db.session import make_engine
    from tests.conftest import PG_ADMIN_URL, _pg_reachable

    if problem := _pg_reachable():
        pytest.fail(f"PostgreSQL not reachable: {problem}")
    name = f"xiaoan_test_{uuid.uuid4().hex[:12]}"
    admin = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}")
    spool = tmp_path_factory.mktemp("spool")
    try:
        schema.upgrade(engine)
        with engine.begin() as conn:
            for school, device in ((A, DEV_A), (B, DEV_B)):
                seed = [insert(school, device, t) for t in ORDERED]
                assert apply_changes(conn, seed, school_id=school, device_id=device) == len(seed)
            digest = hashlib.sha256(PHOTO_COPY).hexdigest()
            photo_b = seed_values(B, DEV_B, "photo", row_id(B, "photo"))["sha256"]
            bundle = Bundle({"blobs": {digest: photo_b}}, [], {digest: PHOTO_COPY})
            assert store_blobs(conn, spool, bundle, B) == 1
        engine.spool = spool
        engine.b_state = state_of(engine, B)
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def refused(engine, changes, reason: str) -> MergeError:
    with pytest.raises(MergeError) as err, engine.begin() as conn:
        apply_changes(conn, changes, school_id=A, device_id=DEV_A)
    assert err.value.reason == reason, err.value
    assert state_of(engine, B) == engine.b_state
    return err.value


def spellings(rid: str) -> list[str]:
    u = uuid.UUID(rid)
    return [rid.upper(), u.hex, f"{{{rid}}}", u.urn]


NAMED = ["school", "staff_member", "user_account", "hazard", "grid_zone", "monthly_report"]


@pytest.mark.parametrize("table", NAMED)
def test_another_schools_row_named_in_any_other_spelling_is_not_a_row_id(bureau_db, table):
    theirs = row_id(B, table)
    for spelled in spellings(theirs):
        refused(bureau_db, [insert(A, DEV_A, table, rid=spelled)], "bad_change")
        ours = insert(A, DEV_A, table, rid=str(uuid.uuid4()))
        ours["changes"]["id"] = spelled
        refused(bureau_db, [ours], "bad_change")
        refused(bureau_db, [update(table, spelled, name="taken")], "bad_change")
    # Spelled canonically it is a row id, and it is B's.
    refused(bureau_db, [insert(A, DEV_A, table, rid=theirs)], "foreign_row")


@pytest.mark.parametrize("table", TABLES)
def test_another_schools_row_cannot_be_updated_deleted_or_inserted_over(bureau_db, table):
    theirs = row_id(B, table)
    refused(bureau_db, [update(table, theirs)], "foreign_row")
    gone = update(table, theirs, deleted_at="2026-11-04T08:00:00+00:00")
    refused(bureau_db, [{**gone, "op": "delete"}], "foreign_row")
    refused(bureau_db, [insert(A, DEV_A, table, rid=theirs)], "foreign_row")
    # Nor can a row of A's be handed to B.
    refused(bureau_db, [update(table, row_id(A, table), school_id=str(B))], "foreign_row")


@pytest.mark.parametrize(("table", "column", "target"), REFERENCES)
def test_no_reference_a_change_sets_may_point_into_another_school(bureau_db, table, column, target):
    theirs = row_id(B, target)
    new = insert(A, DEV_A, table, rid=str(uuid.uuid4()), **{column: theirs})
    refused(bureau_db, [new], "foreign_row")
    refused(bureau_db, [update(table, row_id(A, table), **{column: theirs})], "foreign_row")
    refused(bureau_db, [update(table, row_id(A, table), **{column: theirs.upper()})], "bad_change")


@pytest.mark.parametrize("table", sorted(NAMED_REFERENCES))
def test_a_record_named_by_table_and_id_may_not_be_another_schools(bureau_db, table):
    id_col, table_col = NAMED_REFERENCES[table]
    for target in ("hazard", "monthly_report", "school"):
        fields = {table_col: target, id_col: row_id(B, target)}
        refused(
            bureau_db, [insert(A, DEV_A, table, rid=str(uuid.uuid4()), **fields)], "foreign_row"
        )
    # The id alone (its table unchanged): no row of A's has it, one of B's does.
    alone = update(table, row_id(A, table), **{id_col: row_id(B, "hazard")})
    refused(bureau_db, [alone], "foreign_row")


def test_the_signed_monthly_report_of_another_school_stays_finalized(bureau_db):
    report = row_id(B, "monthly_report")
    unfinalize = dict(status="draft", finalized_at=None, signature_id=None, comments="")
    refused(bureau_db, [update("monthly_report", report, **unfinalize)], "foreign_row")
    refused(bureau_db, [update("monthly_report", report.upper(), **unfinalize)], "bad_change")
    draft = insert(A, DEV_A, "monthly_report", rid=report, **unfinalize)
    refused(bureau_db, [draft], "foreign_row")
    with bureau_db.connect() as conn:
        t = Base.metadata.tables["monthly_report"]
        row = conn.execute(select(t).where(t.c.id == uuid.UUID(report))).one()
    assert row.status == "finalized" and row.finalized_at is not None
    assert str(row.signature_id) == row_id(B, "signature")


def test_a_blob_map_may_not_claim_another_schools_photo(bureau_db):
    photo_b = seed_values(B, DEV_B, "photo", row_id(B, "photo"))["sha256"]
    copy = b"\xff\xd8 A's picture \xff\xd9"
    digest = hashlib.sha256(copy).hexdigest()
    bundle = Bundle({"blobs": {digest: photo_b}}, [], {digest: copy})
    with pytest.raises(MergeError) as err, bureau_db.begin() as conn:
        store_blobs(conn, bureau_db.spool, bundle, A)
    assert err.value.reason == "foreign_row"
    assert state_of(bureau_db, B) == bureau_db.b_state
    # B's copy of B's photo is B's; A has none, even for the same picture's hash.
    with bureau_db.connect() as conn:
        assert photo_copy_path(conn, B, photo_b).read_bytes() == PHOTO_COPY
        assert photo_copy_path(conn, A, photo_b) is None
    # The same bytes sent by A for A's own photo are filed for A, apart from B's.
    photo_a = seed_values(A, DEV_A, "photo", row_id(A, "photo"))["sha256"]
    digest = hashlib.sha256(PHOTO_COPY).hexdigest()
    same = Bundle({"blobs": {digest: photo_a}}, [], {digest: PHOTO_COPY})
    with bureau_db.begin() as conn:
        assert store_blobs(conn, bureau_db.spool, same, A) == 1
        path_a = photo_copy_path(conn, A, photo_a)
        assert path_a != photo_copy_path(conn, B, photo_b)
        conn.rollback()
    assert state_of(bureau_db, B) == bureau_db.b_state


def _own(table="staff_member", **fields) -> dict:
    return insert(A, DEV_A, table, rid=str(uuid.uuid4()), **fields)


BAD_VALUES = [
    ("school", "boarding", "false"),
    ("school", "boarding", 0),
    ("school", "boarding", 1),
    ("school", "boarding", None),
    ("staff_member", "name", ["a"]),
    ("staff_member", "name", {"a": 1}),
    ("staff_member", "name", 5),
    ("staff_member", "name", "x" * 201),
    ("staff_member", "name", "a\x00b"),
    ("staff_member", "name", "\ud800"),
    ("staff_member", "created_at", "2026-11-02T08:00:00"),
    ("staff_member", "created_at", "yesterday"),
    ("staff_member", "created_at", 1_790_000_000),
    ("staff_member", "origin_device", str(DEV_A).upper()),
    ("staff_member", "origin_device", None),
    ("photo", "width", 1.0),
    ("photo", "width", True),
    ("photo", "width", "640"),
    ("photo", "width", 2**31),
    ("school_holiday", "start_date", "2026-11-02T08:00:00+00:00"),
    ("hazard", "funds_yuan", 1.5),
    ("hazard", "funds_yuan", "1.005"),
    ("hazard", "funds_yuan", "NaN"),
    ("drill", "observers", {"a": 1}),
    ("drill", "observers", "[]"),
    ("hazard_event", "data", [1]),
    ("hazard_event", "data", {"x": float("nan")}),
    ("hazard_event", "data", {"x": float("inf")}),
]


@pytest.mark.parametrize(("table", "column", "value"), BAD_VALUES)
def test_a_value_of_the_wrong_type_is_refused_not_coerced(bureau_db, table, column, value):
    error = refused(bureau_db, [_own(table, **{column: value})], "bad_change")
    assert column in error.detail


@pytest.mark.parametrize("hlc", [0, -1, 2**63, 10**4000, 1.5, "1", None, True, float("nan")])
def test_an_hlc_must_be_a_positive_64_bit_integer(bureau_db, hlc):
    refused(bureau_db, [{**_own(), "hlc": hlc}], "bad_change")


def test_unknown_tables_columns_and_malformed_lines_are_named(bureau_db):
    refused(bureau_db, [{**_own(), "table": "bureau_device"}], "unknown_table")
    refused(bureau_db, [{**_own(), "table": "no_such_table"}], "unknown_table")
    refused(bureau_db, [_own(shoe_size=42)], "unknown_column")
    refused(
        bureau_db, [update("user_account", row_id(A, "user_account"), pin="1")], "unknown_column"
    )
    for line in ([], "insert", None, 1, {"table": "school"}):
        refused(bureau_db, [line], "bad_change")
    refused(bureau_db, {"table": "school"}, "bad_change")
    refused(bureau_db, [{**_own(), "op": "upsert"}], "bad_change")
    refused(bureau_db, [{**_own(), "extra": 1}], "bad_change")
    refused(bureau_db, [{**_own(), "device": str(DEV_A).upper()}], "bad_change")
    missing = _own()
    del missing["changes"]["name"]
    refused(bureau_db, [missing], "bad_change")
    refused(bureau_db, [_own(school_id=str(B))], "foreign_row")


def test_valid_changes_still_merge_and_retired_columns_are_dropped_by_name(bureau_db):
    account = _own("user_account", username="zl", display_name="张丽", post="校长", phone="1")
    with bureau_db.begin() as conn:
        assert apply_changes(conn, [account], school_id=A, device_id=DEV_A) == 1
        edit = update("staff_member", row_id(A, "staff_member"), name="李明", active=True)
        assert apply_changes(conn, [edit], school_id=A, device_id=DEV_A) == 1
        t = Base.metadata.tables["staff_member"]
        got = conn.execute(select(t.c.name).where(t.c.id == uuid.UUID(row_id(A, "staff_member"))))
        assert got.scalar() == "李明"
        conn.rollback()
    assert state_of(bureau_db, B) == bureau_db.b_state


# -- through real signed bundles ---------------------------------------------------


def test_signed_bundles_reaching_into_another_school_are_quarantined_and_the_next_applies(
    workspace, memory_keyring, postgres_url, tmp_path, capsys
):
    from app.sync.bundle import sha256_hex
    from tests.app.test_sync_bureau import bureau_state, forge, upload
    from tests.app.test_sync_e2e import enroll
    from tests.sync_support import running_bureau

    school = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        enroll(school, bureau, tmp_path)
        with bureau.engine.begin() as conn:
            seed = [insert(B, DEV_B, t) for t in ORDERED]
            apply_changes(conn, seed, school_id=B, device_id=DEV_B)
        before = state_of(bureau.engine, B)
        now = pack(int(datetime.now(UTC).timestamp() * 1000))
        mine = str(school.device_id)
        takeover = insert(school.school_id, school.device_id, "school", rid=str(B).upper())
        takeover["changes"].update(name="taken", hlc=now)
        phone = update("staff_member", row_id(B, "staff_member"), hlc=now, phone="110")
        phone["device"] = phone["changes"]["origin_device"] = mine
        prev = ""
        for seq, changes in enumerate(([takeover], [phone]), start=1):
            data, name = forge(school, bureau, seq=seq, prev=prev, hlc=now, changes=changes)
            assert upload(bureau, tmp_path, data, name).state == "quarantined"
            state, reason = bureau_state(bureau, sha256_hex(data))
            with bureau.engine.connect() as conn:
                from db.models import BureauBundle

                detail = conn.execute(
                    select(BureauBundle.detail).where(BureauBundle.sha256 == sha256_hex(data))
                ).scalar()
            expected = "bad_change" if seq == 1 else "foreign_row"
            assert expected in f"{reason} {detail}"
            prev = sha256_hex(data)
        assert state_of(bureau.engine, B) == before
        # An operator releasing it gets the reason, not a stack trace; it stays refused.
        from app.bureau.cli import main as bureau_main

        capsys.readouterr()
        keys = ["--key-dir", str(tmp_path / "keys")]
        assert bureau_main([*keys, "quarantine", "release", prev[:16]]) == 2
        assert "foreign_row" in capsys.readouterr().err
        assert bureau_state(bureau, prev)[0] == "quarantined"
        assert state_of(bureau.engine, B) == before
        data, name = forge(school, bureau, seq=3, prev=prev, hlc=now)
        assert upload(bureau, tmp_path, data, name).state == "applied"
        assert state_of(bureau.engine, B) == before


def test_an_inspection_may_not_name_another_schools_inspectors(bureau_db):
    theirs = row_id(B, "user_account")
    new = insert(A, DEV_A, "inspection", rid=str(uuid.uuid4()), inspector_ids=[theirs])
    refused(bureau_db, [new], "foreign_row")
    mine = row_id(A, "inspection")
    refused(bureau_db, [update("inspection", mine, inspector_ids=[theirs])], "foreign_row")
    refused(bureau_db, [update("inspection", mine, inspector_ids=[theirs.upper()])], "bad_change")


# -- audit entries name their device ----------------------------------------------------


def _entry(origin: uuid.UUID, seq: int) -> dict:
    rid = str(uuid.uuid4())
    return insert(A, DEV_A, "audit_entry", rid, origin_device=str(origin), seq=seq)


def test_an_audit_entry_may_not_take_another_schools_place_in_its_chain(bureau_db):
    # B's device wrote entry 1 of its chain; A may not slip an entry in under it.
    refused(bureau_db, [_entry(DEV_B, 1)], "foreign_row")
    # Nor start entries for a device the bureau knows as B's.
    from db.models import BureauDevice, BureauSchool

    with bureau_db.connect() as conn, conn.begin() as trans:
        conn.execute(
            BureauSchool.__table__.insert().values(
                id=uuid.uuid4(), code="B", name="B", school_id=B, created_at=datetime.now(UTC)
            )
        )
        conn.execute(
            BureauDevice.__table__.insert().values(
                device_id=DEV_B,
                school_code="B",
                school_id=B,
                signing_key="",
                recipient="",
                fingerprint="",
                registered_at=datetime.now(UTC),
                contiguous_seq=0,
                return_seq=0,
            )
        )
        with pytest.raises(MergeError) as err:
            apply_changes(conn, [_entry(DEV_B, 99)], school_id=A, device_id=DEV_A)
        assert err.value.reason == "foreign_row"
        trans.rollback()
    assert state_of(bureau_db, B) == bureau_db.b_state


def test_a_copied_folders_forked_audit_entries_stay_behind_and_its_records_arrive(bureau_db):
    """A copy that went on under the original's identity wrote its own entry 1 of A's
    device chain; re-enrolled, it sends it with its records: the records merge, the
    first chain stands, and the bundle's notes say what was left on the PC."""
    edit = update("staff_member", row_id(A, "staff_member"), name="王芳", active=True)
    notes: list[str] = []
    t = Base.metadata.tables["audit_entry"]
    with bureau_db.connect() as conn, conn.begin() as trans:
        before = conn.execute(select(t.c.id).where(t.c.origin_device == DEV_A)).scalars().all()
        written = apply_changes(
            conn, [_entry(DEV_A, 1), edit], school_id=A, device_id=DEV_A, notes=notes
        )
        assert written == 1
        staff = Base.metadata.tables["staff_member"]
        name = conn.execute(
            select(staff.c.name).where(staff.c.id == uuid.UUID(row_id(A, "staff_member")))
        ).scalar()
        assert name == "王芳"
        after = conn.execute(select(t.c.id).where(t.c.origin_device == DEV_A)).scalars().all()
        assert after == before
        assert notes and "1 audit entries" in notes[0]
        trans.rollback()
