"""URL configuration.

Pages for people go through ``i18n_patterns``: Dutch without a prefix (``/``),
English under ``/en/``. Technical endpoints (admin, health check) have no
language prefix.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path

from werkpunt.core import views as core_views

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("gezond/", core_views.health, name="health"),
    *i18n_patterns(
        path("", include("werkpunt.core.urls")),
        prefix_default_language=False,
    ),
]

# Only with DEBUG on (returns nothing otherwise); production serves collectstatic output.
urlpatterns += staticfiles_urlpatterns()
