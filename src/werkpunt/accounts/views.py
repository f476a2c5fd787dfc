"""Pages of the accounts app: login, the second factor, passwords, invitations, the beheerder.

How a login goes (``docs/accounts.md``):

1. ``login``: user name or e-mail address and password, rate-limited per address and
   per account. An employer is logged in at once. Anyone who needs a second factor is
   *not* logged in yet: the session only notes who is busy logging in and a new,
   unverified :class:`StaffSession`.
2. ``totp_setup`` (first time: scan the QR code, type the first code, get recovery
   codes) or ``second_factor`` (a code from the app or a recovery code).
3. Then Django's ``login()`` runs, the StaffSession is marked verified and the user
   goes to the start page of their role (or to a safe ``next``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import segno
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from werkpunt.accounts import ratelimit, selectors, services, totp
from werkpunt.accounts.forms import (
    AuditFilterForm,
    CodeForm,
    InvitationAcceptForm,
    InviteStaffForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserFilterForm,
)
from werkpunt.accounts.models import Invitation, Role, StaffSession
from werkpunt.accounts.permissions import (
    STAFF_SESSION_KEY,
    current_staff_session,
    mfa_verified,
    needs_second_factor,
    role_of,
    role_required,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

#: Session keys of a login that waits for its second factor.
PENDING_USER_KEY = "werkpunt_login_user"
PENDING_BACKEND_KEY = "werkpunt_login_backend"
NEXT_KEY = "werkpunt_login_next"
#: New recovery codes, shown once by ``recovery_codes``, and where to go after them.
NEW_CODES_KEY = "werkpunt_new_recovery_codes"
AFTER_CODES_KEY = "werkpunt_after_recovery_codes"

#: Where each role starts after logging in; the first name that resolves wins.
LANDING: dict[Role, tuple[str, ...]] = {
    Role.ADVISER: ("dashboard:my_work",),
    Role.TEAM_LEAD: ("dashboard:my_work", "dashboard:team"),
    Role.JOBCOACH: ("dashboard:my_work",),
    Role.ADMINISTRATOR: ("accounts:user_list",),
    Role.BOARD: ("dashboard:board",),
    Role.EMPLOYER: ("dashboard:portal",),
}
CMS_PATH = "/cms/"

PAGE_SIZE = 50


def _pending_minutes() -> int:
    return int(getattr(settings, "WERKPUNT_LOGIN_PENDING_MINUTES", 30))


def landing_url(user: User) -> str:
    """The start page of the user's role (the security page when nothing else exists)."""
    role = role_of(user)
    if role is Role.EDITOR or (role is None and (user.is_staff or user.is_superuser)):
        return CMS_PATH
    for name in LANDING.get(role, ()) if role is not None else ():
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("accounts:security")


def safe_next(request: HttpRequest, value: str | None) -> str:
    """``value`` when it is a URL on this site (no other host or scheme), else ""."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def login_verified(view: ViewFunc) -> ViewFunc:
    """For the pages about one's own account, open to every user (also without a profile).

    Logged in, and for those who need one, with the second factor passed.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if needs_second_factor(request.user) and not mfa_verified(request):
            return redirect("accounts:second_factor")
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def _resolve_username(identifier: str) -> str:
    """The user name for what was typed: an e-mail address of exactly one account, or as typed."""
    from django.contrib.auth import get_user_model

    if "@" in identifier:
        names = list(
            get_user_model()
            .objects.filter(email__iexact=identifier)
            .values_list("username", flat=True)[:2]
        )
        if len(names) == 1:
            return names[0]
    return identifier


# --- The login and its second factor ---------------------------------------------------------


