"""The ``portal`` command: build, check, new, serve."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from portal import build as builder
from portal.errors import ContentErrors, ErrorReport
from portal.frontmatter.fields import Invalid, _datetime
from portal.frontmatter.schema import TYPES
from portal.scaffold import ScaffoldError, create

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")
DEFAULT_SETTINGS = Path("pelicanconf.py")


def _now(value: str | None) -> dt.datetime:
    if not value:
        return builder.now_in_vietnam()
    try:
        return _datetime(value)
    except Invalid as exc:
        raise click.BadParameter(exc.message, param_hint="--now") from None


def _settings(value: Path | None) -> Path | None:
    if value is not None:
        return value
    return DEFAULT_SETTINGS if DEFAULT_SETTINGS.is_file() else None


def _say(message: str) -> None:
    click.echo(message, err=True)


def _print_report(report: ErrorReport, fmt: str, only: set[Path] | None = None) -> int:
    errors = report.sorted()
    if only is not None:
        errors = [e for e in errors if Path(e.path).resolve() in only or e.path.endswith(".yml")]
    for error in errors:
        click.echo(error.github() if fmt == "github" else str(error))
    files = len({e.path for e in errors})
    if errors and fmt == "text":
        _say(f"{len(errors)} lỗi trong {files} tệp. ({len(errors)} error(s) in {files} file(s))")
    return len(errors)


def _fail_on_content_errors(func: Callable) -> Callable:
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ContentErrors as exc:
            _print_report(exc.report, "text")
            _say("Chưa xây dựng: hãy sửa các lỗi trên. (Build stopped: fix the errors above.)")
            sys.exit(1)
        except builder.BuildFailed as exc:
            for message in exc.messages:
                click.echo(f"{exc.site}: {message}", err=True)
            _say(f"Xây dựng trang {exc.site} thất bại. (Build of {exc.site} failed.)")
            sys.exit(1)

    return wrapper


content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="Content folder holding sites.yml.",
)
output_option = click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Output folder.",
)
settings_option = click.option(
    "--settings",
    "settings_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Pelican settings file [default: ./pelicanconf.py].",
)
now_option = click.option(
    "--now",
    help="Build as if it were this moment (YYYY-MM-DD HH:MM), for previews and tests.",
)


@click.group()
@click.version_option(package_name="portal")
def main() -> None:
    """Static-site generator for a government portal and its member portals."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(name)s: %(message)s")


@main.command()
@content_option
@output_option
@click.option("--site", "site_ids", multiple=True, help="Build only this site (repeatable).")
@settings_option
@now_option
@_fail_on_content_errors
def build(
    content_dir: Path,
    output_dir: Path,
    site_ids: tuple[str, ...],
    settings_file: Path | None,
    now: str | None,
) -> None:
    """Check all content, then build every site (or --site) into OUTPUT/<site-id>/."""
    result = builder.build(
        content_dir,
        output_dir,
        _settings(settings_file),
        list(site_ids) or None,
        _now(now),
        progress=lambda site: _say(f"Đang xây dựng {site}…"),
    )
    for site in result.sites:
        search = f"; tìm kiếm: {site.search_pages} trang, {site.search_seconds:.1f} giây"
        _say(
            f"  {site.site}: {site.items} mục, {site.files} tệp, {site.seconds:.1f} giây"
            + (search if site.search_seconds else "")
        )
    _say(f"Xong trong {result.seconds:.1f} giây. (Done in {result.seconds:.1f} s.)")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@content_option
@click.option("--site", "site_ids", multiple=True, help="Check only this site (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: ::error annotations for GitHub Actions.",
)
@settings_option
@now_option
def check(
    paths: tuple[Path, ...],
    content_dir: Path,
    site_ids: tuple[str, ...],
    fmt: str,
    settings_file: Path | None,
    now: str | None,
) -> None:
    """Validate content without building. With PATHS, report only those files' errors
    (the whole site is still read, so duplicates across files are found)."""
    base = builder.load_base_settings(_settings(settings_file))
    report = ErrorReport()
    _, catalogs = builder.scan(
        content_dir,
        _now(now),
        report,
        list(site_ids) or None,
        int(base.get("PORTAL_MAX_ATTACHMENT_MB", 20)),
    )
    only = None
    if paths:
        only = set()
        for path in paths:
            resolved = path.resolve()
            only |= {p.resolve() for p in resolved.rglob("*")} if path.is_dir() else {resolved}
    count = _print_report(report, fmt, only)
    if count:
        sys.exit(1)
    items = sum(len(c.items) for c in catalogs.values())
    _say(
        f"Không có lỗi: {items} tệp nội dung trên {len(catalogs)} trang. "
        f"(No errors: {items} content files in {len(catalogs)} sites.)"
    )


@main.command()
@click.argument("kind", type=click.Choice(list(TYPES)))
@click.option("--site", "site_id", required=True, help="Site id from sites.yml.")
@click.option("--title", required=True, help="Title of the new item.")
@click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Attachment to copy beside the new file (repeatable; documents need one).",
)
@content_option
def new(kind: str, site_id: str, title: str, files: tuple[Path, ...], content_dir: Path) -> None:
    """Write a new KIND file for a site: a draft with every field explained."""
    report = ErrorReport()
    sites = {s.id: s for s in builder.load_sites(content_dir, report)}
    if site_id not in sites:
        raise click.ClickException(f"không có trang '{site_id}' trong sites.yml")
    try:
        path = create(
            content_dir, kind, sites[site_id], title, builder.now_in_vietnam(), list(files)
        )
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(path)
    _say(
        "Đã tạo bản nháp. Điền nội dung, xoá dòng 'status: draft' khi sẵn sàng, rồi chạy "
        "'portal check'."
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@main.command()
@content_option
@output_option
@settings_option
@click.option("--port", default=8000, show_default=True)
@click.option("--bind", default="127.0.0.1", show_default=True)
@click.option(
    "--watch/--no-watch",
    default=True,
    show_default=True,
    help="Rebuild when content, theme or settings change.",
)
def serve(
    content_dir: Path,
    output_dir: Path,
    settings_file: Path | None,
    port: int,
    bind: str,
    watch: bool,
) -> None:
    """Build every site and serve them on http://localhost:PORT/, rebuilding on change."""
    settings = _settings(settings_file)

    def rebuild() -> None:
        started = time.perf_counter()
        try:
            builder.build(
                content_dir,
                output_dir,
                settings,
                progress=lambda site: _say(f"Đang xây dựng {site}…"),
            )
        except ContentErrors as exc:
            _print_report(exc.report, "text")
            _say("Chưa xây dựng lại: hãy sửa các lỗi trên; đang giữ bản cũ.")
            return
        except builder.BuildFailed as exc:
            _say(str(exc))
            return
        _say(f"Đã xây dựng lại trong {time.perf_counter() - started:.1f} giây.")

    rebuild()
    output_dir.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(output_dir))
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _say(f"Đang phục vụ tại http://localhost:{port}/ (Ctrl+C để dừng)")
    try:
        if watch:
            from watchfiles import watch as watch_paths

            targets = [p for p in (content_dir, Path("theme"), settings) if p and p.exists()]
            for _changes in watch_paths(*targets):
                _say("Có thay đổi, đang xây dựng lại…")
                rebuild()
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
