"""News (tin bài): ``articles/``, listed by Pelican's own generators under ``tin-tuc/``."""

from __future__ import annotations

from portal.messages import N_
from portal.types.base import ContentType, quote, spec, with_common

TYPE = ContentType(
    folder="articles",
    url_prefix="tin-tuc",
    title=N_("Tin tức"),
    nav_label=N_("Tin tức"),
    search_label=N_("Tin bài"),
    description="tin bài; chuyên mục theo danh sách của trang trong sites.yml",
    template="article",
    listing_template="",  # Pelican's ArticlesGenerator lists news (index, categories, tags)
    fields=with_common(
        {
            "category": spec(
                label="Chuyên mục",
                help="chuyên mục (theo danh sách của trang trong sites.yml)",
                example='"Thông báo"',
                fill=lambda d: quote(d.site.categories[0] if d.site.categories else "Tin tức"),
                required=True,
            ),
            "featured": spec("bool", "Tin nổi bật", "tin nổi bật", "true"),
        }
    ),
    feed_fields=("category", "featured"),
    facets=(("category", "category"),),
    quick_fields=("category", "unit", "tags"),
)
