"""Search benchmark: index a synthetic council and time a fixed set of queries.

    .venv/bin/python bench/search.py                  # 10k and 100k documents
    .venv/bin/python bench/search.py --docs 10000     # one size
    .venv/bin/python bench/search.py --keep /tmp/idx  # keep (or reuse) the built index

What it measures, for each corpus size:

* Indexing rate: synthetic documents with the exact fields of the site's haystack indexes
  (content type, committee, year, date, title, summary, url, sections, autocomplete and
  the text) written into a Whoosh index built from the site's own haystack schema, in
  batches through one Whoosh writer (`--procs` worker processes). Preparing real objects
  (database reads, template rendering) is not included; it costs the same per object
  whatever the index size.
* Query latency, p50 and p95, for a fixed query set through the search page's own code:
  `search.query.run_search` (query, facets, re-ranking, passages, spelling) and the full
  view (`search.views.search`, including the template) with a migrated throw-away
  database for the site's header and footer. "cold" is the first pass in a new process
  (every cache empty); "warm" the later passes; "after a change" the pass after one
  document is replaced, as when an editor publishes a page.

The corpus is deterministic (seeded), so runs are comparable.
"""

import argparse
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- the synthetic council -------------------------------------------------------------

COMMON = """council cabinet committee meeting report decision budget plan strategy service
services residents community communities housing planning application development transport
school schools education children adult social care health wellbeing waste recycling
highways road roads parking library libraries leisure park parks climate carbon energy
economy business businesses jobs skills funding grant grants capital revenue savings cost
costs contract contracts procurement tender consultation proposal proposals policy review
scrutiny audit risk risks performance annual quarterly monitoring finance financial
treasury management pension investment property assets land disposal acquisition
regeneration town centre village parish ward wards member members councillor councillors
officer officers director corporate executive leader portfolio motion amendment resolved
recommendation recommendations approve approved agree agreed note noted minutes apologies
declarations interest public questions statements petition petitions item items agenda
appendix appendices background papers equality impact assessment legal implications
environmental safeguarding vulnerable older people families young carers flood flooding
drainage footpath footpaths cycling bus buses rail station airport licensing licence
premises alcohol gambling taxi enforcement noise pollution air quality trees woodland
biodiversity nature conservation heritage listed building museum arts culture tourism
sport sports pitch pool swimming digital technology broadband data information privacy
customer contact website online access accessibility transformation programme project
projects delivery partnership partners police fire rescue ambulance hospital clinical
commissioning integrated prevention early help domestic abuse homelessness temporary
accommodation affordable homes rent tenants landlord council tax business rates
collection fund reserves borrowing interest rates inflation pay award staffing workforce
recruitment training apprenticeships volunteers charity charities voluntary sector""".split()

SYLLABLES = "ab al an ar ash bar bel ber bram brook bury by ca car ches chip cot dal den \
don down ey ford ham hill ing ton ley lin mar mel mere mid min mor ne nor oak ock pen \
ridge ro sal sand sea shaw sted stock stow thorn ton vale well wick win wood worth".split()

COMMITTEES = [
    "Cabinet",
    "Full Council",
    "Strategic Planning Committee",
    "Northern Area Planning Committee",
    "Southern Area Planning Committee",
    "Eastern Area Planning Committee",
    "Western Area Planning Committee",
    "Licensing Committee",
    "Audit and Governance Committee",
    "Overview and Scrutiny Management Committee",
    "Children's Select Committee",
    "Health Select Committee",
    "Environment Select Committee",
    "Health and Wellbeing Board",
    "Pension Fund Committee",
    "Standards Committee",
    "Staffing Policy Committee",
    "Schools Forum",
    "Police and Crime Panel",
    "Area Board North",
    "Area Board South",
    "Area Board East",
    "Area Board West",
    "Fire Authority",
    "Corporate Parenting Panel",
    "Joint Transport Committee",
    "Rights of Way Committee",
    "Housing Board",
    "Climate Emergency Task Group",
    "Appeals Committee",
]

#: (content type, django_ct, share of documents, mean words, has committee)
TYPES = [
    ("Agenda item", "meetings.agendaitem", 0.42, 500, True),
    ("Meeting", "meetings.meetingpage", 0.10, 120, True),
    ("Decision", "meetings.decision", 0.15, 220, True),
    ("Minutes", "meetings.minutespage", 0.08, 700, True),
    ("Forward plan entry", "meetings.forwardplanentry", 0.07, 150, True),
    ("Question or statement", "consultations.submission", 0.10, 160, True),
    ("Consultation", "consultations.consultationpage", 0.03, 500, False),
    ("Plan or strategy", "meetings.planpage", 0.01, 1500, False),
    ("Councillor", "meetings.councillorpage", 0.02, 120, False),
    ("Page", "home.standardpage", 0.02, 300, False),
]