def _start_login(request: HttpRequest, user: User, *, next_url: str) -> HttpResponse:
    """The password was right. Log an employer in; send everyone else to the second factor."""
    if request.user.is_authenticated:
        auth.logout(request)  # someone else was logged in in this browser
    backend = getattr(user, "backend", None) or settings.AUTHENTICATION_BACKENDS[0]
    if not needs_second_factor(user):
        staff_session = services.staff_session_start(user=user, verified=True)
        auth.login(request, user, backend=backend)
        request.session[STAFF_SESSION_KEY] = staff_session.key
        return HttpResponseRedirect(next_url or landing_url(user))
    staff_session = services.staff_session_start(user=user, verified=False)
    request.session.cycle_key()
    request.session[PENDING_USER_KEY] = user.pk
    request.session[PENDING_BACKEND_KEY] = backend
    request.session[STAFF_SESSION_KEY] = staff_session.key
    request.session[NEXT_KEY] = next_url
    if services.has_confirmed_device(user=user):
        return redirect("accounts:second_factor")
    return redirect("accounts:totp_setup")


def _pending_login(request: HttpRequest) -> tuple[User, StaffSession] | None:
    """Who is busy with the second factor in this browser, and their unverified login.

    Either someone who typed the right password here (not logged in yet), or a logged-in
    user whose session has no verified StaffSession (for example after ``force_login``).
    """
    key = str(request.session.get(STAFF_SESSION_KEY) or "")
    if request.user.is_authenticated:
        user: User = request.user
        if not needs_second_factor(user):
            return None
        staff_session = (
            StaffSession.objects.filter(key=key, user=user, ended_at__isnull=True).first()
            if key
            else None
        )
        if staff_session is not None and staff_session.verified_at is not None:
            return None
        if staff_session is None:
            staff_session = services.staff_session_start(user=user, verified=False)
            request.session[STAFF_SESSION_KEY] = staff_session.key
        return user, staff_session
    user_pk = request.session.get(PENDING_USER_KEY)
    if not user_pk or not key:
        return None
    since = timezone.now() - timedelta(minutes=_pending_minutes())
    staff_session = (
        StaffSession.objects.select_related("user")
        .filter(
            key=key,
            user_id=user_pk,
            ended_at__isnull=True,
            verified_at__isnull=True,
            created_at__gt=since,
        )
        .first()
    )
    if staff_session is None or not staff_session.user.is_active:
        return None
    return staff_session.user, staff_session


def _finish_login(request: HttpRequest, user: User, staff_session: StaffSession) -> str:
    """The second factor was right: log in for real. Returns where to go next."""
    next_url = str(request.session.get(NEXT_KEY) or "")
    services.staff_session_verify(staff_session=staff_session)
    if request.user.is_authenticated:
        request.session.cycle_key()
    else:
        backend = str(
            request.session.get(PENDING_BACKEND_KEY) or settings.AUTHENTICATION_BACKENDS[0]
        )
        auth.login(request, user, backend=backend)
    for name in (PENDING_USER_KEY, PENDING_BACKEND_KEY, NEXT_KEY):
        request.session.pop(name, None)
    request.session[STAFF_SESSION_KEY] = staff_session.key
    return next_url or landing_url(user)


