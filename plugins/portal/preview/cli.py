"""``portal preview pack|publish|remove`` and ``portal approval``: thin bodies over
``portal.preview``; the token comes from ``GITHUB_TOKEN`` (the API) and
``PORTAL_PREVIEW_PUSH_TOKEN`` (git push over HTTPS), never from an argument."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from portal.clioptions import content_option
from portal.errors import ErrorReport
from portal.preview import publish as publisher
from portal.preview.api import DEFAULT_API, TOKEN_VARIABLE, Api, ApiError
from portal.preview.artifact import MAX_FILE, MAX_TOTAL, ArtifactError, read_closed
from portal.preview.pack import pack as pack_output

repo_option = click.option("--repo", required=True, metavar="OWNER/NAME", help="The repository.")
api_option = click.option(
    "--api-url", default=DEFAULT_API, show_default=True, help="GitHub API root."
)
remote_option = click.option(
    "--remote", required=True, help="Git remote of the previews branch (URL or path)."
)
branch_option = click.option(
    "--branch", default=publisher.DEFAULT_BRANCH, show_default=True, help="Previews branch."
)
author_option = click.option(
    "--comment-author",
    default=publisher.AUTHOR[0],
    show_default=True,
    help="Only a comment by this login is updated ('' = any).",
)


def _api(repo: str, api_url: str) -> Api:
    return Api(repo, os.environ.get(TOKEN_VARIABLE, ""), api_url)


def _sites(content_dir: Path) -> list:
    from portal.sites import load_sites

    report = ErrorReport()
    sites = load_sites(content_dir, report)
    if report:
        for error in report.sorted():
            click.echo(str(error), err=True)
        sys.exit(1)
    return sites


@click.group()
def preview() -> None:
    """Previews of pull requests: pack (in the PR build), publish and remove (in preview.yml)."""


@preview.command()
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    required=True,
    help="The built preview (previewconf.py).",
)
@click.option("--to", "target", type=click.Path(path_type=Path), required=True)
@click.option("--pr", type=int, required=True, help="The pull request's number.")
@click.option("--head-sha", required=True, help="The commit built.")
@click.option(
    "--changes",
    "changes_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="portal changes --json output.",
)
def pack(output_dir: Path, target: Path, pr: int, head_sha: str, changes_file: Path | None) -> None:
    """Pack a built preview and its change summary into an artifact folder (site.tar and
    preview.json), every file as a plain file."""
    changes = json.loads(changes_file.read_text(encoding="utf-8")) if changes_file else {}
    count = pack_output(output_dir, target, pr, head_sha, changes)
    click.echo(f"Đã đóng gói {count} tệp vào {target}/. (Packed {count} files.)", err=True)


@preview.command()
@click.argument("artifact", type=click.Path(path_type=Path, file_okay=False, exists=True))
@repo_option
@click.option("--head-sha", required=True, help="The head commit the workflow_run event names.")
@click.option(
    "--url-template",
    required=True,
    help="The preview root, {pr} replaced by the PR number: https://OWNER.github.io/REPO/pr-{pr}",
)
@remote_option
@branch_option
@api_option
@author_option
@content_option
@click.option("--max-file-mb", type=float, default=MAX_FILE / 2**20, show_default=True)
@click.option("--max-total-mb", type=float, default=MAX_TOTAL / 2**20, show_default=True)
@click.option(
    "--max-branch-mb",
    type=float,
    default=publisher.MAX_BRANCH / 2**20,
    show_default=True,
    help="Every preview on the branch together (GitHub Pages: 1 GB).",
)
def publish(
    artifact: Path,
    repo: str,
    head_sha: str,
    url_template: str,
    remote: str,
    branch: str,
    api_url: str,
    comment_author: str,
    content_dir: Path,
    max_file_mb: float,
    max_total_mb: float,
    max_branch_mb: float,
) -> None:
    """Publish the PR build's ARTIFACT folder to pr-<N>/ of the previews branch (read as data
    only: plain files under the size limits, no links, no path outside), then create or update
    the PR's one preview comment. The PR must be open with HEAD_SHA as its head."""
    try:
        outcome = publisher.publish(
            artifact,
            api=_api(repo, api_url),
            remote=remote,
            head_sha=head_sha,
            url_template=url_template,
            sites=_sites(content_dir),
            branch=branch,
            author=comment_author,
            max_file=int(max_file_mb * 2**20),
            max_total=int(max_total_mb * 2**20),
            max_branch=int(max_branch_mb * 2**20),
        )
    except publisher.PreviewError as error:
        click.echo(f"Không đăng bản xem trước: {error}", err=True)
        sys.exit(1)
    what = "mới" if outcome.comment_created else "cập nhật"
    click.echo(
        f"Đã đăng {outcome.files} tệp ({outcome.size} byte) tại {outcome.url}; bình luận "
        f"{what} #{outcome.comment_id}. (Published; comment "
        f"{'created' if outcome.comment_created else 'updated'}.)"
    )


