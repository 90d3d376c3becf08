"""Forms that parse and clean what people type into search.

Nothing a resident types reaches the search backend unparsed: the query is normalised and
stripped of the characters search engines treat as syntax, so unbalanced quotes, reserved
characters, very long input and odd Unicode give results (or a helpful message), never an
error page.
"""

import calendar
import datetime
import re
import unicodedata

from django import forms

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 20
MAX_FILTER_VALUES = 30
MIN_QUERY_CHARACTERS = 2
SORT_CHOICES = [
    ("relevance", "Most relevant"),
    ("newest", "Newest"),
    ("oldest", "Oldest"),
]
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
_PHRASE = re.compile(r'"([^"]*)"')


def clean_query(text):
    """Plain words and "quoted phrases" from whatever was typed.

    Normalises Unicode (NFKC, so full-width letters become ordinary ones), drops control
    and invisible characters, turns every character that is not a letter, number or
    double quote into a space (a decimal point between digits is kept), closes or drops
    an unbalanced quote, and trims to `MAX_QUERY_WORDS` words and `MAX_QUERY_LENGTH`
    characters at a word boundary.
    """
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    kept = []
    for position, character in enumerate(text):
        if character == '"' or unicodedata.category(character)[0] in "LNM":
            kept.append(character)
        elif (
            character == "."
            and 0 < position < len(text) - 1
            and text[position - 1].isdigit()
            and text[position + 1].isdigit()
        ):
            kept.append(character)
        else:
            kept.append(" ")
    text = "".join(kept)
    if text.count('"') % 2:
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    text = _PHRASE.sub(lambda m: f' "{m.group(1).strip()}" ' if m.group(1).strip() else " ", text)
    words = text.split()[:MAX_QUERY_WORDS]
    text = " ".join(words)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
        if text.count('"') % 2:
            text = text.replace('"', "")
    return text.strip()


def query_is_too_short(text):
    """True when the query has fewer than two letters or numbers in all."""
    return sum(1 for ch in text if ch.isalnum()) < MIN_QUERY_CHARACTERS


class MultipleValuesField(forms.Field):
    """Repeated query-string values (`?type=Meeting&type=Decision`) as a clean list.

    Filter values come from the index (committee names), so they are not validated
    against a fixed list; unknown ones simply match nothing. Values are trimmed, made
    printable and limited in number and length.
    """

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        """A list of cleaned, distinct, limited values."""
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        cleaned = []
        for item in value[:MAX_FILTER_VALUES]:
            item = "".join(ch for ch in str(item) if ch.isprintable())
            item = " ".join(item.split())[:200]
            if item and item not in cleaned:
                cleaned.append(item)
        return cleaned


class SiteSearchForm(forms.Form):
    """The search page's form: the query, page, sort order, filters and a date range.

    Only a date that cannot be read is an error; anything else odd (an unknown sort, a
    page number that is not a number) falls back to the default.
    """

    q = forms.CharField(label="Search this site", required=False, strip=True)
    page = forms.CharField(required=False)
    sort = forms.CharField(required=False)
    type = MultipleValuesField(required=False, label="Content type")
    committee = MultipleValuesField(required=False, label="Committee")
    year = MultipleValuesField(required=False, label="Year")
    from_day = forms.CharField(required=False, label="Day")
    from_month = forms.CharField(required=False, label="Month")
    from_year = forms.CharField(required=False, label="Year")
    to_day = forms.CharField(required=False, label="Day")
    to_month = forms.CharField(required=False, label="Month")
    to_year = forms.CharField(required=False, label="Year")

    def clean_page(self):
        """A page number; anything that is not a positive whole number means the first page."""
        value = (self.cleaned_data.get("page") or "").strip()
        if value.isascii() and value.isdigit() and 0 < int(value) < 10_000:
            return int(value)
        return 1

    def clean_q(self):
        """The query as plain words and phrases; see `clean_query`."""
        return clean_query(self.cleaned_data.get("q", "")[:5000])

    def clean_sort(self):
        """A known sort order, else relevance."""
        value = self.cleaned_data.get("sort") or ""
        return value if value in dict(SORT_CHOICES) else "relevance"

    def clean_year(self):
        """Four-digit years only."""
        return [y for y in self.cleaned_data.get("year", []) if re.fullmatch(r"\d{4}", y)]

    def _date(self, prefix, label, end_of_period):
        """A date from a GOV.UK date input; a year alone or a month and year mean the
        start (or end) of that period. Records a GOV.UK style error and returns None."""
        raw = {
            part: (self.cleaned_data.get(f"{prefix}_{part}") or "").strip()
            for part in ("day", "month", "year")
        }
        if not any(raw.values()):
            return None
        if not raw["year"]:
            self.add_error(f"{prefix}_year", f"{label} must include a year")
            return None
        if raw["day"] and not raw["month"]:
            self.add_error(f"{prefix}_month", f"{label} must include a month")
            return None
        try:
            year = int(raw["year"])
            month = int(raw["month"]) if raw["month"] else (12 if end_of_period else 1)
            if raw["day"]:
                day = int(raw["day"])
            else:
                day = calendar.monthrange(year, month)[1] if end_of_period else 1
            if not 1000 <= year <= 9999:
                raise ValueError
            return datetime.date(year, month, day)
        except (ValueError, OverflowError, calendar.IllegalMonthError):
            field = f"{prefix}_day" if raw["day"] else f"{prefix}_month"
            if not raw["month"] or not raw["year"].isdigit() or len(raw["year"]) != 4:
                field = f"{prefix}_year"
            self.add_error(field, f"{label} must be a real date")
            return None

    def clean(self):
        """Read the date range; 'to' before 'from' is an error."""
        cleaned = super().clean()
        date_from = self._date("from", "Date from", end_of_period=False)
        date_to = self._date("to", "Date to", end_of_period=True)
        if date_from and date_to and date_to < date_from:
            self.add_error("to_day", "Date to must be the same as or after date from")
        cleaned["date_from"] = date_from
        cleaned["date_to"] = date_to
        return cleaned

    def filters(self):
        """{facet parameter: [values]} for the filters chosen."""
        data = self.cleaned_data if self.is_valid() else {}
        return {name: data.get(name, []) for name in ("type", "committee", "year")}

    def error_list(self):
        """[(field id, message)] for the GOV.UK error summary."""
        return [
            (self[name].auto_id, message)
            for name, messages in self.errors.items()
            for message in messages
        ]
