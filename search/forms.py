"""Forms that parse and clean what people type into search."""

from django import forms

MAX_QUERY_LENGTH = 200


class SiteSearchForm(forms.Form):
    """The site search box: one free-text field, parsed here so no view reads raw GET data."""

    q = forms.CharField(
        label="Search this site",
        required=False,
        max_length=1000,
        strip=True,
    )

    page = forms.CharField(required=False)

    def clean_page(self):
        """A page number; anything that is not a positive whole number means the first page."""
        value = self.cleaned_data.get("page") or ""
        return int(value) if value.isdigit() and int(value) > 0 else 1

    def clean_q(self):
        """Trim very long input instead of rejecting it, and drop control characters."""
        query = self.cleaned_data.get("q", "")
        query = "".join(ch for ch in query if ch.isprintable())
        return " ".join(query.split())[:MAX_QUERY_LENGTH]