class Corpus:
    """Deterministic synthetic documents shaped like the site's indexed documents."""

    def __init__(self, seed=2026):
        """Make the vocabulary (fixed seed, so every run is the same)."""
        self.random = random.Random(seed)
        names = set()
        while len(names) < 25_000:
            names.add("".join(self.random.choices(SYLLABLES, k=self.random.randint(2, 3))))
        # Council words are frequent, place and people names form a long Zipf tail.
        self.words = COMMON + sorted(names)
        self.weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = []
        total = 0.0
        for weight in self.weights:
            total += weight
            self.cumulative.append(total)

    def text(self, count):
        """`count` words in sentences."""
        words = self.random.choices(self.words, cum_weights=self.cumulative, k=count)
        sentences, start = [], 0
        while start < len(words):
            length = self.random.randint(8, 22)
            sentence = " ".join(words[start : start + length])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            start += length
        return " ".join(sentences)

    def documents(self, count):
        """Yield `count` documents as {index field: value} dicts."""
        rnd = self.random
        shares = [t[2] for t in TYPES]
        start = datetime(2005, 1, 1)
        span_days = (datetime(2027, 6, 30) - start).days
        for number in range(1, count + 1):
            label, ct, _share, mean_words, has_committee = rnd.choices(TYPES, weights=shares)[0]
            words = max(20, int(rnd.expovariate(1 / mean_words)))
            if label == "Agenda item" and rnd.random() < 0.2:
                words += 2500  # the text of an attached PDF paper
            title_words = self.random.choices(self.words[:400], k=rnd.randint(2, 6))
            title = " ".join(title_words).capitalize()
            date = start + timedelta(days=rnd.randrange(span_days), hours=rnd.randrange(9, 19))
            committee = rnd.choice(COMMITTEES) if has_committee else None
            text = f"{title}\n{committee or ''}\n{self.text(words)}"
            yield {
                "id": f"{ct}.{number}",
                "django_ct": ct,
                "django_id": str(number),
                "text": text,
                "title": title,
                "summary": f"{committee or label}, {date:%-d %B %Y}",
                "url": f"/{ct.split('.')[1]}/{number}/",
                "content_type": [label],
                "content_type_exact": [label],
                "committee": [committee] if committee else None,
                "committee_exact": [committee] if committee else None,
                "year": [str(date.year)],
                "year_exact": [str(date.year)],
                "date": date,
                "sections": "",
                "autocomplete": title,
            }


#: The fixed query set: (query, options). Common and rare words, phrases, misspellings,
#: filters, sorting, a later page and a date range.
QUERIES = [
    ("budget", {}),
    ("planning application", {}),
    ("council", {}),
    ("housing", {}),
    ("school transport", {}),
    ('"social care"', {}),
    ("climate emergency carbon", {}),
    ("library closures", {}),
    ("budjet", {}),
    ("recyclng", {}),
    ("licensing premises alcohol", {}),
    ("flood drainage", {}),
    ("cabinet decision", {"filters": {"type": ["Decision"]}}),
    ("housing", {"filters": {"committee": ["Cabinet"]}}),
    ("planning", {"filters": {"type": ["Agenda item", "Minutes"], "year": ["2024"]}}),
    ("budget", {"sort": "newest"}),
    ("waste", {"sort": "oldest"}),
    ("council", {"page": 3}),
    ("highways", {"date_from": (2020, 1, 1), "date_to": (2022, 12, 31)}),
    ("pension fund investment", {}),
    ("safeguarding children", {}),
    ("broadband digital", {}),
    ("parking enforcement", {}),
    ("tree", {}),
]


def percentile(values, fraction):
    """The value below which `fraction` of the values fall."""
    ordered = sorted(values)
    index = max(0, math.ceil(fraction * len(ordered)) - 1)
    return ordered[index]


# --- the measurements ------------------------------------------------------------------


