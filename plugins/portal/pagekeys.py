"""Page-level incremental rendering: a page is rendered again only when what it read changed.

Contract. Every page Pelican renders goes through ``Writer.write_file`` and, inside it, one
``template.render(localcontext)``. ``KeyedWriter`` (our ``get_writer``) hands Pelican a wrapper
of the template whose ``render``:

1. looks up the page's record from the last build (by its output path): what the render read
   and the page's key made from it;
2. computes the key again from the same reads now; when it is equal and the old page
   (``<old output>/<site>/<path>``) is still what was recorded, returns the old page's text
   (or '' when the file was not read, below) and the writer (``KeyedWriter._open_w``)
   hard-links the old page into staging instead of writing that text. "Still what was
   recorded": the very file written then (same size, modification time in nanoseconds and
   inode, not read: a kept page is a link to the same file build after build), else the
   recorded SHA-256 of its bytes;
3. otherwise renders with its reads watched, and records them and their key.

What a render reads, watched through Jinja (all its lookups go through these):
- **names** of the context (``Context.resolve_or_missing``: the template, its parents,
  includes, macros imported with context);
- **attributes and items of content objects and catalog items** it was not given by name (a
  listed article's ``title``, ``article.related[0].url``): ``Environment.getattr``/``getitem``;
- **objects handed to Python code** (a function, a method of the object, a filter or test other
  than Jinja's plain ones, ``PLAIN_FILTERS``): that object is read whole;
- **names read by Python code** (``pass_context`` functions: ``context.get``, ``context[…]``):
  their values are read whole.

The key: ``base`` (the code fingerprint: our package, theme, plugins, library versions,
settings; the site list, the site, the URL mode), the template, the output path, and
- for each name read by the template: its value's digest, in which a content object or item
  it reaches is its identity only (class and source file), except the name's own value: a page
  given ``article`` has all of that article in its key (front matter, rendered body, state,
  history), and the objects it links to (``newer``, ``related``) by identity;
- for each name read by Python code, and each object handed to Python, the whole value
  (content objects with all their attributes; what they link to with its own attributes);
- for each other object read by attribute: its identity and the values of the attributes read
  (found again by identity in the site's context);
- ``PORTAL_NOW`` is its time facts (``portal.incremental.time_facts``: the date, the meetings
  over), as for the per-site key; values computed from ``now`` (home blocks, counters,
  banners) are values like the others;
- Pelican's paginator is its name, URL, count, page size and number of pages (its pages are
  digested with their items);
- a function is its qualified name and the digests of its closure and defaults; the settings
  reached from an object are left out (they are in the fingerprint);
- a value the digester does not know (an object showing only a memory address) makes the page
  unkeyable: it is always rendered.

Why it is sound: a render is a function of the template code and of what it reads. If all it
read last time is the same now, the same code takes the same path and reads the same things, so
the page is the same. Outside the key: Python code following links from an object it was handed
to a third object (``f(article)`` reading ``article.newer.newer``), and Pelican link markers in
a body (``{filename}``: such a page is unkeyable).

Records go to ``<cache>/pages/<site>.next.json`` when the site's Pelican run ends; the build
renames them to ``<site>.json`` once the new output is in place, so a failed build leaves the
last good records (and a record is trusted only if the old page is still the file recorded or
has its SHA-256). What the file check trusts: that nothing rewrites a page of the output in
place to the same size and then sets its modification time back to the recorded nanosecond
(``_same_file``); such a page would be kept as it is until its key changes or a ``--full``
build.

Cost on the edit path, where nearly every page is kept: digests of values, the index of the
context's objects and what each page read of an object are computed once per site's run, not
once per page or per generator (``Pages``: a generator's output step leaves the shared context
as it was, except for caches Pelican fills in on first use, such as a tag's slug, that do not
change what is digested; a guard digests everything again if a generator changes which object
a name holds or the size of a container it holds).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import os
import types
from pathlib import Path, PurePath
from typing import Any

from jinja2.runtime import Context, Macro, Undefined
from jinja2.tests import TESTS as DEFAULT_TESTS
from jinja2.utils import missing
from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import Writer

from portal.catalog.item import Item
from portal.sealed import digest as _digest
from portal.theme.context import PortalContext

FORMAT = 3  # 3: a record holds the size, time and inode of the page written
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
# Jinja's own filters that look at what they are given only through Jinja's attribute and item
# lookups (watched), its identity or its length.
PLAIN_FILTERS = frozenset(
    {
        "length",
        "count",
        "first",
        "last",
        "list",
        "reverse",
        "batch",
        "slice",
        "default",
        "d",
        "sort",
        "map",
        "selectattr",
        "rejectattr",
        "groupby",
        "unique",
        "join",
        "safe",
        "e",
        "escape",
        "string",
    }
)
WHOLE = "*"  # an object's attributes when Python code was handed it

_reads: set[str] | None = None  # names read by the template
_python: set[str] | None = None  # names read by Python code
_touched: dict[int, list] | None = None  # per object: [object, {attributes read}]


def _sha(*parts: str) -> str:
    """``portal.sealed.digest`` of ``parts`` (the same digest), made in one go: every part
    here is text, and a page's key takes tens of thousands of these."""
    if not parts:
        return _EMPTY
    try:
        text = "\0".join(parts)
    except TypeError:  # not all text
        return _digest(*parts)
    return hashlib.sha256((text + "\0").encode("utf-8", "surrogatepass")).hexdigest()


