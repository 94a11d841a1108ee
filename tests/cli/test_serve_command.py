"""``tensortown serve`` without a browser: its arguments, its page, its address and stop.

The browser itself is in tests/browser; here the server is started and asked over HTTP.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import serve

TENSORTOWN = Path(sys.executable).with_name("tensortown")
needs_command = pytest.mark.skipif(not TENSORTOWN.exists(), reason="tensortown not installed")


@pytest.mark.parametrize(
    ("function", "at", "words"),
    [
        (None, [], ["explore"]),
        ("pay", ["x=30"], ["explore", "--at", "x=30", "--", "pay"]),
        ("-x**2 + sin(x)'s", ["25,6"], ["explore", "--at", "25,6", "--", "-x**2 + sin(x)'s"]),
        ("x; rm -rf ~", [], ["explore", "--", "x; rm -rf ~"]),
    ],
)
def test_each_tab_runs_the_explorer_with_the_arguments_as_given(
    function: str | None, at: list[str], words: list[str]
) -> None:
    command = serve.explorer_command(function, at, python="/opt/py thon")
    assert shlex.split(command) == ["exec", "/opt/py thon", "-m", "tui", *words]


def test_the_explorer_command_parses_as_the_explorer_would() -> None:
    from tensortown.cli import build_parser
    from tui.main import explore

    argv = shlex.split(serve.explorer_command("-x**2", ["x=3"], ascii_only=True))[4:]
    args = build_parser(explore=explore).parse_args([a + " " if a == "-x**2" else a for a in argv])
    assert (args.command, args.function.strip(), args.at, args.ascii) == (
        "explore",
        "-x**2",
        ["x=3"],
        True,
    )


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_this_machine_only(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def test_the_address_to_open() -> None:
    assert serve.page_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert serve.page_url("::1", 8001) == "http://[::1]:8001/"
    assert serve.page_url("0.0.0.0", 80) == f"http://{socket.gethostname()}:80/"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["serve", "--at", "x=1"], "--at needs a FUNCTION"),
        (["serve", "sin(x"], "in 'sin(x'"),
        (["serve", "pay", "--at", "y=1"], "no variable 'y'"),
        (["serve", "--port", "70000"], "a port is 0 to 65535"),
        (["serve", "--port", "８０"], "--port"),
    ],
)
def test_bad_arguments_are_one_error_line_before_anything_is_served(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.main import main

    with pytest.raises(SystemExit) as ended:
        main(argv)
    err = capsys.readouterr().err
    assert ended.value.code == 2
    assert err.count("\n") == 1 and err.startswith("error:") and said in err


class Server:
    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [str(TENSORTOWN), "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.first_line = self.process.stdout.readline()

    def port(self) -> int:
        found = re.search(r":(\d+)/", self.first_line)
        assert found, self.first_line
        return int(found.group(1))

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=20)
        return self.process.returncode, err


@pytest.fixture
def server() -> Iterator[type[Server]]:
    started: list[Server] = []

    def start(*args: str) -> Server:
        started.append(Server(*args))
        return started[-1]

    yield start  # type: ignore[misc]
    for one in started:
        if one.process.poll() is None:
            one.process.kill()
            one.process.wait()


@needs_command
def test_the_page_asks_only_this_server_and_connects_back_where_it_was_opened(
    server: type[Server],
) -> None:
    served = server("--port", "0")
    assert "(this machine only)" in served.first_line
    port = served.port()
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    addresses = re.findall(r"""(?:https?|wss?)://[^"' )]+""", page)
    assert addresses and all(
        a.startswith(f"http://127.0.0.1:{port}/") for a in addresses if "http" in a[:4]
    )
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    assert "fonts.googleapis" not in page
    # opened as another name for this machine: every address follows it
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", headers={"Host": f"tt.example:{port}"}
    )
    page = urllib.request.urlopen(request, timeout=10).read().decode()
    assert f'data-session-websocket-url="ws://tt.example:{port}/ws"' in page
    assert f'href="http://tt.example:{port}/static/css/xterm.css"' in page
    font = urllib.request.urlopen(
        f"http://127.0.0.1:{port}/static/fonts/RobotoMono-VariableFont_wght.ttf", timeout=10
    )
    assert font.status == 200
    assert served.stop() == (0, "")


@needs_command
def test_another_host_is_warned_of_on_stderr(server: type[Server]) -> None:
    served = server("--host", "0.0.0.0", "--port", "0")
    assert "(open to the network)" in served.first_line
    status, err = served.stop()
    assert status == 0
    assert err.startswith("warning: listening on 0.0.0.0: anyone who can reach")
    assert "no password" in err


@needs_command
def test_a_port_in_use_is_one_error_line(server: type[Server]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = server("--port", str(port))
        _, err = served.process.communicate(timeout=20)
    assert served.process.returncode == 1
    assert err == f"error: can't serve on 127.0.0.1:{port}: address already in use\n"


@needs_command
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_ends_the_server_cleanly(server: type[Server], signum: int) -> None:
    served = server("--port", "0")
    served.process.send_signal(signum)
    out, err = served.process.communicate(timeout=20)
    assert (served.process.returncode, err) == (0, "")
    assert "Traceback" not in out


def test_without_a_terminal_only_a_served_explorer_starts() -> None:
    """The web driver's explorer has pipes for stdin and stdout (tests/browser); without
    TEXTUAL_DRIVER, pipes are refused."""
    env = {**os.environ, "TEXTUAL_DRIVER": ""}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "explore"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "needs a terminal" in done.stderr
