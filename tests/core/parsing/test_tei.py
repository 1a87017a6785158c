"""The FRUS TEI reader: fixture volumes cut from the corpus, hostile input, the whole corpus.

Each `fixtures/tei/NAME.xml` is read and compared, result by result and field by field, with
`NAME.expected.json`: `{"record": …, "warnings": […], "locator": …}` for a record, or
`{"failed": {"reason_contains": …, "locator": …}}` for a refusal.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from fonds.core.parsing import detect, readers, tei
from fonds.core.parsing.tei import READER, TeiReader
from fonds.core.parsing.tei_dates import tei_date
from fonds.core.parsing.tei_volume import PersonEntry
from fonds.core.records import Extracted, Failed, Role, Source, TextKind
from fonds.core.serialize import record_from_dict, record_to_dict, record_to_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tei"
FRUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "frus"
VOLUMES = FRUS / "volumes"
RUSSIA = FRUS / "documents" / "frus1918Russiav03"
TEI_NS = "http://www.tei-c.org/ns/1.0"
PAIRS = sorted(FIXTURES.glob("*.xml"))


def _read(path: Path) -> list[Extracted | Failed]:
    return list(READER.read(Source(path.name, path.read_bytes())))


def test_every_fixture_has_its_expectation() -> None:
    inputs = {p.stem for p in FIXTURES.glob("*.xml")}
    expected = {p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json")}
    assert inputs == expected
    assert len(inputs) >= 12


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_fixture(path: Path) -> None:
    expected: list[dict[str, Any]] = json.loads(
        path.with_name(f"{path.stem}.expected.json").read_text(encoding="utf-8")
    )
    results = _read(path)
    assert [type(r).__name__ for r in results] == [
        "Failed" if "failed" in e else "Extracted" for e in expected
    ]
    for result, want in zip(results, expected, strict=True):
        if isinstance(result, Failed):
            assert want["failed"]["reason_contains"] in result.reason
            assert result.locator == want["failed"]["locator"]
            continue
        actual = json.loads(json.dumps(record_to_dict(result.record)))
        for name, value in want["record"].items():
            assert actual[name] == value, f"{result.record.source_key}: field '{name}'"
        assert set(actual) == set(want["record"])
        assert list(result.warnings) == want["warnings"]
        assert result.locator == want["locator"]


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_records_survive_the_record_schema(path: Path) -> None:
    for result in _read(path):
        if isinstance(result, Extracted):
            assert record_from_dict(json.loads(record_to_json(result.record))) == result.record


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_one_pass_reads_as_two_passes(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are read in one pass up to tei.HOLD_BYTES; the two-pass reading gives the same."""
    once = _read(path)
    monkeypatch.setattr(tei, "HOLD_BYTES", 0)
    assert _read(path) == once


def test_lists_after_the_documents_are_read_again_in_two_passes() -> None:
    source = Source("back.xml", (FIXTURES / "frus1964-68v14_lists_at_back.xml").read_bytes())
    assert READER._read_at_once(source) is None
    front = Source("front.xml", (FIXTURES / "frus1964-68v29p2_japan.xml").read_bytes())
    assert READER._read_at_once(front) is not None


def test_billion_laughs_is_refused_before_any_expansion() -> None:
    started = time.perf_counter()
    results = _read(FIXTURES / "hostile_billion_laughs.xml")
    assert time.perf_counter() - started < 1.0
    assert len(results) == 1 and isinstance(results[0], Failed)
    assert "lollol" not in repr(results)  # names the entity, never expands it


def test_external_entity_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    data = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE TEI [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
        f'<TEI xmlns="{TEI_NS}"><text><body><div type="document" xml:id="d1">'
        "<head>&s;</head><p>&s;</p></div></body></text></TEI>"
    ).encode()
    results = list(READER.read(Source("xxe.xml", data)))
    assert len(results) == 1 and isinstance(results[0], Failed)
    assert "TOP-SECRET-MARKER" not in repr(results)


def test_a_bad_document_fails_alone() -> None:
    results = _read(FIXTURES / "missing_head.xml")
    assert [type(r).__name__ for r in results] == ["Extracted", "Failed", "Extracted"]
    assert 'div xml:id="d2"' in results[1].locator


def _volume(*documents: str) -> bytes:
    header = (
        '<teiHeader><fileDesc><titleStmt><title type="complete">T</title></titleStmt>'
        '<publicationStmt><idno type="frus">frusT</idno></publicationStmt></fileDesc></teiHeader>'
    )
    body = "".join(documents)
    return f'<TEI xmlns="{TEI_NS}">{header}<text><body>{body}</body></text></TEI>'.encode()


