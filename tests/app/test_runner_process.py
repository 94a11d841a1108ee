"""TensorFlow in its own process: jobs cross a pipe, errors come back, the process never lingers.

Most app tests run TensorFlow on a thread (one TensorFlow for the whole session, and
monkeypatched jobs); these run the real :class:`~tui.runner.process.ProcessRunner` the
``tensortown`` command starts: its protocol with cheap jobs, then TensorFlow's numbers
and a whole explorer session through it.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_tui_app import SIZE, has, press, readout, run_async, settle

from tensortown.catalogue import CATALOGUE
from tensortown.walk import gradient_walk
from tui.app import TensorTownApp
from tui.runner import jobs, supervisor
from tui.runner.base import ThreadRunner
from tui.runner.process import ProcessRunner
from tui.runner.supervisor import SupervisedRunner
from tui.state import Exploration
from tui.widgets.field_view import FieldView
from tui.widgets.title_bar import TitleBar


@pytest.fixture
def runner() -> Iterator[ProcessRunner]:
    """A runner process with nothing loaded (TensorFlow only if a job imports it)."""
    process = ProcessRunner()
    yield process
    process.stop(timeout=5)


def within(seconds: float, future: asyncio.Future[Any]) -> Any:
    return asyncio.wait_for(future, seconds)


# --- the protocol, with jobs that need no TensorFlow --------------------------------------


@run_async
async def test_a_job_runs_in_the_other_process_and_its_result_comes_back(
    runner: ProcessRunner,
) -> None:
    assert await within(30, runner.submit(os.getpid)) == runner.pid != os.getpid()
    assert await within(30, runner.submit(divmod, 17, 5)) == (3, 2)


@run_async
async def test_a_jobs_error_comes_back_as_itself(runner: ProcessRunner) -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        await within(30, runner.submit(int, "twenty"))
    assert await within(30, runner.submit(int, "20")) == 20  # the process goes on


@run_async
async def test_a_result_that_cannot_cross_is_named_in_the_error(runner: ProcessRunner) -> None:
    with pytest.raises(RuntimeError, match=r"pickle.*lock"):
        await within(30, runner.submit(threading.Lock))
    assert await within(30, runner.submit(divmod, 7, 2)) == (3, 1)


@run_async
async def test_a_job_the_process_cannot_load_is_an_error_not_an_end(runner: ProcessRunner) -> None:
    with pytest.raises(RuntimeError, match=r"ModuleNotFoundError.*no_such_module"):
        await within(30, runner.submit(_NotThere(), 1))
    assert await within(30, runner.submit(divmod, 9, 2)) == (4, 1)


class _NotThere:
    """Pickles as a call to a module the runner's process cannot import."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (__import__, ("no_such_module",))

    def __call__(self, *args: Any) -> None:
        raise AssertionError("never called here")


@run_async
async def test_jobs_run_in_order_and_a_cancelled_one_never_runs(
    runner: ProcessRunner, tmp_path: Path
) -> None:
    first = runner.submit(time.sleep, 0.5)
    dropped = runner.submit(os.mkdir, str(tmp_path / "dropped"))
    kept = runner.submit(os.mkdir, str(tmp_path / "kept"))
    dropped.cancel()  # while the first still sleeps
    await within(30, first)
    await within(30, kept)
    assert (tmp_path / "kept").is_dir()
    assert not (tmp_path / "dropped").exists()


@run_async
async def test_native_writes_to_stdout_cannot_break_the_replies(runner: ProcessRunner) -> None:
    await within(30, runner.submit(os.write, 1, b"\x00\x00\x00\x09stray bytes"))
    assert await within(30, runner.submit(divmod, 9, 4)) == (2, 1)


@run_async
async def test_errors_of_other_libraries_cross_as_built_in_errors(runner: ProcessRunner) -> None:
    """A TensorFlow error must not import TensorFlow into the app to be unpickled."""
    with pytest.raises(ValueError, match="JSONDecodeError") as caught:
        await within(30, runner.submit(json.loads, "{"))
    assert type(caught.value) is ValueError
    with pytest.raises(RuntimeError, match="SystemExit"):  # a job cannot end the process
        await within(30, runner.submit(sys.exit, 3))
    assert await within(30, runner.submit(divmod, 9, 4)) == (2, 1)


@run_async
async def test_a_process_that_dies_cancels_its_jobs_and_says_why_once(
    runner: ProcessRunner,
) -> None:
    heard: list[str] = []
    runner.on_lost = heard.append
    await within(30, runner.submit(os.write, 2, b"a log line\nout of memory, say\n"))
    dying = runner.submit(os._exit, 3)
    with pytest.raises(asyncio.CancelledError):
        await within(30, dying)
    later = runner.submit(os.getpid)
    with pytest.raises(asyncio.CancelledError):
        await within(30, later)
    assert dying.cancelled() and later.cancelled()
    assert heard == ["TensorFlow's process ended (exit status 3) (out of memory, say)"]
    late: list[str] = []
    runner.on_lost = late.append  # told at once, if it listens only now
    assert late == heard


