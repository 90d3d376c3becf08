"""The file cache used when there is no Redis (see `caches_from_environment` in settings).

Django's FileBasedCache deletes expired files only when they are read again, and once it
holds MAX_ENTRIES files it deletes a random third of them. Rate-limit counters (one per
address per hour, never read after their hour) and search facet counts pile up as expired
files, so a cull would remove live counters at random and let a flood through. This
backend deletes the expired files first and culls at random only if the cache is still full.
"""

from django.core.cache.backends import filebased


class FileBasedCache(filebased.FileBasedCache):
    """Django's file cache, forgetting expired entries before live ones when full."""

    def _cull(self):
        if len(self._list_cache_files()) < self._max_entries:
            return
        for name in self._list_cache_files():
            try:
                with open(name, "rb") as entry:
                    self._is_expired(entry)  # deletes the file if it has expired
            except FileNotFoundError:
                pass  # another process deleted it first
        super()._cull()
