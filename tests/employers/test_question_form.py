"""The question form: on every page, at /vraag/, the thank-you page, errors and mails."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from werkpunt.employers import spam
from werkpunt.employers.models import Request

WSP_EMAIL = "wsp@werkpunt.test"

pytestmark = pytest.mark.django_db


# --- The form page and the block on every page -----------------------------------------


def test_question_page_shows_the_form_alone(client, parse):
    response = client.get("/vraag/")

    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "nl"
    assert page.find("h1").plain == "Stel uw vraag — wij bellen u terug"
    forms = page.find_all("form", action="/vraag/")
    assert len(forms) == 1, "het formulier staat er één keer (niet ook nog onderaan)"
    assert forms[0].attrs["method"] == "post"
    assert "normaal gesproken de volgende werkdag" in page.by_id("inhoud").plain


def test_every_field_has_a_label_and_required_fields_say_so_in_text(client, parse):
    page = parse(client.get("/vraag/").content)

    labels = {label.attrs["for"]: label.plain for label in page.find_all("label")}
    for name in ("message", "name", "organisation", "email", "consent"):
        assert labels[f"vraag-{name}"].endswith("(verplicht)"), name
    for name in ("phone", "municipality"):
        assert labels[f"vraag-{name}"].endswith("(niet verplicht)"), name
    legends = [legend.plain for legend in page.find_all("legend")]
    assert legends == [
        "Waar gaat uw vraag over? (verplicht)",
        "Hoe wilt u dat wij contact met u opnemen? (verplicht)",
    ]
    # Every visible control is labelled.
    controls = [
        e
        for e in page.elements
        if e.tag in {"input", "select", "textarea"} and e.attrs.get("type") != "hidden"
    ]
    assert all(c.attrs["id"] in labels for c in controls)
    assert len(page.ids()) == len(set(page.ids())), "ids komen één keer voor"


def test_hints_are_linked_with_aria_describedby(client, parse):
    page = parse(client.get("/vraag/").content)

    for name in ("email", "phone", "municipality", "message", "consent"):
        control = page.by_id(f"vraag-{name}")
        hint_id = f"vraag-{name}_helptext"
        assert hint_id in control.attrs["aria-describedby"].split(), name
        assert page.by_id(hint_id).plain
    assert page.by_id("vraag-name").attrs["aria-required"] == "true"


def test_consent_links_to_the_privacy_statement(client, parse):
    page = parse(client.get("/vraag/").content)

    label = page.find("label", for_="vraag-consent")
    assert label.plain.startswith(
        "Ik ga akkoord dat het WSP mijn gegevens gebruikt om mijn vraag te beantwoorden"
    )
    hint = page.by_id("vraag-consent_helptext")
    assert [a.attrs["href"] for a in page.find_all("a") if a.plain == "privacyverklaring"] == [
        "/privacy/"
    ]
    assert "privacyverklaring" in hint.plain


def test_honeypot_is_hidden_and_skipped_by_keyboard(client, parse):
    page = parse(client.get("/vraag/").content)

    honeypot = page.find("input", name=spam.HONEYPOT_FIELD)
    assert honeypot.attrs["tabindex"] == "-1"
    assert honeypot.attrs["autocomplete"] == "off"
    assert page.find("label", for_=honeypot.attrs["id"]).plain == "Laat dit veld leeg"
    html = client.get("/vraag/").content.decode()
    wrapper = re.search(r'<div class="werkpunt-visually-hidden"[^>]*>\s*<label', html)
    assert wrapper, "het honeypotveld staat in een visueel verborgen blok"


def test_pages_have_no_inline_style_or_script(client, parse):
    for url in ("/vraag/", "/vraag/verstuurd/", "/regels/"):
        page = parse(client.get(url).content)
        assert not page.find_all("script"), url
        assert not page.find_all("style"), url
        assert not [e for e in page.elements if "style" in e.attrs], url
        assert not [e for e in page.elements if any(a.startswith("on") for a in e.attrs)], url


def test_block_renders_on_a_core_page_without_csrf_token_and_with_the_page_path(client, parse):
    response = client.get("/regels/")

    assert response.status_code == 200
    page = parse(response.content)
    section = page.by_id("vraag")
    assert section.tag == "section"
    assert page.by_id("vraag-titel").plain == "Stel uw vraag — wij bellen u terug"
    form = page.find("form", action="/vraag/")
    assert form.attrs["method"] == "post"
    # No CSRF token, so the page is the same for every visitor and can be cached.
    assert page.find_all("input", name="csrfmiddlewaretoken") == []
    assert "csrftoken" not in response.cookies
    assert page.find("input", name="next").attrs["value"] == "/regels/"
    assert page.find("input", name=spam.TOKEN_FIELD).attrs["value"]
    assert len(page.find_all("h1")) == 1, "het blok heeft een h2, de pagina houdt één h1"


def test_block_renders_on_the_not_found_page(client, parse):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    page = parse(response.content)
    assert page.find("form", action="/vraag/")


def test_english_question_page_renders(client, parse):
    response = client.get("/en/vraag/")

    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "en"
    assert page.find("form", action="/en/vraag/")
    assert page.find("a", hreflang="nl").attrs["href"] == "/vraag/"


def test_english_block_posts_to_the_english_form_and_links_the_english_privacy_page(client, parse):
    page = parse(client.get("/en/regels/").content)

    assert page.find("form", action="/en/vraag/")
    assert "/en/privacy/" in [a.attrs["href"] for a in page.find_all("a")]


# --- Sending -------------------------------------------------------------------------


def test_valid_question_is_stored_and_mailed_twice(send, client, parse):
    response = send()

    assert response.status_code == 302
    assert response["Location"] == "/vraag/verstuurd/?next=%2Fregels%2F"
    request = Request.objects.get()
    assert request.name == "Jan de Vries"
    assert request.organisation == "Kwekerij De Vries"
    assert request.email == "jan@kwekerij.test"
    assert request.phone == "0591 123 456"
    assert request.municipality == "emmen"
    assert request.topic == "schemes"
    assert request.preferred_contact == "phone"
    assert request.consent is True
    assert request.page_url == "/regels/"
    assert request.status == "new"
    assert request.source == "website"
    assert request.language == "nl"
    assert request.wsp_mailed_at is not None
    assert request.confirmation_mailed_at is not None

    assert len(mail.outbox) == 2
    to_wsp, confirmation = mail.outbox
    assert to_wsp.to == [WSP_EMAIL]
    assert to_wsp.reply_to == ["jan@kwekerij.test"]
    assert to_wsp.subject == "Nieuwe vraag van Kwekerij De Vries: Regelingen"
    for expected in (
        "Jan de Vries",
        "Kwekerij De Vries",
        "jan@kwekerij.test",
        "0591 123 456",
        "Emmen",
        "Regelingen",
        "Telefoon",
        "Nederlands",
        "https://werkpunt.test/regels/",
        "Kan ik loonkostensubsidie krijgen voor een nieuwe medewerker?",
        "De werkgever wil graag gebeld worden op 0591 123 456.",
    ):
        assert expected in to_wsp.body, expected

    assert confirmation.to == ["jan@kwekerij.test"]
    assert confirmation.reply_to == [WSP_EMAIL]
    assert confirmation.subject == "Wij hebben uw vraag ontvangen — Werkgeversservicepunt Drenthe"
    body = confirmation.body
    assert body.startswith("Beste Jan de Vries,")
    assert "Kan ik loonkostensubsidie krijgen voor een nieuwe medewerker?" in body
    assert "Onderwerp: Regelingen" in body
    assert "belt u terug op 0591 123 456" in body
    assert "Normaal gesproken doen wij dat de volgende werkdag." in body
    assert "http" not in body, "geen links of reclame in de bevestiging"


def test_thank_you_page_says_what_happens_next_and_links_back(send, client, parse):
    response = send()
    page = parse(client.get(response["Location"]).content)

    main = page.by_id("inhoud").plain
    assert page.find("h1").plain == "Bedankt, wij hebben uw vraag ontvangen"
    assert "Eén contactpersoon van het WSP belt of mailt u terug" in main
    assert "Normaal gesproken doen wij dat de volgende werkdag." in main
    back = [a for a in page.find_all("a") if a.plain == "Terug naar de pagina waar u was"]
    assert [a.attrs["href"] for a in back] == ["/regels/"]
    assert not page.find_all("form", action="/vraag/"), "geen formulier op de bedankpagina"


def test_question_by_email_needs_no_phone(send):
    response = send(preferred_contact="email", phone="")

    assert response.status_code == 302
    request = Request.objects.get()
    assert request.phone == ""
    confirmation = mail.outbox[1]
    assert "mailt u terug op jan@kwekerij.test" in confirmation.body


def test_english_question_is_stored_in_english(send):
    response = send(url="/en/vraag/", next="/en/regels/")

    assert response.status_code == 302
    assert response["Location"] == "/en/vraag/verstuurd/?next=%2Fen%2Fregels%2F"
    assert Request.objects.get().language == "en"


def test_confirmation_is_written_in_the_language_of_the_form(send, monkeypatch):
    from django.utils import translation

    from werkpunt.employers import mails

    seen: dict[str, str | None] = {}
    original = mails.render_to_string

    def spy(template_name, context=None, *args, **kwargs):
        seen[template_name] = translation.get_language()
        return original(template_name, context, *args, **kwargs)

    monkeypatch.setattr(mails, "render_to_string", spy)
    send(url="/en/vraag/", next="/en/regels/")

    assert seen["employers/email/confirmation_body.txt"] == "en"
    assert seen["employers/email/wsp_body.txt"] == "nl", "het WSP leest Nederlands"


# --- Errors --------------------------------------------------------------------------


def test_errors_keep_the_answers_and_name_the_fields(send, parse):
    response = send(name="", email="geen-adres", message="Mijn vraag over een stageplek.")

    assert response.status_code == 200
    assert not Request.objects.exists()
    assert not mail.outbox
    page = parse(response.content)
    assert page.find("title").plain.startswith("Fout:")
    summary = page.by_id("vraag-fouten")
    assert summary.plain.startswith("Uw vraag is nog niet verstuurd")
    links = {a.attrs["href"]: a.plain for a in page.find_all("a") if "#vraag-" in a.attrs["href"]}
    assert links == {
        "#vraag-name": "Vul uw naam in.",
        "#vraag-email": "Vul een e-mailadres in zoals naam@bedrijf.nl.",
    }
    # The error sits next to its field and the field points to it.
    name = page.by_id("vraag-name")
    assert name.attrs["aria-invalid"] == "true"
    assert "vraag-name_error" in name.attrs["aria-describedby"].split()
    assert page.by_id("vraag-name_error").plain == "Fout: Vul uw naam in."
    email = page.by_id("vraag-email")
    assert email.attrs["value"] == "geen-adres"
    assert email.attrs["aria-describedby"].split() == ["vraag-email_helptext", "vraag-email_error"]
    # The other answers are kept.
    assert page.by_id("vraag-organisation").attrs["value"] == "Kwekerij De Vries"
    assert page.by_id("vraag-message").plain == "Mijn vraag over een stageplek."
    assert page.by_id("vraag-municipality_helptext")
    assert "selected" in page.find("option", value="emmen").attrs
    assert "checked" in page.by_id("vraag-topic_0").attrs
    assert "checked" in page.by_id("vraag-consent").attrs
    assert page.find("input", name="next").attrs["value"] == "/regels/"
    # A link back to where they were, and the form only once.
    assert len(page.find_all("form", action="/vraag/")) == 1
    assert "/regels/" in [a.attrs["href"] for a in page.find_all("a")]


def test_missing_choice_links_to_the_first_radio_button(send, parse):
    response = send(topic=None)

    page = parse(response.content)
    link = page.find("a", href="#vraag-topic_0")
    assert link.plain == "Kies waar uw vraag over gaat."
    assert page.by_id("vraag-topic_0")


def test_consent_is_required(send, parse):
    response = send(consent=None)

    assert response.status_code == 200
    assert not Request.objects.exists()
    page = parse(response.content)
    assert page.find("a", href="#vraag-consent").plain.startswith("Zet een vinkje als u akkoord")


def test_phone_is_required_when_we_should_call(send, parse):
    response = send(preferred_contact="phone", phone="")

    assert not Request.objects.exists()
    page = parse(response.content)
    assert (
        page.find("a", href="#vraag-phone").plain
        == "Vul uw telefoonnummer in. Of kies dat wij u mailen."
    )


@pytest.mark.parametrize("phone", ["bel mij", "06-123", "0591 123 456 x 12", "+", "06(12)345678"])
def test_phone_is_checked_loosely(send, parse, phone):
    response = send(phone=phone)

    assert response.status_code == 200
    assert not Request.objects.exists()
    page = parse(response.content)
    assert page.find("a", href="#vraag-phone").plain.startswith("Vul een telefoonnummer in")


def test_message_longer_than_2000_characters_is_refused(send, parse):
    response = send(message="a" * 2001)

    assert not Request.objects.exists()
    page = parse(response.content)
    assert page.find("a", href="#vraag-message").plain == (
        "Uw vraag is te lang: 2001 tekens. Gebruik maximaal 2000 tekens."
    )


def test_line_breaks_in_a_name_cannot_reach_mail_headers(send):
    send(organisation="Evil\r\nBcc: victim@example.test", name="A\nB")

    request = Request.objects.get()
    assert request.organisation == "Evil Bcc: victim@example.test"
    assert request.name == "A B"
    assert "\n" not in mail.outbox[0].subject


# --- Spam and abuse ------------------------------------------------------------------


def test_filled_honeypot_is_not_stored_and_looks_like_success(send, client, parse):
    response = send(**{spam.HONEYPOT_FIELD: "http://spam.example"})

    assert response.status_code == 302
    assert response["Location"] == "/vraag/verstuurd/?next=%2Fregels%2F"
    assert not Request.objects.exists()
    assert not mail.outbox
    page = parse(client.get(response["Location"]).content)
    assert page.find("h1").plain == "Bedankt, wij hebben uw vraag ontvangen"


def test_too_fast_submission_is_refused_with_a_friendly_message(send, parse):
    response = send(**{spam.TOKEN_FIELD: spam.form_token()})

    assert response.status_code == 200
    assert not Request.objects.exists()
    assert not mail.outbox
    page = parse(response.content)
    summary = page.by_id("vraag-fouten").text
    assert "Probeer het nog eens" in " ".join(page.find("main").text.split())
    assert summary
    # The answers are kept and a fresh timestamp is given, so sending again works.
    assert page.by_id("vraag-name").attrs["value"] == "Jan de Vries"
    assert page.find("input", name=spam.TOKEN_FIELD).attrs["value"]


@pytest.mark.parametrize(
    "token",
    [
        "",
        "vervalst",
        spam.form_token(issued_at=spam.now() - 2 * 24 * 60 * 60),
    ],
    ids=["missing", "forged", "older-than-a-day"],
)
def test_missing_forged_or_stale_timestamp_is_refused(send, parse, token):
    response = send(**{spam.TOKEN_FIELD: token})

    assert response.status_code == 200
    assert not Request.objects.exists()
    assert "Probeer het nog eens" in response.content.decode()


def test_form_token_window(monkeypatch):
    token = spam.form_token(issued_at=1_000_000)

    for seconds, ok in [(0, False), (2, False), (3, True), (3600, True), (86_400, True)]:
        monkeypatch.setattr(spam, "now", lambda s=seconds: 1_000_000 + s)
        assert spam.form_token_is_valid(token) is ok, seconds
    monkeypatch.setattr(spam, "now", lambda: 1_000_000 + 86_401)
    assert not spam.form_token_is_valid(token)


def test_sixth_submission_within_an_hour_gets_a_friendly_429(send, parse):
    for _ in range(5):
        assert send().status_code == 302
    assert Request.objects.count() == 5

    response = send(message="Nog een vraag.")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert Request.objects.count() == 5
    page = parse(response.content)
    main = page.by_id("inhoud").plain
    assert page.find("h1").plain == "U heeft al veel vragen gestuurd"
    assert "Probeer het over een uur nog eens" in main
    assert "Nog een vraag." in main, "de tekst van de vraag gaat niet verloren"
    assert f"mailto:{WSP_EMAIL}" in [a.attrs["href"] for a in page.find_all("a")]
    # Another client is not affected.
    assert send(remote_addr="192.0.2.44").status_code == 302


def test_spam_counts_towards_the_rate_limit(send):
    for _ in range(5):
        send(**{spam.HONEYPOT_FIELD: "x"})

    assert send().status_code == 429


def test_form_errors_do_not_count_towards_the_rate_limit(send):
    for _ in range(6):
        assert send(name="").status_code == 200

    assert send().status_code == 302


def test_rate_limit_keeps_no_address_in_the_cache(send, monkeypatch):
    from django.core.cache import cache

    keys: list[str] = []
    original_add = cache.add

    def spy(key, *args, **kwargs):
        keys.append(key)
        return original_add(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", spy)
    send(remote_addr="203.0.113.7")

    assert keys
    assert all("203.0.113.7" not in key for key in keys)
    assert all(re.fullmatch(r"werkpunt:employers:submissions:[0-9a-f]{64}", key) for key in keys)


@pytest.mark.parametrize(
    "next_value",
    [
        "https://evil.example/",
        "//evil.example/pad/",
        "/\\evil.example/",
        "http://testserver/regels/",
        "javascript:alert(1)",
        "regels/",
    ],
)
def test_next_to_another_host_is_ignored(send, client, parse, next_value):
    response = send(next=next_value)

    assert response.status_code == 302
    assert response["Location"] == "/vraag/verstuurd/"
    assert Request.objects.get().page_url == ""
    page = parse(client.get(response["Location"]).content)
    hrefs = [a.attrs["href"] for a in page.find_all("a")]
    assert all("evil" not in href for href in hrefs)
    assert "/" in hrefs


def test_thank_you_page_ignores_a_foreign_next(client, parse):
    page = parse(client.get("/vraag/verstuurd/?next=//evil.example/").content)

    hrefs = [a.attrs["href"] for a in page.find_all("a")]
    assert all("evil" not in href for href in hrefs)


def test_no_address_is_stored_anywhere_on_the_request(send):
    send(remote_addr="203.0.113.7")

    request = Request.objects.get()
    for field in Request._meta.get_fields():
        if hasattr(request, field.name):
            assert "203.0.113.7" not in str(getattr(request, field.name)), field.name
        assert field.get_internal_type() != "GenericIPAddressField", field.name
        assert not re.search(r"(^|_)ip($|_)|remote|addr|agent", field.name), field.name


def test_page_url_keeps_the_path_only(send):
    send(next="/regels/?zoek=jan%40kwekerij.test")

    assert Request.objects.get().page_url == "/regels/"


def test_the_form_refuses_other_methods(client):
    assert client.put("/vraag/").status_code == 405
    assert client.post("/vraag/verstuurd/").status_code == 405


def test_form_posts_without_a_csrf_token_so_pages_can_be_cached(answers):
    from django.test import Client

    from werkpunt.employers.models import Request

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/vraag/", answers())

    assert response.status_code == 302
    assert Request.objects.filter(email="jan@kwekerij.test").count() == 1
