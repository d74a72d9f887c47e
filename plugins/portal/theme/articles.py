"""Per-article links: previous/next in time, and related articles ("Các tin khác")."""

from __future__ import annotations

from collections import defaultdict

RELATED = 5
CANDIDATES_PER_TAG = 200  # the newest articles of a tag considered; keeps large sites linear


def link_neighbours(articles: list) -> None:
    """``articles`` newest first: set ``newer`` and ``older`` on each."""
    for index, article in enumerate(articles):
        article.newer = articles[index - 1] if index > 0 else None
        article.older = articles[index + 1] if index + 1 < len(articles) else None


def link_related(articles: list, limit: int = RELATED) -> None:
    """Set ``related`` on each article: most shared tags first (a shared category counts as
    half a tag), then newest; topped up with the newest of the same category, then the newest."""
    by_tag: dict[str, list] = defaultdict(list)
    by_category: dict[str, list] = defaultdict(list)
    for article in articles:  # newest first, so each list is too
        for tag in getattr(article, "tags", None) or []:
            by_tag[tag.slug].append(article)
        by_category[article.category.slug].append(article)
    rank = {id(a): i for i, a in enumerate(articles)}
    for article in articles:
        scores: dict[int, float] = defaultdict(float)
        pool: dict[int, object] = {}
        for tag in getattr(article, "tags", None) or []:
            for other in by_tag[tag.slug][:CANDIDATES_PER_TAG]:
                scores[id(other)] += 2
                pool[id(other)] = other
        for other_id in list(pool):
            if pool[other_id].category == article.category:
                scores[other_id] += 1
        scores.pop(id(article), None)
        ranked = sorted(scores, key=lambda key: (-scores[key], rank[key]))
        related = [pool[key] for key in ranked[:limit]]
        for other in [*by_category[article.category.slug][: limit * 2], *articles[: limit * 2]]:
            if len(related) >= limit:
                break
            if other is not article and other not in related:
                related.append(other)
        article.related = related
