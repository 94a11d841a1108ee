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


def head(function: Function) -> dict[str, Any]:
    """What every object starts with: the function's catalogue key (or null) and expression."""
    return {"function": function.key, "expression": function.source}


def grad_json(result: Any) -> dict[str, Any]:
    """A point's :class:`~tensortown.results.PointResult` as a JSON-ready dict."""
    return {
        **head(result.function),
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
        **head(function),
        "ascent": walk.ascent,
        "rate": walk.rate,
        "steps": [
            {"k": s.k, "point": s.point, "value": s.value, "gradient": s.gradient}
            for s in walk.steps
        ],
        "stopped": walk.stop.code,
        "reason": walk.stop.reason,
    }


def tape_json(result: Any) -> dict[str, Any]:
    """The tree at a point as a JSON-ready dict (null where a number is not finite)."""
    return {
        **head(result.function),
        "point": result.point,
        "value": result.value,
        "nodes": [
            {
                "id": node.id,
                "op": node.op,
                "symbol": node.symbol,
                "text": node.text,
                "children": list(node.children),
                "depth": node.depth,
                "value": node.value,
                "adjoint": node.adjoint,
                "undefined": node.undefined,
                "note": node.note,
            }
            for node in result.nodes
        ],
        "gradient": result.gradient,
        "leaves": {symbol: list(ids) for symbol, ids in result.leaves.items()},
        "sums": result.sums,
        "repeated": [list(ids) for ids in result.repeated],
        "undefined": result.undefined,
    }
