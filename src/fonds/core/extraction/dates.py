"""Date expressions as written -> EDTF (ISO 8601-2 / EDTF level 1), and EDTF -> day bounds.

Supported forms (English, as archives and FRUS write them):
  "May 21, 1965", "21 May 1965", "May 21 1965", "Sept. 3, 1965", "1965-05-21", "1965/05/21"
  "May 1965", "1965", "1960s" (-> 196X, EDTF level 1 unspecified digits)
  "circa 1965", "ca. May 1965", "c. 1965" (-> approximate "~"), "May 21, 1965?" (-> uncertain "?")
  "May 1-3, 1965", "May 30-June 2, 1965", "1965-1966", "May 21, 1965 - June 2, 1965" (-> intervals)
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from fonds.core.records import DateSpan

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9

_MONTH = r"(?P<{g}>[A-Za-z]{{3,9}})\.?"
_DAY = r"(?P<{g}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>\d{{4}})"


def _pattern(template: str) -> re.Pattern[str]:
    filled = template.format(
        m1=_MONTH.format(g="m1"),
        m2=_MONTH.format(g="m2"),
        d1=_DAY.format(g="d1"),
        d2=_DAY.format(g="d2"),
        y1=_YEAR.format(g="y1"),
        y2=_YEAR.format(g="y2"),
    )
    return re.compile(rf"^{filled}$", re.IGNORECASE)


# Ordered: the first pattern that matches the whole (cleaned) expression wins.
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    _pattern(p)
    for p in (
        r"(?P<iso>\d{{4}}-\d{{2}}(?:-\d{{2}})?)",
        r"(?P<y1>\d{{4}})/(?P<mn>\d{{1,2}})/(?P<dn>\d{{1,2}})",
        r"{m1}\s+{d1},?\s+{y1}",
        r"{d1}\s+{m1},?\s+{y1}",
        r"{m1}\s+{d1}\s*[-–]\s*{d2},?\s+{y1}",
        r"{d1}\s*[-–]\s*{d2}\s+{m1},?\s+{y1}",
        r"{m1}\s+{d1}\s*[-–]\s*{m2}\s+{d2},?\s+{y1}",
        r"{m1}\s+{d1},?\s+{y1}\s*[-–]\s*{m2}\s+{d2},?\s+{y2}",
        r"{m1},?\s+{y1}",
        r"{m1}\s*[-–]\s*{m2},?\s+{y1}",
        r"{y1}\s*[-–]\s*{y2}",
        r"{y1}",
        r"(?P<decade>\d{{3}})0s",
    )
)

_APPROXIMATE = re.compile(r"^(?:circa|ca\.?|c\.|about|approximately)\s+", re.IGNORECASE)


def parse_date(text: str) -> DateSpan | None:
    """The EDTF form of a date expression, keeping the text as written; None if not a date."""
    display = " ".join(text.split())
    core = display.strip(" .,;[]")
    approximate = bool(_APPROXIMATE.match(core))
    core = _APPROXIMATE.sub("", core)
    uncertain = core.endswith("?")
    core = core.rstrip("?").strip()
    edtf = _edtf(core)
    if edtf is None:
        return None
    return DateSpan(edtf=_qualify(edtf, approximate, uncertain), display=display)


def _qualify(edtf: str, approximate: bool, uncertain: bool) -> str:
    suffix = "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""
    if not suffix:
        return edtf
    return "/".join(part + suffix for part in edtf.split("/"))


def _edtf(core: str) -> str | None:
    for pattern in _PATTERNS:
        match = pattern.match(core)
        if match:
            return _from_groups(match.groupdict())
    return None


def _from_groups(g: dict[str, str | None]) -> str | None:
    if g.get("iso"):
        return _valid(g["iso"] or "")
    if g.get("decade"):
        return f"{g['decade']}X"
    if g.get("mn"):
        return _valid(f"{g['y1']}-{int(g['mn'] or 0):02d}-{int(g['dn'] or 0):02d}")
    start = _compose(g["y1"], g.get("m1"), g.get("d1"))
    end_year = g.get("y2") or g["y1"]
    if g.get("d2") or g.get("m2") or g.get("y2"):
        end_month = g.get("m2") or g.get("m1")
        end = _compose(end_year, end_month, g.get("d2") or (g.get("d1") if g.get("y2") else None))
        if start is None or end is None or end < start:
            return None
        return f"{start}/{end}"
    return start


def _compose(year: str | None, month_name: str | None, day: str | None) -> str | None:
    if year is None:
        return None
    if month_name is None:
        return year
    month = MONTHS.get(month_name.lower().rstrip("."))
    if month is None:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    return _valid(f"{year}-{month:02d}-{int(day):02d}")


def _valid(iso: str) -> str | None:
    parts = [int(p) for p in iso.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return iso


@lru_cache(maxsize=8192)  # ingest asks twice per document (columns, index); dates repeat
def bounds(edtf: str) -> tuple[date, date] | None:
    """The first and last day an EDTF date (level 0/1: qualifiers, X digits, intervals) covers."""
    parts = edtf.split("/")
    if len(parts) > 2:
        return None
    first = _day_bound(parts[0], earliest=True)
    last = _day_bound(parts[-1], earliest=False)
    if len(parts) == 2:
        first = first if parts[0] not in ("", "..") else last
        last = last if parts[1] not in ("", "..") else first
    if first is None or last is None:
        return None
    return first, last


def _day_bound(value: str, *, earliest: bool) -> date | None:
    value = value.rstrip("~?%")
    match = re.fullmatch(r"(\d{3}[\dX])(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return None
    year_text, month_text, day_text = match.groups()
    year = int(year_text.replace("X", "0" if earliest else "9"))
    month = int(month_text) if month_text else (1 if earliest else 12)
    last_day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    day = int(day_text) if day_text else (1 if earliest else last_day)
    try:
        return date(year, month, day)
    except ValueError:
        return None
