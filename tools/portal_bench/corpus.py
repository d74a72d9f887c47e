"""A deterministic synthetic corpus of Vietnamese portal content, for benchmarks.

``generate(dest, pages, members, seed)`` writes ``dest/sites.yml`` and ``dest/<site-id>/…``: one
parent (a fictional district) and ``members`` fictional communes and towns, with articles,
documents (each with a tiny PDF), questions and answers, procedures and standing pages that pass
``portal check``. Text comes from phrase banks of administrative vocabulary (``data/words.json``
and ``data/topics.json`` beside this module) filled by one seeded
``random.Random``: the same arguments always give byte-identical files. Each item has one main
topic (sometimes a second) and takes its topical sentences from those alone, so that a topical
phrase ("hộ tịch", "nông thôn mới") is on a minority of items while function syllables ("xã",
"năm", "của") are on nearly all, as on a real portal; about 80 % of articles carry a one-sentence
``summary``. Every date lies between 2023 and ``NOW``; build at ``NOW`` so that nothing is
scheduled.

``generate(dest, counts=BUILD_MIX)`` (the build benchmark) takes explicit counts per type
instead, weekly schedules (one per site and week, up to NOW's week) and invitations (start,
end, location, notify groups written into sites.yml; their meetings on the week's schedule)
included. Without ``counts`` the output is what it always was (the search benchmark's corpus).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from portal.frontmatter.fields import TIMEZONE
from portal.slugs import slugify

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=TIMEZONE)
START = dt.datetime(2023, 1, 16, 7, 0, tzinfo=TIMEZONE)  # leaves room for earlier dates


def _data(name: str):
    """A data file beside this module (``data/``): the phrase banks are data, not code; their
    order is part of the corpus (a seed picks by position), so edit them knowing that the corpus
    digest in tests/bench changes."""
    text = resources.files("portal_bench").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


# Word lists and phrase banks (data/words.json), with the types the generator always had.
WORDS = _data("words.json")

PARENT_SHARE = 0.20
# Share of each type among a site's items; articles take what is left.
TYPE_SHARES = {"documents": 0.12, "qa": 0.05, "procedures": 0.05, "pages": 0.03}
KINDS = ("articles", "documents", "qa", "procedures", "pages")
EXTRA_KINDS = ("schedules", "invitations")  # only with explicit ``counts``
# The build benchmark's mix (``generate(counts=BUILD_MIX)``): files of each type over all sites.
BUILD_MIX = {"articles": 10_000, "documents": 2_000, "schedules": 500, "invitations": 300}
RARE_WORD = "Khmer"  # appears in about one item in 250
RARE_RATE = 0.004
SUMMARY_RATE = 0.8  # articles with a `summary:` of their own (documents always have one)
SUMMARY_WORDS = (15, 35)

CATEGORIES = list(WORDS["CATEGORIES"])

# -- Names ----------------------------------------------------------------------------------------
PARENT_NAME = "Lạc Giang"
PLACE_FIRST = tuple(WORDS["PLACE_FIRST"])
PLACE_SECOND = tuple(WORDS["PLACE_SECOND"])
FAMILY = tuple(WORDS["FAMILY"])
MIDDLE_MEN = tuple(WORDS["MIDDLE_MEN"])
MIDDLE_WOMEN = tuple(WORDS["MIDDLE_WOMEN"])
GIVEN_MEN = tuple(WORDS["GIVEN_MEN"])
GIVEN_WOMEN = tuple(WORDS["GIVEN_WOMEN"])
# Hamlet (ấp) names: a landform or landmark and what grows or stands there, e.g. "Rạch Sậy".
HAMLET_FIRST = tuple(WORDS["HAMLET_FIRST"])
HAMLET_SECOND = tuple(WORDS["HAMLET_SECOND"])
HAMLET_NAMES = tuple(f"{a} {b}" for a in HAMLET_FIRST for b in HAMLET_SECOND)
BRIDGES = list(WORDS["BRIDGES"])
FESTIVALS = list(WORDS["FESTIVALS"])
SEASONS = list(WORDS["SEASONS"])
# Topical terms: a slot such as {crop} draws one per use, so the words of a topic vary by item and
# appear only where that topic's sentences do.
CROPS = tuple(WORDS["CROPS"])
LIVESTOCK = tuple(WORDS["LIVESTOCK"])
PRODUCTS = tuple(WORDS["PRODUCTS"])
PESTS = tuple(WORDS["PESTS"])
ANIMAL_DISEASES = tuple(WORDS["ANIMAL_DISEASES"])
DISEASES = tuple(WORDS["DISEASES"])
HEROES = tuple(WORDS["HEROES"])
SCHOOL_LEVELS = tuple(WORDS["SCHOOL_LEVELS"])
LESSONS = tuple(WORDS["LESSONS"])
SPORTS = tuple(WORDS["SPORTS"])
ARTS = tuple(WORDS["ARTS"])
ORGS = tuple(WORDS["ORGS"])
SCAMS = tuple(WORDS["SCAMS"])
DISASTERS = tuple(WORDS["DISASTERS"])
TRADES = tuple(WORDS["TRADES"])
APPS = tuple(WORDS["APPS"])
STREETS = tuple(WORDS["STREETS"])
COMPANIES = tuple(WORDS["COMPANIES"])
HOLIDAYS = tuple(WORDS["HOLIDAYS"])
ROMAN = list(WORDS["ROMAN"])
UNITS = list(WORDS["UNITS"])

# -- Phrase banks -----------------------------------------------------------------------------
# Each topic: the category it files under, tags, title templates and body sentences, how often
# it is an item's main topic (``weight``) and the subjects of documents about it. An item has one
# main topic and sometimes a second, and its topical sentences come from those alone, so that a
# topical phrase lands on a minority of items, as on a real portal; the generic sentences carry
# the function syllables every item shares. Templates name slots ({place}, {hamlet}, {year} …)
# that ``_Slots`` fills with values drawn per item.


@dataclass(frozen=True)
class Topic:
    category: str
    field: str
    tags: tuple[str, ...]
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    weight: float = 1.0
    subjects: tuple[str, ...] = ()


def _topic(data: dict) -> Topic:
    """One topic of data/topics.json."""
    lists = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
    return Topic(**{**data, **lists})


TOPICS: tuple[Topic, ...] = tuple(_topic(t) for t in _data("topics.json"))

TOPIC_WEIGHTS = tuple(t.weight for t in TOPICS)
FIELD_TOPICS = dict(
    WORDS["FIELD_TOPICS"]
)  # a procedure's or question's field → the topic its text comes from
SECOND_TOPIC_RATE = 0.25

GENERIC = tuple(WORDS["GENERIC"])
RARE_SENTENCE = (
    "Nhiều hộ đồng bào Khmer ở {hamlet} cũng tích cực tham gia và được chính quyền hỗ trợ kịp thời."
)
HEADINGS = tuple(WORDS["HEADINGS"])

DOC_TYPES = dict(
    WORDS["DOC_TYPES"]
)  # doc_type → number suffix; a Nghị quyết is issued by the People's Council
DOC_WEIGHTS = (30, 20, 15, 10, 12, 4, 2, 3, 2, 2)
GENERAL_SUBJECT_RATE = 0.2  # documents on one of the general DOC_SUBJECTS
DOC_SUBJECTS = tuple(WORDS["DOC_SUBJECTS"])
DOC_SENTENCES = tuple(WORDS["DOC_SENTENCES"])

QUESTIONS = tuple(
    tuple(x) for x in WORDS["QUESTIONS"]
)  # (title, question, field, answering office)

PROCEDURES = tuple(tuple(x) for x in WORDS["PROCEDURES"])  # (title, field, level)
PROCEDURE_STEPS = tuple(WORDS["PROCEDURE_STEPS"])
DOSSIER = tuple(WORDS["DOSSIER"])
LEGAL_BASIS = tuple(WORDS["LEGAL_BASIS"])
STANDING_PAGES = tuple(WORDS["STANDING_PAGES"])
YEARLY_PAGES = tuple(WORDS["YEARLY_PAGES"])

# Invitations (giấy mời) and weekly schedules (lịch công tác): meetings of the People's Committee.
MEETINGS = tuple(WORDS["MEETINGS"])
WORKS = tuple(WORDS["WORKS"])
BOARDS = tuple(WORDS["BOARDS"])
SESSIONS = tuple(WORDS["SESSIONS"])
SCHEDULE_ITEMS = tuple(WORDS["SCHEDULE_ITEMS"])
# Notify groups of every generated site (sites.yml, with invitations only)
GROUPS = {k: tuple(v) for k, v in WORDS["GROUPS"].items()}


# -- Sites ----------------------------------------------------------------------------------------
@dataclass
class SiteSpec:
    """One generated site: identity and the names its text speaks of."""

    id: str
    kind: str  # huyện | xã | thị trấn
    name: str  # proper name, e.g. Tân Hòa
    role: str
    domain: str
    hamlets: list[str]
    chair: str

    @property
    def place(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def full_name(self) -> str:
        return f"Ủy ban nhân dân {self.place}"

    @property
    def short_name(self) -> str:
        return self.place[0].upper() + self.place[1:]


def _person(rng: random.Random, woman: bool | None = None) -> str:
    woman = rng.random() < 0.5 if woman is None else woman
    middle = MIDDLE_WOMEN if woman else MIDDLE_MEN
    given = GIVEN_WOMEN if woman else GIVEN_MEN
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


def _site_specs(rng: random.Random, members: int) -> list[SiteSpec]:
    parent = SiteSpec(
        slugify(PARENT_NAME),
        "huyện",
        PARENT_NAME,
        "parent",
        "lacgiang.example",
        [],
        _person(rng, woman=False),
    )
    names = [f"{a} {b}" for a in PLACE_FIRST for b in PLACE_SECOND if a != b]
    rng.shuffle(names)
    if members > len(names):
        raise ValueError(f"at most {len(names)} member sites")
    specs = [parent]
    for index, name in enumerate(names[:members]):
        kind = "thị trấn" if index % 5 == 4 else "xã"
        if kind == "thị trấn":
            hamlets = [f"khu phố {n}" for n in range(1, 7)]
        else:
            hamlets = [f"ấp {h}" for h in rng.sample(HAMLET_NAMES, rng.randint(6, 10))]
        specs.append(
            SiteSpec(
                slugify(f"{kind} {name}"),
                kind,
                name,
                "member",
                slugify(name).replace("-", "") + ".example",
                hamlets,
                _person(rng, woman=False),
            )
        )
    parent.hamlets = [s.place for s in specs[1:]] or ["thị trấn Lạc Giang"]
    return specs


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _qlist(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _address(spec: SiteSpec) -> str:
    if spec.role == "parent":
        return f"Số 1 đường Trần Hưng Đạo, thị trấn {PARENT_NAME}, huyện {PARENT_NAME}"
    return f"Trụ sở UBND {spec.place}, huyện {PARENT_NAME}"


def _groups_yaml(spec: SiteSpec, specs: list[SiteSpec]) -> str:
    """Notify groups: the site's leaders and heads of office; a parent's also reach the members'
    chairs."""
    groups = {name: [f"{box}@{spec.domain}" for box in boxes] for name, boxes in GROUPS.items()}
    if spec.role == "parent" and len(specs) > 1:
        groups["chu-tich-xa-thi-tran"] = [f"chutich@{s.domain}" for s in specs[1:]]
    return "  groups:\n" + "".join(
        f"    {name}:\n" + "".join(f"      - {address}\n" for address in addresses)
        for name, addresses in groups.items()
    )


def sites_yaml(specs: list[SiteSpec], groups: bool = False) -> str:
    """sites.yml of the generated sites; with ``groups``, each site's notify groups too."""
    parent = specs[0]
    # The old module name stays in this line: it is part of every corpus (its digest is pinned).
    blocks = ["# Bộ nội dung tổng hợp cho đo hiệu năng (portal.bench.corpus); không sửa tay."]
    for spec in specs:
        role_lines = "  role: parent"
        if spec.role == "member":
            role_lines = f"  role: member\n  parent: {parent.id}"
        title = "Chủ tịch UBND " + spec.kind
        blocks.append(
            f"- id: {spec.id}\n"
            f"  name: {_q(spec.full_name)}\n"
            f"  short_name: {_q(spec.short_name)}\n"
            f"{role_lines}\n"
            f"  base_url: https://{spec.domain}\n"
            f"  editors:\n"
            f'    - "@{parent.domain.split(".")[0]}/{spec.id}"\n'
            f"  contact:\n"
            f"    address: {_q(_address(spec))}\n"
            f'    phone: "0270 38{len(blocks):02d} 115"\n'
            f"    email: ubnd@{spec.domain}\n"
            f"    responsible: {_q(f'Ông {spec.chair}, {title}')}\n"
            f"  categories:\n"
            + "".join(f"    - {_q(c)}\n" for c in CATEGORIES)
            + (_groups_yaml(spec, specs) if groups else "")
        )
    return "\n".join(blocks)


