"""The JSON every ``--json`` prints, in one shape (``docs/tensortown.schema.json``).

Every object names its ``function`` (the catalogue key, or null for a typed expression)
and its ``expression``; a point's numbers are always ``point``, ``value``, ``gradient``
(by variable) and ``hessian`` (rows and columns in the variables' order), null where not
finite, with ``undefined`` saying why.  ``grad`` prints one such record (``grad --points``
a line of them), ``plot`` and ``field`` a list of them under ``points``, ``walk`` its
steps, ``tape`` the nodes of the tree around them.
"""

from __future__ import annotations

from typing import Any

from tensortown.catalogue import Function


def grad_json(result: Any) -> dict[str, Any]:
    """A point's :class:`~tensortown.results.PointResult` as a JSON-ready dict."""
    function = result.function
    return {
        "function": function.key,
        "expression": function.source,
        "point": result.point,
        "value": result.value,
        "gradient": result.gradient,
        "hessian": result.hessian,
        "undefined": result.undefined,
    }


def walk_json(function: Function, walk: Any) -> dict[str, Any]:
    """A :class:`~tensortown.walk.Walk` as a JSON-ready dict: its steps, from the start
    (``k`` = 0), and why it stopped."""
    return {
        "function": function.key,
        "expression": function.source,
        "ascent": walk.ascent,
        "rate": walk.rate,
        "steps": [
            {"k": s.k, "point": s.point, "value": s.value, "gradient": s.gradient}
            for s in walk.steps
        ],
        "stopped": walk.stop.code,
        "reason": walk.stop.reason,
    }
