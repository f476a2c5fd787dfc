"""URLs of the accounts app, under ``/account/`` (and ``/en/account/``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.accounts import views

app_name = "accounts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("tweede-stap/", views.second_factor, name="second_factor"),
    path("authenticator-instellen/", views.totp_setup, name="totp_setup"),
    path("herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("beveiliging/", views.security, name="security"),
    path(
        "beveiliging/andere-sessies-beeindigen/",
        views.security_end_sessions,
        name="security_end_sessions",
    ),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/uitnodigen/", views.user_invite, name="user_invite"),
    path("gebruikers/<int:pk>/uitzetten/", views.user_deactivate, name="user_deactivate"),
    path("gebruikers/<int:pk>/aanzetten/", views.user_activate, name="user_activate"),
    path(
        "gebruikers/<int:pk>/sessies-beeindigen/",
        views.user_end_sessions,
        name="user_end_sessions",
    ),
    path(
        "gebruikers/<int:pk>/tweede-stap-opnieuw/",
        views.user_reset_second_factor,
        name="user_reset_second_factor",
    ),
    path("auditlog/", views.audit_log, name="audit_log"),
]
