"""Page files as the CLI reads them: a byte-order mark is tolerated at the start of any line, and
a page that cannot be sent says why before any broker is asked."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest

from khabar.agents.kafka_io import pages_from_files
from khabar.agents.page_files import BOM, lines, page_lines


def test_page_lines_drop_a_bom_at_any_line_start_and_number_every_line() -> None:
    data = BOM + b'{"id": "a"}\r\n\n' + BOM + b"\n" + BOM + b'{"id": "b"}\n'
    assert list(page_lines(io.BytesIO(data))) == [(1, b'{"id": "a"}'), (4, b'{"id": "b"}')]


def test_lines_keep_everything_but_the_bom() -> None:
    data = BOM + b"one\n\ntwo" + BOM + b"\n"
    assert list(lines(io.BytesIO(data))) == [b"one\n", b"\n", b"two" + BOM + b"\n"]


def test_pages_from_files_tolerate_boms_in_json_lines_and_text_files(tmp_path: Path) -> None:
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_bytes(BOM + b'{"id": "a", "text": "x"}\n' + BOM + b'{"id": "b", "text": "y"}\n')
    text = tmp_path / "note.txt"
    text.write_bytes(BOM + "نص الصفحة".encode())
    pages = list(pages_from_files([jsonl, text], 1 << 20))
    assert [p.problem for p in pages] == [None, None, None]
    assert [p.where for p in pages] == [f"{jsonl}:1", f"{jsonl}:2", str(text)]
    assert orjson.loads(pages[2].payload) == {"id": "note", "source": "file", "text": "نص الصفحة"}


def test_a_line_that_is_not_json_cannot_be_sent_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"id": "b", "text": "cut\n')
    good, bad = pages_from_files([path], 1 << 20)
    assert (good.problem, good.key) == (None, b"a")
    assert bad.where == f"{path}:2" and bad.problem and bad.problem.startswith("not JSON")
    assert [(p.problem, p.key) for p in pages_from_files([path], None)] == [(None, b"a"),
                                                                           (None, None)]


def test_a_page_over_the_message_limit_with_its_key_cannot_be_sent_unless_asked(
        tmp_path: Path) -> None:
    limit = 4096
    empty = orjson.dumps({"id": "fits", "text": ""})
    fits = orjson.dumps({"id": "fits", "text": "x" * (limit - len(empty) - len(b"fits"))})
    over = orjson.dumps({"id": "over", "text": "x" * (limit - len(empty) - len(b"fits") + 1)})
    path = tmp_path / "pages.jsonl"
    path.write_bytes(fits + b"\n" + over + b"\n")
    first, second = pages_from_files([path], limit)
    assert first.problem is None and len(fits) + len(b"fits") == limit
    assert second.problem == (f"{limit + 1} bytes with its key, over KHABAR_MAX_MESSAGE_BYTES "
                              f"({limit})")
    assert [p.problem for p in pages_from_files([path], None)] == [None, None]


def test_a_file_that_cannot_be_read_is_a_page_that_cannot_be_sent(tmp_path: Path) -> None:
    readable = tmp_path / "pages.jsonl"
    readable.write_bytes(b'{"id": "a"}\n')
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    bad, good = pages_from_files([folder, readable], 1 << 20)
    assert bad.where == str(folder) and bad.problem and bad.problem.startswith("not read (")
    assert (good.where, good.problem) == (f"{readable}:1", None)


@pytest.mark.parametrize("command", ["process", "explain", "eval"])
def test_the_commands_read_a_page_led_by_a_bom(
        command: str, tmp_path: Path,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from khabar.agents.cli import main

    page = BOM + orjson.dumps({"id": "bom-1", "lang": "en", "labels": [], "dup_group": None,
                               "text": "Talks between the two sides resumed in Geneva."})
    path = tmp_path / "pages.jsonl"
    path.write_bytes(page + b"\n")
    args = {"process": ["process", "--input", str(path)], "explain": ["explain", str(path)],
            "eval": ["eval", "--json", str(path)]}[command]
    assert main(args) == 0
    out = capsysbinary.readouterr().out
    if command == "process":
        assert [orjson.loads(line)["kind"] for line in out.splitlines()] == ["article"]
    elif command == "explain":
        assert out.startswith(b"bom-1  lang=en")
    else:
        assert orjson.loads(out)["rows"] == 1
