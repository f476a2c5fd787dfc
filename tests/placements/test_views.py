"""The placement screens: who sees what, forms with Dutch errors, audit events, pages render."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from werkpunt.accounts.models import AuditAction, AuditEvent
from werkpunt.placements import services
from werkpunt.placements.models import (
    AfterSalesTask,
    Deadline,
    DeadlineStatus,
    Helper,
    Placement,
    PlacementStatus,
    Worker,
)

pytestmark = pytest.mark.django_db

CONSENT = "De werknemer weet welke gegevens het WSP vastlegt en waarom, en gaf toestemming"


def detail_url(placement):
    return reverse("placements:detail", args=[placement.pk])


def form_data(**changes):
    """A valid POST of the create form (the README example)."""
    data = {
        "worker_name": "Sanne B.",
        "worker_birth_date": "10-03-1966",
        "worker_municipality": "emmen",
        "consent_recorded": "on",
        "job_title": "Medewerker kwekerij",
        "contract": "open",
        "start_date": "2025-09-01",
        "end_date": "",
        "hours_per_week": "32",
        "hourly_wage": "15,20",
        "benefit": "ww",
        "benefit_weeks": "40",
        "bbl_student": "false",
        "employed_by_employer_last_6_months": "false",
        "instruments": ["lkv_oudere_werknemer", "ww_premiedifferentiatie"],
        "actie": "opslaan",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def audit_views(placement):
    return AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="placements.placement", object_id=str(placement.pk)
    )


# --- Who may see what ----------------------------------------------------------------------


def test_anonymous_goes_to_login_and_employer_users_get_403(
    client, create_placement, make_user, login
):
    placement = create_placement()
    response = client.get(reverse("placements:list"))
    assert response.status_code == 302
    employer_user = make_user(role="werkgever")
    placement.employer.organisation = employer_user.profile.organisation
    placement.employer.save()
    login(client, employer_user)
    for url in (
        reverse("placements:list"),
        detail_url(placement),
        reverse("placements:create") + f"?werkgever={placement.employer.pk}",
    ):
        assert client.get(url).status_code == 403
    done = reverse("placements:deadline_done", args=[placement.pk, placement.deadlines.first().pk])
    assert client.post(done).status_code == 403
    for role in ("redacteur", "bestuur", "beheerder"):
        login(client, make_user(role=role))
        assert client.get(detail_url(placement)).status_code == 403


def test_jobcoach_sees_only_own_placements_read_only(
    client, create_placement, make_user, login, adviser, parse
):
    own = create_placement()
    other = create_placement(worker_name="Piet K.")
    coach = make_user(role="jobcoach")
    services.helper_add(
        placement=own,
        role="jobcoach",
        name="Coach",
        organisation_name="",
        phone="",
        email="",
        user=coach,
        by=adviser,
    )
    login(client, coach)
    page = client.get(reverse("placements:list"))
    assert page.status_code == 200
    assert "Sanne B." in page.content.decode()
    assert "Piet K." not in page.content.decode()
    assert client.get(detail_url(other)).status_code == 404
    response = client.get(detail_url(own))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanne B." in html
    assert "Coach" in html  # the helpers list
    assert not parse(response.content).find_all("form", method="post")[1:]  # only logout
    deadline = own.deadlines.first()
    url = reverse("placements:deadline_done", args=[own.pk, deadline.pk])
    assert client.post(url).status_code == 403
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN


def test_an_adviser_not_involved_sees_the_placement_without_name_and_situation(
    client, create_placement, make_user, login, parse
):
    placement = create_placement()
    outsider = make_user(role="adviseur")
    login(client, outsider)
    response = client.get(detail_url(placement))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanne B." not in html
    assert "werknemer (de naam ziet u alleen als u betrokken bent)" in html
    assert "Situatie van de werknemer" not in html
    assert "10 maart 1966" not in html
    assert "Doelgroepverklaring" in html or "doelgroepverklaring" in html  # the timeline is shared
    assert not audit_views(placement).exists()
    # Read only: no forms to record anything.
    assert not parse(response.content).find_all(
        "form",
        action=reverse(
            "placements:deadline_done", args=[placement.pk, placement.deadlines.first().pk]
        ),
    )
    listing = client.get(reverse("placements:list")).content.decode()
    assert "Sanne B." not in listing
    assert "Medewerker kwekerij" in listing


def test_the_involved_adviser_sees_name_and_situation_and_each_view_is_audited(
    client, create_placement, adviser, login, parse, text
):
    placement = create_placement()
    login(client, adviser)
    response = client.get(detail_url(placement))
    assert response.status_code == 200
    page = parse(response.content)
    assert len(page.find_all("h1")) == 1
    html = response.content.decode()
    assert "Sanne B." in html
    assert "Situatie van de werknemer" in html
    assert "10 maart 1966" in html
    assert "WW" in html
    events = list(audit_views(placement))
    assert len(events) == 1
    assert events[0].actor == adviser
    assert events[0].reason == "plaatsing bekijken"
    assert {"worker.display_name", "worker.birth_date", "situation"} <= set(events[0].fields)
    client.get(detail_url(placement))
    assert audit_views(placement).count() == 2
    client.get(reverse("placements:list"))
    assert audit_views(placement).filter(reason="lijst van plaatsingen").count() == 1


def test_the_page_shows_the_timeline_money_people_and_instruments(
    client, create_placement, adviser, login, parse, text
):
    placement = create_placement()
    services.helper_add(
        placement=placement,
        role="jobcoach",
        name="Jan Coach",
        organisation_name="Coach & Co",
        phone="06 12345678",
        email="jan@coach.test",
        is_coordinator=True,
        by=adviser,
    )
    login(client, adviser)
    page = parse(client.get(detail_url(placement)).content)
    verklaring = placement.deadlines.get(code="doelgroepverklaring_aanvragen")
    row = page.by_id(f"termijn-{verklaring.pk}")
    assert row.tag == "tr"
    row_text = text(row)
    assert "30 november 2025" in row_text
    assert "€ " in row_text
    amount = f"{verklaring.amount_at_stake_cents // 100:,}".replace(",", ".")
    assert f"€ {amount},{verklaring.amount_at_stake_cents % 100:02d}" in row_text
    assert "Wie doet het: werknemer" in row_text
    assert "Open" in row_text
    check = placement.aftersales_tasks.get(moment="6m")
    assert "duurzaamheidscheck" in text(page.by_id(f"nazorg-{check.pk}"))
    # Deadlines and contact moments are merged by date.
    ids = [i for i in page.ids() if i.startswith(("termijn-", "nazorg-")) and i.count("-") == 1]
    dates = []
    for element_id in ids:
        kind, pk = element_id.split("-")
        model = Deadline if kind == "termijn" else AfterSalesTask
        dates.append(model.objects.get(pk=pk).due_date)
    assert dates == sorted(dates)
    assert len(ids) == placement.deadlines.count() + placement.aftersales_tasks.count()
    call = text(page.find("div", class_="werkpunt-placement-call"))
    assert "Jan Coach" in call
    assert "06 12345678" in call
    html = client.get(detail_url(placement)).content.decode()
    assert "(coördinator)" in html
    assert "LKV oudere werknemer" in html
    assert "Bedragen per jaar volgens de regels" in html
    assert "(voorlopig)" in html  # years after the last known parameters


# --- Registering a placement ---------------------------------------------------------------


def test_create_needs_an_employer(client, adviser, login, employer):
    login(client, adviser)
    response = client.get(reverse("placements:create"))
    assert response.status_code == 200
    assert "Open eerst de pagina van de werkgever" in response.content.decode()
    assert client.get(reverse("placements:create") + "?werkgever=999999").status_code == 404
    assert client.get(reverse("placements:create") + "?werkgever=abc").status_code == 200
    response = client.get(reverse("placements:create") + f"?werkgever={employer.pk}")
    assert response.status_code == 200
    assert employer.name in response.content.decode()
    assert CONSENT in response.content.decode()


def test_create_form_prefills_from_a_financieel_cv_link(client, adviser, login, employer, parse):
    login(client, adviser)
    url = (
        reverse("placements:create")
        + f"?werkgever={employer.pk}&benefit=wajong&doelgroepregister=true&start_date=2026-02-01&contract=fixed_term"
    )
    page = parse(client.get(url).content)
    assert "checked" in page.find("input", name="benefit", value="wajong").attrs
    assert "checked" in page.find("input", name="indications", value="doelgroepregister").attrs
    assert page.find("input", name="start_date").attrs["value"] == "2026-02-01"
    assert "checked" in page.find("input", name="contract", value="fixed").attrs


def test_create_without_consent_shows_the_error_and_keeps_the_answers(
    client, adviser, login, employer, parse, text
):
    login(client, adviser)
    url = reverse("placements:create") + f"?werkgever={employer.pk}"
    response = client.post(url, form_data(consent_recorded=None))
    assert response.status_code == 200
    page = parse(response.content)
    summary = page.find("div", class_="utrecht-alert utrecht-alert--error werkpunt-error-summary")
    assert "Leg eerst vast dat de werknemer toestemming gaf" in text(summary)
    assert page.find("a", href="#plaatsing-consent_recorded")
    assert "Leg eerst vast" in text(page.by_id("plaatsing-consent_recorded_error"))
    assert page.find("input", name="worker_name").attrs["value"] == "Sanne B."
    assert page.find("input", name="hourly_wage").attrs["value"] == "15,20"
    assert Worker.objects.count() == 0


def test_create_shows_rules_errors_next_to_the_field(client, adviser, login, employer, parse, text):
    login(client, adviser)
    url = reverse("placements:create") + f"?werkgever={employer.pk}"
    response = client.post(url, form_data(worker_birth_date="01-01-2020", hours_per_week="veel"))
    page = parse(response.content)
    assert "Vul een getal in" in text(page.by_id("plaatsing-hours_per_week_error"))
    response = client.post(url, form_data(worker_birth_date="01-01-2020"))
    page = parse(response.content)
    assert "15 jaar" in text(page.by_id("plaatsing-worker_birth_date_error"))
    response = client.post(url, form_data(contract="fixed", end_date=""))
    assert "einddatum" in text(parse(response.content).by_id("plaatsing-end_date_error"))
    assert Placement.objects.count() == 0


def test_calculating_marks_the_instruments_that_apply_and_saves_nothing(
    client, adviser, login, employer, parse, text
):
    login(client, adviser)
    url = reverse("placements:create") + f"?werkgever={employer.pk}"
    response = client.post(url, form_data(actie="bereken", instruments=[]))
    assert response.status_code == 200
    page = parse(response.content)
    assert "geldt volgens de regels" in text(page.find("label", for_="plaatsing-instruments_0"))
    labels = {text(label) for label in page.find_all("label") if "LKV" in text(label)}
    assert any("LKV oudere werknemer — geldt volgens de regels" in label for label in labels)
    assert any("LKV banenafspraak — geldt niet volgens de regels" in label for label in labels)
    assert Placement.objects.count() == 0


def test_an_instrument_that_does_not_apply_is_refused(
    client, adviser, login, employer, parse, text
):
    login(client, adviser)
    url = reverse("placements:create") + f"?werkgever={employer.pk}"
    response = client.post(url, form_data(instruments=["lkv_banenafspraak"]))
    page = parse(response.content)
    assert "geldt dit niet" in text(page.by_id("plaatsing-instruments_error"))
    assert Placement.objects.count() == 0


def test_create_saves_and_redirects_to_the_page(client, adviser, login, employer, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: dt.date(2025, 8, 1))
    login(client, adviser)
    url = reverse("placements:create") + f"?werkgever={employer.pk}"
    response = client.post(url, form_data())
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(placement)
    assert placement.hourly_wage_cents == 1520
    assert placement.instruments == ["lkv_oudere_werknemer", "ww_premiedifferentiatie"]
    assert placement.worker.consent_by == adviser
    assert placement.situation["benefit"] == "ww"
    assert placement.status == PlacementStatus.PLANNED
    verklaring = placement.deadlines.get(code="doelgroepverklaring_aanvragen")
    assert verklaring.due_date == dt.date(2025, 11, 30)
    page = client.get(response["Location"]).content.decode()
    assert "De plaatsing is vastgelegd" in page


# --- Recording on the page -----------------------------------------------------------------


def test_record_deadlines_and_contact_moments(
    client, create_placement, adviser, login, parse, text
):
    placement = create_placement()
    login(client, adviser)
    deadline = placement.deadlines.order_by("due_date").first()
    response = client.post(reverse("placements:deadline_done", args=[placement.pk, deadline.pk]))
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.DONE
    assert deadline.done_by == adviser

    other = placement.deadlines.filter(status=DeadlineStatus.OPEN).first()
    url = reverse("placements:deadline_not_needed", args=[placement.pk, other.pk])
    response = client.post(url, {f"termijn-{other.pk}-reason": ""})
    assert response.status_code == 400
    page = parse(response.content)
    assert "waarom" in text(page.by_id(f"termijn-{other.pk}-reason_error"))
    assert page.find("a", href=f"#termijn-{other.pk}-reason")
    client.post(url, {f"termijn-{other.pk}-reason": "Loopt via UWV"})
    other.refresh_from_db()
    assert other.status == DeadlineStatus.NOT_NEEDED

    check = placement.aftersales_tasks.get(moment="6m")
    url = reverse("placements:aftersales_complete", args=[placement.pk, check.pk])
    response = client.post(url, {f"nazorg-{check.pk}-notes": "Gebeld met de werkgever"})
    assert response.status_code == 400
    page = parse(response.content)
    assert "Kies waar de werknemer nu werkt" in text(
        page.by_id(f"nazorg-{check.pk}-sustainability_error")
    )
    assert page.find("textarea", name=f"nazorg-{check.pk}-notes").plain == "Gebeld met de werkgever"
    response = client.post(
        url, {f"nazorg-{check.pk}-notes": "Gaat goed", f"nazorg-{check.pk}-sustainability": "here"}
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.sustainability == "here"
    assert "Werkt nog bij deze werkgever" in client.get(detail_url(placement)).content.decode()
    plain = placement.aftersales_tasks.get(moment="2w")
    assert (
        f"nazorg-{plain.pk}-sustainability"
        not in client.get(detail_url(placement)).content.decode()
    )


def test_helpers_on_the_page(client, create_placement, adviser, login, make_user, parse, text):
    placement = create_placement()
    coach = make_user(role="jobcoach", first_name="Joke")
    login(client, adviser)
    url = reverse("placements:helper_add", args=[placement.pk])
    response = client.post(url, {"role": "", "name": "", "phone": "abc"})
    assert response.status_code == 400
    page = parse(response.content)
    assert "Kies een rol" in text(page.by_id("betrokkene-role_error"))
    assert page.find("details", class_="werkpunt-placement-add").attrs.get("open") is not None
    response = client.post(
        url,
        {
            "role": "jobcoach",
            "name": "Joke Coach",
            "phone": "06 1234 5678",
            "user": coach.pk,
            "is_coordinator": "on",
        },
    )
    assert response.status_code == 302
    helper = Helper.objects.get()
    assert helper.user == coach
    assert helper.is_coordinator
    second = services.helper_add(
        placement=placement,
        role="maatje",
        name="Piet",
        organisation_name="",
        phone="",
        email="",
        by=adviser,
    )
    client.post(reverse("placements:helper_coordinator", args=[placement.pk, second.pk]))
    helper.refresh_from_db()
    second.refresh_from_db()
    assert second.is_coordinator
    assert not helper.is_coordinator
    client.post(reverse("placements:helper_remove", args=[placement.pk, helper.pk]))
    assert not Helper.objects.filter(pk=helper.pk).exists()
    other = create_placement()
    assert (
        client.post(reverse("placements:helper_remove", args=[other.pk, second.pk])).status_code
        == 404
    )


def test_update_end_and_erase_pages(
    client, create_placement, adviser, login, make_user, parse, text
):
    placement = create_placement()
    login(client, adviser)
    url = reverse("placements:update", args=[placement.pk])
    page = parse(client.get(url).content)
    assert page.find("input", name="hourly_wage").attrs["value"] == "15,20"
    response = client.post(url, {"hours_per_week": "70", "hourly_wage": "15,20"})
    assert "60" in text(parse(response.content).by_id("wijzigen-hours_per_week_error"))
    assert client.post(url, {"hours_per_week": "24", "hourly_wage": "16,00"}).status_code == 302
    placement.refresh_from_db()
    assert placement.hourly_wage_cents == 1600

    url = reverse("placements:end", args=[placement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"ended_on": "01-01-2020"})
    assert "eerste werkdag" in text(parse(response.content).by_id("stoppen-ended_on_error"))
    assert client.post(url, {"ended_on": "2026-01-31"}).status_code == 302
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ENDED

    erase = reverse("placements:erase", args=[placement.pk])
    assert client.get(erase).status_code == 403  # advisers may not erase
    lead = make_user(role="teamleider")
    login(client, lead)
    response = client.get(erase)
    assert response.status_code == 200
    assert "Dit kan niet ongedaan worden gemaakt" in response.content.decode()
    response = client.post(erase, {"reason": ""})
    assert "Schrijf op waarom" in text(parse(response.content).by_id("wissen-reason_error"))
    assert client.post(erase, {"reason": "verzoek van de werknemer"}).status_code == 302
    placement.refresh_from_db()
    assert placement.worker.anonymised_at is not None
    html = client.get(detail_url(placement)).content.decode()
    assert "Sanne B." not in html
    assert "Gegevens gewist op" in html


def test_list_filters_and_pages(
    client, create_placement, adviser, login, make_user, make_employer, parse, text
):
    first = create_placement()
    services.placement_end(placement=first, ended_on=dt.date(2025, 12, 1), by=adviser)
    other_employer = make_employer(name="Bakkerij Bol")
    from werkpunt.placements.services import placement_create

    for n in range(26):
        placement_create(
            employer=other_employer,
            worker_name=f"Werknemer {n}",
            worker_birth_date=dt.date(1990, 1, 1),
            worker_municipality="",
            consent_recorded=True,
            job_title=f"Bakker {n}",
            start_date=dt.date(2025, 9, 1),
            end_date=None,
            hours_per_week=20,
            hourly_wage_cents=1500,
            contract="open",
            situation={"benefit": "none"},
            instruments=[],
            created_by=other_employer.contact_person,
            as_of=dt.date(2025, 8, 1),
        )
    login(client, adviser)
    page = parse(client.get(reverse("placements:list")).content)
    assert "27 plaatsingen, pagina 1 van 2" in text(page.find("caption"))
    assert len(page.find_all("tr")) == 26  # header and 25 rows
    page = parse(client.get(reverse("placements:list") + "?q=bol&pagina=2").content)
    assert "26 plaatsingen, pagina 2 van 2" in text(page.find("caption"))
    assert page.find("a", href="?q=bol&pagina=1")
    page = parse(client.get(reverse("placements:list") + "?status=ended").content)
    assert "1 plaatsingen" in text(page.find("caption"))
    page = parse(client.get(reverse("placements:list") + "?mine=on").content)
    assert "1 plaatsingen" in text(page.find("caption"))
    page = parse(
        client.get(
            reverse("placements:list") + f"?werkgever={other_employer.pk}&status=lotto"
        ).content
    )
    assert "26 plaatsingen" in text(page.find("caption"))
    assert client.get(reverse("placements:list") + "?pagina=999").status_code == 200


def _labelled(page) -> list[str]:
    """ids of form controls without a <label for=...> (hidden inputs and buttons excluded)."""
    labels = {label.attrs.get("for") for label in page.find_all("label")}
    missing = []
    for element in page.elements:
        if element.tag not in {"input", "select", "textarea"}:
            continue
        if element.attrs.get("type") in {"hidden", "submit"}:
            continue
        if element.attrs.get("id") not in labels:
            missing.append(element.attrs.get("id") or element.attrs.get("name", "?"))
    return missing


def test_pages_have_one_h1_unique_ids_and_a_label_for_every_field(
    client, create_placement, adviser, login, parse, make_user
):
    placement = create_placement()
    services.helper_add(
        placement=placement,
        role="jobcoach",
        name="Jan",
        organisation_name="",
        phone="",
        email="",
        is_coordinator=True,
        by=adviser,
    )
    lead = make_user(role="teamleider")
    urls = [
        (adviser, reverse("placements:list")),
        (adviser, reverse("placements:create") + f"?werkgever={placement.employer.pk}"),
        (adviser, detail_url(placement)),
        (adviser, reverse("placements:update", args=[placement.pk])),
        (adviser, reverse("placements:end", args=[placement.pk])),
        (lead, reverse("placements:erase", args=[placement.pk])),
        (lead, detail_url(placement)),
    ]
    for user, url in urls:
        login(client, user)
        response = client.get(url)
        assert response.status_code == 200, url
        page = parse(response.content)
        assert len(page.find_all("h1")) == 1, url
        ids = page.ids()
        assert len(ids) == len(set(ids)), url
        assert _labelled(page) == [], url
        html = response.content.decode()
        assert "style=" not in html, url
        assert "<script" not in html, url
