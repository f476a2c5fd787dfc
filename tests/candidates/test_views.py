"""The candidate screens and the public consent page: permissions, audit, forms, consent."""

from __future__ import annotations

import itertools
import re

import pytest
from django.core import mail
from django.urls import reverse

from werkpunt.accounts.models import AuditAction, AuditEvent
from werkpunt.candidates import services
from werkpunt.candidates.models import Candidate, ConsentAction, ConsentEvent

pytestmark = pytest.mark.django_db


def detail_url(candidate):
    return reverse("candidates:detail", args=[candidate.pk])


def public_url(candidate_or_token):
    token = getattr(candidate_or_token, "consent_token", candidate_or_token)
    return reverse("candidates_public:consent", args=[token])


def identity_views(candidate):
    return AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        object_type="candidates.candidate",
        object_id=str(candidate.pk),
    )


def form_data(**changes):
    data = {
        "display_name": "Sanne B.",
        "email": "sanne@example.org",
        "phone": "",
        "tasks": ["orderpicken-magazijn", "heftruck-rijden"],
        "experience_years": "2",
        "max_physical_load": "middel",
        "skills": ["orderpicken"],
        "licences": ["heftruck"],
        "hours_per_week": "24,5",
        "days": ["ma", "di"],
        "home_place": "coevorden",
        "travel_mode": "fiets",
        "max_travel_minutes": "30",
        "language_level": "B1",
        "education_level": "mbo2",
        "support_needs": ["jobcoach"],
        "interests": ["logistiek"],
        "motivation": "Wil graag in een magazijn werken.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may see what ------------------------------------------------------------------------


def test_anonymous_goes_to_login_and_other_roles_get_403(client, candidate, make_user, login):
    assert client.get(reverse("candidates:list")).status_code == 302
    for role in ("werkgever", "bestuur"):
        login(client, make_user(role=role))
        for url in (
            reverse("candidates:list"),
            detail_url(candidate),
            reverse("candidates:create"),
            reverse("candidates:update", args=[candidate.pk]),
        ):
            assert client.get(url).status_code == 403, (role, url)
        response = client.post(reverse("candidates:consent_release", args=[candidate.pk]))
        assert response.status_code == 403
    assert not Candidate.objects.released().exists()


def test_own_adviser_sees_identity_and_it_is_audited(client, candidate, adviser, login, parse):
    login(client, adviser)
    response = client.get(detail_url(candidate))
    assert response.status_code == 200
    page = parse(response.content)
    assert "Sanne B." in page.find("main").plain
    assert "0591 123 456" in page.find("main").plain
    event = identity_views(candidate).get()
    assert event.actor == adviser
    assert event.fields == ["display_name", "email", "phone"]


def test_other_partner_sees_reference_but_no_name_and_no_audit(
    client, candidate, other_adviser, login, parse
):
    login(client, other_adviser)
    response = client.get(detail_url(candidate))
    assert response.status_code == 200
    main = parse(response.content).find("main").plain
    assert candidate.reference in main
    assert "Orders picken" in main or "orderpicken" in main.lower()
    assert "Sanne" not in main
    assert candidate.email not in main
    assert "Profiel wijzigen" not in main
    assert not identity_views(candidate).exists()
    assert client.get(reverse("candidates:update", args=[candidate.pk])).status_code == 403


def test_jobcoach_of_another_partner_sees_profile_not_identity(
    client, candidate, make_user, coevorden, emmen, login
):
    login(client, make_user(role="jobcoach", organisation=coevorden))
    response = client.get(detail_url(candidate))
    assert response.status_code == 200
    assert b"Sanne B." not in response.content
    client.logout()
    login(client, make_user(role="jobcoach", organisation=emmen))
    response = client.get(detail_url(candidate))
    assert b"Sanne B." in response.content
    assert b"Profiel vrijgeven" not in response.content  # a jobcoach only reads


def test_stopped_profile_of_another_partner_is_404(
    client, make_candidate, adviser, other_adviser, login
):
    stopped = make_candidate(adviser=adviser, is_active=False)
    login(client, other_adviser)
    assert client.get(detail_url(stopped)).status_code == 404
    assert client.get(reverse("candidates:detail", args=[99999])).status_code == 404


# --- The list --------------------------------------------------------------------------------


def test_list_shows_reference_completeness_and_consent_no_names(
    client, make_candidate, adviser, login, parse
):
    make_candidate(adviser=adviser, display_name="Geheim N.", released=True)
    make_candidate(adviser=adviser, skills=[], motivation="")
    login(client, adviser)
    response = client.get(reverse("candidates:list"))
    assert response.status_code == 200
    page = parse(response.content)
    table = page.find("table").plain
    assert re.search(r"K-\d{6}", table)
    assert "Geheim" not in table
    assert "Vrijgegeven" in table
    assert "Nog geen toestemming" in table
    assert "83% (10 van 12)" in table
    assert len(page.find_all("meter")) == 2
    assert not identity_views(Candidate.objects.first()).exists()


def test_list_filters_and_pages(client, make_candidate, adviser, login, parse):
    for _ in range(26):
        make_candidate(adviser=adviser)
    grower = make_candidate(adviser=adviser, tasks=["fruit-plukken"])
    login(client, adviser)
    page = parse(client.get(reverse("candidates:list")).content)
    assert len(page.find("tbody").plain.split("K-0")) - 1 == 25
    assert page.find("nav", class_="werkpunt-pagination")
    second = client.get(reverse("candidates:list") + "?pagina=2")
    assert second.status_code == 200
    filtered = parse(client.get(reverse("candidates:list") + "?taak=fruit-plukken").content)
    assert filtered.find("tbody").plain.count("K-0") == 1
    assert grower.reference in filtered.find("tbody").plain
    bad = client.get(reverse("candidates:list") + "?taak=bestaat-niet&plaats=x")
    assert bad.status_code == 200


# --- Create and change -----------------------------------------------------------------------


def test_create_form_groups_tasks_per_sector(client, adviser, login, parse):
    login(client, adviser)
    response = client.get(reverse("candidates:create"))
    assert response.status_code == 200
    page = parse(response.content)
    assert len(page.find_all("h1")) == 1
    assert len(page.find_all("details")) >= 10
    assert len(page.find_all("input", name="tasks")) == 325
    assert page.by_id("id_tasks_0").attrs["type"] == "checkbox"
    legends = " ".join(e.plain for e in page.find_all("legend"))
    assert "Wie is het (alleen zichtbaar voor uw organisatie)" in legends
    assert "geen medische informatie" in page.find("main").plain


def test_create_saves_and_redirects(client, adviser, login):
    login(client, adviser)
    response = client.post(reverse("candidates:create"), form_data(adviser=adviser.pk))
    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(candidate)
    assert candidate.tasks == ["orderpicken-magazijn", "heftruck-rijden"]
    assert str(candidate.hours_per_week) == "24.5"
    assert candidate.adviser == adviser


def test_bad_input_shows_dutch_messages_and_keeps_values(client, adviser, login, parse):
    login(client, adviser)
    response = client.post(
        reverse("candidates:create"),
        form_data(
            adviser=adviser.pk,
            hours_per_week="99",
            max_travel_minutes="veel",
            home_place="",
            tasks=["x"],
        ),
    )
    assert response.status_code == 200
    assert not Candidate.objects.exists()
    page = parse(response.content)
    summary = page.find("div", class_="utrecht-alert utrecht-alert--error werkpunt-error-summary")
    assert "Vul een heel getal in" in summary.plain
    assert "Kies de woonplaats uit de lijst." in summary.plain
    assert "Kies alleen uit de lijst" in summary.plain
    assert "tussen 0 en 60" in summary.plain  # the rules of the service at the same time
    assert page.by_id("id_display_name").attrs["value"] == "Sanne B."
    assert "checked" in page.find("input", name="days", value="ma").attrs


def test_range_errors_from_the_service_show_at_the_field(client, adviser, login, parse):
    login(client, adviser)
    response = client.post(
        reverse("candidates:create"), form_data(adviser=adviser.pk, hours_per_week="99")
    )
    assert response.status_code == 200
    page = parse(response.content)
    assert "tussen 0 en 60" in page.by_id("id_hours_per_week_error").plain


def test_edit_own_candidate(client, candidate, adviser, login, parse):
    login(client, adviser)
    response = client.get(reverse("candidates:update", args=[candidate.pk]))
    assert response.status_code == 200
    page = parse(response.content)
    assert page.by_id("id_display_name").attrs["value"] == "Sanne B."
    assert "checked" in page.find("input", name="tasks", value="orderpicken-magazijn").attrs
    response = client.post(
        reverse("candidates:update", args=[candidate.pk]),
        form_data(adviser=adviser.pk, display_name="Sanne Bakker", hours_per_week="12"),
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.display_name == "Sanne Bakker"
    assert candidate.hours_per_week == 12


def test_profile_from_a_worker_is_prefilled_for_who_may_see_the_worker(
    client, adviser, other_adviser, make_worker, login, parse
):
    worker = make_worker(created_by=adviser)
    url = reverse("candidates:create") + f"?werknemer={worker.pk}"
    login(client, other_adviser)
    assert client.get(url).status_code == 404
    client.logout()
    login(client, adviser)
    page = parse(client.get(url).content)
    assert page.by_id("id_display_name").attrs["value"] == "Piet K."
    assert page.by_id("id_hours_per_week").attrs["value"] == "28"
    response = client.post(url, form_data(adviser=adviser.pk, display_name="Piet K."))
    assert response.status_code == 302
    assert Candidate.objects.get().worker == worker
    assert client.get(url).status_code == 302  # already has a profile: go there


# --- Consent on the profile page -------------------------------------------------------------


def test_consent_buttons_turn_both_keys_and_withdraw(client, candidate, adviser, login, parse):
    login(client, adviser)
    page = parse(client.get(detail_url(candidate)).content)
    buttons = [b.plain for b in page.find_all("button")]
    for label in (
        "Toestemming kandidaat vastleggen",
        "Profiel vrijgeven",
        "Persoonlijke link mailen",
        "Nieuwe link maken",
    ):
        assert label in buttons
    record = reverse("candidates:consent_record", args=[candidate.pk])
    response = client.post(record, {"toestemming-via": "papier", "toestemming-note": "getekend"})
    assert response.status_code == 302
    client.post(reverse("candidates:consent_release", args=[candidate.pk]))
    assert Candidate.objects.released().get() == candidate
    page = parse(client.get(detail_url(candidate)).content)
    assert "Vrijgave intrekken" in [b.plain for b in page.find_all("button")]
    history = page.find("table").plain
    assert "Kandidaat gaf toestemming" in history
    assert "getekend" in history
    client.post(reverse("candidates:consent_withdraw", args=[candidate.pk]))
    assert not Candidate.objects.released().exists()
    assert ConsentEvent.objects.filter(action=ConsentAction.ADVISER_WITHDREW).exists()


def test_consent_record_without_a_choice_shows_a_dutch_message(
    client, candidate, adviser, login, parse
):
    login(client, adviser)
    response = client.post(reverse("candidates:consent_record", args=[candidate.pk]), {})
    assert response.status_code == 200
    assert "Kies hoe de kandidaat toestemming gaf." in parse(response.content).find("main").plain
    candidate.refresh_from_db()
    assert candidate.candidate_consent_at is None


def test_other_partner_cannot_release(client, candidate, other_adviser, login):
    login(client, other_adviser)
    response = client.post(reverse("candidates:consent_release", args=[candidate.pk]))
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.adviser_release_at is None


def test_mail_and_renew_the_link(client, candidate, adviser, login):
    login(client, adviser)
    old = candidate.consent_token
    response = client.post(reverse("candidates:consent_link_send", args=[candidate.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    client.post(reverse("candidates:consent_link_renew", args=[candidate.pk]))
    candidate.refresh_from_db()
    assert candidate.consent_token != old
    assert client.get(public_url(old)).status_code == 404
    assert client.get(public_url(candidate)).status_code == 200


def test_deactivate_and_reactivate(client, candidate, adviser, login):
    login(client, adviser)
    client.post(reverse("candidates:deactivate", args=[candidate.pk]))
    candidate.refresh_from_db()
    assert not candidate.is_active
    client.post(reverse("candidates:reactivate", args=[candidate.pk]))
    candidate.refresh_from_db()
    assert candidate.is_active


# --- The candidate's own page ----------------------------------------------------------------


def test_public_page_explains_and_is_not_cached_or_indexed(client, candidate, parse):
    response = client.get(public_url(candidate))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    page = parse(response.content)
    assert page.find("meta", name="robots").attrs["content"].startswith("noindex")
    main = page.find("main").plain
    for words in ("uw naam", "uw e-mailadres", "uw telefoonnummer", "gezondheid", "Anna"):
        assert words in main
    assert "Ja, ik geef toestemming" in [b.plain for b in page.find_all("button")]
    assert identity_views(candidate).filter(actor__isnull=True).exists()


def test_public_page_give_then_withdraw(client, candidate, adviser, parse):
    services.consent_release(candidate=candidate, by=adviser)
    response = client.post(public_url(candidate), {"actie": "geven"})
    assert response.status_code == 302
    assert Candidate.objects.released().get() == candidate
    page = parse(client.get(public_url(candidate)).content)
    assert "Dank u" in page.find("main").plain
    assert "Ik trek mijn toestemming in" in [b.plain for b in page.find_all("button")]
    client.post(public_url(candidate), {"actie": "intrekken"})
    assert not Candidate.objects.released().exists()
    candidate.refresh_from_db()
    assert candidate.consent_withdrawn_at is not None
    assert ConsentEvent.objects.filter(
        candidate=candidate, action=ConsentAction.CANDIDATE_WITHDREW, by__isnull=True
    ).exists()


def test_public_page_needs_csrf(candidate):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(public_url(candidate), {"actie": "geven"}).status_code == 403
    candidate.refresh_from_db()
    assert candidate.candidate_consent_at is None


def test_unknown_token_is_a_404_page_without_names(client, candidate):
    response = client.get(public_url("onbekend-token"))
    assert response.status_code == 404
    assert b"Deze link werkt niet" in response.content
    assert b"Sanne" not in response.content
    assert "noindex" in response["X-Robots-Tag"]
    assert client.post(public_url("onbekend-token"), {"actie": "geven"}).status_code == 404


def test_pages_have_unique_ids_one_h1_and_headings_in_order(
    client, make_candidate, adviser, login, parse
):
    candidate = make_candidate(adviser=adviser, consent=True)
    login(client, adviser)
    urls = [
        reverse("candidates:list"),
        reverse("candidates:create"),
        reverse("candidates:update", args=[candidate.pk]),
        detail_url(candidate),
        public_url(candidate),
    ]
    for url in urls:
        page = parse(client.get(url).content)
        ids = page.ids()
        assert len(ids) == len(set(ids)), (url, sorted({i for i in ids if ids.count(i) > 1}))
        levels = [int(e.tag[1]) for e in page.elements if e.tag in {"h1", "h2", "h3", "h4"}]
        assert levels.count(1) == 1, url
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (url, levels)
        for element in page.find_all("input"):
            if element.attrs.get("type") in {"checkbox", "radio", "text", "email"}:
                assert page.find_all("label", for_=element.attrs["id"]), (url, element.attrs)