@run_async
async def test_stop_ends_the_process_at_once_even_mid_job(
    runner: ProcessRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    runner.on_lost = heard.append
    waits: list[str] = []
    real_wait = subprocess.Popen.wait

    def wait(process: subprocess.Popen[bytes], timeout: float | None = None) -> int:
        try:
            status = real_wait(process, timeout)
        except subprocess.TimeoutExpired:
            waits.append("timed out")
            raise
        waits.append(f"ended with {status}")
        return status

    monkeypatch.setattr(subprocess.Popen, "wait", wait)
    log = tmp_path / "job.log"
    job = (
        f"with open({str(log)!r}, 'a') as f: f.write('began\\n')\n"
        "__import__('time').sleep(60)\n"
        f"with open({str(log)!r}, 'a') as f: f.write('ended\\n')\n"
    )
    long = runner.submit(exec, job)
    for _ in range(600):  # a safety net for the start only: the job runs at once
        if log.exists() and log.read_text():
            break
        await asyncio.sleep(0.05)
    assert log.read_text() == "began\n"  # the process is mid-job
    assert runner.stop(timeout=5)
    # killed at once: stop waited once, for a process SIGKILL ended, and no timeout ran out
    assert waits == [f"ended with {-signal.SIGKILL}"]
    with pytest.raises(asyncio.CancelledError):
        await within(5, long)
    with pytest.raises(ProcessLookupError):  # reaped: no process, not even a zombie, is left
        os.kill(runner.pid, 0)
    assert log.read_text() == "began\n"  # the job ran once and never finished
    assert heard == []  # closing is not news


def test_the_process_ends_when_the_app_goes_without_stopping_it() -> None:
    """A killed app leaves no TensorFlow process behind: the pipe's end is its signal."""
    code = (
        "import asyncio, os\n"
        "from tui.runner.process import ProcessRunner\n"
        "runner = ProcessRunner()\n"
        "async def ask():\n"
        "    return await runner.submit(os.getpid)\n"
        "print(asyncio.run(ask()), flush=True)\n"
        "os._exit(0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    pid = int(out.stdout)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return  # ended; only its exit status waits for a parent to read it
        except FileNotFoundError:
            return
        time.sleep(0.05)
    pytest.fail("TensorFlow's process outlived its app")


def test_the_process_does_not_import_what_the_working_directory_holds(tmp_path: Path) -> None:
    """A ``struct.py`` (or ``random.py``) beside the user must not shadow the library."""
    (tmp_path / "struct.py").write_text("raise SystemExit('shadowed')\n")
    code = (
        "import asyncio, os\n"
        "from tui.runner.process import ProcessRunner\n"
        "runner = ProcessRunner()\n"
        "async def ask():\n"
        "    return await asyncio.wait_for(runner.submit(divmod, 7, 2), 30)\n"
        "print(asyncio.run(ask()))\n"
        "runner.stop()\n"
    )
    # -P: the app itself is run as the ``tensortown`` script, which puts its own directory
    # first on the path, not the working directory
    out = subprocess.run(
        [sys.executable, "-P", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert out.stdout.split() == ["(3,", "1)"]


# --- TensorFlow through the process --------------------------------------------------------


@run_async
async def test_the_tutorials_numbers_come_from_tensorflows_process(runner: ProcessRunner) -> None:
    seconds = await within(120, runner.submit(jobs.load, ()))
    assert seconds > 0
    pay = await within(60, runner.submit(jobs.read_point, Exploration.opening(None, {"x": 20})))
    assert pay.result.gradient == {"x": 10.0}
    earnings = Exploration.opening(CATALOGUE["earnings"], {"x": 25, "y": 6})
    reading = await within(60, runner.submit(jobs.read_point, earnings))
    assert reading.result.gradient["x"] == 12.5
    assert reading.result.gradient["y"] == pytest.approx(7.1428576)
    transcript = await within(60, runner.submit(jobs.transcript, earnings))
    assert "compliments_given" in transcript.watched
    # TensorFlow is there now, Textual never was
    modules = "sorted(m for m in ('textual', 'tensorflow') if m in __import__('sys').modules)"
    assert await within(30, runner.submit(eval, modules)) == ["tensorflow"]


@run_async
async def test_a_walk_lives_in_tensorflows_process(runner: ProcessRunner) -> None:
    earnings = Exploration.opening(CATALOGUE["earnings"], {"x": 25, "y": 6})
    await within(120, runner.submit(jobs.walk_begin, 1, earnings, True, 0.1, 5))
    taken: list[Any] = []
    while batch := await within(60, runner.submit(jobs.walk_advance, 1, 2)):
        taken.extend(batch)
    box = {s: earnings.range_of(s) for s in earnings.symbols}
    here = gradient_walk(earnings.function, earnings.point_dict(), rate=0.1, steps=5, box=box)
    assert taken == [*here.steps, here.stop]
    walks = "__import__('tui.runner.jobs').runner.jobs._walks"
    assert await within(30, runner.submit(eval, walks)) == {}  # forgotten once it ended


# --- the explorer and the command over the process -------------------------------------------


@run_async
async def test_the_explorer_reads_its_numbers_through_tensorflows_process() -> None:
    runner = supervisor.start(None, None)
    assert isinstance(runner, SupervisedRunner)
    app = TensorTownApp(runner=runner)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        assert has(readout(app), "f'(x)", "10")
        await press(pilot, "right")
        assert has(readout(app), "x", "21") and has(readout(app), "f'(x)", "10.5")
        await press(pilot, "4")
        await settle(pilot)
        assert has(readout(app), "∂f/∂y", "7.142858")
        assert app.query_one(FieldView).display
        await press(pilot, "w")
        deadline = time.monotonic() + 60
        while app.explorer.walker.running and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert app.explorer.walker.run is not None and len(app.explorer.walker.run.taken) > 1
    with pytest.raises(ProcessLookupError):  # closing the app ended the process
        os.kill(runner.pid, 0)


@run_async
async def test_the_tape_process_keeps_its_heap_frozen_after_settling(runner: ProcessRunner) -> None:
    await within(120, runner.submit(jobs.load, ()))
    await within(60, runner.submit(jobs.settle))
    assert await within(30, runner.submit(gc.get_freeze_count)) > 100_000


@run_async
async def test_a_tape_process_that_died_before_the_app_started_is_started_again() -> None:
    runner = supervisor.start(None, None)
    first = runner.pid
    os.kill(first, signal.SIGKILL)
    app = TensorTownApp(runner=runner)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        assert has(readout(app), "f'(x)", "10") and runner.pid != first


def test_tensorflow_stays_out_of_the_apps_process() -> None:
    code = (
        "import asyncio, sys\n"
        "from tui.runner import supervisor\n"
        "from tui.app import TensorTownApp\n"
        "async def main():\n"
        "    app = TensorTownApp(runner=supervisor.start(None, None))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        while app.explorer.reading is None:\n"
        "            await asyncio.sleep(0.05)\n"
        "        await pilot.press('right', '4')\n"
        "        await asyncio.sleep(1)\n"
        "        print(app.explorer.reading.result.gradient, 'tensorflow' in sys.modules)\n"
        "asyncio.run(asyncio.wait_for(main(), 120))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["{'x':", "12.5,", "'y':", "7.142857551574707}", "False"]


@run_async
async def test_a_killed_tape_process_is_started_again_and_the_exploration_goes_on() -> None:
    runner = supervisor.start(None, None)
    app = TensorTownApp(runner=runner)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await press(pilot, "4", "right")
        await settle(pilot)
        first = runner.pid
        os.kill(first, signal.SIGKILL)
        for _ in range(200):  # the screen says so as soon as the loss is seen
            await pilot.pause(0.02)
            if "starting TensorFlow again" in readout(app):
                break
        shown = " ".join(readout(app).split())
        assert "TensorFlow's process was killed (SIGKILL): starting TensorFlow again" in shown
        assert app.query_one(TitleBar).status == "restarting TensorFlow"
        await press(pilot, "up")  # the keys go on meanwhile
        await settle(pilot, timeout=120)
        assert runner.pid != first and app.query_one(TitleBar).status == ""
        assert has(readout(app), "x", "26") and has(readout(app), "y", "7")
        assert has(readout(app), "∂f/∂x", "13") and has(readout(app), "∂f/∂y", "6.25")


def test_the_command_starts_the_tape_process_before_it_imports_the_app() -> None:
    """TensorFlow's import starts first, so it runs beside Textual's, not after it."""
    code = (
        "import importlib.abc, importlib.machinery, sys\n"
        "order = []\n"
        "class App(importlib.abc.MetaPathFinder, importlib.abc.Loader):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'tui.app':\n"
        "            order.append('tui.app')\n"
        "            return importlib.machinery.ModuleSpec(name, self)\n"
        "    def create_module(self, spec):\n"
        "        return None\n"
        "    def exec_module(self, module):\n"
        "        def run(**options):\n"
        "            order.append(type(options['runner']).__name__)\n"
        "            return int(not options['runner'].stop(timeout=5))\n"
        "        module.run = run\n"
        "sys.meta_path.insert(0, App())\n"
        "from tui.runner import process\n"
        "class Seen(process.ProcessRunner):\n"
        "    def __init__(self):\n"
        "        order.append('runner')\n"
        "        super().__init__()\n"
        "process.ProcessRunner = Seen\n"
        "import tui.main\n"
        "tui.main._terminal = lambda fd: True  # as if in one: the app itself is replaced\n"
        "status = tui.main.main([])\n"
        "print(' '.join(order), 'textual' in sys.modules, status)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["runner", "tui.app", "SupervisedRunner", "False", "0"]


def test_tensorflow_can_stay_on_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(supervisor.ENVIRONMENT, "thread")
    runner = supervisor.start(None, None)
    assert type(runner) is ThreadRunner
    assert runner.stop(timeout=5)
