"""A record's identity at its origin (`DocumentRecord.source_key`).

The archive's own URL when the record carries one; else its normalized title and EDTF date.
Never the file name: the same record ingested from another folder, or in another format,
updates the same document.
"""

from __future__ import annotations

import hashlib


def source_key_for(title: str, edtf: str, source_url: str = "") -> str:
    if source_url:
        return f"url:{source_url}"
    normalized = " ".join(title.lower().split())
    digest = hashlib.sha256(f"{normalized}|{edtf}".encode()).hexdigest()
    return f"title-date:{digest[:20]}"
