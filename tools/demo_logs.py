"""Regenerate the demo's sample access logs in ``demo/logs/``: 120 days of fictional traffic
ending at 2026-11-22 11:59 (Asia/Ho_Chi_Minh), for the demo's visit counters and "most viewed"
lists. ``.venv/bin/python tools/demo_logs.py`` writes the same bytes on every run (one seeded
``random.Random`` per site, gzip with mtime 0 and no file name); ``tests/stats/
test_demo_logs.py`` checks that the committed files are this script's output.

- ``tinh-lam-giang`` (the parent, served by nginx at the root of https://lamgiang.example/): nginx
  "combined" lines in local time, rotated by logrotate (``weekly``, ``dateext``, ``compress``)
  at its first run of each Sunday, 06:25: ``access.log-YYYYMMDD.gz`` and the current
  ``access.log``.
- Each member (behind CloudFront): standard log files, tab-separated, UTC, one gzip file a
  week (from Monday 00:00 UTC) named ``<distribution>.YYYY-MM-DD-HH.<id>.gz`` after its first
  line, with ``x-host-header`` the member's host (from ``base_url`` in content/sites.yml).

The pages are the demo's own: each site's items where the catalog places them
(``portal.catalog.tree.scan`` at the demo's reference time), its home page, section listings,
category, tag and month pages, its pages, and the search page with a query. An item is read
only from its publication on, with a Zipf-like popularity and a burst in its first days;
weekdays are busier than weekends, office hours than nights (Vietnam time). Around the page
views is what an ingest must leave out: bots and scripts, theme assets, images and
attachments, feeds and calendars, 404s, 301s, HEAD and POST requests, and a few broken lines.
A 304 answer to a reader's page request is a page view too. Every IP address is from the
documentation ranges (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; RFC 3849:
2001:db8::/32).

CloudFront's request ids are unique, but each is made of four pieces drawn from small random
pools: truly random ids would be most of the sample's size. The volumes are kept low for the
same reason (``VOLUMES``).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import gzip
import hashlib
import io
import itertools
import math
import random
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from portal.stats.logs import CLOUDFRONT_FIELDS

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
OUT = REPO / "demo" / "logs"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
OFFSET = 7 * 3600  # Vietnam has kept UTC+7, without summer time, since 1975
END = dt.datetime(2026, 11, 22, 12, 0, tzinfo=VN)  # exclusive: the last line is before noon
DAYS = 120
START = END - dt.timedelta(days=DAYS)
T0, T1 = int(START.timestamp()), int(END.timestamp())
SEED = 20261122
PARENT = "tinh-lam-giang"
DAY = 86_400
HOUR = 3_600

CLOUDFRONT_HEADER = " ".join(CLOUDFRONT_FIELDS)
# Per member: its CloudFront distribution and the distribution's domain name.
DISTRIBUTIONS = {
    "xa-phuoc-dinh": ("E1PDINHEXAMPLE", "d1a2b3c4example.cloudfront.net"),
    "xa-dao-thanh": ("E2DTHANHEXAMPL", "d5e6f7a8example.cloudfront.net"),
    "phuong-cau-moi": ("E3CAUMOIEXAMPL", "d9b0c1d2example.cloudfront.net"),
}


@dataclass(frozen=True)
class Volume:
    """A site's traffic on an ordinary weekday, before the weekly rhythm."""

    listings: float  # page views of the home page, listings and pages
    items: float  # page views of items, times an item's popularity and burst
    readers: int  # distinct readers (browser, address) over the period
    pages_a_visit: float  # the chance that a reader opens one more page
    crawls: float  # search engine requests a day
    uptime_every: int  # hours between two HEAD / of the uptime check
    polls: int  # feed and calendar fetches a day


