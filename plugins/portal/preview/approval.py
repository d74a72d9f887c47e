"""``portal approval``: news a member sends up to the parent's home page waits for the parent.

A member's item marked ``syndicate: [parent]`` appears on the parent's home page ("Tin từ các
đơn vị"). When a pull request adds one, syndicates an existing one, or changes one that is
syndicated (``portal changes``: added, changed or scheduled, public or scheduled at the head),
the check stays red until a parent editor (``editors`` of the parent in ``sites.yml``: GitHub
users, or ``@org/team`` teams read through the API when the token may) has approved the PR **at
its head commit**: an approval of an earlier commit does not cover what was pushed after it.
For each reviewer only the latest review that approves, requests changes or was dismissed
counts (a later comment does not undo an approval, as on GitHub).

Reviews are read with the workflow's read-only token (``pull-requests: read``); the command
runs no code of the PR beyond reading its content, as ``portal changes`` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from portal.changes import diff as cmp
from portal.changes.snapshot import path_of, read, read_base
from portal.changes.summary import shown_on_parent
from portal.preview.api import Api, ApiError
from portal.sites import Site

NEEDS = (cmp.ADDED, cmp.CHANGED, cmp.SCHEDULED)
DECISIVE = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")


@dataclass
class Sent:
    """One item a member sends up, and why it needs the parent."""

    site: str
    title: str
    path: str
    url: str
    why: str  # Vietnamese


@dataclass
class Verdict:
    parent: Site | None
    sent: list[Sent] = field(default_factory=list)
    approved_by: list[str] = field(default_factory=list)
    unreadable_teams: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # parent editors who approved an older commit

    @property
    def ok(self) -> bool:
        return not self.sent or bool(self.approved_by)


def sent_up(content_dir: Path, ref: str, now: dt.datetime, max_mb: int = 20) -> Verdict:
    """What the working tree sends up to the parent's home, against the merge-base of ``ref``."""
    base_info, base = read_base(content_dir, ref, now, max_mb)
    head = read(content_dir, now, max_mb)
    shown = f"{base_info.prefix}/" if base_info.prefix else ""
    parent = next((s for s in head.sites.values() if s.is_parent), None)
    verdict = Verdict(parent)
    for change in cmp.compare(base, head):
        after = change.after
        if change.action not in NEEDS or shown_on_parent(after, head.sites) is None:
            continue
        before = change.before
        if shown_on_parent(before, base.sites) is not None:
            why = "sửa tin đang hiện ở cấp trên (changed while syndicated)"
        elif before is None or change.action in (cmp.ADDED, cmp.SCHEDULED):
            why = "tin mới gửi lên (new)"
        else:
            why = "mới đánh dấu gửi lên (newly syndicated)"
        verdict.sent.append(
            Sent(
                after.site,
                str(after.meta.get("title") or after.relpath),
                shown + path_of(after),
                f"/{after.site}/{after.url}",
                why,
            )
        )
    return verdict


def _editors(parent: Site) -> tuple[set[str], list[tuple[str, str]]]:
    users, teams = set(), []
    for editor in parent.editors:
        name = editor.lstrip("@")
        if "/" in name:
            org, team = name.split("/", 1)
            teams.append((org, team))
        else:
            users.add(name.lower())
    return users, teams


def judge(verdict: Verdict, api: Api, pr: int, head_sha: str = "") -> Verdict:
    """Fill ``approved_by`` from the PR's reviews: parent editors whose latest decisive review
    approves the head commit (``head_sha``, else the PR's head as the API reports it)."""
    if not verdict.sent or verdict.parent is None:
        return verdict
    head_sha = head_sha or str((api.pull(pr).get("head") or {}).get("sha", ""))
    latest: dict[str, dict] = {}
    for review in api.reviews(pr):
        login = str((review.get("user") or {}).get("login", ""))
        if login and review.get("state") in DECISIVE:
            latest[login] = review  # the API lists reviews oldest first
    users, teams = _editors(verdict.parent)
    unreadable = set()
    for login, review in sorted(latest.items()):
        if review.get("state") != "APPROVED":
            continue
        editor = login.lower() in users
        for org, team in teams:
            if editor:
                break
            member = api.in_team(org, team, login)
            if member is None:
                unreadable.add(f"@{org}/{team}")
            editor = bool(member)
        if not editor:
            continue
        if review.get("commit_id") == head_sha:
            verdict.approved_by.append(login)
        else:
            verdict.stale.append(login)
    verdict.unreadable_teams = sorted(unreadable)
    return verdict


def report(verdict: Verdict) -> str:
    """Markdown for the job summary and the log, Vietnamese with English."""
    if not verdict.sent:
        return (
            "### Duyệt tin gửi lên cấp trên\n\nPull request này không gửi tin nào lên trang chủ "
            "cấp trên: không cần cấp trên duyệt. (No news sent up to the parent: no approval "
            "needed.)\n"
        )
    name = verdict.parent.name if verdict.parent else "cấp trên"
    lines = ["### Duyệt tin gửi lên cấp trên", ""]
    for sent in verdict.sent:
        lines.append(
            f"- {sent.title} (`{sent.url}`, `{sent.path}`): {sent.why}; "
            f"cũng hiện trên trang chủ của {name}"
        )
    lines.append("")
    if verdict.approved_by:
        lines.append(
            f"Đã được biên tập viên của {name} duyệt: {', '.join(verdict.approved_by)}. "
            "(Approved by a parent editor.)"
        )
    else:
        editors = ", ".join(verdict.parent.editors) if verdict.parent else ""
        lines.append(
            f"**Chờ {name} duyệt**: cần một biên tập viên của {name} ({editors}) chọn "
            "Approve trong Review của pull request này, ở commit mới nhất. (Waiting for an "
            "approving review by a parent editor on the latest commit.)"
        )
        if verdict.stale:
            lines.append(
                f"Duyệt của {', '.join(verdict.stale)} là cho commit cũ; sau khi sửa cần duyệt "
                "lại. (Their approval was of an earlier commit.)"
            )
        if verdict.unreadable_teams:
            lines.append(
                f"Không đọc được thành viên nhóm {', '.join(verdict.unreadable_teams)} bằng token "
                "của workflow: hãy ghi tên tài khoản GitHub của biên tập viên cấp trên trong "
                "sites.yml. (Teams unreadable with this token: list the editors' users.)"
            )
    return "\n".join(lines) + "\n"


__all__ = ["ApiError", "Sent", "Verdict", "judge", "report", "sent_up"]
