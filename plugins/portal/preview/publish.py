"""Publish and remove pull requests' previews on a git branch served as a static site (GitHub
Pages from branch ``previews`` by default), and keep the PR's one preview comment.

``publish``: unpack the artifact as data (``portal.preview.artifact``), check with the API that
the PR is open and its head is the artifact's commit (a stale or forged artifact publishes
nothing), check that the preview root is no production origin (``portal.urlprefix``), then put
the site at ``pr-<N>/`` of the branch and push, then create or update the comment that carries
``comment.MARKER``. ``remove``: drop ``pr-<N>/`` and say so in the comment.

The branch is kept one commit deep: each change is a new parentless commit holding the whole
tree, pushed with ``--force-with-lease`` on the commit it was made from (old previews do not
accumulate in the repository; two publishers at once: the loser fetches again and retries).
Git is run as a command (``git`` on PATH); a push token comes from ``PORTAL_PREVIEW_PUSH_TOKEN``
and reaches git through ``GIT_CONFIG_*`` variables, never the command line or a file.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal.preview import comment
from portal.preview.api import Api, ApiError
from portal.preview.artifact import MAX_FILE, MAX_TOTAL, ArtifactError, unpack
from portal.urlprefix import PrefixError, check_preview_origin

DEFAULT_BRANCH = "previews"
PUSH_TOKEN = "PORTAL_PREVIEW_PUSH_TOKEN"
AUTHOR = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
ATTEMPTS = 4
MAX_BRANCH = 1000 * 1024 * 1024  # GitHub Pages publishes at most 1 GB: every open PR's preview


class PreviewError(Exception):
    """The preview was not published or removed; the message is Vietnamese with English."""


@dataclass
class Outcome:
    url: str
    comment_id: int
    comment_created: bool
    files: int = 0
    size: int = 0


def folder_of(pr: int) -> str:
    return f"pr-{int(pr)}"


def root_url(template: str, pr: int) -> str:
    """The preview's root for PR ``pr``: ``template`` with ``{pr}`` replaced, no trailing /."""
    return template.replace("{pr}", str(int(pr))).rstrip("/")


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_CONFIG_")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_AUTHOR_NAME=AUTHOR[0], GIT_AUTHOR_EMAIL=AUTHOR[1])
    env.update(GIT_COMMITTER_NAME=AUTHOR[0], GIT_COMMITTER_EMAIL=AUTHOR[1])
    token = os.environ.get(PUSH_TOKEN, "")
    if token:
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        env.update(
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0="http.extraheader",
            GIT_CONFIG_VALUE_0=f"AUTHORIZATION: basic {basic}",
        )
    return env


def _git(work: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        ["git", "-C", str(work), *args], capture_output=True, text=True, env=_git_env()
    )
    if check and done.returncode:
        raise PreviewError(
            f"git {args[0]} thất bại (git {args[0]} failed): {done.stderr.strip()[-500:]}"
        )
    return done


def _update_branch(
    remote: str, branch: str, change: Callable[[Path], bool], message: str, scratch: Path
) -> bool:
    """Fetch ``branch`` of ``remote`` into a new repository in ``scratch``, let ``change`` edit
    the tree (it returns False when there is nothing to do), then push one parentless commit
    with a lease on what was fetched. Returns whether anything was pushed."""
    for attempt in range(ATTEMPTS):
        work = scratch / f"branch-{attempt}"
        work.mkdir()
        _git(work, "init", "--quiet")
        ref = f"refs/heads/{branch}"
        fetched = _git(work, "fetch", "--quiet", "--depth=1", remote, ref, check=False)
        old = ""
        if fetched.returncode == 0:
            old = _git(work, "rev-parse", "FETCH_HEAD").stdout.strip()
            _git(work, "checkout", "--quiet", "FETCH_HEAD")
        elif "couldn't find remote ref" not in fetched.stderr.lower():
            raise PreviewError(
                f"không đọc được nhánh {branch} (cannot fetch {branch}): "
                f"{fetched.stderr.strip()[-500:]}"
            )
        if not change(work):
            return False
        (work / ".nojekyll").write_bytes(b"")  # serve every file as it is (no Jekyll)
        _git(work, "add", "--all", ".")
        tree = _git(work, "write-tree").stdout.strip()
        commit = _git(work, "commit-tree", tree, "-m", message).stdout.strip()
        pushed = _git(
            work,
            "push",
            "--quiet",
            f"--force-with-lease={ref}:{old}",
            remote,
            f"{commit}:{ref}",
            check=False,
        )
        if pushed.returncode == 0:
            return True
        if "stale info" not in pushed.stderr and "rejected" not in pushed.stderr:
            raise PreviewError(f"git push thất bại (push failed): {pushed.stderr.strip()[-500:]}")
    raise PreviewError(f"nhánh {branch} đổi liên tục, thử lại sau (branch kept moving)")