VOLUMES = {
    PARENT: Volume(96, 67, 900, 0.42, 11, 4, 4),
    "xa-phuoc-dinh": Volume(13, 8.5, 120, 0.3, 1.2, 24, 1),
    "xa-dao-thanh": Volume(11, 7, 100, 0.3, 1, 24, 1),
    "phuong-cau-moi": Volume(14, 9.5, 130, 0.3, 1.2, 24, 1),
}
WEEKDAY = (1.12, 1.18, 1.15, 1.10, 1.0, 0.6, 0.45)  # Monday … Sunday
HOLIDAYS = {dt.date(2026, 9, 1), dt.date(2026, 9, 2)}  # National Day: a Sunday's traffic
OFFICE_HOURS = (
    0.15, 0.08, 0.05, 0.05, 0.08, 0.3, 0.9, 2.0, 3.4, 3.8, 3.6, 2.9,
    1.4, 1.9, 3.2, 3.3, 2.8, 1.8, 1.1, 1.3, 1.6, 1.4, 0.8, 0.4,
)  # fmt: skip
WEEKEND_HOURS = (
    0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.8, 1.4, 1.9, 2.1, 2.0, 1.7,
    1.3, 1.3, 1.5, 1.6, 1.5, 1.3, 1.2, 1.5, 1.8, 1.6, 1.0, 0.5,
)  # fmt: skip
# Per item kind: (first-day burst, days it takes to settle, the level it settles at).
BURSTS = {
    "articles": (1.0, 2.2, 0.05),
    "documents": (0.7, 4.0, 0.12),
    "procedures": (0.25, 12.0, 0.3),
    "qa": (0.45, 5.0, 0.12),
    "schedules": (0.9, 3.0, 0.02),
    "invitations": (0.4, 2.0, 0.02),
    "consultations": (0.6, 6.0, 0.15),
}
# Shares of the listings' traffic (the home page, section listings, pages).
LISTINGS = {
    "": 32.0,
    "tin-tuc/": 9.0,
    "van-ban/": 7.0,
    "thu-tuc-hanh-chinh/": 5.0,
    "lich-cong-tac/": 4.0,
    "lich-cong-tac/tuan-nay/": 3.5,
    "hoi-dap/": 2.0,
    "giay-moi/": 1.5,
    "lay-y-kien/": 1.2,
    "chuyen-muc/": 0.6,
    "tin-tuc/don-vi/": 1.5,  # the parent only: its members' news
    "tim-kiem/": 3.0,
}
PAGES = {
    "gioi-thieu/": 3.0,
    "co-cau-to-chuc/": 2.5,
    "lien-he/": 2.0,
    "danh-muc-thong-tin-phai-cong-khai/": 1.0,
}
# The theme's hashed assets, changed by the deployments of the period.
DEPLOYS = (
    (T0, "3f9c21d0be", "b71e04a9c2"),
    (int(dt.datetime(2026, 9, 14, 17, 40, tzinfo=VN).timestamp()), "8d2e6b4a17", "c40f9e3b58"),
    (int(dt.datetime(2026, 10, 27, 18, 5, tzinfo=VN).timestamp()), "7ac804af0b", "f060f0645f"),
)
EMBLEM = "/theme/images/emblem.9c7dbdb04a.svg"
NOT_FOUND = 3_412  # bytes of the 404 page
MOVED = 162  # nginx's 301 page
SEARCHES = (
    "đăng ký đất đai", "lịch tiếp công dân", "tuyển dụng viên chức", "khai sinh",
    "bảo hiểm y tế", "lúa đông xuân", "giấy phép xây dựng", "lịch công tác", "ocop",
    "hộ nghèo", "chứng thực", "kết hôn", "định danh điện tử", "lũ", "học bổng",
)  # fmt: skip
OLD_PORTAL = (  # links to the previous portal and mistyped addresses: 404
    "/Pages/TrangChu.aspx", "/Pages/tin-tuc.aspx?ItemID=1532", "/index.php",
    "/index.php?option=com_content&view=article&id=152", "/portal/home/default.aspx",
    "/tin-tuc/le-hoi-ky-yen/", "/van-ban/quyet-dinh-so-1120/", "/lien-he.html",
    "/thu-tuc-hanh-chinh/dang-ky-dat-dai/", "/tin-tuc/trang-9/",
)  # fmt: skip
PROBES = (  # vulnerability scanners: 404, and 405 for a POST to a static site
    ("GET", "/wp-login.php"), ("GET", "/.env"), ("POST", "/xmlrpc.php"), ("GET", "/.git/config"),
    ("GET", "/wp-admin/setup-config.php"), ("GET", "/phpmyadmin/"), ("POST", "/wp-login.php"),
    ("GET", "/admin/login"), ("GET", "/config.json"), ("GET", "/backup.zip"),
    ("GET", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php"), ("POST", "/"),
)  # fmt: skip
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# Readers -----------------------------------------------------------------------------------


def chrome(day: dt.date) -> int:
    """Chrome's stable major version on ``day`` (a release every four weeks)."""
    return 131 + (day - dt.date(2024, 11, 12)).days // 28


def firefox(day: dt.date) -> int:
    return 133 + (day - dt.date(2024, 11, 26)).days // 28


PHONES = ("SM-A155F", "CPH2591")
Agent = Callable[[dt.date, int], str]
BROWSERS: tuple[tuple[str, float, bool, Agent], ...] = (  # name, share, mobile, user agent
    (
        "android-chrome",
        27,
        True,
        lambda d, _n: (
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{chrome(d)}.0.0.0 Mobile Safari/537.36"
        ),
    ),
    (
        "zalo-android",
        13,
        True,
        lambda d, n: (
            f"Mozilla/5.0 (Linux; Android 14; {PHONES[n % len(PHONES)]} Build/UP1A.231005.007; wv) "
            "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
            f"Chrome/{chrome(d) - 1}.0.{7100 + chrome(d)}.102 Mobile Safari/537.36 "
            "Zalo android/12110707 ZaloTheme/light ZaloLanguage/vi"
        ),
    ),
    (
        "iphone-safari",
        13,
        True,
        lambda d, _n: (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
            f"(KHTML, like Gecko) Version/{26 if d.month < 10 else 27}.0 Mobile/15E148 "
            "Safari/604.1"
        ),
    ),
    (
        "zalo-ios",
        6,
        True,
        lambda _d, _n: (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Mobile/15E148 Zalo iOS/536 ZaloTheme/light ZaloLanguage/vi"
        ),
    ),
    (
        "facebook-android",
        5,
        True,
        lambda d, n: (
            f"Mozilla/5.0 (Linux; Android 14; {PHONES[n % len(PHONES)]} Build/UP1A.231005.007; wv) "
            "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
            f"Chrome/{chrome(d) - 1}.0.{7100 + chrome(d)}.102 Mobile Safari/537.36 "
            "[FB_IAB/FB4A;FBAV/512.0.0.54.109;]"
        ),
    ),
    (
        "windows-chrome",
        17,
        False,
        lambda d, _n: (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{chrome(d)}.0.0.0 Safari/537.36"
        ),
    ),
    (
        "windows-edge",
        5,
        False,
        lambda d, _n: (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{chrome(d)}.0.0.0 Safari/537.36 Edg/{chrome(d)}.0.0.0"
        ),
    ),
    (
        "coc-coc",
        9,
        False,
        lambda d, _n: (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"coc_coc_browser/{chrome(d) - 6}.0.{230 + chrome(d)} Chrome/{chrome(d) - 6}.0.0.0 "
            "Safari/537.36"
        ),
    ),
    (
        "windows-firefox",
        3,
        False,
        lambda d, _n: (
            f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{firefox(d)}.0) Gecko/20100101 "
            f"Firefox/{firefox(d)}.0"
        ),
    ),
    (
        "mac-safari",
        2,
        False,
        lambda _d, _n: (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/26.1 Safari/605.1.15"
        ),
    ),
)
WINDOWS_CHROME = BROWSERS[5][3]


