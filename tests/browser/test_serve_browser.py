"""``tensortown serve`` in a real browser: Debian's Chromium, driven by Playwright.

The installed command serves on a free loopback port; each test opens tabs on it. What a
tab shows is read back by replaying the bytes its websocket receives into a terminal
emulator (pyte) of the size the page asked for, so the readout is checked as text, the way
the tmux tests check a terminal's. The acceptance walk also saves a screenshot of the page
(its path is printed; pytest keeps the last runs' folders under its basetemp).

Without Chromium or Playwright these tests are skipped, and pytest's summary says why.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyte
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TENSORTOWN = Path(sys.executable).with_name("tensortown")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
    ),
    pytest.mark.skipif(not TENSORTOWN.exists(), reason="tensortown is not installed here"),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def has(screen: str, name: str, value: str) -> bool:
    """``name = value`` on the screen, value a whole number (``10`` is not ``10.5``)."""
    pattern = rf"(?<![\w'∂]){re.escape(name)} = {re.escape(value)}(?![\d.])"
    return re.search(pattern, screen) is not None


def reading(screen: str) -> tuple[float, float] | None:
    """The readout's x and f'(x), for one variable."""
    found = re.search(r"(?<![\w'∂])x = ([\d.]+) h .* f'\(x\) = ([\d.]+)", screen)
    return (float(found.group(1)), float(found.group(2))) if found else None


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (its explorers, and their TensorFlow processes)."""
    from tui.web_server import children

    found = []
    for child in children(pid):
        found += [child, *descendants(child)]
    return found


def running(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting for its parent is not)."""
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


def wait_until(check: Callable[[], bool], timeout: float, tick: Callable[[], None]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        tick()
    return check()


class Tab:
    """One browser tab on the server, with the terminal its websocket draws."""

    def __init__(self, browser: Any, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.screen: pyte.Screen | None = None
        self.requests: list[str] = []
        self.page.on("websocket", self._connected)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(url)

    def _connected(self, websocket: Any) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlparse(websocket.url).query)
        screen = pyte.Screen(int(query["width"][0]), int(query["height"][0]))
        stream = pyte.ByteStream(screen)
        self.screen = screen

        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):  # the explorer's output; text frames are pongs
                stream.feed(payload)

        def sent(payload: str | bytes) -> None:
            message = json.loads(payload) if isinstance(payload, str) else None
            if message and message[0] == "resize":
                screen.resize(message[1]["height"], message[1]["width"])

        websocket.on("framereceived", received)
        websocket.on("framesent", sent)

    def text(self) -> str:
        return "\n".join(self.screen.display) if self.screen is not None else ""

    def wait_for(self, check: Callable[[str], bool], timeout: float = 30.0) -> str:
        """Wait (letting Playwright deliver the frames) until ``check(text)`` holds."""
        if not wait_until(lambda: check(self.text()), timeout, lambda: self.pause(0.1)):
            pytest.fail(f"timed out after {timeout} s; the page's terminal was:\n{self.text()}")
        return self.text()

    def pause(self, seconds: float) -> None:
        self.page.wait_for_timeout(seconds * 1000)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def ready(self) -> str:
        """Wait for pay's first numbers, then give the terminal the keyboard."""
        screen = self.wait_for(lambda s: has(s, "x", "20") and has(s, "f'(x)", "10"), 60)
        self.page.locator("#terminal").click(position={"x": 5, "y": 5})
        return screen


