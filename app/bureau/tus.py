"""The tus 1.0 core (OPTIONS, POST creation, HEAD, PATCH) plus the checksum extension.

Written here rather than taken from ``tuspyserver`` because the bureau needs
what that router lacks: ``Upload-Checksum`` (so a half-received chunk is
never kept), a completion step that runs the blocking ingest off the event
loop and answers the final PATCH (409 for a seq conflict), metadata that is
not forced to carry ``filename``/``filetype``, and uploads that belong to the
device that created them.

Uploads live in ``<spool>/uploads/<id>.part`` with ``<id>.json`` beside it
(owner device, length, offset, metadata, bytes received, last touched);
both survive a server restart. The offset in the json is the truth: a chunk
is written at the offset and fsynced, then the new offset is saved (tmp,
fsync, replace), and the ``.part`` is cut back to the saved offset at
start-up and before every HEAD and PATCH, so bytes of a chunk whose offset
was never saved (the bureau died between the two) never count and the
client's re-sent chunk lands in their place. ``received`` counts every body byte read,
kept or discarded, so re-sent bytes can be measured. Every route but OPTIONS
takes the authenticated device from the ``device`` dependency (401 before
anything is read or stored); an upload of another device is answered 404.
A PATCH body is read as it streams and cut off (413) past the upload's
remaining length or :attr:`Limits.patch_max_bytes`; an upload untouched for
:attr:`Limits.upload_expiry_s` is swept with its file (at start-up and on
every creation). The completion callback gets the file's bytes, its metadata
and the sending device, and returns a status and extra response headers.

Before the callback, the whole file's SHA-256 is compared with the ``sha256``
the client put in ``Upload-Metadata``: a copy that differs was damaged on
the way or on disk, is removed, and the final PATCH is answered 460 with
``X-Xiaoan-Reason: damaged_copy`` (the client then starts a new upload of
its file). Every answer to a completing PATCH carries ``X-Xiaoan-Sha256``,
the SHA-256 of the bytes the bureau took, so the client can tell whether a
verdict is about its own file.
"""

import base64
import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from app.bureau.device_auth import Device
from app.bureau.limits import Limits

TUS_VERSION = "1.0.0"
# Only SHA-256: the checksum is what ties a signed PATCH to its body.
CHECKSUMS = {"sha256": hashlib.sha256}
MAX_METADATA_CHARS = 1024
DAMAGED = "damaged_copy"
Complete = Callable[[bytes, dict[str, str], Device], tuple[int, dict[str, str]]]


class Problem(BaseModel):
    detail: str


def _problem(text: str) -> dict[str, Any]:
    return {"model": Problem, "description": text}


def _tus_headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", **extra}


def parse_metadata(header: str | None) -> dict[str, str]:
    if header and len(header) > MAX_METADATA_CHARS:
        raise ValueError("Upload-Metadata too long")
    out: dict[str, str] = {}
    for pair in (header or "").split(","):
        parts = pair.strip().split(" ")
        if parts and parts[0]:
            out[parts[0]] = base64.b64decode(parts[1]).decode("utf-8") if len(parts) > 1 else ""
    return out


def names_device(name: str | None, device: Device) -> bool:
    """Whether a bundle file name is ``<device's school>.<device>.<seq>.bundle``."""
    parts = (name or "").split(".")
    return (
        len(parts) == 4
        and parts[0] == str(device.school_id)
        and parts[1] == str(device.device_id)
        and parts[2].isdigit()
        and len(parts[2]) <= 9
        and parts[3] == "bundle"
    )