# -- Text -----------------------------------------------------------------------------------------
def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class _Slots(dict):
    """Template values drawn on demand from the item's random state and context."""

    def __init__(self, rng: random.Random, spec: SiteSpec, when: dt.datetime):
        super().__init__()
        self.rng = rng
        self.spec = spec
        self.year = when.year

    def __missing__(self, key: str) -> str:
        return str(_DRAW[key](self, self.rng))


def _period(s: _Slots, r: random.Random) -> str:
    return r.choice(
        (f"quý {r.choice(ROMAN[:4])} năm {s.year}", f"6 tháng đầu năm {s.year}", f"năm {s.year}")
    )


def _leaders(s: _Slots, r: random.Random) -> str:
    """Who leads a local task; the Party committee now and then, as on a real portal."""
    body = r.choices(
        ("Đảng ủy", "Thường trực HĐND", "Ủy ban nhân dân", "Lãnh đạo UBND"), (1, 2, 3, 3)
    )[0]
    return f"{body} {s.spec.place}"


def _money(s: _Slots, r: random.Random) -> str:
    if r.random() < 0.5:
        return f"{_decimal(r.uniform(1, 30))} tỷ đồng"
    return f"{r.randint(2, 9)}00 triệu đồng"


_DRAW: dict[str, Callable[[_Slots, random.Random], str | int]] = {
    "place": lambda s, r: s.spec.place,
    "Place": lambda s, r: s.spec.short_name,
    "place_name": lambda s, r: s.spec.name,
    "ubnd": lambda s, r: f"UBND {s.spec.place}",
    "hamlet": lambda s, r: r.choice(s.spec.hamlets),
    "official": lambda s, r: f"ông {s.spec.chair}, Chủ tịch UBND {s.spec.kind}",
    "man": lambda s, r: _person(r, woman=False),
    "woman": lambda s, r: _person(r, woman=True),
    "small": lambda s, r: r.randint(2, 15),
    "num": lambda s, r: r.randint(10, 40),
    "num2": lambda s, r: r.randint(40, 900),
    "big": lambda s, r: _thousands(r.randint(1000, 9999)),
    "pct": lambda s, r: r.randint(55, 99),
    "year": lambda s, r: s.year,
    "next_year": lambda s, r: s.year + 1,
    "prev_year": lambda s, r: s.year - 1,
    "old_year": lambda s, r: r.randint(1995, 2012),
    "month": lambda s, r: r.randint(1, 12),
    "day": lambda s, r: r.randint(1, 28),
    "date": lambda s, r: f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{s.year}",
    "money": _money,
    "income": lambda s, r: r.randint(48, 95),
    "km": lambda s, r: _decimal(r.uniform(0.5, 12)),
    "width": lambda s, r: r.randint(3, 7),
    "household": lambda s, r: f"{r.randint(12, 480)} hộ",
    "season": lambda s, r: r.choice(SEASONS),
    "yield_": lambda s, r: _decimal(r.uniform(5.5, 8.2)),
    "bridge": lambda s, r: r.choice(BRIDGES),
    "festival": lambda s, r: r.choice(FESTIVALS),
    "roman": lambda s, r: r.choice(ROMAN),
    "hour": lambda s, r: r.randint(6, 9),
    "hour2": lambda s, r: r.randint(14, 17),
    "phone": lambda s, r: f"0270 38{r.randint(10, 99)} {r.randint(100, 999)}",
    "period": _period,
    "crop": lambda s, r: r.choice(CROPS),
    "livestock": lambda s, r: r.choice(LIVESTOCK),
    "product": lambda s, r: r.choice(PRODUCTS),
    "pest": lambda s, r: r.choice(PESTS),
    "animal_disease": lambda s, r: r.choice(ANIMAL_DISEASES),
    "disease": lambda s, r: r.choice(DISEASES),
    "school": lambda s, r: f"Trường {r.choice(SCHOOL_LEVELS)} {r.choice(HEROES)}",
    "lesson": lambda s, r: r.choice(LESSONS),
    "sport": lambda s, r: r.choice(SPORTS),
    "art": lambda s, r: r.choice(ARTS),
    "org": lambda s, r: r.choice(ORGS),
    "scam": lambda s, r: r.choice(SCAMS),
    "disaster": lambda s, r: r.choice(DISASTERS),
    "trade": lambda s, r: r.choice(TRADES),
    "app": lambda s, r: r.choice(APPS),
    "street": lambda s, r: f"đường {r.choice(STREETS)}",
    "company": lambda s, r: f"Công ty TNHH {r.choice(COMPANIES)}",
    "holiday": lambda s, r: r.choice(HOLIDAYS),
    "hamlet_name": lambda s, r: r.choice(HAMLET_NAMES),
    "person": lambda s, r: _person(r),
    "leaders": _leaders,
}


