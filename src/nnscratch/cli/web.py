"""`nnscratch serve`: the web lab on a local port."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

from nnscratch.cli._common import add_subcommand, integer
from nnscratch.errors import ConfigError, os_reason, require
from nnscratch.i18n import t


def register(sub, lang):
    p = add_subcommand(sub, "serve", lang, "web.serve.help", run_serve)
    p.add_argument("--host", default="127.0.0.1", help=t("web.serve.host", lang))
    p.add_argument("--port", type=integer, default=8000, help=t("web.serve.port", lang))
    p.add_argument("--model", type=Path, metavar="FILE.npz", help=t("cli.serve.model_help", lang))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a ConfigError that says what to change: the port is taken, the host unknown."""
    if not 0 <= port <= 65535:
        raise ConfigError("cli.err.port", param="port", port=port)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError("cli.err.host_unknown", param="host", host=host, reason=os_reason(exc)) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError("cli.err.port_in_use", param="port", port=port, host=host) from None
        raise ConfigError("cli.err.cannot_listen", param="host", host=host, port=port,
                          reason=os_reason(exc)) from None
    sock.listen(128)
    return sock


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def url_of(sock: socket.socket) -> str:
    """The address to open on this computer (for a server listening everywhere: the loopback one)."""
    return urls_of(sock)[0]


def urls_of(sock: socket.socket, machine_addresses=None) -> list[str]:
    """Every address the server really answers on: its own, or for 0.0.0.0 / :: the loopback address
    and each address of this machine (those the Host check accepts), loopback first."""
    import ipaddress

    host, port = sock.getsockname()[:2]
    if host not in ("0.0.0.0", "::"):
        return [_url(host, port)]
    if machine_addresses is None:
        from nnscratch.web.guard import machine_names

        machine_addresses = machine_names()
    version = 4 if host == "0.0.0.0" else 6
    found = []
    for name in machine_addresses:
        try:
            address = ipaddress.ip_address(name.strip("[]"))
        except ValueError:
            continue  # a host name, not an address
        if address.version == version or (version == 6 and address.version == 4):  # :: usually takes IPv4 too
            found.append(address)
    loopback = ["127.0.0.1"] if version == 4 else ["::1", "127.0.0.1"]
    others = sorted({str(a) for a in found if not a.is_loopback and not a.is_link_local} - set(loopback),
                    key=lambda a: (":" in a, a))
    return [_url(h, port) for h in loopback + others]


def run_serve(args):
    uvicorn = require("uvicorn", "web")
    require("starlette", "web")
    from nnscratch.web import create_app

    lang = args.lang
    from nnscratch.io.saved_models import best_digit_model

    # Without --model: the saved digit model with the best recorded test accuracy, not the newest scratch run.
    app = create_app(args.model, lang, host=args.host,  # a bad --model stops here with the loader's message
                     find_latest_model=lambda dataset="mnist", **_: best_digit_model(dataset))
    sock = bind(args.host, args.port)
    for url in urls_of(sock):
        print(t("web.serve.listening", lang, url=url), flush=True)
    model, path, problem = app.state.digits.current()
    if model is not None and args.model is None:
        accuracy = (model.metrics or {}).get("test_accuracy")
        print(t("cli.serve.best_model", lang, path=path,
                acc="-" if accuracy is None else f"{100 * accuracy:.2f}%"), flush=True)
    elif model is not None:
        print(t("web.serve.model_used", lang, path=path), flush=True)
    elif problem:
        print(t("web.dg.problem", lang, path=path, problem=problem.message(lang)), flush=True)
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
