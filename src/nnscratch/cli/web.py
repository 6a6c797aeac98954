"""`nnscratch serve`: the web lab on a local port."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

from nnscratch.cli._common import add_subcommand, nonneg_int
from nnscratch.errors import ConfigError, require
from nnscratch.i18n import t


def register(sub, lang):
    p = add_subcommand(sub, "serve", lang, "web.serve.help", run_serve)
    p.add_argument("--host", default="127.0.0.1", help=t("web.serve.host", lang))
    p.add_argument("--port", type=nonneg_int, default=8000, help=t("web.serve.port", lang))
    p.add_argument("--model", type=Path, metavar="FILE.npz", help=t("web.serve.model", lang))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a ConfigError that says what to change: the port is taken, the host unknown."""
    if port > 65535:
        raise ConfigError(f"--port must be at most 65535, got {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on host {host!r}: {exc.strerror}; use e.g. --host 127.0.0.1") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} on {host} is already in use: choose another with --port "
                              f"(--port 0 picks a free one)") from None
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "127.0.0.1"  # listening everywhere: the local address is the one to open here
    return f"http://{shown}:{port}/"


def run_serve(args):
    uvicorn = require("uvicorn", "web")
    require("starlette", "web")
    from nnscratch.web import create_app

    lang = args.lang
    app = create_app(args.model, lang)  # a bad --model stops here with the loader's message
    sock = bind(args.host, args.port)
    print(t("web.serve.listening", lang, url=url_of(sock)), flush=True)
    model, path, problem = app.state.digits.current()
    if model is not None:
        print(t("web.serve.model_used", lang, path=path), flush=True)
    elif problem:
        print(t("web.dg.problem", lang, path=path, problem=problem), flush=True)
    else:
        print(t("web.serve.no_model", lang), flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           timeout_graceful_shutdown=2))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn shut down cleanly, then re-raised the Ctrl-C it caught: stopping is the normal end
    finally:
        sock.close()
    print(t("web.serve.stopped", lang), flush=True)
    return 0