@dataclass(frozen=True)
class Reader:
    ip: str
    browser: int  # index into BROWSERS
    variant: int  # the phone model, so one reader keeps one user agent
    port: int  # CloudFront's c-port (a reader's connections, simplified to one port)

    def agent(self, day: dt.date) -> str:
        return BROWSERS[self.browser][3](day, self.variant)

    @property
    def name(self) -> str:
        return BROWSERS[self.browser][0]

    @property
    def mobile(self) -> bool:
        return BROWSERS[self.browser][2]


def reader_ip(rng: random.Random) -> str:
    """A reader's address: IPv6 from 2001:db8::/32 (mobile networks), else IPv4 from the three
    documentation ranges, on hosts kept apart from the programs' below."""
    if rng.random() < 0.3:
        net = rng.choice(("4a1c", "4a1d", "7e20"))
        return f"2001:db8:{net}:{rng.randrange(16**3):x}::{rng.randrange(1, 16**2):x}"
    block, hosts = rng.choice((("192.0.2", 199), ("198.51.100", 127), ("203.0.113", 63)))
    return f"{block}.{rng.randint(1, hosts)}"


def readers(rng: random.Random, count: int) -> tuple[list[Reader], list[float]]:
    """``count`` readers and their cumulative weights: a few regulars, many occasional ones."""
    shares = [share for _name, share, _mobile, _agent in BROWSERS]
    population = [
        Reader(
            reader_ip(rng),
            rng.choices(range(len(BROWSERS)), shares)[0],
            rng.randrange(3),
            rng.randint(1024, 65535),
        )
        for _ in range(count)
    ]
    weights = [1 / (rank + 8) ** 0.9 for rank in range(count)]
    return population, list(itertools.accumulate(weights))


# Programs ----------------------------------------------------------------------------------

GOOGLEBOT_MOBILE = (
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html)"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BINGBOT = (
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
    "+http://www.bing.com/bingbot.htm) Chrome/{v}.0.0.0 Safari/537.36"
)
AHREFS = "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"
YANDEX = "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"
FACEBOOK = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
ZALO_PREVIEW = "Mozilla/5.0 (compatible; ZaloLinkPreview/1.0; +https://zalo.me)"
CURL = "curl/8.5.0"
PYTHON_REQUESTS = "python-requests/2.32.3"
HEADLESS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/{v}.0.0.0 Safari/537.36"
)
FEEDLY = "Feedly/1.0 (+https://feedly.com/poller.html; 2 subscribers; )"
GOOGLE_CALENDAR = "Google-Calendar-Importer"
IOS_CALENDAR = "iOS/18.6 (22G86) dataaccessd/1.0"
# Search engines: (share of the crawl, address pattern, lowest and highest host, agent).
CRAWLERS = (
    (0.62, "203.0.113.{}", 64, 95, GOOGLEBOT_MOBILE),
    (0.12, "203.0.113.{}", 64, 95, GOOGLEBOT),
    (0.18, "198.51.100.{}", 128, 143, BINGBOT),
    (0.08, "203.0.113.{}", 96, 103, YANDEX),
)


# Pages -------------------------------------------------------------------------------------


@dataclass
class Page:
    path: str  # "/tin-tuc/slug/"
    weight: float  # share of the listings' traffic, or the item's popularity
    since: int = 0  # no views before (an item's publication), Unix seconds
    kind: str = ""  # the item's kind; "" for listings and pages
    gone: int | None = None  # expired: 404 from then on
    moved: tuple[int, str] | None = None  # consolidated: 301 to a path from then on
    cools: int | None = None  # withdrawn: little interest from then on
    image: str | None = None  # the item's picture (mid-size variant)
    files: list[tuple[str, int]] = field(default_factory=list)  # attachments: (path, bytes)
    size: int = 0  # bytes of the page as sent (gzip)

    def interest(self, moment: int) -> float:
        """How much readers want this page at ``moment``: ``weight``, for an item times its
        burst after publication."""
        if moment < self.since:
            return 0.0
        if not self.kind:
            return self.weight
        burst, settle, tail = BURSTS[self.kind]
        value = self.weight * (burst * math.exp(-(moment - self.since) / DAY / settle) + tail)
        if self.cools is not None and moment >= self.cools:
            value *= 0.15
        return value


def stable_size(text: str, low: int, high: int) -> int:
    """A size for ``text`` between ``low`` and ``high`` bytes, the same on every run."""
    return low + zlib.crc32(text.encode()) % (high - low)


def seconds(moment: dt.datetime) -> int:
    return int(moment.timestamp())


