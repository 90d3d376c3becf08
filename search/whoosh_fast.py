"""Counting, faceting and ranking for the Whoosh backend without visiting every match.

Whoosh is pure Python, so anything it does per matching document costs a microsecond or
more. At 100,000 documents a common word ("council", "budget") matches most of them, and
haystack's Whoosh search (count, facets and top results in one pass over every match)
takes about a second. This module answers the same questions from cached sets instead:

* **Which documents match** is a bitset (a Python int, one bit per document), built
  from each query leaf's postings once and cached; `And`, `Or` and `Not` become `&`, `|`
  and `& ~`, which Python does in C.
* **How many match** is `int.bit_count()`; **facet counts** are the bit counts of the
  match set ANDed with each facet value's cached bitset.
* **The best results** are scored exactly, with the index's own weighting (BM25F, with
  the title field's boost), summing leaf scores as Whoosh's `And` and `Or` do, but only
  for candidates: every match when there are few, otherwise the documents in each ranking
  word's cached champion list (its `CHAMPIONS` best documents) that match the whole query.
  This is the classic champion-list method: exact for one-word queries; for longer ones a
  document outside every word's champion list is not considered. Filters (facet values,
  dates) narrow the results but do not change scores, as with Solr's and
  Elasticsearch's filters.
* **Newest or oldest first** walks each segment's cached date order, merged, and stops
  at the end of the page.

Caches are kept per Whoosh segment. Segments never change once written (an update adds
a new small segment and marks the old copy deleted), so after an editor publishes a page
only the new segment's entries are built; deletions are applied as a mask at query time.
Scores cached for a segment use the collection statistics (word rarity, average length)
of the index when they were computed; they drift slightly as the index grows, until
segments are merged or the process restarts.
"""

import heapq
import threading
from array import array
from collections import OrderedDict

from whoosh import query as wq
from whoosh.fields import TEXT

#: Up to this many matches, every match is scored exactly.
EXACT_LIMIT = 3000
#: The best documents kept per ranking word (per segment).
CHAMPIONS = 1000
#: Leaf entries kept per segment, and a budget for cached scores across all segments (a
#: cell is 4 bytes in a common word's dense array, about 100 bytes in a rare word's dict).
CACHED_LEAVES = 256
SCORE_CELL_BUDGET = 12_000_000

_BIT = tuple(1 << n for n in range(8))


class SparseScores(dict):
    """A rare word's scores: {docnum: score}, 0.0 for documents without the word."""

    def __missing__(self, key):
        """Documents without the word score nothing."""
        return 0.0


def bits_from_ids(ids, size):
    """A bitset (int) with a bit set for each document number in `ids`."""
    buffer = bytearray((size >> 3) + 1)
    bit = _BIT
    for docnum in ids:
        buffer[docnum >> 3] |= bit[docnum & 7]
    return int.from_bytes(buffer, "little")


def ids_from_bits(bits):
    """The document numbers set in a bitset, ascending."""
    if not bits:
        return []
    data = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    ids = []
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            for offset in range(8):
                if byte & _BIT[offset]:
                    ids.append(base + offset)
    return ids


def is_ranking(schema, leaf):
    """Leaves that rank results: words in text fields (not filters on facets or dates)."""
    fieldname = getattr(leaf, "fieldname", None)
    return fieldname in schema and isinstance(schema[fieldname], TEXT)


