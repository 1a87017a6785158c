"""What the archive tells the apps above it. Lower apps never call upward: they send."""

from __future__ import annotations

from django.dispatch import Signal

# Documents (by pk) written without model saves (bulk statements), sent inside the writing
# transaction; ORM saves send Django's own post_save and post_delete.
documents_written = Signal()
