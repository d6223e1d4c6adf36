"""The tus 1.0 core (OPTIONS, POST creation, HEAD, PATCH) plus the checksum extension.

Written here rather than taken from ``tuspyserver`` because the bureau needs
what that router lacks: ``Upload-Checksum`` (so a half-received chunk is
never kept), a completion step that runs the blocking ingest off the event
loop and answers the final PATCH (409 for a seq conflict), and metadata that
is not forced to carry ``filename``/``filetype``.

Uploads live in ``<spool>/uploads/<id>.part`` with ``<id>.json`` beside it
(length, offset, metadata, bytes received); both survive a server restart.
``received`` counts every body byte read, kept or discarded, so re-sent
bytes can be measured. The completion callback gets the file's bytes and its
metadata and returns extra response headers (and an optional status).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

TUS_VERSION = "1.0.0"
CHECKSUMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "md5": hashlib.md5}
Complete = Callable[[bytes, dict[str, str]], tuple[int, dict[str, str]]]


def _tus_headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", **extra}


def parse_metadata(header: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in (header or "").split(","):
        parts = pair.strip().split(" ")
        if parts and parts[0]:
            out[parts[0]] = base64.b64decode(parts[1]).decode("utf-8") if len(parts) > 1 else ""
    return out


class UploadStore:
    """Upload state on disk. One lock per store: PATCHes to one upload are serialised."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()

    def _info_path(self, uid: str) -> Path:
        uuid.UUID(uid)  # refuses path tricks
        return self.root / f"{uid}.json"

    def create(self, length: int, metadata: dict[str, str]) -> str:
        uid = str(uuid.uuid4())
        (self.root / f"{uid}.part").write_bytes(b"")
        self.save(uid, {"length": length, "offset": 0, "received": 0, "metadata": metadata})
        return uid

    def load(self, uid: str) -> dict | None:
        try:
            return json.loads(self._info_path(uid).read_text())
        except (OSError, ValueError):
            return None

    def save(self, uid: str, info: dict) -> None:
        path = self._info_path(uid)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(info))
        tmp.replace(path)

    def append(self, uid: str, data: bytes) -> None:
        with open(self.root / f"{uid}.part", "ab") as f:
            f.write(data)

    def data(self, uid: str) -> bytes:
        return (self.root / f"{uid}.part").read_bytes()

    def remove_data(self, uid: str) -> None:
        (self.root / f"{uid}.part").unlink(missing_ok=True)

    def total_received(self) -> int:
        total = 0
        for p in self.root.glob("*.json"):
            info = self.load(p.stem)
            total += info["received"] if info else 0
        return total


def tus_router(store: UploadStore, *, max_size: int, on_complete: Complete) -> APIRouter:
    router = APIRouter(prefix="/tus", tags=["tus"])

    @router.options("/")
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

    @router.post("/", status_code=201)
    def create(request: Request) -> Response:
        try:
            length = int(request.headers["upload-length"])
        except (KeyError, ValueError):
            raise HTTPException(400, "Upload-Length required") from None
        if length > max_size or length < 0:
            raise HTTPException(413, "upload too large")
        try:
            metadata = parse_metadata(request.headers.get("upload-metadata"))
        except ValueError:
            raise HTTPException(400, "bad Upload-Metadata") from None
        uid = store.create(length, metadata)
        location = str(request.url_for("tus_head", uid=uid))
        return Response(status_code=201, headers=_tus_headers(Location=location))

    @router.head("/{uid}", name="tus_head")
    def head(uid: str) -> Response:
        info = _info(store, uid)
        return Response(
            status_code=200,
            headers=_tus_headers(
                **{"Upload-Offset": str(info["offset"]), "Upload-Length": str(info["length"])}
            ),
        )

    @router.patch("/{uid}")
    async def patch(uid: str, request: Request) -> Response:
        if request.headers.get("content-type") != "application/offset+octet-stream":
            raise HTTPException(415, "Content-Type must be application/offset+octet-stream")
        info = _info(store, uid)
        try:
            offset = int(request.headers["upload-offset"])
        except (KeyError, ValueError):
            raise HTTPException(400, "Upload-Offset required") from None
        if offset != info["offset"]:
            raise HTTPException(409, "Upload-Offset does not match", headers=_tus_headers())
        checksum = request.headers.get("upload-checksum")
        body = bytearray()
        disconnected = False
        try:
            async for part in request.stream():
                body += part
        except ClientDisconnect:
            disconnected = True
        with store.lock:
            info = _info(store, uid)
            info["received"] += len(body)
            keep = not disconnected
            if checksum and keep:
                algo, _, digest = checksum.partition(" ")
                if algo not in CHECKSUMS:
                    store.save(uid, info)
                    raise HTTPException(400, "unsupported checksum algorithm")
                if base64.b64encode(CHECKSUMS[algo](body).digest()).decode() != digest:
                    store.save(uid, info)
                    raise HTTPException(460, "Checksum Mismatch", headers=_tus_headers())
            if disconnected and not checksum:
                keep = True  # tus: keep what arrived when it cannot be checked
            if info["offset"] != offset or offset + len(body) > info["length"]:
                store.save(uid, info)
                raise HTTPException(409, "Upload-Offset does not match")
            if keep:
                store.append(uid, bytes(body))
                info["offset"] += len(body)
            store.save(uid, info)
        if disconnected:
            return Response(status_code=400)
        headers = _tus_headers(**{"Upload-Offset": str(info["offset"])})
        status = 204
        if info["offset"] == info["length"] and not info.get("done"):
            data = store.data(uid)
            status, extra = await run_in_threadpool(on_complete, data, info["metadata"])
            headers.update(extra)
            with store.lock:
                info = _info(store, uid)
                info["done"] = True
                store.save(uid, info)
                store.remove_data(uid)
        return Response(status_code=status, headers=headers)

    return router


def _info(store: UploadStore, uid: str) -> dict:
    try:
        info = store.load(uid)
    except ValueError:
        info = None
    if info is None:
        raise HTTPException(404, "no such upload", headers=_tus_headers())
    return info
