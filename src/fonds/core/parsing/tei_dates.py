"""A TEI `date` element -> DateSpan (EDTF, with the date as printed kept for display).

TEI P5 §13.3.6 (att.datable.w3c) normalizes dates in attributes whose values are W3C/ISO 8601
dates: `@when` (the date), `@from`/`@to` (a span), `@notBefore`/`@notAfter` (the date lies
somewhere within). fonds stores EDTF (ISO 8601-2):
- `@when` -> the calendar date; a time of day ("1964-01-03T10:00:00", "…T23:20:00Z") is dropped:
  fonds dates documents to the day, and the text as printed keeps the time.
- `@from`/`@to` -> an EDTF level 1 interval "from/to"; a missing end is the open end ".."
  (EDTF level 1, "open interval").
- `@notBefore`/`@notAfter` -> the same plain interval "notBefore/notAfter". EDTF level 1 has no
  form for "one day somewhere in this range" (that is level 2's "[a..b]" set), and qualifying
  the ends with "?" would claim the *bounds* are uncertain, which they are not. A plain interval
  keeps both bounds exact, which is what sorting and range filters (`bounds`) need.
- no attribute -> the printed text through `parse_date`.
"""

from __future__ import annotations

import re
from datetime import date

from fonds.core.extraction.dates import parse_date
from fonds.core.parsing.tei_text import Element, inline_text
from fonds.core.records import DateSpan

_W3C_DATE = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?")
_UNDATED = frozenset({"", "undated", "n.d.", "no date", "[undated]"})


def tei_date(element: Element, warnings: list[str]) -> DateSpan | None:
    """The element's date from its attributes, else from its text; doubts go to `warnings`."""
    display = inline_text(element, line_breaks=False)
    edtf = _from_attributes(element, warnings)
    if edtf is not None:
        return DateSpan(edtf=edtf, display=display or edtf)
    parsed = parse_date(display)
    if parsed is None and display.strip(" .[]").lower() not in _UNDATED:
        warnings.append(f"date not understood: '{display}'")
    return parsed


def _from_attributes(element: Element, warnings: list[str]) -> str | None:
    when = _attribute(element, "when", warnings)
    if when:
        return when
    for start_name, end_name in (("from", "to"), ("notBefore", "notAfter")):
        start = _attribute(element, start_name, warnings)
        end = _attribute(element, end_name, warnings)
        if start or end:
            return _interval(start, end, warnings)
    return None


def _interval(start: str, end: str, warnings: list[str]) -> str | None:
    if start and end and end < start[: len(end)]:
        warnings.append(f"date interval ends before it starts: {start}/{end}")
        return None
    return f"{start or '..'}/{end or '..'}"


def _attribute(element: Element, name: str, warnings: list[str]) -> str:
    """An att.datable.w3c value as an EDTF calendar date, or "" (with a warning if malformed)."""
    value = str(element.get(name) or "").strip()
    if not value:
        return ""
    match = _W3C_DATE.fullmatch(value)
    edtf = _calendar_date(*match.groups()) if match else None
    if edtf is None:
        warnings.append(f"date/@{name}='{value}' is not a W3C date; ignored")
        return ""
    return edtf


def _calendar_date(year: str, month: str | None, day: str | None) -> str | None:
    try:
        date(int(year) if int(year) > 0 else 1, int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)