def load_pages(content: Path) -> tuple[dict[str, str], dict[str, list[Page]]]:
    """Every site's host and pages, from the demo's catalog at the reference time."""
    from portal.catalog.tree import scan
    from portal.errors import ErrorReport
    from portal.paths import CATEGORY_PREFIX, TAG_PREFIX
    from portal.slugs import slugify
    from portal.types import get

    report = ErrorReport()
    sites, catalogs = scan(content, END, report)
    if report.errors:
        raise SystemExit(f"the content has errors; run `portal check`: {report.errors[0]}")
    rng = random.Random(SEED)
    hosts: dict[str, str] = {}
    found: dict[str, list[Page]] = {}
    for site in sites:
        hosts[site.id] = site.base_url.split("://", 1)[1].strip("/")
        items = sorted(
            (
                item
                for item in catalogs[site.id].items
                if item.kind != "pages"
                and item.state in ("public", "withdrawn", "redirected", "expired")
                and item.meta.get("date") is not None
                and item.meta["date"] < END
            ),
            key=lambda item: item.url,
        )
        ranks = list(range(1, len(items) + 1))
        rng.shuffle(ranks)  # popularity: Zipf-like over the items
        pages: list[Page] = []
        appears: dict[str, int] = {}  # category, tag, month and second pages: since when
        seen: Counter[str] = Counter()  # public items by kind, in publication order
        for rank, item in zip(ranks, items, strict=True):
            since = seconds(item.meta["date"])
            takedown = item.meta.get("unpublished") or {}
            moved = cools = gone = None
            if item.state == "redirected":  # consolidated the next morning
                moved = (since + 20 * HOUR, takedown.get("redirect_to") or "/")
            if item.state == "withdrawn" and takedown.get("date"):
                cools = seconds(dt.datetime.combine(takedown["date"], dt.time(9), tzinfo=VN))
            if item.state == "expired":
                gone = seconds(item.meta["expires"])
            pages.append(
                Page(
                    path=f"/{item.url}",
                    weight=1 / rank**0.9,
                    since=since,
                    kind=item.kind,
                    gone=gone,
                    moved=moved,
                    cools=cools,
                    image=f"/{item.url}{item.picture.src}" if item.picture else None,
                    files=[(f"/{item.url}{a.name}", a.size) for a in item.files],
                    size=stable_size(item.url, 7_000, 16_000),
                )
            )
        for item in sorted(
            (i for i in items if i.state == "public"), key=lambda i: (i.meta["date"], i.url)
        ):
            since = seconds(item.meta["date"])
            seen[item.kind] += 1
            if seen[item.kind] == 21:  # 20 a listing page
                appears.setdefault(f"{get(item.kind).url_prefix}/trang-2/", since)
            if item.kind != "articles":  # news only have month, category and tag pages
                continue
            appears.setdefault(f"tin-tuc/{item.meta['date']:%Y/%m}/", since)
            if item.meta.get("category"):
                appears.setdefault(f"{CATEGORY_PREFIX}/{slugify(item.meta['category'])}/", since)
            for tag in item.meta.get("tags") or ():
                appears.setdefault(f"{TAG_PREFIX}/{slugify(tag)}/", since)
        for path, weight in LISTINGS.items():
            if path != "tin-tuc/don-vi/" or site.is_parent:
                pages.append(Page(f"/{path}", weight, size=stable_size(path, 6_000, 14_000)))
        for item in sorted(catalogs[site.id].items, key=lambda item: item.url):
            if item.kind == "pages" and item.state == "public":
                weight = PAGES.get(item.url, 0.3)  # the English pages: a few readers
                size = stable_size(item.url, 6_000, 14_000)
                pages.append(Page(f"/{item.url}", weight, size=size))
        for path, since in sorted(appears.items()):
            weight = 0.25 if path.startswith(TAG_PREFIX) else 0.6
            pages.append(Page(f"/{path}", weight, since, size=stable_size(path, 6_000, 14_000)))
        found[site.id] = pages
    return hosts, found


# Requests ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Request:
    moment: int  # Unix seconds
    ip: str
    agent: str
    path: str
    status: int = 200
    size: int = 0  # body bytes
    method: str = "GET"
    query: str = ""  # without "?"
    referer: str = ""
    protocol: str = "HTTP/1.1"
    port: int = 0
    scheme: str = "https"
    view: bool = False  # a reader's page view: what the ingest should count


def poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 40:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


class Day:
    """One calendar day in Vietnam, clipped to the period, and its hourly rhythm."""

    def __init__(self, day: dt.date):
        self.date = day
        self.start = seconds(dt.datetime.combine(day, dt.time(0), tzinfo=VN))
        self.low, self.high = max(self.start, T0), min(self.start + DAY, T1)
        quiet = day.weekday() >= 5 or day in HOLIDAYS
        self.hours = WEEKEND_HOURS if quiet else OFFICE_HOURS
        self.total = sum(self.hours)
        self.factor = WEEKDAY[6 if day in HOLIDAYS else day.weekday()]

    def share(self, low: int) -> float:
        """The part of the day's traffic from ``low`` to the day's end (or the period's)."""
        low = max(low, self.low)
        if low == self.start and self.high == self.start + DAY:
            return 1.0
        part = 0.0
        for hour, weight in enumerate(self.hours):
            a = self.start + hour * HOUR
            overlap = min(a + HOUR, self.high) - max(a, low)
            if overlap > 0:
                part += weight * overlap / HOUR
        return part / self.total

    def moment(self, rng: random.Random, low: int | None = None) -> int | None:
        """A moment from ``low`` to the day's end, following the hourly rhythm."""
        low = self.low if low is None else max(low, self.low)
        spans = []
        for hour, weight in enumerate(self.hours):
            a = max(self.start + hour * HOUR, low)
            b = min(self.start + (hour + 1) * HOUR, self.high)
            if b > a:
                spans.append((a, b, weight * (b - a)))
        if not spans:
            return None
        a, b, _weight = rng.choices(spans, [w for _a, _b, w in spans])[0]
        return a + int(rng.random() * (b - a))

    def uniform(self, rng: random.Random) -> int:
        return self.low + int(rng.random() * (self.high - self.low))


def theme_assets(moment: int) -> list[tuple[str, int]]:
    """The stylesheet, script and emblem a browser without a cached copy fetches."""
    css, js = next((c, j) for when, c, j in reversed(DEPLOYS) if moment >= when)
    return [
        (f"/theme/css/portal.{css}.css", 11_842),
        (f"/theme/js/portal.{js}.js", 6_310),
        (EMBLEM, 2_214),
    ]


