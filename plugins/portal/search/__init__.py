"""Site search: a Pagefind index per site, Vietnamese folding, bundles shared between a parent
and its members. Run by the build after Pelican has written a site (see ``portal.build``)."""

from portal.search.fold import mark_d, unmark_d
from portal.search.index import (
    BUNDLE,
    SHARED,
    IndexStats,
    SearchIndexError,
    index_site,
    index_sites,
    share_bundles,
)

__all__ = [
    "BUNDLE",
    "SHARED",
    "IndexStats",
    "SearchIndexError",
    "index_site",
    "index_sites",
    "mark_d",
    "share_bundles",
    "unmark_d",
]
