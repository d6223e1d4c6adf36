"""Headless sync commands: ``enroll``, ``sync``, ``export-usb``, ``import-usb``.

``xiaoan sync`` runs one pass; its exit code tells a scheduler whether to
come back: 0 nothing left, 1 something still pending (or quarantined), 2 error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.main import command, data_dir_of, fail, say
from app.i18n import QT_TRANSLATE_NOOP


def _open(args: argparse.Namespace):
    from app.workspace import Workspace

    return Workspace.open(data_dir_of(args))


def _file_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("enrollment_file", type=Path, help="the enrollment file from the bureau")


def _folder_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", type=Path, help="a folder on the USB stick")


def _no_args(_p: argparse.ArgumentParser) -> None:
    pass


@command("enroll", "import the bureau's enrollment file and register this PC", _file_arg)
def enroll(args: argparse.Namespace) -> int:
    from app.sync.enrollment import import_enrollment, register
    from app.sync.transport import HttpTransport, Refused, Transient

    ws = _open(args)
    try:
        info = import_enrollment(ws, args.enrollment_file)
        say(QT_TRANSLATE_NOOP("cli", "Bureau fingerprint: {fp}"), fp=info.bureau_fingerprint)
        say(QT_TRANSLATE_NOOP("cli", "This PC's fingerprint: {fp}"), fp=info.device_fingerprint)
        say(
            QT_TRANSLATE_NOOP(
                "cli", "Read both fingerprints to the bureau by phone; they must match theirs."
            )
        )
        try:
            register(ws, HttpTransport(info.bureau_url))
        except Transient as e:
            return fail(
                QT_TRANSLATE_NOOP(
                    "cli", "The bureau could not be reached ({error}); the next sync will retry."
                ),
                1,
                error=str(e),
            )
        except Refused as e:
            return fail(
                QT_TRANSLATE_NOOP("cli", "The bureau refused the registration: {error}"),
                error=e.detail,
            )
        say(QT_TRANSLATE_NOOP("cli", "Registered with the bureau at {url}."), url=info.bureau_url)
        return 0
    finally:
        ws.close()


@command("sync", "run one sync pass with the bureau (exit 0: nothing left, 1: pending)", _no_args)
def sync(args: argparse.Namespace) -> int:
    from app.sync.service import sync_pass

    ws = _open(args)
    try:
        report = sync_pass(ws)
    finally:
        ws.close()
    for seq, reason in report.quarantined:
        say(
            QT_TRANSLATE_NOOP("cli", "Bundle {seq} was quarantined by the bureau: {reason}"),
            seq=seq,
            reason=reason,
        )
    if report.problem:
        from app.i18n import translate
        from app.sync.problems import message

        # The plain sentence (what to do); the technical detail is in the log.
        return fail(
            QT_TRANSLATE_NOOP("cli", "Sync stopped: {error}"),
            2,
            error=translate("app", message(report.problem)),
        )
    say(
        QT_TRANSLATE_NOOP(
            "cli", "Sent {uploaded} bundles; the bureau has everything up to bundle {acked}."
        ),
        uploaded=report.uploaded,
        acked=report.acked_seq,
    )
    return 1 if report.anything_left else 0


@command("export-usb", "write bundles not yet acknowledged into a folder", _folder_arg)
def export_usb_cmd(args: argparse.Namespace) -> int:
    from app.sync.service import export_usb

    ws = _open(args)
    try:
        written = export_usb(ws, args.folder)
    finally:
        ws.close()
    say(QT_TRANSLATE_NOOP("cli", "Wrote {n} bundles to {path}."), n=len(written), path=args.folder)
    return 0


@command("import-usb", "read the bureau's return bundles from a folder", _folder_arg)
def import_usb_cmd(args: argparse.Namespace) -> int:
    from app.sync.service import import_usb

    ws = _open(args)
    try:
        report = import_usb(ws, args.folder)
    finally:
        ws.close()
    say(QT_TRANSLATE_NOOP("cli", "Applied {n} replies from the bureau."), n=report.applied)
    if report.problems:
        say(
            QT_TRANSLATE_NOOP(
                "cli",
                "{n} files in the folder were not read or did not verify, "
                "and were left as they are: {names}",
            ),
            n=len(report.problems),
            names=", ".join(report.problems),
        )
        return 1
    return 0