class UploadStore:
    """Upload state on disk. One lock per store: PATCHes to one upload are serialised."""

    def __init__(self, root: Path, limits: Limits | None = None, *, clock=time.time) -> None:
        self.root = root
        self.limits = limits or Limits()
        self.clock = clock
        root.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.sweep()

    def _info_path(self, uid: str) -> Path:
        uuid.UUID(uid)  # refuses path tricks
        return self.root / f"{uid}.json"

    def _all(self) -> list[tuple[str, dict]]:
        out = []
        for p in self.root.glob("*.json"):
            info = self.load(p.stem)
            if info is not None:
                out.append((p.stem, info))
        return out

    def sweep(self) -> int:
        """Remove uploads untouched for longer than the expiry (and stray files); how many."""
        cutoff = self.clock() - self.limits.upload_expiry_s
        gone = 0
        with self.lock:
            for uid, info in self._all():
                if info.get("touched", 0) < cutoff:
                    self.remove(uid)
                    gone += 1
                else:
                    self.trim(uid, info)
            for p in self.root.glob("*.part"):
                if not (self.root / f"{p.stem}.json").exists():
                    p.unlink(missing_ok=True)
        return gone

    def create(self, length: int, metadata: dict[str, str], device: uuid.UUID) -> str | None:
        """A new upload owned by ``device``; None when the bureau holds too much already."""
        self.sweep()
        with self.lock:
            open_ = [(u, i) for u, i in self._all() if not i.get("done")]
            if sum(i["length"] for _, i in open_) + length > self.limits.uploads_total_bytes:
                return None
            mine = sorted((i["touched"], u) for u, i in open_ if i.get("device") == str(device))
            for _, uid in mine[: max(0, len(mine) - self.limits.uploads_per_device + 1)]:
                self.remove(uid)
            uid = str(uuid.uuid4())
            (self.root / f"{uid}.part").write_bytes(b"")
            info = {
                "device": str(device),
                "length": length,
                "offset": 0,
                "received": 0,
                "metadata": metadata,
                "touched": self.clock(),
            }
            self.save(uid, info)
        return uid

    def load(self, uid: str) -> dict | None:
        try:
            return json.loads(self._info_path(uid).read_text())
        except (OSError, ValueError):
            return None

    def save(self, uid: str, info: dict, *, durable: bool = False) -> None:
        """Replace the upload's json at once; ``durable``: on disk before it returns
        (an offset that makes written bytes count; the rest may be lost in a crash)."""
        path = self._info_path(uid)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w") as f:
            f.write(json.dumps(info))
            if durable:
                f.flush()
                os.fsync(f.fileno())
        tmp.replace(path)

    def trim(self, uid: str, info: dict) -> None:
        """Cut the ``.part`` back to the saved offset: bytes past it were never recorded."""
        part = self.root / f"{uid}.part"
        try:
            if part.stat().st_size > info["offset"]:
                os.truncate(part, info["offset"])
        except FileNotFoundError:
            pass

    def write_at(self, uid: str, offset: int, data: bytes) -> None:
        """Write a chunk at ``offset`` (whatever lay past it is dropped) and fsync it."""
        with open(self.root / f"{uid}.part", "r+b") as f:
            f.truncate(offset)
            f.seek(offset)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    def data(self, uid: str, length: int) -> bytes:
        with open(self.root / f"{uid}.part", "rb") as f:
            return f.read(length)

    def remove_data(self, uid: str) -> None:
        (self.root / f"{uid}.part").unlink(missing_ok=True)

    def remove(self, uid: str) -> None:
        self.remove_data(uid)
        self._info_path(uid).unlink(missing_ok=True)

    def total_received(self) -> int:
        return sum(info["received"] for _, info in self._all())

    def owned(self, uid: str, device: Device) -> dict:
        """The upload's state if ``device`` owns it; 404 otherwise (never tells whose it is)."""
        try:
            info = self.load(uid)
        except ValueError:
            info = None
        if info is None or info.get("device") != str(device.device_id):
            raise HTTPException(404, "no such upload", headers=_tus_headers())
        return info


AUTH = {401: _problem("no valid device signature"), 429: _problem("too many requests")}