class SegmentCache:
    """Bitsets, scores, facet values and date order for one segment (local docnums)."""

    def __init__(self, size, lock):
        """An empty cache for a segment of `size` documents, guarded by the shared `lock`."""
        self.size = size
        self.lock = lock
        self.leaves = OrderedDict()
        self.cells = 0
        self.facets = {}
        self.orders = {}

    def leaf(self, searcher, leaf):
        """(bitset, champions, scores) for a leaf query in this segment. `champions` maps
        the best documents to their scores; `scores[docnum]` is any document's score (0.0
        without the word). Filter leaves have neither: (bitset, None, None)."""
        with self.lock:
            found = self.leaves.get(leaf)
            if found is not None:
                self.leaves.move_to_end(leaf)
                return found
            if is_ranking(searcher.schema, leaf):
                found = self._scored_leaf(searcher, leaf)
            else:
                matcher = leaf.matcher(searcher, searcher.boolean_context())
                found = (bits_from_ids(matcher.all_ids(), self.size), None, None)
            self.leaves[leaf] = found
            self.cells += cells(found)
            while len(self.leaves) > CACHED_LEAVES:
                self.evict()
            return found

    def evict(self):
        """Forget the least recently used leaf."""
        _, evicted = self.leaves.popitem(last=False)
        self.cells -= cells(evicted)

    def _scored_leaf(self, searcher, leaf):
        """One pass over the leaf's postings: its bitset, every document's score (a dense
        array for common words, a dict for rare ones) and its best documents."""
        matcher = leaf.matcher(searcher, searcher.context())
        docnums, values = array("i"), array("d")
        while matcher.is_active():
            docnums.append(matcher.id())
            values.append(matcher.score())
            matcher.next()
        if len(docnums) * 25 > self.size:
            scores = array("f", bytes(4 * self.size))
            for docnum, score in zip(docnums, values, strict=True):
                scores[docnum] = score
        else:
            scores = SparseScores(zip(docnums, values, strict=True))
        if len(docnums) > CHAMPIONS:
            best = heapq.nlargest(CHAMPIONS, range(len(docnums)), key=values.__getitem__)
            champions = {docnums[i]: values[i] for i in best}
        else:
            champions = dict(zip(docnums, values, strict=True))
        return bits_from_ids(docnums, self.size), champions, scores

    def facet_values(self, reader, fieldname):
        """{value: bitset} for every value of a facet field in this segment."""
        with self.lock:
            return self._facet_values(reader, fieldname)

    def _facet_values(self, reader, fieldname):
        """`facet_values`, with the lock held."""
        if fieldname not in self.facets:
            values = {}
            if fieldname in reader.schema:
                field = reader.schema[fieldname]
                for btext in reader.lexicon(fieldname):
                    postings = reader.postings(fieldname, btext)
                    values[field.from_bytes(btext)] = bits_from_ids(postings.all_ids(), self.size)
            self.facets[fieldname] = values
        return self.facets[fieldname]

    def order(self, reader, fieldname):
        """[(value, docnum)] for every document in this segment, sorted."""
        with self.lock:
            return self._order(reader, fieldname)

    def _order(self, reader, fieldname):
        """`order`, with the lock held."""
        if fieldname not in self.orders:
            pairs = []
            if reader.has_column(fieldname):
                column = reader.column_reader(fieldname)
                pairs = sorted((column[docnum], docnum) for docnum in range(self.size))
            self.orders[fieldname] = pairs
        return self.orders[fieldname]


def cells(entry):
    """How much of the score budget a cached leaf uses."""
    scores = entry[2]
    if scores is None:
        return 0
    return len(scores) if isinstance(scores, array) else 25 * len(scores)