class Traffic:
    """One site's requests over the period."""

    def __init__(self, site: str, host: str, pages: list[Page], parent_host: str, seed: int):
        self.site, self.host, self.pages, self.parent_host = site, host, pages, parent_host
        self.rng = random.Random(seed)
        self.volume = VOLUMES[site]
        self.parent = site == PARENT
        self.readers, self.cumulative = readers(self.rng, self.volume.readers)
        self.listing_weight = sum(p.weight for p in pages if not p.kind)
        self.requests: list[Request] = []

    def add(self, moment: int, ip: str, agent: str, path: str, **fields) -> None:
        self.requests.append(Request(moment, ip, agent, path, **fields))

    def reader(self) -> Reader:
        pick = self.rng.random() * self.cumulative[-1]
        return self.readers[bisect.bisect_left(self.cumulative, pick)]

    def generate(self) -> list[Request]:
        for n in range(DAYS + 1):
            day = Day(START.date() + dt.timedelta(days=n))
            if day.low < day.high:
                self.reading(day)
                self.crawling(day)
                self.programs(day)
        self.previews()
        self.requests = [r for r in self.requests if T0 <= r.moment < T1]
        self.requests.sort(key=lambda r: (r.moment, r.ip, r.path))
        return self.requests

    # Readers

    def reading(self, day: Day) -> None:
        rng = self.rng
        progress = (day.start - T0) / (T1 - T0)
        factor = day.factor * (1 + 0.2 * progress) * math.exp(rng.gauss(0, 0.12))
        noon = day.start + 12 * HOUR
        views: list[Page] = []
        for page in self.pages:
            opened = max(page.since, day.low)
            if opened >= day.high:
                continue
            if page.kind:
                mean = self.volume.items * page.interest(max(noon, opened))
            else:
                mean = self.volume.listings * page.weight / self.listing_weight
            views += [page] * poisson(rng, mean * factor * day.share(opened))
        rng.shuffle(views)
        while views:
            size = 1
            while size < len(views) and rng.random() < self.volume.pages_a_visit:
                size += 1
            visit, views = views[:size], views[size:]
            moment = day.moment(rng, max(page.since for page in visit))
            if moment is not None:
                self.visit(moment, visit, day)
        for _ in range(poisson(rng, (1.5 if self.parent else 0.3) * factor)):
            moment = day.moment(rng)  # a link to the previous portal, or a mistyped address
            reader = self.reader()
            referer = rng.choice(("", "https://www.google.com/"))
            path, _mark, query = rng.choice(OLD_PORTAL).partition("?")
            self.add(
                moment,
                reader.ip,
                reader.agent(day.date),
                path,
                query=query,
                status=404,
                size=NOT_FOUND,
                referer=referer,
                protocol="HTTP/2.0",
                port=reader.port,
            )

    def landing_referer(self, reader: Reader, page: Page) -> str:
        rng = self.rng
        roll = rng.random()
        if reader.name.startswith("zalo"):
            return ""  # opened from a Zalo chat: no referer
        if reader.name == "facebook-android":
            return "https://m.facebook.com/" if roll < 0.7 else ""
        if roll < 0.34:
            return "https://www.google.com/" if roll < 0.2 else "https://www.google.com.vn/"
        if roll < 0.39:
            return "https://www.google.com/" if reader.mobile else "https://coccoc.com/search"
        if roll < 0.41:
            return "https://www.bing.com/"
        if roll < 0.52 and page.kind:
            return "https://l.facebook.com/"
        if roll < 0.62 and not self.parent:
            return f"https://{self.parent_host}/"
        return ""

    def visit(self, moment: int, pages: list[Page], day: Day) -> None:
        """A reader opens ``pages`` one after the other."""
        rng = self.rng
        reader = self.reader()
        agent = reader.agent(day.date)
        protocol = "HTTP/2.0" if rng.random() < 0.93 else "HTTP/1.1"
        common = {"protocol": protocol, "port": reader.port}
        fresh = rng.random() < 0.08  # nothing cached: the theme's files too
        referer = self.landing_referer(reader, pages[0])
        for index, page in enumerate(pages):
            if index:
                moment += rng.randint(8, 150)
                if moment >= day.high:
                    return
            path, query = page.path, ""
            if path == "/tim-kiem/":
                query = "q=" + quote_plus(rng.choice(SEARCHES))
            redirect = {"status": 301, "size": MOVED, "referer": referer}
            if index == 0 and rng.random() < 0.012:  # an old http:// link
                self.add(
                    moment,
                    reader.ip,
                    agent,
                    path,
                    query=query,
                    scheme="http",
                    **{**common, **redirect, "protocol": "HTTP/1.1"},
                )
                moment += 1
            elif index == 0 and path != "/" and not query and rng.random() < 0.015:
                self.add(moment, reader.ip, agent, path.rstrip("/"), **common, **redirect)
                moment += 1
            if page.gone is not None and moment >= page.gone:
                self.add(
                    moment,
                    reader.ip,
                    agent,
                    path,
                    status=404,
                    size=NOT_FOUND,
                    referer=referer,
                    **common,
                )
                return
            if page.moved is not None and moment >= page.moved[0]:
                self.add(moment, reader.ip, agent, path, **common, **redirect)
                path = page.moved[1]
                moment += 1
            revalidated = not page.kind and not fresh and rng.random() < 0.1
            self.add(
                moment,
                reader.ip,
                agent,
                path,
                query=query,
                status=304 if revalidated else 200,
                size=0 if revalidated else page.size,
                referer=referer,
                view=True,
                **common,
            )
            url = f"https://{self.host}{path}" + (f"?{query}" if query else "")
            extras = theme_assets(moment) if fresh and index == 0 else []
            if path == "/tim-kiem/" and fresh:
                extras += [
                    ("/pagefind/pagefind.js", 23_118),
                    ("/pagefind/pagefind-entry.json", 412),
                ]
            if page.image and rng.random() < 0.6:
                extras.append((page.image, stable_size(page.image, 38_000, 96_000)))
            if page.files and rng.random() < 0.25:
                extras.append(rng.choice(page.files))
            for extra, size in extras:
                self.add(
                    moment + rng.randint(0, 1),
                    reader.ip,
                    agent,
                    extra,
                    size=size,
                    referer=url,
                    **common,
                )
            referer = url

    # Programs

    def fetch(self, page: Page, moment: int, ip: str, agent: str, revalidate: bool = True):
        """A program fetches ``page`` as it is at ``moment``."""
        if moment < page.since:
            return
        status, size, path = 200, page.size, page.path
        if page.gone is not None and moment >= page.gone:
            status, size = 404, NOT_FOUND
        elif page.moved is not None and moment >= page.moved[0]:
            status, size = 301, MOVED
        elif revalidate and self.rng.random() < 0.2:
            status, size = 304, 0
        self.add(moment, ip, agent, "/" if path == "/tim-kiem/" else path, status=status, size=size)

    def crawling(self, day: Day) -> None:
        """Search engines and an SEO crawler."""
        rng = self.rng
        fraction = (day.high - day.low) / DAY
        version = chrome(day.date)
        for _ in range(poisson(rng, self.volume.crawls * fraction)):
            _share, ip, a, b, agent = rng.choices(CRAWLERS, [c[0] for c in CRAWLERS])[0]
            self.fetch(
                rng.choice(self.pages),
                day.uniform(rng),
                ip.format(rng.randint(a, b)),
                agent.format(v=version),
            )
        if rng.random() < 0.5 * fraction:
            self.add(
                day.uniform(rng),
                f"203.0.113.{rng.randint(64, 95)}",
                GOOGLEBOT,
                rng.choice(("/robots.txt", "/sitemap.xml")),
                size=1_864,
            )
        if rng.random() < (0.1 if self.parent else 0.04) * fraction:  # AhrefsBot, now and then
            moment = day.uniform(rng)
            ip = f"198.51.100.{rng.randint(144, 159)}"
            self.add(moment, ip, AHREFS, "/robots.txt", size=67)
            for _ in range(rng.randint(8, 30) if self.parent else rng.randint(3, 8)):
                moment += rng.randint(5, 90)
                if moment < day.high:
                    self.fetch(rng.choice(self.pages), moment, ip, AHREFS, revalidate=False)

    def previews(self) -> None:
        """An item shared on Zalo or Facebook: link previews fetch it and its picture."""
        rng = self.rng
        for page in self.pages:
            if not page.kind or page.since < T0:
                continue
            for _ in range(poisson(rng, (4 if self.parent else 2) * page.weight + 0.6)):
                moment = page.since + rng.randint(180, 48 * HOUR)
                zalo = rng.random() < 0.7
                agent = ZALO_PREVIEW if zalo else FACEBOOK
                if zalo:
                    ip = f"203.0.113.{rng.randint(110, 115)}"
                else:
                    ip = f"2001:db8:fb00:{rng.randint(1, 40):x}::face:b00c"
                self.fetch(page, moment, ip, agent, revalidate=False)
                if page.image and not (page.moved and moment >= page.moved[0]):
                    size = stable_size(page.image, 38_000, 96_000)
                    self.add(moment + 1, ip, agent, page.image, size=size)

    def programs(self, day: Day) -> None:
        """Uptime checks, feed readers, calendars, scripts and scanners."""
        rng = self.rng
        volume = self.volume
        fraction = (day.high - day.low) / DAY
        for hour in range(0, 24, volume.uptime_every):  # HEAD / with curl
            moment = day.start + hour * HOUR + 120 + rng.randint(0, 9)
            if day.low <= moment < day.high:
                self.add(moment, "192.0.2.250", CURL, "/", method="HEAD")
        polls = (
            ("/feed.json", 0.4, "198.51.100.220", FEEDLY, 18_406),
            ("/lich-cong-tac/lich.ics", 0.35, "203.0.113.{}", GOOGLE_CALENDAR, 4_215),
            ("/lich-cong-tac/lich.ics", 0.25, "2001:db8:4a1c:{}::2", IOS_CALENDAR, 4_215),
        )
        for path, part, ip, agent, size in polls:
            for _ in range(poisson(rng, volume.polls * part * fraction)):
                changed = rng.random() < 0.6
                self.add(
                    day.uniform(rng),
                    ip.format(rng.randint(120, 127)),
                    agent,
                    path,
                    status=200 if changed else 304,
                    size=size if changed else 0,
                )
        if rng.random() < (0.25 if self.parent else 0.05) * fraction:  # a script reading the feed
            ip = f"192.0.2.{rng.randint(200, 229)}"
            self.add(day.uniform(rng), ip, PYTHON_REQUESTS, "/feed.json", size=18_406)
        if rng.random() < (0.3 if self.parent else 0.08) * fraction:  # a vulnerability scanner
            moment = day.uniform(rng)
            ip = f"192.0.2.{rng.randint(230, 249)}"
            agent = rng.choice((PYTHON_REQUESTS, CURL, WINDOWS_CHROME(day.date, 0)))
            for method, path in rng.sample(PROBES, rng.randint(3, 8)):
                moment += rng.randint(0, 3)
                found = method == "GET"
                self.add(
                    moment,
                    ip,
                    agent,
                    path,
                    method=method,
                    status=404 if found else 405,
                    size=NOT_FOUND if found else 157,
                )
        if rng.random() < 0.06 * fraction:  # a link checker: HEAD on the attachments
            moment = day.uniform(rng)
            for page in self.pages:
                for path, _size in page.files:
                    if page.since <= moment:
                        self.add(moment, "198.51.100.230", CURL, path, method="HEAD")
        if rng.random() < (0.12 if self.parent else 0.02) * fraction:
            # A headless browser (a preview or monitoring service) opening a few pages.
            moment = day.uniform(rng)
            agent = HEADLESS.format(v=chrome(day.date))
            ip = f"198.51.100.{rng.randint(200, 210)}"
            for page in rng.sample(self.pages, 3):
                moment += rng.randint(2, 20)
                if page.since > moment or moment >= day.high or page.gone or page.moved:
                    continue
                for path, size in [(page.path, page.size), *theme_assets(moment)[:2]]:
                    self.add(moment, ip, agent, path, size=size)


