"""What a content type is: ``ContentType`` and ``FieldSpec``, and the fields every type shares.

Contract: a ``ContentType`` is plain data plus a few pure functions of an item's values (its
rules, the day it belongs to, its sort key, its phase at a moment). Nothing here reads files or
settings; every stage (catalog, sections, search, feeds, theme, ``portal new``, the form editor,
the docs' field table) reads the same object through ``portal.types.get``.

Field order is the order ``portal new`` writes them: the shared fields first, then the type's
own; a type may override a shared field in place (a document's required ``summary``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from portal.frontmatter.fields import TIMEZONE, Field

# -- phases: what an item is at a moment (``ContentType.phase``) ------------------------------
SCHEDULED = "scheduled"  # not begun yet (a consultation before it opens, a meeting to come)
OPEN = "open"  # going on (a consultation taking comments)
CLOSED = "closed"  # over (a consultation after its last day, a meeting that has ended)
IN_FORCE = "in-force"  # a document in force
PENDING = "pending"  # a document not in force yet
EXPIRED = "expired"  # a document no longer in force
REPLACED = "replaced"  # a document another published one replaces
STANDING = "standing"  # no phase: news, procedures, answers, standing pages
PHASES = (SCHEDULED, OPEN, CLOSED, IN_FORCE, PENDING, EXPIRED, REPLACED, STANDING)


PLACEHOLDER = "…"  # what a required field holds in a new file until it is filled
NUMBER_PLACEHOLDER = "…/…-UBND"


@dataclass(frozen=True)
class Draft:
    """What ``portal new`` knows when it fills a required field."""

    site: Any  # portal.sites.Site
    title: str
    now: dt.datetime
    files: tuple[str, ...] = ()

    @property
    def today(self) -> dt.date:
        return self.now.date()


def quote(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter key of a type: how it is read (``field``) and how it is explained.

    ``label`` names it in the form editor; ``help`` is the Vietnamese comment ``portal new``
    writes beside it; ``example`` is the YAML text of a typical value: ``portal new`` writes it
    commented out for an optional field. ``fill`` gives the YAML text ``portal new`` writes for a
    required field (from the site, the title and the moment); a required field without ``fill``
    writes its ``example``. ``names`` says in Vietnamese what the form editor shows for a
    choice's value (``draft`` → "Bản nháp") or a sub-field's key (``reason`` → "Lý do gỡ"): the
    value written stays the key."""

    field: Field
    label: str
    help: str
    example: str = ""
    fill: Callable[[Draft], str] | None = None
    names: dict[str, str] = dataclasses.field(default_factory=dict)

    def scaffold(self, draft: Draft) -> str:
        """The YAML text ``portal new`` writes for this (required) field."""
        return self.fill(draft) if self.fill else self.example


def spec(
    kind: str = "text",
    label: str = "",
    help: str = "",
    example: str = "",
    fill: Callable[[Draft], str] | None = None,
    names: dict[str, str] | None = None,
    **options: Any,
) -> FieldSpec:
    """A ``FieldSpec`` in one call: ``spec("date", "Ngày ban hành", "…", required=True)``."""
    return FieldSpec(Field(kind, **options), label, help, example, fill, dict(names or {}))


# Reasons a published item is taken down (content-model.md, "unpublished").
TAKEDOWN_REASONS = ("error", "consolidated", "withdrawn")
# A summary is shown in every listing, feed and search record: a paragraph, not a text.
SUMMARY_LIMIT = 2_000
TEXT = Field()
PATH = Field("path")
TEXT_LIST = Field("list", item=TEXT)
PATH_LIST = Field("list", item=PATH)

