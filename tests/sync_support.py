"""A real bureau on loopback for sync tests and benchmarks, and a cutting TCP proxy.

:class:`BureauUnderTest` initialises a bureau (keys in a 0600 key dir, schema
by the migrations) on a given database and runs its FastAPI app under a real
uvicorn server in a thread on a free 127.0.0.1 port. :class:`CuttingProxy`
forwards loopback TCP to it and can drop the connection after a number of
upstream bytes, which is what a flaky rural line does mid-upload: once
(:meth:`CuttingProxy.arm`, optionally leaving the line down until
:meth:`CuttingProxy.heal`), or every N bytes of every connection
(:meth:`CuttingProxy.cut_every`).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from app.bureau.cli import main as bureau_main
from app.bureau.config import BureauConfig, load_config
from app.bureau.server import create_app
from db.session import make_engine


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class BureauUnderTest:
    def __init__(
        self, db_url: str, key_dir: Path, *, wrap: Callable | None = None, limits=None
    ) -> None:
        self.db_url = db_url
        self.key_dir = key_dir
        self.wrap = wrap
        self.sock = free_socket()
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        assert (
            bureau_main(
                ["--key-dir", str(key_dir), "--db", db_url, "init", "--public-url", self.url]
            )
            == 0
        )
        self.config: BureauConfig = load_config(key_dir)
        self.engine = make_engine(db_url)
        self.app = create_app(self.config, self.engine, limits=limits)
        self._server = None
        self._thread = None

    @property
    def ingestor(self):
        return self.app.state.ingestor

    def enroll(self, tmp: Path, code: str = "220105-0012", name: str = "东风乡中心学校") -> Path:
        tmp.mkdir(parents=True, exist_ok=True)
        out = tmp / f"{code}.enroll.json"
        args = ["--key-dir", str(self.key_dir), "enroll", "--school-code", code, "--name", name]
        assert bureau_main(args + ["--out", str(out)]) == 0
        return out

    def start(self) -> BureauUnderTest:
        import uvicorn

        app = self.wrap(self.app) if self.wrap else self.app
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self._thread.start()
        started = threading.Event()
        for _ in range(500):
            if self._server.started:
                started.set()
                break
            started.wait(0.01)
        assert started.is_set(), "bureau did not start"
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(10)
        self.sock.close()
        self.engine.dispose()

    def bytes_received(self) -> int:
        return self.app.state.uploads.total_received()

    def device_transport(self, device_id, *, url: str | None = None, policy=None):
        """An HttpTransport signing as ``device_id`` (its keys from the keystore), as a pass does."""
        from app.sync.keys import device_keys
        from app.sync.transport import HttpTransport

        transport = HttpTransport(url or self.url, policy=policy)
        transport.sign_as(device_id, device_keys(device_id).signing)
        return transport


@contextlib.contextmanager
def running_bureau(db_url: str, key_dir: Path, **kw) -> Iterator[BureauUnderTest]:
    bureau = BureauUnderTest(db_url, key_dir, **kw).start()
    try:
        yield bureau
    finally:
        bureau.stop()


class FailFirst:
    """ASGI wrapper answering 503 with ``Retry-After`` to the first ``n`` requests."""

    def __init__(self, app, n: int, retry_after: str = "0") -> None:
        self.app, self.left, self.retry_after = app, n, retry_after
        self.refused = 0
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            with self._lock:
                refuse = self.left > 0
                self.left -= refuse
                self.refused += refuse
            if refuse:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 503,
                        "headers": [
                            (b"retry-after", self.retry_after.encode()),
                            (b"content-length", b"0"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)


class CuttingProxy:
    """Forwards 127.0.0.1:port -> upstream; after ``cut_after`` client bytes, drops everything once.

    With :meth:`cut_every` each connection is cut after that many client bytes
    instead, again and again; ``cuts`` counts the cuts made and ``sent`` the
    client bytes forwarded (headers too).
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.listener = free_socket()
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.cut_after: int | None = None
        self.sent = 0
        self.every: int | None = None
        self.down = False
        self.stay_down = False
        self.cuts = 0
        self._lock = threading.Lock()
        self._conns: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, cut_after: int, *, stay_down: bool = False) -> None:
        """Cut once after ``cut_after`` client bytes; with ``stay_down`` refuse every
        connection afterwards until :meth:`heal` (a line that is gone, not flaky)."""
        with self._lock:
            self.sent, self.cut_after, self.stay_down = 0, cut_after, stay_down

    def heal(self) -> None:
        with self._lock:
            self.down = self.stay_down = False

    def cut_every(self, n: int | None) -> None:
        """Cut every connection after ``n`` client bytes (None: stop cutting)."""
        with self._lock:
            self.every = n

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.down:
                with contextlib.suppress(OSError):
                    client.shutdown(socket.SHUT_RDWR)
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            self._conns += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, counting: bool) -> None:
        mine = 0  # client bytes on this connection
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if counting:
                    with self._lock:
                        if self.cut_after is not None and self.sent + len(data) > self.cut_after:
                            keep = self.cut_after - self.sent
                            self.cut_after = None
                            self.cuts += 1
                            self.down = self.stay_down
                            dst.sendall(data[:keep])
                            self._reset_all()
                            return
                        self.sent += len(data)
                        if self.every is not None and mine + len(data) > self.every:
                            self.cuts += 1
                            self.sent -= len(data) - (self.every - mine)  # what went through
                            dst.sendall(data[: self.every - mine])
                            self._cut(src, dst)
                            return
                        mine += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
            with self._lock, contextlib.suppress(ValueError):
                self._conns.remove(src)
            src.close()  # the other direction closes dst

    def _cut(self, *socks: socket.socket) -> None:
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(ValueError):
                self._conns.remove(s)

    def _reset_all(self) -> None:
        for s in self._conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        self._conns.clear()

    def close(self) -> None:
        self._closed = True
        self.listener.close()
        self._reset_all()


