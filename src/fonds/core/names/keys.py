"""Name keys: the normalized form under which spellings of one name compare equal.

Case, diacritics, hyphens, apostrophes and spacing vary between transcriptions of the same name
("Kim Byeong-jik", "KIM Byeong Jik"); the key drops those differences and nothing else.
Matching across romanization systems is a separate, explained step (see names/).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"[’‘ʼʻ`´']")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,]+")


@lru_cache(maxsize=65536)  # a corpus names the same people over and over: each key once
def name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = _APOSTROPHES.sub("", bare)
    return _SEPARATORS.sub(" ", bare).strip()
