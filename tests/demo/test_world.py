"""What ``werkpunt manage demo_backoffice`` promises: the organisations, people, employers,
requests and placements of a lived-in back office, and the logins to see them."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from werkpunt.accounts import services as account_services
from werkpunt.accounts.models import (
    PARTNER_KINDS,
    STAFF_ROLES,
    AuditEvent,
    Organisation,
    OrganisationKind,
    Profile,
    Role,
    TotpDevice,
)
from werkpunt.core.demo_backoffice import (
    DEFAULT_PASSWORD,
    DEMO_EMAIL_DOMAIN,
    DEMO_KVK_NUMBERS,
    SHOWCASE_ADVISER,
    demo_totp_secret,
)
from werkpunt.employers.models import ContactKind, ContactLogEntry, Employer, Municipality, Request
from werkpunt.placements.models import (
    AfterSalesTask,
    Deadline,
    DeadlineStatus,
    Helper,
    HelperRole,
    Placement,
    PlacementStatus,
    Sustainability,
)
from werkpunt.rules import INSTRUMENT_CODES
from werkpunt.signals.models import LawSignal

pytestmark = pytest.mark.django_db

OPEN = ("new", "in_progress")


def user(username):
    return get_user_model().objects.get(username=username)


def snapshot():
    """Row counts of everything the demo makes."""
    return {
        "users": get_user_model().objects.count(),
        "profiles": Profile.objects.count(),
        "organisations": Organisation.objects.count(),
        "devices": TotpDevice.objects.count(),
        "employers": Employer.objects.count(),
        "contacts": ContactLogEntry.objects.count(),
        "requests": Request.objects.count(),
        "placements": Placement.objects.count(),
        "helpers": Helper.objects.count(),
        "deadlines": Deadline.objects.count(),
        "aftersales": AfterSalesTask.objects.count(),
        "signals": LawSignal.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


# --- Organisations and people ------------------------------------------------------------------


def test_the_seven_partners_and_the_programme_office(world):
    partners = Organisation.objects.filter(kind__in=PARTNER_KINDS)
    assert partners.count() >= 7
    municipalities = partners.filter(kind=OrganisationKind.MUNICIPALITY)
    assert set(municipalities.values_list("municipality", flat=True)) == set(Municipality.values)
    assert partners.filter(kind=OrganisationKind.UWV).count() == 1
    assert partners.filter(kind=OrganisationKind.PROGRAMME_OFFICE).count() == 1


def test_staff_of_every_role_with_an_adviser_at_every_partner(world):
    profiles = Profile.objects.filter(user__email__endswith="@" + DEMO_EMAIL_DOMAIN)
    roles = Counter(profiles.values_list("role", flat=True))
    assert roles[Role.ADVISER] >= 10
    assert roles[Role.TEAM_LEAD] == 2
    assert roles[Role.JOBCOACH] == 2
    for role in (Role.EDITOR, Role.ADMINISTRATOR, Role.BOARD):
        assert roles[role] >= 1
    assert roles[Role.EMPLOYER] >= 3
    adviser_orgs = set(
        profiles.filter(role=Role.ADVISER).values_list("organisation__slug", flat=True)
    )
    partner_slugs = set(
        Organisation.objects.filter(kind__in=PARTNER_KINDS).values_list("slug", flat=True)
    )
    assert adviser_orgs == partner_slugs


def test_every_account_uses_the_demo_password_and_a_reserved_domain(world):
    demo = get_user_model().objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN)
    assert demo.count() == 20
    hashes = set(demo.values_list("password", flat=True))
    assert len(hashes) == 1
    # hashers.check_password does not re-hash (User.check_password would, in tests).
    assert check_password(DEFAULT_PASSWORD, hashes.pop())


def test_staff_have_a_confirmed_demo_authenticator_and_employers_none(world):
    for profile in Profile.objects.select_related("user").filter(
        user__email__endswith="@" + DEMO_EMAIL_DOMAIN
    ):
        device = TotpDevice.objects.filter(user=profile.user).first()
        if profile.role in STAFF_ROLES:
            assert device is not None
            assert device.confirmed_at is not None
            assert device.secret == demo_totp_secret(profile.user.username)
        else:
            assert device is None


def test_employer_users_belong_to_their_employer(world):
    for profile in Profile.objects.filter(role=Role.EMPLOYER).select_related("organisation"):
        assert profile.organisation.kind == OrganisationKind.EMPLOYER
        assert Employer.objects.filter(organisation=profile.organisation).exists()


# --- Employers ---------------------------------------------------------------------------------


def test_forty_employers_over_the_six_municipalities_with_kvk_numbers(world):
    employers = Employer.objects.all()
    assert employers.count() >= 40
    assert set(employers.values_list("municipality", flat=True)) == set(Municipality.values)
    assert len(set(employers.values_list("sector", flat=True))) >= 8
    for kvk in employers.values_list("kvk_number", flat=True):
        assert re.fullmatch(r"9\d{7}", kvk)
    assert set(employers.values_list("kvk_number", flat=True)) == set(DEMO_KVK_NUMBERS)
    # Contact persons from several partners, all advisers.
    contact_orgs = set(employers.values_list("contact_person__profile__organisation", flat=True))
    assert len(contact_orgs) >= 7
    assert set(employers.values_list("contact_person__profile__role", flat=True)) == {Role.ADVISER}


def test_every_employer_has_a_location_and_a_history(world):
    for employer in Employer.objects.annotate(
        places=Count("locations", distinct=True),
        talks=Count("contacts", filter=~Q(contacts__kind=ContactKind.NOTE), distinct=True),
    ):
        assert employer.places >= 1
        assert employer.talks >= 2
    # The history lies in the past, not all on the day the command ran.
    today = timezone.localdate()
    assert ContactLogEntry.objects.filter(date__lt=today).count() > 100
    assert not ContactLogEntry.objects.filter(date__gt=today).exists()


# --- Requests ----------------------------------------------------------------------------------


def test_requests_in_every_state(world):
    now = timezone.now()
    requests = Request.objects.all()
    assert 25 <= requests.count() <= 40
    states = {
        "new in intake": requests.filter(owner__isnull=True, status="new", call_back_by__gt=now),
        "owned, open, in time": requests.filter(
            owner__isnull=False, status__in=OPEN, call_back_by__gt=now
        ),
        "overdue": requests.filter(
            status__in=OPEN, call_back_by__lt=now, escalated_at__isnull=True
        ),
        "escalated": requests.filter(status__in=OPEN, escalated_at__isnull=False),
        "answered on time": requests.filter(status="done", answered_at__lte=F("call_back_by")),
        "answered late": requests.filter(status="done", answered_at__gt=F("call_back_by")),
    }
    for state, found in states.items():
        assert found.exists(), state


def test_request_times_are_consistent(world):
    for request in Request.objects.all():
        assert request.call_back_by > request.created_at
        if request.answered_at:
            assert request.answered_at > request.created_at
        if request.escalated_at:
            # Escalated only after its deadline had passed.
            assert request.escalated_at > request.call_back_by
            if request.answered_at:
                assert request.answered_at > request.escalated_at


# --- Placements --------------------------------------------------------------------------------


def test_sixty_placements_in_every_phase(world):
    placements = Placement.objects.all()
    assert placements.count() >= 60
    statuses = Counter(placements.values_list("status", flat=True))
    assert set(statuses) == set(PlacementStatus.values)
    today = timezone.localdate()
    assert placements.filter(status=PlacementStatus.PLANNED, start_date__gt=today).count() >= 3
    assert placements.filter(start_date__gt=today).count() == statuses[PlacementStatus.PLANNED]
    started = placements.filter(status=PlacementStatus.ACTIVE)
    assert started.filter(start_date__gte=today - timezone.timedelta(days=45)).exists()
    assert started.filter(start_date__lte=today - timezone.timedelta(days=330)).exists()
    for placement in placements.filter(status=PlacementStatus.ENDED):
        assert placement.ended_on is not None
        assert placement.ended_on <= today


def test_placements_use_the_rules_situations_and_instruments(world):
    instruments = Counter(code for p in Placement.objects.all() for code in p.instruments)
    for code in ("lkv", "loonkostensubsidie", "no_riskpolis", "proefplaatsing", "jobcoach"):
        assert instruments[code] >= 1, code
    benefits = Counter(p.situation.get("benefit") for p in Placement.objects.all())
    assert {"wajong", "bijstand", "ww", "wia_wga"} <= set(benefits)
    assert any(p.situation.get("loonwaarde_percentage") for p in Placement.objects.all())
    known = set(INSTRUMENT_CODES) | {"arbeidsovereenkomst"}
    assert set(Deadline.objects.values_list("instrument", flat=True)) <= known


def test_deadlines_open_done_late_and_missed_with_money(world):
    today = timezone.localdate()
    deadlines = Deadline.objects.all()
    assert deadlines.filter(status=DeadlineStatus.OPEN, due_date__gte=today).exists()
    assert deadlines.filter(status=DeadlineStatus.OPEN, due_date__lt=today).exists()
    assert deadlines.filter(status=DeadlineStatus.DONE, done_at__date__lte=F("due_date")).exists()
    assert deadlines.filter(status=DeadlineStatus.DONE, done_at__date__gt=F("due_date")).exists()
    assert deadlines.filter(status=DeadlineStatus.MISSED, amount_at_stake_cents__gt=0).exists()
    # A just-started placement still has its doelgroepverklaring ahead.
    assert deadlines.filter(
        code="doelgroepverklaring_aanvragen", status=DeadlineStatus.OPEN, due_date__gte=today
    ).exists()
    # Open deadlines belong to the employer's contact person.
    assert (
        not deadlines.filter(status=DeadlineStatus.OPEN)
        .exclude(owner=F("placement__employer__contact_person"))
        .exists()
    )


def test_aftersales_done_open_and_every_sustainability_answer(world):
    tasks = AfterSalesTask.objects.all()
    assert tasks.filter(done_at__isnull=False).exists()
    assert tasks.filter(done_at__isnull=True, due_date__lt=timezone.localdate()).exists()
    answers = set(
        tasks.filter(is_sustainability_check=True, done_at__isnull=False).values_list(
            "sustainability", flat=True
        )
    )
    assert answers == set(Sustainability.values)
    assert tasks.filter(moment="12m", done_at__isnull=False).exists()
    # Nothing was recorded before its moment.
    assert not tasks.filter(done_at__date__lt=F("due_date")).exists()


def test_helpers_with_one_coordinator_and_jobcoaches_with_accounts(world):
    coordinators = Placement.objects.annotate(
        n=Count("helpers", filter=Q(helpers__is_coordinator=True))
    ).values_list("n", flat=True)
    assert set(coordinators) == {1}
    jobcoach_helpers = Helper.objects.filter(role=HelperRole.JOBCOACH, user__isnull=False)
    assert set(jobcoach_helpers.values_list("user__profile__role", flat=True)) == {Role.JOBCOACH}
    assert jobcoach_helpers.values("user").distinct().count() == 2
    roles = set(Helper.objects.values_list("role", flat=True))
    assert {HelperRole.CASE_MANAGER, HelperRole.UWV_ADVISER, HelperRole.BUDDY} <= roles


def test_law_signals_across_themes(world):
    signals = LawSignal.objects.all()
    assert signals.count() >= 5
    assert signals.values("theme").distinct().count() >= 5
    assert signals.filter(placement__isnull=False).exists()


# --- Running it again --------------------------------------------------------------------------


def test_running_again_duplicates_nothing(world, allow_demo):
    before = snapshot()
    out = io.StringIO()

    call_command("demo_backoffice", stdout=out)

    assert snapshot() == before
    assert "niets dubbel" in out.getvalue()


def test_reset_builds_the_world_again(world, allow_demo):
    before = snapshot()
    old_placements = set(Placement.objects.values_list("pk", flat=True))

    call_command("demo_backoffice", "--reset", stdout=io.StringIO())

    after = snapshot()
    for key in ("users", "organisations", "employers", "requests", "placements", "signals"):
        assert after[key] == before[key], key
    assert not old_placements & set(Placement.objects.values_list("pk", flat=True))


def test_a_new_password_from_the_environment(world, allow_demo, monkeypatch):
    monkeypatch.setenv("WERKPUNT_DEMO_PASSWORD", "een-ander-demo-wachtwoord")
    out = io.StringIO()

    call_command("demo_backoffice", stdout=out)

    assert user(SHOWCASE_ADVISER).check_password("een-ander-demo-wachtwoord")
    assert "een-ander-demo-wachtwoord" in out.getvalue()


def test_does_not_touch_a_real_account_with_a_demo_user_name(world, allow_demo):
    real = user("adviseur.wsp")
    real.email = "j.mulder@wsp-drenthe.nl"
    real.set_password("mijn-eigen-wachtwoord-123")
    real.save()

    with pytest.raises(CommandError, match="niet van de demo"):
        call_command("demo_backoffice", stdout=io.StringIO())

    real.refresh_from_db()
    assert real.check_password("mijn-eigen-wachtwoord-123")


def test_the_summary_names_the_logins_and_how_to_get_a_code(world):
    assert SHOWCASE_ADVISER in world
    assert DEFAULT_PASSWORD in world
    assert f"demo_code {SHOWCASE_ADVISER}" in world
    for username in ("teamleider.emmen", "jobcoach.emmen", "werkgever.supermarkt"):
        assert username in world


# --- The second factor of a demo account -------------------------------------------------------


def code_of(username):
    out = io.StringIO()
    call_command("demo_code", username, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_demo_code_gives_a_code_that_logs_in_once_then_the_next(world, allow_demo):
    adviser = user(SHOWCASE_ADVISER)
    first = code_of(SHOWCASE_ADVISER)
    assert re.fullmatch(r"\d{6}", first)
    assert account_services.totp_verify(user=adviser, code=first)
    assert not account_services.totp_verify(user=adviser, code=first)

    second = code_of(SHOWCASE_ADVISER)

    assert account_services.totp_verify(user=adviser, code=second)


def test_demo_code_with_secret_prints_what_an_app_needs(world, allow_demo):
    out = io.StringIO()
    call_command("demo_code", "jobcoach.emmen", "--secret", stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert demo_totp_secret("jobcoach.emmen")[:4] in text
    assert "otpauth://totp/" in text


def test_demo_code_refuses_a_real_account(world, allow_demo, make_user):
    real = make_user(role=Role.ADVISER)
    device = account_services.totp_device_for_enrolment(user=real)
    TotpDevice.objects.filter(pk=device.pk).update(confirmed_at=timezone.now())

    with pytest.raises(CommandError, match="geen demo-account"):
        code_of(real.username)


def test_demo_code_refuses_a_demo_account_with_its_own_app(world, allow_demo):
    adviser = user("adviseur.uwv")
    TotpDevice.objects.filter(user=adviser).update(secret="JBSWY3DPEHPK3PXP")

    with pytest.raises(CommandError, match="eigen authenticator-app"):
        code_of("adviseur.uwv")


def test_demo_code_refuses_employers_and_unknown_names(world, allow_demo):
    with pytest.raises(CommandError, match="werkgever"):
        code_of("werkgever.supermarkt")
    with pytest.raises(CommandError, match="geen account"):
        code_of("adviseur.nergens")


def test_demo_code_refuses_without_the_demo_switch(world, monkeypatch):
    monkeypatch.delenv("WERKPUNT_ALLOW_DEMO", raising=False)

    with pytest.raises(CommandError, match="WERKPUNT_ALLOW_DEMO"):
        code_of(SHOWCASE_ADVISER)


def test_a_newcomer_logs_in_with_password_and_demo_code(world, allow_demo, client):
    response = client.post(
        "/account/inloggen/", {"identifier": SHOWCASE_ADVISER, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/tweede-stap/"

    response = client.post("/account/tweede-stap/", {"code": code_of(SHOWCASE_ADVISER)})

    assert response.status_code == 302
    page = client.get("/werk/")
    assert page.status_code == 200
    assert b"Mijn werk" in page.content


# --- The screens show the data -----------------------------------------------------------------


def _groups(response, key):
    section = next(s for s in response.context["sections"] if s.key == key)
    return {group["bucket"]: len(group["rows"]) for group in section.groups}


def test_my_work_of_the_showcase_adviser_is_full(world, client, login, parse):
    login(client, user(SHOWCASE_ADVISER))

    response = client.get("/werk/")

    assert response.status_code == 200
    requests = _groups(response, "vragen")
    deadlines = _groups(response, "termijnen")
    tasks = _groups(response, "nazorg")
    assert requests.get("late")
    assert requests.get("week") or requests.get("today")
    assert deadlines.get("late")
    assert deadlines.get("week")
    assert tasks.get("late")
    assert tasks.get("week") or tasks.get("today")
    page = parse(response.content)
    assert len(page.find_all("tr")) > 15


@pytest.mark.parametrize("username", ["jobcoach.emmen", "jobcoach.hoogeveen"])
def test_my_work_of_a_jobcoach_shows_their_placements(world, client, login, username):
    login(client, user(username))

    response = client.get("/werk/")

    assert response.status_code == 200
    assert sum(_groups(response, "nazorg").values()) >= 1


def test_team_page_and_portal_open(world, client, login):
    login(client, user("teamleider.emmen"))
    assert client.get("/werk/team/").status_code == 200
    client.logout()
    login(client, user("werkgever.supermarkt"))
    response = client.get("/mijn/")
    assert response.status_code == 200
    assert b"Supermarkt Hondsrugplein" in response.content