_EMPTY = _digest()


class Unkeyable(Exception):
    """A value the digester cannot describe: the page is always rendered."""


# Watching costs one check per attribute read and per call of a render (a page makes thousands):
# whether an object is tracked is decided once per type, and values of the types below, which
# are never content and have no ``__self__``, are passed over at once.
_TRACKED_TYPES: dict[type, bool] = {}
_PLAIN_TYPES = frozenset({str, Markup, int, float, bool, type(None)})
# Digester.value: how a type is digested as it is (a leaf) or not (0: a compound value),
# decided once per type; labels of types.
_COMPOUND, _NUMBER, _TEXT, _BYTES, _MOMENT, _DURATION, _ENUM, _PATH, _UNDEFINED = range(9)
_LEAVES: dict[type, int] = {}
_LABELS: dict[type, str] = {}


def _leaf(kind: type) -> int:
    for what, types_ in (
        (_NUMBER, (type(None), bool, int, float)),
        (_TEXT, str),
        (_BYTES, bytes),
        (_MOMENT, (dt.datetime, dt.date, dt.time)),
        (_DURATION, dt.timedelta),
        (_ENUM, enum.Enum),
        (_PATH, PurePath),
        (_UNDEFINED, Undefined),
    ):
        if issubclass(kind, types_):
            return what
    return _COMPOUND


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass, found once per type."""
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return found


def _tracked(obj: Any) -> bool:
    kind = type(obj)
    tracked = _TRACKED_TYPES.get(kind)
    if tracked is None:
        tracked = _TRACKED_TYPES[kind] = isinstance(obj, (Content, Item))
    return tracked


def _note(obj: Any, name: str) -> None:
    if _touched is not None and _tracked(obj):
        entry = _touched.get(id(obj))
        if entry is None:
            entry = _touched[id(obj)] = [obj, set()]
        entry[1].add(name)


def _hand_one(arg: Any) -> None:
    if isinstance(arg, (list, tuple)):
        values = arg
    elif isinstance(arg, dict):
        values = arg.values()
    else:
        values = (arg, getattr(arg, "__self__", None))
    for value in values:
        if type(value) not in _PLAIN_TYPES and _tracked(value):
            _note(value, WHOLE)


def _hand(args: tuple, kwargs: dict) -> None:
    """Content objects and items handed to Python code (one level into lists and dicts, and
    the object of a method) are read whole."""
    if _touched is None:
        return
    for arg in args:
        if type(arg) not in _PLAIN_TYPES:
            _hand_one(arg)
    for arg in kwargs.values():
        if type(arg) not in _PLAIN_TYPES:
            _hand_one(arg)


class _Now:
    """``PORTAL_NOW`` as a watched template sees it: read only when used (compared, its
    ``date()``), not when a macro that might use it is imported (Jinja resolves a macro's free
    names at import)."""

    __slots__ = ("_value",)

    def __init__(self, value: dt.datetime):
        self._value = value

    def _use(self) -> dt.datetime:
        if _reads is not None:
            _reads.add("PORTAL_NOW")
        return self._value

    @staticmethod
    def _bare(other: Any) -> Any:
        return other._use() if isinstance(other, _Now) else other

    def __getattr__(self, name: str) -> Any:
        return getattr(self._use(), name)

    def __lt__(self, other: Any) -> bool:
        return self._use() < self._bare(other)

    def __le__(self, other: Any) -> bool:
        return self._use() <= self._bare(other)

    def __gt__(self, other: Any) -> bool:
        return self._use() > self._bare(other)

    def __ge__(self, other: Any) -> bool:
        return self._use() >= self._bare(other)

    def __eq__(self, other: object) -> bool:
        return self._use() == self._bare(other)

    def __ne__(self, other: object) -> bool:
        return self._use() != self._bare(other)

    def __hash__(self) -> int:
        return hash(self._use())

    def __add__(self, other: Any) -> Any:
        return self._use() + self._bare(other)

    def __radd__(self, other: Any) -> Any:
        return self._bare(other) + self._use()

    def __sub__(self, other: Any) -> Any:
        return self._use() - self._bare(other)

    def __rsub__(self, other: Any) -> Any:
        return self._bare(other) - self._use()

    def __str__(self) -> str:
        return str(self._use())

    def __repr__(self) -> str:
        return repr(self._use())

    def __format__(self, spec: str) -> str:
        return format(self._use(), spec)


class TrackingContext(PortalContext):
    """Jinja's context, recording the names a render looks up (by the template, or by Python
    code given the context) and what the Python functions it calls are handed."""

    def resolve_or_missing(self, key: str) -> Any:
        # Context.resolve_or_missing, inlined (it runs for every name a template resolves).
        if key in self.vars:
            value = self.vars[key]
        elif key in self.parent:
            value = self.parent[key]
        else:
            value = missing
        if _reads is not None:
            if key == "PORTAL_NOW" and isinstance(value, dt.datetime):
                return _Now(value)
            _reads.add(key)
        return value

    # Python code given the context (``pass_context``) reads through these: its names are read
    # whole, and it gets the values themselves.
    def _python_read(self, key: str) -> Any:
        if _python is not None:
            _python.add(key)
        return Context.resolve_or_missing(self, key)

    def __getitem__(self, key: str) -> Any:
        value = self._python_read(key)
        if value is missing:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self._python_read(key)
        return default if value is missing else value

    def resolve(self, key: str) -> Any:
        value = self._python_read(key)
        return self.environment.undefined(name=key) if value is missing else value

    def call(self, function: Any, /, *args: Any, **kwargs: Any) -> Any:
        if _touched is not None and not isinstance(function, Macro):
            # a macro's own lookups are watched; anything else is handed what it is given
            _hand_one(function)
            _hand(args, kwargs)
        return Context.call(self, function, *args, **kwargs)


def _watched_filter(function):
    @functools.wraps(function)
    def watched(*args: Any, **kwargs: Any) -> Any:
        _hand(args, kwargs)
        return function(*args, **kwargs)

    return watched


def _watch(environment) -> None:
    """``environment``'s lookups are watched: attributes and items read of content objects and
    catalog items, and what its filters and tests are handed."""
    if getattr(environment, "_portal_watched", False):
        return
    getattr_, getitem = environment.getattr, environment.getitem

    def watched_getattr(obj: Any, attribute: str) -> Any:
        if _touched is not None and _tracked(obj):
            _note(obj, str(attribute))
        return getattr_(obj, attribute)

    def watched_getitem(obj: Any, argument: Any) -> Any:
        if _touched is not None and _tracked(obj):
            _note(obj, str(argument))
        return getitem(obj, argument)

    environment.getattr = watched_getattr
    environment.getitem = watched_getitem
    for name, function in list(environment.filters.items()):
        if name not in PLAIN_FILTERS:
            environment.filters[name] = _watched_filter(function)
    for name, function in list(environment.tests.items()):
        if name not in DEFAULT_TESTS:
            environment.tests[name] = _watched_filter(function)
    environment.context_class = TrackingContext
    environment._portal_watched = True


def _holds_content(value: Any) -> bool:
    if _tracked(value):
        return True
    return isinstance(value, (list, tuple)) and bool(value) and all(_tracked(v) for v in value)


class Digester:
    """Digests of context values for one site's run (see the module's contract).

    Levels: 0 a name's value; 1 what a named content object holds (all of it); 2 anything
    else (a content object or item there is its identity). ``whole``: every content object and
    item with all its attributes, what it links to with its own attributes."""

    def __init__(self, root: str, now_facts: str, whole: bool):
        self.root = root
        self.now_facts = now_facts
        self.whole = whole
        # digests of compound values by id and level (id * 4 + level), with the values held
        # so that no other object takes their id
        self.memo: dict[int, str] = {}
        self.held: list = []

    def name(self, name: str, value: Any) -> str:
        if name == "PORTAL_NOW":
            return self.now_facts
        return self.value(value, 0)

    def identity(self, value: Any) -> str:
        where = getattr(value, "source_path", None) or getattr(value, "source", None) or ""
        return f"{type(value).__qualname__}@{str(where).replace(self.root, '')}"

    def value(self, value: Any, level: int, seen: frozenset = frozenset()) -> str:
        kind = type(value)
        if kind is str:  # by far the most common: at once
            return "s:" + value.replace(self.root, "")
        leaf = _LEAVES.get(kind)
        if leaf is None:
            leaf = _LEAVES[kind] = _leaf(kind)
        if leaf == _COMPOUND:
            ident = id(value) * 4 + level
            found = self.memo.get(ident)
            if found is not None:
                return found
            if id(value) in seen:
                return "cycle"
            digest = self.memo[ident] = self._compound(value, level, seen | {id(value)})
            self.held.append(value)
            return digest
        if leaf == _NUMBER:
            return f"{kind.__name__}:{value!r}"
        if leaf == _TEXT:
            return "s:" + value.replace(self.root, "")
        if leaf == _BYTES:
            return "b:" + hashlib.sha256(value).hexdigest()
        if leaf == _MOMENT:
            return f"{kind.__name__}:{value.isoformat()}"
        if leaf == _DURATION:
            return f"td:{value.total_seconds()!r}"
        if leaf == _ENUM:
            return f"e:{kind.__qualname__}.{value.name}"
        if leaf == _PATH:
            return "p:" + str(value).replace(self.root, "")
        return "undefined"  # _UNDEFINED

    def own(self, value: Any, level: int, seen: frozenset, links: int) -> str:
        """All of a content object's or item's attributes; what it links to: with its own
        attributes (``links`` 1) or by identity (0)."""
        content = isinstance(value, Content)
        if content:
            body = getattr(value, "_content", "") or ""
            if ("{" in body or "|" in body) and any(marker in body for marker in LINK_MARKERS):
                raise Unkeyable("a body with Pelican link markers")
            attributes = value.__dict__.items()
        else:
            attributes = ((name, getattr(value, name)) for name in _fields(type(value)))
        parts = [self.identity(value)]
        root = self.root
        for k, v in attributes:
            if k in LEFT_OUT:
                continue
            if type(v) is str:  # what ``value`` gives it, inline
                parts.append(f"{k}=s:{v.replace(root, '')}")
            elif content and type(v) not in _PLAIN_TYPES and _holds_content(v):
                members = v if isinstance(v, (list, tuple)) else [v]
                if links:
                    shown = [self.own(m, 2, seen | {id(m)}, 0) for m in members]
                else:
                    shown = [self.identity(m) for m in members]
                parts.append(f"{k}->" + _sha(*shown))
            else:
                parts.append(f"{k}={self.value(v, level, seen)}")
        return _sha(*parts)

    def _compound(self, value: Any, level: int, seen: frozenset) -> str:
        kind = type(value)
        label = _LABELS.get(kind) or _LABELS.setdefault(
            kind, f"{kind.__module__}.{kind.__qualname__}"
        )
        if kind is dict or kind is list or kind is tuple:  # as below, without the other tests
            inner, root, digest = 1 if level == 1 else 2, self.root, self.value
            parts = [label]
            add = parts.append  # text inline: what ``value`` gives it
            if kind is dict:
                for k, v in value.items():
                    add("s:" + k.replace(root, "") if type(k) is str else digest(k, inner, seen))
                    add("s:" + v.replace(root, "") if type(v) is str else digest(v, inner, seen))
            else:
                for v in value:
                    add("s:" + v.replace(root, "") if type(v) is str else digest(v, inner, seen))
            return _sha(*parts)
        if _tracked(value):
            if level == 0:
                return self.own(value, 1, seen, 0)
            if self.whole:
                return self.own(value, 2, seen, 1)
            if level == 1 and isinstance(value, Item):  # the named object's own item
                return self.own(value, 1, seen, 0)
            return self.identity(value)
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
        inner = 1 if level == 1 else 2  # held by the page's own object, or reached otherwise
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
                label, self._function(value.__func__, seen), self.value(value.__self__, 2, seen)
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
        if callable(value) and hasattr(value, "__wrapped__"):  # pass_context etc.
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

    def attributes(self, obj: Any, names: list[str], whole: Digester) -> str:
        """What a page read of an object it was not given by name (``whole``: the digester of
        objects handed to Python code)."""
        if WHOLE in names:
            return whole.own(obj, 2, frozenset({id(obj)}), 1)
        parts = []
        for name in names:
            try:
                value = getattr(obj, name)
            except Exception:
                try:
                    value = obj[name]
                except Exception:
                    parts.append(f"{name}:missing")
                    continue
            if getattr(value, "__self__", None) is obj:  # its method: the code is in the key
                parts.append(f"{name}:method")
            else:
                parts.append(f"{name}={self.value(value, 2)}")
        return _sha(*parts)


# What ``Index.add`` does with a value, decided once per type (every test below is on the type).
_SKIP, _CONTENT, _ITEM, _DICT, _SEQUENCE, _PAGE, _DATACLASS, _OTHER = range(8)
_KINDS: dict[type, tuple[int, tuple[str, ...]]] = {}


def _kind_of(kind: type) -> tuple[int, tuple[str, ...]]:
    found = _KINDS.get(kind)
    if found is None:
        names: tuple[str, ...] = ()
        if kind is type(None) or issubclass(kind, (str, bytes, int, float, dt.date, dt.time)):
            what = _SKIP
        elif issubclass(kind, Content):
            what = _CONTENT
        elif issubclass(kind, Item):
            what, names = _ITEM, tuple(f.name for f in dataclasses.fields(kind))
        elif issubclass(kind, dict):
            what = _DICT
        elif issubclass(kind, (list, tuple, set, frozenset)):
            what = _SEQUENCE
        elif issubclass(kind, Page):
            what = _PAGE
        elif dataclasses.is_dataclass(kind) and not issubclass(kind, type):
            what, names = _DATACLASS, tuple(f.name for f in dataclasses.fields(kind))
        else:
            what = _OTHER
        found = _KINDS[kind] = (what, names)
    return found


class Index:
    """The content objects and items of a site's context, by identity (found again by the key
    of a page that read them by attribute)."""

    def __init__(self, digester: Digester):
        self.digester = digester
        self.found: dict[str, list] = {}
        # id -> object: holding what was visited keeps its id from being reused by a new object
        # (a page's context dict, a paginator's page) that a later walk would then pass over.
        self.visited: dict[int, Any] = {}

    def add(self, value: Any) -> None:
        # Walks every object of the context (tens of thousands a generator): what to do with a
        # value is decided once per type, and values never followed (strings, numbers, dates,
        # None) are not pushed. Same objects visited, in the same order, as a plain walk.
        stack = [value]
        pop, push, extend = stack.pop, stack.append, stack.extend
        visited, kinds = self.visited, _KINDS
        while stack:
            value = pop()
            kind = type(value)
            what, names = kinds.get(kind) or _kind_of(kind)
            if what == _SKIP or id(value) in visited:
                continue
            visited[id(value)] = value
            if what == _CONTENT:
                self.found.setdefault(self.digester.identity(value), []).append(value)
                extend(v for k, v in value.__dict__.items() if k not in LEFT_OUT)
            elif what == _ITEM:
                self.found.setdefault(self.digester.identity(value), []).append(value)
                for name in names:
                    push(getattr(value, name))
            elif what == _DICT:
                extend(value.values())
            elif what == _SEQUENCE:
                extend(value)
            elif what == _PAGE:
                extend(value.object_list)
            elif what == _DATACLASS:
                for name in names:
                    push(getattr(value, name))


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
    """The records of one site's run: the last build's, read once, and this build's.

    A record: [key, SHA-256 of the page, index of its names in ``sets``, [[identity, index of
    its attributes in ``sets``], …], [size, mtime_ns, inode] of the page written (None when it
    could not be seen)]; names read by Python code are prefixed with ``!``.

    Digests, the index of the context and what each page read of an object are kept for the
    whole run: a generator's output step changes nothing a page reads (checked at each
    generator's first page, ``_shape``: the objects the shared context's names hold and the
    sizes of those that are containers; when that changed, all is digested again)."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.digester = Digester(plan.root, plan.now_facts, False)
        self.whole = Digester(plan.root, plan.now_facts, True)
        self.index: Index | None = None
        self.environment = None  # of the generator whose pages are being written
        self.shared: dict | None = None  # the generator's context (``KeyedWriter.write_file``)
        self.output_path = ""  # the writer's folder (staging)
        self.shape: tuple | None = None
        self.parts: dict[tuple[str, tuple[str, ...]], str] = {}  # what a page read of objects
        self.names: dict[str, tuple[Any, str]] = {}  # per name: its last value and key part
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
        self.rendered: list[str] = []  # output paths rendered (not kept)
        # (output path, old page, its text or None when not read) of a kept page
        self.link_next: tuple[str, str, str | None] | None = None

    def _objects(self, context: dict, identity: str) -> list:
        if self.index is None:
            self.index = Index(self.digester)
            self.index.add(context)
        found = self.index.found.get(identity)
        if found is None:  # an object only this page was given (Index skips what it saw)
            before = len(self.index.visited)
            self.index.add(context)
            if len(self.index.visited) != before:  # more objects may share an identity now
                self.parts.clear()
            found = self.index.found.get(identity, [])
        return found

    def key(self, template: str, context: dict, names: list[str], touched: list) -> str | None:
        parts = [self.plan.base, str(template), str(context.get("output_file"))]
        try:
            known = self.names
            for name in names:
                python = name.startswith("!")
                bare = name[1:] if python else name
                value = context.get(bare, _MISSING)
                last = known.get(name)
                if last is not None and last[0] is value:  # as on the page before
                    parts.append(last[1])
                    continue
                if value is _MISSING:
                    shown = "missing"
                else:
                    shown = (self.whole if python else self.digester).name(bare, value)
                part = f"{name}:{shown}"
                known[name] = (value, part)
                parts.append(part)
            memo = self.parts
            for identity, attributes in touched:
                read = (identity, tuple(attributes))
                part = memo.get(read)
                if part is None:
                    objects = self._objects(context, identity)
                    shown = [self.digester.attributes(o, attributes, self.whole) for o in objects]
                    part = f"{identity}:{_sha(*attributes)}:{_sha(*shown)}"
                    memo[read] = part
                parts.append(part)
        except Unkeyable:
            return None
        return _sha(*parts)

    def _generator(self, environment, context: dict) -> None:
        """A generator's first page: what was digested stays valid unless the shared context
        changed shape since (then everything is digested again)."""
        self.environment = environment
        shape = _shape(self.shared if self.shared is not None else context)
        if shape[0] != (self.shape[0] if self.shape is not None else None):
            self.shape = shape
            for digester in (self.digester, self.whole):
                digester.memo.clear()
                digester.held.clear()
            self.names.clear()
            self.parts.clear()
            self.index = None

    def _old_page(self, path: str, sha: str, written: Any) -> str | None:
        """The old page's text if it still is what was recorded: None when it is not; '' when
        its size, modification time and inode are those recorded right after it was written
        (then it is not read: see ``_same_file``)."""
        if _same_file(path, written):
            return ""
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        return data.decode("utf-8")

    def render(self, template, context: dict) -> str:
        global _reads, _python, _touched
        self.link_next = None
        if template.environment is not self.environment:
            self._generator(template.environment, context)
        name = str(context.get("output_file"))
        record = self.old.get(name)
        if record and self.plan.old_output and len(record) == 5:
            key, sha, index, touched, written = record
            try:
                names = self.old_sets[index]
                touched = [(identity, self.old_sets[i]) for identity, i in touched]
            except (IndexError, TypeError, ValueError):
                names = None
            if names is not None and self.key(template.name, context, names, touched) == key:
                old = os.path.join(self.plan.old_output, name)
                text = self._old_page(old, sha, written)
                if text is not None:
                    self._record(name, key, sha, names, touched)
                    self.kept += 1
                    self.link_next = (name, old, text or None)
                    return text
        _watch(template.environment)
        _reads, _python, _touched = set(), set(), {}
        try:
            output = template.render(context)
            reads, python, seen = _reads, _python, _touched
        finally:
            _reads = _python = _touched = None
        self.rendered.append(name)
        names, touched = self._what_was_read(context, reads, python, seen)
        key = self.key(template.name, context, names, touched)
        if key is not None:
            sha = hashlib.sha256(output.encode("utf-8")).hexdigest()
            self._record(name, key, sha, names, touched)
        return output

    def _what_was_read(self, context: dict, reads: set, python: set, seen: dict):
        """The names read (``!name`` when by Python code) and, for the objects the page was
        not given by name (a named content object and its item are in the key whole), their
        identities with the attributes read."""
        own: set[int] = set()
        for name in reads | python:
            value = context.get(name)
            if _tracked(value):
                own.add(id(value))
                item = getattr(value, "item", None)
                if isinstance(item, Item):
                    own.add(id(item))
        names = sorted(reads - python) + sorted(f"!{n}" for n in python)
        by_identity: dict[str, set[str]] = {}
        for key, (obj, attributes) in seen.items():
            if key not in own:
                by_identity.setdefault(self.digester.identity(obj), set()).update(attributes)
        touched = [(i, sorted(a)) for i, a in sorted(by_identity.items())]
        return names, touched

    def _index(self, names) -> int:
        return self.sets.setdefault(tuple(names), len(self.sets))

    def _record(self, name: str, key: str, sha: str, names: list[str], touched: list) -> None:
        self.new[name] = [
            key,
            sha,
            self._index(names),
            [[identity, self._index(attributes)] for identity, attributes in touched],
        ]

    def save(self) -> None:
        for name, record in self.new.items():
            record.append(
                _seen(sanitised_join(self.output_path, name)) if self.output_path else None
            )
        target = Path(self.plan.next_records)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "base": self.plan.base,
            "sets": [list(names) for names in self.sets],
            "pages": self.new,
            "kept": self.kept,
            "rendered_pages": sorted(self.rendered),
            "unkeyable": sorted(set(self.rendered) - set(self.new)),
        }
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        temporary.replace(target)


