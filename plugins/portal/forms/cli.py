"""``portal forms``: run the readers' endpoint, deliver its queue, export its counts, close the
issues of published answers. Thin bodies over ``portal.forms``; added to ``portal.cli.main``."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from portal.clioptions import content_option
from portal.errors import ErrorReport
from portal.forms.github import DEFAULT_API, TOKEN_VARIABLE, GitHub

DEFAULT_DB = Path("forms.sqlite3")

db_option = click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_DB,
    show_default=True,
    help="The endpoint's SQLite file (private: it holds readers' contacts).",
)
repo_option = click.option(
    "--repo", help="owner/name of the content repository on GitHub (issues are opened there)."
)
api_option = click.option(
    "--api-url",
    default=DEFAULT_API,
    show_default=True,
    help="GitHub API base (GitHub Enterprise: https://HOST/api/v3).",
)


def _say(message: str) -> None:
    click.echo(message, err=True)


def _sites(content_dir: Path):
    from portal.sites import load_sites

    report = ErrorReport()
    sites = load_sites(content_dir, report)
    if report:
        for error in report.sorted():
            click.echo(str(error))
        sys.exit(1)
    return sites


def _github(repo: str | None, api_url: str) -> GitHub | None:
    if not repo:
        return None
    token = os.environ.get(TOKEN_VARIABLE, "")
    if not token:
        _say(
            f"Cảnh báo: thiếu biến môi trường {TOKEN_VARIABLE}; GitHub sẽ từ chối. "
            f"(Warning: {TOKEN_VARIABLE} is not set.)"
        )
    return GitHub(repo, token, api_url)


@click.group()
def forms() -> None:
    """Readers' questions, feedback and ratings: the endpoint and its data (docs/forms.md)."""


@forms.command("serve")
@db_option
@content_option
@repo_option
@api_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8081, show_default=True)
@click.option(
    "--origin",
    "origins",
    multiple=True,
    help="Another origin allowed to post, besides the sites' base_url (repeatable).",
)
@click.option(
    "--forwarded",
    default="127.0.0.1",
    show_default=True,
    help="Proxies whose X-Forwarded-For is trusted (nginx in front).",
)
@click.option("--rate", default=10, show_default=True, help="Posts per address per minute.")
def serve(
    db: Path,
    content_dir: Path,
    repo: str | None,
    api_url: str,
    host: str,
    port: int,
    origins: tuple[str, ...],
    forwarded: str,
    rate: int,
) -> None:
    """Run the endpoint (POST /api/v1/submissions) for the sites of sites.yml. Questions and
    feedback become issues in --repo with the token in PORTAL_FORMS_GITHUB_TOKEN; without
    --repo they are only queued (``portal forms deliver --repo`` sends them later)."""
    from portal.forms.app import Config, create_app
    from portal.forms.server import run
    from portal.forms.store import Store

    store = Store(db)
    config = Config(store, _sites(content_dir), _github(repo, api_url), origins, rate=rate)
    _say(f"Máy chủ biểu mẫu: http://{host}:{port}/api/v1/submissions (forms endpoint)")
    try:
        run(create_app(config), host, port, forwarded)
    finally:
        store.close()


@forms.command("deliver")
@db_option
@repo_option
@api_option
def deliver(db: Path, repo: str | None, api_url: str) -> None:
    """Open the issues of every queued submission now; exit 1 when some are still queued."""
    from portal.forms.app import Deliverer
    from portal.forms.store import Store

    store = Store(db)
    try:
        store.retry_now()
        done = Deliverer(store, _github(repo, api_url)).run_once()
        left = [r for r in store.submissions() if r["state"] == "queued"]
    finally:
        store.close()
    click.echo(f"Đã gửi {done}, còn chờ {len(left)}. (Delivered {done}, {len(left)} queued.)")
    if left:
        sys.exit(1)


@forms.command("export")
@db_option
@content_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the per-site files [default: PORTAL_RATINGS_PATH, else ratings].",
)
@click.option("--settings", "settings_file", type=click.Path(path_type=Path, dir_okay=False))
def export(db: Path, content_dir: Path, out: Path | None, settings_file: Path | None) -> None:
    """Write the counts (ratings per item and day, questions and feedback received per day) to
    OUT/<site-id>.json for the build; nothing of a reader."""
    from portal.forms import export as exporter
    from portal.forms.ratings import ratings_dir
    from portal.forms.store import Store

    if out is None:
        from portal.build import load_base_settings

        default = Path("pelicanconf.py")
        settings = settings_file or (default if default.is_file() else None)
        out = ratings_dir(load_base_settings(settings))
    store = Store(db)
    try:
        paths = exporter.export(store, out, [s.id for s in _sites(content_dir)])
    finally:
        store.close()
    for path in paths:
        click.echo(f"Đã ghi {path}")


@forms.command("close")
@content_option
@repo_option
@api_option
@db_option
@click.option("--now", help="Only answers public at this moment (YYYY-MM-DD HH:MM).")
def close(db: Path, content_dir: Path, repo: str | None, api_url: str, now: str | None) -> None:
    """For every public Q&A item with ``answers_issue``: comment the answer's address on the
    issue and close it (already closed issues are left alone). Run after a deploy."""
    from portal.build import now_in_vietnam
    from portal.catalog.tree import scan
    from portal.forms.close import close_answered
    from portal.frontmatter.fields import to_datetime

    github = _github(repo, api_url)
    if github is None:
        raise click.UsageError("--repo is required")
    moment = to_datetime(now) if now else now_in_vietnam()
    report = ErrorReport()
    _sites_list, catalogs = scan(content_dir, moment, report)
    if report:
        for error in report.sorted():
            click.echo(str(error))
        sys.exit(1)
    store = None
    if db.is_file():
        from portal.forms.store import Store

        store = Store(db)
    try:
        result = close_answered(github, catalogs, store)
    finally:
        if store:
            store.close()
    for line in result.lines:
        click.echo(line)
    if result.failed:
        sys.exit(1)


@forms.command("purge")
@db_option
@click.option("--days", default=180, show_default=True, help="Keep contacts this many days.")
def purge(db: Path, days: int) -> None:
    """Forget the e-mail and telephone of answered (closed) questions older than --days."""
    from portal.forms.store import Store
    from portal.frontmatter.fields import TIMEZONE

    store = Store(db)
    try:
        n = store.purge(dt.datetime.now(TIMEZONE) - dt.timedelta(days=days))
    finally:
        store.close()
    click.echo(f"Đã xoá liên lạc của {n} câu hỏi. (Forgot {n} contacts.)")
