"""The one pull-request comment of a preview: found by its hidden marker, written from the
change summary the PR's build made (``portal changes --json``), which is data from an
unreviewed branch: every string is escaped as inert Markdown, and a page is linked only when its
URL is a plain site path (``/<site-id>/<path>``) under the preview's own root.
"""

from __future__ import annotations

import re
from typing import Any

MARKER = "<!-- portal-preview -->"
ORDER = ("added", "changed", "removed", "state", "scheduled", "no_page")
HEADINGS = {
    "added": "Trang mới (added)",
    "changed": "Trang sửa đổi (changed)",
    "removed": "Trang bị gỡ (removed)",
    "state": "Đổi trạng thái (state changed)",
    "scheduled": "Hẹn giờ đăng (scheduled)",
    "no_page": "Không tạo trang: bản nháp, hết hạn (no page)",
}
PER_GROUP = 100  # lines per group; GitHub refuses a comment over 65,536 characters
MAX_BODY = 60_000
_SPECIAL = re.compile(r"([\\`*_\[\]()#!|<>~&])")
_SITE_PATH = re.compile(r"^/[a-z0-9][a-z0-9-]*/[A-Za-z0-9._~%/-]*$")


def text(value: Any) -> str:
    """A string from the artifact made inert: one line, Markdown and HTML characters escaped,
    an ``@`` followed by a zero-width space."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(str(value or "").split()))[:300]
    return escaped.replace("@", "@\u200b")  # no @mention notifies anyone


def code(value: Any) -> str:
    return "`" + " ".join(str(value or "").split()).replace("`", "'")[:300] + "`"


def link(root: str, entry: dict[str, Any]) -> str | None:
    url = entry.get("url")
    if not entry.get("linked") or not isinstance(url, str) or not _SITE_PATH.match(url):
        return None
    if ".." in url.split("/"):
        return None
    return root.rstrip("/") + url


def _line(root: str, entry: dict[str, Any]) -> str:
    target = link(root, entry)
    title = text(entry.get("title") or entry.get("path"))
    parts = [f"[{title}]({target})" if target else title, code(entry.get("url"))]
    if entry.get("publish_at"):
        parts.append(f"đăng lúc **{text(entry['publish_at'])}**")
    if entry.get("change_note"):
        parts.append(f"ghi chú: “{text(entry['change_note'])}”")
    if entry.get("syndicated_to"):
        parts.append(f"cũng hiện trên trang chủ của {text(entry['syndicated_to'])}")
    return "- " + " · ".join(parts)


def body(root: str, changes: dict[str, Any], head_sha: str, sites: list[tuple[str, str]]) -> str:
    """The comment for a published preview at ``root`` (``https://…/pr-12``); ``sites`` are
    (id, name) from the trusted ``sites.yml`` (the entry pages of the preview)."""
    lines = [
        MARKER,
        "## Bản xem trước (preview)",
        "",
        f"Bản xem trước của commit `{head_sha[:10]}`, dựng từ nhánh của pull request này "
        f"(chưa được duyệt, không phải trang chính thức): <{root.rstrip('/')}/>",
        "",
        " · ".join(f"[{text(name)}]({root.rstrip('/')}/{sid}/)" for sid, name in sites),
    ]
    found = False
    for site in changes.get("sites") or []:
        if not isinstance(site, dict):
            continue
        lines += ["", f"### {text(site.get('name'))} ({code(site.get('id'))})"]
        for action in ORDER:
            group = [e for e in site.get(action) or [] if isinstance(e, dict)]
            if not group:
                continue
            found = True
            lines += ["", f"#### {HEADINGS[action]}: {len(group)}", ""]
            lines += [_line(root, e) for e in group[:PER_GROUP]]
            if len(group) > PER_GROUP:
                lines.append(f"- … và {len(group) - PER_GROUP} trang khác (more)")
    if not found:
        lines += ["", "Pull request này không thêm, sửa hay gỡ trang nào. (No page changes.)"]
    lines += [
        "",
        "_Bình luận này được cập nhật sau mỗi lần đẩy commit; bản xem trước bị gỡ khi pull "
        "request đóng. (Updated on every push; removed when the PR closes.)_",
    ]
    result = "\n".join(lines) + "\n"
    if len(result) > MAX_BODY:
        result = result[:MAX_BODY].rsplit("\n", 1)[0] + "\n\n… (đã cắt bớt / truncated)\n"
    return result


def removed_body(pr: int) -> str:
    return (
        f"{MARKER}\n## Bản xem trước (preview)\n\nPull request #{pr} đã đóng: bản xem trước đã "
        "được gỡ. (The PR is closed; its preview was removed.)\n"
    )
