"""The Q&A section's fields (lĩnh vực): one listing per field that holds answers, at
``hoi-dap/linh-vuc/<slug>/``, and the fields the question form offers.

Pure helpers, called by ``portal.sections.generator`` (listings) and ``portal.theme.generator``
(the form). The form offers the fields configured for the site in ``sites.yml`` (``qa_fields``),
in that order, then any other field an answer is filed under; without a configured list, the
fields of the published answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.paths import QA_FIELDS as FIELDS_FOLDER
from portal.slugs import slugify
from portal.types import get


@dataclass(frozen=True)
class QaField:
    name: str
    url: str  # site-relative: hoi-dap/linh-vuc/<slug>/
    count: int


def field_of(content) -> str:
    return str(content.item.meta.get("field") or "").strip()


def qa_fields(contents: list, configured: list[str] = ()) -> list[QaField]:
    """The fields that hold answers, in ``configured`` order, then by name."""
    counts: dict[str, int] = {}
    for content in contents:
        name = field_of(content)
        if name:
            counts[name] = counts.get(name, 0) + 1
    rank = {name: index for index, name in enumerate(configured)}
    names = sorted(counts, key=lambda n: (rank.get(n, len(rank)), n))
    base = f"{get('qa').url_prefix}/{FIELDS_FOLDER}"
    return [QaField(n, f"{base}/{slugify(n)}/", counts[n]) for n in names]


def form_topics(configured: list[str], answered: list[str]) -> list[str]:
    """What the question form offers: the configured fields, then the answered ones it lacks."""
    topics = list(dict.fromkeys(t for t in configured if t))
    return topics + sorted({t for t in answered if t} - set(topics))