def test_a_document_without_id_fails_alone() -> None:
    data = _volume(
        '<div type="document" xml:id="d1" n="1"><head>One</head></div>',
        '<div type="document" n="2"><head>No id</head></div>',
        '<div type="document" xml:id="d3" n="3"><head>Three</head></div>',
    )
    results = list(READER.read(Source("t.xml", data)))
    assert [type(r).__name__ for r in results] == ["Extracted", "Failed", "Extracted"]
    assert "xml:id" in results[1].reason and 'n="2"' in results[1].locator


def test_repeated_ids_refuse_the_file() -> None:
    """xml:id values must be unique in a file (xml:id 1.0 §4): libxml2 refuses the repeat, and
    two documents must never share a key."""
    data = _volume(
        '<div type="document" xml:id="d1" n="1"><head>One</head></div>',
        '<div type="document" xml:id="d1" n="2"><head>Again</head></div>',
    )
    results = list(READER.read(Source("t.xml", data)))
    assert len(results) == 1 and isinstance(results[0], Failed)
    assert "d1" in results[0].reason and results[0].locator == "line 1"


def test_a_volume_without_id_is_keyed_by_file_name_with_a_warning() -> None:
    data = f'<TEI xmlns="{TEI_NS}"><text><body><div type="document" xml:id="d1"><head>H</head>'
    data += "</div></body></text></TEI>"
    (result,) = READER.read(Source("some/dir/frusZ.xml", data.encode()))
    assert isinstance(result, Extracted)
    assert result.record.source_key == "frus:frusZ/d1"
    assert "no FRUS volume id" in result.warnings[0]


def _date(xml: str) -> tuple[str | None, list[str]]:
    warnings: list[str] = []
    span = tei_date(etree.fromstring(f'<date xmlns="{TEI_NS}" {xml}</date>'), warnings)
    return (span.edtf if span else None), warnings


@pytest.mark.parametrize(
    ("xml", "edtf", "warned"),
    [
        ('when="1964-01-03T10:00:00">January 3, 1964, 10 a.m.', "1964-01-03", False),
        ('when="1968-01-27T23:20:00Z">January 27, 1968, 2320Z', "1968-01-27", False),
        ('when="1965-09">September 1965', "1965-09", False),
        (
            'from="1962-11-15" to="1962-11-17">November 15 and 17, 1962',
            "1962-11-15/1962-11-17",
            False,
        ),
        (
            'notBefore="1964-03-01" notAfter="1964-03-15">early March 1964',
            "1964-03-01/1964-03-15",
            False,
        ),
        ('notBefore="1964-03-01">after March 1, 1964', "1964-03-01/..", False),
        ('notAfter="1964-03-15">before March 15, 1964', "../1964-03-15", False),
        (">May 21, 1965", "1965-05-21", False),
        ('when="1964-02-30">February 30, 1964', None, True),  # bad @when, text no better
        ('when="soon">March 2, 1964', "1964-03-02", True),  # bad @when: the text is read
        ('from="1964-03-09" to="1964-03-02">March 2–9', None, True),
        (">undated", None, False),
        (">Washington", None, True),
    ],
)
def test_tei_dates(xml: str, edtf: str | None, warned: bool) -> None:
    actual, warnings = _date(xml)
    assert actual == edtf
    assert bool(warnings) is warned


TEI_HEAD = f'<TEI xmlns="{TEI_NS}">'.encode()


@pytest.mark.parametrize(
    ("head", "accepted"),
    [
        (b'<?xml version="1.0" encoding="UTF-8"?>\n' + TEI_HEAD, True),
        (b"\xef\xbb\xbf" + TEI_HEAD, True),
        (('<?xml version="1.0"?>' + TEI_HEAD.decode()).encode("utf-16"), True),
        (b"<!-- a comment --><?pi x?>\n<!DOCTYPE TEI>" + TEI_HEAD, True),
        (b'<!DOCTYPE TEI [<!ENTITY a "b">]>' + TEI_HEAD, True),  # accepted, then refused by read
        (f'<tei:TEI xmlns:tei="{TEI_NS}">'.encode(), True),
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0' xml:lang='en'>", True),
        (b"<TEI>", False),  # TEI P4 has no namespace
        (b'<TEI xmlns="http://example.org/other">', False),
        (b'<tei:TEI xmlns="http://www.tei-c.org/ns/1.0">', False),  # prefix not bound to TEI
        (f'<TEIheader xmlns="{TEI_NS}">'.encode(), False),
        (f'<div xmlns="{TEI_NS}" type="document">'.encode(), False),
        (b"# A Markdown title\n\n<TEI xmlns='http://www.tei-c.org/ns/1.0'>", False),
        (b"", False),
    ],
)
def test_sniff(head: bytes, accepted: bool) -> None:
    assert READER.sniff(head) is accepted


