"""``python -m tensortown``: the ``tensortown`` command's scriptable subcommands, without the
explorer (which is ``python -m tui``, or ``tensortown``)."""

from __future__ import annotations

import sys

from tensortown.cli import main

if __name__ == "__main__":
    sys.exit(main())
