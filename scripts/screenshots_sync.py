"""Screenshots of the sync page and of what a sync brings (run by scripts/screenshots.py).

sync.png (enrolled with a loopback bureau, a photo's bundle on its way),
sync-waiting.png (the bureau holds a later bundle and waits for the one before
it), dashboard-oversight.png (the bureau's supervision order and a notice at
the top of the 工作台, brought by a sync) and sync-copy.png (the data folder
seen as a copy of another: re-enroll it as a new computer).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from screenshots import save, wait


def shoot_sync(app, window, outdir: Path, tmp: Path) -> None:
    """Enrolled with a loopback bureau, synced once, a photo's bundle on its way."""
    from app.attachments.store import add_photos
    from app.sync.service import SyncProgress
    from tests.sync_support import BureauUnderTest
    from ui import operations

    bureau = BureauUnderTest(f"sqlite:///{tmp / 'bureau.db'}", tmp / "bureau-keys").start()
    try:
        page = window.show_page("sync")
        wait(app, lambda: not operations.busy())
        page.choose_file = lambda: bureau.enroll(tmp, name="东风乡中心学校")
        page.import_enrollment()
        wait(app, lambda: page.overview.registered and not operations.busy())
        from app.bureau.operator import issue_notice

        issue_notice(
            bureau.engine, "220105-0012", "请于本周五前通过本系统上报秋季开学安全自查结果。"
        )
        page.sync_now()
        wait(app, lambda: not page.controller.running and not operations.busy(), timeout=60)
        ctx = window.ctx
        from PIL import Image

        photo = tmp / "fence.jpg"
        Image.effect_noise((1600, 1200), 40).convert("RGB").save(photo, "JPEG", quality=90)
        add_photos(ctx.workspace, ctx.actor, [photo])
        from app.sync.keys import load_or_create_device_keys
        from app.sync.outgoing import pack_pending

        made = pack_pending(ctx.workspace, load_or_create_device_keys(ctx.workspace.device_id))
        page.controller.refresh()
        wait(app, lambda: not operations.busy())
        # The moment the new bundle is on its way (what a pass shows while it sends).
        page._pass_started()
        total = page.model.row_at(0).size
        page._progress(SyncProgress("uploading", made[-1], int(total * 0.42), total))
        wait(app, lambda: True)
        save(window, outdir / "sync.png")
        page._pass_ended()
        shoot_sync_waiting(app, window, outdir, tmp, bureau, made[-1])
    finally:
        bureau.stop()


def shoot_oversight(app, window, outdir: Path, bureau) -> None:
    """The bureau's supervision order on a major hazard and a notice to acknowledge, brought
    down by a sync: the 工作台 shows them at the top until answered."""
    from datetime import date, timedelta

    from sqlalchemy import select

    from app.bureau.publications import publish_notice, supervise
    from db.models import Hazard
    from ui import operations

    ws = window.ctx.workspace
    with ws.read() as s:
        hazard = s.scalar(
            select(Hazard).where(Hazard.major.is_(True), Hazard.status != "closed").limit(1)
        )
    supervise(
        bureau.engine,
        school_code="220105-0012",
        deadline=date.today() + timedelta(days=10),
        text_="重大隐患整改进度滞后，请于期限内完成整改并书面回复。",
        hazard_id=hazard.id if hazard else None,
        duty=None if hazard else "daily_patrol",
        published_by="区教育局安全科",
    )
    publish_notice(
        bureau.engine,
        text_="寒假前请完成一次全面安全大检查，并组织师生开展假期安全教育。",
        all_schools=True,
        ack_required=True,
        published_by="区教育局安全科",
    )
    sync = window.show_page("sync")
    wait(app, lambda: not sync.controller.running and not operations.busy(), timeout=60)
    sync.sync_now()
    wait(app, lambda: not sync.controller.running and not operations.busy(), timeout=60)
    page = window.show_page("dashboard")
    page.refresh()
    wait(app, lambda: not operations.busy())
    wait(app, lambda: page.work_model.rowCount() > 0)
    save(window, outdir / "dashboard-oversight.png")


def shoot_sync_waiting(app, window, outdir: Path, tmp: Path, bureau, missing: int) -> None:
    """A later bundle reached the bureau before bundle ``missing``: the page says so."""
    from PIL import Image

    from app.attachments.store import add_photos
    from app.sync.keys import device_keys
    from app.sync.outgoing import outgoing_dir, pack_pending
    from app.sync.service import apply_return
    from app.sync.transport import HttpTransport
    from db.models import BundleState, SyncBundle
    from ui import operations

    ws, actor = window.ctx.workspace, window.ctx.actor
    photo = tmp / "stairs.jpg"
    Image.effect_noise((1200, 900), 30).convert("RGB").save(photo, "JPEG", quality=85)
    add_photos(ws, actor, [photo])
    keys = device_keys(ws.device_id)
    (later,) = pack_pending(ws, keys)
    with ws.read() as s:
        row = s.get(SyncBundle, later)
    transport = HttpTransport(bureau.url)
    transport.sign_as(ws.device_id, keys.signing)
    transport.upload(
        outgoing_dir(ws) / row.file_name,
        {"name": row.file_name, "sha256": row.sha256},
        url=None,
        on_url=lambda _u: None,
        on_progress=lambda _o: None,
    )
    with ws.db.write(actor_id=None) as s:
        s.get(SyncBundle, later).state = BundleState.SENT
    apply_return(ws, transport.fetch_return(ws.device_id))
    page = window.show_page("sync")
    page.controller.refresh()
    wait(app, lambda: not operations.busy() and str(missing) in page.advice_label.text())
    save(window, outdir / "sync-waiting.png")
    shoot_oversight(app, window, outdir, bureau)
    shoot_sync_copy(app, window, outdir, tmp)


def shoot_sync_copy(app, window, outdir: Path, tmp: Path) -> None:
    """The data folder seen as a copy: the folder its keys were made in still holds it."""
    import json

    from app.data_key import ID_FILENAME
    from app.sync import identity
    from app.sync.keys import store_secret
    from ui import operations

    ws = window.ctx.workspace
    original = tmp / "copied-from"
    original.mkdir()
    shutil.copy(ws.data_dir / ID_FILENAME, original / ID_FILENAME)
    home = identity.home(ws.device_id)
    store_secret(
        ws.device_id,
        identity.HOME_SECRET,
        json.dumps({"path": str(original.resolve()), "folder": home.folder}),
    )
    page = window.show_page("sync")
    page.controller.refresh()
    wait(app, lambda: not operations.busy() and page.reenroll_button.isVisible())
    page.reenroll_button.setFocus()
    wait(app, lambda: True)
    save(window, outdir / "sync-copy.png")
