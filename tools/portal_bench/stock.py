"""The same generated corpus as projects of other generators, for ``portal_bench.builds``.

- ``pelican_sites``: one stock Pelican 4.12 project per site, its articles only, converted to
  Pelican's own Markdown metadata (``Title:``, ``Date:``, ``Category:``, ``Tags:``,
  ``Summary:``, ``Slug:``); a minimal ``pelicanconf.py`` with the built-in ``simple`` theme and
  Pelican's defaults otherwise (20 per page, feeds, tag, category, author and archive pages).
- ``hugo_sites``: one Hugo project per site with every article, document, schedule and
  invitation (documents and invitations with attachments as page bundles), YAML front matter
  rewritten so that Hugo reads it (dates as RFC 3339 in Asia/Ho_Chi_Minh, every other value a
  JSON-quoted string, list or mapping), and one shared theme (``HUGO_LAYOUTS``): baseof, home,
  single, list, taxonomy and term templates; sections and terms paginated by 20 like ours;
  taxonomies for categories, tags, months (our monthly news archives) and the documents'
  type, issuer, field and year (our library facets).

Both keep the portal's slugs; Hugo also keeps its URL prefixes (``/<site>/tin-tuc/<slug>/`` …),
while Pelican writes its default ``<slug>.html``.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from portal.slugs import slugify
from portal.types import get

HUGO_KINDS = ("articles", "documents", "schedules", "invitations")
SECTION_TITLES = {
    "articles": "Tin tức",
    "documents": "Văn bản",
    "schedules": "Lịch công tác",
    "invitations": "Giấy mời",
}
PER_PAGE = 20
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar a string

PELICANCONF = """\
# Stock Pelican for the build benchmark: the built-in simple theme, Pelican's defaults.
AUTHOR = "bench"
SITENAME = {name}
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = "simple"
DEFAULT_PAGINATION = {per_page}
"""

HUGO_CONFIG = """\
baseURL = {base}
locale = "vi"
defaultContentLanguage = "vi"
title = {title}
theme = "bench"
themesDir = "../themes"
timeZone = "Asia/Ho_Chi_Minh"
cacheDir = {cache}
enableRobotsTXT = false

[pagination]
pagerSize = {per_page}
path = "trang"
disableAliases = true

[taxonomies]
category = "categories"
tag = "tags"
month = "months"
doctype = "doctypes"
issuer = "issuers"
field = "fields"
year = "years"

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
taxonomy = ["html"]
term = ["html"]
"""

_ITEM_LIST = """\
<ul class="items">
{{- range . }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
    <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">
      {{- .Date.Format "02/01/2006" }}</time>
    <p>{{ .Summary | plainify | truncate 300 }}</p></li>
{{- end }}
</ul>"""
_PAGER = """\
{{- if gt $pager.TotalPages 1 }}
<nav aria-label="Phân trang">
  {{- with $pager.Prev }}<a rel="prev" href="{{ .URL }}">Trang trước</a>{{ end }}
  <span>Trang {{ $pager.PageNumber }}/{{ $pager.TotalPages }}</span>
  {{- with $pager.Next }}<a rel="next" href="{{ .URL }}">Trang sau</a>{{ end }}
</nav>
{{- end }}"""
_PAGINATED = (
    '{{ define "main" }}\n<h1>{{ .Title }}</h1>\n{{ $pager := .Paginate .Pages }}\n'
    + "{{ with $pager.Pages }}\n"
    + _ITEM_LIST
    + "\n{{ end }}\n"
    + _PAGER
    + "\n{{ end }}\n"
)
HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
</head>
<body>
<header>
  <a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
  <nav aria-label="Chuyên trang">
    {{- range site.Sections }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  </nav>
</header>
<main id="main-content">
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{- range site.Sections }}
<section>
  <h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  {{- with first 10 .Pages }}
"""
    + _ITEM_LIST
    + """
  {{- end }}
</section>
{{- end }}
{{ end }}
""",
    "single.html": """\
{{ define "main" }}
<article data-pagefind-body>
  <h1>{{ .Title }}</h1>
  <p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">
    {{- .Date.Format "02/01/2006 15:04" }}</time>
  {{- range .GetTerms "categories" }} ·
    <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
  {{- with .Params.number }}<p>Số: {{ . }}</p>{{ end }}
  {{- with .Params.issuer }}<p>Cơ quan ban hành: {{ . }}</p>{{ end }}
  {{- with .Params.start }}
  <p>Thời gian: {{ . }} – {{ $.Params.end }}; địa điểm: {{ $.Params.location }}</p>
  {{- end }}
  {{- with .Params.items }}
  <table>
    {{- range . }}
    <tr><td>{{ .date }}</td><td>{{ .time }}</td><td>{{ .content }}</td>
      <td>{{ .chair }}</td><td>{{ .location }}</td></tr>
    {{- end }}
  </table>
  {{- end }}
  {{ .Content }}
  {{- with .Resources }}
  <ul class="files">
    {{- range . }}<li><a href="{{ .RelPermalink }}">{{ .Name }}</a></li>{{ end }}</ul>
  {{- end }}
  {{- with .GetTerms "tags" }}
  <p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
  {{- end }}
</article>
<nav aria-label="Bài trước, bài sau">
  {{- with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  {{- with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{- with site.RegularPages.Related . | first 5 }}
<aside><h2>Tin liên quan</h2>
"""
    + _ITEM_LIST
    + """
</aside>
{{- end }}
{{ end }}
""",
    "list.html": _PAGINATED,
    "term.html": _PAGINATED,
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{- range .Data.Terms.ByCount }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{- end }}
</ul>
{{ end }}
""",
}


@dataclass
class Source:
    """One content file of the corpus: its front matter (strings, lists, mappings) and body."""

    path: Path
    meta: dict
    body: str

    @classmethod
    def read(cls, path: Path) -> Source:
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        return cls(path, yaml.load(front, Loader=_LOADER) or {}, body)

    @property
    def slug(self) -> str:
        return self.meta.get("slug") or slugify(self.meta["title"])

    @property
    def files(self) -> list[str]:
        return list(self.meta.get("files") or [])


def site_ids(content: Path) -> list[str]:
    """The sites of a generated corpus, in sites.yml order."""
    sites = yaml.load((content / "sites.yml").read_text(encoding="utf-8"), Loader=_LOADER)
    return [site["id"] for site in sites]


def site_names(content: Path) -> dict[str, str]:
    sites = yaml.load((content / "sites.yml").read_text(encoding="utf-8"), Loader=_LOADER)
    return {site["id"]: site["name"] for site in sites}


def _sources(folder: Path) -> list[Source]:
    return [Source.read(p) for p in sorted(folder.glob("*.md"))] if folder.is_dir() else []


# -- Pelican --------------------------------------------------------------------------------------
def pelican_article(source: Source) -> str:
    """An article in Pelican's own Markdown metadata."""
    meta = source.meta
    lines = [
        f"Title: {meta['title']}",
        f"Date: {meta['date']}",
        f"Category: {meta['category']}",
        f"Slug: {source.slug}",
    ]
    if meta.get("tags"):
        lines.append(f"Tags: {', '.join(meta['tags'])}")
    if meta.get("summary"):
        lines.append(f"Summary: {meta['summary']}")
    return "\n".join(lines) + "\n\n" + source.body


