"""``tensortown serve``: the explorer in a web browser, one explorer process per tab.

The command checks its arguments, then hands a shell command line for the explorer to
:class:`tui.web_server.ExplorerServer` (textual-serve), which starts it with Textual's web
driver for each tab that connects. This module stays light, since every other subcommand
imports it to register ``serve``: textual-serve and aiohttp are imported only to serve.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import socket
import sys
from collections.abc import Sequence
from typing import Any

from tensortown import cli
from tensortown.numbers import parse_count

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``serve`` to the CLI's subparsers."""
    p = sub.add_parser(
        "serve",
        help="the explorer in a web browser",
        description="Serve the explorer to web browsers (textual-serve): each tab gets its "
        "own. Only this machine can connect unless --host says otherwise.",
        parents=[common],
    )
    p.add_argument(
        "function", metavar="FUNCTION", nargs="?", help="open on a catalogue key or expression"
    )
    p.add_argument("--at", action="append", metavar="NAME=VALUE", help="the starting point")
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    p.add_argument(
        "--port",
        type=port_argument,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port (default {DEFAULT_PORT}; 0 takes a free one)",
    )
    p.set_defaults(run=command_serve)


def port_argument(text: str) -> int:
    """argparse's ``type`` for a TCP port, 0 to 65535."""
    try:
        port = parse_count(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if port > 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {port}")
    return port


def explorer_command(
    function: str | None,
    at: Sequence[str] = (),
    *,
    ascii_only: bool = False,
    no_color: bool = False,
    python: str = sys.executable,
) -> str:
    """The shell command line textual-serve runs for each tab: this interpreter's explorer,
    on the function and point given to ``serve`` (``exec``, so the shell leaves no process)."""
    words = [python, "-m", "tui", "explore"]
    words += ["--ascii"] * ascii_only + ["--no-color"] * no_color
    for item in at:
        words += ["--at", item]
    if function is not None:
        words += ["--", function]
    return "exec " + shlex.join(words)


def is_loopback(host: str) -> bool:
    """True when only this machine can connect to ``host`` (``localhost``, 127.x, ``::1``)."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def page_url(host: str, port: int) -> str:
    """The address to open in a browser, for the host and port being listened on."""
    if host in EVERY_ADDRESS:
        host = socket.gethostname()
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def command_serve(args: argparse.Namespace) -> int:
    """Serve the explorer until Ctrl+C (or SIGTERM, SIGHUP); every tab's explorer ends too."""
    if args.function is not None:
        function = cli.function_argument(args.function)
        cli.point_for_partial(function, cli.parse_at(function, args.at))  # or its error now
    elif args.at:
        raise cli.UsageError("--at needs a FUNCTION to be a point of (e.g. serve pay --at x=20)")
    command = explorer_command(
        args.function, args.at or (), ascii_only=args.ascii, no_color=args.no_color
    )
    try:
        from tui.web_server import ExplorerServer
    except ImportError as error:
        raise cli.UsageError(
            f"serving needs textual-serve, which is not installed ({error})"
        ) from None

    if not is_loopback(args.host):
        print(
            f"warning: listening on {args.host or 'every address'}: anyone who can reach "
            f"this machine's port {args.port} can use the explorer, with no password",
            file=sys.stderr,
        )

    def ready(port: int) -> None:
        where = "this machine only" if is_loopback(args.host) else "open to the network"
        print(f"TensorTown's explorer: {page_url(args.host, port)} ({where})")
        print("Each browser tab gets its own explorer. Ctrl+C stops them all.", flush=True)

    server = ExplorerServer(command, host=args.host, port=args.port)
    try:
        server.run(ready)
    except OSError as error:
        code = error.errno or 0  # asyncio's message repeats the address: the reason alone
        reason = os.strerror(code) if code > 0 else (error.strerror or str(error))
        reason = reason[:1].lower() + reason[1:]
        cli.fail(f"can't serve on {args.host}:{args.port}: {reason}", cli.EXIT_UNDEFINED)
    return cli.EXIT_OK
