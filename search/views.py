"""The public search page."""

import logging

from django.core.paginator import EmptyPage, Paginator
from django.shortcuts import render
from haystack.exceptions import SearchBackendError
from haystack.query import SearchQuerySet

from .forms import SiteSearchForm

logger = logging.getLogger(__name__)
RESULTS_PER_PAGE = 20


def search(request):
    """Search everything a resident can read. The query string goes through a form."""
    form = SiteSearchForm(request.GET or None)
    query = ""
    results_page = None
    message = ""
    page_number = 1
    if form.is_valid():
        query = form.cleaned_data["q"]
        page_number = form.cleaned_data["page"]
    if query and len(query) < 2:
        message = "Enter at least 2 letters or numbers to search."
    elif query:
        results = SearchQuerySet().auto_query(query)
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            try:
                results_page = paginator.page(page_number)
            except EmptyPage:
                results_page = paginator.page(paginator.num_pages)
        except (SearchBackendError, OSError) as error:
            logger.error("Search backend unavailable: %s", error)
            return render(
                request,
                "search/unavailable.html",
                {"query": query, "header_query": query},
                status=503,
            )
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "header_query": query,
            "results": results_page,
            "message": message,
            "breadcrumbs": [{"text": "Home", "href": "/"}],
        },
    )
