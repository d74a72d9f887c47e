"""``admin/config.yml``: the configuration of the form editor (Sveltia CMS), written from the
content model by ``portal cms`` and never edited by hand.

Contract:

- ``config(sites, settings)`` is a plain dict: one collection per content type of every site
  (``<site>-<type>``, folder ``content/<site>/<type>``), each field of the type with the widget
  of its kind (``_widget``), its Vietnamese label, hint and example; the editorial workflow
  (branches ``cms/…`` and pull requests labelled ``decap-cms/…``, the labels of
  ``.github/labels.yml``); the Vietnamese interface; uploads into the item's own ``files/``.
- ``render(config)`` is its YAML text, stable (same input, same bytes): the committed file is
  compared with it by ``portal cms --check`` and by the tests.
- The model is read through ``_model(kind)`` only: (name, Field, label, hint, example) in the
  order the editor shows them, from the content-type registry (``portal.types``: the same
  labels, help and examples ``portal new`` writes). A sub-field (``unpublished.reason``, a
  schedule's ``items.time``) and a choice's value are shown by their Vietnamese names from the
  field's ``FieldSpec.names``; a select writes the value, never the name.
- Settings read: ``PORTAL_CMS_REPO`` (``owner/name`` on GitHub), ``PORTAL_CMS_BRANCH``,
  ``PORTAL_CMS_AUTH_URL`` (the sign-in relay, sveltia-cms-auth; empty: token sign-in only).
"""

from __future__ import annotations

from typing import Any

import yaml

from portal.frontmatter.fields import Field
from portal.sites import Site
from portal.types import REGISTRY
from portal.types.base import COMMON

CONFIG_PATH = "admin/config.yml"  # in the repository; copied to /admin/ of the parent site
LABEL_PREFIX = "decap-cms/"  # .github/labels.yml and docs/van-hanh.md section 7
MEDIA = "files"  # attachments and images beside the item, as `portal new` puts them
DATETIME = "YYYY-MM-DD HH:mm"  # what the reader reads as Vietnam time (frontmatter.fields)
DATE = "YYYY-MM-DD"
TIME = "HH:mm"
# The fields first, in the order the demo files write them: a collaborator reads them so.
FIRST = ("title", "date")
# Lists of references to other items: chosen among the site's existing ones.
RELATIONS = {"replaces": ("documents", "number")}
# Fields a site's sites.yml gives the values of (a select instead of free text).
SITE_LISTS = {"category": "categories", "unit": "units"}
HEADER = (
    "# Cấu hình trình soạn thảo biểu mẫu (Sveltia CMS), do 'portal cms' ghi từ mô hình nội dung:\n"
    "# đừng sửa tay. (Written by 'portal cms' from the content model; do not edit.)\n"
)


def _model(kind: str) -> list[tuple[str, Field, str, str, str]]:
    """The fields of ``kind`` in the editor's order: (name, Field, label, hint, example)."""
    fields = {k: v for k, v in REGISTRY[kind].fields.items() if not v.field.forbidden}
    order = [k for k in FIRST if k in fields]
    order += [k for k in fields if k not in order and COMMON.get(k) is not fields[k]]
    order += [k for k in fields if k not in order]
    return [
        (name, fields[name].field, fields[name].label, fields[name].help, fields[name].example)
        for name in order
    ]


def _sub_help(name: str, names: dict[str, str]) -> tuple[str, str, str]:
    if name in names:
        return names[name], "", ""
    for ct in REGISTRY.values():
        if name in ct.fields:
            found = ct.fields[name]
            return found.label, found.help, found.example
    return name, "", ""


def _options(choices, names: dict[str, str]) -> list[Any]:
    """A select's options: the value written, shown by its Vietnamese name when it has one."""
    return [{"label": names[c], "value": c} if c in names else c for c in choices]