def tus_router(
    store: UploadStore, *, max_size: int, on_complete: Complete, device: Callable[..., Device]
) -> APIRouter:
    router = APIRouter(prefix="/tus", tags=["tus"])
    limits = store.limits

    @router.options("/", status_code=204, response_class=Response)
    def options() -> Response:
        return Response(
            status_code=204,
            headers=_tus_headers(
                **{
                    "Tus-Version": TUS_VERSION,
                    "Tus-Extension": "creation,checksum",
                    "Tus-Checksum-Algorithm": ",".join(CHECKSUMS),
                    "Tus-Max-Size": str(max_size),
                }
            ),
        )

    @router.post(
        "/",
        status_code=201,
        response_class=Response,
        responses={
            201: {"description": "created; Location names the upload"},
            400: _problem("Upload-Length or Upload-Metadata missing or malformed"),
            403: _problem("the metadata name does not name this device"),
            413: _problem("Upload-Length above Tus-Max-Size"),
            **AUTH,
        },
    )
    def create(
        request: Request,
        dev: Annotated[Device, Depends(device)],
        upload_length: Annotated[str | None, Header()] = None,
        upload_metadata: Annotated[str | None, Header()] = None,
    ) -> Response:
        try:
            length = int(upload_length or "")
        except ValueError:
            raise HTTPException(400, "Upload-Length required") from None
        if length > max_size or length < 0:
            raise HTTPException(413, "upload too large")
        try:
            metadata = parse_metadata(upload_metadata)
        except ValueError:
            raise HTTPException(400, "bad Upload-Metadata") from None
        if not names_device(metadata.get("name"), dev):
            raise HTTPException(
                403, "the upload's name must be <school>.<this device>.<seq>.bundle"
            )
        uid = store.create(length, metadata, dev.device_id)
        if uid is None:
            raise HTTPException(429, "the bureau holds too many uploads", {"Retry-After": "600"})
        location = str(request.url_for("tus_head", uid=uid))
        return Response(status_code=201, headers=_tus_headers(Location=location))

    @router.head(
        "/{uid}",
        name="tus_head",
        response_class=Response,
        responses={
            200: {"description": "Upload-Offset and Upload-Length"},
            404: {"description": "no such upload of this device (expired, or never made)"},
            **AUTH,
        },
    )
    def head(uid: str, dev: Annotated[Device, Depends(device)]) -> Response:
        with store.lock:
            info = store.owned(uid, dev)
            if not info.get("done"):
                store.trim(uid, info)
        return Response(
            status_code=200,
            headers=_tus_headers(
                **{"Upload-Offset": str(info["offset"]), "Upload-Length": str(info["length"])}
            ),
        )

    @router.patch(
        "/{uid}",
        status_code=204,
        response_class=Response,
        responses={
            204: {"description": "chunk kept (the last one also ingests: X-Xiaoan-State)"},
            400: _problem("Upload-Offset or Upload-Checksum missing or malformed"),
            404: _problem("no such upload of this device"),
            409: _problem("Upload-Offset does not match, or a seq conflict (X-Xiaoan-Reason)"),
            413: _problem("body longer than the upload's remainder or the per-request cap"),
            415: _problem("Content-Type is not application/offset+octet-stream"),
            460: _problem(
                "Upload-Checksum does not match the body; or, with X-Xiaoan-Reason"
                " damaged_copy, the whole file does not match its sha256 metadata"
                " (the upload is removed: start a new one)"
            ),
            **AUTH,
        },
    )
    async def patch(
        uid: str,
        request: Request,
        dev: Annotated[Device, Depends(device)],
        content_type: Annotated[str | None, Header()] = None,
        upload_offset: Annotated[str | None, Header()] = None,
        upload_checksum: Annotated[str | None, Header()] = None,
    ) -> Response:
        if content_type != "application/offset+octet-stream":
            raise HTTPException(415, "Content-Type must be application/offset+octet-stream")
        info = store.owned(uid, dev)
        try:
            offset = int(upload_offset or "")
        except ValueError:
            raise HTTPException(400, "Upload-Offset required") from None
        if offset != info["offset"]:
            raise HTTPException(409, "Upload-Offset does not match", headers=_tus_headers())
        algo, _, digest = (upload_checksum or "").partition(" ")
        if algo not in CHECKSUMS:
            raise HTTPException(400, "Upload-Checksum: sha256 <base64> required")
        allowed = min(info["length"] - offset, limits.patch_max_bytes)
        # Not a declared parameter: the HTTP server itself refuses a malformed one.
        content_length = request.headers.get("content-length")
        if (content_length or "").isdigit() and int(content_length) > allowed:
            raise HTTPException(413, "body longer than the upload's remainder")
        body = bytearray()
        disconnected = too_long = False
        try:
            async for part in request.stream():
                body += part
                if len(body) > allowed:
                    too_long = True
                    break
        except ClientDisconnect:
            disconnected = True
        with store.lock:
            info = store.owned(uid, dev)
            info["received"] += len(body)
            info["touched"] = store.clock()
            if info["received"] > 4 * info["length"] + 2 * limits.patch_max_bytes:
                store.remove(uid)  # far more re-sent than the file: start over
                raise HTTPException(404, "no such upload", headers=_tus_headers())
            kept = not (too_long or disconnected)
            kept = kept and base64.b64encode(CHECKSUMS[algo](body).digest()).decode() == digest
            kept = kept and info["offset"] == offset
            if kept:
                # Bytes first, then the offset that makes them count.
                store.write_at(uid, offset, bytes(body))
                info["offset"] += len(body)
            store.save(uid, info, durable=kept)
            if too_long:
                raise HTTPException(413, "body longer than the upload's remainder")
            if disconnected:
                return Response(status_code=400)
            if not kept and info["offset"] != offset:
                raise HTTPException(409, "Upload-Offset does not match")
            if not kept:
                raise HTTPException(460, "Checksum Mismatch", headers=_tus_headers())
        headers = _tus_headers(**{"Upload-Offset": str(info["offset"])})
        status = 204
        if info["offset"] == info["length"] and not info.get("done"):
            data = store.data(uid, info["length"])
            sha = hashlib.sha256(data).hexdigest()
            wanted = info["metadata"].get("sha256")
            if wanted is not None and wanted.lower() != sha:
                with store.lock:
                    store.remove(uid)
                headers = _tus_headers(**{"X-Xiaoan-Reason": DAMAGED, "X-Xiaoan-Sha256": sha})
                return Response(status_code=460, headers=headers)
            status, extra = await run_in_threadpool(on_complete, data, info["metadata"], dev)
            headers.update(extra)
            headers["X-Xiaoan-Sha256"] = sha
            with store.lock:
                info = store.owned(uid, dev)
                info["done"] = True
                store.save(uid, info)
                store.remove_data(uid)
        return Response(status_code=status, headers=headers)

    return router
