"""Pages of the content app outside the Wagtail tree; included through ``i18n_patterns``."""

from django.urls import path

from werkpunt.content import views

app_name = "content"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("begrippen/", views.glossary, name="glossary"),
]
