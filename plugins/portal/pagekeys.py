"""Page-level incremental rendering: a page is rendered again only when what it read changed.

Contract. Every page Pelican renders goes through ``Writer.write_file`` and, inside it, one
``template.render(localcontext)``. ``KeyedWriter`` (our ``get_writer``) hands Pelican a wrapper
of the template whose ``render``:

1. looks up the page's record from the last build (by its output path): the names of the
   context the render read and the page's key made from their values;
2. computes the key again from the same names' values now; when it is equal and the old page
   (``<old output>/<site>/<path>``) still has the recorded SHA-256, returns the old page's text
   (Pelican writes it into staging as it would have written the render);
3. otherwise renders with ``TrackingContext`` as Jinja's context class, which records every name
   the template, its parents, includes, imported-with-context macros and ``pass_context``
   functions look up (all of Jinja's lookups go through ``Context.resolve_or_missing``), and
   records the key of those names' values.

Why it is sound: a render is a function of the template code and of the values it looks up. If
every value looked up last time is the same now, the same code takes the same path and looks up
the same names, so the page is the same. The key also holds ``base`` (the code fingerprint: our
package, theme, plugins, library versions, settings; the site list, the site, the URL mode).

What a value's digest holds (``Digester``): everything reachable from it, with these cuts:
- a Pelican content object (article, page, section item) given to the page by name is digested
  with its own attributes (its catalog item: front matter, rendered body, state, history) and,
  for the content objects it points to (``newer``, ``older``, ``related``, translations), their
  own attributes; content objects in lists (listings, ``articles``) with their own attributes.
  A template following two links (``article.related[0].newer.title``) is outside the key;
- ``PORTAL_NOW`` is its time facts (``portal.incremental.time_facts``: the date, the meetings
  over), as for the per-site key; values computed from ``now`` (home blocks, counters, banners)
  are values like the others;
- Pelican's paginator is its name, URL, count, page size and number of pages (pages are
  digested with their own items);
- a function is its qualified name and the digests of its closure and defaults; a bound method
  its object too; settings dicts and the generator context reached from an object are left out
  (the settings are in the fingerprint);
- anything the digester does not know (an object showing only a memory address) makes the page
  unkeyable: it is always rendered.

Content objects and containers are digested once per site build (by identity, the objects are
held so identities are not reused). Records go to ``<cache>/pages/<site>.next.json`` when the
site's Pelican run ends; the build renames them to ``<site>.json`` once the new output is in
place, so a failed build leaves the last good records (and a record is trusted only if the old
page still has its SHA-256).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import types
from pathlib import Path, PurePath
from typing import Any

from jinja2.runtime import Context, Undefined
from pelican import signals
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from portal.catalog.item import Item

SETTING = "PORTAL_PAGE_KEYS"  # the plan of one site's run (set by portal.build)
FORMAT = 1
# Attributes that are the settings or the whole generator context (the fingerprint holds the
# settings; the context is reached by name, so by its own lookups).
LEFT_OUT = frozenset({"settings", "_context", "context", "env", "_settings"})
# Link markers Pelican replaces in a body with other content's URLs at render time.
LINK_MARKERS = (
    "{filename}",
    "{static}",
    "{attach}",
    "{index}",
    "{tag}",
    "{category}",
    "{author}",
    "|filename|",
    "|static|",
    "|attach|",
)

# What of a content object or a catalog item is its body (and what is made from it): left out
# of the objects a page lists, unless the page reads it (then BODIES is among its names).
CONTENT_BODY = frozenset({"content", "_content", "get_content", "summary", "get_summary"})
ITEM_BODY = frozenset({"html", "inline", "inline_pictures", "referenced", "lines"})
BODIES = "+bodies"

_reads: set[str] | None = None
_bodies: dict[int, Any] | None = None  # objects whose body a render read, by identity


class Unkeyable(Exception):
    """A value the digester cannot describe: the page is always rendered."""


class TrackingContext(Context):
    """Jinja's context, recording every name looked up while a page renders."""

    def resolve_or_missing(self, key: str) -> Any:
        if _reads is not None:
            _reads.add(key)
        return super().resolve_or_missing(key)