def _shape(context: dict) -> tuple[tuple, list]:
    """What a generator's output step could change in the shared context unnoticed otherwise:
    which object each name holds, and the size of those that are containers (with the objects,
    so that their ids stay theirs). Text and numbers are never digested by identity."""
    shape, held = [], []
    for name, value in context.items():
        if type(value) in _PLAIN_TYPES:
            continue
        size = len(value) if isinstance(value, (list, tuple, dict, set, frozenset)) else -1
        shape.append((name, id(value), size))
        held.append(value)
    return tuple(shape), held


def _seen(path: str) -> list[int] | None:
    """A written page as the file system shows it: [size, mtime_ns, inode]."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _same_file(path: str, written: Any) -> bool:
    """Whether the old page is the very file recorded right after it was written: same size,
    modification time (ns) and inode, so it is taken as the recorded bytes without reading
    and hashing it. What this trusts: nothing rewrites a page in place to the same size and
    sets its modification time back to the recorded nanosecond (a file replaced, edited or
    copied over shows another inode or time). The same kind of trust as the per-site folder
    digest (``incremental.tree_digest``: size and time of every file); anything else about the
    file (or a record without these) and it is read and its SHA-256 compared."""
    if not (isinstance(written, list) and len(written) == 3):
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return [info.st_size, info.st_mtime_ns, info.st_ino] == written


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
    """Pelican's writer, rendering through the site run's ``Pages`` when the build set a plan.

    A kept page is not written: its file in staging is a hard link to the old page (one
    directory entry instead of a read and a write of the whole page). Such a file is also the
    live output's until the swap, so nothing may ever write through it: a page Pelican writes
    again over a link gets a file of its own first. A kept page that was not read (``Pages``:
    the file is the one recorded) renders as ''; where it cannot be linked, or is written
    again, the old page's text is written in its place."""

    def write_file(self, name, template, context, *args, **kwargs):
        if _current is not None and template is not None:
            template = _KeyedTemplate(template, _current)
            _current.shared, _current.output_path = context, self.output_path
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        link, text, pages = None, None, _current
        if pages is not None and pages.link_next is not None:
            name, old, text = pages.link_next
            pages.link_next = None
            # the very path Pelican writes the page rendered just before to
            if filename == sanitised_join(self.output_path, name):
                link = old
            elif text is None:  # never: a kept page's text would be lost
                raise RuntimeError(f"{filename}: not the kept page {name}")
        first = filename not in self._written_files and filename not in self._overridden_files
        if link is not None and first:
            # Pelican's bookkeeping of what it wrote, as its own _open_w keeps it.
            if override:
                self._overridden_files.add(filename)
            self._written_files.add(filename)
            try:
                os.link(link, filename)
            except OSError:  # another file system, or no hard links: written as rendered
                pass
            else:
                return open(os.devnull, "w", encoding=encoding)
            handle = open(filename, "w", encoding=encoding)  # noqa: SIM115 (Pelican closes it)
        else:
            try:
                shared = filename not in self._overridden_files and os.stat(filename).st_nlink > 1
            except OSError:  # not there yet: the usual case
                shared = False
            if shared:  # a kept page written again: never truncate the old output's page
                os.unlink(filename)
            handle = super()._open_w(filename, encoding, override)
        if link is not None and text is None:  # rendered as '': the old page's text
            with open(link, encoding="utf-8") as source:
                handle.write(source.read())
        return handle


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
    return pages.kept, len(pages.rendered)


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
