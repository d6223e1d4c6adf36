"""HTTP to the bureau: tus uploads (tuspy), registration, return bundles; retries.

Every network call goes through :meth:`HttpTransport._retrying`: exponential
backoff with jitter (``stamina``), a server's ``Retry-After`` honoured (capped
at :attr:`RetryPolicy.max_retry_after`), and only transient failures retried
(connection errors, 408/425/429/5xx, tus offset/checksum mismatches). Uploads
go in ~1 MiB chunks with a SHA-256 ``Upload-Checksum``; the upload URL is
handed to ``on_url`` as soon as it exists so the caller can persist it and
resume after a restart. Blocking; call from a worker thread, never the UI thread.

Device requests (tus POST/HEAD/PATCH, the return bundle) are signed with the
device's Ed25519 key over a challenge fetched from the bureau
(:mod:`app.sync.request_auth`; README.md, "Device authentication"): a
challenge is reused for half its lifetime (by this PC's monotonic clock, so a
wrong wall clock does not matter), and a 401 fetches a fresh one and sends
the request once more.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
import uuid
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import stamina
from tusclient.client import TusClient
from tusclient.exceptions import TusCommunicationError, TusUploadFailed
from tusclient.request import TusRequest
from tusclient.uploader import Uploader
from tusclient.uploader.uploader import _verify_upload

from app.sync.keys import SigningKey
from app.sync.request_auth import authorization, signed_text

CHUNK_SIZE = 1024 * 1024
HTTP_TIMEOUT = 60
# Seconds one chunk's PATCH may go without progress (connect, or waiting for
# the answer) before the line counts as dead and the upload resumes.
CHUNK_TIMEOUT = 60.0
TRANSIENT_STATUS = {408, 409, 425, 429, 460, 500, 502, 503, 504}


class Transient(Exception):
    """Worth retrying; ``retry_after`` is the server's wish in seconds, if it said.

    ``status`` is the HTTP status when the server answered (None for a
    connection that failed, was cut or stalled).
    """

    def __init__(
        self, message: str, retry_after: float | None = None, status: int | None = None
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class Refused(Exception):
    """The bureau answered and said no (4xx); retrying will not help.

    ``reason`` is the bureau's machine-readable reason when it gave one
    (registration: :data:`app.bureau.enrollment.REASONS`), else ""."""

    def __init__(self, status: int, detail: str, reason: str = "") -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail
        self.reason = reason


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 8
    timeout: float = 600.0
    wait_initial: float = 0.5
    wait_max: float = 60.0
    wait_jitter: float = 1.0
    max_retry_after: float = 300.0


@dataclasses.dataclass(frozen=True)
class UploadOutcome:
    state: str  # the bureau's X-Xiaoan-State (applied | held | duplicate | quarantined)
    reason: str


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from datetime import UTC, datetime

        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def _check(resp: requests.Response) -> requests.Response:
    if resp.status_code in TRANSIENT_STATUS:
        raise Transient(
            f"HTTP {resp.status_code}",
            retry_after_seconds(resp.headers.get("retry-after")),
            status=resp.status_code,
        )
    if resp.status_code >= 400:
        raise Refused(resp.status_code, resp.text[:300])
    return resp


class DeviceSigner:
    """Signs requests as one enrolled device; keeps the bureau's current challenge."""

    def __init__(self, base_url: str, device_id: uuid.UUID, key: SigningKey) -> None:
        self.base_url = base_url
        self.device_id = device_id
        self.key = key
        self._challenge: str | None = None
        self._fresh_until = 0.0
        self._lock = threading.Lock()

    def _fetch(self) -> None:
        try:
            resp = requests.get(f"{self.base_url}/v1/challenge", timeout=HTTP_TIMEOUT)
        except requests.RequestException as e:
            raise Transient(str(e)) from None
        body = _check(resp).json()
        self._challenge = str(body["challenge"])
        self._fresh_until = time.monotonic() + float(body.get("expires_in", 300)) / 2

    def refresh(self) -> None:
        """Forget the challenge (the bureau said 401): the next request fetches another."""
        with self._lock:
            self._challenge = None

    def header(self, method: str, url: str, headers: dict[str, str]) -> str:
        with self._lock:
            if self._challenge is None or time.monotonic() > self._fresh_until:
                self._fetch()
            challenge = self._challenge
        path = urlsplit(url).path
        text = signed_text(method, path, self.device_id, challenge, headers)
        return authorization(self.device_id, challenge, self.key.sign(text))

    def send(self, method: str, url: str, headers: dict[str, str], send) -> requests.Response:
        """``send(headers)`` with a signature; once more with a fresh challenge after a 401."""
        for attempt in range(2):
            signed = {**headers, "Authorization": self.header(method, url, headers)}
            resp = send(signed)
            if resp.status_code != 401 or attempt:
                return resp
            self.refresh()
        raise AssertionError("unreachable")