def tus_upload(
    base_url: str, data: bytes, name: str, *, signer=None, session=None, sha256: str | None = None
) -> tuple[int, str, str]:
    """Upload one file as the client does (tus creation, one checksummed PATCH).

    ``signer`` (an :class:`app.sync.transport.DeviceSigner`) signs each request
    as its enrolled device, as the bureau requires; without one the bureau
    answers 401. Returns (HTTP status of the last request, X-Xiaoan-State,
    X-Xiaoan-Reason); a refused creation (413 for a file over the limit, 401
    unsigned) is returned as is. ``sha256`` replaces the file's own SHA-256 in
    the metadata (a copy the bureau must take for damaged).
    """
    import base64
    import hashlib

    import requests

    http = session or requests.Session()
    meta = ",".join(
        f"{k} {base64.b64encode(v.encode()).decode()}"
        for k, v in {"name": name, "sha256": sha256 or hashlib.sha256(data).hexdigest()}.items()
    )

    def signed(method: str, url: str, headers: dict[str, str]) -> dict[str, str]:
        if signer is None:
            return headers
        return {**headers, "Authorization": signer.header(method, url, headers)}

    create_url = f"{base_url}/tus/"
    created = http.post(
        create_url,
        headers=signed(
            "POST",
            create_url,
            {"Tus-Resumable": "1.0.0", "Upload-Length": str(len(data)), "Upload-Metadata": meta},
        ),
        timeout=30,
    )
    if created.status_code != 201:
        return created.status_code, "", ""
    checksum = base64.b64encode(hashlib.sha256(data).digest()).decode()
    location = created.headers["Location"]
    done = http.patch(
        location,
        data=data,
        headers=signed(
            "PATCH",
            location,
            {
                "Tus-Resumable": "1.0.0",
                "Content-Type": "application/offset+octet-stream",
                "Upload-Offset": "0",
                "Upload-Checksum": f"sha256 {checksum}",
            },
        ),
        timeout=120,
    )
    return (
        done.status_code,
        done.headers.get("X-Xiaoan-State", ""),
        done.headers.get("X-Xiaoan-Reason", ""),
    )


@contextlib.contextmanager
def bureau_process(key_dir: Path):
    """``xiaoan-bureau serve`` in its own process (memory measured apart from the tests).

    Yields ``(process, url)`` once ``/healthz`` answers; terminated on exit.
    """
    import os
    import subprocess
    import sys
    import time

    import requests

    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.bureau.cli", "--key-dir", str(key_dir), "serve"]
        + ["--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{url}/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)  # polling for start-up, not timing anything
        yield proc, url
    finally:
        proc.terminate()
        proc.wait(10)


class Relay:
    """A stable loopback address for a bureau that may restart elsewhere, able to lose replies.

    Forwards 127.0.0.1:port to ``upstream_port`` (change it when the bureau
    process restarts on another port; while nothing answers there a new
    connection is closed at once, as a refused one would be). With
    ``drop_reply_to``, the first ``times`` requests whose request line
    (``b"POST /v1/devices HTTP/1.1"``) it accepts reach the bureau whole, but
    when the reply starts to come back the connection is dropped without a
    byte of it: the bureau did the work and committed, the PC never hears the
    answer. ``dropped`` counts them.
    """

    def __init__(
        self,
        upstream_port: int,
        drop_reply_to: Callable[[bytes], bool] | None = None,
        times: int = 1,
    ) -> None:
        self.upstream_port = upstream_port
        self.match, self.left, self.dropped = drop_reply_to, times, 0
        self.listener = free_socket()
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            doomed = threading.Event()
            threading.Thread(target=self._up, args=(client, upstream, doomed), daemon=True).start()
            threading.Thread(
                target=self._down, args=(upstream, client, doomed), daemon=True
            ).start()

    def _up(self, src: socket.socket, dst: socket.socket, doomed: threading.Event) -> None:
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                if self.match is not None and self.match(data.split(b"\r\n", 1)[0]):
                    with self._lock:
                        if self.left > 0:
                            self.left -= 1
                            doomed.set()
                dst.sendall(data)

    def _down(self, src: socket.socket, dst: socket.socket, doomed: threading.Event) -> None:
        try:
            while data := src.recv(65536):
                if doomed.is_set():
                    with self._lock:
                        self.dropped += 1
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()

    def close(self) -> None:
        self._closed = True
        self.listener.close()
