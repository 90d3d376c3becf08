"""Finding the passage of a result that matches the query, for display with the words marked.

Works on the stored document text with plain regular expressions, so it is the same on
every backend (haystack's backend highlighting differs between Whoosh, Solr and
Elasticsearch, and Whoosh's re-analyses every result's whole text). Returns segments,
not HTML: the template marks the matches, so nothing here builds markup.
"""

import os
import re
from dataclasses import dataclass

from whoosh.lang.porter import stem

PASSAGE_LENGTH = 240
#: Words too common to be worth marking in a passage.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has he in is it its of on or that the to was were "
    "will with".split()
)
MAX_MATCHES_CONSIDERED = 200


@dataclass(frozen=True)
class Segment:
    """A piece of the passage; `match` marks the words the resident searched for."""

    text: str
    match: bool = False


@dataclass(frozen=True)
class Passage:
    """The passage's segments and where it starts in the document text."""

    segments: tuple
    offset: int = -1

    def __bool__(self):
        """A passage is truthy when something matched."""
        return bool(self.segments)


NO_PASSAGE = Passage(())


def query_terms(query):
    """The distinct words of the query worth marking, longest first."""
    words = re.findall(r"\w+", query.lower())
    terms = {w for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())}
    return sorted(terms, key=len, reverse=True)


def term_pattern(terms):
    """A regular expression matching any word that starts with a query word's stem, so
    'strategies' is marked for 'strategy'."""
    # The part a word shares with its stem, so "strategy" (stem "strategi") marks
    # "strategy" and "strategies" alike.
    stems = sorted(
        {os.path.commonprefix([t, stem(t)]) if len(t) > 3 else t for t in terms},
        key=len,
        reverse=True,
    )
    stems = [s for s in stems if s]
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in stems)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def best_window(matches, text_length, length):
    """The start offset of the window holding the most distinct matched words."""
    best_start, best_score = 0, -1.0
    for index, match in enumerate(matches):
        start = max(0, match.start() - length // 4)
        end = start + length
        seen, count = set(), 0
        for other in matches[index:]:
            if other.start() >= end:
                break
            seen.add(other.group(0).lower()[:6])
            count += 1
        score = len(seen) + count * 0.1
        if score > best_score:
            best_start, best_score = start, score
    return min(best_start, max(0, text_length - length))


def passage(text, query, length=PASSAGE_LENGTH):
    """A `Passage` of about `length` characters around the best match (empty if none)."""
    if not text or not query:
        return NO_PASSAGE
    pattern = term_pattern(query_terms(query))
    if pattern is None:
        return NO_PASSAGE
    matches = []
    for match in pattern.finditer(text):
        matches.append(match)
        if len(matches) >= MAX_MATCHES_CONSIDERED:
            break
    if not matches:
        return NO_PASSAGE
    start = best_window(matches, len(text), length)
    end = min(len(text), start + length)
    # Widen to whole words at both ends.
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    window = " ".join(text[start:end].split())
    segments = []
    if start > 0:
        segments.append(Segment("…"))
    position = 0
    for match in pattern.finditer(window):
        if match.start() > position:
            segments.append(Segment(window[position : match.start()]))
        segments.append(Segment(match.group(0), match=True))
        position = match.end()
    if position < len(window):
        segments.append(Segment(window[position:]))
    if end < len(text):
        segments.append(Segment("…"))
    first_match = next((m.start() for m in matches if m.start() >= start), start)
    return Passage(tuple(segments), first_match)


def section_at(text, sections, offset):
    """The (anchor, heading) of the section containing `offset` in `text`, found by
    locating each heading in order; None before the first heading."""
    if offset < 0:
        return None
    current, position = None, 0
    for anchor, heading in sections:
        found = text.find(heading, position)
        if found == -1:
            continue
        if found > offset:
            break
        current, position = (anchor, heading), found + len(heading)
    return current
