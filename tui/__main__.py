"""``python -m tui``: the same as the ``tensortown`` command."""

from __future__ import annotations

import sys

from tui.main import main

if __name__ == "__main__":
    sys.exit(main())