def test_registered_first_and_detected_by_content() -> None:
    assert readers()[0] is tei.READER
    data = (FIXTURES / "frus1964-68v29p2_japan.xml").read_bytes()
    assert detect(data) is tei.READER


def _gold_persons() -> dict[str, PersonEntry]:
    persons = {}
    for line in (RUSSIA / "_persons.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        persons[row["id"]] = PersonEntry(row["name"], row["entry"][len(row["name"]) :].lstrip(", "))
    return persons


def test_a_single_document_file_with_the_volume_persons_given() -> None:
    reader = TeiReader(persons=_gold_persons(), volume_key="frus1918Russiav03")
    path = RUSSIA / "frus1918Russiav03_d1.xml"
    (result,) = reader.read(Source(path.name, path.read_bytes()))
    assert isinstance(result, Extracted)
    record = result.record
    assert record.source_key == "frus:frus1918Russiav03/d1"
    assert record.title == "The Secretary of State to the Ambassador in Russia (Francis)"
    assert record.date is not None and record.date.edtf == "1917-04-03"
    assert record.date.display == "April 3, 1917, 6 p.m."
    assert record.source_note == "File No. 861.51/131 [Telegram]"
    people = {(a.authority_key, a.role) for a in record.people}
    volume = "frus1918Russiav03#"
    assert (volume + "p_FDR1", Role.RECIPIENT) in people
    assert (volume + "p_LR1", Role.MENTIONED) in people
    assert record.texts[0].kind is TextKind.ORIGINAL


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Extracted | Failed]]:
    return {p.stem: _read(p) for p in sorted(VOLUMES.glob("*.xml"))}


def test_all_nine_volumes(corpus: dict[str, list[Extracted | Failed]]) -> None:
    """2,668 documents, none refused (about 1 s for the nine volumes)."""
    counts = {name: Counter(type(r).__name__ for r in results) for name, results in corpus.items()}
    assert len(counts) == 9
    assert sum(c["Extracted"] for c in counts.values()) == 2668
    assert sum(c["Failed"] for c in counts.values()) == 0
    assert counts["frus1964-68v29p2"]["Extracted"] == 140
    keys = [r.record.source_key for rs in corpus.values() for r in rs if isinstance(r, Extracted)]
    assert len(set(keys)) == len(keys)


def test_corpus_source_notes_name_known_repositories(
    corpus: dict[str, list[Extracted | Failed]],
) -> None:
    """Every "Source: <repository>, …" note resolves through repositories.tsv; the one published
    source (the Public Papers of the Presidents) is not an archive."""
    unresolved = [
        r.record.source_note[:80]
        for results in corpus.values()
        for r in results
        if isinstance(r, Extracted)
        and r.record.source_note.lstrip("[").lower().startswith(("source", "souce"))
        and r.record.archival_reference is None
        and "Public Papers of the Presidents" not in r.record.source_note
    ]
    assert unresolved == []


def test_corpus_fields_are_filled(corpus: dict[str, list[Extracted | Failed]]) -> None:
    records = [r.record for rs in corpus.values() for r in rs if isinstance(r, Extracted)]
    dated = sum(1 for r in records if r.date is not None)
    linked = sum(1 for r in records for a in r.people if a.authority_key)
    assert dated >= 2380  # every document whose own dateline has a readable date
    assert linked >= 13000  # agents linked to a persons list, one per person and role
    assert all(r.title and r.number and r.collections for r in records)
    assert all(not r.title[0].isdigit() for r in records)  # the number went to `number`


def test_an_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "tei.dtd"
    dtd.write_text('<!ENTITY x "LEAKED-FROM-DTD">', encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE TEI SYSTEM "{dtd.as_uri()}">'
        f'<TEI xmlns="{TEI_NS}"><text><body><div type="document" xml:id="d1">'
        "<head>Head &x;</head><p>Body</p></div></body></text></TEI>"
    ).encode()
    (result,) = READER.read(Source("dtd.xml", data))
    assert isinstance(result, Extracted)
    assert result.record.title == "Head &x;"  # left as written, never expanded
    assert "LEAKED" not in repr(result)
