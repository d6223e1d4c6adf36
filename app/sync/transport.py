"""HTTP to the bureau: tus uploads (tuspy), registration, return bundles; retries.

Every network call goes through :meth:`HttpTransport._retrying`: exponential
backoff with jitter (``stamina``), a server's ``Retry-After`` honoured (capped
at :attr:`RetryPolicy.max_retry_after`), and only transient failures retried
(connection errors, 408/425/429/5xx, tus offset/checksum mismatches). Uploads
go in chunks with a SHA-256 ``Upload-Checksum``; the upload URL is handed to
``on_url`` as soon as it exists so the caller can persist it and resume after
a restart. Blocking; call from a worker thread, never the UI thread.

Chunks adapt to the line (:class:`ChunkSizer`): the first is 256 KiB, each
kept one doubles the next up to 1 MiB (:data:`CHUNK_SIZE`), a cut or
stalled one halves it down to 32 KiB, so a line that drops every few dozen
KiB still moves a file of any size. An upload attempt that moved the
bureau's offset past the furthest point reached so far does not use up the
retry budget; only attempts without progress count (and the policy's
timeout is counted from the last progress), so a dead line still ends the
pass after ``RetryPolicy.attempts`` tries.

A verdict (``X-Xiaoan-State``, a seq conflict) is about this PC's file only
when the bureau's ``X-Xiaoan-Sha256`` is the file's own SHA-256. A copy the
bureau found damaged (460 ``damaged_copy``) or a verdict about other bytes
starts a new upload of the same file; it never stops the file being sent.

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

KiB = 1024
# First chunk, smallest and largest (the bureau's Limits.patch_max_bytes).
CHUNK_FIRST = 256 * KiB
CHUNK_MIN = 32 * KiB
# At most 1 MiB: a cut costs at most the chunk in flight, and on a rural line
# a megabyte is the most worth risking; a request per MiB costs next to nothing.
CHUNK_SIZE = 1024 * KiB
# Kept chunks just under the size last cut before that size is tried again.
CHUNK_PROBE_AFTER = 16
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
    # The SHA-256 of the bytes the verdict is about (the bureau's X-Xiaoan-Sha256;
    # always the file's own when state is quarantined); "" when the bureau did not say.
    sha256: str = ""


class ChunkSizer:
    """The size of the next PATCH: doubles after a kept chunk, halves after a cut.

    After a cut the size stays below the one that was cut until
    :data:`CHUNK_PROBE_AFTER` chunks in a row were kept, then tries it again:
    a line that drops every N bytes settles just under N.
    """

    def __init__(self, cap: int = CHUNK_SIZE, first: int = CHUNK_FIRST, floor: int = CHUNK_MIN):
        self.cap = cap
        self.floor = min(floor, cap)
        self.size = max(self.floor, min(first, cap))
        self.ceiling = cap
        self.kept_in_row = 0

    def kept(self) -> None:
        self.kept_in_row += 1
        if self.size < self.ceiling:
            self.size = min(self.size * 2, self.ceiling)
        elif self.kept_in_row >= CHUNK_PROBE_AFTER and self.ceiling < self.cap:
            self.ceiling = min(self.ceiling * 2, self.cap)
            self.size = self.ceiling
            self.kept_in_row = 0

    def cut(self) -> None:
        self.size = max(self.floor, self.size // 2)
        self.ceiling = self.size
        self.kept_in_row = 0


class _Progressed(Exception):
    """An upload attempt that failed after moving the bureau's offset forward."""

    def __init__(self, cause: Transient) -> None:
        super().__init__(str(cause))
        self.cause = cause


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
        parts = urlsplit(url)
        # The request target as sent: the path, and the query when there is one.
        path = f"{parts.path}?{parts.query}" if parts.query else parts.path
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
        # ``chunk_size`` is the largest chunk; the line decides the rest.
        self.chunks = ChunkSizer(chunk_size)
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

    def fetch_return(
        self, device_id: uuid.UUID, *, changes: int | None = None, content: int | None = None
    ) -> bytes:
        """The next return bundle; ``changes``/``content``: how far this PC holds the
        school's change stream and the bureau's publications (its acknowledgement)."""
        query = ""
        if changes is not None and content is not None:
            query = f"?changes={int(changes)}&content={int(content)}"

        def call():
            url = f"{self.base_url}/v1/devices/{device_id}/return{query}"
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
        own_sha = hashlib.sha256(path.read_bytes()).hexdigest()
        metadata = {**metadata, "sha256": own_sha}
        state: dict[str, Any] = {"url": url, "furthest": -1}

        def start_again() -> None:
            state["url"] = None
            on_url(None)

        def one_try() -> UploadOutcome:
            up = None
            if state["url"]:
                try:
                    up = self._uploader(path, metadata, state["url"])
                except Refused:  # the bureau forgot the upload: start again
                    start_again()
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
                up.chunk_size = self.chunks.size
                try:
                    up.upload_chunk()
                except TusUploadFailed as e:
                    got = up.request.response_headers if up.request else {}
                    theirs = got.get("x-xiaoan-sha256", "")
                    reason = got.get("x-xiaoan-reason", "")
                    if reason == "seq_conflict" and theirs == own_sha:
                        return UploadOutcome("quarantined", "seq_conflict", own_sha)
                    if reason == "damaged_copy" or (theirs and theirs != own_sha):
                        start_again()  # the bureau's copy is not this file: send it anew
                        raise Transient(f"the bureau got a damaged copy ({e})") from None
                    if e.status_code is None or e.status_code in TRANSIENT_STATUS:
                        wait = retry_after_seconds(got.get("retry-after"))
                        raise Transient(str(e), wait, status=e.status_code) from None
                    raise Refused(e.status_code, str(e.response_content)[:300]) from None
                except TusCommunicationError as e:
                    self.chunks.cut()
                    raise Transient(str(e)) from None
                self.chunks.kept()
                state["furthest"] = max(state["furthest"], up.offset)
                headers = up.request.response_headers
                on_progress(up.offset)
            theirs = headers.get("x-xiaoan-sha256", "")
            verdict = headers.get("x-xiaoan-state", "sent")
            if theirs and theirs != own_sha:
                start_again()
                raise Transient("the bureau's verdict is about other bytes")
            if verdict == "quarantined" and not theirs:
                # Not known to be about these bytes: the return bundle tells (by SHA-256).
                return UploadOutcome("sent", "")
            return UploadOutcome(verdict, headers.get("x-xiaoan-reason", ""), theirs)

        def attempt() -> UploadOutcome:
            furthest = state["furthest"]
            try:
                return one_try()
            except Transient as e:
                if state["furthest"] > furthest:
                    raise _Progressed(e) from None
                raise

        while True:
            try:
                return self._retrying(attempt)
            except _Progressed as e:
                # The line moved the upload on before failing: a fresh budget.
                if e.cause.retry_after:
                    time.sleep(min(e.cause.retry_after, self.policy.max_retry_after))

    def _uploader(self, path: Path, metadata: dict[str, str], url: str | None) -> _BundleUploader:
        up = _BundleUploader(
            file_path=str(path),
            client=TusClient(f"{self.base_url}/tus/"),
            url=url,
            chunk_size=self.chunks.size,
            metadata=metadata,
            upload_checksum=True,
            retries=0,
            signer=self.signer,
            chunk_timeout=self.chunk_timeout,
        )
        return up
