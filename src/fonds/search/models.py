"""The index queue: documents whose index entry must be brought in line with the database.

A row is written in the same transaction as the change it reports, so the queue can never miss a
committed change; rows are removed only after the index has committed the documents they name.
"""

from __future__ import annotations

from django.db import models


class IndexQueueEntry(models.Model):
    document_pk = models.BigIntegerField(db_index=True)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "index queue entries"
