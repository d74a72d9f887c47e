"""The docs' field table, generated from the registry: ``docs/content-model.md`` holds it between
``BEGIN``/``END`` markers, and ``tests/types/test_docs_table.py`` checks it is current.

``python -m portal.types.docs docs/content-model.md`` rewrites the table in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from portal.frontmatter.fields import Field
from portal.types import REGISTRY
from portal.types.base import COMMON, ContentType, FieldSpec

BEGIN = "<!-- field table: generated from portal.types (python -m portal.types.docs) -->"
END = "<!-- end of the field table -->"


def _kind(field: Field) -> str:
    if field.kind == "list" and field.item is not None:
        return f"list of {_kind(field.item)}"
    if field.kind == "enum":
        return "one of " + ", ".join(f"`{choice}`" for choice in field.choices)
    if field.kind == "records":
        return "list of {" + ", ".join(field.fields) + "}"
    if field.kind == "mapping":
        return "{" + ", ".join(field.fields) + "}"
    return field.kind + (", multi-line" if field.multiline else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(fields: dict[str, FieldSpec]) -> list[str]:
    rows = [
        "| field | required | kind | label | help (portal new) | example |",
        "|---|---|---|---|---|---|",
    ]
    for name, spec in fields.items():
        required = "yes" if spec.field.required else ""
        if spec.field.forbidden:
            required = "forbidden"
        example = f"`{_cell(spec.example)}`" if spec.example else ""
        rows.append(
            f"| `{name}` | {required} | {_cell(_kind(spec.field))} | {_cell(spec.label)} "
            f"| {_cell(spec.help)} | {example} |"
        )
    return rows


def _summary(ct: ContentType) -> str:
    url = f"`/{ct.url_prefix}/<slug>/`" if ct.url_prefix else "`/<slug>/`"
    listing = f"`{ct.listing_template}.html`" if ct.listing_template else "Pelican's"
    return (
        f"| `{ct.folder}/` | {ct.title} | {url} | `{ct.template}.html` | {listing} "
        f"| {'yes' if ct.feed else ''} | {_cell(ct.description)} |"
    )


def field_table() -> str:
    """The Markdown between the markers."""
    lines = [
        "| folder | title | URL | item template | listing | feed | what |",
        "|---|---|---|---|---|---|---|",
        *(_summary(ct) for ct in REGISTRY.values()),
        "",
        "### Every type",
        *_rows(COMMON),
    ]
    for ct in REGISTRY.values():
        lines += ["", f"### `{ct.folder}/`", *_rows(ct.own_fields)]
    return "\n".join(lines)


def rewrite(text: str) -> str:
    """``text`` with the table between the markers replaced by the current one."""
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"markers not found: {BEGIN!r} … {END!r}")
    return f"{head}{BEGIN}\n{field_table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