# Formats -----------------------------------------------------------------------------------


def nginx_stamp(moment: int) -> str:
    t = time.gmtime(moment + OFFSET)
    return (
        f"{t.tm_mday:02d}/{MONTHS[t.tm_mon - 1]}/{t.tm_year}:"
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0700"
    )


def nginx_line(r: Request) -> str:
    target = r.path + (f"?{r.query}" if r.query else "")
    return (
        f'{r.ip} - - [{nginx_stamp(r.moment)}] "{r.method} {target} {r.protocol}" {r.status} '
        f'{r.size} "{r.referer or "-"}" "{r.agent or "-"}"'
    )


CF_UNSAFE = frozenset(' "#%<>[\\]^`{|}')


def cf_encode(value: str) -> str:
    """A value as CloudFront writes it: spaces, controls, non-ASCII and a few more escaped."""
    return "".join(
        "".join(f"%{byte:02X}" for byte in char.encode())
        if char in CF_UNSAFE or not 32 < ord(char) < 127
        else char
        for char in value
    )


CONTENT_TYPES = {
    "css": "text/css",
    "js": "application/javascript",
    "svg": "image/svg+xml",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "json": "application/json",
    "ics": "text/calendar; charset=utf-8",
    "xml": "application/xml",
    "txt": "text/plain",
}
EDGES = ("SGN50-C1",) * 14 + ("SGN50-C2",) * 4 + ("HAN50-C1", "SIN2-P3")  # mostly the nearest
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


