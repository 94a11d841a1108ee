"""The ``tensortown`` console script: the explorer, and the core's scriptable subcommands.

It registers ``explore`` (also the bare command) and ``serve`` (:mod:`tui.serve`) with
:mod:`tensortown.cli` and hands the rest to it, so that the dependency points one way:
the explorer uses the core, the core never imports the explorer.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tensortown import cli

MORE_COMMANDS = ("tui.serve",)
"""The explorer's subcommands beside ``explore``: ``serve``."""


def explore(args: argparse.Namespace) -> int:
    """Open the Textual explorer (``tensortown``, ``tensortown explore FUNCTION --at …``)."""
    function = cli.function_argument(args.function) if getattr(args, "function", None) else None
    resume = bool(getattr(args, "resume", False))
    if resume and function is not None:
        raise cli.UsageError("--resume opens the last exploration: give it no FUNCTION")
    point = None
    if function is not None and getattr(args, "at", None):
        given = cli.parse_at(function, args.at)
        point = {**function.default_point(), **cli.point_for_partial(function, given)}
    # `tensortown serve` runs each tab's explorer on pipes, with Textual's web driver.
    served = bool(os.environ.get("TEXTUAL_DRIVER"))
    for fd, stream in ((0, "standard input"), (1, "standard output")):
        if not served and not _terminal(fd):
            raise cli.UsageError(
                f"the explorer needs a terminal, and {stream} is not one: for scripts and "
                "pipes, use `tensortown grad`, `plot` or `field` (see --help)"
            )
    from tui.runner import collector, supervisor
    from tui.session import SessionFile

    sessions = SessionFile.default()
    resumed = None
    if resume:
        resumed = sessions.load()  # or None, and the problem said on screen
        if resumed is not None:
            function, point = resumed.exploration.function, resumed.exploration.point_dict()
    # TensorFlow starts importing in its own process now, while this one imports Textual.
    runner = supervisor.start(function, point)
    try:
        collector.pause()  # until the first frame (see tui/runner/collector.py)
        from tui.app import run
    except BaseException as error:  # Ctrl+C or a broken install: no TensorFlow left behind
        runner.stop()
        if isinstance(error, ImportError):  # Textual missing, say
            raise cli.UsageError(f"the explorer is not installed ({error})") from None
        raise
    return run(
        function=function,
        point=point,
        ascii_only=args.ascii,
        color=not args.no_color,
        runner=runner,
        sessions=sessions,
        resume=resume,
        resumed=resumed,
    )


def _terminal(fd: int) -> bool:
    """True when ``fd`` is open on a terminal (False for a file, a pipe, or closed)."""
    try:
        return os.isatty(fd)
    except OSError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``tensortown`` command; returns the exit status."""
    return cli.main(argv, explore=explore, more_commands=MORE_COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
