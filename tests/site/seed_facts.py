"""Field truth for the two seed records, as issue 2 states it (read from the seed files by hand).

Shared by the page, API and end-to-end tests; the values come from the records, never from the
code under test.
"""

from __future__ import annotations

from lxml import html

# 000_…txt: a plain-text capture of the document page, 21 May 1965.
MAY_TITLE = (
    "Record of Conversation between Soviet Deputy Foreign Minister Vasily Kuznetsov and the North "
    "Korean Ambassador to the Soviet Union Kim Byeong-jik"
)
MAY_DISPLAY = "May 21, 1965"
MAY_EDTF = "1965-05-21"
MAY_SUMMARY = (
    "On behalf of Kim Il Sung, Ambassador Kim Byeong-jik expresses thanks to the Soviet Union for "
    "their donation of weapons and military equipment in the amount of 150 million rubles."
)
MAY_TEXT_START = "I received the ambassador of the DPRK comrade Kim Byeong-jik"
MAY_TEXT_END = "(V. Kuznetsov)"
MAY_RIGHTS_START = (
    "The History and Public Policy Program welcomes reuse of Digital Archive materials for "
    "research and educational purposes."
)
# The labels 000 carries with nothing after them: none may show up as a value.
MAY_EMPTY_LABELS = (
    "Author(s)",
    "Associated Places",
    "Associated Topics",
    "Document Information",
    "Original Archive",
)

# 004_…txt: a Markdown export, 17 April 1965.
APRIL_TITLE = (
    "Record of Conversation between Soviet Deputy Foreign Minister Vasily Kuznetsov and North "
    "Korean Ambassador to the Soviet Union Kim Byeong-jik"
)
APRIL_DISPLAY = "April 17, 1965"
APRIL_EDTF = "1965-04-17"
APRIL_CITATION = (
    '"Record of Conversation between Soviet Deputy Foreign Minister Vasily Kuznetsov and North '
    'Korean Ambassador to the Soviet Union Kim Byeong-jik", April 17, 1965, Wilson Center Digital '
    "Archive, AVPRF, fond 0102, opis 21, papka 105, delo 2, listy 17-20. Obtained and translated "
    "for NKIDP by Sergey Radchenko."
)
APRIL_SOURCE_URL = "https://digitalarchive.umd.edu/document/110501"
APRIL_REPOSITORY = "AVPRF"
APRIL_LEVELS = [
    ("fond", "0102"),
    ("opis", "21"),
    ("papka", "105"),
    ("delo", "2"),
    ("listy", "17-20"),
]
APRIL_CREDIT = "Obtained and translated for NKIDP by Sergey Radchenko"
APRIL_SUMMARY = (
    "Kim Byeong-jik discusses the situation in South Korea and Japanese-South Korean relations."
)
APRIL_LANGUAGE = "Russian"
APRIL_TEXT_HEADING = "RECORD OF CONVERSATION BETWEEN V.V. KUZNETSOV AND NORTH KOREAN"

PARTICIPANTS = ("Vasily Kuznetsov", "Kim Byeong-jik")  # of both seeds, named in their titles
# 000 names three more in its text: two who attended, the interpreter (and Kuznetsov signs it)
MAY_PEOPLE = (*PARTICIPANTS, "Nemchinov V.S.", "Putivets A.D.", "Kim Hen Son")


def parse(content: bytes | str) -> html.HtmlElement:
    return html.fromstring(content)


def by_class(tree: html.HtmlElement, css_class: str, tag: str = "*") -> list[html.HtmlElement]:
    """Elements carrying this class (lxml without cssselect)."""
    return tree.xpath(
        f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]"
    )


def text_of(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())
