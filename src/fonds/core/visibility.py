"""The one visibility rule: what a viewer may see of the archive at a moment in time.

A document is shown to the public when it is published and its embargo (if any) has ended; a
viewer allowed to see unpublished work (a curator) sees every document. `Gate.admits` is the
rule itself; the database (`archive.visibility`) and each search backend translate it into a
filter of their own, and tests hold every translation to this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum


class Status(StrEnum):
    """Where a document stands in its editorial life."""

    PUBLISHED = "published"
    DRAFT = "draft"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking: the public, or someone allowed to see unpublished work."""

    sees_unpublished: bool = False


ANONYMOUS = Viewer()
CURATOR = Viewer(sees_unpublished=True)


@dataclass(frozen=True, slots=True)
class Gate:
    """What one viewer may see on one day (embargoes end at the start of a day)."""

    sees_unpublished: bool
    day: date

    @classmethod
    def of(cls, viewer: Viewer, at: datetime | None = None) -> Gate:
        moment = at or datetime.now(UTC)
        return cls(viewer.sees_unpublished, moment.date())

    @property
    def day_number(self) -> int:
        """The day as yyyymmdd, the form search indexes compare embargo dates in."""
        return day_number(self.day)

    def admits(self, status: str, embargo_until: date | None) -> bool:
        """The rule: unpublished work only for those who may see it; an embargoed document
        from `embargo_until`, its first public day, on."""
        if self.sees_unpublished:
            return True
        return status == Status.PUBLISHED and (embargo_until is None or embargo_until <= self.day)


def day_number(day: date | None) -> int:
    """yyyymmdd; 0 for no date (which sorts before every embargo, so never hides anything)."""
    return 0 if day is None else day.year * 10000 + day.month * 100 + day.day


def public_gate(at: datetime | None = None) -> Gate:
    """What the public may see now (or at `at`)."""
    return Gate.of(ANONYMOUS, at)