class _TimedRequest(TusRequest):
    """tuspy's PATCH with a timeout (its own request waits for ever on a stalled line), signed."""

    timeout: float = CHUNK_TIMEOUT
    signer: DeviceSigner | None = None

    def perform(self):
        try:
            chunk = self.file.read(self._content_length)
            self.add_checksum(chunk)
            resp = _signed(
                self.signer,
                "PATCH",
                self._url,
                self._request_headers,
                lambda headers: requests.patch(
                    self._url,
                    data=chunk,
                    headers=headers,
                    verify=self.verify_tls_cert,
                    cert=self.client_cert,
                    timeout=self.timeout,
                ),
            )
            self.status_code = resp.status_code
            self.response_content = resp.content
            self.response_headers = {k.lower(): v for k, v in resp.headers.items()}
        except requests.exceptions.RequestException as error:
            raise TusCommunicationError(f"chunk upload failed: {error}") from None


def _signed(signer: DeviceSigner | None, method: str, url: str, headers: dict, send):
    if signer is None:
        return send(headers)
    return signer.send(method, url, headers, send)


class _BundleUploader(Uploader):
    """tuspy's uploader with SHA-256 checksums, a chunk timeout and Retry-After-aware errors."""

    CHECKSUM_ALGORITHM_PAIR = ("sha256", hashlib.sha256)

    def __init__(
        self, *args, signer: DeviceSigner | None = None, chunk_timeout=CHUNK_TIMEOUT, **kw
    ) -> None:
        # Set before tuspy's __init__, which may already ask the bureau for the offset.
        self.signer = signer
        self.chunk_timeout = chunk_timeout
        super().__init__(*args, **kw)

    def _do_request(self):
        self.request = _TimedRequest(self)
        self.request.timeout = self.chunk_timeout
        self.request.signer = self.signer
        try:
            self.request.perform()
            _verify_upload(self.request)
        except TusUploadFailed as error:
            self._retry_or_cry(error)

    def create_url(self):
        try:
            resp = _signed(
                self.signer,
                "POST",
                self.client.url,
                self.get_url_creation_headers(),
                lambda h: requests.post(self.client.url, headers=h, timeout=HTTP_TIMEOUT),
            )
        except requests.RequestException as e:
            raise Transient(str(e)) from None
        _check(resp)
        return requests.compat.urljoin(self.client.url, resp.headers["location"])

    def get_offset(self):
        try:
            resp = _signed(
                self.signer,
                "HEAD",
                self.url,
                self.get_headers(),
                lambda h: requests.head(self.url, headers=h, timeout=HTTP_TIMEOUT),
            )
        except requests.RequestException as e:
            raise Transient(str(e)) from None
        if resp.status_code in (404, 410):
            raise Refused(resp.status_code, "upload gone")
        _check(resp)
        return int(resp.headers["upload-offset"])