def _fill(template: str, slots: _Slots) -> str:
    text = template.format_map(slots)
    return text[0].upper() + text[1:]


class _Deck:
    """Sentences dealt from a shuffled pack, so that one text rarely repeats itself."""

    def __init__(self, rng: random.Random, sentences: tuple[str, ...]):
        self.rng = rng
        self.sentences = sentences
        self.pack: list[str] = []

    def deal(self) -> str:
        if not self.pack:
            self.pack = list(self.sentences)
            self.rng.shuffle(self.pack)
        return self.pack.pop()


def _main_topic(rng: random.Random) -> Topic:
    return rng.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]


def _field_topic(rng: random.Random, field_name: str) -> Topic:
    """The topic of a question or procedure in ``field_name`` (lĩnh vực)."""
    wanted = FIELD_TOPICS.get(field_name, field_name)
    return next((t for t in TOPICS if t.field == wanted), None) or _main_topic(rng)


def _pool(rng: random.Random, topic: Topic) -> tuple[str, ...]:
    """The topical sentences of an item about ``topic``: its own, sometimes with a second
    topic's."""
    if rng.random() < SECOND_TOPIC_RATE:
        second = _main_topic(rng)
        if second is not topic:
            return topic.sentences + second.sentences
    return topic.sentences


def _body(rng: random.Random, slots: _Slots, pool: tuple[str, ...], words: int) -> str:
    """Paragraphs (with an occasional heading or list) of sentences from ``pool`` (the item's
    topics) and the generic bank, until about ``words`` words."""
    topic = _Deck(rng, pool)
    generic = _Deck(rng, GENERIC)
    blocks: list[str] = []
    count = 0
    rare = rng.random() < RARE_RATE
    while count < words:
        if blocks and rng.random() < 0.2:
            blocks.append("## " + rng.choice(HEADINGS))
        sentences = [
            _fill((topic if rng.random() < 0.6 else generic).deal(), slots)
            for _ in range(rng.randint(2, 5))
        ]
        if rare:
            sentences.append(_fill(RARE_SENTENCE, slots))
            rare = False
        if blocks and rng.random() < 0.12:
            blocks.append("\n".join(f"- {s}" for s in sentences))
        else:
            blocks.append(" ".join(sentences))
        count += sum(len(s.split()) for s in sentences)
    return "\n\n".join(blocks) + "\n"


