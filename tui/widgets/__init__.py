"""The explorer's widgets, one a file."""

from __future__ import annotations
