"""Views of the financieel CV: thin; the work is in ``questions``, ``report``, ``documents``.

The answers live in the session only. Every page and download that shows them
is ``never_cache``. Forms are plain POST forms with Post/Redirect/Get; nothing
needs JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from werkpunt.financieel_cv import documents, explorer, questions, report, selectors, services
from werkpunt.financieel_cv.formatting import active_language, day
from werkpunt.financieel_cv.report import Report
from werkpunt.rules import SituationError

SESSION_KEY = "financieel_cv"
CONSENT_FIELD = "toestemming"


# --- Session ------------------------------------------------------------------------------


def load_answers(request: HttpRequest) -> dict[str, str]:
    stored = request.session.get(SESSION_KEY) or {}
    answers = stored.get("answers") or {}
    return {k: v for k, v in answers.items() if k in questions.FIELDS and isinstance(v, str)}


def store_answers(request: HttpRequest, answers: Mapping[str, str], **extra: Any) -> None:
    request.session[SESSION_KEY] = {"answers": dict(answers), **extra}


def _session_flag(request: HttpRequest, name: str) -> Any:
    stored = request.session.get(SESSION_KEY)
    if not stored or name not in stored:
        return None
    value = stored.pop(name)
    request.session.modified = True
    return value


# --- Wizard -------------------------------------------------------------------------------


@never_cache
@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """What the financieel CV does; ``?benefit=ww&…`` prefills answers and comes back clean."""
    prefilled = questions.prefill(request.GET)
    if prefilled:
        answers = load_answers(request)
        answers.update(prefilled)
        store_answers(request, answers, prefilled=len(prefilled))
        return redirect("financieel_cv:start")
    return render(
        request,
        "financieel_cv/start.html",
        {
            "has_answers": bool(load_answers(request)),
            "prefilled": _session_flag(request, "prefilled"),
            "cleared": request.GET.get("gewist") == "1",
            "deleted": request.GET.get("verwijderd") == "1",
            "steps": questions.STEPS,
        },
    )


def _get_step(number: int) -> questions.Step:
    if not 1 <= number <= len(questions.STEPS):
        raise Http404
    return questions.STEPS[number - 1]


@never_cache
def step(request: HttpRequest, number: int) -> HttpResponse:
    current = _get_step(number)
    answers = load_answers(request)
    errors: dict[str, str] = {}
    elsewhere: list[dict[str, str]] = []
    if request.method == "POST":
        read = questions.read_step(current, request.POST)
        errors = dict(read.errors)
        candidate = {**answers, **read.values}
        for field, message in questions.rules_errors(candidate).items():
            if field in current.fields:
                errors.setdefault(field, message)
        # Keep every answer that is fine, also when another one on this step is not.
        answers.update({k: v for k, v in read.values.items() if k not in errors})
        store_answers(request, answers)
        if not errors and number == len(questions.STEPS):
            elsewhere = _problems_elsewhere(answers, current)
        if not errors and not elsewhere:
            if number < len(questions.STEPS):
                return redirect("financieel_cv:step", number=number + 1)
            return redirect("financieel_cv:result")
        shown = {**_shown(current, answers), **read.shown}
    elif request.method in {"GET", "HEAD"}:
        shown = _shown(current, answers)
        if request.GET.get("controleer") == "1":
            problems = questions.check_answers(answers)
            errors = {k: v for k, v in problems.items() if k in current.fields}
    else:
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    return render(
        request,
        "financieel_cv/step.html",
        {
            "step": current,
            "steps": questions.STEPS,
            "fields": _field_views(current, shown, errors),
            "errors": _error_list(current, errors),
            "elsewhere": elsewhere,
            "has_errors": bool(errors or elsewhere),
        },
    )


def _problems_elsewhere(
    answers: Mapping[str, str], current: questions.Step
) -> list[dict[str, str]]:
    """Problems on earlier steps, found when the last step is sent (missing answers,
    or a birth date that no longer fits the start date)."""
    found = []
    for field, message in questions.check_answers(answers).items():
        if field in current.fields:
            continue
        other = questions.step_for_field(field)
        question = questions.question_for_field(field)
        if other is None or question is None:
            continue
        found.append(
            {
                "text": _summary_text(question, message),
                "href": reverse("financieel_cv:step", kwargs={"number": other.number})
                + "#"
                + question.anchor,
                "step": str(other.number),
            }
        )
    return found


def _shown(current: questions.Step, answers: Mapping[str, str]) -> dict[str, str]:
    shown = {}
    for question in current.questions:
        for field in question.fields:
            if field in answers:
                shown[field] = questions.display_value(question, answers[field])
    return shown


def _field_views(
    current: questions.Step, shown: Mapping[str, str], errors: Mapping[str, str]
) -> list[dict[str, Any]]:
    views = []
    for question in current.questions:
        error = next((errors[f] for f in question.fields if f in errors), None)
        views.append(
            {
                "q": question,
                "value": shown.get(question.name, ""),
                "error": error,
                "options": [
                    {
                        "option": option,
                        "id": f"{question.name}-{option.value or 'leeg'}"
                        if question.kind != "flags"
                        else option.value,
                        "checked": (
                            shown.get(option.value) == questions.TRUE
                            if question.kind == "flags"
                            else shown.get(question.name, "") == option.value
                            and (option.value != "" or question.name in shown)
                        ),
                    }
                    for option in question.choices
                ],
            }
        )
    return views


def _summary_text(question: questions.Question, message: str) -> str:
    """An error as the summary shows it: our own messages name the question already;
    the rules' messages get the question's label in front."""
    if question.required_message is not None and message == str(question.required_message):
        return message
    return f"{question.label}: {message}"


def _error_list(current: questions.Step, errors: Mapping[str, str]) -> list[dict[str, str]]:
    listed = []
    for question in current.questions:
        for field in question.fields:
            if field in errors:
                listed.append(
                    {
                        "text": _summary_text(question, errors[field]),
                        "href": "#" + (field if question.kind == "flags" else question.anchor),
                    }
                )
                break
    return listed


@never_cache
@require_POST
def clear(request: HttpRequest) -> HttpResponse:
    """The button "Wis mijn gegevens": forget the answers in this session."""
    request.session.pop(SESSION_KEY, None)
    return HttpResponseRedirect(reverse("financieel_cv:start") + "?gewist=1")


# --- Result -------------------------------------------------------------------------------


def _report_or_redirect(answers: Mapping[str, str]) -> Report | HttpResponse:
    if not answers:
        return redirect("financieel_cv:start")
    problems = questions.check_answers(answers)
    if problems:
        target = questions.first_step_with_problem(problems)
        number = target.number if target else 1
        return HttpResponseRedirect(
            reverse("financieel_cv:step", kwargs={"number": number}) + "?controleer=1"
        )
    try:
        return report.build_report(answers, active_language())
    except SituationError:  # pragma: no cover - check_answers found the same problems
        return redirect("financieel_cv:step", number=1)


@never_cache
@require_safe
def result(request: HttpRequest) -> HttpResponse:
    built = _report_or_redirect(load_answers(request))
    if isinstance(built, HttpResponse):
        return built
    return _render_result(request, built, saved=None)


def _render_result(
    request: HttpRequest,
    built: Report,
    *,
    saved: dict[str, Any] | None,
    consent_error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "financieel_cv/result.html",
        {
            "report": built,
            "saved": saved,
            "consent_error": consent_error,
            "answers": _answer_rows(built.answers),
            "downloads": _download_links(saved["token"] if saved else None),
        },
        status=status,
    )


def _answer_rows(answers: Mapping[str, str]) -> list[dict[str, Any]]:
    """The answers in words, per step, for "Uw antwoorden"."""
    lang = active_language()
    rows = []
    for current in questions.STEPS:
        items = []
        for question in current.questions:
            value = _answer_text(question, answers, lang)
            items.append({"label": str(question.label), "value": value})
        rows.append({"step": current, "items": items})
    return rows


def _answer_text(question: questions.Question, answers: Mapping[str, str], lang: str) -> str:
    if question.kind == "flags":
        chosen = [str(o.label) for o in question.options if answers.get(o.value) == questions.TRUE]
        return ", ".join(chosen) if chosen else gettext("Niets gekozen")
    value = answers.get(question.name, "")
    if not value:
        return gettext("Niet ingevuld")
    if question.kind == "date":
        return day(dt.date.fromisoformat(value), lang)
    if question.kind in {"yesno", "choice"}:
        for option in question.choices:
            if option.value == value:
                return str(option.label)
    if question.kind == "decimal" and lang == "nl":
        value = value.replace(".", ",")
    return f"{question.prefix} {value}".strip() + (f" {question.unit}" if question.unit else "")


def _download_links(token: str | None) -> list[dict[str, str]]:
    names = {
        "pdf": gettext("Financieel CV als PDF"),
        "letter_pdf": gettext("Brief aan de werkgever (PDF)"),
        "letter_docx": gettext("Brief aan de werkgever (Word, om aan te passen)"),
        "ics": gettext("Termijnen voor uw agenda (.ics)"),
    }
    links = []
    for kind, label in names.items():
        if token:
            url = reverse("financieel_cv:saved_download", kwargs={"token": token, "kind": kind})
        else:
            url = reverse("financieel_cv:download", kwargs={"kind": kind})
        links.append({"kind": kind, "label": label, "url": url})
    return links


DOWNLOADS: dict[str, tuple[Callable[[Report], bytes], str, str]] = {
    "pdf": (documents.result_pdf, "application/pdf", documents.RESULT_PDF_NAME),
    "letter_pdf": (documents.letter_pdf, "application/pdf", documents.LETTER_PDF_NAME),
    "letter_docx": (
        documents.letter_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        documents.LETTER_DOCX_NAME,
    ),
    "ics": (
        documents.deadlines_ics,
        "text/calendar; charset=utf-8",
        documents.ICS_NAME,
    ),
}


def _download_response(built: Report, kind: str) -> HttpResponse:
    if kind not in DOWNLOADS:
        raise Http404
    make, content_type, filename = DOWNLOADS[kind]
    response = HttpResponse(make(built), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def download(request: HttpRequest, kind: str) -> HttpResponse:
    """A download made from the answers in the session (never from the query string)."""
    if kind not in DOWNLOADS:
        raise Http404
    built = _report_or_redirect(load_answers(request))
    if isinstance(built, HttpResponse):
        return built
    return _download_response(built, kind)


# --- Saving -------------------------------------------------------------------------------


@never_cache
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """The button "Bewaar deze berekening": only with the explicit checkbox."""
    answers = load_answers(request)
    built = _report_or_redirect(answers)
    if isinstance(built, HttpResponse):
        return built
    if request.POST.get(CONSENT_FIELD) != "ja":
        return _render_result(
            request,
            built,
            saved=None,
            consent_error=gettext(
                "Zet een vinkje als u wilt dat Werkpunt uw antwoorden 30 dagen bewaart."
            ),
        )
    calculation = services.saved_calculation_create(answers=answers)
    request.session[SESSION_KEY] = {"answers": answers, "just_saved": calculation.token}
    return redirect("financieel_cv:saved", token=calculation.token)


def _saved_or_gone(request: HttpRequest, token: str) -> dict[str, Any] | HttpResponse:
    lookup = selectors.saved_calculation_get(token=token)
    if lookup.calculation is None:
        if lookup.expired:
            services.saved_calculation_delete(token=token)
        response = render(
            request, "financieel_cv/saved_gone.html", {"expired": lookup.expired}, status=404
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    calculation = lookup.calculation
    answers = {k: str(v) for k, v in calculation.situation.items() if k in questions.FIELDS}
    return {
        "token": calculation.token,
        "answers": answers,
        "expires": calculation.expires_at,
        "url": request.build_absolute_uri(
            reverse("financieel_cv:saved", kwargs={"token": calculation.token})
        ),
    }


@never_cache
@require_safe
def saved(request: HttpRequest, token: str) -> HttpResponse:
    found = _saved_or_gone(request, token)
    if isinstance(found, HttpResponse):
        return found
    try:
        built = report.build_report(found["answers"], active_language())
    except SituationError:
        raise Http404 from None
    found["just_saved"] = _session_flag(request, "just_saved") == token
    found["expires_text"] = day(timezone.localtime(found["expires"]).date(), active_language())
    response = _render_result(request, built, saved=found)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def saved_download(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    if kind not in DOWNLOADS:
        raise Http404
    found = _saved_or_gone(request, token)
    if isinstance(found, HttpResponse):
        return found
    try:
        built = report.build_report(found["answers"], active_language())
    except SituationError:
        raise Http404 from None
    return _download_response(built, kind)


@never_cache
@require_POST
def saved_delete(request: HttpRequest, token: str) -> HttpResponse:
    """The button "Verwijder nu": delete the saved calculation at once."""
    services.saved_calculation_delete(token=token)
    return HttpResponseRedirect(reverse("financieel_cv:start") + "?verwijderd=1")


@never_cache
@require_POST
def saved_edit(request: HttpRequest, token: str) -> HttpResponse:
    """Copy a saved calculation's answers into this session to change them."""
    found = _saved_or_gone(request, token)
    if isinstance(found, HttpResponse):
        return found
    store_answers(request, found["answers"])
    return redirect("financieel_cv:step", number=1)


# --- Explorer -----------------------------------------------------------------------------


@require_safe
def subsidy_explorer(request: HttpRequest) -> HttpResponse:
    """Loonkostensubsidie over the years: a GET form, a table and a chart."""
    form = explorer.read_form(request.GET, report.today())
    lang = active_language()
    result = explorer.explore(form.data, lang) if form.data else None
    shown = dict(form.values)
    for name in explorer.NUMBER_FIELDS:
        value = questions.normalize_number(shown[name])
        shown[name] = value.replace(".", ",") if lang == "nl" else value
    return render(
        request,
        "financieel_cv/explorer.html",
        {
            "values": shown,
            "errors": form.errors,
            "error_list": [
                {"field": name, "label": str(label), "message": form.errors[name]}
                for name, label in explorer.FORM_LABELS.items()
                if name in form.errors
            ],
            "result": result,
            "max_years": explorer.MAX_YEARS,
            "first_year": explorer.FIRST_YEAR,
            "last_year": report.today().year + 5,
        },
    )