class CloudFront:
    """A member's requests as CloudFront standard log lines."""

    def __init__(self, host: str, domain: str, rng: random.Random):
        self.host, self.domain, self.rng = host, domain, rng
        self.pools = [
            ["".join(rng.choices(ALPHABET, k=n)) for _ in range(10)] for n in (14, 14, 13, 13)
        ]
        self.used: set[str] = set()

    def request_id(self) -> str:
        while True:
            value = "".join(self.rng.choice(pool) for pool in self.pools) + "=="
            if value not in self.used:
                self.used.add(value)
                return value

    def line(self, r: Request) -> str:
        rng = self.rng
        name = r.path.rsplit("/", 1)[-1]
        extension = name.rsplit(".", 1)[-1] if "." in name else ""
        if r.status == 301:
            result = "Redirect" if r.scheme == "http" else "FunctionGeneratedResponse"
        elif r.status >= 400:
            result = "Error"
        elif r.status == 304 or rng.random() < 0.85:
            result = "Hit"
        else:
            result = "Miss"
        if result == "Miss":
            taken = rng.choice((0.058, 0.086, 0.112))
            first_byte = taken - 0.002
        else:
            taken = first_byte = 0.001 if rng.random() < 0.7 else 0.002
        if r.status in (200, 404) and r.method == "GET":
            content_type = CONTENT_TYPES.get(extension, "text/html")
            length = str(r.size)
        else:
            content_type, length = "-", "-"
        secure = r.scheme == "https"
        stamp = time.gmtime(r.moment)
        fields = (
            f"{stamp.tm_year}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}",
            f"{stamp.tm_hour:02d}:{stamp.tm_min:02d}:{stamp.tm_sec:02d}",
            EDGES[zlib.crc32(r.ip.encode()) % len(EDGES)],
            str(r.size + 380 + 2 * len(content_type)),
            r.ip,
            r.method,
            self.domain,
            r.path,
            str(r.status),
            r.referer or "-",
            cf_encode(r.agent) or "-",
            r.query or "-",
            "-",
            result,
            self.request_id(),
            self.host,
            r.scheme,
            str(len(r.agent) + (310 if "Mozilla" in r.agent else 90)),  # request headers
            f"{taken:.3f}",
            "-",
            "TLSv1.3" if secure else "-",
            "TLS_AES_128_GCM_SHA256" if secure else "-",
            result,
            r.protocol,
            "-",
            "-",
            str(r.port or 30_000 + zlib.crc32(r.ip.encode()) % 30_000),
            f"{first_byte:.3f}",
            result,
            cf_encode(content_type),
            length,
            "-",
            "-",
        )
        return "\t".join(fields)


# Files -------------------------------------------------------------------------------------


