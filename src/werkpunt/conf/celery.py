"""The Celery app: ``celery -A werkpunt.conf.celery worker`` and ``... beat``."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkpunt.conf.settings")

app = Celery("werkpunt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
