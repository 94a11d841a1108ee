"""Options read the digits 0-9 only: another script's digits get one error line naming why."""

from __future__ import annotations

import pytest

from tensortown.cli import main


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["plot", "pay", "--size", "１２０x３０"], "--size expects COLSxROWS"),
        (["grad", "pay", "--at", "١,٥"], "--at expects 1 number(s)"),
        (["grad", "-١٢", "--at", "x=1"], "'١' (U+0661) is not an ASCII digit"),
        (["walk", "earnings", "--from", "２５,６"], "not an ASCII digit"),
    ],
)
def test_other_scripts_digits_are_one_error_line(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and says in err
    assert len(err.strip().splitlines()) == 1
