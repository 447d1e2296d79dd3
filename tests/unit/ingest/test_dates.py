"""``published_at`` reads every documented form into UTC ISO 8601, and anything else into None."""

from __future__ import annotations

import pytest

from khabar.agents.ingest.dates import published_at

CASES: list[tuple[str | float | None, str | None]] = [
    # ISO 8601: offset, Z, fraction, none of them (UTC), a space separator, a date alone
    ("2015-03-12T08:00:00Z", "2015-03-12T08:00:00Z"),
    ("2015-03-12T11:00:00+03:00", "2015-03-12T08:00:00Z"),
    ("2015-03-12T05:30:00.250-02:30", "2015-03-12T08:00:00Z"),
    ("2015-03-12T08:00:00.123456789Z", "2015-03-12T08:00:00Z"),
    ("2015-03-12T08:00:00", "2015-03-12T08:00:00Z"),
    ("2015-03-12 08:00", "2015-03-12T08:00:00Z"),
    ("2015-03-12", "2015-03-12T00:00:00Z"),
    ("20150312", "2015-03-12T00:00:00Z"),
    ("  2015-03-12T08:00:00Z\n", "2015-03-12T08:00:00Z"),
    ("2015-03-12T00:30:00+03:00", "2015-03-11T21:30:00Z"),
    # RFC 2822
    ("Thu, 12 Mar 2015 08:00:00 +0300", "2015-03-12T05:00:00Z"),
    ("12 Mar 2015 08:00:00 GMT", "2015-03-12T08:00:00Z"),
    ("Thu, 12 Mar 2015 08:00:00 -0000", "2015-03-12T08:00:00Z"),
    # epoch seconds and milliseconds, as numbers and as digits
    (1426147200, "2015-03-12T08:00:00Z"),
    (1426147200.75, "2015-03-12T08:00:00Z"),
    (1426147200000, "2015-03-12T08:00:00Z"),
    ("1426147200", "2015-03-12T08:00:00Z"),
    ("1426147200000", "2015-03-12T08:00:00Z"),
    # implausible years
    ("0001-01-01T00:00:00Z", None),
    ("1989-12-31T23:59:59Z", None),
    ("1990-01-01T00:00:00+01:00", None),
    ("1990-01-01T00:00:00Z", "1990-01-01T00:00:00Z"),
    ("2099-12-31T23:59:59Z", "2099-12-31T23:59:59Z"),
    ("2100-01-01T00:00:00Z", None),
    ("9999-12-31", None),
    ("Thu, 12 Mar 2215 08:00:00 +0000", None),
    (0, None),
    (-1426147200, None),
    (10**30, None),
    (float("nan"), None),
    (float("inf"), None),
    ("0001-01-01T00:00:00+01:00", None),
    # garbage
    ("last Tuesday", None),
    ("", None),
    ("   ", None),
    ("2015-13-45", None),
    ("Mon, 99 Foo 2015", None),
    ("12/03/2015", None),
    ("2015-03-12T25:00:00Z", None),
    ("١٢ مارس ٢٠١٥", None),
    (None, None),
    (True, None),
]


@pytest.mark.parametrize(("value", "expected"), CASES)
def test_published_at_reads_the_documented_forms(value: str | float | None,
                                                  expected: str | None) -> None:
    assert published_at(value) == expected


def test_the_output_reads_back_as_itself() -> None:
    for value, expected in CASES:
        if expected is not None:
            assert published_at(expected) == expected, value
