# mypy: disable-error-code="import-untyped"
"""URL configuration.

Pages for people go through ``i18n_patterns``: Dutch without a prefix (``/``),
English under ``/en/``. Technical endpoints (admin, health check) have no
language prefix.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from werkpunt.core import views as core_views

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("gezond/", core_views.health, name="health"),
    path("", include("werkpunt.content.seo_urls")),
    path("api/", include("werkpunt.api.urls")),
    *i18n_patterns(
        path("", include("werkpunt.core.urls")),
        path("financieel-cv/", include("werkpunt.financieel_cv.urls")),
        path("", include("werkpunt.employers.urls")),
        # The back office and the employer portal (step 3).
        path("account/", include("werkpunt.accounts.urls")),
        path("werk/", include("werkpunt.employers.backoffice_urls")),
        path("werk/plaatsingen/", include("werkpunt.placements.urls")),
        path("werk/knelpunten/", include("werkpunt.signals.urls")),
        path("agenda/", include("werkpunt.placements.feed_urls")),
        # Matching on tasks (step 4): back office, the employer portal, and the links
        # that candidates and job seekers open without an account.
        path("werk/kandidaten/", include("werkpunt.candidates.urls")),
        path("werk/werkvragen/", include("werkpunt.demands.urls")),
        path("werk/matchtafels/", include("werkpunt.matchtafels.urls")),
        path("werk/open-dagen/", include("werkpunt.opendays.urls")),
        path("mijn/werkvragen/", include("werkpunt.demands.portal_urls")),
        path("mijn/open-dagen/", include("werkpunt.opendays.portal_urls")),
        path("toestemming/", include("werkpunt.candidates.public_urls")),
        path("open-hiring/", include("werkpunt.demands.public_urls")),
        path("open-dag/", include("werkpunt.opendays.public_urls")),
        path("", include("werkpunt.dashboard.urls")),
        path("", include("werkpunt.content.urls")),
        # Wagtail serves every other path from the page tree; it comes last.
        path("", include(wagtail_urls)),
        prefix_default_language=False,
    ),
]

# Also for Wagtail's page tree: a missing page raises Http404, rendered by core's 404.html.
handler404 = "werkpunt.core.views.page_not_found"

# Only with DEBUG on (returns nothing otherwise); production serves collectstatic output.
urlpatterns += staticfiles_urlpatterns()