def build_index(count, procs, batch):
    """Write `count` synthetic documents through the site's haystack schema; returns
    (seconds, documents per second)."""
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.clear()
    backend.setup()
    corpus = Corpus()
    started = time.perf_counter()
    written = 0
    writer_args = {"limitmb": 256}
    if procs > 1:
        writer_args.update(procs=procs, multisegment=True)
    documents = corpus.documents(count)
    while written < count:
        writer = backend.index.writer(**writer_args)
        for document in documents:
            writer.add_document(
                **{k: backend._from_python(v) for k, v in document.items() if v is not None}
            )
            written += 1
            if written % batch == 0:
                break
        writer.commit()
        print(f"  indexed {written:,}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    return elapsed, count / elapsed


def time_queries(rounds):
    """p50/p95 (ms) of `run_search` and of the whole view over the query set."""
    import datetime as dt

    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.test import RequestFactory

    from search.query import run_search
    from search.views import search

    factory = RequestFactory()
    timings = {"run_search cold": [], "run_search warm": [], "view warm": []}

    def call(query, options):
        """Run one query through `run_search` with the bench's options."""
        kwargs = dict(options)
        for key in ("date_from", "date_to"):
            if key in kwargs:
                kwargs[key] = dt.date(*kwargs[key])
        return run_search(query, **kwargs)

    cache.clear()
    for query, options in QUERIES:
        started = time.perf_counter()
        call(query, options)
        timings["run_search cold"].append((time.perf_counter() - started) * 1000)
    for _ in range(rounds):
        for query, options in QUERIES:
            started = time.perf_counter()
            call(query, options)
            timings["run_search warm"].append((time.perf_counter() - started) * 1000)
    for _ in range(rounds):
        for query, options in QUERIES:
            params = {"q": query, "sort": options.get("sort", ""), "page": options.get("page", 1)}
            for name, values in options.get("filters", {}).items():
                params[name] = values
            for prefix, key in (("from", "date_from"), ("to", "date_to")):
                if key in options:
                    year, month, day = options[key]
                    params.update(
                        {f"{prefix}_year": year, f"{prefix}_month": month, f"{prefix}_day": day}
                    )
            request = factory.get("/search/", params)
            request.user = AnonymousUser()
            started = time.perf_counter()
            response = search(request)
            timings["view warm"].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    timings["run_search after a change"] = []
    replace_one_document()
    cache.clear()
    for query, options in QUERIES:
        started = time.perf_counter()
        call(query, options)
        timings["run_search after a change"].append((time.perf_counter() - started) * 1000)
    return {
        name: (statistics.median(values), percentile(values, 0.95), max(values))
        for name, values in timings.items()
    }


def replace_one_document():
    """Re-index one document, as publishing a page does: a new segment, one deletion."""
    from haystack import connections

    backend = connections["default"].get_backend()
    document = next(Corpus(seed=99).documents(1))
    writer = backend.index.writer()
    writer.update_document(
        **{k: backend._from_python(v) for k, v in document.items() if v is not None}
    )
    writer.commit()


def per_query(rounds=3):
    """Median time (ms) of each query, warm, to show which queries cost most."""
    import datetime as dt

    from search.query import run_search

    rows = []
    for query, options in QUERIES:
        kwargs = dict(options)
        for key in ("date_from", "date_to"):
            if key in kwargs:
                kwargs[key] = dt.date(*kwargs[key])
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            outcome = run_search(query, **kwargs)
            times.append((time.perf_counter() - started) * 1000)
        rows.append((query, options, statistics.median(times), outcome.total))
    return rows


def prepare_database():
    """A migrated throw-away database with a home page, so the view's header, footer and
    breadcrumbs render as on the real site."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from home.factories import make_site_with_home_page

    make_site_with_home_page()


def main():
    """Parse the options, build each corpus and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--procs", type=int, default=2, help="Whoosh writer processes")
    parser.add_argument("--batch", type=int, default=20_000, help="documents per commit")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the queries")
    parser.add_argument("--keep", help="index folder to keep and reuse (skips indexing)")
    parser.add_argument("--per-query", action="store_true", help="print each query's time")
    args = parser.parse_args()
    sizes = args.docs or [10_000, 100_000]

    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    index_path = Path(args.keep) if args.keep else work / "index"
    os.environ["HAYSTACK_WHOOSH_PATH"] = str(index_path)
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    prepare_database()
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {os.uname().sysname} "
        f"{os.uname().release} {os.uname().machine}"
    )
    try:
        for size in sizes:
            from haystack import connections

            backend = connections["default"].get_backend()
            reuse = args.keep and index_path.exists() and any(index_path.iterdir())
            if reuse:
                backend.setup()
                print(f"\n{size:,} documents (reusing {index_path})")
            else:
                seconds, rate = build_index(size, args.procs, args.batch)
                print(f"\n{size:,} documents: indexed in {seconds:.1f} s, {rate:,.0f} docs/s")
            size_mb = sum(f.stat().st_size for f in index_path.iterdir()) / 1e6
            print(f"  index size {size_mb:.0f} MB, {backend.index.doc_count():,} documents")
            results = time_queries(args.rounds)
            for name, (p50, p95, worst) in results.items():
                print(f"  {name:26} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {worst:6.1f} ms")
            if args.per_query:
                for query, options, median, total in per_query():
                    print(f"    {median:7.1f} ms  {total:6,} hits  {query} {options or ''}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
