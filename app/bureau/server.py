"""The bureau's HTTP API (FastAPI): tus uploads, device registration, return bundles.

Endpoints (OpenAPI at ``/openapi.json``, browsable at ``/docs``; every status
a route can answer is declared there):

* ``GET /v1/challenge`` — a short-lived server challenge for signing requests;
* ``OPTIONS|POST /tus/``, ``HEAD|PATCH /tus/{id}`` — tus 1.0 upload of one
  bundle file (:mod:`app.bureau.tus`); the final PATCH ingests it and answers
  ``X-Xiaoan-State``/``X-Xiaoan-Reason`` (409 for a seq conflict) and
  ``X-Xiaoan-Sha256`` (the bytes ingested), or 460 ``damaged_copy`` when the
  file is not the one its ``sha256`` metadata names (nothing ingested);
* ``POST /v1/devices`` — register a device with a one-time enrollment token;
  a refusal answers ``{"detail": …, "reason": …}`` and ``X-Xiaoan-Reason``
  with a stable reason (:data:`app.bureau.enrollment.REASONS`); files the
  device made before it registered (USB, waiting as ``unknown_device``) are
  taken right after;
* ``GET /v1/devices/{device_id}/return[?changes=P&content=Q]`` — a fresh return bundle
  (acks, and the school's rows other devices wrote past P, publications past Q);
* ``GET /healthz``.

Every device endpoint (all but tus OPTIONS, registration, challenge and
health) needs the device's signature (:mod:`app.bureau.device_auth`); a
request without a valid one is answered 401 before anything is read or
stored. Rates are limited per address and per device (:mod:`app.bureau.limits`).
Request handlers that touch the database run in Starlette's thread pool; the
ingest itself is thread-safe (:class:`app.bureau.ingest.Ingestor`).
"""

import uuid
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from app.bureau.config import BureauConfig
from app.bureau.device_auth import AuthError, Device, DeviceAuth
from app.bureau.enrollment import Registration, RegistrationError, register_device
from app.bureau.ingest import Ingestor
from app.bureau.limits import Limits, TokenBuckets
from app.bureau.tus import AUTH, Problem, UploadStore, tus_router
from app.sync.envelope import MAX_FILE_BYTES
from app.sync.request_auth import SIGNED_HEADERS

# An upload is one bundle file: the ingest's own limit (a full bundle plus its framing).
MAX_UPLOAD_BYTES = MAX_FILE_BYTES
WWW_AUTHENTICATE = 'XiaoanDevice challenge-uri="/v1/challenge"'


class RegistrationRefused(BaseModel):
    detail: str
    reason: str = Field(
        "",
        description="token_unknown | token_used | token_expired | malformed | "
        "school_bound | device_registered (also in X-Xiaoan-Reason); absent when the "
        "body could not be parsed at all",
    )


class Registered(BaseModel):
    device_fingerprint: str
    school_code: str


class Challenge(BaseModel):
    challenge: str
    expires_in: int = Field(description="seconds the challenge stays valid (bureau clock)")


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


