"""The documents library: each document's validity, and the facets readers filter by (type,
issuer, field, year), each a pre-rendered listing that works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portal.messages import N_
from portal.paths import DOCUMENT_FACETS
from portal.slugs import slugify

# facet key → (URL folder under van-ban/, Vietnamese heading: a gettext message id)
FACETS: dict[str, tuple[str, str]] = {
    "type": (DOCUMENT_FACETS["type"], N_("Loại văn bản")),
    "issuer": (DOCUMENT_FACETS["issuer"], N_("Cơ quan ban hành")),
    "field": (DOCUMENT_FACETS["field"], N_("Lĩnh vực")),
    "year": (DOCUMENT_FACETS["year"], N_("Năm ban hành")),
}
FACET_FOLDERS = frozenset(folder for folder, _ in FACETS.values())

# validity code (the phase of a document, portal.types.documents) → Vietnamese label (gettext
# message id)
VALIDITY = {
    "in-force": N_("Còn hiệu lực"),
    "pending": N_("Chưa có hiệu lực"),
    "expired": N_("Hết hiệu lực"),
    "replaced": N_("Đã bị thay thế"),
}


def facet_values(meta: dict[str, Any]) -> dict[str, list[str]]:
    return {
        "type": [meta["doc_type"]],
        "issuer": [meta["issuer"]],
        "field": list(meta.get("fields") or []),
        "year": [str(meta["issued"].year)],
    }


@dataclass
class FacetValue:
    facet: str
    label: str
    slug: str
    url: str  # site-relative, e.g. van-ban/loai/quyet-dinh/
    documents: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.documents)


def facets(documents: list, base: str) -> dict[str, list[FacetValue]]:
    """Every facet value with its documents (in the library's order); values sorted by label,
    years newest first."""
    found: dict[str, dict[str, FacetValue]] = {key: {} for key in FACETS}
    for document in documents:
        for key, labels in facet_values(document.item.meta).items():
            for label in labels:
                slug = slugify(label)
                value = found[key].get(slug)
                if value is None:
                    value = FacetValue(key, label, slug, f"{base}{FACETS[key][0]}/{slug}/")
                    found[key][slug] = value
                value.documents.append(document)
    result: dict[str, list[FacetValue]] = {}
    for key, values in found.items():
        ordered = sorted(values.values(), key=lambda v: slugify(v.label))
        result[key] = ordered[::-1] if key == "year" else ordered
    return result


def index_record(document, validity_code: str, siteurl: str) -> dict[str, Any]:
    """One row of the JSON index the library page filters with JavaScript: slugs to match the
    filter form's values, labels to show."""
    meta = document.item.meta
    issued = meta["issued"]
    return {
        "href": f"{siteurl}/{document.url}",
        "number": meta["number"],
        "type": slugify(meta["doc_type"]),
        "typeLabel": meta["doc_type"],
        "issuer": slugify(meta["issuer"]),
        "issuerLabel": meta["issuer"],
        "fields": [slugify(f) for f in meta.get("fields") or []],
        "year": str(issued.year),
        "issued": issued.isoformat(),
        "issuedText": issued.strftime("%d/%m/%Y"),
        "summary": meta["summary"],
        "validity": validity_code,
        "validityLabel": VALIDITY[validity_code],
    }
