"""The web server behind ``tensortown serve``: textual-serve's, with TensorTown's page and a
clean stop.

textual-serve (pinned in pyproject.toml) starts the explorer's command for each browser
tab that connects, with Textual's web driver on pipes, and relays its screen and keys over
a websocket; when the tab closes it asks that explorer to quit. What this adds:

- the page (``serve_page/index.html``): no web fonts from elsewhere, and the websocket's
  address taken from the address the browser used, so a page opened from another machine
  connects back to this one;
- a stop that ends every explorer: SIGINT, SIGTERM or SIGHUP asks each to quit as its tab
  closing would, waits, and kills what is left after :data:`END_WITHIN` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

PAGE = Path(__file__).with_name("serve_page")
"""The page's template; its scripts and font are textual-serve's own static files."""
END_WITHIN = 10.0
"""Seconds every explorer has to end after the server is stopped, before it is killed."""
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
TITLE = "TensorTown"

log = logging.getLogger("textual-serve")


class ExplorerServer(Server):
    """Serve the explorer's ``command`` (a shell command line), one process per tab."""

    def __init__(self, command: str, *, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title=TITLE)
        self.sessions: set[asyncio.Task[Any]] = set()
        """Each connected tab's websocket handler, which owns its explorer's process."""

    def web_app(self) -> web.Application:
        """The page, the websocket, textual-serve's downloads and static files."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE))
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.get("/download/{key}", self.handle_download),
                web.static("/static", self.statics_path),
            ]
        )
        return app

    @aiohttp_jinja2.template("index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, its addresses relative to the one the browser asked for."""
        origin = f"{request.scheme}://{request.host}"
        socket_scheme = "wss" if request.scheme == "https" else "ws"
        try:
            font_size = max(6, min(64, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        return {
            "title": self.title,
            "static_url": f"{origin}/static/",
            "websocket_url": f"{socket_scheme}://{request.host}/ws",
            "font_size": font_size,
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: textual-serve starts its explorer and relays it until the tab closes."""
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    def run(self, ready: Callable[[int], None]) -> None:
        """Listen, call ``ready`` with the port, and serve until a stop signal."""
        _quiet_logging()
        asyncio.run(self._serve(ready))

    async def _serve(self, ready: Callable[[int], None]) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        runner = web.AppRunner(self.web_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host or None, self.port)
            await site.start()
            for signum in STOP_SIGNALS:
                loop.add_signal_handler(signum, stop.set)
            ready(runner.addresses[0][1])
            await stop.wait()
        finally:
            await self.end_sessions()
            await runner.cleanup()

    async def end_sessions(self) -> None:
        """Ask every tab's explorer to quit (as closing its tab does), wait up to
        :data:`END_WITHIN` seconds, then kill whatever of them is left."""
        sessions = list(self.sessions)
        for task in sessions:
            task.cancel()  # textual-serve's handler then stops its app and waits for it
        if sessions:
            _done, left = await asyncio.wait(sessions, timeout=END_WITHIN)
            if left:
                log.warning("%d explorer(s) did not end; killing them", len(left))
                for pid in children(os.getpid()):
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that are still running (Linux's /proc; none elsewhere)."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listed:
                found += [int(child) for child in listed.read().split()]
    return found


def _quiet_logging() -> None:
    """textual-serve's warnings and errors as plain lines on stderr, no access log."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("serve: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.WARNING)
    log.propagate = False
