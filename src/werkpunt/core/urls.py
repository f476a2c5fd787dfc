"""Pages of the web foundation; included through ``i18n_patterns`` in ``conf/urls.py``."""

from django.urls import path

from werkpunt.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("regels/", views.rules_register, name="rules_register"),
]
