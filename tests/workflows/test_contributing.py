"""The contributors' guide: what it tells people to paste passes `portal check`."""

from __future__ import annotations

import re
import shutil
import textwrap

import yaml
from click.testing import CliRunner

from portal.cli import main
from support import DEMO_CONTENT, PDF, REPO

GUIDE = REPO / "CONTRIBUTING.md"


def snippets() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return [textwrap.dedent(block) for block in re.findall(r"```markdown\n(.*?)```", text, re.S)]


def test_the_guides_article_and_document_pass_the_check(tmp_path):
    article, document = snippets()
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    site = content / "xa-phuoc-dinh"
    (site / "articles" / "2026-12-05-ra-quan-lam-duong.md").write_text(article, "utf-8")
    (site / "documents" / "2026-12-05-qd-125.md").write_text(document, "utf-8")
    attachment = re.search(r'files: \["(files/[^"]+)"\]', document).group(1)
    (site / "documents" / attachment).write_bytes(PDF)
    result = CliRunner().invoke(
        main, ["check", "--content", str(content), "--now", "2026-12-10 08:00"]
    )
    assert result.exit_code == 0, result.output


def test_the_guide_names_the_checks_of_the_pr_workflow():
    guide = GUIDE.read_text(encoding="utf-8")
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load((REPO / ".github/workflows/pr.yml").read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        assert job["name"] in guide, job["name"]
    assert "docs/huong-dan.md" in guide and "CONTRIBUTING.md" in template


def anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#{1,6} (.+)$", markdown, re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_the_guides_links_lead_somewhere():
    for guide in (GUIDE, REPO / "docs" / "van-hanh.md"):
        text = guide.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(((?!https?:)[^)#]+\.md)(?:#([^)]+))?\)", text):
            linked = (guide.parent / target).resolve()
            assert linked.is_file(), f"{guide.name}: {target}"
            if anchor:
                assert anchor in anchors(linked.read_text(encoding="utf-8")), (
                    f"{guide.name}: {target}#{anchor}"
                )