def gzipped(text: str) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def unpacked(data: bytes) -> bytes:
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def joined(lines: Sequence[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def cut_short(rng: random.Random, lines: list[str]) -> None:
    """Add a copy of one of ``lines``, cut short (a write interrupted), after it."""
    at = rng.randrange(len(lines))
    lines.insert(at + 1, lines[at][: rng.randint(20, len(lines[at]) // 2)])


def rotations() -> list[int]:
    """logrotate's weekly runs in the period: the first cron.daily run (06:25) of a Sunday."""
    moment = dt.datetime.combine(START.date(), dt.time(6, 25), tzinfo=VN)
    while moment.weekday() != 6 or moment <= START:
        moment += dt.timedelta(days=1)
    found = []
    while moment < END:
        found.append(seconds(moment))
        moment += dt.timedelta(days=7)
    return found


def parent_files(requests: list[Request], rng: random.Random) -> dict[str, bytes]:
    """The parent's nginx log: weekly rotated files and the current ``access.log``."""
    edges = rotations()
    names = [f"access.log-{time.strftime('%Y%m%d', time.gmtime(e + OFFSET))}.gz" for e in edges]
    # A TLS handshake sent to the plain-HTTP port: nginx answers 400 and logs the bytes.
    moment = seconds(dt.datetime(2026, 10, 3, 2, 14, 51, tzinfo=VN))
    handshake = r"\x16\x03\x01\x02\x00\x01\x00\x01\xFC\x03\x03\x8E\x1A"
    lines = [(r.moment, nginx_line(r)) for r in requests]
    lines.append(
        (moment, f'203.0.113.57 - - [{nginx_stamp(moment)}] "{handshake}" 400 157 "-" "-"')
    )
    lines.sort(key=lambda pair: pair[0])
    chunks: dict[str, list[str]] = {}
    for moment, line in lines:
        at = bisect.bisect_right(edges, moment)
        chunks.setdefault(names[at] if at < len(names) else "access.log", []).append(line)
    # Four broken lines in two weeks: in each a line cut short; in one a line of the error log
    # written to the access log, in the other a crash's zeros.
    first, second = rng.sample(sorted(n for n in chunks if n != "access.log")[1:], 2)
    week = chunks[first]
    at = rng.randrange(len(week))
    stamp = dt.datetime.strptime(week[at].split("[", 1)[1].split("]", 1)[0], "%d/%b/%Y:%H:%M:%S %z")
    week.insert(
        at + 1,
        f"{stamp:%Y/%m/%d %H:%M:%S} [error] 1187#1187: *52341 open() "
        '"/var/www/tinh-lam-giang/wp-login.php" failed (2: No such file or directory), client: '
        "192.0.2.231, server: lamgiang.example",
    )
    chunks[second].insert(rng.randrange(1, len(chunks[second])), "\x00" * 64)
    cut_short(rng, chunks[first])
    cut_short(rng, chunks[second])
    return {
        name: joined(chunk).encode() if name == "access.log" else gzipped(joined(chunk))
        for name, chunk in chunks.items()
    }


def member_files(
    requests: list[Request], site: str, host: str, rng: random.Random
) -> dict[str, bytes]:
    """A member's CloudFront log: one file a week, from Monday 00:00 UTC."""
    distribution, domain = DISTRIBUTIONS[site]
    cloudfront = CloudFront(host, domain, rng)
    weeks: dict[int, list[Request]] = {}
    for request in requests:
        day = request.moment // DAY
        weeks.setdefault(day - (day + 3) % 7, []).append(request)  # 1970-01-01 was a Thursday
    header = f"#Version: 1.0\n#Fields: {CLOUDFRONT_HEADER}\n"
    # Five broken lines in three weeks: in each a line cut short; in one a crash's zeros, in
    # another an error page that found its way into the log.
    extras = dict(
        zip(
            rng.sample(sorted(weeks), 3),
            ("\x00" * 48, "<html><body><h1>502 Bad Gateway</h1></body></html>", None),
            strict=True,
        )
    )
    files = {}
    for monday, week in sorted(weeks.items()):
        lines = [cloudfront.line(r) for r in week]
        if monday in extras:
            if extras[monday]:
                lines.insert(rng.randrange(1, len(lines)), extras[monday])
            cut_short(rng, lines)
        first = time.strftime("%Y-%m-%d-%H", time.gmtime(week[0].moment))
        unique = hashlib.sha256(f"{site}/{monday}".encode()).hexdigest()[:8]
        files[f"{distribution}.{first}.{unique}.gz"] = gzipped(header + joined(lines))
    return files


@dataclass
class Summary:
    site: str
    files: int
    lines: int
    views: int  # readers' page views
    size: int  # bytes written
    per_day: tuple[int, int, float]  # fewest, most and mean page views on a whole day


def generate(out: Path, content: Path = CONTENT) -> list[Summary]:
    """Write the sample into ``out`` (one folder a site) and say what it holds."""
    hosts, pages = load_pages(content)
    summaries = []
    for index, site in enumerate(sorted(pages, key=lambda s: (s != PARENT, s))):
        rng = random.Random(SEED + index)
        requests = Traffic(
            site, hosts[site], pages[site], hosts[PARENT], rng.randrange(2**32)
        ).generate()
        if site == PARENT:
            files = parent_files(requests, rng)
        else:
            files = member_files(requests, site, hosts[site], rng)
        folder = out / site
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():  # a previous run's files
            if old.is_file() and (old.name.startswith("access.log") or old.suffix == ".gz"):
                old.unlink()
        for name, data in sorted(files.items()):
            (folder / name).write_bytes(data)
        per_day = Counter((r.moment + OFFSET) // DAY for r in requests if r.view)
        whole = [per_day.get((T0 + OFFSET) // DAY + n, 0) for n in range(1, DAYS)]
        summaries.append(
            Summary(
                site,
                files=len(files),
                lines=sum(len(unpacked(data).splitlines()) for data in files.values()),
                views=sum(per_day.values()),
                size=sum(len(data) for data in files.values()),
                per_day=(min(whole), max(whole), sum(whole) / len(whole)),
            )
        )
    return summaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the folder to write (demo/logs/)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    summaries = generate(args.out)
    for s in summaries:
        low, high, mean = s.per_day
        print(
            f"{s.site}: {s.files} files, {s.lines} lines, {s.views} page views "
            f"({low}-{high} a day, {mean:.0f} on average), {s.size / 1024:.0f} KB"
        )
    total = sum(s.size for s in summaries) / 1024
    print(f"{total:.0f} KB in {args.out} ({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
