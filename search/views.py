"""The public search page and the header box's suggestions.

Every query string parameter goes through `SiteSearchForm`. If the search backend is down
the search page answers 503 with an explanation; nothing else on the site touches the
backend while serving pages, so every other page keeps working.
"""

import logging
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from haystack.exceptions import SearchBackendError

from .forms import SORT_CHOICES, SiteSearchForm, clean_query, query_is_too_short
from .query import FACETS, run_search, suggestions

logger = logging.getLogger(__name__)


def _backend_errors():
    """Exceptions that mean "the search backend is unavailable", for every backend that
    is installed: Whoosh's index and lock errors, pysolr's and Elasticsearch's
    connection errors, and I/O errors."""
    errors = [SearchBackendError, OSError]
    try:
        from whoosh.index import IndexError as WhooshIndexError
        from whoosh.index import LockError

        errors += [WhooshIndexError, LockError]
    except ImportError:  # pragma: no cover
        pass
    try:
        from pysolr import SolrError

        errors.append(SolrError)
    except ImportError:
        pass
    try:
        from elasticsearch.exceptions import TransportError

        errors.append(TransportError)
    except ImportError:
        pass
    return tuple(errors)


BACKEND_ERRORS = _backend_errors()


def page_links(outcome, base_params):
    """GOV.UK pagination items: first, last, current and its neighbours, with ellipses."""
    if outcome.num_pages <= 1:
        return {}
    current, last = outcome.page, outcome.num_pages
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    items, previous = [], 0
    for number in wanted:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append(
            {"number": number, "href": _href(base_params, number), "current": number == current}
        )
        previous = number
    return {
        "items": items,
        "previous": _href(base_params, current - 1) if current > 1 else "",
        "next": _href(base_params, current + 1) if current < last else "",
    }


def _href(params, page_number=None):
    """A query-string link from cleaned parameters (never raw input)."""
    pairs = list(params)
    if page_number and page_number > 1:
        pairs.append(("page", page_number))
    return "?" + urlencode(pairs)


def _params(form, include_filters=True):
    """The cleaned parameters of this search, for building links (never raw input)."""
    data = form.cleaned_data
    pairs = [("q", data.get("q", ""))]
    if data.get("sort", "relevance") != "relevance":
        pairs.append(("sort", data["sort"]))
    if include_filters:
        for param, _field, _label in FACETS:
            pairs.extend((param, value) for value in data.get(param, []))
        for prefix in ("from", "to"):
            for part in ("day", "month", "year"):
                value = data.get(f"{prefix}_{part}", "")
                if value:
                    pairs.append((f"{prefix}_{part}", value))
    return pairs


@require_GET
def search(request):
    """Search everything a resident can read. The query string goes through a form."""
    form = SiteSearchForm(request.GET or None)
    context = {
        "form": form,
        "query": "",
        "header_query": "",
        "outcome": None,
        "message": "",
        "errors": [],
        "sort_choices": SORT_CHOICES,
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    }
    if not form.is_bound:
        return render(request, "search/search.html", context)
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "")
    context.update(query=query, header_query=query)
    if not valid:
        context["errors"] = form.error_list()
        return render(request, "search/search.html", context, status=400)
    typed = (request.GET.get("q") or "").strip()
    if typed and query_is_too_short(query):
        context["message"] = "Enter at least 2 letters or numbers to search."
        context["errors"] = [("search-q", context["message"])]
        return render(request, "search/search.html", context)
    if not query:
        return render(request, "search/search.html", context)
    data = form.cleaned_data
    try:
        outcome = run_search(
            query,
            page=data["page"],
            sort=data["sort"],
            filters=form.filters(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    except BACKEND_ERRORS as error:
        logger.error("Search backend unavailable: %s", error)
        return render(
            request, "search/unavailable.html", {"query": query, "header_query": query}, status=503
        )
    params = _params(form)
    context.update(
        outcome=outcome,
        filtered=any(form.filters().values()) or data.get("date_from") or data.get("date_to"),
        pagination=page_links(outcome, params),
        clear_filters_href=_href(_params(form, include_filters=False)),
        suggestion_href=_href([("q", outcome.suggestion)]) if outcome.suggestion else "",
    )
    return render(request, "search/search.html", context)


@require_GET
def search_suggestions(request):
    """Titles matching what has been typed so far, as JSON for the header box's
    autocomplete. An unavailable backend gives an empty list (503), never an error page."""
    query = clean_query((request.GET.get("q") or "")[:200]).replace('"', "")
    if query_is_too_short(query):
        return JsonResponse({"query": query, "suggestions": []})
    try:
        found = suggestions(query)
    except BACKEND_ERRORS as error:
        logger.error("Search backend unavailable for suggestions: %s", error)
        return JsonResponse({"query": query, "suggestions": []}, status=503)
    response = JsonResponse({"query": query, "suggestions": found})
    response["Cache-Control"] = "public, max-age=60"
    return response
