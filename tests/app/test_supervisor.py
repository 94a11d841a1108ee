"""TensorFlow's process supervised: started again when it dies, abandoned when it hangs.

These run real processes with cheap jobs (no TensorFlow): what a death, a stop (SIGSTOP)
or a long job does to the jobs, and what the supervisor says (:mod:`tui.runner.supervisor`).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from test_tui_app import SIZE, has
from tui_support import readout, run_async, settle

from tui.app import TensorTownApp
from tui.runner import jobs, supervisor
from tui.runner.base import ThreadRunner
from tui.runner.process import ProcessRunner
from tui.runner.supervisor import SupervisedRunner
from tui.widgets.title_bar import TitleBar


def within(seconds: float, future: asyncio.Future[Any]) -> Any:
    return asyncio.wait_for(future, seconds)


class Told:
    """What the supervisor said: each restart's why, and the last words when it stops."""

    def __init__(self, runner: SupervisedRunner) -> None:
        self.restarts: list[str] = []
        self.lost: list[str] = []
        runner.on_restart = self.restarts.append
        runner.on_lost = self.lost.append


@pytest.fixture
def supervised() -> Iterator[SupervisedRunner]:
    runner = SupervisedRunner(backoff=(0.0, 0.05, 0.1))
    yield runner
    runner.stop()


