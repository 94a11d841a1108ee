"""``python -m tensortown``: the same as the ``tensortown`` command."""

from __future__ import annotations

import sys

from tensortown.cli import main

if __name__ == "__main__":
    sys.exit(main())