COMMON: dict[str, FieldSpec] = {
    # one line, as every text but prose: it may go into a mail header
    "title": spec(
        label="Tiêu đề",
        help="tiêu đề; đặt trong dấu nháy nếu có dấu hai chấm",
        example='"Tiêu đề"',
        fill=lambda d: quote(d.title),
        required=True,
    ),
    "date": spec(
        "datetime",
        "Ngày đăng",
        "ngày giờ đăng (NNNN-TT-NN GG:PP); ngày trong tương lai = hẹn giờ đăng",
        "2026-11-20 08:30",
        lambda d: d.now.strftime("%Y-%m-%d %H:%M"),
        required=True,
    ),
    "status": spec(
        "enum",
        "Trạng thái",
        "draft = bản nháp, không công bố; xoá dòng này khi sẵn sàng đăng",
        "draft",
        choices=("published", "draft"),
        names={"published": "Đăng (công khai)", "draft": "Bản nháp (chưa công bố)"},
    ),
    "expires": spec(
        "datetime", "Hết hạn đăng", "sau thời điểm này bài tự gỡ khỏi cổng", "2027-01-31 17:00"
    ),
    "slug": spec(
        "slug",
        "Đường dẫn",
        "đường dẫn riêng; mặc định lấy từ tiêu đề bỏ dấu",
        "duong-dan-rieng",
    ),
    "summary": spec(
        label="Tóm tắt",
        help="tóm tắt (trích yếu với văn bản); mặc định là đoạn đầu",
        example="Tóm tắt ngắn",
        multiline=True,
        limit=SUMMARY_LIMIT,
    ),
    "tags": spec("list", "Từ khoá", "từ khoá", "[cải cách hành chính, chuyển đổi số]", item=TEXT),
    "authors": spec("list", "Người viết", "người viết", "[Nguyễn Văn A]", item=TEXT),
    "unit": spec(label="Đơn vị gửi bài", help="đơn vị gửi bài", example="Văn phòng HĐND và UBND"),
    "image": spec(
        "path",
        "Ảnh đại diện",
        "ảnh đại diện, đường dẫn tính từ tệp này",
        "anh/anh-dai-dien.jpg",
    ),
    "image_alt": spec(
        label="Mô tả ảnh",
        help="bắt buộc khi có ảnh: mô tả cho người khiếm thị",
        example="Mô tả nội dung ảnh",
    ),
    "image_caption": spec(
        label="Chú thích ảnh",
        help="chú thích hiện dưới ảnh, kèm nguồn ảnh",
        example="Chú thích ảnh. Ảnh: tên tác giả",
    ),
    "lang": spec(
        "enum",
        "Ngôn ngữ",
        "ngôn ngữ: vi (mặc định) hoặc en",
        "en",
        choices=("vi", "en"),
        names={"vi": "Tiếng Việt", "en": "Tiếng Anh"},
    ),
    "modified": spec(
        "datetime",
        "Ngày sửa đổi",
        "ngày sửa đổi; cần change_note trừ khi minor: true",
        "2026-12-01 09:00",
    ),
    "change_note": spec(
        label="Nội dung thay đổi",
        help="nội dung thay đổi",
        example="Cập nhật số liệu",
        multiline=True,
    ),
    "minor": spec("bool", "Sửa nhỏ", "sửa nhỏ (chính tả), không cần change_note", "true"),
    "syndicate": spec(
        "list",
        "Đăng lên cổng cấp trên",
        "trang thành viên: đăng cả lên cổng cấp trên",
        "[parent]",
        item=Field("enum", choices=("parent",)),
        names={"parent": "Cổng cấp trên"},
    ),
    "unpublished": spec(
        "mapping",
        "Gỡ bài",
        "gỡ bài: error (410), consolidated (+ redirect_to), withdrawn (+ note)",
        '{reason: withdrawn, note: "Lý do"}',
        fields={
            "reason": Field("enum", required=True, choices=TAKEDOWN_REASONS),
            "note": Field(multiline=True),
            "redirect_to": TEXT,
            "date": Field("date"),
        },
        names={
            "reason": "Lý do gỡ",
            "note": "Thông báo cho người đọc",
            "redirect_to": "Chuyển đến (đường dẫn)",
            "date": "Ngày gỡ",
            "error": "Đăng nhầm: gỡ hẳn (410)",
            "consolidated": "Gộp vào trang khác: chuyển hướng",
            "withdrawn": "Thu hồi: giữ trang kèm thông báo",
        },
    ),
}


def with_common(own: dict[str, FieldSpec]) -> dict[str, FieldSpec]:
    """The shared fields, then ``own`` (a shared key in ``own`` replaces it in place)."""
    return {**COMMON, **own}


