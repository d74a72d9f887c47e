"""Incremental builds give exactly the output of a cold build of the same sources, and build
again only what a change touches: content, another site's news, a template, a setting, a
plugin, the passing of time."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

import git
import pytest
from history.gitrepo import GitRepo

from portal import incremental as inc
from portal.build import build
from support import DEMO_CONTENT, DEMO_NOW, REPO, SETTINGS, SITES_YML, article
from trees import SHOW, differences

PARENT_NEWEST = "tinh-lam-giang/articles/2026-11-21-nguoi-dan-kich-hoat-dinh-danh-dien-tu.md"
MEMBER_ARTICLE = "xa-dao-thanh/articles/2026-10-08-chuan-bi-le-ky-yen-dinh-dao-thanh.md"
MEMBER_SHARED = "xa-dao-thanh/articles/2026-09-26-nuoi-tom-cang-xanh-xen-lua.md"  # syndicated
SITES = {"tinh-lam-giang", "xa-dao-thanh", "xa-phuoc-dinh", "phuong-cau-moi"}
# One worker runs the module, so that the template (built_demo) is built once per run.
pytestmark = pytest.mark.xdist_group("incremental")


class Workspace:
    """A copy of the demo content and settings, built incrementally into one folder and cold
    into a fresh one, to compare."""

    def __init__(self, root: Path, search: bool, copy: bool = True):
        self.root = root
        self.search = search
        self.content = root / "content"
        self.settings = root / "conf.py"
        self.output = root / "incremental"
        self.colds = 0
        if not copy:  # a workspace already laid out in ``root``
            return
        shutil.copytree(DEMO_CONTENT, self.content)
        self.settings.write_text(
            f"import sys\nsys.path[:0] = [{str(root / 'plugins')!r}, {str(REPO)!r}]\n"
            "from pelicanconf import *\n"
            f"THEME = {str(root / 'theme')!r}\n",
            encoding="utf-8",
        )
        shutil.copytree(REPO / "theme", root / "theme")
        (root / "plugins").mkdir()

    def edit(self, rel: str, old: str, new: str, base: Path | None = None) -> None:
        path = (base or self.content) / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rebuild(self, now: dt.datetime = DEMO_NOW) -> set[str]:
        """Build incrementally; the sites built again (not kept)."""
        result = build(self.content, self.output, self.settings, now=now, search=self.search)
        return {s.site for s in result.sites if not s.kept}

    def assert_same_as_cold(self, now: dt.datetime = DEMO_NOW) -> None:
        self.colds += 1
        cold = self.root / f"cold-{self.colds}"
        build(self.content, cold, self.settings, now=now, search=self.search, incremental=False)
        problems = differences(cold, self.output)
        assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory) -> tuple[Path, Path]:
    """The demo without search indexes (faster), built once per test process and kept as a
    template. Settings name the workspace's folder, so each test gets the template copied back
    into that same folder (times kept): an exact copy of a finished build, not a second build."""
    base = tmp_path_factory.mktemp("incremental")
    root = base / "space"
    assert Workspace(root, search=False).rebuild() == SITES
    template = base / "template"
    root.rename(template)
    return root, template


@pytest.fixture
def pages_only(built_demo):
    """The demo built once (pages only), in a workspace of this test's own."""
    root, template = built_demo
    shutil.copytree(template, root, symlinks=True)
    try:
        yield Workspace(root, search=False, copy=False)
    finally:
        shutil.rmtree(root)


def test_nothing_changed_builds_nothing(pages_only):
    before = {p: p.stat().st_mtime_ns for p in pages_only.output.rglob("*.html")}
    assert pages_only.rebuild() == set()
    assert {p: p.stat().st_mtime_ns for p in pages_only.output.rglob("*.html")} == before


def test_a_member_article_rebuilds_that_member_only(pages_only):
    pages_only.edit(MEMBER_ARTICLE, "Đạo Thạnh", "Đạo Thạnh (đã sửa)")
    assert pages_only.rebuild() == {"xa-dao-thanh"}
    pages_only.assert_same_as_cold()


def test_a_shared_member_article_rebuilds_the_parent_too(pages_only):
    pages_only.edit(MEMBER_SHARED, 'title: "', 'title: "Mới: ')
    assert pages_only.rebuild() == {"xa-dao-thanh", "tinh-lam-giang"}
    pages_only.assert_same_as_cold()


@pytest.mark.slow  # a whole-demo rebuild; the template test keeps this path in the default suite
def test_the_parents_newest_news_rebuilds_every_member(pages_only):
    pages_only.edit(PARENT_NEWEST, 'title: "', 'title: "Cập nhật: ')
    assert pages_only.rebuild() == SITES
    pages_only.assert_same_as_cold()