def create_app(config: BureauConfig, engine: Engine, *, limits: Limits | None = None) -> FastAPI:
    limits = limits or Limits()
    ingestor = Ingestor(engine, config)
    ingestor.resume_held()  # a bundle stored but not yet settled when the bureau stopped
    store = UploadStore(config.spool_dir / "uploads", limits)
    auth = DeviceAuth(engine, config.key_dir)
    per_address = TokenBuckets(limits.address_burst, limits.address_per_s)
    failures = TokenBuckets(limits.failures_burst, limits.failures_per_s)
    per_device = TokenBuckets(limits.device_burst, limits.device_per_s)
    app = FastAPI(title="xiaoan bureau", version="1", summary="School safety records ingest")
    app.state.ingestor = ingestor
    app.state.uploads = store
    app.state.auth = auth

    def too_many(wait: int) -> HTTPException:
        return HTTPException(429, "too many requests", headers={"Retry-After": str(wait)})

    def address_limit(request: Request) -> None:
        address = _client(request)
        wait = failures.wait(address) or per_address.take(address)
        if wait:
            raise too_many(wait)

    def failed(request: Request) -> None:
        failures.take(_client(request))

    def device(
        request: Request,
        _: Annotated[None, Depends(address_limit)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> Device:
        path = request.scope.get("raw_path") or request.url.path.encode("utf-8")
        query = request.scope.get("query_string") or b""
        if query:
            path += b"?" + query  # the request target as the device signed it
        try:
            if any(len(request.headers.getlist(h)) > 1 for h in (*SIGNED_HEADERS, "authorization")):
                # The signature and the handler must read the same value.
                raise AuthError("malformed_authorization: a signed header is repeated")
            dev = auth.authenticate(
                request.method, path.decode("latin-1"), request.headers, authorization
            )
        except AuthError as e:
            failed(request)
            raise HTTPException(
                401, e.reason, headers={"WWW-Authenticate": WWW_AUTHENTICATE}
            ) from None
        wait = per_device.take(dev.device_id)
        if wait:
            raise too_many(wait)
        return dev

    def on_complete(
        data: bytes, metadata: dict[str, str], dev: Device
    ) -> tuple[int, dict[str, str]]:
        result = ingestor.receive(data, metadata.get("name"), sender=dev.device_id)
        headers = {"X-Xiaoan-State": result.state, "X-Xiaoan-Reason": result.reason}
        return (409 if result.conflict else 204), headers

    app.include_router(
        tus_router(store, max_size=MAX_UPLOAD_BYTES, on_complete=on_complete, device=device)
    )

    @app.get(
        "/v1/challenge",
        response_model=Challenge,
        responses={429: {"model": Problem, "description": "too many requests"}},
    )
    def challenge(_: Annotated[None, Depends(address_limit)]) -> dict[str, Any]:
        return {"challenge": auth.challenge(), "expires_in": auth.lifetime_ms // 1000}

    @app.post(
        "/v1/devices",
        response_model=Registered,
        status_code=201,
        responses={
            400: {"model": RegistrationRefused, "description": "malformed key, recipient or id"},
            403: {"model": RegistrationRefused, "description": "unknown, used or expired token"},
            409: {"model": RegistrationRefused, "description": "device registered, school bound"},
            429: {"model": Problem, "description": "too many requests"},
        },
    )
    def register(
        request: Request, body: Registration, _: Annotated[None, Depends(address_limit)]
    ) -> Any:
        try:
            registered = register_device(engine, body.model_dump(mode="json"))
        except RegistrationError as e:
            failed(request)
            return JSONResponse(
                {"detail": e.detail, "reason": e.reason},
                status_code=e.status,
                headers={"X-Xiaoan-Reason": e.reason},
            )
        ingestor.take_waiting(body.device_id)
        return registered

    @app.get(
        "/v1/devices/{device_id}/return",
        response_class=Response,
        responses={
            200: {"content": {"application/octet-stream": {}}, "description": "return bundle"},
            403: {"model": Problem, "description": "a device fetches only its own"},
            **AUTH,
        },
    )
    def return_bundle(
        device_id: uuid.UUID,
        dev: Annotated[Device, Depends(device)],
        changes: Annotated[int | None, Query(ge=0, lt=2**62)] = None,
        content: Annotated[int | None, Query(ge=0, lt=2**62)] = None,
    ) -> Response:
        if dev.device_id != device_id:
            raise HTTPException(403, "a device fetches only its own return bundle")
        data = ingestor.return_bundle(device_id, changes_after=changes, content_after=content)
        if data is None:  # revoked or removed since the signature was checked
            raise HTTPException(
                401, "bad_signature", headers={"WWW-Authenticate": WWW_AUTHENTICATE}
            )
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
