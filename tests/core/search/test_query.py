"""The query language: structure for known inputs; never an exception for any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fonds.core.search.query import (
    MAX_CLAUSES,
    WORD,
    AnyOf,
    InField,
    Not,
    Phrase,
    Prefix,
    Query,
    Term,
    parse,
)

CASES = [
    ("howitzers", Query((Term("howitzers"),))),
    ("Howitzers guns", Query((Term("howitzers"), Term("guns")))),
    ('"57 mm"', Query((Phrase(("57", "mm")),))),
    ('"57 mm" -guns', Query((Phrase(("57", "mm")), Not(Term("guns"))))),
    ("a OR b OR c", Query((AnyOf((Term("a"), Term("b"), Term("c"))),))),
    ("howit*", Query((Prefix("howit"),))),
    ("Byeong-jik", Query((Phrase(("byeong", "jik")),))),
    ('((( : " ', Query()),
    ("OR", Query()),
    ("-", Query()),
    ('"unclosed phrase', Query((Phrase(("unclosed", "phrase")),))),
    ("title:kim", Query((InField("title", Term("kim")),))),
    ('person:"Kim Il Sung"', Query((InField("names", Phrase(("kim", "il", "sung"))),))),
    ("-text:secret", Query((Not(InField("body", Term("secret"))),))),
    ('-Title:"draft copy"', Query((Not(InField("title", Phrase(("draft", "copy")))),))),
    ("summary:howit*", Query((InField("summary", Prefix("howit")),))),
    ("name:Byeong-jik", Query((InField("names", Phrase(("byeong", "jik"))),))),
    ("Satō", Query((AnyOf((Term("satō"), Term("sato"))),))),
    (
        'person:"Pak Chŏng-hŭi"',
        Query(
            (
                AnyOf(
                    (
                        InField("names", Phrase(("pak", "chŏng", "hŭi"))),
                        InField("names", Phrase(("pak", "chong", "hui"))),
                    )
                ),
            )
        ),
    ),
    ("-Kyŏng*", Query((Not(AnyOf((Prefix("kyŏng"), Prefix("kyong")))),))),
    ("Satō OR Kishi", Query((AnyOf((Term("satō"), Term("sato"), Term("kishi"))),))),
    (
        "title:a OR people:b",
        Query((AnyOf((InField("title", Term("a")), InField("names", Term("b")))),)),
    ),
    ("foo:bar", Query((Phrase(("foo", "bar")),))),  # not a field: plain words, as ever
    ("title:", Query((Term("title"),))),
    ("title::", Query((Term("title"),))),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_parse(text: str, expected: Query) -> None:
    assert parse(text) == expected


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_text_parses_into_word_only_clauses(text: str) -> None:
    query = parse(text)
    assert len(query.clauses) <= MAX_CLAUSES
    for word in query.positive_words():
        assert WORD.fullmatch(word), word
