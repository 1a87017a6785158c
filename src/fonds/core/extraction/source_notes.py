"""FRUS source notes -> archival reference, classification, precedence, drafters and approvers.

A FRUS source note follows the series' editorial method (the "Editorial Methodology" section of
each volume's preface): where the original is held, then its markings, then its drafting, then
free commentary:

    Source: National Archives and Records Administration, RG 59, Central Files 1964–66,
    POL 23–8 USSR. Confidential; Immediate. Drafted by Henry, cleared in draft by Davis and SES,
    and approved and initialed by Thompson.

Each rule below is one function and says which part of that method it reads. Repository names
are a data table (`repositories.tsv`), loaded once.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from fonds.core.records import Agent, ArchivalLevel, ArchivalReference, Role


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class SourceNote:
    reference: ArchivalReference | None = None
    classification: str = ""
    precedence: str = ""
    people: tuple[Agent, ...] = ()


@dataclass(frozen=True, slots=True)
class Repository:
    abbreviation: str
    name: str


def parse_source_note(text: str) -> SourceNote:
    """The structure of one source note; parts it cannot find stay empty."""
    body = strip_label(" ".join(text.split()))
    reference_text, rest = split_reference(body)
    rest_sentences = sentences(rest)
    first_sentence = rest_sentences[0] if rest else ""
    return SourceNote(
        reference=archival_reference(reference_text),
        classification=classification(first_sentence),
        precedence=precedence(first_sentence),
        people=_drafting_people(rest_sentences),
    )


# --- Rule 1: the label. FRUS opens the note with "Source:"; older volumes bracket an inline
# note ("[Telegram.]"). Misspellings found in the corpus ("Souce:", "Source;") count too.
_LABEL = re.compile(r"^(?:So(?:urce|uce)\s*[:;,]\s*)+", re.IGNORECASE)


def strip_label(text: str) -> str:
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()
    return _LABEL.sub("", text)


# --- Rule 2: the reference is the first sentence; it ends where the markings begin (even when
# the editors forgot the full stop: "POL 32–1 INDON–MALAYSIA, Secret; Immediate").
_CLASSIFICATIONS = (
    "Top Secret",
    "Secret",
    "Confidential",
    "Limited Official Use",
    "Official Use Only",
    "Unclassified",
)
_MARKING = "|".join((*_CLASSIFICATIONS, "No classification marking", "Official-Informal"))
_BEFORE_MARKING = re.compile(rf"[.,;]\s+(?=(?:{_MARKING})\b)")
_OPENS_WITH_MARKING = re.compile(rf"(?:{_MARKING})\b")


def split_reference(body: str) -> tuple[str, str]:
    """(the reference as written, everything after it); none when the note opens with a marking
    (FRUS 1894: "[Confidential.]")."""
    if _OPENS_WITH_MARKING.match(body):
        return "", body
    ends = [m.start() for m in (_BEFORE_MARKING.search(body),) if m]
    ends += [e for e in (_first_sentence_end(body),) if e is not None]
    if not ends:
        return body.rstrip(" .,;"), ""
    end = min(ends)
    return body[:end].rstrip(" .,;"), body[end + 1 :].strip()


# --- Rule 3: sentences end at ". " unless the dot closes an abbreviation or an initial
# ("Vol. I", "Jan.–July", "Robert L. Barry", "U.S.S.R.").
_ABBREVIATIONS = _words(
    "vol vols no nos p pp jan feb mar apr jun jul aug sep sept oct nov dec dept mr mrs dr st gen"
    " adm col lt capt maj sgt rep sen amb ref e.g i.e ca approx ed eds jr sr"
)
_SENTENCE_END = re.compile(r"\.(?=\s+[\[(\"“A-Z0-9])")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")


def sentence_ends(text: str) -> list[int]:
    return [m.start() for m in _SENTENCE_END.finditer(text) if not _abbreviated(text[: m.start()])]


def _first_sentence_end(text: str) -> int | None:
    """`sentence_ends(text)[0]`, without looking at the dots after it."""
    ends = (m.start() for m in _SENTENCE_END.finditer(text) if not _abbreviated(text[: m.start()]))
    return next(ends, None)


def _abbreviated(before: str) -> bool:
    """Does the dot after `before` close an abbreviation or an initial rather than a sentence?"""
    words = before.rsplit(None, 2)[-2:] or [""]  # the last two words
    word = words[-1]
    if word.lower().strip("([") in _ABBREVIATIONS:
        return True
    if not _INITIALS.fullmatch(word):
        return False
    # "Vol. I." is a number, not an initial
    return len(words) < 2 or words[0].lower() not in {"vol.", "vols.", "part", "no."}


def sentences(text: str) -> list[str]:
    cuts = [0, *(e + 1 for e in sentence_ends(text)), len(text)]
    pieces = (text[a:b].strip(" .") for a, b in itertools.pairwise(cuts))
    return [piece for piece in pieces if piece]


# --- Rule 4: the repository opens the reference, by one of the names in repositories.tsv.
@cache
def repositories() -> tuple[tuple[str, Repository], ...]:
    """(name as written, repository), longest written form first so the most specific wins."""
    table = resources.files("fonds.core.extraction").joinpath("repositories.tsv")
    rows: list[tuple[str, Repository]] = []
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        abbreviation, name, written = line.split("\t")[:3]
        rows.append((written.strip(), Repository(abbreviation.strip(), name.strip())))
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


@cache
def _repositories_lowered() -> tuple[tuple[str, str, Repository], ...]:
    return tuple((written, written.lower(), found) for written, found in repositories())


def repository(reference: str) -> tuple[Repository | None, str]:
    """(the repository, the rest of the reference after its name)."""
    lowered = reference.lower()
    for written, written_lowered, found in _repositories_lowered():
        if lowered.startswith(written_lowered):
            rest = reference[len(written) :]
            if not rest or rest[0] in " ,:;":
                return found, rest.lstrip(" ,:;")
    return None, reference


@lru_cache(maxsize=4096)  # a volume cites the same files over and over; the result is frozen
def archival_reference(reference: str) -> ArchivalReference | None:
    found, rest = repository(reference)
    if found is None:
        return None
    return ArchivalReference(
        repository=found.abbreviation,
        levels=levels(rest),
        text=reference,
        repository_name=found.name,
    )


# --- Rule 5: below the repository, levels are separated by commas and colons; a level that is
# only a date or date range belongs to the level before it ("Conference Files, 1966–1972").
_LABELS = (  # (kind, its label as a pattern), the first label that matches a level wins
    ("RG", "RG"),  # National Archives record group
    ("lot", "Lot"),  # Department of State retired-records lot
    ("job", "(?i:Job)"),  # CIA records job number
    ("FRC", "FRC"),  # Federal Records Center accession
    ("box", "Box"),
    ("folder", "Folder"),
    ("volume", r"Vols?\.?"),
)
# One pattern for all the labels, each alternative naming its kind: `fullmatch` takes the first
# alternative that matches the whole level, as trying the labels one by one would, in one call.
_LABELLED = re.compile("|".join(rf"{label}\s+(?P<{kind}>.+)" for kind, label in _LABELS))
_SEPARATOR = re.compile(r"[,:]\s+")
_LEVEL_PUNCTUATION = re.compile(r"[\[\](),:]")
_MONTH_WORDS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?", re.IGNORECASE
)
_DAY = r"(?:\d{1,2}/){0,2}\d{2,4}"  # 1964, 11/63, 4/12/64
_DATE_ONLY = re.compile(rf"[\[(]?{_DAY}(?:\s*[–-]\s*{_DAY})?[\])]?")
_DIGIT = re.compile(r"\d")  # what `\d` in `_DAY` matches


def levels(rest: str) -> tuple[ArchivalLevel, ...]:
    parts = _merge_dates(_split_levels(rest))
    labelled = [_labelled(part) for part in parts]
    count = sum(level is None for level in labelled)
    found: list[ArchivalLevel] = []
    rank = 0  # of the unlabelled levels, in order
    for part, level in zip(parts, labelled, strict=True):
        if level is None:
            level = ArchivalLevel(_plain_kind(rank, count), part)
            rank += 1
        found.append(level)
    return tuple(found)


def _split_levels(rest: str) -> list[str]:
    """Split at top-level separators only: "9155.3 (22 Jan 1965)" and "[4/12/64–11/10/65]" hold."""
    parts: list[str] = []
    depth, start = 0, 0
    for match in _LEVEL_PUNCTUATION.finditer(rest):
        char = match.group()
        depth += 1 if char in "[(" else -1 if char in "])" else 0
        separator = _SEPARATOR.match(rest, match.start())
        if depth == 0 and separator:
            parts.append(rest[start : match.start()])
            start = separator.end()
    parts.append(rest[start:])
    return [part.strip() for part in parts if part.strip()]


def _merge_dates(parts: list[str]) -> list[str]:
    merged: list[str] = []
    for part in parts:
        # a date has digits (`_DAY`): most levels have none, and need no closer look
        if merged and _DIGIT.search(part) and _DATE_ONLY.fullmatch(_strip_months(part)):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return merged


def _strip_months(part: str) -> str:
    return _MONTH_WORDS.sub("", part).strip(" –-,.")


def _labelled(part: str) -> ArchivalLevel | None:
    match = _LABELLED.fullmatch(part)
    if match is None or match.lastgroup is None:
        return None
    return ArchivalLevel(match.lastgroup, match.group(match.lastgroup).strip())


def _plain_kind(rank: int, count: int) -> str:
    """Unlabelled levels run from the broadest (series) to the narrowest (file)."""
    if rank == 0:
        return "series"
    return "file" if rank == count - 1 else "subseries"


# --- Rule 6: the markings sentence opens with the classification ("Secret; Immediate; Limdis").
# A channel marking may come first ("Official-Informal; Limited Official Use").
_MARKINGS_SEPARATOR = re.compile(r"[;,:]\s*")
_CLASSIFICATION_WORDS = tuple((re.compile(rf"{level}\b"), level) for level in _CLASSIFICATIONS)


def classification(marking_sentence: str) -> str:
    for item in _MARKINGS_SEPARATOR.split(marking_sentence):
        for pattern, level in _CLASSIFICATION_WORDS:
            if pattern.match(item.strip()):
                return level
    return ""


# --- Rule 7: the telegram precedence is one of the markings (State Department precedences, from
# highest: Flash, Niact/Operational Immediate, Immediate, Priority, Routine).
_PRECEDENCE = re.compile(
    r"(?:Flash|Niact(?: Immediate)?|Operational Immediate|Immediate|Priority|Routine)"
)


def precedence(marking_sentence: str) -> str:
    for item in _MARKINGS_SEPARATOR.split(marking_sentence):
        if _PRECEDENCE.fullmatch(item.strip()):
            return item.strip()
    return ""


# --- Rule 8: "Drafted by A; cleared by B; and approved by C." Drafted, prepared or dictated by
# -> DRAFTER; approved by -> APPROVER; clearances have no role in fonds and are skipped.
_VERBS = (
    "drafted",
    "prepared",
    "dictated",
    "approved",
    "cleared",
    "initialed",
    "concurred",
    "revised",
)
_VERB = rf"(?:{'|'.join(_VERBS)})"
# A clause opens with a verb: looking ahead for a verb's first letter rules out most positions
# at once, before the verbs are tried one by one.
_VERB_INITIALS = "".join(sorted({verb[0] for verb in _VERBS}))
_CLAUSE = re.compile(
    rf"(?=[{_VERB_INITIALS}])\b"
    rf"(?P<verbs>{_VERB}(?:\s+in (?:draft|substance)|\s+(?:and\s+)?{_VERB})*)\s+(?:by|with)\s+",
    re.IGNORECASE,
)
# What every clause has (its "by" or "with" between spaces), found far faster than a clause.
_CLAUSE_HINT = re.compile(r"\s(?:by|with)\s", re.IGNORECASE)


def drafting_people(rest: str) -> tuple[Agent, ...]:
    return _drafting_people(sentences(rest))


def _drafting_people(rest_sentences: list[str]) -> tuple[Agent, ...]:
    people: list[Agent] = []
    for sentence in rest_sentences:
        if _CLAUSE_HINT.search(sentence) is None:
            continue  # no clause can be there: most sentences are markings and commentary
        clauses = list(_CLAUSE.finditer(sentence))
        ends = [c.start() for c in clauses[1:]] + [len(sentence)] * bool(clauses)
        for clause, end in zip(clauses, ends, strict=True):
            role = _clause_role(clause.group("verbs"))
            if role is not None:
                people += [Agent(name, role) for name in person_names(sentence[clause.end() : end])]
    # Each person once: a frozen dataclass hashes through a Python `__hash__`, so one or none
    # (most notes) are not hashed at all.
    return tuple(dict.fromkeys(people)) if len(people) > 1 else tuple(people)


# Looking a member up on an Enum class costs ten times a global's lookup.
_DRAFTER = Role.DRAFTER
_APPROVER = Role.APPROVER


def _clause_role(verbs: str) -> Role | None:
    verbs = verbs.lower()
    if "drafted" in verbs or "prepared" in verbs or "dictated" in verbs:
        return _DRAFTER
    return _APPROVER if "approved" in verbs else None


# --- Rule 9: a names list ends at the first lowercase word ("Klebenov on May 11", "Stephens of
# INR/REA"); parenthesized offices and citations go; a title before the name goes ("Ambassador
# Duke" -> "Duke"); what is left must look like a person's name, not an office ("Deputy Assistant
# Secretary"), an organization ("the White House", "CIA's Office"), a month, or an office symbol
# ("S", "SES").
_PARTICLES = frozenset({"van", "von", "de", "der", "du", "la", "le", "di", "da", "del", "y"})
_SUFFIXES = frozenset({"Jr.", "Sr.", "II", "III"})
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’.-]*[a-z][\w'’.-]*|(?:[A-Z]\.)+|II|III)")
_NOT_NAMES = _words(
    """
    Acting Adm. Admiral Administration Adviser Advisor Affairs Agency Ambassador Analysis Assistant
    Board Box Branch Bureau Cables Captain Center Chairman Chief Colonel Commander Commission
    Committee Council Country Defense Department Deputy Desk Director Division Document Dr. Embassy
    File Files General Governor Group Intelligence Job Library Lieutenant Lot Major Memos Miss
    Mission Mr. Mrs. Office Officer Officers Political President Records Republic Research
    Secretary Section Senator Service Services Special Staff Treasury Under
    January February March April May June July August September October November December
    """
)


_PARENTHESES = re.compile(r"\([^()]*\)")
_NAMES_SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# A possessive's ending, tested with `endswith` (what `['’]s$` matched: words come from `split`,
# so none ends in the newline `$` would also let through).
_POSSESSIVE = ("'s", "’s")
_SENTENCE_DOT = re.compile(r"(?<=[a-z]{2})\.$")
_LOWERCASE = re.compile(r"[a-z]")


def person_names(segment: str) -> list[str]:
    while "(" in segment and _PARENTHESES.search(segment):  # most segments have none
        segment = _PARENTHESES.sub(" ", segment)
    names: list[str] = []
    name = ""
    for candidate in _NAMES_SEPARATOR.split(segment):
        words = [w.strip("“”\"'").rstrip(",;:") for w in candidate.split()]
        if not words:
            continue
        if name and words[0] in _SUFFIXES:
            names[-1] = name = f"{name}, {words[0]}"  # "Harry G. Barnes, Jr."
            continue
        name = _person_name(_leading_words(words))
        if not name:
            break  # the list is over: "… of the Embassy is in Department of State, …"
        names.append(name)
    return names


def _leading_words(words: list[str]) -> list[str]:
    kept: list[str] = []
    for word in words:
        if (word in _PARTICLES and kept) or (word in _SUFFIXES and kept):
            kept.append(word)
        elif _NAME_WORD.fullmatch(word) and not word.endswith(_POSSESSIVE):
            # "Rusk." ends a sentence; only a word ending in a dot can (the test is cheaper)
            kept.append(_SENTENCE_DOT.sub("", word) if word.endswith(".") else word)
        else:
            break
    return kept


def _person_name(words: list[str]) -> str:
    """The words after the last title or office word, if they make a name."""
    last_title = max((i for i, w in enumerate(words) if w in _NOT_NAMES), default=-1)
    words = words[last_title + 1 :]
    while words and words[-1] in _PARTICLES:
        words.pop()
    if not any(_LOWERCASE.search(w) for w in words) or words[0] in _SUFFIXES:
        return ""
    return " ".join(words)
