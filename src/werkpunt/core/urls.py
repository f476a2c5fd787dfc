"""Pages of the web foundation; included through ``i18n_patterns`` in ``conf/urls.py``.

The home page ``/`` is served by Wagtail (``werkpunt.content``).
"""

from django.urls import path

from werkpunt.core import views

app_name = "core"

urlpatterns = [
    path("regels/", views.rules_register, name="rules_register"),
]