def pelican_sites(content: Path, dest: Path, per_page: int = PER_PAGE) -> dict[str, Path]:
    """Write one stock Pelican project per site into ``dest/<site>/``; site → project folder
    (an article keeps its file name)."""
    projects: dict[str, Path] = {}
    for site, name in site_names(content).items():
        project = dest / site
        (project / "content").mkdir(parents=True, exist_ok=True)
        (project / "pelicanconf.py").write_text(
            PELICANCONF.format(name=json.dumps(name, ensure_ascii=False), per_page=per_page),
            encoding="utf-8",
        )
        for source in _sources(content / site / "articles"):
            target = project / "content" / source.path.name
            target.write_text(pelican_article(source), encoding="utf-8")
        projects[site] = project
    return projects


# -- Hugo -----------------------------------------------------------------------------------------
def hugo_date(value: str) -> str:
    """``YYYY-MM-DD HH:MM`` (Asia/Ho_Chi_Minh) → RFC 3339, which Hugo reads unambiguously."""
    day, _, clock = value.partition(" ")
    return f"{day}T{clock or '00:00'}:00+07:00"


def hugo_meta(kind: str, source: Source) -> dict:
    """The front matter Hugo gets: its own keys (title, date, slug, summary, taxonomies), then
    our type's fields as page parameters."""
    meta = source.meta
    out: dict = {"title": meta["title"], "date": hugo_date(meta["date"]), "slug": source.slug}
    if meta.get("summary"):
        out["summary"] = meta["summary"]
    if kind == "articles":
        out["categories"] = [meta["category"]]
        out["months"] = [meta["date"][:7]]
    if meta.get("tags"):
        out["tags"] = list(meta["tags"])
    if kind == "documents":
        out.update(doctypes=[meta["doc_type"]], issuers=[meta["issuer"]])
        out.update(fields=list(meta.get("fields") or []), years=[meta["issued"][:4]])
    skip = {"title", "date", "slug", "summary", "tags", "category", "fields", "files"}
    out.update({k: v for k, v in meta.items() if k not in skip and k not in out})
    return out


def hugo_page(meta: dict, body: str) -> str:
    front = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
    )
    return f"---\n{front}---\n{body}"


def hugo_sites(content: Path, dest: Path, per_page: int = PER_PAGE) -> dict[str, Path]:
    """Write one Hugo project per site into ``dest/<site>/`` and the shared theme into
    ``dest/themes/bench/``; site → project folder."""
    layouts = dest / "themes" / "bench" / "layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    projects: dict[str, Path] = {}
    for site, name in site_names(content).items():
        project = dest / site
        project.mkdir(parents=True, exist_ok=True)
        (project / "hugo.toml").write_text(
            HUGO_CONFIG.format(
                base=json.dumps(f"/{site}/"),
                title=json.dumps(name, ensure_ascii=False),
                cache=json.dumps(str((dest / ".cache" / site).resolve())),
                per_page=per_page,
            ),
            encoding="utf-8",
        )
        for kind in HUGO_KINDS:
            section = project / "content" / get(kind).url_prefix
            section.mkdir(parents=True, exist_ok=True)
            (section / "_index.md").write_text(
                hugo_page({"title": SECTION_TITLES[kind]}, ""), encoding="utf-8"
            )
            for source in _sources(content / site / kind):
                page = hugo_page(hugo_meta(kind, source), source.body)
                if not source.files:
                    (section / source.path.name).write_text(page, encoding="utf-8")
                    continue
                bundle = section / source.path.stem  # a page bundle: the files beside it
                bundle.mkdir(exist_ok=True)
                (bundle / "index.md").write_text(page, encoding="utf-8")
                for name_ in source.files:
                    (bundle / name_).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source.path.parent / name_, bundle / name_)
        projects[site] = project
    return projects


def hugo_source(project: Path, original: Path) -> Path:
    """The Hugo copy of a corpus file (``…/<site>/<kind>/<name>.md``)."""
    section = project / "content" / get(original.parent.name).url_prefix
    plain = section / original.name
    return plain if plain.is_file() else section / original.stem / "index.md"
