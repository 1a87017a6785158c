"""Names: keys, romanization, and matching names as people write them.

`romanize(hangul, scheme)` romanizes Korean personal names (ALA-LC McCune-Reischauer or Revised
Romanization). keys.name_key is the plain normalized key.
"""

from fonds.core.names.korean import romanize

__all__ = ["romanize"]
