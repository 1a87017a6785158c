"""Public identifiers: short, stable, derived once from what a thing is at its origin."""

from __future__ import annotations

import base64
import hashlib


def public_id_for(identity: str, attempt: int = 0) -> str:
    """Ten characters of base32 (RFC 4648, lower-cased) of the SHA-256 of the identity: the
    same document, person or place gets the same id in every installation; stored once, it
    never changes afterwards. `attempt` > 0 gives the alternatives, should one be taken."""
    digest = hashlib.sha256(f"{identity}#{attempt}".encode()).digest()
    # base32 turns each 5 bytes into 8 characters on their own: the first 10 characters
    # depend on the first 10 bytes alone
    return base64.b32encode(digest[:10]).decode("ascii")[:10].lower()