@preview.command()
@click.option("--pr", type=int, help="The closed pull request's number.")
@click.option(
    "--artifact",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Or the closed PR run's artifact folder (closed.json), read as data.",
)
@repo_option
@remote_option
@branch_option
@api_option
@author_option
def remove(
    pr: int | None,
    artifact: Path | None,
    repo: str,
    remote: str,
    branch: str,
    api_url: str,
    comment_author: str,
) -> None:
    """Remove a closed PR's preview (pr-<N>/ of the previews branch) and say so in its comment;
    the API must say the PR is closed."""
    if (pr is None) == (artifact is None):
        raise click.UsageError("--pr hoặc --artifact, một trong hai (one of --pr, --artifact)")
    if artifact is not None:
        try:
            pr = read_closed(artifact)
        except ArtifactError as error:
            click.echo("Gói bị từ chối: " + "; ".join(error.problems), err=True)
            sys.exit(1)
    assert pr is not None
    try:
        removed = publisher.remove(
            pr, api=_api(repo, api_url), remote=remote, branch=branch, author=comment_author
        )
    except publisher.PreviewError as error:
        click.echo(f"Không gỡ được bản xem trước: {error}", err=True)
        sys.exit(1)
    if removed:
        click.echo(f"Đã gỡ bản xem trước của #{pr}. (Preview of #{pr} removed.)")
    else:
        click.echo(f"#{pr} không có bản xem trước. (No preview of #{pr}.)")


@click.command()
@content_option
@click.option(
    "--base", "base_ref", required=True, metavar="REF", help="Compare with REF's merge-base."
)
@click.option("--pr", type=int, required=True, help="The pull request's number.")
@click.option("--head-sha", default="", help="The PR's head commit (default: asked of the API).")
@repo_option
@api_option
@click.option("--now", help="Read the content as at this moment (YYYY-MM-DD HH:MM).")
def approval(
    content_dir: Path,
    base_ref: str,
    pr: int,
    head_sha: str,
    repo: str,
    api_url: str,
    now: str | None,
) -> None:
    """Fail until a parent editor approved the PR at its head commit, when it sends a member's
    news up to the parent's home page (syndicate: [parent]: new, newly syndicated, or changed
    while syndicated). Prints Markdown for the job summary."""
    from portal import build as builder
    from portal.changes import BaseError
    from portal.frontmatter.fields import Invalid, to_datetime
    from portal.preview import approval as rule

    try:
        moment = to_datetime(now) if now else builder.now_in_vietnam()
    except Invalid as exc:
        raise click.BadParameter(exc.message, param_hint="--now") from None
    try:
        verdict = rule.sent_up(content_dir, base_ref, moment)
        rule.judge(verdict, _api(repo, api_url), pr, head_sha)
    except BaseError as exc:
        raise click.ClickException(f"{exc.message} ({exc.english})") from None
    except ApiError as exc:
        click.echo(
            f"Không đọc được các lượt duyệt của #{pr}: {exc} (cannot read reviews)", err=True
        )
        sys.exit(1)
    click.echo(rule.report(verdict), nl=False)
    if not verdict.ok:
        sys.exit(1)
