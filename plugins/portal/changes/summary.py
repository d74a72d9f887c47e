"""The change summary of a pull request (``portal changes``): per site, the pages it adds,
changes and removes, its state changes and scheduled items, as Markdown for the job summary
(linked into the preview: every site under ``<preview>/<site-id>/``, as ``portal build`` lays
out development output) or as JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from portal.catalog import Item
from portal.changes import diff as cmp
from portal.changes.snapshot import Snapshot, path_of, read, read_base
from portal.frontmatter.fields import TIMEZONE
from portal.types import title_of

HEADINGS = {
    cmp.ADDED: "Trang mới",
    cmp.CHANGED: "Trang sửa đổi",
    cmp.REMOVED: "Trang bị gỡ",
    cmp.STATE: "Đổi trạng thái",
    cmp.SCHEDULED: "Hẹn giờ đăng",
    cmp.NO_PAGE: "Không tạo trang (bản nháp, hết hạn)",
}
STATES = {
    "public": "công khai",
    "withdrawn": "thu hồi (giữ trang kèm thông báo)",
    "gone": "gỡ hẳn (410)",
    "redirected": "chuyển hướng",
    "draft": "bản nháp",
    "scheduled": "hẹn giờ",
    "expired": "hết hạn",
}
FILE_CHANGES = {"added": "thêm", "modified": "sửa", "removed": "xoá"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#!|<>~])")


@dataclass
class Entry:
    """One line of the summary."""

    action: str
    site: str
    kind: str
    title: str
    path: str  # the content file (as it is now; as it was for a removed one)
    url: str  # /<site-id>/<item url>
    linked: bool  # the head writes a page there (public or withdrawn)
    state: str | None = None
    old_state: str | None = None
    old_path: str | None = None
    old_url: str | None = None
    change_note: str | None = None
    minor: bool = False
    text_changed: bool = False
    files_changed: bool = False
    unreadable: bool = False
    publish_at: str | None = None  # scheduled: the go-live time, Asia/Ho_Chi_Minh
    redirect_to: str | None = None


@dataclass
class Summary:
    ref: str
    commit: str
    now: dt.datetime
    site_names: dict[str, str]
    entries: list[Entry] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (path, added|modified|removed)

    def counts(self) -> dict[str, int]:
        return {a: sum(1 for e in self.entries if e.action == a) for a in cmp.ACTIONS}

    def as_json(self, preview_url: str | None = None) -> dict[str, Any]:
        sites = []
        for site, name in self.site_names.items():
            entries = [e for e in self.entries if e.site == site]
            if not entries:
                continue
            groups: dict[str, list[dict[str, Any]]] = {a: [] for a in cmp.ACTIONS}
            for entry in entries:
                record = asdict(entry)
                record["preview"] = _preview(entry, preview_url)
                groups[entry.action].append(record)
            sites.append({"id": site, "name": name, **groups})
        return {
            "base": {"ref": self.ref, "commit": self.commit},
            "now": self.now.isoformat(),
            "counts": self.counts(),
            "sites": sites,
            "files": [{"path": p, "change": c} for p, c in self.files],
        }

    def markdown(self, preview_url: str | None = None) -> str:
        tally = [
            f"{HEADINGS[a].split(' (')[0].lower()}: {n}" for a, n in self.counts().items() if n
        ]
        tally += [f"tệp khác: {len(self.files)}"] if self.files else []
        lines = [
            "## Thay đổi nội dung",
            "",
            f"So với `{self.ref}` (commit chung `{self.commit[:10]}`), xét tại "
            f"{_local(self.now)} giờ Việt Nam" + (": " + ", ".join(tally) if tally else "") + ".",
        ]
        if not self.entries and not self.files:
            lines += ["", "Không có thay đổi nào về nội dung."]
        for site, name in self.site_names.items():
            entries = [e for e in self.entries if e.site == site]
            if not entries:
                continue
            lines += ["", f"### {_text(name)} (`{site}`)"]
            for action in cmp.ACTIONS:
                group = [e for e in entries if e.action == action]
                if group:
                    lines += ["", f"#### {HEADINGS[action]} ({len(group)})", ""]
                    lines += [_line(e, preview_url) for e in group]
        if self.files:
            lines += ["", f"### Tệp khác không tạo trang ({len(self.files)})", ""]
            lines += [f"- {_code(p)} — {FILE_CHANGES[c]}" for p, c in self.files]
        return "\n".join(lines) + "\n"


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M")


def _text(value: str) -> str:
    """Contributor text made inert in Markdown (one line, special characters escaped)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def _code(value: str) -> str:
    """A path as inline code (a backtick in a file name cannot end the span)."""
    return "`" + value.replace("`", "'") + "`"


