"""Page files as the terminal commands read them: JSON lines, each possibly led by a byte-order
mark (editors on Windows write one at the start of a file, and files joined with ``cat`` carry
it to the start of a line)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from khabar.agents.ingest.raw import BOM


def lines(handle: Iterable[bytes]) -> Iterator[bytes]:
    """Every line of ``handle`` as it is, but without a leading byte-order mark."""
    for line in handle:
        yield line.removeprefix(BOM)


def page_lines(handle: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """``(line number, line)`` for every line of ``handle`` that is not blank, without its
    byte-order mark and line ending; numbers count from 1 and include blank lines."""
    for number, line in enumerate(lines(handle), start=1):
        line = line.rstrip(b"\r\n")
        if line.strip():
            yield number, line