def test_a_template_rebuilds_everything(pages_only):
    pages_only.edit(
        "templates/article.html", "{% block", "{# edited #}{% block", base=pages_only.root / "theme"
    )
    assert pages_only.rebuild() == SITES
    pages_only.assert_same_as_cold()


@pytest.mark.slow  # a whole-demo rebuild; the template test keeps this path in the default suite
def test_a_setting_rebuilds_everything(pages_only):
    pages_only.settings.write_text(
        pages_only.settings.read_text(encoding="utf-8") + "PORTAL_FEED_PAGE_SIZE = 7\n",
        encoding="utf-8",
    )
    assert pages_only.rebuild() == SITES
    pages_only.assert_same_as_cold()


@pytest.mark.slow  # a whole-demo rebuild; the template test keeps this path in the default suite
def test_a_plugin_added_or_changed_rebuilds_everything(pages_only):
    plugin = pages_only.root / "plugins" / "extra_footer.py"
    plugin.write_text(
        textwrap.dedent(
            """
            from pelican import signals


            def register():
                signals.initialized.connect(lambda pelican: None)
            """
        ),
        encoding="utf-8",
    )
    pages_only.settings.write_text(
        pages_only.settings.read_text(encoding="utf-8") + "PLUGINS = PLUGINS + ['extra_footer']\n",
        encoding="utf-8",
    )
    assert pages_only.rebuild() == SITES
    assert pages_only.rebuild() == set()
    plugin.write_text(plugin.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert pages_only.rebuild() == SITES


def test_time_rebuilds_what_it_changes(pages_only):
    # Later the same day, before anything is due: nothing to do.
    assert pages_only.rebuild(DEMO_NOW + dt.timedelta(hours=2)) == set()
    # The parent's meeting of 2 December ends at 11:30: its pages change, and the day with it.
    after = dt.datetime(2026, 12, 2, 12, 0, tzinfo=DEMO_NOW.tzinfo)
    assert "tinh-lam-giang" in pages_only.rebuild(after)
    pages_only.assert_same_as_cold(after)


def _shard_files(cache: Path, site: str) -> dict[str, int]:
    """Each full-text shard of a site in the build's cache, by name: the inode of its entry
    file (a shard not indexed again keeps it)."""
    shards = cache / "search" / "full" / site
    return {
        p.name: (p / "bundle" / "pagefind-entry.json").stat().st_ino
        for p in shards.iterdir()
        if not p.name.startswith(".")  # the last merged bundle
    }


def test_search_indexes_follow_their_sources(tmp_path):
    """With search (full text in shards, merged into one served bundle per site): a member's
    edit re-indexes the one full-text shard of the member that holds the page (the others are
    taken from the build's cache), gives the parent a new quick index and every related site a
    new copy of the member's full text, and nothing else."""
    space = Workspace(tmp_path, search=True)
    with space.settings.open("a", encoding="utf-8") as settings:
        settings.write("PORTAL_SEARCH_SHARD_ABOVE = 0\n")  # demo sites are one shard otherwise
    assert space.rebuild() == SITES
    parent_pages = space.output / "tinh-lam-giang" / "index.html"
    stamp = parent_pages.stat().st_mtime_ns
    cache = space.output.with_name(f".{space.output.name}-cache")
    shards = _shard_files(cache, "xa-dao-thanh")
    assert len(shards) > 1, shards
    space.edit(MEMBER_ARTICLE, 'title: "', 'title: "Tin mới: ')
    assert space.rebuild() == {"xa-dao-thanh"}
    assert parent_pages.stat().st_mtime_ns == stamp  # the parent's pages were kept
    after = _shard_files(cache, "xa-dao-thanh")
    assert after.keys() == shards.keys()
    assert [name for name in shards if after[name] != shards[name]] == ["articles-2026"]
    # The record's folder digests (taken after the parent's quick index and copy of the
    # member's text were refreshed) are what a fresh walk finds: the next build keeps all.
    for site, record in inc.read_manifest(cache)["sites"].items():
        assert record["tree"] == inc.tree_digest(space.output / site), site
    assert space.rebuild() == set()
    space.assert_same_as_cold()


def test_every_use_of_now_in_templates_is_known():
    """The per-site key holds the date and every item's phase (portal.incremental.time_facts).
    A template reading PORTAL_NOW any other way must be added there first."""
    known = re.compile(r"PORTAL_NOW\.date\(\)")
    unknown = []
    for template in sorted((REPO / "theme" / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        if len(re.findall("PORTAL_NOW", text)) != len(known.findall(text)):
            unknown.append(template.name)
    assert not unknown, f"templates reading PORTAL_NOW in a new way: {unknown}"


# -- every time input of a page is in the key (issue 20, fault 7) -------------------------------

TIN = "content/huyen/articles/tin.md"


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(DEMO_NOW.tzinfo)


def _same_as_cold(content: Path, output: Path, root: Path, now: dt.datetime, **kwargs) -> None:
    cold = root / f"cold-{now:%H%M}-{len(list(root.iterdir()))}"
    build(content, cold, SETTINGS, now=now, search=False, incremental=False, **kwargs)
    problems = differences(cold, output)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"


@pytest.fixture
def updated_repo(tmp_path):
    """A git repository: an article published on 1 October, updated on 3 October at 09:15."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Đăng tin",
        "2026-10-01T08:00:00+07:00",
        {
            "content/sites.yml": SITES_YML,
            "content/xa/.gitkeep": "",
            TIN: article("Tin có cập nhật", body="Bản đầu.", date="2026-10-01 07:30"),
        },
    )
    repo.commit(
        "Sửa số liệu",
        "2026-10-03T09:15:00+07:00",
        {TIN: article("Tin có cập nhật", body="Bản sửa.", date="2026-10-01 07:30")},
    )
    yield repo
    repo.close()


def test_now_moving_past_a_commit_rebuilds_what_it_shows(updated_repo, tmp_path):
    """Built before the update's commit time and again after it, the same day: the page must
    now show "Cập nhật lúc" as a cold build does (the fault: "unchanged, kept")."""
    content, output = updated_repo.root / "content", tmp_path / "output"
    before, after = _at("2026-10-03T09:00:00+07:00"), _at("2026-10-03T10:00:00+07:00")
    build(content, output, SETTINGS, now=before, search=False)
    result = build(content, output, SETTINGS, now=after, search=False)
    assert {s.site for s in result.sites if not s.kept} == {"huyen"}
    _same_as_cold(content, output, tmp_path, after)
    assert "pt-article__updated" in (output / "huyen/tin-tuc/tin-co-cap-nhat/index.html").read_text(
        encoding="utf-8"
    )


def test_a_new_commit_in_a_worktree_changes_the_key(updated_repo, tmp_path):
    """Content in a git worktree (its .git is a file, as in a submodule): committing an edit
    already built from the working tree changes the history the pages show (the fault: the
    key read the .git file, which never changes)."""
    worktree = tmp_path / "wt"
    updated_repo.git("worktree", "add", "-q", "-b", "wt", str(worktree))
    assert (worktree / ".git").is_file()
    content, output = worktree / "content", tmp_path / "output"
    now = _at("2026-10-06T12:00:00+07:00")
    path = worktree / TIN
    path.write_text(article("Tin có cập nhật", body="Bản ba.", date="2026-10-01 07:30"))
    build(content, output, SETTINGS, now=now, search=False)
    wt = GitRepo.__new__(GitRepo)
    wt.root, wt.repo = worktree, git.Repo(worktree)
    wt.git("add", "-A")
    wt.git("commit", "-q", "-m", "Bản ba", when="2026-10-05T09:00:00+07:00")
    wt.repo.close()
    result = build(content, output, SETTINGS, now=now, search=False)
    assert {s.site for s in result.sites if not s.kept} == {"huyen"}
    _same_as_cold(content, output, tmp_path, now)


def test_the_public_reports_minute_is_in_the_key(make_content, tmp_path):
    """With PORTAL_REPORT_PUBLIC the tally page says when its numbers were counted, to the
    minute: a build a few minutes later shows the new minute, as a cold build does."""
    content = make_content({"huyen/articles/a.md": article()})
    settings = tmp_path / "report.py"
    settings.write_text(
        f"import sys\nsys.path[:0] = [{str(REPO)!r}]\nfrom pelicanconf import *\n"
        f"THEME = {str(REPO / 'theme')!r}\nPORTAL_REPORT_PUBLIC = True\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    build(content, output, settings, now=DEMO_NOW, search=False)
    later = DEMO_NOW + dt.timedelta(minutes=5)
    result = build(content, output, settings, now=later, search=False)
    assert {s.site for s in result.sites if not s.kept} == {"huyen", "xa"}
    cold = tmp_path / "cold"
    build(content, cold, settings, now=later, search=False, incremental=False)
    problems = differences(cold, output)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"
    # Within the same minute nothing is built again.
    result = build(content, output, settings, now=later + dt.timedelta(seconds=20), search=False)
    assert all(s.kept for s in result.sites)
