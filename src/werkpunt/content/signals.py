"""Forget cached public pages when editors change content (``core.page_cache``)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from werkpunt.core.page_cache import bump_generation


def _changed(**kwargs: Any) -> None:
    bump_generation()


def connect() -> None:
    from wagtail.models import Page

    from werkpunt.content.models import GlossaryTerm

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"werkpunt-page-cache-{id(signal)}")
    post_delete.connect(_changed, sender=Page, dispatch_uid="werkpunt-page-cache-page-delete")
    for model_signal in (post_save, post_delete):
        model_signal.connect(
            _changed,
            sender=GlossaryTerm,
            dispatch_uid=f"werkpunt-page-cache-term-{id(model_signal)}",
        )
