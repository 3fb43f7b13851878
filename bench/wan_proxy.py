"""A loopback TCP proxy that stands in for a WAN: it delays traffic and counts round trips.

Put between the app and PostgreSQL (``python -m bench --pg URL --rtt MS``, and the
round-trip tests), it forwards each chunk of bytes after half the round-trip time
in each direction, in order, and counts **round trips**: a flight of bytes from the
client after the server last spoke on that connection (the first flight of a
connection counts too). A pipelined batch of statements, sent before any answer
comes back, is one round trip however many statements it holds; a statement that
waits for the previous one's answer is another.

Flights before the server's first ``ReadyForQuery`` on a connection (SSL
negotiation, start-up, authentication) are counted apart, as *connect* round
trips: the targets are counted after the connection is made.

It listens on and connects to 127.0.0.1 only, runs its own asyncio loop on a
daemon thread, and stops by itself: when :meth:`WanProxy.stop` is called (or the
``with`` block ends), when the process exits, or after :data:`IDLE_TIMEOUT` seconds
with no connection open and no traffic.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import struct
import sys
import threading
import time
from dataclasses import dataclass
from types import TracebackType

LOOPBACK = "127.0.0.1"
#: seconds without an open connection or a byte of traffic after which the proxy stops
IDLE_TIMEOUT = 600.0
TRACE_ENV = "LOAN_KIOSK_WAN_TRACE"
#: PostgreSQL's ReadyForQuery message when idle ('Z', length 5, 'I'): start-up is done
_READY = b"Z\x00\x00\x00\x05"


@dataclass
class Counts:
    """Round trips (client flights after the server spoke), split at the handshake."""

    round_trips: int = 0
    connect_round_trips: int = 0
    connections: int = 0
    client_bytes: int = 0
    server_bytes: int = 0

    def minus(self, before: Counts) -> Counts:
        return Counts(self.round_trips - before.round_trips,
                      self.connect_round_trips - before.connect_round_trips,
                      self.connections - before.connections,
                      self.client_bytes - before.client_bytes,
                      self.server_bytes - before.server_bytes)


class _Link:
    """One proxied connection: who spoke last, and whether start-up is over."""

    def __init__(self) -> None:
        self.server_spoke = True  # the client's first flight is a round trip
        self.ready = False


class WanProxy:
    """``with WanProxy(5432, rtt_ms=20) as proxy:`` → connect to ``proxy.port``."""

    def __init__(self, upstream_port: int, *, rtt_ms: float = 0.0, upstream_host: str = LOOPBACK,
                 idle_timeout: float = IDLE_TIMEOUT) -> None:
        if upstream_host not in (LOOPBACK, "localhost"):
            raise ValueError(f"the WAN proxy connects to {LOOPBACK} only, not {upstream_host!r}")
        self.upstream_port = upstream_port
        self.delay = max(0.0, rtt_ms) / 2000.0  # one way, seconds
        self.idle_timeout = idle_timeout
        #: print each round trip's statements on stderr (``LOAN_KIOSK_WAN_TRACE=1``)
        self.trace = bool(os.environ.get(TRACE_ENV))
        self.port = 0
        self._counts = Counts()
        self._lock = threading.Lock()
        self._open = 0
        self._last_activity = time.monotonic()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._started = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wan-proxy", daemon=True)
        self._thread.start()
        self._started.wait(10)
        if not self.port:
            raise RuntimeError("the WAN proxy could not start")

    # -- counting -----------------------------------------------------------
    def counts(self) -> Counts:
        with self._lock:
            c = self._counts
            return Counts(c.round_trips, c.connect_round_trips, c.connections, c.client_bytes,
                          c.server_bytes)

    def _client_flight(self, link: _Link, data: bytes) -> None:
        with self._lock:
            self._counts.client_bytes += len(data)
            if link.server_spoke:
                if link.ready:
                    self._counts.round_trips += 1
                else:
                    self._counts.connect_round_trips += 1
                if self.trace:
                    print(f"-- round trip ({'after' if link.ready else 'before'} start-up)",
                          file=sys.stderr)
            if self.trace and link.ready:
                for line in describe(data):
                    print(f"   {line}", file=sys.stderr)
            link.server_spoke = False
            self._last_activity = time.monotonic()

    def _server_flight(self, link: _Link, data: bytes) -> None:
        with self._lock:
            self._counts.server_bytes += len(data)
            link.server_spoke = True
            if not link.ready and _READY in data:
                link.ready = True
            self._last_activity = time.monotonic()

    # -- the loop -----------------------------------------------------------
    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._serve())
        finally:
            self._loop.close()
            self._stopped.set()

    async def _serve(self) -> None:
        self._stop_event = asyncio.Event()
        self._server = await asyncio.start_server(self._accept, LOOPBACK, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        self._started.set()
        watchdog = asyncio.ensure_future(self._idle_watch())
        await self._stop_event.wait()
        watchdog.cancel()
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self._server.wait_closed()

    async def _idle_watch(self) -> None:
        while True:
            await asyncio.sleep(min(5.0, self.idle_timeout))
            with self._lock:
                idle = self._open == 0 and \
                    time.monotonic() - self._last_activity > self.idle_timeout
            if idle:
                self._stop_event.set()
                return

    async def _accept(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        try:
            s_reader, s_writer = await asyncio.open_connection(LOOPBACK, self.upstream_port)
        except OSError:
            c_writer.close()
            self._tasks.discard(task)  # type: ignore[arg-type]
            return
        link = _Link()
        with self._lock:
            self._open += 1
            self._counts.connections += 1
        try:
            await asyncio.gather(self._pump(c_reader, s_writer, link, True),
                                 self._pump(s_reader, c_writer, link, False))
        except asyncio.CancelledError:
            pass
        finally:
            for w in (c_writer, s_writer):
                w.close()
            with self._lock:
                self._open -= 1
                self._last_activity = time.monotonic()
            self._tasks.discard(task)  # type: ignore[arg-type]

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    link: _Link, from_client: bool) -> None:
        """Read chunks, count them as they arrive, deliver each ``delay`` later, in order."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                wait = due - self._loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            with contextlib.suppress(OSError):
                writer.write_eof()

        sender = asyncio.ensure_future(deliver())
        try:
            while data := await reader.read(65536):
                if from_client:
                    self._client_flight(link, data)
                else:
                    self._server_flight(link, data)
                queue.put_nowait((self._loop.time() + self.delay, data))
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            queue.put_nowait((0.0, b""))
            with contextlib.suppress(OSError, asyncio.CancelledError):
                await sender

    # -- stopping -----------------------------------------------------------
    def stop(self) -> None:
        if self._stopped.is_set():
            return
        with contextlib.suppress(RuntimeError):  # the loop already closed
            self._loop.call_soon_threadsafe(self._stop_event.set)
        self._thread.join(10)

    def __enter__(self) -> WanProxy:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def describe(data: bytes) -> list[str]:
    """The client's protocol messages in ``data``: each query's text, and the other
    messages' type letters (Bind, Execute, Sync …), for tracing."""
    out: list[str] = []
    other = ""
    i = 0
    while i + 5 <= len(data):
        kind = chr(data[i])
        (length,) = struct.unpack("!i", data[i + 1:i + 5])
        body = data[i + 5:i + 1 + length]
        if kind in "QP":
            sql = body.split(b"\0")[0 if kind == "Q" else 1].decode("utf-8", "replace")
            if other:
                out.append(other)
                other = ""
            out.append(f"{kind} {' '.join(sql.split())[:110]}")
        else:
            other += kind
        i += 1 + length
    if other:
        out.append(other)
    return out


def proxied_url(url: str, port: int) -> str:
    """``url`` (a PostgreSQL URL on 127.0.0.1 / localhost) pointed at the proxy's port."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.host not in (LOOPBACK, "localhost", None):
        raise ValueError(f"the WAN proxy only reaches {LOOPBACK}; {u.host!r} is not it")
    return u.set(host=LOOPBACK, port=port).render_as_string(hide_password=False)


def upstream_port(url: str) -> int:
    from sqlalchemy.engine import make_url

    return make_url(url).port or 5432
