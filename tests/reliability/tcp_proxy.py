"""A TCP proxy the test can cut and restore: a stand-in for stopping PostgreSQL.

The database server is shared by every test on the machine, so instead of
stopping it, a desk is pointed at this proxy; ``cut()`` closes the listening
socket and every open connection (a stopped server, as the desk sees it) and
``restore()`` listens again on the same port. ``cut_at_commit()`` breaks the
connection at the next ``COMMIT`` a client sends: before the server gets it, or after
(the server commits, the client never hears so), the way a connection lost at the
worst moment leaves a client not knowing whether its work was saved.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time

#: psycopg's ``COMMIT``: a simple-query message ('Q', length 11, the text, NUL)
COMMIT_MESSAGE = b"Q\x00\x00\x00\x0bCOMMIT\x00"
#: ``COMMIT`` in a Parse message (the extended protocol: a pipelined flight that ends with
#: it, app/flights.py): the unnamed statement's empty name, then the text
PARSED_COMMIT = b"\x00COMMIT\x00"


def ends_a_transaction(data: bytes) -> bool:
    """Whether a client's chunk holds its ``COMMIT``, alone or as the end of a flight."""
    return data.endswith(COMMIT_MESSAGE) or PARSED_COMMIT in data


class TcpProxy:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._lock = threading.Lock()
        self._conns: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        #: armed by cut_at_commit(): (deliver the COMMIT?, stay down afterwards?)
        self._at_commit: tuple[bool, bool] | None = None
        #: server sockets whose replies are dropped (their client's COMMIT was cut)
        self._muted: set[int] = set()
        #: COMMITs cut so far
        self.commits_cut = 0
        self._listen()

    def _listen(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(16)
        self.port = sock.getsockname()[1]
        self._listener = sock
        self._thread = threading.Thread(target=self._accept, args=(sock,), daemon=True)
        self._thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, server]
            for a, b, up in ((client, server, True), (server, client, False)):
                threading.Thread(target=self._pump, args=(a, b, up), daemon=True).start()

    def cut_at_commit(self, *, deliver: bool, stay_down: bool = False) -> None:
        """At the next COMMIT: pass it to the server first (``deliver``: it commits) or not,
        then drop that connection without a word back; ``stay_down``: and every other
        connection, and listen no more (until :meth:`restore`)."""
        self._at_commit = (deliver, stay_down)

    def _commit_cut(self, server: socket.socket, data: bytes) -> None:
        assert self._at_commit is not None
        deliver, stay_down = self._at_commit
        self._at_commit = None
        self._muted.add(id(server))  # whatever the server answers now is lost
        self.commits_cut += 1
        if stay_down:  # nobody may ask the server, from the moment it may commit
            self.cut(sparing=server)
        if deliver:
            server.sendall(data)
            time.sleep(0.5)  # the server commits

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while data := src.recv(65536):
                if upstream and self._at_commit is not None and ends_a_transaction(data):
                    self._commit_cut(dst, data)
                    return  # the finally below drops this connection
                if not upstream and id(src) in self._muted:
                    return
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self, sparing: socket.socket | None = None) -> None:
        """Stop listening and drop every connection (but ``sparing``'s pair, which its pump
        drops)."""
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below
            self._listener.close()
            self._listener = None
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self._lock:
            conns, self._conns = self._conns, []
        if sparing is not None and sparing in conns:
            i = conns.index(sparing)
            conns = conns[:i - 1] + conns[i + 1:]  # the pair: [client, server]
        for s in conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def restore(self) -> None:
        if self._listener is None:
            self._listen()

    def close(self) -> None:
        self.cut()