def _no_pending_login(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(landing_url(request.user))
    messages.info(request, _("Log eerst in met uw wachtwoord."))
    return redirect("accounts:login")


def _too_many_attempts() -> str:
    minutes = ratelimit.window_seconds() // 60
    return _(
        "Te vaak geprobeerd. Om uw account te beschermen kunt u nu even niet inloggen. "
        "Wacht %(minutes)s minuten en probeer het dan opnieuw."
    ) % {"minutes": minutes}


@never_cache
@sensitive_post_parameters("password")
def login(request: HttpRequest) -> HttpResponse:
    """Step 1: user name or e-mail address, and password."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method != "POST":
        if request.user.is_authenticated and (
            not needs_second_factor(request.user) or mfa_verified(request)
        ):
            return HttpResponseRedirect(next_url or landing_url(request.user))
        form = LoginForm(initial={"next": next_url})
        return render(request, "accounts/login.html", {"form": form})
    form = LoginForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/login.html", {"form": form})
    identifier = str(form.cleaned_data["identifier"]).strip()
    if ratelimit.LOGIN.blocked(request, identifier):
        form.add_error(None, _too_many_attempts())
        return render(request, "accounts/login.html", {"form": form}, status=429)
    user = auth.authenticate(
        request,
        username=_resolve_username(identifier),
        password=form.cleaned_data["password"],
    )
    if user is None:
        ratelimit.LOGIN.fail(request, identifier)
        # One message for a wrong password, an unknown name and a switched-off account,
        # so the page never tells whether an account exists.
        form.add_error(
            None,
            _(
                "Deze combinatie van gebruikersnaam (of e-mailadres) en wachtwoord kennen wij "
                "niet. Controleer wat u heeft ingevuld en probeer het opnieuw."
            ),
        )
        return render(request, "accounts/login.html", {"form": form})
    ratelimit.LOGIN.succeed(request, identifier)
    return _start_login(request, user, next_url=next_url)


def _check_code_rate(request: HttpRequest, user: User) -> bool:
    return ratelimit.SECOND_FACTOR.blocked(request, f"user:{user.pk}")


WRONG_CODE = _(
    "Deze code klopt niet. Kijk in uw app welke code er nu staat en probeer het opnieuw. "
    "Een code werkt maar één keer."
)


@never_cache
@sensitive_post_parameters("code")
def second_factor(request: HttpRequest) -> HttpResponse:
    """Step 2: a code from the authenticator app, or a recovery code."""
    pending = _pending_login(request)
    if pending is None:
        return _no_pending_login(request)
    user, staff_session = pending
    if not services.has_confirmed_device(user=user):
        return redirect("accounts:totp_setup")
    form = CodeForm(request.POST or None, allow_recovery=True)
    if request.method == "POST":
        if _check_code_rate(request, user):
            form.is_valid()
            form.add_error(None, _too_many_attempts())
            return render(request, "accounts/second_factor.html", {"form": form}, status=429)
        if form.is_valid():
            code = form.cleaned_data["code"]
            used_recovery = False
            accepted = services.totp_verify(user=user, code=code)
            if not accepted and len(totp.normalise_code(code)) != totp.DIGITS:
                accepted = used_recovery = services.recovery_code_use(user=user, code=code)
            if accepted:
                ratelimit.SECOND_FACTOR.succeed(request, f"user:{user.pk}")
                next_url = _finish_login(request, user, staff_session)
                if used_recovery:
                    # Tell how many are left and offer new ones before going on.
                    messages.warning(
                        request,
                        _("U bent ingelogd met een herstelcode. Die code werkt nu niet meer."),
                    )
                    request.session[AFTER_CODES_KEY] = next_url
                    return redirect("accounts:recovery_codes")
                return HttpResponseRedirect(next_url)
            ratelimit.SECOND_FACTOR.fail(request, f"user:{user.pk}")
            form.add_error("code", WRONG_CODE)
    return render(request, "accounts/second_factor.html", {"form": form})


def qr_code_svg(data: str, *, label: str) -> SafeString:
    """A QR code as inline SVG markup (made on the server; no script, no style attribute)."""
    svg = segno.make(data, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="werkpunt-qr", lineclass=None
    )
    # The markup comes from segno (paths only, no text of ours); the label is escaped.
    return mark_safe(  # noqa: S308
        svg.replace("<svg ", format_html('<svg role="img" aria-label="{}" ', label), 1)
    )


@never_cache
@sensitive_post_parameters("code")
def totp_setup(request: HttpRequest) -> HttpResponse:
    """First login of staff: set up the authenticator app, confirm with its first code."""
    pending = _pending_login(request)
    if pending is None:
        return _no_pending_login(request)
    user, staff_session = pending
    if services.has_confirmed_device(user=user):
        return redirect("accounts:second_factor")
    device = services.totp_device_for_enrolment(user=user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _check_code_rate(request, user):
            form.is_valid()
            form.add_error(None, _too_many_attempts())
            status = 429
        elif form.is_valid():
            if services.totp_device_confirm(device=device, code=form.cleaned_data["code"]):
                ratelimit.SECOND_FACTOR.succeed(request, f"user:{user.pk}")
                codes = services.recovery_codes_replace(user=user)
                next_url = _finish_login(request, user, staff_session)
                request.session[NEW_CODES_KEY] = codes
                request.session[AFTER_CODES_KEY] = next_url
                return redirect("accounts:recovery_codes")
            ratelimit.SECOND_FACTOR.fail(request, f"user:{user.pk}")
            form.add_error("code", WRONG_CODE)
    issuer = str(getattr(settings, "WERKPUNT_TOTP_ISSUER", "Werkpunt"))
    uri = totp.provisioning_uri(device.secret, account=user.get_username(), issuer=issuer)
    context = {
        "form": form,
        "qr_svg": qr_code_svg(uri, label=_("QR-code om te scannen met uw authenticator-app")),
        "secret": totp.grouped(device.secret),
        "issuer": issuer,
        "account": user.get_username(),
    }
    return render(request, "accounts/totp_setup.html", context, status=status)


@never_cache
@sensitive_post_parameters("code")
@login_verified
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (shown once), or the form to make new ones after a code check."""
    user: User = request.user  # type: ignore[assignment]
    new_codes = request.session.pop(NEW_CODES_KEY, None)
    if new_codes:
        continue_url = str(request.session.pop(AFTER_CODES_KEY, "") or landing_url(user))
        return render(
            request,
            "accounts/recovery_codes_new.html",
            {"codes": new_codes, "continue_url": continue_url},
        )
    if not services.has_confirmed_device(user=user):
        raise Http404
    continue_url = str(request.session.pop(AFTER_CODES_KEY, "") or "")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _check_code_rate(request, user):
            form.is_valid()
            form.add_error(None, _too_many_attempts())
            status = 429
        elif form.is_valid():
            if services.totp_verify(user=user, code=form.cleaned_data["code"]):
                request.session[NEW_CODES_KEY] = services.recovery_codes_replace(user=user)
                request.session[AFTER_CODES_KEY] = reverse("accounts:security")
                return redirect("accounts:recovery_codes")
            ratelimit.SECOND_FACTOR.fail(request, f"user:{user.pk}")
            form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "codes_left": services.recovery_codes_left(user=user),
        "continue_url": continue_url,
    }
    return render(request, "accounts/recovery_codes.html", context, status=status)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out: the login ends on the server too, so an old copy of the cookie is useless."""
    services.staff_session_end(key=str(request.session.get(STAFF_SESSION_KEY) or ""))
    auth.logout(request)
    messages.success(request, _("U bent uitgelogd."))
    return redirect("accounts:login")


# --- Own account -----------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_verified
def security(request: HttpRequest) -> HttpResponse:
    """Own logins, "end all other sessions", change the password, the recovery codes."""
    user: User = request.user  # type: ignore[assignment]
    current = current_staff_session(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        auth.update_session_auth_hash(request, form.user)
        services.password_changed(user=user, keep_key=current.key if current else "")
        messages.success(
            request, _("Uw wachtwoord is gewijzigd. U bent op andere apparaten uitgelogd.")
        )
        return redirect("accounts:security")
    context = {
        "form": form,
        "sessions": selectors.sessions_of(user=user),
        "current_key": current.key if current else "",
        "has_device": services.has_confirmed_device(user=user),
        "codes_left": services.recovery_codes_left(user=user),
    }
    return render(request, "accounts/security.html", context)


@require_POST
@login_verified
def security_end_sessions(request: HttpRequest) -> HttpResponse:
    """End every login of this user except this one."""
    current = current_staff_session(request)
    ended = services.staff_sessions_end(
        user=request.user,  # type: ignore[arg-type]
        keep_key=current.key if current else "",
    )
    messages.success(
        request,
        ngettext(
            "%(count)s andere sessie is beëindigd.",
            "%(count)s andere sessies zijn beëindigd.",
            ended,
        )
        % {"count": ended},
    )
    return redirect("accounts:security")


# --- Password reset (Django's views, our templates and forms) --------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Form) -> HttpResponse:
        self.extra_email_context = {
            "base_url": str(settings.WERKPUNT_BASE_URL).rstrip("/"),
            "timeout_hours": max(1, int(settings.PASSWORD_RESET_TIMEOUT) // 3600),
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        # A new password ends every login of the account (also a stolen one).
        services.password_changed(user=form.user)  # type: ignore[attr-defined]
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- Invitations -----------------------------------------------------------------------------


def _invitation_gone(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    reason = "unknown"
    if invitation is not None:
        reason = "used" if invitation.accepted_at is not None else "expired"
    return render(
        request,
        "accounts/invitation_invalid.html",
        {"reason": reason, "days": services.invitation_days()},
        status=404 if invitation is None else 410,
    )


@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Someone who was invited chooses a name and a password; the account is made."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None or not selectors.invitation_is_open(invitation):
        return _invitation_gone(request, invitation)
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationUnusable:
            invitation.refresh_from_db()
            return _invitation_gone(request, invitation)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _start_login(request, user, next_url="")
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context)


# --- The beheerder ---------------------------------------------------------------------------


def _user_list_page(
    request: HttpRequest, *, invite_form: InviteStaffForm, status: int = 200
) -> HttpResponse:
    filter_form = UserFilterForm(request.GET or None)
    organisation = None
    role = ""
    if filter_form.is_valid():
        organisation = filter_form.cleaned_data["organisation"]
        role = filter_form.cleaned_data["role"]
    users = selectors.users_visible_to(user=request.user, organisation=organisation, role=role)
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "filter_form": filter_form,
        "invite_form": invite_form,
        "page": page,
        "filtered": bool(organisation or role),
    }
    return render(request, "accounts/user_list.html", context, status=status)


@never_cache
@require_safe
@role_required(Role.ADMINISTRATOR)
def user_list(request: HttpRequest) -> HttpResponse:
    """Every account with organisation and role; filters; actions; invite a colleague."""
    return _user_list_page(request, invite_form=InviteStaffForm())


@require_POST
@role_required(Role.ADMINISTRATOR)
def user_invite(request: HttpRequest) -> HttpResponse:
    form = InviteStaffForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                invited_by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error("email" if error.code == "exists" else "role", error)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s. De link werkt %(days)s dagen.")
                % {"email": invitation.email, "days": services.invitation_days()},
            )
            return redirect("accounts:user_list")
    return _user_list_page(request, invite_form=form)


def _admin_action(
    action: Callable[[HttpRequest, Any], str],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST-only action of the beheerder on one account; it says what happened."""

    @functools.wraps(action)
    @require_POST
    @role_required(Role.ADMINISTRATOR)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            target = selectors.user_for_admin(user=request.user, pk=pk)
        except ObjectDoesNotExist as error:
            raise Http404 from error
        try:
            messages.success(request, action(request, target))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("accounts:user_list")

    return view


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