# rules(values, nodes, err): ``values`` converted, ``nodes`` as parsed (lines), and
# ``err(key, message, english, line=None)`` reports one mistake (the key's line by default)
Rules = Callable[[dict[str, Any], dict[str, Any], Callable[..., None]], None]


def no_rules(values: dict[str, Any], nodes: dict[str, Any], err: Callable[..., None]) -> None:
    """A type with no rules of its own."""


def vietnam_day(now: dt.datetime) -> dt.date:
    """The day it is in Vietnam at ``now`` (phases change at Vietnam's midnight)."""
    return now.astimezone(TIMEZONE).date() if now.tzinfo else now.date()


def posted_day(meta: dict[str, Any]) -> dt.date | None:
    """The day an item is posted: its ``date`` (none for a standing page)."""
    value = meta.get("date")
    return value.date() if isinstance(value, dt.datetime) else value


def posted(meta: dict[str, Any]) -> Any:
    """Sort by ``date``, the moment it is posted."""
    return meta["date"]


def standing(meta: dict[str, Any], now: dt.datetime, replaced: frozenset[str] = frozenset()) -> str:
    """No phase: the item reads the same at any moment."""
    return STANDING


@dataclass(frozen=True)
class ContentType:
    """One content type, described once (content-model.md)."""

    folder: str  # content/<site>/<folder>/, and the item's ``kind``
    url_prefix: str  # the section's folder in the output ("" for standing pages)
    title: str  # the section's heading (a UI message id)
    nav_label: str  # its main-menu label (a UI message id)
    description: str  # one line for the docs' field table (Vietnamese)
    fields: dict[str, FieldSpec]
    template: str  # the item page's template (theme/templates/<template>.html)
    # The section's own listing template; "" for the types Pelican lists itself (articles, pages)
    listing_template: str = "section"
    search_label: str = ""  # how a search result names its type (a UI message id; "": title)
    in_menu: bool = True  # an entry of its own in the main menu
    # The menu entry this type stands in for on a site that has none of that type (invitations
    # link "Giấy mời họp" where a site has no schedules)
    menu_fallback_for: str = ""
    feed: bool = True  # a feed of its own (portal.feeds)
    feed_fields: tuple[str, ...] = ()  # fields of the feed's ``_portal`` extension
    facets: tuple[tuple[str, str], ...] = ()  # search filters: (filter key, field)
    quick_fields: tuple[str, ...] = ()  # the fields a quick search record holds
    rules: Rules = no_rules  # rules tying the type's fields together
    day: Callable[[dict[str, Any]], dt.date | None] = posted_day  # the day it belongs to
    sort_key: Callable[[dict[str, Any]], Any] = posted  # listings, newest first
    # What it is at a moment (``PHASES``): phase(meta, now, replaced), where ``replaced`` holds
    # the document numbers (case-folded) a listed document replaces; any field may be missing
    # (a file with errors is still scanned). Computed once per build by the catalog
    # (``portal.catalog.phases``) into ``Item.phase``, which every stage reads
    phase: Callable[..., str] = standing
    dated_file_name: bool = True  # portal new names the file <date>-<slug>.md
    needs_files: bool = False  # portal new refuses it without an attachment

    @cached_property
    def schema(self) -> dict[str, Field]:
        """How the front matter is read: ``portal.frontmatter.fields.validate``'s schema."""
        return {name: spec.field for name, spec in self.fields.items()}

    @property
    def own_fields(self) -> dict[str, FieldSpec]:
        """The fields this type adds to (or changes of) the shared ones."""
        return {k: v for k, v in self.fields.items() if COMMON.get(k) is not v}

    @property
    def listed_by_sections(self) -> bool:
        """Listed and written by ``portal.sections`` (not by Pelican's own generators)."""
        return bool(self.listing_template)

    @property
    def reserved(self) -> tuple[str, ...]:
        """The names the build writes inside this type's section folder (``portal.paths``)."""
        from portal.paths import OWNED  # the path map reads the registry: import when asked

        return tuple(entry.sample for entry in OWNED if entry.within == self.folder)