def _watch(environment) -> None:
    """Jinja's attribute and item lookups of ``environment`` note reads of a body."""
    if getattr(environment, "_portal_watched", False):
        return
    getattr_, getitem = environment.getattr, environment.getitem

    def note(obj: Any, name: Any) -> None:
        if _bodies is not None and (
            (isinstance(obj, Content) and name in CONTENT_BODY)
            or (isinstance(obj, Item) and name in ITEM_BODY)
        ):
            _bodies[id(obj)] = obj

    def watched_getattr(obj: Any, attribute: str) -> Any:
        note(obj, attribute)
        return getattr_(obj, attribute)

    def watched_getitem(obj: Any, argument: Any) -> Any:
        note(obj, argument)
        return getitem(obj, argument)

    environment.getattr = watched_getattr
    environment.getitem = watched_getitem
    environment.context_class = TrackingContext
    environment._portal_watched = True


def _sha(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class Digester:
    """Digests of context values for one site's run (see the module's contract)."""

    def __init__(self, root: str, now_facts: str, bodies: bool):
        self.root = root
        self.now_facts = now_facts
        self.bodies = bodies  # objects reached from the named value with their bodies
        self.memo: dict[tuple[int, int], tuple[Any, str]] = {}

    def name(self, name: str, value: Any) -> str:
        if name == "PORTAL_NOW":
            return self.now_facts
        return self.value(value, 0)

    def value(self, value: Any, level: int, seen: frozenset = frozenset()) -> str:
        """Level 0: the named value itself; 1: what the named content object holds; 2: what
        a listed (or linked) object holds."""
        if value is None or isinstance(value, (bool, int, float)):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, str):
            return "s:" + value.replace(self.root, "")
        if isinstance(value, bytes):
            return "b:" + hashlib.sha256(value).hexdigest()
        if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
            shown = value.isoformat() if hasattr(value, "isoformat") else str(value)
            return f"{type(value).__name__}:{shown}"
        if isinstance(value, enum.Enum):
            return f"e:{type(value).__qualname__}.{value.name}"
        if isinstance(value, PurePath):
            return "p:" + str(value).replace(self.root, "")
        if isinstance(value, Undefined):
            return "undefined"
        ident = (id(value), level)
        found = self.memo.get(ident)
        if found is not None:
            return found[1]
        if id(value) in seen:
            return "cycle"
        inner = seen | {id(value)}
        digest = self._compound(value, level, inner)
        self.memo[ident] = (value, digest)
        return digest

    def _compound(self, value: Any, level: int, seen: frozenset) -> str:
        kind = type(value)
        label = f"{kind.__module__}.{kind.__qualname__}"
        if isinstance(value, Content):
            return self._content(value, level, seen)
        if isinstance(value, Item) and level >= 2 and not self.bodies:
            return _sha(
                label,
                *(
                    f"{f.name}={self.value(getattr(value, f.name), level, seen)}"
                    for f in dataclasses.fields(value)
                    if f.name not in ITEM_BODY
                ),
            )
        if isinstance(value, URLWrapper):
            return _sha(label, value.name, value.slug, value.url, value.save_as)
        if isinstance(value, Paginator):
            return _sha(
                label,
                value.name,
                value.url,
                str(value.count),
                str(value.per_page),
                str(value.orphans),
                str(value.num_pages),
            )
        if isinstance(value, Page):
            members = [self.value(v, 2, seen) for v in value.object_list]
            return _sha(
                label,
                value.name,
                str(value.number),
                value.url,
                value.save_as,
                self.value(value.paginator, 2, seen),
                *members,
            )
        inner = level if level == 1 else 2  # held by the page's own object, or listed
        if isinstance(value, dict):
            parts = []
            for k, v in value.items():
                parts += [self.value(k, inner, seen), self.value(v, inner, seen)]
            return _sha(label, *parts)
        if isinstance(value, (list, tuple)):
            return _sha(label, *(self.value(v, inner, seen) for v in value))
        if isinstance(value, (set, frozenset)):
            return _sha(label, *sorted(self.value(v, inner, seen) for v in value))
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            return self._function(value, seen)
        if isinstance(value, types.MethodType):
            return _sha(
                label, self._function(value.__func__, seen), self.value(value.__self__, inner, seen)
            )
        if dataclasses.is_dataclass(value):
            return _sha(
                label,
                *(
                    f"{f.name}={self.value(getattr(value, f.name), inner, seen)}"
                    for f in dataclasses.fields(value)
                    if f.name not in LEFT_OUT
                ),
            )
        if callable(value) and hasattr(value, "__wrapped__"):  # pass_context etc. keep the function
            return self._function(value.__wrapped__, seen)
        attributes = getattr(value, "__dict__", None)
        if isinstance(attributes, dict):
            return _sha(
                label,
                *(
                    f"{k}={self.value(v, inner, seen)}"
                    for k, v in attributes.items()
                    if k not in LEFT_OUT
                ),
            )
        shown = repr(value)
        if " at 0x" in shown or "object at" in shown:
            raise Unkeyable(label)
        return _sha(label, shown)

    def _function(self, function: Any, seen: frozenset) -> str:
        name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
        parts = [name]
        for cell in getattr(function, "__closure__", None) or ():
            try:
                contents = cell.cell_contents
            except ValueError:  # an empty cell
                contents = None
            parts.append(self.value(contents, 2, seen))
        parts += [self.value(d, 2, seen) for d in getattr(function, "__defaults__", None) or ()]
        return _sha("f", *parts)

    def _content(self, value: Content, level: int, seen: frozenset) -> str:
        """Own attributes; the content objects it points to by their own attributes (level 0)
        or by their URL (deeper)."""
        body = getattr(value, "_content", "") or ""
        if any(marker in body for marker in LINK_MARKERS):
            raise Unkeyable("a body with Pelican link markers")
        full = level == 0 or self.bodies
        parts = [type(value).__qualname__]
        for k, v in value.__dict__.items():
            if k in LEFT_OUT or (not full and k in CONTENT_BODY):
                continue
            if _holds_content(v):
                parts.append(f"{k}->{self._refs(v, level, seen)}")
            else:  # its item: full (level 1) for the page's own object, else without body
                parts.append(f"{k}={self.value(v, 1 if level == 0 else 2, seen)}")
        return _sha(*parts)

    def _refs(self, value: Any, level: int, seen: frozenset) -> str:
        items = value if isinstance(value, (list, tuple)) else [value]
        if level == 0:
            return _sha(*(self.value(v, 2, seen) for v in items))
        return _sha(*(f"{getattr(v, 'url', '')}|{getattr(v, 'source_path', '')}" for v in items))


