"""``/sitemap.xml`` and ``/robots.txt``, at the root without a language prefix."""

from django.urls import path

from werkpunt.content import views

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
]