def _summary(rng: random.Random, slots: _Slots, topic: Topic) -> str | None:
    """A one-sentence teaser of 15–35 words: one of the topic's sentences that fits."""
    for sentence in rng.sample(topic.sentences, len(topic.sentences)):
        text = _fill(sentence, slots)
        if SUMMARY_WORDS[0] <= len(text.split()) <= SUMMARY_WORDS[1]:
            return text
    return None


def _front(fields: list[tuple[str, str]]) -> str:
    """Front matter; a value starting with a line break is a block (a list of mappings)."""
    lines = (f"{k}:{v}\n" if v.startswith("\n") else f"{k}: {v}\n" for k, v in fields)
    return "---\n" + "".join(lines) + "---\n"


# -- Items ----------------------------------------------------------------------------------------
@dataclass
class CorpusInfo:
    """What ``generate`` wrote."""

    root: Path
    parent: str
    members: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # site → kind → files
    numbers: dict[str, list[str]] = field(default_factory=dict)  # site → document numbers
    rare_word: str = RARE_WORD

    @property
    def sites(self) -> list[str]:
        return [self.parent, *self.members]

    @property
    def total(self) -> int:
        return sum(sum(kinds.values()) for kinds in self.counts.values())

    def by_kind(self) -> dict[str, int]:
        """Files per type over all sites (schedules and invitations only when generated)."""
        found = {k: sum(c.get(k, 0) for c in self.counts.values()) for k in KINDS + EXTRA_KINDS}
        return {k: n for k, n in found.items() if k in KINDS or n}