def _holds_content(value: Any) -> bool:
    if isinstance(value, Content):
        return True
    return (
        isinstance(value, (list, tuple))
        and bool(value)
        and all(isinstance(v, Content) for v in value)
    )


# -- one site's run -------------------------------------------------------------------------------


@dataclasses.dataclass
class Plan:
    """What ``portal.build`` tells one site's run: where the old pages and their records are,
    where the new records go, and the key's base."""

    old_output: str  # the site's folder of the last build ('' for none)
    records: str  # <cache>/pages/<site>.json
    base: str  # fingerprint, sites, site id, URL mode, search
    root: str  # the content folder, removed from paths
    now_facts: str

    @property
    def next_records(self) -> str:
        return self.records.removesuffix(".json") + ".next.json"


class Pages:
    """The records of one site's run: the last build's, read once, and this build's."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.digesters = {
            bodies: Digester(plan.root, plan.now_facts, bodies) for bodies in (False, True)
        }
        self.old_sets: list[list[str]] = []
        self.old: dict[str, list] = {}
        try:
            stored = json.loads(Path(plan.records).read_text(encoding="utf-8"))
            if stored.get("format") == FORMAT and stored.get("base") == plan.base:
                self.old_sets, self.old = stored["sets"], stored["pages"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        self.sets: dict[tuple[str, ...], int] = {}
        self.new: dict[str, list] = {}
        self.kept = 0
        self.rendered = 0

    def key(self, template: str, context: dict, names: list[str]) -> str | None:
        parts = [self.plan.base, template, str(context.get("output_file"))]
        digester = self.digesters[BODIES in names]
        try:
            for name in names:
                value = context.get(name, _MISSING)
                shown = "missing" if value is _MISSING else digester.name(name, value)
                parts.append(f"{name}:{shown}")
        except Unkeyable:
            return None
        return _sha(*parts)

    def render(self, template, context: dict) -> str:
        global _reads, _bodies
        name = str(context.get("output_file"))
        record = self.old.get(name)
        if record and self.plan.old_output:
            key, sha, index = record
            names = self.old_sets[index] if 0 <= index < len(self.old_sets) else None
            if names is not None and self.key(template.name, context, names) == key:
                try:
                    data = (Path(self.plan.old_output) / name).read_bytes()
                except OSError:
                    data = None
                if data is not None and hashlib.sha256(data).hexdigest() == sha:
                    self._record(name, key, sha, names)
                    self.kept += 1
                    return data.decode("utf-8")
        _watch(template.environment)
        _reads, _bodies = set(), {}
        try:
            output = template.render(context)
            reads, bodies = _reads, _bodies
        finally:
            _reads = _bodies = None
        # A body read from an object the page was not given by name (a listing showing its
        # items' text): the page's key takes every object with its body.
        own = {id(context[n]) for n in reads if isinstance(context.get(n), Content)}
        own |= {
            id(context[n].item)
            for n in reads
            if isinstance(getattr(context.get(n), "item", None), Item)
        }
        if set(bodies) - own:
            reads.add(BODIES)
        names = sorted(reads)
        self.rendered += 1
        key = self.key(template.name, context, names)
        if key is not None:
            sha = hashlib.sha256(output.encode("utf-8")).hexdigest()
            self._record(name, key, sha, names)
        return output

    def _record(self, name: str, key: str, sha: str, names: list[str]) -> None:
        index = self.sets.setdefault(tuple(names), len(self.sets))
        self.new[name] = [key, sha, index]

    def save(self) -> None:
        target = Path(self.plan.next_records)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "base": self.plan.base,
            "sets": [list(names) for names in self.sets],
            "pages": self.new,
            "kept": self.kept,
            "rendered": self.rendered,
        }
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        temporary.replace(target)


_MISSING = object()


class _KeyedTemplate:
    """What Pelican's writer renders: the template, through this run's ``Pages``."""

    def __init__(self, template, pages: Pages):
        self._template = template
        self._pages = pages

    def render(self, context: dict) -> str:
        return self._pages.render(self._template, context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


_current: Pages | None = None


class KeyedWriter(Writer):
    """Pelican's writer, rendering through the site run's ``Pages`` when the build set a plan."""

    def write_file(self, name, template, context, *args, **kwargs):
        if _current is not None and template is not None:
            template = _KeyedTemplate(template, _current)
        return super().write_file(name, template, context, *args, **kwargs)


def start(plan: Plan | None) -> None:
    """Before a site's Pelican run (in the process that runs it)."""
    global _current
    _current = Pages(plan) if plan is not None else None


def finish(save: bool) -> tuple[int, int]:
    """After the run: the records are written (``save``: the run succeeded); (kept, rendered)."""
    global _current
    pages, _current = _current, None
    if pages is None:
        return 0, 0
    if save:
        pages.save()
    return pages.kept, pages.rendered


def promote(cache_dir: Path, site_id: str) -> None:
    """The build put the site's new output in place: its new records become the records."""
    folder = cache_dir / "pages"
    staged = folder / f"{site_id}.next.json"
    if staged.is_file():
        staged.replace(folder / f"{site_id}.json")


def records_path(cache_dir: Path, site_id: str) -> Path:
    return cache_dir / "pages" / f"{site_id}.json"


def get_writer(_pelican):
    return KeyedWriter


def register() -> None:
    signals.get_writer.connect(get_writer)
