"""CSV: fixtures field by field, mappings, hostile rows, identity, and sniffing (never prose)."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import Any

import pytest
from tests.core.parsing.expectations import FIXTURES, SEEDS, case_id, cases, check, load

from fonds.core.extraction.page import record_from_source_text
from fonds.core.parsing.base import SNIFF_BYTES
from fonds.core.parsing.csvmapping import field_name
from fonds.core.parsing.csvtable import (
    MAX_CELL_CHARS,
    READER,
    CsvMapping,
    CsvReader,
    MappingError,
    derived_key,
)
from fonds.core.records import Extracted, Failed, Role, Source, TextKind
from fonds.core.sourcetext import SourceText

HERE = FIXTURES / "csv"


def _reader(spec: dict[str, Any]) -> CsvReader:
    mapping = spec.get("mapping")
    if mapping is None:
        return READER
    if "toml" in mapping:
        return CsvReader(CsvMapping.from_toml((HERE / mapping["toml"]).read_text()))
    return CsvReader(CsvMapping.from_pairs(mapping["pairs"]))


@pytest.mark.parametrize("case", cases("csv"), ids=case_id)
def test_fixture(case: Path) -> None:
    spec, data = load(case)
    reader = _reader(spec)
    assert reader.sniff(data[:SNIFF_BYTES]) is spec["sniff"]
    check(list(reader.read(Source(spec["input"], data))), spec["results"])


def _read(text: str, mapping: CsvMapping | None = None) -> list[Extracted | Failed]:
    return list(CsvReader(mapping).read(Source("table.csv", text.encode())))


# --- hostile input -------------------------------------------------------------------------


def test_a_huge_cell_fails_its_row_and_the_next_row_is_read() -> None:
    huge = "x" * (MAX_CELL_CHARS + 1)
    results = _read(f"title,text\nFirst,{huge}\nSecond,short\n")
    assert [type(r) for r in results] == [Failed, Extracted]
    assert isinstance(results[0], Failed)
    assert results[0].reason == (
        f"row 2: cell 2 holds {MAX_CELL_CHARS + 1:,} characters; the limit is"
        f" {MAX_CELL_CHARS:,} (an unclosed quote?)"
    )
    assert results[0].locator == "row 2"


def test_a_paragraph_in_the_date_column_is_not_echoed_whole() -> None:
    results = _read(f"title,date\nA,{'x' * 5000}\n")
    assert isinstance(results[0], Failed)
    assert results[0].reason == f"row 2: date '{'x' * 80}…' is not a date"


def test_a_long_text_under_the_limit_is_read() -> None:
    long = "word " * 100_000  # 500 kB: above the csv module's default limit of 128 kB
    results = _read(f'title,text\nLong,"{long}"\n')
    assert isinstance(results[0], Extracted)
    assert results[0].record.texts[0].body == long.strip()


def test_reading_only_ever_raises_the_csv_field_limit() -> None:
    before = csv.field_size_limit()
    _read("title\nA\n")
    assert csv.field_size_limit() >= before


def test_quoted_line_breaks_keep_row_numbers_as_a_spreadsheet_shows_them() -> None:
    results = _read('title,text\n"One","a\nb\nc"\nTwo,x\nThree,"bad date?",\n', None)
    assert [r.locator for r in results] == ["row 2", "row 3", "row 4"]


def test_two_rows_with_the_same_title_and_date_cannot_share_a_record() -> None:
    results = _read("title,date\nTelegram,1966\nTelegram,1966\nTelegram,1967\n")
    assert [type(r) for r in results] == [Extracted, Failed, Extracted]
    assert isinstance(results[1], Failed)
    assert results[1].reason == (
        "row 3: same title and date as row 2: map a source_key column to tell them apart"
    )


def test_repeated_keys_are_named_by_what_repeats() -> None:
    mapping = CsvMapping.from_pairs(["source_key=ID"])
    results = _read("ID,title\n{0}%s,A\n{0}%s,B\n", mapping)
    assert isinstance(results[1], Failed)
    assert results[1].reason == "row 3: source_key '{0}%s' repeats row 2"
    results = _read("title,source url\nA,https://a.example/1\nB,https://a.example/1\n")
    assert isinstance(results[1], Failed)
    assert results[1].reason == "row 3: same source URL as row 2"


def test_a_duplicated_mapped_column_is_refused() -> None:
    results = _read("Title,Title\nA,B\n", CsvMapping.from_pairs(["title=Title"]))
    assert len(results) == 1
    assert isinstance(results[0], Failed)
    assert results[0].reason == "column 'Title' appears 2 times in the header of table.csv"


def test_two_columns_named_after_one_field_are_refused() -> None:
    results = _read("Title,Summary,title\nA,B,C\n")
    assert len(results) == 1
    assert isinstance(results[0], Failed)
    assert results[0].reason == (
        "columns 1 and 3 both name the field title in the header of table.csv:"
        " rename one, or map title to one of them"
    )


def test_a_malformed_header_fails_the_file_once() -> None:
    results = _read('"title,date\nA,1966\n')
    assert len(results) == 1
    assert isinstance(results[0], Failed)
    assert results[0].reason.startswith("row 1: ")


# --- identity ------------------------------------------------------------------------------


def test_source_key_ignores_the_file_name() -> None:
    data = (HERE / "letters.csv").read_bytes()
    first = [
        r.record.source_key
        for r in READER.read(Source("a/letters.csv", data))
        if isinstance(r, Extracted)
    ]
    second = [
        r.record.source_key
        for r in READER.read(Source("b/copy.csv", data))
        if isinstance(r, Extracted)
    ]
    assert first == second
    assert len(first) == 3


def test_a_row_has_the_key_the_page_formats_give_the_same_document() -> None:
    row = _read('title,date\nRecord of  Conversation with Kim,"May 21, 1965"\n')[0]
    assert isinstance(row, Extracted)
    page = SourceText("pagetext", "x.txt", "Record of Conversation with Kim", "21 May 1965")
    from_page = record_from_source_text(page)
    assert isinstance(from_page, Extracted)
    assert row.record.source_key == from_page.record.source_key


def test_a_source_url_is_the_key_when_there_is_no_key_column() -> None:
    assert derived_key("T", None, "https://a.example/1") == "url:https://a.example/1"


# --- mappings ------------------------------------------------------------------------------


def test_pairs_map_columns_and_names_map_the_rest() -> None:
    mapping = CsvMapping.from_pairs(["date = Written on", "Authors=From"])
    results = _read("Title,Written on,From,Summary\nA letter,1966,Kim; Lee,About trade\n", mapping)
    assert isinstance(results[0], Extracted)
    record = results[0].record
    assert record.date is not None and record.date.edtf == "1966"
    assert [(a.name, a.role) for a in record.people] == [("Kim", Role.AUTHOR), ("Lee", Role.AUTHOR)]
    assert record.summary == "About trade"


def test_a_mapped_column_matches_in_another_case() -> None:
    results = _read("TITLE,DATE\nA,1966\n", CsvMapping.from_pairs(["title=Title"]))
    assert isinstance(results[0], Extracted)
    assert results[0].record.title == "A"


def test_pairs_override_the_mapping_file() -> None:
    mapping = CsvMapping.from_toml('[columns]\ntitle = "Titel"\ndate = "Datum"\n')
    mapping = mapping.with_pairs(["date=Jahr"])
    assert dict(mapping.columns) == {"title": "Titel", "date": "Jahr"}


def test_toml_options() -> None:
    mapping = CsvMapping.from_toml(
        '[options]\nseparator = "|"\ndelimiter = "tab"\ntext_kind = "Original"\n'
        'text_language = "Russian"\n'
    )
    assert (mapping.separator, mapping.delimiter) == ("|", "\t")
    assert (mapping.text_kind, mapping.text_language) == (TextKind.ORIGINAL, "Russian")


def test_field_names_are_normalized() -> None:
    assert field_name(" Source URL ") == "source_url"
    assert field_name("Original-Languages") == "original_language"
    assert field_name("Recipients") == "recipients"


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["title"], "'title' is not FIELD=COLUMN (e.g. title=Title)"),
        (["=Title"], "'=Title' is not FIELD=COLUMN (e.g. title=Title)"),
        (["title="], "'title=' is not FIELD=COLUMN (e.g. title=Title)"),
        (["headline=Title"], "unknown field 'headline'; fields are: "),
    ],
)
def test_bad_pairs_are_refused(pairs: list[str], message: str) -> None:
    with pytest.raises(MappingError) as error:
        CsvMapping.from_pairs(pairs)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[columns\n", "mapping file is not valid TOML: "),
        ("[colums]\ntitle = 'T'\n", "unknown table [colums]: expected [columns], [options]"),
        ("[columns]\ntitle = 3\n", "[columns] title: expected a string, got int"),
        ("[options]\nseperator = ';'\n", "unknown option 'seperator'; options are: "),
        ("[options]\ntext_kind = 'copy'\n", "text_kind 'copy' is not one of "),
        ("[options]\nseparator = ''\n", "the separator for multi-valued cells cannot be empty"),
        ("[options]\ndelimiter = ';;'\n", "the delimiter must be one character, not ';;'"),
        ("columns = 'title'\n", "[columns] must be a table"),
    ],
)
def test_bad_mapping_files_are_refused(toml: str, message: str) -> None:
    with pytest.raises(MappingError) as error:
        CsvMapping.from_toml(toml)
    assert str(error.value).startswith(message)


# --- sniffing ------------------------------------------------------------------------------


def test_sniff_refuses_the_seeds() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 2
    mapped = CsvReader(CsvMapping.from_pairs(["title=Title"]))
    for seed in seeds:
        data = seed.read_bytes()
        for head in (data[:SNIFF_BYTES], data.strip()[:SNIFF_BYTES]):
            assert not READER.sniff(head), seed.name
            assert not mapped.sniff(head), seed.name


PROSE = [
    "The ambassador said, however, that the meeting was short.\nHe left, and I stayed.\n",
    "Yes, sir.\nNo, madam.\n",
    "Title, date and place\nwere not recorded, said the clerk.\n",
    "May 21, 1965\nRecord of Conversation, Moscow\n",
    "# Letters, 1965\n\nTitle, date, summary: see below.\n",
    "**April 17, 1965**\n\n**Record of Conversation**\n",
    "| Title | Date |\n|---|---|\n| A | 1965 |\n",
    "- apples, pears\n- figs, dates\n",
    "\n\ntitle,date\nA,1965\n",
    '{"source_key": "a", "title": "b"}\n',
    "<html><body>a,b</body></html>\n",
    "Kuznetsov, V.V.; Kim, B.\nKim Il Sung, DPRK\n",
]


@pytest.mark.parametrize("text", PROSE)
def test_sniff_refuses_prose_and_markdown(text: str) -> None:
    assert not READER.sniff(text.encode())


TABLES = [
    "title,date\nA,1965\n",
    "Title;Datum;Personen\nA;1965;Kim\nB;1966;Lee\nC;1967;Pak\n",
    "title\tdate\nA\t1965\n",
    'title,text\n"A","one\ntwo, three"\n"B","x"\n',
    "id,name,year\n1,a,1965\n2,b,1966\n3,c,1967\n",  # no title column, but regular throughout
]


@pytest.mark.parametrize("text", TABLES)
def test_sniff_accepts_tables(text: str) -> None:
    assert READER.sniff(text.encode())


def test_sniff_accepts_a_header_and_a_row_cut_off_by_the_sample() -> None:
    data = ("title,text\nA," + '"' + "word " * 2000 + '"\n').encode()
    assert len(data) > SNIFF_BYTES
    assert READER.sniff(data[:SNIFF_BYTES])


def test_sniff_with_a_mapping_looks_for_its_title_column() -> None:
    data = b"Titel,Datum\nA,1965\n"
    assert not READER.sniff(data)
    assert CsvReader(CsvMapping.from_pairs(["title=Titel"])).sniff(data)


def test_sniff_without_a_mapping_wants_a_second_field_name_for_a_single_row() -> None:
    assert not READER.sniff(b"Title,Remarks\nA,none\n")
    assert READER.sniff(b"Title,Date\nA,1965\n")
    assert CsvReader(CsvMapping.from_pairs(["date=Remarks"])).sniff(b"Title,Remarks\nA,none\n")


def test_sniff_accepts_excel_unicode_text() -> None:
    data = codecs.BOM_UTF16_LE + "title\tdate\r\nA\t1965\r\n".encode("utf-16-le")
    assert READER.sniff(data)