class _SiteWriter:
    """Writes one site's items; keeps its slugs, file names and document numbers unique."""

    def __init__(self, root: Path, spec: SiteSpec, rng: random.Random):
        self.root = root / spec.id
        self.spec = spec
        self.rng = rng
        self.slugs: dict[str, set[str]] = {k: set() for k in (*KINDS, *EXTRA_KINDS)}
        self.names: set[str] = set()
        self.serial: dict[str, int] = {}
        self.numbers: list[str] = []
        # day → meetings (time, title, invitation number, location), for the weekly schedules
        self.meetings: dict[dt.date, list[tuple[str, str, str, str]]] = {}

    def when(self) -> dt.datetime:
        span = int((NOW - START).total_seconds() // 86400) - 1
        day = START + dt.timedelta(days=self.rng.randrange(span))
        return day.replace(hour=self.rng.randint(7, 17), minute=self.rng.choice((0, 15, 30, 45)))

    def slug_field(self, kind: str, title: str) -> list[tuple[str, str]]:
        """An explicit ``slug`` only when the title's own slug is already taken."""
        base = slugify(title)
        slug, n = base, 1
        while slug in self.slugs[kind]:
            n += 1
            slug = f"{base}-{n}"
        self.slugs[kind].add(slug)
        return [] if slug == base else [("slug", slug)]

    def write(self, kind: str, stem: str, text: str) -> None:
        name, n = stem[:70].rstrip("-"), 1
        while f"{kind}/{name}" in self.names:
            n += 1
            name = f"{stem[:70].rstrip('-')}-{n}"
        self.names.add(f"{kind}/{name}")
        path = self.root / kind / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def article(self) -> None:
        rng, when = self.rng, self.when()
        topic = _main_topic(rng)
        slots = _Slots(rng, self.spec, when)
        title = _fill(rng.choice(topic.titles), slots)
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("category", _q(topic.category)),
            ("unit", _q(f"{rng.choice(UNITS)} {self.spec.place}")),
            ("authors", _qlist([_person(rng)])),
            ("tags", _qlist(rng.sample(topic.tags, rng.randint(1, len(topic.tags))))),
            *self.slug_field("articles", title),
        ]
        summary = _summary(rng, slots, topic) if rng.random() < SUMMARY_RATE else None
        if summary:
            fields.append(("summary", _q(summary)))
        if rng.random() < 0.03:
            fields.append(("featured", "true"))
        body = _body(rng, slots, _pool(rng, topic), rng.randint(150, 600))
        self.write("articles", f"{when:%Y-%m-%d}-{slugify(title)}", _front(fields) + body)

    def document(self) -> None:
        rng, when = self.rng, self.when()
        slots = _Slots(rng, self.spec, when)
        doc_type = rng.choices(list(DOC_TYPES), weights=DOC_WEIGHTS)[0]
        suffix = DOC_TYPES[doc_type]
        self.serial[suffix] = self.serial.get(suffix, 0) + rng.randint(1, 9)
        number = f"{self.serial[suffix]}/{suffix}"
        self.numbers.append(number)
        council = suffix.endswith("HĐND")
        issuer = f"{'Hội đồng' if council else 'Ủy ban'} nhân dân {self.spec.place}"
        topic = _main_topic(rng)
        general = not topic.subjects or rng.random() < GENERAL_SUBJECT_RATE
        subject = rng.choice(DOC_SUBJECTS if general else topic.subjects).format_map(slots)
        title = f"{doc_type} về việc {subject}"
        pdf = f"files/{slugify(number)}.pdf"
        issued = (when - dt.timedelta(days=rng.randint(0, 3))).date()
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("number", _q(number)),
            ("doc_type", _q(doc_type)),
            ("issuer", _q(issuer)),
            ("issued", issued.isoformat()),
            ("signer", _q(self.spec.chair)),
            ("signer_title", _q(f"Chủ tịch {'HĐND' if council else 'UBND'} {self.spec.kind}")),
            ("legal", "true" if doc_type in ("Quyết định", "Nghị quyết") else "false"),
            ("fields", _qlist([topic.field])),
            ("summary", _q(f"Về việc {subject}.")),
            ("files", f"[{pdf}]"),
            *self.slug_field("documents", title),
        ]
        pool = DOC_SENTENCES + _pool(rng, topic)
        body = _body(rng, slots, pool, rng.randint(150, 600))
        self.write("documents", f"{when:%Y-%m-%d}-{slugify(number)}", _front(fields) + body)
        target = self.root / "documents" / pdf
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(tiny_pdf(f"{number} {doc_type}"))

    def question(self) -> None:
        rng, when = self.rng, self.when()
        slots = _Slots(rng, self.spec, when)
        title, question, field_name, office = rng.choice(QUESTIONS)
        topic = _field_topic(rng, field_name)
        asker = _person(rng)
        hamlet = rng.choice(self.spec.hamlets)
        asked = (when - dt.timedelta(days=rng.randint(1, 10))).date()
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("question", _q(_fill(question, slots))),
            ("asked_by", _q(f"{asker}, {hamlet}")),
            ("asked", asked.isoformat()),
            ("answered_by", _q(f"{office} {self.spec.place}")),
            ("field", _q(field_name)),
            *self.slug_field("qa", title),
        ]
        body = f"Chào {asker},\n\n" + _body(rng, slots, _pool(rng, topic), rng.randint(150, 600))
        self.write("qa", f"{when:%Y-%m-%d}-{slugify(title)}", _front(fields) + body)

    def procedure(self) -> None:
        rng, when = self.rng, self.when()
        slots = _Slots(rng, self.spec, when)
        title, field_name, level = rng.choice(PROCEDURES)
        code = f"1.00{rng.randint(1000, 9999)}.000.00.00.H{rng.randint(10, 64)}"
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("code", _q(code)),
            ("field", _q(field_name)),
            ("level", _q(level)),
            ("agency", _q(self.spec.full_name)),
            ("processing_time", _q(f"{rng.randint(1, 20)} ngày làm việc")),
            ("fee", _q(rng.choice(("Miễn phí", "Không", f"{rng.randint(1, 10)}0.000 đồng")))),
            ("dossier", _qlist(rng.sample(DOSSIER, 3))),
            ("legal_basis", _qlist(rng.sample(LEGAL_BASIS, 2))),
            (
                "online_url",
                _q(
                    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
                    f"?ma_thu_tuc={code}"
                ),
            ),
            *self.slug_field("procedures", title),
        ]
        steps = "\n".join(f"{i}. {_fill(s, slots)}" for i, s in enumerate(PROCEDURE_STEPS, 1))
        topic = _field_topic(rng, field_name)
        body = "## Trình tự thực hiện\n\n" + steps + "\n\n"
        body += _body(rng, slots, _pool(rng, topic), rng.randint(100, 500))
        self.write("procedures", slugify(title), _front(fields) + body)

    def page(self, index: int) -> None:
        rng = self.rng
        slots = _Slots(rng, self.spec, NOW)
        title = _page_title(index)
        fields = [
            ("title", _q(title)),
            ("order", str(index + 1)),
            ("nav", "true" if index < 3 else "false"),
            ("summary", _q(f"{title} – {self.spec.full_name}.")),
            *self.slug_field("pages", title),
        ]
        pool = _pool(rng, _main_topic(rng))
        body = _body(rng, slots, pool, rng.randint(150, 600))
        self.write("pages", slugify(title), _front(fields) + body)

    # -- Invitations and weekly schedules (only with explicit counts) --
    @property
    def leaders(self) -> list[str]:
        """The chair and two vice chairs, with their titles (drawn on first use)."""
        if not hasattr(self, "_leaders"):
            kind = self.spec.kind
            women = [self.rng.random() < 0.5 for _ in range(2)]
            vice = [f"{'Bà' if w else 'Ông'} {_person(self.rng, w)}" for w in women]
            self._leaders = [
                f"Ông {self.spec.chair}, Chủ tịch UBND {kind}",
                *(f"{name}, Phó Chủ tịch UBND {kind}" for name in vice),
            ]
        return self._leaders

    def meeting_slots(self, when: dt.datetime) -> _Slots:
        slots = _Slots(self.rng, self.spec, when)
        slots.update(
            kind=self.spec.kind, work=self.rng.choice(WORKS), board=self.rng.choice(BOARDS)
        )
        return slots

    def invitations(self, count: int, first: dt.date) -> None:
        """``count`` meetings on working days from ``first`` to a week after NOW, numbered in
        date order."""
        last = NOW.date() + dt.timedelta(days=7)
        span = (last - first).days + 1
        days = sorted(first + dt.timedelta(days=self.rng.randrange(span)) for _ in range(count))
        for day in days:
            self.invitation(day - dt.timedelta(days=max(day.weekday() - 4, 0)))  # weekend → Fri

    def invitation(self, day: dt.date) -> None:
        """A meeting on ``day``, its invitation sent 2–6 days ahead."""
        rng = self.rng
        hour, minute = map(int, rng.choice(SESSIONS).split(":"))
        start = dt.datetime.combine(day, dt.time(hour, minute), TIMEZONE)
        end = start + dt.timedelta(minutes=rng.choice((90, 120, 150, 180)))
        sent = (start - dt.timedelta(days=rng.randint(2, 6))).replace(hour=rng.randint(8, 16))
        sent = min(sent, NOW - dt.timedelta(hours=2))
        slots = self.meeting_slots(start)
        title = _fill(rng.choice(MEETINGS), slots)
        self.serial["GM"] = self.serial.get("GM", 0) + rng.randint(1, 4)
        number = f"{self.serial['GM']}/GM-UBND"
        place = self.spec.place
        location = rng.choice(
            (f"Phòng họp số {rng.randint(1, 3)}, UBND {place}", f"Hội trường UBND {place}")
        )
        chair = rng.choice(self.leaders)
        units = rng.sample(UNITS, rng.randint(3, 5))
        fields = [
            ("title", _q(title)),
            ("date", f"{sent:%Y-%m-%d %H:%M}"),
            ("number", _q(number)),
            ("start", f"{start:%Y-%m-%d %H:%M}"),
            ("end", f"{end:%Y-%m-%d %H:%M}"),
            ("location", _q(location)),
            ("chair", _q(chair)),
            ("participants", _qlist([f"Lãnh đạo {u} {place}" for u in units])),
            ("notify", _qlist(rng.sample(sorted(GROUPS), rng.randint(1, len(GROUPS))))),
            *self.slug_field("invitations", title),
        ]
        stem = f"{sent:%Y-%m-%d}-{slugify(number)}"
        if rng.random() < 1 / 3:
            pdf = f"files/{slugify(number)}.pdf"
            fields.append(("files", f"[{pdf}]"))
            target = self.root / "invitations" / pdf
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tiny_pdf(f"{number} Giay moi"))
        steps = [
            "Ổn định tổ chức, giới thiệu đại biểu.",
            f"{units[0]} {place} báo cáo kết quả thực hiện và đề xuất nhiệm vụ thời gian tới.",
            "Thảo luận, ý kiến của các đại biểu.",
            f"{chair.split(',')[0]} kết luận hội nghị.",
        ]
        body = "## Chương trình\n\n" + "".join(f"{i}. {s}\n" for i, s in enumerate(steps, 1))
        body += "\n" + _body(rng, slots, _pool(rng, _main_topic(rng)), rng.randint(60, 150))
        self.write("invitations", stem, _front(fields) + body)
        self.meetings.setdefault(day, []).append((f"{start:%H:%M}", title, number, location))

    def schedule(self, monday: dt.date) -> None:
        """The weekly schedule (lịch công tác) of the site's leaders for the week of ``monday``,
        published the Friday before; each day's invitations of the site are on it."""
        rng = self.rng
        year, week, _ = monday.isocalendar()
        sent = dt.datetime.combine(monday - dt.timedelta(days=3), dt.time(16, 0), TIMEZONE)
        kind, place = self.spec.kind, self.spec.place
        title = f"Lịch công tác tuần {week} năm {year} của Thường trực UBND {place}"
        entries: list[str] = []
        for offset in range(6 if rng.random() < 0.3 else 5):
            day = monday + dt.timedelta(days=offset)
            found = [(t, c, n, loc) for t, c, n, loc in self.meetings.get(day, [])]
            for session in ("07:30", "14:00")[: 1 if offset == 5 else 2]:
                if rng.random() < 0.8 and not any(t[:2] == session[:2] for t, *_ in found):
                    content = _fill(rng.choice(SCHEDULE_ITEMS), self.meeting_slots(sent))
                    found.append((session, content, "", f"Phòng họp số 1, UBND {kind}"))
            for time_, content, number, location in sorted(found):
                entry = [
                    f"  - date: {day.isoformat()}",
                    f'    time: "{time_}"',
                    f"    content: {_q(content)}",
                    f"    chair: {_q(rng.choice(self.leaders))}",
                    f"    participants: {_q('Lãnh đạo ' + rng.choice(UNITS) + ' ' + place)}",
                    f"    location: {_q(location)}",
                    f"    prepared_by: {_q(rng.choice(UNITS) + ' ' + place)}",
                ]
                if number:
                    entry.append(f"    invitation: {_q(number)}")
                entries.append("\n".join(entry))
        fields = [
            ("title", _q(title)),
            ("date", f"{sent:%Y-%m-%d %H:%M}"),
            ("week", f"{year}-W{week:02d}"),
            ("owner", _q(f"Thường trực UBND {kind}")),
            ("approved_by", _q(f"{_person(rng)}, Chánh Văn phòng HĐND và UBND {kind}")),
            ("revision", "1"),
            ("tags", _qlist(["lịch công tác"])),
            ("items", "\n" + "\n".join(entries)),
            *self.slug_field("schedules", title),
        ]
        body = "Lịch có thể thay đổi, đề nghị theo dõi cập nhật trên cổng thông tin.\n"
        self.write("schedules", f"{year}-w{week:02d}-thuong-truc-ubnd", _front(fields) + body)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _page_title(index: int) -> str:
    if index < len(STANDING_PAGES):
        return STANDING_PAGES[index]
    rest = index - len(STANDING_PAGES)
    years = range(NOW.year, 2009, -1)
    cycle = len(YEARLY_PAGES) * len(years)
    template = YEARLY_PAGES[rest % len(YEARLY_PAGES)]
    title = template.format(y=years[(rest % cycle) // len(YEARLY_PAGES)])
    return title if rest < cycle else f"{title} (phần {rest // cycle + 1})"


def tiny_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF showing ``text`` (ASCII-folded), with a correct xref."""
    from portal.slugs import fold

    safe = fold(text).encode("ascii", "replace").decode().replace("\\", "").replace("(", "")
    safe = safe.replace(")", "")
    stream = f"BT /F1 14 Tf 72 770 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# -- Distribution ---------------------------------------------------------------------------------
def split_sites(pages: int, members: int) -> list[int]:
    """Items per site: the parent about ``PARENT_SHARE``, the rest evenly over the members."""
    if members == 0:
        return [pages]
    parent = round(pages * PARENT_SHARE)
    share, extra = divmod(pages - parent, members)
    return [parent, *[share + (1 if i < extra else 0) for i in range(members)]]


def split_kinds(total: int) -> dict[str, int]:
    """Items per type for one site; at least one standing page when there is room."""
    counts = {kind: round(total * share) for kind, share in TYPE_SHARES.items()}
    if total >= 2 and counts["pages"] == 0:
        counts["pages"] = 1
    while sum(counts.values()) > total:
        largest = max(counts, key=lambda k: counts[k])
        counts[largest] -= 1
    return {"articles": total - sum(counts.values()), **counts}


def scaled(mix: dict[str, int], scale: float) -> dict[str, int]:
    """``mix`` with every count multiplied by ``scale`` (at least one file of each type)."""
    return {kind: max(1, round(count * scale)) for kind, count in mix.items()}


def generate(
    dest: Path,
    pages: int = 10_000,
    members: int = 12,
    seed: int = 1,
    counts: dict[str, int] | None = None,
) -> CorpusInfo:
    """Write a corpus of ``pages`` content files over one parent and ``members`` members into
    ``dest`` (created; must not hold another corpus), in the default mix of types
    (``TYPE_SHARES``). With ``counts`` (type → files over all sites, e.g. ``BUILD_MIX``;
    schedules and invitations allowed) ``pages`` is ignored and each type is split over the
    sites as ``split_sites`` does; sites.yml then has notify groups, schedules are one per site
    and week (the latest ending in NOW's week) and each week's invitations are on its
    schedule."""
    if counts is None and pages < members + 1:
        raise ValueError("need at least one page per site")
    unknown = set(counts or {}) - set(KINDS + EXTRA_KINDS)
    if unknown:
        raise ValueError(f"unknown content types: {', '.join(sorted(unknown))}")
    rng = random.Random(f"portal-bench-{seed}")
    specs = _site_specs(rng, members)
    dest.mkdir(parents=True, exist_ok=True)
    groups = bool(counts and counts.get("invitations"))
    (dest / "sites.yml").write_text(sites_yaml(specs, groups), encoding="utf-8")
    info = CorpusInfo(dest, specs[0].id, [s.id for s in specs[1:]])
    if counts is None:
        per_site = [split_kinds(total) for total in split_sites(pages, members)]
    else:
        shares = {kind: split_sites(total, members) for kind, total in counts.items()}
        per_site = [
            {k: shares.get(k, [0] * len(specs))[i] for k in KINDS} for i in range(len(specs))
        ]
        for index, kinds in enumerate(per_site):
            kinds.update({k: shares[k][index] for k in EXTRA_KINDS if k in shares})
    for spec, kinds in zip(specs, per_site, strict=True):
        writer = _SiteWriter(dest, spec, random.Random(f"portal-bench-{seed}-{spec.id}"))
        for _ in range(kinds["articles"]):
            writer.article()
        for _ in range(kinds["documents"]):
            writer.document()
        for _ in range(kinds["qa"]):
            writer.question()
        for _ in range(kinds["procedures"]):
            writer.procedure()
        for index in range(kinds["pages"]):
            writer.page(index)
        weeks = kinds.get("schedules", 0)
        first = _monday(NOW.date()) - dt.timedelta(weeks=max(weeks, 1) - 1)
        writer.invitations(
            kinds.get("invitations", 0), first if weeks else START.date() + dt.timedelta(days=7)
        )
        for week in range(weeks):
            writer.schedule(first + dt.timedelta(weeks=week))
        (dest / spec.id).mkdir(exist_ok=True)
        info.counts[spec.id] = kinds
        info.numbers[spec.id] = writer.numbers
    return info
