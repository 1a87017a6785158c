"""What the authorities app tells the apps above it."""

from __future__ import annotations

from django.dispatch import Signal

# People (by pk) merged or split without a model save of each (bulk statements), sent inside
# the writing transaction: the documents naming them show them under another id now.
people_regrouped = Signal()
