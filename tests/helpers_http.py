"""A loopback HTTP server for download tests: serves a folder, plus scripted faults."""

from __future__ import annotations

import contextlib
import http.server
import threading
from functools import partial
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    # faults: request path -> (status, body, headers) or a callable handler -> None
    faults: dict = {}

    def do_GET(self):
        fault = self.faults.get(self.path)
        if fault is None:
            return super().do_GET()
        status, body, headers = fault
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve(folder: Path, faults: dict | None = None):
    """Serve ``folder`` on 127.0.0.1 at an ephemeral port; yields the base URL (ending in /).

    ``faults`` maps a URL path ("/x.gz") to (status, body, headers) sent instead
    of the file; a Content-Length larger than the body simulates a truncated
    transfer.
    """
    handler = type("Handler", (_Handler,), {"faults": dict(faults or {})})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    server.daemon_threads = True
    # a short poll interval: shutdown() waits for the next poll
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