@_admin_action
def user_deactivate(request: HttpRequest, target: Any) -> str:
    services.user_set_active(user=target, active=False, actor=request.user)  # type: ignore[arg-type]
    return _("Het account van %(name)s staat uit. Alle sessies zijn beëindigd.") % {
        "name": _name(target)
    }


@_admin_action
def user_activate(request: HttpRequest, target: Any) -> str:
    services.user_set_active(user=target, active=True, actor=request.user)  # type: ignore[arg-type]
    return _("Het account van %(name)s staat weer aan.") % {"name": _name(target)}


@_admin_action
def user_end_sessions(request: HttpRequest, target: Any) -> str:
    services.staff_sessions_end_by_admin(user=target, actor=request.user)  # type: ignore[arg-type]
    return _("Alle sessies van %(name)s zijn beëindigd.") % {"name": _name(target)}


@_admin_action
def user_reset_second_factor(request: HttpRequest, target: Any) -> str:
    services.second_factor_reset(user=target, actor=request.user)  # type: ignore[arg-type]
    return _("%(name)s stelt de authenticator-app opnieuw in bij de volgende keer inloggen.") % {
        "name": _name(target)
    }


@never_cache
@require_safe
@role_required(Role.ADMINISTRATOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who saw or changed which personal data, newest first, with filters; 50 a page."""
    form = AuditFilterForm(
        request.GET or None,
        actors=selectors.audit_actors(user=request.user),
        object_types=selectors.audit_object_types(user=request.user),
    )
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        events = selectors.audit_events_filtered(
            user=request.user,
            actor=data.get("actor", ""),
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id", "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    else:
        events = selectors.audit_events_visible_to(user=request.user).none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina"))
    filtered = any(
        request.GET.get(name)
        for name in ("actor", "object_type", "object_id", "date_from", "date_to")
    )
    return render(
        request, "accounts/audit_log.html", {"form": form, "page": page, "filtered": filtered}
    )