class Served:
    """A running ``tensortown serve`` and where to open it."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url

    def explorers(self) -> list[int]:
        """The explorers' processes (the server's children) now running."""
        from tui.web_server import children

        return running(children(self.process.pid))


def start_server(*args: str) -> Served:
    """``tensortown serve --port 0 ARGS`` in its own process group."""
    process = subprocess.Popen(
        [str(TENSORTOWN), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"},
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert found, (line, process.stderr.read() if process.poll() is not None else "")
    return Served(process, found.group())


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    """Start servers (:func:`start_server`); each is killed afterwards if still running."""
    started: list[Served] = []

    def start(*args: str) -> Served:
        started.append(start_server(*args))
        return started[-1]

    yield start
    for one in started:
        if one.process.poll() is None:
            os.killpg(one.process.pid, signal.SIGKILL)
        one.process.wait()


@pytest.fixture
def served(serve: Callable[..., Served]) -> Served:
    """``tensortown serve`` as a person starts it, on a free port."""
    return serve()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


def test_the_acceptance_walk_in_a_browser(
    served: Served, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tab = Tab(browser, served.url)
    screen = tab.ready()
    assert "Weekly pay" in screen.splitlines()[0]
    tab.press("ArrowRight")
    tab.wait_for(lambda s: has(s, "x", "21") and has(s, "f'(x)", "10.5"))
    # a click on the chart, far right of the cursor, pins the cursor there
    tab.page.mouse.click(1000, 300)
    screen = tab.wait_for(lambda s: (reading(s) or (21.0, 0.0))[0] > 40)
    x, slope = reading(screen) or (0.0, 0.0)
    assert slope == pytest.approx(x / 2)
    tab.press("4")
    screen = tab.wait_for(lambda s: has(s, "∂f/∂x", "12.5") and has(s, "∂f/∂y", "7.142858"))
    assert "Weekly earnings" in screen.splitlines()[0]
    shot = tmp_path_factory.mktemp("browser") / "serve-earnings.png"
    tab.page.screenshot(path=str(shot))
    print(f"\nthe page, as the browser drew it: {shot}")
    # ctrl+p is the browser's print, but the page's terminal has the keyboard: the palette
    tab.press("Control+p")
    tab.wait_for(lambda s: "Search for commands" in s, timeout=10)
    tab.press("Escape")
    tab.wait_for(lambda s: "Search for commands" not in s, timeout=10)
    # the browser window's size is the explorer's
    columns = tab.screen.columns if tab.screen else 0
    tab.page.set_viewport_size({"width": 900, "height": 600})
    tab.wait_for(lambda s: tab.screen is not None and tab.screen.columns < columns, timeout=10)
    tab.wait_for(lambda s: has(s, "∂f/∂y", "7.142858"))
    # nothing was fetched from anywhere but this server
    elsewhere = [url for url in tab.requests if not url.startswith(served.url)]
    assert elsewhere == []


def test_two_tabs_are_two_explorers_and_a_closed_tab_ends_its_own(
    served: Served, browser: Any
) -> None:
    first, second = Tab(browser, served.url), Tab(browser, served.url)
    first.ready()
    second.ready()
    explorers = served.explorers()
    assert len(explorers) == 2
    tensorflow = {pid: descendants(pid) for pid in explorers}
    assert all(tensorflow.values()), tensorflow  # each explorer has its TensorFlow process
    first.press("ArrowRight")
    first.wait_for(lambda s: has(s, "f'(x)", "10.5"))
    second.pause(0.5)
    assert has(second.text(), "x", "20") and has(second.text(), "f'(x)", "10")

    first.page.close()
    assert wait_until(lambda: len(served.explorers()) == 1, 15, lambda: second.pause(0.2))
    (ended,) = set(explorers) - set(served.explorers())
    assert running([ended, *tensorflow[ended]]) == []
    second.press("ArrowLeft")  # the other one goes on
    second.wait_for(lambda s: has(s, "x", "19") and has(s, "f'(x)", "9.5"))


@pytest.mark.parametrize("how", ["SIGTERM to the server", "Ctrl+C in its terminal"])
def test_stopping_the_server_ends_every_explorer(served: Served, browser: Any, how: str) -> None:
    tab = Tab(browser, served.url)
    tab.ready()
    everything = descendants(served.process.pid)
    assert len(everything) >= 2  # an explorer and its TensorFlow process
    if how.startswith("SIGTERM"):
        served.process.send_signal(signal.SIGTERM)
    else:  # the terminal sends SIGINT to the whole foreground process group
        os.killpg(served.process.pid, signal.SIGINT)
    assert wait_until(lambda: served.process.poll() is not None, 20, lambda: tab.pause(0.2)), (
        "the server is still running"
    )
    assert served.process.returncode == 0
    assert running(everything) == []
    tab.wait_for(lambda s: True, timeout=1)
    assert tab.page.locator(".ended").is_visible()  # the page says the explorer ended


def test_x_sends_the_view_to_the_browser(served: Served, browser: Any) -> None:
    tab = Tab(browser, served.url)
    tab.ready()
    downloads: list[Any] = []
    tab.page.on("download", lambda download: downloads.append(download))
    tab.press("x")
    assert wait_until(lambda: len(downloads) == 2, 20, lambda: tab.pause(0.2)), downloads
    files = {d.suggested_filename: Path(d.path()).read_text() for d in downloads}
    assert sorted(files) == ["pay-x20.svg", "pay-x20.txt"]
    assert files["pay-x20.svg"].startswith("<svg") and "Weekly&#160;pay" in files["pay-x20.svg"]
    screen = tab.wait_for(lambda s: "to the browser" in s, timeout=10)
    assert files["pay-x20.txt"].splitlines()[0].rstrip() == screen.splitlines()[0].rstrip()


def test_every_tab_opens_on_the_function_point_and_options_served(
    serve: Callable[..., Served], browser: Any
) -> None:
    tab = Tab(browser, serve("earnings", "--at", "30,2", "--ascii").url)
    screen = tab.wait_for(lambda s: has(s, "df/dx", "15") and has(s, "y", "2"), 60)
    assert has(screen, "x", "30") and "∂" not in screen and screen.isascii()
