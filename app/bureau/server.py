"""The bureau's HTTP API (FastAPI): tus uploads, device registration, return bundles.

Endpoints (OpenAPI at ``/openapi.json``, browsable at ``/docs``):

* ``OPTIONS|POST /tus/``, ``HEAD|PATCH /tus/{id}`` — tus 1.0 upload of one
  bundle file (:mod:`app.bureau.tus`); the final PATCH ingests it and answers
  ``X-Xiaoan-State``/``X-Xiaoan-Reason`` (409 for a seq conflict);
* ``POST /v1/devices`` — register a device with a one-time enrollment token;
* ``GET /v1/devices/{device_id}/return`` — a fresh return bundle (acks);
* ``GET /healthz``.

Request handlers that touch the database run in Starlette's thread pool; the
ingest itself is thread-safe (:class:`app.bureau.ingest.Ingestor`).
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel
from sqlalchemy import Engine

from app.bureau.config import BureauConfig
from app.bureau.enrollment import RegistrationError, register_device
from app.bureau.ingest import Ingestor
from app.bureau.tus import UploadStore, tus_router
from app.sync.bundle import MAX_BUNDLE_BYTES

# The tar and age framing around a full 16 MiB bundle.
MAX_UPLOAD_BYTES = MAX_BUNDLE_BYTES + 1024 * 1024


class Registration(BaseModel):
    token: str
    school_code: str
    school_id: uuid.UUID
    device_id: uuid.UUID
    signing_key: str
    recipient: str
    device_name: str = ""


class Registered(BaseModel):
    device_fingerprint: str
    school_code: str


def create_app(config: BureauConfig, engine: Engine) -> FastAPI:
    ingestor = Ingestor(engine, config)
    store = UploadStore(config.spool_dir / "uploads")
    app = FastAPI(title="xiaoan bureau", version="1", summary="School safety records ingest")
    app.state.ingestor = ingestor
    app.state.uploads = store

    def on_complete(data: bytes, metadata: dict[str, str]) -> tuple[int, dict[str, str]]:
        result = ingestor.receive(data, metadata.get("name"))
        headers = {"X-Xiaoan-State": result.state, "X-Xiaoan-Reason": result.reason}
        return (409 if result.conflict else 204), headers

    app.include_router(tus_router(store, max_size=MAX_UPLOAD_BYTES, on_complete=on_complete))

    @app.post("/v1/devices", response_model=Registered, status_code=201)
    def register(body: Registration) -> dict[str, Any]:
        try:
            return register_device(engine, body.model_dump(mode="json"))
        except RegistrationError as e:
            raise HTTPException(e.status, e.reason) from None

    @app.get(
        "/v1/devices/{device_id}/return",
        response_class=Response,
        responses={200: {"content": {"application/octet-stream": {}}}},
    )
    def return_bundle(device_id: uuid.UUID) -> Response:
        data = ingestor.return_bundle(device_id)
        if data is None:
            raise HTTPException(404, "unknown device")
        return Response(data, media_type="application/octet-stream")

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def serve(config: BureauConfig, *, host: str, port: int) -> None:
    """Run the API with uvicorn until interrupted (blocks)."""
    import uvicorn

    from db.session import make_engine

    engine = make_engine(config.db_url)
    uvicorn.run(create_app(config, engine), host=host, port=port, log_level="info")
