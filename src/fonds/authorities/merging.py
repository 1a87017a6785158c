"""Merging and splitting people, and finding who is one person across sources.

A merge points a record at the person who stands for it (`merged_into`): its documents and
names count for that person, and its id answers with a redirect. Pointers never chain: a
person merged into one already merged goes to the one at the end, and a person with members
brings them along. A split undoes it. Every merge records why, by whom and when.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fonds.authorities.models import Person, PersonName, ReviewItem
from fonds.authorities.signals import people_regrouped
from fonds.bulk import update_rows
from fonds.core.names import NameIndex

AUTOMATIC = 0.9  # a match at least this good, between records that may be one, is merged
PROBABLE = 0.5  # from this score up, the pair goes to the review queue
FONDS = "fonds"  # who merged, when no one did by hand


class MergeRefused(ValueError):
    """A merge that would lose track of who is who: into itself, or into its own member."""


def standing_for(person: Person) -> Person:
    """The person a record stands with, as the database says now."""
    current = Person.objects.select_related("merged_into").get(pk=person.pk)
    return current.merged_into or current


def person_merge(person: Person, into: Person, reason: str, by: str = FONDS) -> Person:
    """Merge `person` (and its members) into `into` (or the person it is merged into)."""
    target = standing_for(into)
    source = standing_for(person)
    if source.pk == target.pk:
        raise MergeRefused(f"{person} and {into} are one person already")
    with transaction.atomic():
        members = list(
            Person.objects.filter(Q(pk=source.pk) | Q(merged_into=source)).values_list(
                "pk", flat=True
            )
        )
        Person.objects.filter(pk__in=members).update(
            merged_into=target,
            merge_reason=reason[:300],
            merged_at=timezone.now(),
            merged_by=by[:150],
        )
        ReviewItem.objects.filter(
            Q(person__in=members, candidate=target) | Q(person=target, candidate__in=members),
            status=ReviewItem.Status.OPEN,
        ).update(status=ReviewItem.Status.MERGED, decided_by=by[:150], decided_at=timezone.now())
        people_regrouped.send(sender=Person, pks=[*members, target.pk])
    target.refresh_from_db()
    return target


def person_split(person: Person, by: str) -> None:
    """Take a merged record out again: it stands for itself, with its own documents."""
    person = Person.objects.get(pk=person.pk)
    if not person.merged_into_id:
        raise MergeRefused(f"{person} is not merged into anyone")
    with transaction.atomic():
        former = person.merged_into_id
        Person.objects.filter(pk=person.pk).update(
            merged_into=None,
            merge_reason=f"split by {by}"[:300],
            merged_at=timezone.now(),
            merged_by=by[:150],
        )
        people_regrouped.send(sender=Person, pks=[person.pk, former])


def review_decide(item: ReviewItem, merge: bool, by: str) -> None:
    """An editor's decision on a probable pair."""
    if merge:
        person_merge(item.person, item.candidate, f"editor: {item.reasons}", by)
    with transaction.atomic():
        status = ReviewItem.Status.MERGED if merge else ReviewItem.Status.KEPT_APART
        ReviewItem.objects.filter(pk=item.pk).update(
            status=status, decided_by=by[:150], decided_at=timezone.now()
        )


@dataclass
class Consolidated:
    merged: int = 0
    queued: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


@dataclass
class _People:
    """Everyone standing for themselves, under each of their names, with what a decision
    needs: the persons lists each one's records come from, and their kind."""

    index: NameIndex = field(default_factory=NameIndex)
    sources: dict[int, set[str]] = field(default_factory=dict)
    organization: dict[int, bool] = field(default_factory=dict)

    def add(self, standing: int, names: Iterable[str], source: str, is_organization: bool) -> None:
        for name in names:
            with suppress(ValueError):  # that person has that name already
                self.index.add((standing, name), name)
        if source:
            self.sources.setdefault(standing, set()).add(source)
        self.organization.setdefault(standing, is_organization)


@dataclass
class _Decisions:
    merges: dict[int, tuple[int, str]] = field(default_factory=dict)  # record -> (into, why)
    reviews: list[ReviewItem] = field(default_factory=list)


def people_consolidate(new: Iterable[int]) -> Consolidated:
    """Each of these people (just created) against everyone else standing for themselves:
    merged when the names match well and nothing keeps them apart, queued for review when they
    probably match. Two entries of one source's persons list are never one person (an
    editor lists each person once), nor are a person and an organization."""
    consolidation = Consolidation()
    with transaction.atomic():
        consolidation.batch(new, documents_indexed=True)
    return consolidation.report