async def until(check: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("timed out")
        await asyncio.sleep(0.02)


@run_async
async def test_a_killed_process_is_started_again_and_its_jobs_are_cancelled(
    supervised: SupervisedRunner,
) -> None:
    told = Told(supervised)
    first = await within(30, supervised.submit(os.getpid))
    sleeping = supervised.submit(time.sleep, 30)
    await until(lambda: supervised.running_for() > 0)
    os.kill(first, signal.SIGKILL)
    with pytest.raises(asyncio.CancelledError):
        await within(10, sleeping)
    assert told.restarts == ["TensorFlow's process was killed (SIGKILL)"]
    assert await within(30, supervised.submit(os.getpid)) == supervised.pid != first
    assert told.lost == [] and supervised.restarts == 1


@run_async
async def test_deaths_in_a_row_back_off_then_stop_until_retried(monkeypatch: Any) -> None:
    starts: list[float] = []
    dying = True

    def start() -> ProcessRunner:
        starts.append(time.monotonic())
        runner = ProcessRunner()
        if dying:
            os.kill(runner.pid, signal.SIGKILL)
        return runner

    supervised = SupervisedRunner(start, backoff=(0.0, 0.3, 0.6), restarts=3)
    told = Told(supervised)
    try:
        os.kill(supervised.pid, signal.SIGKILL)  # after it had answered nothing
        job = supervised.submit(os.getpid)  # seen dead here; held, then cancelled
        await until(lambda: told.lost, timeout=30)
        with pytest.raises(asyncio.CancelledError):
            await within(5, job)
        assert len(told.restarts) == 3 and len(starts) == 4
        pauses = [later - earlier for earlier, later in itertools.pairwise(starts[1:])]
        assert pauses[0] >= 0.3 and pauses[1] >= 0.6  # a growing pause between restarts
        assert told.lost == [
            "TensorFlow's process was killed (SIGKILL); started again 3 times, it died each time"
        ]
        with pytest.raises(asyncio.CancelledError):  # stopped: no job runs
            await within(5, supervised.submit(os.getpid))
        dying = False
        assert supervised.retry()
        assert told.restarts[-1] == "trying again"
        assert await within(30, supervised.submit(divmod, 7, 2)) == (3, 1)
        assert not supervised.retry()  # only after it stopped
    finally:
        supervised.stop()


@run_async
async def test_a_death_after_answering_starts_the_count_again(
    supervised: SupervisedRunner,
) -> None:
    told = Told(supervised)
    for _ in range(5):  # more deaths than RESTARTS, but each process had answered
        pid = await within(30, supervised.submit(os.getpid))
        os.kill(pid, signal.SIGKILL)
        await until(lambda pid=pid: supervised.pid != pid)
    assert told.lost == [] and len(told.restarts) == 5
    assert await within(30, supervised.submit(divmod, 9, 4)) == (2, 1)


@run_async
async def test_a_stopped_process_is_abandoned_and_the_next_job_runs(
    supervised: SupervisedRunner,
) -> None:
    told = Told(supervised)
    first = await within(30, supervised.submit(os.getpid))
    os.kill(first, signal.SIGSTOP)  # as if TensorFlow hung
    stuck = supervised.submit(divmod, 1, 1)
    await asyncio.sleep(0.3)
    assert not stuck.done() and not supervised.abandon(after=5.0)  # not long enough yet
    assert supervised.abandon(after=0.2)
    with pytest.raises(asyncio.CancelledError):
        await within(5, stuck)
    assert told.restarts[0].startswith("a computation was abandoned after 0.")
    assert await within(30, supervised.submit(os.getpid)) not in (first, None)
    with pytest.raises(ProcessLookupError):  # the stopped one was ended, not left behind
        for _ in range(100):
            os.kill(first, 0)
            await asyncio.sleep(0.05)
    assert not supervised.abandon()  # nothing runs now


@run_async
async def test_a_long_job_nobody_waits_for_is_abandoned_when_a_new_one_comes(
    supervised: SupervisedRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(supervisor, "ABANDON_UNWANTED", 0.3)
    told = Told(supervised)
    await within(30, supervised.submit(os.getpid))
    long = supervised.submit(time.sleep, 60)
    await until(lambda: supervised.running_for() > 0)
    wanted = supervised.submit(divmod, 5, 2)  # behind the wanted long job: it waits
    await asyncio.sleep(0.5)
    assert not wanted.done() and told.restarts == []
    long.cancel()  # nobody waits for it any more; the next job ends it
    wanted.cancel()
    started = time.monotonic()
    assert await within(30, supervised.submit(divmod, 7, 2)) == (3, 1)
    assert time.monotonic() - started < 30 and len(told.restarts) == 1


@run_async
async def test_jobs_submitted_during_the_pause_run_once_the_process_is_back() -> None:
    supervised = SupervisedRunner(backoff=(0.5,))
    told = Told(supervised)
    try:
        os.kill(supervised.pid, signal.SIGKILL)  # dies before it answered: paused restart
        first = supervised.submit(os.getpid)  # where the death is seen
        with pytest.raises(asyncio.CancelledError):
            await within(5, first)
        await until(lambda: told.restarts)
        held = supervised.submit(divmod, 11, 3)
        detached = supervised.submit_detached(os.getpid)
        assert detached is None and not held.done()
        assert await within(30, held) == (3, 2)
    finally:
        supervised.stop()


@run_async
async def test_stop_ends_the_process_and_starts_no_other(supervised: SupervisedRunner) -> None:
    told = Told(supervised)
    pid = await within(30, supervised.submit(os.getpid))
    assert supervised.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert told.restarts == [] and told.lost == []


# --- the explorer over a supervised process ------------------------------------------------


def _note(app: Any) -> str:
    return " ".join(readout(app).split())


@run_async
async def test_a_stopped_tape_is_waited_for_said_and_abandoned_with_escape() -> None:
    runner = supervisor.start(None, None)
    app = TensorTownApp(runner=runner)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        stopped = runner.pid
        os.kill(stopped, signal.SIGSTOP)
        await pilot.press("right")
        await pilot.pause(0.7)
        assert "waiting for TensorFlow: 0." in _note(app)
        assert "(escape abandons it)" in _note(app)
        await pilot.press("right", "right")  # the keys go on; the newest point is shown
        await pilot.pause(0.6)
        assert has(readout(app), "x", "23") and "waiting for TensorFlow: 1." in _note(app)
        await pilot.press("escape")
        await settle(pilot, timeout=120)
        assert has(readout(app), "x", "23") and has(readout(app), "f'(x)", "11.5")
        assert runner.pid != stopped
        with pytest.raises(ProcessLookupError):
            for _ in range(100):
                os.kill(stopped, 0)
                await asyncio.sleep(0.05)


@run_async
async def test_a_thread_is_waited_for_without_an_offer_to_abandon(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow_reads = threading.Event()
    real = jobs.read_point

    def read_point(exploration: Any) -> Any:
        if slow_reads.is_set():
            time.sleep(1.2)
        return real(exploration)

    monkeypatch.setattr(jobs, "read_point", read_point)
    app = TensorTownApp(runner=ThreadRunner())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        slow_reads.set()
        await pilot.press("right")
        await pilot.pause(0.8)
        assert "waiting for TensorFlow: 0." in _note(app) and "escape" not in _note(app)
        await settle(pilot)
        assert has(readout(app), "f'(x)", "10.5") and "waiting" not in _note(app)


@run_async
async def test_a_tape_that_keeps_dying_is_given_up_on_until_r() -> None:
    dying = True

    def start() -> ProcessRunner:
        runner = ProcessRunner()
        if dying:
            os.kill(runner.pid, signal.SIGKILL)
        return runner

    runner = SupervisedRunner(start, backoff=(0.0, 0.0, 0.0))
    app = TensorTownApp(runner=runner)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert "started again 3 times, it died each time. R starts it again." in _note(app)
        assert app.query_one(TitleBar).status == "TensorFlow unavailable"
        await pilot.press("right", "right")
        dying = False
        await pilot.press("R")
        await settle(pilot, timeout=120)
        assert has(readout(app), "x", "22") and has(readout(app), "f'(x)", "11")
        assert app.query_one(TitleBar).status == ""