def _preview(entry: Entry, preview_url: str | None) -> str | None:
    if not (preview_url and entry.linked):
        return None
    return preview_url.rstrip("/") + entry.url


def _line(entry: Entry, preview_url: str | None) -> str:
    link = _preview(entry, preview_url)
    title = f"[{_text(entry.title)}]({link})" if link else _text(entry.title)
    parts = [f"- {title}", str(title_of(entry.kind)), _code(entry.url)]
    notes = []
    if entry.action == cmp.SCHEDULED:
        notes.append(f"đăng lúc **{entry.publish_at}**")
    if entry.action in (cmp.STATE, cmp.REMOVED) and entry.old_state:
        after = STATES.get(entry.state or "", "tệp đã xoá")
        notes.append(f"{STATES[entry.old_state]} → {after}")
    if entry.redirect_to and entry.state == "redirected":
        notes.append(f"chuyển tới {_code(entry.redirect_to)}")
    if entry.action == cmp.NO_PAGE:
        notes.append(STATES.get(entry.state or "", "tệp đã xoá"))
    if entry.old_url:
        notes.append(f"đổi đường dẫn từ {_code(entry.old_url)}")
    if entry.unreadable:
        notes.append("**tệp có lỗi, không đọc được** (xem kết quả `portal check`)")
    if entry.action == cmp.CHANGED:
        if entry.files_changed:
            notes.append("đổi tệp đính kèm")
        if entry.change_note:
            notes.append(f"ghi chú: “{_text(entry.change_note)}”")
        elif entry.minor:
            notes.append("sửa nhỏ")
        if entry.old_path and not (entry.text_changed or entry.files_changed):
            notes.append("chỉ đổi tên tệp")
    if entry.old_path:
        notes.append(f"tệp cũ {_code(entry.old_path)}")
    parts.append(_code(entry.path))
    return " · ".join(parts + notes)


def _entry(change: cmp.Change, shown: str) -> Entry:
    item: Item = change.item
    before, after = change.before, change.after
    entry = Entry(
        action=change.action or "",
        site=item.site,
        kind=item.kind,
        title=str(item.meta.get("title") or item.relpath),
        path=f"{shown}{path_of(item)}",
        url=f"/{item.site}/{item.url}",
        linked=bool(after and after.written),
        state=after.state if after else None,
        old_state=before.state if before else None,
        text_changed=change.text_changed,
        files_changed=change.files_changed,
        unreadable=change.unreadable,
    )
    if before and after and change.moved:
        entry.old_path = f"{shown}{path_of(before)}"
    if change.url_changed and before:
        entry.old_url = f"/{before.site}/{before.url}"
    if after:
        note = after.meta.get("change_note")
        if note and note != (before.meta.get("change_note") if before else None):
            entry.change_note = note
        entry.minor = bool(after.meta.get("minor"))
        if after.state == "scheduled":
            entry.publish_at = _local(after.meta["date"])
        entry.redirect_to = (after.meta.get("unpublished") or {}).get("redirect_to")
    return entry


def summarize_snapshots(
    ref: str, commit: str, now: dt.datetime, base: Snapshot, head: Snapshot, shown: str
) -> Summary:
    """The summary of two snapshots already read; paths are shown after ``shown``
    (``content/``)."""
    names = {sid: site.name for sid, site in head.sites.items()}
    names.update({sid: s.name for sid, s in base.sites.items() if sid not in names})
    summary = Summary(ref, commit, now, names)
    for change in cmp.compare(base, head):
        if change.action:
            summary.entries.append(_entry(change, shown))
    order = {a: i for i, a in enumerate(cmp.ACTIONS)}
    summary.entries.sort(key=lambda e: (order[e.action], e.publish_at or "", e.url, e.path))
    summary.files = [(f"{shown}{p}", c) for p, c in cmp.other_files(base, head)]
    return summary


def summarize(content_dir: Path, ref: str, now: dt.datetime, max_mb: int = 20) -> Summary:
    """Compare the merge-base of ``ref`` and HEAD with the working tree, both read at ``now``;
    paths are shown from the repository's root (``content/…``), as a pull request lists them."""
    base_info, base = read_base(content_dir, ref, now, max_mb)
    head = read(content_dir, now, max_mb)
    shown = f"{base_info.prefix}/" if base_info.prefix else ""
    return summarize_snapshots(ref, base_info.commit, now, base, head, shown)