class Consolidation:
    """`people_consolidate` as an ingest goes: the people each batch creates are compared, in
    the batch's transaction, with everyone known and with each other. What is learnt stays
    for the next batch once the transaction commits; after a rollback it is read again from
    the database, so a refused batch leaves nothing behind."""

    def __init__(self) -> None:
        self.report = Consolidated()
        self.done: set[int] = set()
        self._people: _People | None = None
        self._uncommitted = False

    def batch(self, new: Iterable[int], *, documents_indexed: bool = False) -> None:
        """Consolidate these new people; `documents_indexed`: their documents are in the
        search index already (else they are about to be indexed, under the right ids)."""
        wanted = set(new) - self.done
        if not wanted:
            return
        if self._people is None or self._uncommitted:  # first, or after a rollback
            self._people = _people_known(exclude=wanted)
        people, decisions, report = self._people, _Decisions(), Consolidated()
        forms = _forms_of(wanted)
        self._uncommitted = True
        records = Person.objects.filter(pk__in=wanted, merged_into=None).order_by("pk")
        for person in records.only("pk", "name", "authority_key", "is_organization"):
            standing = _decide(person, people, decisions, report)
            names = [person.name, *forms.get(person.pk, ())]
            people.add(standing, names, _source_of(person), person.is_organization)
        _apply(decisions, tell=documents_indexed)
        transaction.on_commit(lambda: self._committed(wanted, report))

    def _committed(self, done: set[int], report: Consolidated) -> None:
        self._uncommitted = False
        self.done |= done
        self.report.merged += report.merged
        self.report.queued += report.queued
        for reason, count in report.reasons.items():
            self.report.reasons[reason] = self.report.reasons.get(reason, 0) + count


def _source_of(person: Person) -> str:
    """The persons list a record comes from (`frus1964-68v26` of `frus1964-68v26#p_RD1`)."""
    return person.authority_key.split("#", 1)[0] if "#" in person.authority_key else ""


def _forms_of(pks: Iterable[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for pk, name in PersonName.objects.filter(person__in=list(pks)).values_list("person", "name"):
        found.setdefault(pk, []).append(name)
    return found


def _people_known(exclude: set[int]) -> _People:
    people = _People()
    rows = Person.objects.exclude(pk__in=exclude).values_list(
        "pk", "merged_into", "name", "authority_key", "is_organization"
    )
    records = list(rows)
    forms = _forms_of(pk for pk, *_ in records)
    for pk, into, name, key, organization in records:
        source = key.split("#", 1)[0] if "#" in key else ""
        people.add(into or pk, [name, *forms.get(pk, ())], source, organization)
    return people


def _decide(person: Person, people: _People, decisions: _Decisions, report: Consolidated) -> int:
    """Whom this record stands with: the person it is found to be, or itself."""
    own_source = _source_of(person)
    best: dict[int, tuple[float, tuple[str, ...]]] = {}
    for (standing, _name), found in people.index.scored(person.name):
        best.setdefault(standing, (found.score, found.reasons))  # best first: keep the first
    ranked = [
        (standing, score, reasons)
        for standing, (score, reasons) in sorted(best.items(), key=lambda item: -item[1][0])
        if not (own_source and own_source in people.sources.get(standing, set()))
        and people.organization.get(standing) == person.is_organization
    ]  # (one persons list never names one person twice; a person is no organization)
    for standing, score, reasons in ranked:
        if score < AUTOMATIC and not _worth_review(reasons, ranked):
            break
        if score >= AUTOMATIC:
            decisions.merges[person.pk] = (
                standing,
                f"name match {score:.2f}: {', '.join(reasons)}",
            )
            report.merged += 1
            for each in reasons:
                report.reasons[each] = report.reasons.get(each, 0) + 1
            return standing
        if score >= PROBABLE:
            why = ", ".join(reasons)[:300]
            decisions.reviews.append(
                ReviewItem(person=person, candidate_id=standing, score=score, reasons=why)
            )
            report.queued += 1
        break
    return int(person.pk)


def _worth_review(
    reasons: tuple[str, ...], ranked: list[tuple[int, float, tuple[str, ...]]]
) -> bool:
    """Whether a probable match is worth an editor's time: a bare surname only when it fits
    one person, and never with a different spelling of it (Johnston / Johnson, Bell / Buell:
    nearly always two people)."""
    if "surname only" not in reasons:
        return True
    variants = ("spelling variant", "one syllable differs", "Cyrillic transliteration")
    if any(variant in reasons for variant in variants):
        return False
    fitting = [r for _, score, r in ranked if score >= PROBABLE and "surname only" in r]
    return len(fitting) == 1


def _apply(decisions: _Decisions, *, tell: bool) -> None:
    """The decisions, in a few statements; `tell`: say whose documents show other ids now."""
    now = timezone.now()
    columns = ("merged_into", "merge_reason", "merged_at", "merged_by")
    merged = [(into, why[:300], now, FONDS, pk) for pk, (into, why) in decisions.merges.items()]
    update_rows(Person, columns, merged)
    ReviewItem.objects.bulk_create(decisions.reviews, ignore_conflicts=True)
    targets = {into for into, _ in decisions.merges.values()}
    if merged and tell:
        people_regrouped.send(sender=Person, pks=[*decisions.merges, *targets])
