"""``docs/tensortown.schema.json`` against what the commands really print.

Every subcommand with ``--json`` has a definition, every definition is met by real
outputs (defined and undefined points, one and two variables, typed expressions), and
the shared fields mean the same in each: a ``grad`` record, a ``plot`` or ``field``
sample and a walk's step at one point agree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tensortown.cli import build_parser
from tests.cli.test_hardening_cli import run
from tests.cli.test_points import assert_same_record

pytestmark = pytest.mark.usefixtures("tf")

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "tensortown.schema.json").read_text())


def validate(instance: Any, name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(instance, {**SCHEMA, "$ref": f"#/$defs/{name}"})


def outputs(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    status, out, err = run(capsys, argv)
    assert status in (0, 1), err
    return json.loads(out)


CASES = [
    ("grad", ["grad", "pay", "--at", "x=20", "--json"]),
    ("grad", ["grad", "earnings", "--at", "25,6", "--json"]),
    ("grad", ["grad", "log(x)", "--at", "x=-1", "--json"]),
    ("grad", ["grad", "sqrt(x) + y", "--at", "x=0,y=1", "--json"]),
    ("walk", ["walk", "earnings", "--steps", "3", "--json"]),
    ("walk", ["walk", "log(x)", "--from", "0.5", "--descent", "--steps", "3", "--json"]),
    ("plot", ["plot", "pay", "--json", "--samples", "5"]),
    ("plot", ["plot", "log(x)", "--from", "-1", "--to", "1", "--json", "--samples", "3"]),
    ("field", ["field", "earnings", "--json", "--samples", "4x3"]),
    ("field", ["field", "x*y + log(y)", "--y", "-1:1", "--json", "--samples", "3"]),
    ("grad", ["grad", "x*y*z + w", "--at", "w=0,x=1,y=2,z=3", "--json"]),
    ("walk", ["walk", "-(x^2 + y^2 + z^2)", "--from", "1,2,3", "--steps", "2", "--json"]),
    ("field", ["field", "x*y*z", "--axes", "y,z", "--at", "x=2", "--json", "--samples", "3"]),
    ("walk", ["walk", "earnings", "--optimizer", "adam", "--steps", "3", "--json"]),
    (
        "walk",
        [
            "walk",
            "x^2 + y^2",
            "--from",
            "3,4",
            "--descent",
            "--optimizer",
            "sgd",
            "--rate",
            "1.1",
            "--json",
        ],
    ),
    ("walk_optimizers", ["walk", "earnings", "--optimizer", "all", "--steps", "4", "--json"]),
    ("fit", ["fit", "--optimizer", "sgd", "--standardise", "--json"]),
    ("fit", ["fit", "--steps", "5", "--json"]),
    ("tape", ["tape", "earnings", "--at", "25,6", "--json"]),
    ("tape", ["tape", "x*y*z", "--at", "1,2,3", "--json"]),
    ("tape", ["tape", "log(x)", "--at", "x=-1", "--json"]),
]


@pytest.mark.parametrize(("name", "argv"), CASES, ids=[" ".join(c[1]) for c in CASES])
def test_real_output_meets_its_definition(
    capsys: pytest.CaptureFixture[str], name: str, argv: list[str]
) -> None:
    validate(outputs(capsys, argv), name)


def test_grad_points_lines_meet_the_grad_definition(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "points.csv"
    path.write_text("x,y\n25,6\n1,-1\n")
    status, out, _ = run(capsys, ["grad", "earnings", "--points", str(path), "--json"])
    assert status == 0
    for line in out.splitlines():
        validate(json.loads(line), "grad")


def test_the_schema_refuses_what_it_should(capsys: pytest.CaptureFixture[str]) -> None:
    """The definitions are not vacuous: a renamed, missing or mistyped field fails."""
    record = outputs(capsys, ["grad", "earnings", "--at", "25,6", "--json"])
    for broken in (
        {**record, "grad": record["gradient"]},
        {k: v for k, v in record.items() if k != "hessian"},
        {**record, "value": "753.5"},
        {**record, "gradient": {"x": "12.5"}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken, "grad")
    samples = outputs(capsys, ["plot", "pay", "--json", "--samples", "2"])
    samples["points"][0]["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate(samples, "plot")


def test_every_json_command_has_a_definition() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    with_json = {
        name
        for name, p in sub.choices.items()  # type: ignore[attr-defined]
        if any("--json" in a.option_strings for a in p._actions)
    }
    assert with_json == {"grad", "walk", "fit", "plot", "field", "tape"}
    assert with_json <= set(SCHEMA["$defs"])


def test_one_shape_the_same_numbers_in_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """At (25, 6) a grad record, a field's sample, a walk's first step and the tape agree."""
    record = outputs(capsys, ["grad", "earnings", "--at", "25,6", "--json"])
    field = outputs(
        capsys, ["field", "earnings", "--x", "20:30", "--y", "6:8", "--json", "--samples", "3"]
    )
    sample = next(p for p in field["points"] if p["point"] == {"x": 25.0, "y": 6.0})
    walk = outputs(capsys, ["walk", "earnings", "--from", "25,6", "--steps", "1", "--json"])
    tape = outputs(capsys, ["tape", "earnings", "--at", "25,6", "--json"])
    # to float32's last bits: a batch of eight or more takes TensorFlow's vectorised
    # kernels (log's derivative: the reciprocal), one point its one-number kernels
    assert_same_record(
        {**sample, "function": "earnings", "expression": field["expression"]}, record
    )
    first = walk["steps"][0]
    assert {k: first[k] for k in ("point", "value", "gradient")} == {
        k: record[k] for k in ("point", "value", "gradient")
    }
    for heads in (field, walk, tape):
        assert (heads["function"], heads["expression"]) == (
            record["function"],
            record["expression"],
        )
    assert tape["gradient"] == record["gradient"]