def _widget(
    name: str, spec: Field, site: Site, kind: str, names: dict[str, str] | None = None
) -> dict[str, Any]:
    """The widget of one field (without name, label and hint); ``names``: the registry's
    Vietnamese names of its choices and sub-fields (``FieldSpec.names``)."""
    names = names or {}
    if name in SITE_LISTS and getattr(site, SITE_LISTS[name]):
        return {"widget": "select", "options": list(getattr(site, SITE_LISTS[name]))}
    if name in RELATIONS and spec.kind == "list":
        target, value = RELATIONS[name]
        return {
            "widget": "relation",
            "collection": f"{site.id}-{target}",
            "value_field": value,
            "search_fields": [value, "title"],
            "display_fields": [value, "title"],
            "multiple": True,
        }
    if spec.kind == "list" and spec.item is not None and spec.item.kind == "path":
        widget = "image" if name == "image" else "file"
        return {"widget": widget, "multiple": True, **_media()}
    if spec.kind == "path":
        return {"widget": "image" if name == "image" else "file", **_media()}
    if spec.kind == "list" and spec.item is not None and spec.item.kind == "enum":
        return {"widget": "select", "multiple": True, "options": _options(spec.item.choices, names)}
    if spec.kind == "list":
        return {"widget": "list"}
    if spec.kind in ("mapping", "records"):
        fields = [
            _field(sub, subspec, *_sub_help(sub, names), site, kind, names)
            for sub, subspec in spec.fields.items()
        ]
        widget = "object" if spec.kind == "mapping" else "list"
        return {"widget": widget, "fields": fields, "collapsed": spec.kind == "mapping"}
    if spec.kind == "enum":
        return {"widget": "select", "options": _options(spec.choices, names)}
    if spec.kind == "bool":
        return {"widget": "boolean"}
    if spec.kind == "int":
        return {"widget": "number", "value_type": "int"}
    if spec.kind == "datetime":
        return {"widget": "datetime", "format": DATETIME, "picker_utc": False}
    if spec.kind == "date":
        return {"widget": "datetime", "format": DATE, "time_format": False}
    if spec.kind == "time":
        return {"widget": "datetime", "format": TIME, "date_format": False}
    if spec.multiline:
        return {"widget": "text"}
    return {"widget": "string"}


def _media() -> dict[str, str]:
    return {"media_folder": MEDIA, "public_folder": MEDIA}


def _field(
    name: str,
    spec: Field,
    label: str,
    hint: str,
    example: str,
    site: Site,
    kind: str,
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "label": label}
    out.update(_widget(name, spec, site, kind, names))
    out["required"] = spec.required
    text = hint[:1].upper() + hint[1:]
    if example and out["widget"] in ("string", "text", "list"):
        text += ". Ví dụ: " + example.strip("[]").strip('"')
    if text:
        out["hint"] = text
    return out


def _collection(site: Site, kind: str) -> dict[str, Any]:
    own = REGISTRY[kind].fields
    fields = [_field(*entry, site, kind, own[entry[0]].names) for entry in _model(kind)]
    fields.append({"name": "body", "label": "Nội dung", "widget": "markdown", "required": False})
    dated = kind != "pages"
    return {
        "name": f"{site.id}-{kind}",
        "label": f"{site.short_name or site.name}: {REGISTRY[kind].title}",
        "label_singular": str(REGISTRY[kind].title),
        "folder": f"content/{site.id}/{kind}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}" if dated else "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title", "date"] if dated else ["title"],
        "media_folder": MEDIA,
        "public_folder": MEDIA,
        "editor": {"preview": False},  # the theme is not loaded here: the form alone, wider
        "fields": fields,
    }


def config(sites: list[Site], settings: dict) -> dict[str, Any]:
    """The whole configuration for ``sites`` (from sites.yml) under ``settings``."""
    backend: dict[str, Any] = {
        "name": "github",
        "repo": settings.get("PORTAL_CMS_REPO", "lamgiang/portal"),
        "branch": settings.get("PORTAL_CMS_BRANCH", "main"),
        "cms_label_prefix": LABEL_PREFIX,
    }
    if settings.get("PORTAL_CMS_AUTH_URL"):
        backend["base_url"] = settings["PORTAL_CMS_AUTH_URL"]
    kinds = list(REGISTRY)
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": "content/_uploads",
        "public_folder": MEDIA,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True},
        "collections": [_collection(site, kind) for site in sites for kind in kinds],
    }


def render(data: dict[str, Any]) -> str:
    """The YAML text of ``data``, stable: keys in the order given, no aliases, UTF-8."""

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    body = yaml.dump(
        data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return HEADER + body