class SearcherCache:
    """One open searcher's view over its segments' caches (global docnums)."""

    def __init__(self, searcher, segments):
        """Map the searcher's segments to their caches and work out which documents are
        live (not deleted)."""
        self.searcher = searcher
        self.segments = segments
        self.schema = searcher.schema
        self.size = searcher.reader().doc_count_all()
        self.parts = []
        self.live = 0
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            cache = segments.get(reader)
            self.parts.append((subsearcher, offset, cache))
            local_live = (1 << cache.size) - 1
            if reader.has_deletions():
                local_live = bits_from_ids(reader.all_doc_ids(), cache.size)
            self.live |= local_live << offset
        self.assembled = OrderedDict()

    # --- leaves ------------------------------------------------------------------------

    def leaf(self, leaf):
        """(bitset, champions) for a leaf over all segments, global docnums."""
        found = self.assembled.get(leaf)
        if found is not None:
            self.assembled.move_to_end(leaf)
            return found
        bits, champions = 0, None
        for subsearcher, offset, cache in self.parts:
            local_bits, local_champions, _ = cache.leaf(subsearcher, leaf)
            bits |= local_bits << offset
            if local_champions is not None:
                champions = champions or {}
                for docnum, score in local_champions.items():
                    champions[docnum + offset] = score
        if champions and len(champions) > CHAMPIONS:
            champions = dict(heapq.nlargest(CHAMPIONS, champions.items(), key=lambda i: i[1]))
        found = (bits, champions)
        self.assembled[leaf] = found
        while len(self.assembled) > CACHED_LEAVES:
            self.assembled.popitem(last=False)
        self.segments.trim()
        return found

    def bits(self, query):
        """The bitset of documents matching `query` (deleted documents included)."""
        if isinstance(query, wq.And):
            result = self.live
            for sub in query.subqueries:
                result &= self.bits(sub)
                if not result:
                    break
            return result
        if isinstance(query, wq.Or | wq.DisjunctionMax):
            result = 0
            for sub in query.subqueries:
                result |= self.bits(sub)
            return result
        if isinstance(query, wq.AndNot):
            return self.bits(query.a) & ~self.bits(query.b)
        if isinstance(query, wq.Require):
            return self.bits(query.a) & self.bits(query.b)
        if isinstance(query, wq.AndMaybe):
            return self.bits(query.a)
        if isinstance(query, wq.Otherwise):
            first = self.bits(query.a)
            return first if first & self.live else self.bits(query.b)
        if isinstance(query, wq.Not):
            return self.live & ~self.bits(query.query)
        if isinstance(query, wq.Every):
            return self.live
        if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
            return 0
        if isinstance(query, wq.WrappingQuery):
            return self.bits(query.child)
        return self.leaf(query)[0]

    def ranking_leaves(self, query, path=()):
        """[(leaf, ancestors)] for the leaves that score a document: words in text fields
        outside any `Not`. A leaf adds to a document's score only if the document matches
        each of its ancestors (an `And` scores only when all its parts match), which is how
        Whoosh sums scores."""
        if isinstance(query, wq.Not):
            return []
        inner = (*path, query)
        if isinstance(query, wq.AndNot):
            return self.ranking_leaves(query.a, inner)
        if isinstance(query, wq.AndMaybe | wq.Require | wq.Otherwise):
            return self.ranking_leaves(query.a, inner) + self.ranking_leaves(query.b, inner)
        if isinstance(query, wq.CompoundQuery):
            leaves = []
            for sub in query.subqueries:
                leaves.extend(self.ranking_leaves(sub, inner))
            return leaves
        if isinstance(query, wq.WrappingQuery):
            return self.ranking_leaves(query.child, inner)
        return [(query, path)] if is_ranking(self.schema, query) else []

    # --- facets --------------------------------------------------------------------------

    def facet_counts(self, fieldname, matches):
        """[(value, count)] of a facet field's values among `matches`, most first."""
        counts = {}
        for subsearcher, offset, cache in self.parts:
            local = (matches >> offset) & ((1 << cache.size) - 1)
            if not local:
                continue
            for value, bits in cache.facet_values(subsearcher.reader(), fieldname).items():
                count = (bits & local).bit_count()
                if count:
                    counts[value] = counts.get(value, 0) + count
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    # --- ranking -------------------------------------------------------------------------

    def scores(self, leaves, docnums):
        """{docnum: score}: each leaf's score where the document matches all the leaf's
        ancestors, summed, as Whoosh's And and Or do. `docnums` ascending."""
        totals = dict.fromkeys(docnums, 0.0)
        bit = _BIT
        for leaf, ancestors in leaves:
            eligible = self.live
            for ancestor in ancestors:
                eligible &= self.bits(ancestor)
            data = eligible.to_bytes((self.size >> 3) + 1, "little")
            parts = iter(self.parts)
            subsearcher, offset, cache = next(parts)
            table, end = cache.leaf(subsearcher, leaf)[2], offset + cache.size
            for docnum in docnums:
                while docnum >= end:
                    subsearcher, offset, cache = next(parts)
                    table, end = cache.leaf(subsearcher, leaf)[2], offset + cache.size
                if data[docnum >> 3] & bit[docnum & 7]:
                    totals[docnum] += table[docnum - offset]
        return totals

    def top_by_score(self, query, matches, count, limit):
        """[(docnum, score)] of the best `limit` matches."""
        leaves = self.ranking_leaves(query)
        if count <= EXACT_LIMIT or not leaves:
            candidates = ids_from_bits(matches)
        else:
            approximate = {}
            for leaf in dict.fromkeys(leaf for leaf, _ in leaves):
                for docnum, score in (self.leaf(leaf)[1] or {}).items():
                    approximate[docnum] = approximate.get(docnum, 0.0) + score
            shortlist = ids_from_bits(bits_from_ids(approximate, self.size) & matches)
            keep = max(limit * 5, 200)
            if len(shortlist) > keep:
                shortlist = sorted(heapq.nlargest(keep, shortlist, key=approximate.__getitem__))
            candidates = shortlist
            if len(candidates) < limit:
                # Too few champions match the whole query: score every match instead.
                candidates = ids_from_bits(matches)
        if not leaves:
            return [(docnum, 0.0) for docnum in candidates[:limit]]
        totals = self.scores(leaves, candidates)
        return heapq.nlargest(limit, totals.items(), key=lambda item: (item[1], -item[0]))

    def top_by_order(self, fieldname, matches, limit, reverse):
        """[(docnum, 0.0)] of the first `limit` matches in field order (ties by docnum)."""
        data = matches.to_bytes((self.size >> 3) + 1, "little")
        streams = []
        for subsearcher, offset, cache in self.parts:
            pairs = cache.order(subsearcher.reader(), fieldname)
            streams.append(_shifted(reversed(pairs) if reverse else pairs, offset))
        found = []
        for _value, docnum in heapq.merge(*streams, reverse=reverse):
            if data[docnum >> 3] & _BIT[docnum & 7]:
                found.append((docnum, 0.0))
                if len(found) >= limit:
                    break
        return found


