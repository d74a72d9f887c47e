"""The ``portal`` command: build, check, new, serve."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import click

from portal import build as builder
from portal import clihelp
from portal.catalog import tree
from portal.clioptions import content_option
from portal.errors import ContentErrors, ErrorReport
from portal.forms.cli import forms
from portal.frontmatter.fields import Invalid, to_datetime
from portal.lock import BuildLocked
from portal.preview.cli import approval, preview
from portal.scaffold import ScaffoldError, create
from portal.sites import load_sites
from portal.types import REGISTRY
from portal.urlprefix import PrefixError, path_prefix

DEFAULT_OUTPUT = Path("output")
DEFAULT_SETTINGS = Path("pelicanconf.py")


def _now(value: str | None) -> dt.datetime:
    if not value:
        return builder.now_in_vietnam()
    try:
        return to_datetime(value)
    except Invalid as exc:
        raise click.BadParameter(exc.message, param_hint="--now") from None


def _settings(value: Path | None) -> Path | None:
    if value is not None:
        return value
    return DEFAULT_SETTINGS if DEFAULT_SETTINGS.is_file() else None


def _say(message: str) -> None:
    click.echo(message, err=True)


WARNING = "Cảnh báo: "


def _warn(notice: str) -> None:
    """A notice for people, prefixed once however its producer phrased it."""
    _say(notice if notice.startswith(WARNING) else WARNING + notice)


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
        except BuildLocked as exc:
            _say(f"Chưa xây dựng: {exc.message}. (Build not started: {exc.english}.)")
            sys.exit(1)

    return wrapper


output_option = click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Thư mục kết quả. (Output folder.)",
)
settings_option = click.option(
    "--settings",
    "settings_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp cấu hình Pelican. (Pelican settings file) [default: ./pelicanconf.py].",
)
now_option = click.option(
    "--now",
    help="Xây dựng như thể đang là thời điểm này (YYYY-MM-DD HH:MM). (Build as if it "
    "were this moment, for previews and tests.)",
)


@click.group()
@click.version_option(package_name="portal")
def main() -> None:
    """Công cụ xây dựng cổng thông tin điện tử và các cổng thành viên. (Static-site generator
    for a government portal and its member portals.)

    Xem hướng dẫn từng lệnh: portal LỆNH --help. (Help on a command: portal COMMAND --help.)
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(name)s: %(message)s")


