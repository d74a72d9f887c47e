"""Closing the loop: a published answer closes the question's issue.

A Q&A item with ``answers_issue: N`` that is public (``portal forms close``, run by the deploy
after the sites are online) gets, on issue N of the content repository, one comment with the
answer's address on the site, and the issue is closed as completed. An issue already closed is
left alone, so running it again (every deploy) does nothing twice. The endpoint's store, when
given, marks the submission closed (its contact may then be purged).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.catalog.scan import SiteCatalog
from portal.forms.github import GitHub, GitHubError
from portal.forms.store import Store


@dataclass
class Closed:
    lines: list[str] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    failed: int = 0


def answered(catalogs: dict[str, SiteCatalog]) -> list[tuple[int, str, str]]:
    """(issue, answer's address, title) of every public Q&A item that names an issue."""
    found = []
    for catalog in catalogs.values():
        for item in catalog.items:
            number = item.meta.get("answers_issue")
            if item.kind == "qa" and item.state == "public" and number:
                url = f"{catalog.site.base_url.rstrip('/')}/{item.url}"
                found.append((int(number), url, str(item.meta["title"])))
    return sorted(found)


def close_answered(
    github: GitHub, catalogs: dict[str, SiteCatalog], store: Store | None = None
) -> Closed:
    result = Closed()
    for number, url, title in answered(catalogs):
        try:
            if github.issue(number).get("state") == "closed":
                continue
            github.comment(
                number,
                f"Câu hỏi đã được trả lời và đăng công khai: {url}\n\n"
                f"(Answered and published: {url})",
            )
            github.close(number)
        except GitHubError as error:
            result.failed += 1
            result.lines.append(f"#{number}: chưa đóng được ({error})")
            continue
        if store is not None:
            store.closed(number)
        result.closed.append(number)
        result.lines.append(f"#{number}: đã đóng, trả lời tại {url} ({title})")
    return result
