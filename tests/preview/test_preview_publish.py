"""The preview publisher run as preview.yml runs it (``portal preview pack`` in the PR build,
``portal preview publish|remove`` in the workflow_run job), against a local bare git remote and
the loopback stand-in for the GitHub API: one comment per PR updated in place, the preview
removed when the PR closes, and a hostile artifact refused before anything is published."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from portal.cli import main
from portal.preview.comment import MARKER
from portal.preview.standin import PreviewStandIn
from support import SITES_YML, article, write_tree

PORTAL = str(Path(sys.executable).with_name("portal"))
REPO_NAME = "so-ttt/portal"
TOKEN = "test-token"
SHA1, SHA2 = "1" * 40, "2" * 40
TEMPLATE = "https://so-ttt.github.io/portal/pr-{pr}"
SHARED = article("Xã khánh thành cầu ấp Một", "Cầu mới.", syndicate="[parent]")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def portal(*args: str, runner: bool = False) -> subprocess.CompletedProcess:
    """The ``portal`` command as the workflow runs it (a process of its own, the token in the
    environment), or in this process through click (``runner``: the cheap way, for the cases
    that only need the command's answer)."""
    env = {**os.environ, "GITHUB_TOKEN": TOKEN}
    if not runner:
        return subprocess.run([PORTAL, *args], capture_output=True, text=True, env=env)
    result = CliRunner().invoke(main, list(args), env={"GITHUB_TOKEN": TOKEN})
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def api():
    server = PreviewStandIn(token=TOKEN).start()
    server.pulls[7] = {"state": "open", "head": {"sha": SHA1}}
    server.pulls[8] = {"state": "open", "head": {"sha": SHA1}}
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def remote(tmp_path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    return bare


@pytest.fixture
def content(tmp_path) -> Path:
    """The base repository's content: the trusted sites.yml the publisher reads."""
    return write_tree(
        tmp_path / "trusted" / "content",
        {"sites.yml": SITES_YML, "huyen/.keep": "", "xa/.keep": ""},
    )


def site_tree(root: Path, marker: str) -> Path:
    return write_tree(
        root,
        {
            "index.html": '<a href="huyen/">huyen</a>',
            "huyen/index.html": f"<h1>{marker}</h1>",
            "huyen/pagefind/pagefind.js": "export {}",
            "xa/index.html": "<h1>xa</h1>",
        },
    )


def tree_of(remote: Path, branch: str = "previews") -> dict[str, str]:
    """path → text of every file of the branch (empty when the branch does not exist)."""
    heads = git(remote, "for-each-ref", "--format=%(refname)", f"refs/heads/{branch}")
    if not heads.strip():
        return {}
    names = git(remote, "ls-tree", "-r", "--name-only", branch).split()
    return {n: git(remote, "show", f"{branch}:{n}") for n in names}


def changes_json(tmp_path: Path) -> Path:
    """`portal changes --json` of a real branch adding a member's shared article."""
    work = tmp_path / "pr-repo"
    write_tree(work / "content", {"sites.yml": SITES_YML, "huyen/.keep": "", "xa/.keep": ""})
    git(work.parent, "init", "--quiet", "-b", "main", str(work))
    git(work, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    write_tree(work / "content", {"xa/articles/shared.md": SHARED})
    args = ["--content", str(work / "content"), "--now", "2026-11-22 12:00"]
    done = portal("changes", "--base", "main", "--json", *args, runner=True)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "changes.json"
    path.write_text(done.stdout, encoding="utf-8")
    return path


def packed(
    tmp_path: Path, name: str, pr: int, sha: str, marker: str, changes=None, runner=True
) -> Path:
    out = site_tree(tmp_path / f"{name}-site", marker)
    target = tmp_path / name
    args = ["preview", "pack", "--output", str(out), "--to", str(target)]
    args += ["--pr", str(pr), "--head-sha", sha]
    done = portal(*args, *(["--changes", str(changes)] if changes else []), runner=runner)
    assert done.returncode == 0, done.stderr
    return target


def publish(artifact: Path, sha: str, api, remote, content, *extra: str, runner: bool = True):
    return portal(
        "preview",
        "publish",
        str(artifact),
        "--repo",
        REPO_NAME,
        "--head-sha",
        sha,
        "--url-template",
        TEMPLATE,
        "--remote",
        str(remote),
        "--api-url",
        api.url,
        "--content",
        str(content),
        *extra,
        runner=runner,
    )


def test_publish_twice_updates_one_comment_then_close_removes(tmp_path, api, remote, content):
    changes = changes_json(tmp_path)
    started = time.perf_counter()
    artifact = packed(tmp_path, "a1", 7, SHA1, "one", changes)
    first = publish(artifact, SHA1, api, remote, content, runner=False)
    assert first.returncode == 0, first.stderr
    assert "https://so-ttt.github.io/portal/pr-7/" in first.stdout
    files = tree_of(remote)
    assert files["pr-7/huyen/index.html"] == "<h1>one</h1>" and ".nojekyll" in files
    [comment] = api.comments_on(7)
    assert MARKER in comment["body"] and SHA1[:10] in comment["body"]
    link = "https://so-ttt.github.io/portal/pr-7/xa/tin-tuc/xa-khanh-thanh-cau-ap-mot/"
    assert f"]({link})" in comment["body"]
    assert "cũng hiện trên trang chủ của Ủy ban nhân dân huyện Thử Nghiệm" in comment["body"]

    # A new push: the same comment is updated, the site replaced (nothing of the old one left).
    api.pulls[7]["head"]["sha"] = SHA2
    artifact = packed(tmp_path, "a2", 7, SHA2, "two", changes)
    second = publish(artifact, SHA2, api, remote, content)
    assert second.returncode == 0, second.stderr
    [again] = api.comments_on(7)
    assert again["id"] == comment["id"] and SHA2[:10] in again["body"]
    assert tree_of(remote)["pr-7/huyen/index.html"] == "<h1>two</h1>"
    assert sum(1 for m, _, _ in api.calls if m == "POST") == 1
    # The branch stays one commit deep: old previews do not pile up in the repository.
    assert git(remote, "rev-list", "--count", "previews").strip() == "1"

    other = publish(packed(tmp_path, "b", 8, SHA1, "eight"), SHA1, api, remote, content)
    assert other.returncode == 0, other.stderr
    closing = write_tree(tmp_path / "closed-artifact", {"closed.json": '{"pr": 7}'})
    remove = ["preview", "remove", "--artifact", str(closing), "--repo", REPO_NAME]
    remove += ["--remote", str(remote), "--api-url", api.url]
    still_open = portal(*remove, runner=True)  # the API is asked, not the artifact
    assert still_open.returncode == 1 and "chưa đóng" in still_open.stderr
    assert "pr-7/huyen/index.html" in tree_of(remote)
    api.pulls[7]["state"] = "closed"
    closed = portal(*remove, runner=False)
    assert closed.returncode == 0, closed.stderr
    files = tree_of(remote)
    assert not any(n.startswith("pr-7/") for n in files) and "pr-8/huyen/index.html" in files
    [gone] = api.comments_on(7)
    assert gone["id"] == comment["id"] and "đã được gỡ" in gone["body"]
    print(f"publish ×3 + remove: {time.perf_counter() - started:.2f} s")


def test_a_stale_or_closed_pull_request_publishes_nothing(tmp_path, api, remote, content):
    artifact = packed(tmp_path, "a", 7, SHA1, "one")
    api.pulls[7]["head"]["sha"] = SHA2  # a newer push: this artifact is out of date
    done = publish(artifact, SHA1, api, remote, content)
    assert done.returncode == 1 and "commit mới hơn" in done.stderr
    forged = publish(artifact, SHA2, api, remote, content)  # the event names another commit
    assert forged.returncode == 1 and "artifact of another commit" in forged.stderr
    assert tree_of(remote) == {} and api.comments_on(7) == []


def test_a_preview_url_on_a_production_host_is_refused(tmp_path, api, remote, content):
    artifact = packed(tmp_path, "a", 7, SHA1, "one")
    done = publish(artifact, SHA1, api, remote, content)
    assert done.returncode == 0
    bad = portal(
        "preview", "publish", str(artifact), "--repo", REPO_NAME, "--head-sha", SHA1,
        "--url-template", "https://huyen.example/pr-{pr}", "--remote", str(remote),
        "--api-url", api.url, "--content", str(content), runner=True,
    )  # fmt: skip
    assert bad.returncode == 1 and "tên miền chính thức" in bad.stderr


def hostile_tar(folder: Path, member: tarfile.TarInfo, data: bytes = b"") -> Path:
    """An artifact folder whose site.tar holds a good page and ``member``."""
    folder.mkdir()
    with tarfile.open(folder / "site.tar", "w") as archive:
        good = tarfile.TarInfo("huyen/index.html")
        good.size = 4
        archive.addfile(good, io.BytesIO(b"good"))
        archive.addfile(member, io.BytesIO(data) if member.isreg() else None)
    meta = {"pr": 7, "head_sha": SHA1, "changes": {}}
    (folder / "preview.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def _member(name: str, kind: bytes = tarfile.REGTYPE, size: int = 0, link: str = ""):
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname = kind, size, link
    return info


HOSTILE = {
    "symlink": (_member("huyen/secret", tarfile.SYMTYPE, link="/etc/passwd"), "liên kết"),
    "hard link": (_member("huyen/copy", tarfile.LNKTYPE, link="huyen/index.html"), "liên kết"),
    "absolute path": (_member("/tmp/evil.html", size=1), "đường dẫn tuyệt đối"),
    "dot-dot path": (_member("huyen/../../evil.html", size=1), "'..'"),
    "device": (_member("huyen/dev", tarfile.CHRTYPE), "không phải tệp thường"),
    "oversized file": (_member("huyen/big.pdf", size=3 * 1024 * 1024), "quá giới hạn"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_artifact_is_refused_and_publishes_nothing(tmp_path, api, remote, content, case):
    member, message = HOSTILE[case]
    data = b"x" * member.size if member.isreg() else b""
    artifact = hostile_tar(tmp_path / "artifact", member, data)
    done = publish(artifact, SHA1, api, remote, content, "--max-file-mb", "2")
    assert done.returncode == 1, done.stdout
    assert "gói bản xem trước bị từ chối, không đăng gì" in done.stderr
    assert message in done.stderr, done.stderr
    assert tree_of(remote) == {} and api.calls == [] and not Path("/tmp/evil.html").exists()


def test_a_symlink_in_the_artifact_folder_is_not_followed(tmp_path, api, remote, content):
    artifact = packed(tmp_path, "a", 7, SHA1, "one")
    (artifact / "preview.json").unlink()
    (artifact / "preview.json").symlink_to("/etc/hostname")
    done = publish(artifact, SHA1, api, remote, content)
    assert done.returncode == 1 and "không phải tệp thường" in done.stderr
    assert tree_of(remote) == {} and api.calls == []


def test_the_comment_makes_artifact_text_inert(tmp_path, api, remote, content):
    """Titles and URLs in the change summary come from an unreviewed branch."""
    changes = {
        "sites": [
            {
                "id": "xa",
                "name": "Xã <b>Thử</b>",
                "added": [
                    {
                        "title": "[bấm](javascript:alert(1)) <img src=x onerror=alert(1)> @all",
                        "url": "/xa/tin-tuc/a/",
                        "linked": True,
                    },
                    {"title": "Lạ", "url": "javascript:alert(1)", "linked": True},
                    {"title": "Ra ngoài", "url": "/xa/../../x/", "linked": True},
                ],
            }
        ]
    }
    path = tmp_path / "hostile-changes.json"
    path.write_text(json.dumps(changes), encoding="utf-8")
    done = publish(packed(tmp_path, "a", 7, SHA1, "one", path), SHA1, api, remote, content)
    assert done.returncode == 0, done.stderr
    [comment] = api.comments_on(7)
    body = comment["body"]
    assert re.search(r"(?<!\\)<(img|b)", body) is None and "](javascript" not in body
    assert "@all" not in body  # no mention
    assert "\\[bấm\\]\\(javascript:alert\\(1\\)\\)" in body
    assert "(https://so-ttt.github.io/portal/pr-7/xa/tin-tuc/a/)" in body
    assert "pr-7/x/" not in body and "Lạ · `javascript:alert(1)`" in body


def test_the_branch_stays_under_the_pages_limit(tmp_path, api, remote, content):
    """Every open PR's preview shares one GitHub Pages site (1 GB): a publish that would pass
    the branch's limit publishes nothing and says why."""
    first = publish(packed(tmp_path, "a", 7, SHA1, "x" * 3000), SHA1, api, remote, content)
    assert first.returncode == 0, first.stderr
    big = publish(
        packed(tmp_path, "b", 8, SHA1, "y" * 3000), SHA1, api, remote, content,
        "--max-branch-mb", "0.004",
    )  # fmt: skip
    assert big.returncode == 1 and "giới hạn của GitHub Pages" in big.stderr
    assert not any(name.startswith("pr-8/") for name in tree_of(remote))
    assert api.comments_on(8) == []