def _upsert_comment(api: Api, pr: int, text: str, author: str) -> tuple[int, bool]:
    """Update the PR's comment carrying the marker (written by ``author``), or create it."""
    for found in api.comments(pr):
        login = (found.get("user") or {}).get("login")
        if comment.MARKER in str(found.get("body", "")) and (not author or login == author):
            api.update_comment(int(found["id"]), text)
            return int(found["id"]), False
    created = api.create_comment(pr, text)
    return int(created.get("id", 0)), True


def publish(
    artifact_dir: Path,
    *,
    api: Api,
    remote: str,
    head_sha: str,
    url_template: str,
    sites: list,
    branch: str = DEFAULT_BRANCH,
    author: str = AUTHOR[0],
    max_file: int = MAX_FILE,
    max_total: int = MAX_TOTAL,
    max_branch: int = MAX_BRANCH,
) -> Outcome:
    """Publish the artifact in ``artifact_dir`` (made by the PR build whose head commit the
    workflow_run event names: ``head_sha``); ``sites`` from the trusted ``sites.yml``."""
    with tempfile.TemporaryDirectory(prefix="portal-preview-") as scratch_name:
        scratch = Path(scratch_name)
        try:
            artifact = unpack(artifact_dir, scratch / "site", max_file, max_total)
        except ArtifactError as error:
            raise PreviewError(
                "gói bản xem trước bị từ chối, không đăng gì (artifact refused, nothing "
                "published):\n  " + "\n  ".join(error.problems)
            ) from None
        if artifact.head_sha != head_sha:
            raise PreviewError(
                f"gói dựng từ commit {artifact.head_sha[:10]}, không phải {head_sha[:10]} của "
                "lần chạy này (artifact of another commit)"
            )
        url = root_url(url_template, artifact.pr)
        try:
            check_preview_origin(
                {"PORTAL_PREVIEW": True, "PORTAL_LOCAL_ORIGIN": url}, [s.base_url for s in sites]
            )
        except PrefixError as error:
            raise PreviewError(str(error)) from None
        try:
            pull = api.pull(artifact.pr)
        except ApiError as error:
            raise PreviewError(f"không đọc được pull request #{artifact.pr}: {error}") from None
        if pull.get("state") != "open" or (pull.get("head") or {}).get("sha") != head_sha:
            raise PreviewError(
                f"pull request #{artifact.pr} đã đóng hoặc đã có commit mới hơn {head_sha[:10]}: "
                "không đăng (PR closed or its head moved on)"
            )
        site_dir = scratch / "site"
        folder = folder_of(artifact.pr)

        def put(work: Path) -> bool:
            shutil.rmtree(work / folder, ignore_errors=True)
            shutil.copytree(site_dir, work / folder, symlinks=False)
            total = sum(
                p.stat().st_size
                for p in work.rglob("*")
                if p.is_file() and ".git" not in p.relative_to(work).parts
            )
            if total > max_branch:
                raise PreviewError(
                    f"nhánh {branch} sẽ nặng {total} byte, quá {max_branch} byte (giới hạn của "
                    "GitHub Pages): chưa đăng; hãy đóng bớt PR cũ (previews branch too large)"
                )
            return True

        message = f"Preview of #{artifact.pr} at {head_sha[:10]}"
        _update_branch(remote, branch, put, message, scratch)
        sitelist = [(s.id, s.name) for s in sorted(sites, key=lambda s: (not s.is_parent, s.id))]
        text = comment.body(url, artifact.changes, head_sha, sitelist)
        try:
            comment_id, created = _upsert_comment(api, artifact.pr, text, author)
        except ApiError as error:
            raise PreviewError(f"đã đăng {url}/ nhưng không ghi được bình luận: {error}") from None
        return Outcome(url + "/", comment_id, created, artifact.files, artifact.size)


def remove(
    pr: int, *, api: Api, remote: str, branch: str = DEFAULT_BRANCH, author: str = AUTHOR[0]
) -> bool:
    """Remove PR ``pr``'s preview from the branch and say so in its comment (if it has one),
    once the API says the PR is closed. Returns whether there was a preview to remove."""
    try:
        state = api.pull(pr).get("state")
    except ApiError as error:
        raise PreviewError(f"không đọc được pull request #{pr}: {error}") from None
    if state != "closed":
        raise PreviewError(f"pull request #{pr} chưa đóng: giữ bản xem trước (PR still open)")
    folder = folder_of(pr)

    def drop(work: Path) -> bool:
        if not (work / folder).exists():
            return False
        shutil.rmtree(work / folder)
        return True

    with tempfile.TemporaryDirectory(prefix="portal-preview-") as scratch:
        removed = _update_branch(remote, branch, drop, f"Remove preview of #{pr}", Path(scratch))
    try:
        for found in api.comments(pr):
            login = (found.get("user") or {}).get("login")
            if comment.MARKER in str(found.get("body", "")) and (not author or login == author):
                api.update_comment(int(found["id"]), comment.removed_body(pr))
    except ApiError as error:
        raise PreviewError(f"đã gỡ nhưng không sửa được bình luận: {error}") from None
    return removed