def _shifted(pairs, offset):
    """(value, global docnum) from a segment's (value, local docnum) pairs."""
    for value, docnum in pairs:
        yield value, docnum + offset


class SegmentCaches:
    """The per-segment caches of one index, shared by every thread of a web worker (each
    thread has its own haystack backend and searcher, but the cached data is the same), and
    pruned to the segments still in use."""

    def __init__(self):
        """No segments cached yet; one re-entrant lock guards every cache of this index."""
        self._caches = {}
        self.lock = threading.RLock()

    @staticmethod
    def key(reader):
        """A segment's identity, stable while the segment exists."""
        segment = reader.segment() if reader.is_atomic() else None
        return segment.segment_id() if segment is not None else f"reader-{id(reader)}"

    def get(self, reader):
        """The cache for this segment (a fresh one for a new segment)."""
        key = self.key(reader)
        with self.lock:
            cache = self._caches.get(key)
            if cache is None or cache.size != reader.doc_count_all():
                cache = self._caches[key] = SegmentCache(reader.doc_count_all(), self.lock)
            return cache

    def keep_only(self, readers):
        """Drop caches of segments that have been merged away, and keep scores in budget.
        A thread still using an older searcher keeps its own references to them."""
        keys = {self.key(reader) for reader in readers}
        with self.lock:
            for key in list(self._caches):
                if key not in keys:
                    del self._caches[key]
        self.trim()

    def trim(self):
        """Evict the least recently used scores of the biggest caches until in budget."""
        with self.lock:
            while sum(cache.cells for cache in self._caches.values()) > SCORE_CELL_BUDGET:
                largest = max(self._caches.values(), key=lambda cache: cache.cells)
                if not largest.leaves:
                    break
                largest.evict()


_SHARED_SEGMENT_CACHES = {}
_SHARED_LOCK = threading.Lock()


def shared_segment_caches(index_path):
    """The process-wide segment caches for the index at `index_path`."""
    with _SHARED_LOCK:
        return _SHARED_SEGMENT_CACHES.setdefault(str(index_path), SegmentCaches())


class FastSearch:
    """The per-backend entry point: a `SearcherCache` for the current searcher, over
    segment caches that outlive it."""

    def __init__(self, segments=None):
        """Caches for one backend; `segments` may be shared with other threads' backends."""
        self._searcher = None
        self._cache = None
        self.segments = segments if segments is not None else SegmentCaches()

    def cache_for(self, searcher):
        """The cache for this searcher; segment caches are kept across searchers."""
        if searcher is not self._searcher:
            readers = [sub.reader() for sub, _ in searcher.leaf_searchers()]
            self.segments.keep_only(readers)
            self._searcher = searcher
            self._cache = SearcherCache(searcher, self.segments)
        return self._cache
