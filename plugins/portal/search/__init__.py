"""Site search: a quick and a full-text Pagefind index per site, Vietnamese folding, full-text
bundles shared between a parent and its members. Run by the build after Pelican has written a
site (see ``portal.build``)."""

from portal.search.fold import mark_d, unmark_d
from portal.search.index import (
    BUNDLE,
    FULL,
    SHARED,
    IndexStats,
    SearchIndexError,
    forget_pickles,
    index_full,
    index_quick,
    index_site,
    index_sites,
    mirror,
    quick_items,
    refresh_quick,
    share_between,
    share_bundles,
)
from portal.search.shards import SHARD_ABOVE

__all__ = [
    "BUNDLE",
    "FULL",
    "SHARD_ABOVE",
    "SHARED",
    "IndexStats",
    "SearchIndexError",
    "forget_pickles",
    "index_full",
    "index_quick",
    "index_site",
    "index_sites",
    "mark_d",
    "mirror",
    "quick_items",
    "refresh_quick",
    "share_between",
    "share_bundles",
    "unmark_d",
]