def reachable(base_url: str, timeout: float = 3.0) -> bool:
    """Whether a TCP connection to the bureau's host and port opens (a cheap probe, no HTTP)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(base_url)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


class HttpTransport:
    def __init__(
        self,
        base_url: str,
        *,
        policy: RetryPolicy | None = None,
        chunk_size: int = CHUNK_SIZE,
        chunk_timeout: float = CHUNK_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.policy = policy or RetryPolicy()
        self.chunk_size = chunk_size
        self.chunk_timeout = chunk_timeout
        self.signer: DeviceSigner | None = None

    def sign_as(self, device_id: uuid.UUID, key: SigningKey) -> None:
        """Sign every device request from now on as ``device_id`` (its enrolled key)."""
        if self.signer is None or self.signer.device_id != device_id or self.signer.key != key:
            self.signer = DeviceSigner(self.base_url, device_id, key)

    def _backoff(self, exc: Exception) -> bool | float:
        if isinstance(exc, Transient):
            if exc.retry_after is not None:
                return min(exc.retry_after, self.policy.max_retry_after)
            return True
        return False

    def _retrying(self, fn: Callable[[], Any]) -> Any:
        p = self.policy
        for attempt in stamina.retry_context(
            on=self._backoff,
            attempts=p.attempts,
            timeout=p.timeout,
            wait_initial=p.wait_initial,
            wait_max=p.wait_max,
            wait_jitter=p.wait_jitter,
        ):
            with attempt:
                return fn()
        raise AssertionError("unreachable")

    # -- calls -------------------------------------------------------------------------

    def register(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Register; a 4xx answer (403 token, 409 school or device taken) is Refused at once."""

        def call():
            try:
                resp = requests.post(
                    f"{self.base_url}/v1/devices", json=payload, timeout=HTTP_TIMEOUT
                )
            except requests.RequestException as e:
                raise Transient(str(e)) from None
            if resp.status_code in (400, 403, 409, 422):
                # A refusal in words: the same request again gets the same answer.
                reason = resp.headers.get("x-xiaoan-reason", "")
                raise Refused(resp.status_code, resp.text[:300], reason[:64])
            return _check(resp).json()

        return self._retrying(call)

    def fetch_return(self, device_id: uuid.UUID) -> bytes:
        def call():
            url = f"{self.base_url}/v1/devices/{device_id}/return"
            try:
                resp = _signed(
                    self.signer,
                    "GET",
                    url,
                    {},
                    lambda h: requests.get(url, headers=h, timeout=HTTP_TIMEOUT),
                )
            except requests.RequestException as e:
                raise Transient(str(e)) from None
            return _check(resp).content

        return self._retrying(call)

    def upload(
        self,
        path: Path,
        metadata: dict[str, str],
        *,
        url: str | None,
        on_url: Callable[[str | None], None],
        on_progress: Callable[[int], None] = lambda _n: None,
    ) -> UploadOutcome:
        """Upload one file, resuming at ``url`` if given. Returns the bureau's verdict."""
        state = {"url": url}

        def attempt() -> UploadOutcome:
            up = None
            if state["url"]:
                try:
                    up = self._uploader(path, metadata, state["url"])
                except Refused:  # the bureau forgot the upload: start again
                    state["url"] = None
                    on_url(None)
            if up is None:
                up = self._uploader(path, metadata, None)
                up.set_url(up.create_url())
                up.offset = 0
                state["url"] = up.url
                on_url(up.url)
            size = up.get_file_size()
            if up.offset >= size:
                # Complete already (the answer to the last chunk was lost); the
                # return bundle will tell what became of it.
                return UploadOutcome("sent", "")
            headers: dict[str, str] = {}
            while up.offset < size:
                try:
                    up.upload_chunk()
                except TusUploadFailed as e:
                    got = up.request.response_headers if up.request else {}
                    if got.get("x-xiaoan-reason") == "seq_conflict":
                        return UploadOutcome("quarantined", "seq_conflict")
                    if e.status_code is None or e.status_code in TRANSIENT_STATUS:
                        wait = retry_after_seconds(got.get("retry-after"))
                        raise Transient(str(e), wait, status=e.status_code) from None
                    raise Refused(e.status_code, str(e.response_content)[:300]) from None
                except TusCommunicationError as e:
                    raise Transient(str(e)) from None
                headers = up.request.response_headers
                on_progress(up.offset)
            return UploadOutcome(
                headers.get("x-xiaoan-state", "sent"), headers.get("x-xiaoan-reason", "")
            )

        return self._retrying(attempt)

    def _uploader(self, path: Path, metadata: dict[str, str], url: str | None) -> _BundleUploader:
        up = _BundleUploader(
            file_path=str(path),
            client=TusClient(f"{self.base_url}/tus/"),
            url=url,
            chunk_size=self.chunk_size,
            metadata=metadata,
            upload_checksum=True,
            retries=0,
            signer=self.signer,
            chunk_timeout=self.chunk_timeout,
        )
        return up
