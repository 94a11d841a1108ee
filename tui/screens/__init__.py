"""The explorer's screens besides the main one."""

from __future__ import annotations