@main.command()
@content_option
@output_option
@click.option("--site", "site_ids", multiple=True, help="Build only this site (repeatable).")
@click.option(
    "--shard",
    metavar="K/N",
    help="Build only the K-th of N balanced shares of the sites (for several machines; "
    "join them with portal assemble).",
)
@settings_option
@now_option
@click.option(
    "--no-search", is_flag=True, help="Leave the search indexes out (as PORTAL_SEARCH = False)."
)
@click.option(
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Sites built at once (default: PORTAL_JOBS, else one per core).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Build everything again, keeping nothing from the last build (as "
    "PORTAL_INCREMENTAL = False).",
)
@click.option(
    "--wait",
    type=click.FloatRange(0),
    default=None,
    metavar="SECONDS",
    help="How long to wait while another build writes into the same output (default: "
    "PORTAL_LOCK_WAIT, else 600); 0 gives up at once.",
)
@_fail_on_content_errors
def build(
    content_dir: Path,
    output_dir: Path,
    site_ids: tuple[str, ...],
    shard: str | None,
    settings_file: Path | None,
    now: str | None,
    no_search: bool,
    jobs: int | None,
    full: bool,
    wait: float | None,
) -> None:
    """Check all content, then build every site (or --site, or the sites of --shard) into
    OUTPUT/<site-id>/. Only what changed since the last build is built again, unless --full."""
    chosen = list(site_ids) or None
    if shard:
        chosen = _shard_sites(content_dir, shard, site_ids)
        if not chosen:
            output_dir.mkdir(parents=True, exist_ok=True)
            _say(f"Phần {shard} không có trang nào. (Shard {shard} has no site.)")
            return
        _say(f"Phần {shard}: {', '.join(chosen)}")
    result = builder.build(
        content_dir,
        output_dir,
        _settings(settings_file),
        chosen,
        _now(now),
        progress=lambda site: _say(f"Đang xây dựng {site}…"),
        search=False if no_search else None,
        jobs=jobs,
        incremental=False if full else None,
        wait=wait,
        on_wait=_say,
    )
    for site in result.sites:
        if site.kept:
            _say(f"  {site.site}: không đổi, giữ bản trước (unchanged, kept)")
            continue
        search = f"; tìm kiếm: {site.search_pages} trang, {site.search_seconds:.1f} giây"
        _say(
            f"  {site.site}: {site.items} mục, {site.files} tệp, {site.seconds:.1f} giây"
            + (search if site.search_seconds else "")
        )
    for notice in result.notices:  # e.g. a shallow clone: dates from the front matter
        _warn(notice)
    _say(f"Xong trong {result.seconds:.1f} giây. (Done in {result.seconds:.1f} s.)")


def _shard_sites(content_dir: Path, value: str, site_ids: tuple[str, ...]) -> list[str]:
    from portal import shards

    if site_ids:
        raise click.UsageError("--shard và --site không dùng cùng nhau. (--shard or --site.)")
    try:
        return shards.shard_sites(content_dir, shards.parse(value))
    except shards.ShardError as exc:
        raise click.BadParameter(f"{exc.message} ({exc.english})", param_hint="--shard") from None


@main.command()
@click.argument("shard_dirs", nargs=-1, required=True, type=click.Path(path_type=Path))
@content_option
@output_option
@settings_option
@click.option(
    "--wait",
    type=click.FloatRange(0),
    default=None,
    metavar="SECONDS",
    help="How long to wait while a build writes into the same output (default: "
    "PORTAL_LOCK_WAIT, else 600).",
)
@_fail_on_content_errors
def assemble(
    shard_dirs: tuple[Path, ...],
    content_dir: Path,
    output_dir: Path,
    settings_file: Path | None,
    wait: float | None,
) -> None:
    """Join the outputs of portal build --shard K/N (SHARD_DIRS, one per shard) into OUTPUT,
    byte for byte what one machine's portal build writes: every site once, the search bundles
    shared between a parent and its members."""
    from portal import shards
    from portal.lock import DEFAULT_WAIT

    base = builder.load_base_settings(_settings(settings_file))
    local = base.get("PORTAL_URL_MODE", "local") == "local"
    if wait is None:
        wait = float(base.get("PORTAL_LOCK_WAIT", DEFAULT_WAIT))
    started = time.perf_counter()
    try:
        done = shards.assemble(
            content_dir,
            output_dir,
            list(shard_dirs),
            local,
            wait,
            _say,
            lambda gone: _say(
                f"Đã gỡ {gone}: cổng không còn trong sites.yml. "
                f"(Removed {gone}: no longer in sites.yml.)"
            ),
        )
    except shards.ShardError as exc:
        _say(f"Chưa ghép: {exc.message}. (Not assembled: {exc.english}.)")
        sys.exit(1)
    seconds = time.perf_counter() - started
    _say(
        f"Đã ghép {len(done)} trang từ {len(shard_dirs)} phần trong {seconds:.1f} giây. "
        f"(Assembled {len(done)} sites from {len(shard_dirs)} shards in {seconds:.1f} s.)"
    )


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
@click.option(
    "--base",
    "base_ref",
    metavar="REF",
    help="Also judge changes against the merge-base of REF (origin/main): a published item "
    "that changed needs a new change_note (or minor: true); one removed needs unpublished.",
)
@settings_option
@now_option
def check(
    paths: tuple[Path, ...],
    content_dir: Path,
    site_ids: tuple[str, ...],
    fmt: str,
    base_ref: str | None,
    settings_file: Path | None,
    now: str | None,
) -> None:
    """Validate content without building. With PATHS, report only those files' errors
    (the whole site is still read, so duplicates across files are found)."""
    base = builder.load_base_settings(_settings(settings_file))
    report = ErrorReport()
    moment, max_mb = _now(now), int(base.get("PORTAL_MAX_ATTACHMENT_MB", 20))
    sites, catalogs = tree.scan(content_dir, moment, report, list(site_ids) or None, max_mb)
    if base_ref:
        from portal import changes

        try:
            changes.check_against_base(
                content_dir, base_ref, moment, sites, catalogs, report, list(site_ids), max_mb
            )
        except changes.BaseError as exc:
            raise click.ClickException(f"{exc.message} ({exc.english})") from None
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
@click.argument("kind", type=click.Choice(list(REGISTRY)))
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
    sites = {s.id: s for s in load_sites(content_dir, report)}
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
    """Serves the output folder; with a path prefix (``PORTAL_PATH_PREFIX``, a preview build's
    ``/<repo>/pr-<N>``) the sites are served under it, where their links point, and ``/``
    redirects there."""

    prefix = ""

    def log_message(self, format: str, *args) -> None:
        pass

    def send_head(self):
        if self.prefix and self.path.split("?", 1)[0] in ("", "/"):
            self.send_response(302)
            self.send_header("Location", self.prefix + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        if self.prefix:
            bare = path.split("?", 1)[0].split("#", 1)[0]
            if bare != self.prefix and not bare.startswith(self.prefix + "/"):
                return str(Path(self.directory) / ".portal-not-under-the-prefix")  # a 404
            path = path[len(self.prefix) :] or "/"
        return super().translate_path(path)


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


@main.command("serve-prod")
@content_option
@output_option
@settings_option
@click.option("--port", default=8000, show_default=True)
@click.option("--bind", default="127.0.0.1", show_default=True)
@_fail_on_content_errors
def serve_prod(
    content_dir: Path, output_dir: Path, settings_file: Path | None, port: int, bind: str
) -> None:
    """Build every site and serve the output with nginx and the generated headers (each
    site's _nginx.conf), as deployed: strict CSP, HSTS, caching, 404/410 pages. Sites are
    under /<site-id>/ as in development; nginx comes from Debian (make system-deps)."""
    from portal.headers.server import Nginx, NginxError

    result = builder.build(content_dir, output_dir, _settings(settings_file), on_wait=_say)
    # A terminated command stops its nginx too, instead of leaving it holding the port.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server = Nginx(output_dir, [s.site for s in result.sites], port, bind)
        url = server.start()
    except NginxError as exc:
        raise click.ClickException(str(exc)) from None
    _say(f"nginx đang phục vụ tại {url}/ (Ctrl+C để dừng) (nginx serving at {url}/)")
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


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
@click.option(
    "--forms-demo",
    is_flag=True,
    help="Also run the readers' forms endpoint (on PORT+1 when free) and a local GitHub "
    "stand-in on loopback, and build the sites without an endpoint posting to it (make serve).",
)
def serve(
    content_dir: Path,
    output_dir: Path,
    settings_file: Path | None,
    port: int,
    bind: str,
    watch: bool,
    forms_demo: bool,
) -> None:
    """Build every site and serve them on http://localhost:PORT/, rebuilding on change."""
    settings = _settings(settings_file)
    extra: dict[str, str] = {}
    demo = None
    if forms_demo:
        from portal.forms.demo import Demo

        local_origin = builder.load_base_settings(settings).get(
            "PORTAL_LOCAL_ORIGIN", "http://localhost:8000"
        )
        origins = [f"http://localhost:{port}", f"http://{bind}:{port}", str(local_origin)]
        demo = Demo(content_dir, output_dir, [o.rstrip("/") for o in origins if o], port + 1)
        extra["PORTAL_FORMS_DEMO_ENDPOINT"] = demo.start()
        signal.signal(signal.SIGTERM, _interrupt)  # stop both servers and drop the demo store
        _say(f"Máy chủ biểu mẫu (thử nghiệm): {demo.endpoint_url} (demo forms endpoint)")
        _say(f"Máy chủ GitHub giả lập: {demo.github_url}/ (local GitHub stand-in, not GitHub)")

    def rebuild() -> None:
        started = time.perf_counter()
        try:
            builder.build(
                content_dir,
                output_dir,
                settings,
                progress=lambda site: _say(f"Đang xây dựng {site}…"),
                on_wait=_say,  # another build of the same output holds its lock
                extra_settings=extra,
            )
        except ContentErrors as exc:
            _print_report(exc.report, "text")
            _say("Chưa xây dựng lại: hãy sửa các lỗi trên; đang giữ bản cũ.")
            return
        except builder.BuildFailed as exc:
            _say(str(exc))
            return
        except BuildLocked as exc:
            _say(f"Chưa xây dựng lại: {exc.message}; đang giữ bản cũ. ({exc.english})")
            return
        _say(f"Đã xây dựng lại trong {time.perf_counter() - started:.1f} giây.")

    try:
        prefix = path_prefix(builder.load_base_settings(settings))
    except PrefixError as exc:
        raise click.ClickException(f"{exc.message} ({exc.english})") from None
    rebuild()
    output_dir.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(
        type("_Handler", (_QuietHandler,), {"prefix": prefix}), directory=str(output_dir)
    )
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]  # the one the system gave for --port 0
    _say(f"Đang phục vụ tại http://localhost:{port}{prefix}/ (Ctrl+C để dừng)")
    try:
        if watch:
            from watchfiles import watch as watch_paths

            from portal.stats.view import stats_dir

            stats = stats_dir(builder.load_base_settings(settings))  # after `portal stats ingest`
            targets = [p for p in (content_dir, Path("theme"), settings, stats) if p and p.exists()]
            for _changes in watch_paths(*targets):
                _say("Có thay đổi, đang xây dựng lại…")
                rebuild()
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        if demo is not None:
            demo.stop()


@main.command()
@content_option
@settings_option
@now_option
@click.option(
    "--site", "site_ids", multiple=True, help="Only this site's invitations (repeatable)."
)
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and record nothing.")
@click.option(
    "--record",
    "record_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record of sent e-mail kept in this JSON file.",
)
@click.option(
    "--record-branch",
    help="Record of sent e-mail kept on this branch of the git remote (portal-notify-record).",
)
@click.option("--remote", default="origin", show_default=True, help="Remote of --record-branch.")
@click.option(
    "--repo",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Git repository whose remote holds --record-branch.",
)
@click.option(
    "--attempts",
    type=click.IntRange(1, 10),
    default=3,
    show_default=True,
    help="Attempts per message while the server cannot be reached.",
)
@click.option(
    "--retry-delay",
    type=click.FloatRange(0),
    default=5.0,
    show_default=True,
    help="Seconds before the second attempt, doubled before each later one.",
)
@click.option(
    "--unknown",
    type=click.Choice(["delivered", "resend"]),
    help="Messages recorded as unknown (connection lost before the server's answer): "
    "'delivered' records them as sent (you checked they arrived), 'resend' sends them again.",
)
def notify(
    content_dir: Path,
    settings_file: Path | None,
    now: str | None,
    site_ids: tuple[str, ...],
    dry_run: bool,
    record_file: Path | None,
    record_branch: str | None,
    remote: str,
    repo: Path,
    attempts: int,
    retry_delay: float,
    unknown: str | None,
) -> None:
    """E-mail new, changed and cancelled invitations to their notify lists, with the .ics
    attached (run after a deploy, with the build's --now). Sends each version of an invitation
    to each address once: what went out is kept in --record or --record-branch. Each message
    goes on its own: one that fails is reported, the others still go, the next run tries it
    again; one whose connection broke before the server's answer is recorded as unknown and
    never sent again unless --unknown resend. Exits 1 when anything is left to look at. SMTP
    settings
    come from the environment: PORTAL_SMTP_HOST, PORTAL_SMTP_PORT, PORTAL_SMTP_SECURITY
    (starttls|ssl|none), PORTAL_SMTP_USER, PORTAL_SMTP_PASSWORD, PORTAL_SMTP_FROM."""
    import os

    from portal import notify as mail

    if record_file and record_branch:
        raise click.UsageError("chỉ dùng một trong --record và --record-branch (use only one)")
    store = None
    if record_file:
        store = mail.FileStore(record_file)
    elif record_branch:
        store = mail.GitBranchStore(repo, record_branch, remote)
    elif not dry_run:
        raise click.UsageError(
            "cần --record FILE hoặc --record-branch BRANCH để không gửi trùng thư "
            "(a record is needed so that nothing is sent twice)"
        )
    max_mb = int(
        builder.load_base_settings(_settings(settings_file)).get("PORTAL_MAX_ATTACHMENT_MB", 20)
    )
    moment, sites = _now(now), list(site_ids) or None
    resend = unknown == "resend"
    try:
        if dry_run:
            plan = mail.plan(content_dir, moment, store, sites, max_mb, resend)
            for out in plan.outgoing:
                click.echo(mail.describe(out))
            for problem in plan.problems:
                click.echo(str(problem), err=True)
            _say_waiting(plan.waiting)
            _say(
                f"Chạy thử: sẽ gửi {len(plan.outgoing)} thư; {plan.already} thư đã gửi trước đó. "
                f"(Dry run: {len(plan.outgoing)} message(s) to send, {plan.already} already sent.)"
            )
            sys.exit(1 if plan.problems or plan.waiting else 0)
        if unknown == "delivered":
            for entry in mail.confirm_unknown(store, _now(None)):
                _say(
                    f"Ghi nhận đã tới (confirmed delivered): {entry['site']}  {entry['number']}  "
                    f"SEQUENCE {entry['sequence']}  → {entry['recipient']}"
                )
            if not os.environ.get("PORTAL_SMTP_HOST", "").strip():  # only settling, no sending
                _say("Không gửi thư nào khác (chưa có PORTAL_SMTP_HOST). (Nothing else sent.)")
                sys.exit(0)
        settings = mail.SmtpSettings.from_env(os.environ)
        outcome = mail.send(
            content_dir,
            moment,
            store,
            settings,
            sites,
            max_mb,
            attempts=attempts,
            delay=retry_delay,
            say=_say,
            resend_unknown=resend,
        )
    except ContentErrors as exc:
        _print_report(exc.report, "text")
        _say("Chưa gửi thư nào: hãy sửa các lỗi trên. (Nothing sent: fix the errors above.)")
        sys.exit(1)
    except (mail.RecordError, mail.ConfigError) as exc:
        _say(f"Chưa gửi thư nào: {exc.message} (Nothing sent: {exc.english})")
        sys.exit(1)
    for problem in outcome.plan.problems:
        click.echo(str(problem), err=True)
    if outcome.error:
        _say(f"Lỗi: {outcome.error}")
    for out, reason in outcome.failed:
        _say(f"Không gửi được (failed): {mail.describe(out)}: {reason}")
    _say_waiting([*outcome.unknown, *outcome.plan.waiting])
    unsent = len(outcome.unsent) + len(outcome.failed)
    if unsent:
        _say(
            f"{unsent} thư chưa gửi và không được ghi là đã gửi; lần chạy sau sẽ "
            f"gửi lại. ({unsent} message(s) not sent and not recorded; the next "
            "run sends them.)"
        )
    _say(
        f"Đã gửi {len(outcome.sent)} thư; {outcome.plan.already} thư đã gửi trước đó; "
        f"{len(outcome.refused)} thư bị từ chối; {unsent} thư chưa gửi; "
        f"{len(outcome.unknown) + len(outcome.plan.waiting)} thư chưa rõ đã tới chưa. "
        f"(Sent {len(outcome.sent)}, already sent {outcome.plan.already}, refused "
        f"{len(outcome.refused)}, not sent {unsent}, unknown "
        f"{len(outcome.unknown) + len(outcome.plan.waiting)}.)"
    )
    if not outcome.ok:
        sys.exit(1)


def _say_waiting(waiting) -> None:
    """The messages perhaps delivered, and what the operator does about them."""
    if not waiting:
        return
    from portal import notify as mail

    for out in waiting:
        _say(f"Chưa rõ đã tới chưa (unknown): {mail.describe(out)}")
    _say(
        f"{len(waiting)} thư mất kết nối sau khi gửi xong mà chưa có trả lời của máy chủ: có thể "
        "đã tới. Hỏi người nhận rồi chạy lại với --unknown delivered (đã tới) hoặc --unknown "
        f"resend (gửi lại). ({len(waiting)} message(s) perhaps delivered: ask the recipients, "
        "then run again with --unknown delivered or --unknown resend.)"
    )


@main.command()
@content_option
@settings_option
@click.option(
    "--output",
    "output_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(".github/CODEOWNERS"),
    show_default=True,
    help="CODEOWNERS file to write or check.",
)
@click.option(
    "--tech-team",
    multiple=True,
    help="Owner of the technical files (repeatable) [default: PORTAL_TECH_TEAM].",
)
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if out of date.")
def codeowners(
    content_dir: Path,
    settings_file: Path | None,
    output_file: Path,
    tech_team: tuple[str, ...],
    check_only: bool,
) -> None:
    """Write .github/CODEOWNERS from sites.yml: each site's editors own content/<id>/, the
    technical team (PORTAL_TECH_TEAM) owns the rest. --check fails when the file is stale."""
    from portal import codeowners as owners

    report = ErrorReport()
    sites = load_sites(content_dir, report)
    if _print_report(report, "text"):
        sys.exit(1)
    team = list(tech_team) or owners.tech_team(builder.load_base_settings(_settings(settings_file)))
    try:
        text = owners.render(sites, team)
    except owners.OwnerError as exc:
        raise click.ClickException(str(exc)) from None
    _write_or_check(
        output_file,
        text,
        check_only,
        "codeowners",
        (f"danh sách editors trong {content_dir}/sites.yml", "sites.yml"),
        "sites.yml",
    )


def _write_or_check(
    output_file: Path,
    text: str,
    check_only: bool,
    command: str,
    source: tuple[str, str],
    short: str,
) -> None:
    """Write a generated file kept in the repository, or (``check_only``) fail when it differs
    from ``text``; ``source``: what it is made from, in Vietnamese and English."""
    from portal import codeowners as owners

    if not check_only:
        changed = owners.write(output_file, text)
        done = ("Đã ghi", "written") if changed else ("Không đổi", "unchanged")
        _say(f"{done[0]}: {output_file} ({done[1]})")
        return
    result = owners.check(output_file, text)
    if not result.current:
        click.echo(result.diff, err=True)
        _say(
            f"{output_file} không khớp với {source[0]}: hãy chạy 'portal {command}' rồi commit "
            f"tệp này. ({output_file} is out of date with {source[1]}: run 'portal {command}' "
            "and commit it.)"
        )
        sys.exit(1)
    _say(f"{output_file} khớp với {short}. ({output_file} is up to date.)")


@main.command()
@content_option
@settings_option
@click.option(
    "--output",
    "output_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("admin/config.yml"),
    show_default=True,
    help="Sveltia CMS configuration to write or check.",
)
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if out of date.")
def cms(content_dir: Path, settings_file: Path | None, output_file: Path, check_only: bool) -> None:
    """Write the form editor's configuration (Sveltia CMS, served at /admin/ of the parent site)
    from the content model and sites.yml. --check fails when the file is stale."""
    from portal import cms as editor

    report = ErrorReport()
    sites = load_sites(content_dir, report)
    if _print_report(report, "text"):
        sys.exit(1)
    settings = builder.load_base_settings(_settings(settings_file))
    text = editor.render(editor.config(sites, settings))
    _write_or_check(
        output_file,
        text,
        check_only,
        "cms",
        (f"mô hình nội dung và {content_dir}/sites.yml", "the content model"),
        "mô hình nội dung",
    )


@main.command()
@content_option
@click.option(
    "--base", "base_ref", required=True, metavar="REF", help="Compare with REF's merge-base."
)
@click.option(
    "--preview-url",
    metavar="URL",
    help="Link each page into this preview (built with every site under URL/<site-id>/).",
)
@click.option("--json", "as_json", is_flag=True, help="JSON for machines instead of Markdown.")
@settings_option
@now_option
def changes(
    content_dir: Path,
    base_ref: str,
    preview_url: str | None,
    as_json: bool,
    settings_file: Path | None,
    now: str | None,
) -> None:
    """Summarise, per site, the pages this branch adds, changes and removes (state changes and
    scheduled items too) against the merge-base of REF, as Markdown for a PR's job summary."""
    import json

    from portal import changes as changeset

    max_mb = int(
        builder.load_base_settings(_settings(settings_file)).get("PORTAL_MAX_ATTACHMENT_MB", 20)
    )
    try:
        summary = changeset.summarize(content_dir, base_ref, _now(now), max_mb)
    except changeset.BaseError as exc:
        raise click.ClickException(f"{exc.message} ({exc.english})") from None
    if as_json:
        click.echo(json.dumps(summary.as_json(preview_url), ensure_ascii=False, indent=2))
    else:
        click.echo(summary.markdown(preview_url), nl=False)


@main.command()
@content_option
@click.option("--site", "site_ids", multiple=True, help="Only this site (repeatable).")
@click.option(
    "--days", type=click.IntRange(0), default=30, show_default=True, help="How far ahead to look."
)
@click.option("--json", "as_json", is_flag=True, help="JSON for machines.")
@settings_option
@now_option
def schedule(
    content_dir: Path,
    site_ids: tuple[str, ...],
    days: int,
    as_json: bool,
    settings_file: Path | None,
    now: str | None,
) -> None:
    """List the items that go live (a future date) or expire in the next --days days, across
    sites, in time order (Asia/Ho_Chi_Minh). Each appears on the first build after its time."""
    import json

    from portal.changes import schedule as plan

    max_mb = int(
        builder.load_base_settings(_settings(settings_file)).get("PORTAL_MAX_ATTACHMENT_MB", 20)
    )
    moment, report = _now(now), ErrorReport()
    chosen = list(site_ids) or None
    _, catalogs = tree.scan(content_dir, moment, report, chosen, max_mb)
    events = plan.upcoming(catalogs, moment, days, content_dir, set(chosen) if chosen else None)
    if as_json:
        data = {"now": moment.isoformat(), "days": days, "events": [e.as_json() for e in events]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(plan.as_text(events, moment, days), nl=False)
    if report:
        _say(
            f"Lưu ý: nội dung còn {len(report)} lỗi, danh sách có thể thiếu; chạy 'portal check'. "
            f"(Content has {len(report)} error(s); the list may be incomplete.)"
        )


@main.command()
@click.option("--month", metavar="YYYY-MM", help="The month to tally (2026-11).")
@click.option("--quarter", metavar="YYYY-QN", help="Or a quarter (2026-Q4).")
@click.option("--year", metavar="YYYY", help="Or a year (2026).")
@content_option
@click.option("--site", "site_ids", multiple=True, help="Only this site (repeatable).")
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the tally as CSV (UTF-8) to this file.",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a self-contained HTML page with bar charts to this file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of text.")
@click.option(
    "--ratings",
    "ratings_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of `portal forms export` files [default: PORTAL_RATINGS_PATH, else ratings].",
)
@settings_option
@now_option
def report(
    month: str | None,
    quarter: str | None,
    year: str | None,
    content_dir: Path,
    site_ids: tuple[str, ...],
    csv_file: Path | None,
    html_file: Path | None,
    as_json: bool,
    ratings_dir: Path | None,
    settings_file: Path | None,
    now: str | None,
) -> None:
    """Tally for the editors: the items published in --month (or --quarter, --year) per site,
    unit and contributor (front-matter authors, else git authors), by type, against the period
    before; with citizens' questions received and answered, the median time to answer and the
    satisfaction of the ratings (portal forms export)."""
    from portal import report as tally
    from portal.forms.ratings import ratings_dir as ratings_dir_of

    given = [(o, v) for o, v in (("--month", month), ("--quarter", quarter), ("--year", year)) if v]
    if len(given) != 1:
        raise click.UsageError(
            "hãy chọn đúng một trong --month, --quarter, --year "
            "(give exactly one of --month, --quarter, --year)"
        )
    option, value = given[0]
    kind = {"--month": tally.Month, "--quarter": tally.Quarter, "--year": tally.Year}[option]
    try:
        wanted = kind.parse(value)
    except Invalid as exc:
        raise click.BadParameter(f"{exc.message} ({exc.english})", param_hint=option) from None
    base = builder.load_base_settings(_settings(settings_file))
    try:
        result, notices = tally.run(
            content_dir,
            wanted,
            _now(now),
            list(site_ids) or None,
            int(base.get("PORTAL_MAX_ATTACHMENT_MB", 20)),
            ratings_dir or ratings_dir_of(base),
        )
    except ContentErrors as exc:
        _print_report(exc.report, "text")
        _say("Chưa lập thống kê: hãy sửa các lỗi trên. (No tally: fix the errors above.)")
        sys.exit(1)
    for notice in notices:
        _warn(notice)
    click.echo(tally.as_json(result) if as_json else tally.as_text(result), nl=False)
    if csv_file:
        csv_file.write_text(tally.as_csv(result), encoding="utf-8-sig")
        _say(f"Đã ghi {csv_file}")
    if html_file:
        html_file.write_text(tally.render_file(result, Path(base["THEME"])), encoding="utf-8")
        _say(f"Đã ghi {html_file}")


@main.command()
@click.option(
    "--scale",
    type=click.FloatRange(min=0, min_open=True),
    default=1.0,
    show_default=True,
    help="Multiply every count (10,000 articles, 2,000 documents, 500 schedules, 300 "
    "invitations); 0.1 for a quick run.",
)
@click.option(
    "--members",
    type=click.IntRange(0),
    default=12,
    show_default=True,
    help="Member sites beside the parent (a province: 100).",
)
@click.option(
    "--items",
    type=click.IntRange(1),
    default=None,
    help="Items over all sites, in the same mix (instead of --scale; a province: 100000).",
)
@click.option(
    "--shards",
    "shard_counts",
    metavar="N,N…",
    help="Instead of the comparison: the whole pipeline built in N shards (portal build "
    "--shard K/N, one after another) and assembled, for each N (e.g. 1,4,8).",
)
@click.option(
    "--runs",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="Runs of each scenario (medians are reported).",
)
@click.option(
    "--tools",
    default="portal-site,portal,pelican,hugo,hugo-pagefind",
    show_default=True,
    help="Rows to measure, comma-separated.",
)
@click.option(
    "--scenarios",
    default="cold,unchanged,article,template",
    show_default=True,
    help="Scenarios, comma-separated.",
)
@click.option(
    "--keep",
    type=click.Path(path_type=Path, file_okay=False),
    help="Work in DIR and keep the corpus and every output there.",
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write every measurement as JSON to this file.",
)
@click.option("--seed", default=1, show_default=True, help="Corpus seed.")
def bench(
    scale: float,
    members: int,
    items: int | None,
    shard_counts: str | None,
    runs: int,
    tools: str,
    scenarios: str,
    keep: Path | None,
    json_file: Path | None,
    seed: int,
) -> None:
    """Benchmark builds on a generated portal (a parent and 12 members): portal (site only and
    whole pipeline) beside stock Pelican, Hugo and Hugo + Pagefind; cold, nothing changed, one
    article edited, one template edited. Prints medians and ratios as a Markdown table."""
    from portal_bench import build_report, builds, corpus

    if items is not None:
        scale = items / sum(corpus.BUILD_MIX.values())
    if shard_counts:
        from portal_bench import shards as bench_shards

        wanted = bench_shards.parse_counts(shard_counts)
        command = f"portal bench --scale {scale:g} --members {members} --shards {shard_counts}"
        try:
            shard_report = bench_shards.run(wanted, scale, members, seed, keep, command)
        except builds.BenchError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(bench_shards.render(shard_report), nl=False)
        if json_file:
            json_file.write_text(bench_shards.as_json(shard_report), encoding="utf-8")
            _say(f"Đã ghi {json_file}")
        return
    options = builds.Options(
        scale,
        members,
        runs,
        builds.parse_list(tools, builds.TOOLS, "tools"),
        builds.parse_list(scenarios, tuple(builds.SCENARIOS), "scenarios"),
        keep,
        seed,
    )
    try:
        report = builds.run(options)
    except builds.BenchError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(build_report.render(report), nl=False)
    if json_file:
        json_file.write_text(build_report.as_json(report), encoding="utf-8")
        _say(f"Đã ghi {json_file}")


@main.group()
def stats() -> None:
    """Page views from the CDN's or web server's access logs, counted per site."""


@stats.command("ingest")
@click.argument("logs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--site", "site_id", help="Count every line for this site (else by host or path).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "combined", "cloudfront", "cloudflare"]),
    default="auto",
    show_default=True,
    help="Log format (auto: recognised per file from its first lines).",
)
@click.option(
    "--stats",
    "stats_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the per-site aggregates [default: PORTAL_STATS_PATH, else stats].",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=300.0,
    show_default=True,
    help="Seconds one file may take; a file over it is skipped (nothing of it counted).",
)
@content_option
@settings_option
def stats_ingest(
    logs: tuple[Path, ...],
    site_id: str | None,
    fmt: str,
    stats_dir: Path | None,
    time_budget: float,
    content_dir: Path,
    settings_file: Path | None,
) -> None:
    """Count the page views in access LOGS (plain or gzipped; nginx/Apache combined, CloudFront,
    Cloudflare) into STATS/<site-id>.json. Lines already counted are never counted again: the
    same log, a grown one or a rotated copy may be given again. Exit 1 when a file could not be
    read (the others are still counted) or an aggregate file is broken."""
    from portal.stats import ingest as stats_logs
    from portal.stats.view import stats_dir as stats_dir_of

    report = ErrorReport()
    sites = load_sites(content_dir, report)
    if _print_report(report, "text"):
        sys.exit(1)
    if stats_dir is None:
        stats_dir = stats_dir_of(builder.load_base_settings(_settings(settings_file)))
    try:
        result = stats_logs.ingest(logs, stats_dir, sites, site_id, fmt, time_budget)
    except stats_logs.IngestError as exc:
        _say(f"Chưa ghi gì: {exc.message} (Nothing written: {exc.english})")
        sys.exit(1)
    click.echo(stats_logs.render(result), nl=False)
    if not result.ok:
        sys.exit(1)


@stats.command("show")
@click.option("--site", "site_ids", multiple=True, help="Only this site (repeatable).")
@click.option(
    "--stats",
    "stats_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the per-site aggregates [default: PORTAL_STATS_PATH, else stats].",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of text.")
@content_option
@settings_option
@now_option
@_fail_on_content_errors
def stats_show(
    site_ids: tuple[str, ...],
    stats_dir: Path | None,
    as_json: bool,
    content_dir: Path,
    settings_file: Path | None,
    now: str | None,
) -> None:
    """What the sites would show of their statistics if built now: the counters, and the most
    viewed items of the 30 days ending at the newest data, with their titles."""
    from portal.filters import vnnumber
    from portal.stats import view

    moment = _now(now)
    if stats_dir is None:
        stats_dir = view.stats_dir(builder.load_base_settings(_settings(settings_file)))
    report = ErrorReport()
    chosen = list(site_ids) or None
    _sites, catalogs = tree.scan(content_dir, moment, report, chosen, history=False)
    if report:
        raise ContentErrors(report)
    found, _keys = builder.load_stats(stats_dir, catalogs)
    shown = {}
    for site_id, catalog in catalogs.items():
        if chosen and site_id not in chosen:
            continue  # scanned only because a chosen site shows it
        public = [
            SimpleNamespace(url=i.url, title=i.meta["title"])
            for i in catalog.items
            if i.listed and i.kind != "pages"
        ]
        stats = view.site_stats(found[site_id], moment, public)
        shown[site_id] = stats
    if as_json:
        click.echo(
            json.dumps(
                {
                    sid: None
                    if s is None
                    else {
                        "newest": s.newest.isoformat() if s.newest else None,
                        "counters": {c.key: c.value for c in s.counters},
                        "most_viewed": [
                            {"url": r.item.url, "title": r.item.title, "views": r.views}
                            for r in s.ranked
                        ],
                    }
                    for sid, s in shown.items()
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    for site_id, stats in shown.items():
        name = catalogs[site_id].site.name
        if stats is None:
            click.echo(f"{name} ({site_id}): chưa có số liệu truy cập (no statistics)\n")
            continue
        newest = stats.newest.strftime("%H:%M %d/%m/%Y") if stats.newest else "—"
        click.echo(f"{name} ({site_id}): số liệu đến {newest} (data up to)")
        for counter in stats.counters:
            click.echo(f"  {counter.label:<12} {vnnumber(counter.value):>10}")
        if stats.window:
            first, last = stats.window
            click.echo(f"  Xem nhiều nhất, {first:%d/%m} – {last:%d/%m/%Y} (most viewed):")
        for rank, entry in enumerate(stats.ranked, 1):
            click.echo(f"  {rank:>2}. {vnnumber(entry.views):>7}  {entry.item.title}")
            click.echo(f"      /{entry.item.url}")
        click.echo("")


main.add_command(forms)
# -- deploy and gate (portal.deploy) ---------------------------------------------------------


@main.group()
def deploy() -> None:
    """Publish a built output to a host, or roll back (docs/van-hanh.md, section 5)."""


def _origin_options(func: Callable) -> Callable:
    for option in reversed(
        [
            click.option(
                "--host",
                envvar="PORTAL_DEPLOY_HOST",
                required=True,
                help="user@host of the origin.",
            ),
            click.option(
                "--root", envvar="PORTAL_DEPLOY_ROOT", required=True, help="Folder on the host."
            ),
            click.option(
                "--ssh",
                "ssh_command",
                envvar="PORTAL_DEPLOY_SSH",
                default="ssh",
                show_default=True,
                help="ssh command line (key, port, known hosts).",
            ),
            click.option("--commit", required=True, help="Commit id naming the release."),
        ]
    ):
        func = option(func)
    return func


def _origin(host: str, root: str, ssh_command: str):
    import shlex

    from portal.deploy.origin import Origin

    return Origin(host=host, root=root.rstrip("/"), ssh=shlex.split(ssh_command))


def _deploy_errors(func: Callable) -> Callable:
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from portal.deploy import DeployError

        try:
            return func(*args, **kwargs)
        except DeployError as exc:
            _say(f"Triển khai thất bại (deploy failed): {exc}")
            sys.exit(1)

    return wrapper


@deploy.command("origin")
@click.argument("output_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@_origin_options
@click.option("--keep", default=10, show_default=True, help="Releases kept for rollback.")
@click.option(
    "--reload",
    "reload_command",
    envvar="PORTAL_DEPLOY_RELOAD",
    default="",
    help="Command run on the host after the switch (e.g. 'sudo nginx -s reload').",
)
@_deploy_errors
def deploy_origin(
    output_dir: Path,
    host: str,
    root: str,
    ssh_command: str,
    commit: str,
    keep: int,
    reload_command: str,
) -> None:
    """Upload OUTPUT_DIR to releases/<commit>/ on the origin (rsync over SSH) and switch the
    current link to it atomically; a release already there is switched to, not uploaded."""
    started = time.monotonic()
    uploaded = _origin(host, root, ssh_command).publish(output_dir, commit, keep, reload_command)
    what = "đã tải lên và chuyển" if uploaded else "đã có sẵn, chỉ chuyển"
    english = "uploaded and switched" if uploaded else "kept, switched only"
    _say(f"{commit[:12]}: {what} ({english}), {time.monotonic() - started:.1f} s")


@deploy.command("rollback")
@_origin_options
@click.option(
    "--reload", "reload_command", envvar="PORTAL_DEPLOY_RELOAD", default="", help="As for origin."
)
@_deploy_errors
def deploy_rollback(host: str, root: str, ssh_command: str, commit: str, reload_command: str):
    """Make the kept release of COMMIT live again: no upload, no build."""
    started = time.monotonic()
    _origin(host, root, ssh_command).switch(commit, keep=1_000_000, reload=reload_command)
    _say(f"{commit[:12]}: đang phục vụ (live), {time.monotonic() - started:.1f} s")


@deploy.command("has")
@_origin_options
@_deploy_errors
def deploy_has(host: str, root: str, ssh_command: str, commit: str) -> None:
    """Exit 0 when the origin keeps the release of COMMIT, 1 when it does not."""
    if not _origin(host, root, ssh_command).has(commit):
        _say(f"{commit[:12]}: không có trên máy chủ (not kept on the origin)")
        sys.exit(1)


@main.command()
@content_option
@output_option
@settings_option
@now_option
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text")
def gate(
    content_dir: Path, output_dir: Path, settings_file: Path | None, now: str | None, fmt: str
) -> None:
    """The fast check before publishing a built output: internal links, no leak, header files
    (nginx -t), feeds. Give the --now and --settings the build used."""
    from portal.deploy.gate import gate as run_gate

    started = time.monotonic()
    result = run_gate(content_dir, output_dir, _settings(settings_file), _now(now))
    for note in result.notes:
        _say(note)
    if _print_report(result.report, fmt):
        _say("Không đăng: bản dựng chưa đạt. (Not published: the build failed the gate.)")
        sys.exit(1)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    _say(f"Đạt ({counts}), {time.monotonic() - started:.1f} s. (Gate passed.)")


def _bucket(bucket: str, prefix: str, endpoint: str | None):
    from portal.deploy.s3 import Bucket, client

    return Bucket(client(endpoint), bucket, prefix)


def _s3_options(func: Callable) -> Callable:
    for option in reversed(
        [
            click.option("--bucket", envvar="PORTAL_S3_BUCKET", required=True, help="Bucket."),
            click.option("--prefix", envvar="PORTAL_S3_PREFIX", default="", help="Key prefix."),
            click.option(
                "--endpoint",
                envvar="AWS_ENDPOINT_URL",
                default=None,
                help="S3-compatible endpoint (not AWS).",
            ),
            click.option("--commit", required=True, help="Commit id naming the release."),
        ]
    ):
        func = option(func)
    return func


@deploy.command("s3")
@click.argument("output_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@_s3_options
@click.option("--keep", default=10, show_default=True, help="Releases kept for rollback.")
@_deploy_errors
def deploy_s3(
    output_dir: Path, bucket: str, prefix: str, endpoint: str | None, commit: str, keep: int
) -> None:
    """Publish OUTPUT_DIR to S3-compatible storage: each site under <prefix><site-id>/, types
    and caching from the header policy, only new contents uploaded, the release kept."""
    started = time.monotonic()
    counts = _bucket(bucket, prefix, endpoint).publish(output_dir, commit, keep)
    tally = ", ".join(f"{k} {v}" for k, v in counts.items())
    _say(f"{commit[:12]}: {tally}, {time.monotonic() - started:.1f} s")


@deploy.command("s3-rollback")
@_s3_options
@_deploy_errors
def deploy_s3_rollback(bucket: str, prefix: str, endpoint: str | None, commit: str) -> None:
    """Serve the kept release of COMMIT again, by server-side copies: nothing uploaded."""
    started = time.monotonic()
    counts = _bucket(bucket, prefix, endpoint).rollback(commit, keep=1_000_000)
    tally = ", ".join(f"{k} {v}" for k, v in counts.items())
    _say(f"{commit[:12]}: {tally}, {time.monotonic() - started:.1f} s")


main.add_command(preview)
main.add_command(approval)

clihelp.apply(main)  # last: every verb above gets its Vietnamese summary
