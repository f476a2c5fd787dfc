"""URLs of the question form; included through ``i18n_patterns`` (``/vraag/``, ``/en/vraag/``)."""

from django.urls import URLPattern, URLResolver, path

from werkpunt.employers import views

app_name = "employers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("vraag/", views.question, name="question"),
    path("vraag/verstuurd/", views.sent, name="sent"),
]
