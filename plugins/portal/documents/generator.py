"""Write the library's facet pages and its JSON index, and give every document its validity."""

from __future__ import annotations

import json
import os

from pelican.generators import Generator

from portal.documents.library import FACETS, VALIDITY, facets, index_record
from portal.paths import DOCUMENTS_DATA
from portal.types import get

BASE = f"{get('documents').url_prefix}/"
INDEX_JSON = f"{BASE}{DOCUMENTS_DATA}"


class LibraryGenerator(Generator):
    def generate_context(self) -> None:
        documents = self.context["sections"].get("documents", [])
        for document in documents:  # its phase at the build's moment (portal.catalog.phases)
            document.validity = document.item.phase
        self.facets = facets(documents, BASE)
        self.documents = documents
        self.context["library"] = {
            "facets": self.facets,
            "facet_names": {key: heading for key, (_, heading) in FACETS.items()},
            "validity": VALIDITY,
            "index_url": INDEX_JSON,
        }

    def generate_output(self, writer) -> None:
        template = self.get_template("documents")
        for values in self.facets.values():
            for value in values:
                writer.write_file(
                    f"{value.url}index.html",
                    template,
                    self.context,
                    paginated={"items": value.documents},
                    template_name="section",
                    url=value.url,
                    section="documents",
                    facet=value,
                    items=value.documents,
                )
        siteurl = self.settings.get("SITEURL", "")
        records = [index_record(d, d.validity, siteurl) for d in self.documents]
        path = os.path.join(self.output_path, INDEX_JSON)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(records, handle, ensure_ascii=False, separators=(",", ":"))
