"""Names: romanization and matching names as people write them.

- `romanize(hangul, scheme)`: Korean personal names in ALA-LC McCune-Reischauer or Revised
  Romanization (korean.py, hangul.py, data/korean_*.tsv, data/hanja_*.tsv).
- `name_forms(text)`: the declared forms of a name ("X (Y)", "X [Y]") (forms.py).
- `match(a, b)` -> `Match(score, same, reasons)`: do two names name one person (match.py).
- `match_keys(name)`, `NameIndex`: blocking keys and an index that scores only candidates
  (index.py); `cluster(names)`: name forms grouped by person (cluster.py).
- keys.name_key: the plain normalized key (case, diacritics, spacing).
Tables: data/*.tsv; the generated ones are rebuilt by `python -m fonds.core.names.tablegen`.
"""

from fonds.core.names.cluster import cluster
from fonds.core.names.forms import name_forms
from fonds.core.names.index import NameIndex, match_keys
from fonds.core.names.korean import romanize
from fonds.core.names.match import Match, match

__all__ = ["Match", "NameIndex", "cluster", "match", "match_keys", "name_forms", "romanize"]
