"""Access logs: formats recognised, lines parsed, and the counting rules, on hand-written samples
of each format (tests/stats/samples/)."""

from __future__ import annotations

import datetime as dt
import gzip
from collections import Counter
from pathlib import Path

import pytest
from stats_support import SITES

from portal.stats.logs import (
    Malformed,
    Request,
    SiteMap,
    UnknownFormat,
    classify,
    detect_format,
    is_bot,
    page_key,
    read_log,
)

SAMPLES = Path(__file__).parent / "samples"
UTC = dt.UTC


def entries(name: str | Path, fmt: str = "auto") -> list[Request | Malformed]:
    with read_log(SAMPLES / name, fmt) as reader:
        return list(reader)


def verdicts(name: str, site: str | None = None) -> list[tuple[int, str | None, tuple]]:
    """(line, reason, (site, page, day)) of each line of a sample."""
    sitemap = SiteMap(SITES, site)
    out = []
    for entry in entries(name):
        v = classify(entry, sitemap)
        out.append((entry.line, v.reason, (v.site, v.page, v.day.isoformat() if v.day else None)))
    return out


def views(name: str, site: str | None = None) -> list[tuple[int, str, str, str]]:
    return [(line, *view) for line, reason, view in verdicts(name, site) if reason is None]


def reasons(name: str, site: str | None = None) -> Counter[str | None]:
    return Counter(reason for _, reason, _ in verdicts(name, site))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("nginx-combined.log", "combined"),
        ("nginx-combined.log.1", "combined"),  # gzip, recognised by its magic bytes
        ("apache-vhost.log", "combined"),
        ("dev-local.log", "combined"),
        ("cloudfront.log", "cloudfront"),
        ("cloudfront-19-fields.log", "cloudfront"),
        ("cloudflare.ndjson", "cloudflare"),
    ],
)
def test_format_recognised(name, fmt):
    with read_log(SAMPLES / name) as reader:
        assert reader.format == fmt


def test_detect_format_from_first_lines():
    cloudfront = (SAMPLES / "cloudfront.log").read_text().splitlines()
    assert detect_format(cloudfront[:3]) == "cloudfront"
    assert detect_format(cloudfront[2:4]) == "cloudfront"  # no header: date<TAB>time<TAB>
    assert detect_format(["", "  ", *(SAMPLES / "dev-local.log").read_text().splitlines()[:2]]) == (
        "combined"
    )
    assert detect_format((SAMPLES / "cloudflare.ndjson").read_text().splitlines()[:1]) == (
        "cloudflare"
    )
    # A damaged first line (a file cut mid-line, a flipped byte) does not hide the format.
    ndjson = (SAMPLES / "cloudflare.ndjson").read_text().splitlines()
    assert detect_format(["\x00" + ndjson[0][1:], *ndjson[1:3]]) == "cloudflare"
    assert detect_format(["hello", "world"]) is None
    assert detect_format(['{"a": 1}']) is None
    assert detect_format([]) is None


def test_unknown_format_is_an_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Biên bản họp\nkhông phải nhật ký\n", encoding="utf-8")
    with pytest.raises(UnknownFormat):
        read_log(path)
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    with read_log(empty) as reader:  # a fresh, empty log is no error
        assert reader.format == "" and list(reader) == []


def test_nginx_combined_every_rule():
    assert reasons("nginx-combined.log", "tinh-lam-giang") == {
        None: 12,
        "asset": 13,
        "bot": 7,
        "malformed": 4,
        "status": 3,
        "method": 2,
    }
    assert views("nginx-combined.log", "tinh-lam-giang") == [
        (1, "tinh-lam-giang", "", "2026-11-21"),
        (4, "tinh-lam-giang", "tin-tuc/hoi-nghi-tong-ket-nam-2026/", "2026-11-21"),
        (5, "tinh-lam-giang", "tin-tuc/hoi-nghi-tong-ket-nam-2026/", "2026-11-21"),  # 304
        (12, "tinh-lam-giang", "gioi-thieu/", "2026-11-21"),  # IPv6 client
        (13, "tinh-lam-giang", "tim-kiem/", "2026-11-21"),  # query dropped
        (15, "tinh-lam-giang", "van-ban/quyet-dinh-so-15-2026-qd-ubnd/", "2026-11-21"),
        (27, "tinh-lam-giang", "tin-tuc/lễ-hội-đất/", "2026-11-21"),  # percent-decoded
        (28, "tinh-lam-giang", "tin-tuc/", "2026-11-21"),  # agent with nginx's \x22
        (29, "tinh-lam-giang", "tin-tuc/hoi-nghi-tong-ket-nam-2026/", "2026-11-21"),  # index.html
        (40, "tinh-lam-giang", "van-ban/", "2026-11-21"),  # 23:59:59 +0700
        (41, "tinh-lam-giang", "van-ban/", "2026-11-22"),  # 00:00:01 +0700
        (42, "tinh-lam-giang", "", "2026-11-22"),
    ]
    by_line = {line: reason for line, reason, _ in verdicts("nginx-combined.log", "tinh-lam-giang")}
    assert [by_line[n] for n in (6, 7, 9, 10, 11, 33, 34)] == ["bot"] * 7  # Googlebot, bingbot,
    # AhrefsBot, curl, "-", HeadlessChrome, python-requests
    assert by_line[8] == "asset"  # robots.txt: asset before bot
    assert [by_line[n] for n in (16, 18, 20)] == ["status"] * 3  # 206, 404, 301
    assert [by_line[n] for n in (21, 22)] == ["method"] * 2  # HEAD, POST
    assert [by_line[n] for n in (23, 24, 25, 26)] == ["malformed"] * 4
    assert [by_line[n] for n in (2, 3, 14, 17, 19, 30, 31, 32, 35, 36, 37, 38)] == ["asset"] * 12


def test_malformed_lines_keep_their_numbers_and_sizes():
    found = [e for e in entries("nginx-combined.log") if isinstance(e, Malformed)]
    raw = (SAMPLES / "nginx-combined.log").read_bytes().split(b"\n")
    assert [e.line for e in found] == [23, 24, 25, 26]  # truncated, garbage, 31 Nov, TLS bytes
    assert [e.size for e in found] == [len(raw[n - 1]) for n in (23, 24, 25, 26)]
    assert [e.token() for e in found] == [f"!{e.size}" for e in found]


def test_blank_line_is_not_a_line_and_numbers_stay_physical():
    lines = [e.line for e in entries("nginx-combined.log")]
    assert 39 not in lines and lines[-1] == 42 and len(lines) == 41


def test_gzip_copy_reads_the_same():
    assert entries("nginx-combined.log.1") == entries("nginx-combined.log")


def test_request_fields_and_escapes():
    nginx = {e.line: e for e in entries("nginx-combined.log")}
    assert nginx[28].user_agent.endswith('Safari/537.36 "quoted"')  # nginx writes \x22
    assert nginx[13].path == "/tim-kiem/" and nginx[13].query.startswith("q=%C4%91")
    assert nginx[12].time == dt.datetime(2026, 11, 21, 3, 2, 11, tzinfo=UTC)
    apache = {e.line: e for e in entries("apache-vhost.log")}
    assert apache[11].user_agent.endswith('Safari/537.36 "quoted"')  # Apache writes \"
    assert apache[1].host == "lamgiang.example" and apache[10].host == "lamgiang.example"
    dev = {e.line: e for e in entries("dev-local.log")}
    assert dev[8].status == 304 and dev[8].bytes == 0  # Apache's %b "-"


def test_raw_non_ascii_in_a_combined_line(tmp_path):
    line = (
        '192.0.2.9 - - [21/Nov/2026:08:00:00 +0700] "GET /tin-tuc/đất/ HTTP/1.1" 200 10 "-" '
        '"Trình duyệt Cốc Cốc"\n'
    )
    path = tmp_path / "raw.log"
    path.write_bytes(line.encode("utf-8"))
    [entry] = entries(path)
    assert isinstance(entry, Request)
    assert entry.path == "/tin-tuc/đất/" and entry.user_agent == "Trình duyệt Cốc Cốc"


def test_tokens_hold_no_address_agent_or_query():
    for name in ("nginx-combined.log", "apache-vhost.log", "cloudfront.log", "cloudflare.ndjson"):
        for entry in entries(name):
            token = entry.token()
            assert "192.0.2." not in token and "2001:db8" not in token and "198.51" not in token
            assert "Mozilla" not in token and "?" not in token and "q=" not in token
    first = entries("nginx-combined.log")[0]
    assert first.token() == "2026-11-21T08:01:02+07:00|GET|/|200|18342"


def test_sites_by_host_prefix_and_day_boundaries():
    assert views("apache-vhost.log") == [
        (1, "tinh-lam-giang", "tin-tuc/", "2026-11-22"),  # 23:30 UTC is the next Vietnam day
        (2, "tinh-lam-giang", "", "2026-11-21"),  # 16:59:59 UTC = 23:59:59 in Vietnam
        (3, "tinh-lam-giang", "", "2026-11-22"),  # 17:00:00 UTC = midnight in Vietnam
        (4, "xa-phuoc-dinh", "thong-bao/lich-tiep-cong-dan-thang-12/", "2026-11-21"),
        (6, "xa-an-phu", "", "2026-11-21"),  # base_url path stripped
        (7, "xa-an-phu", "tin-tuc/mua-nuoc-noi/", "2026-11-21"),
        (10, "tinh-lam-giang", "van-ban/", "2026-11-21"),  # host in capitals
        (11, "tinh-lam-giang", "van-ban/", "2026-11-21"),
        (12, "tinh-lam-giang", "", "2026-11-21"),
        (13, "xa-phuoc-dinh", "gioi-thieu/", "2026-11-21"),  # localhost: /<site-id>/ layout
        (15, "xa-phuoc-dinh", "thong-bao/lich-tiep-cong-dan-thang-12/", "2026-11-21"),
    ]
    by_line = {line: reason for line, reason, _ in verdicts("apache-vhost.log")}
    assert by_line[8] == "site"  # the member's host, but outside its base_url path
    assert by_line[9] == "site"  # a host of no site
    assert by_line[14] == "bot" and by_line[5] == "status" and by_line[16] == "malformed"


def test_sites_by_path_segment():
    assert views("dev-local.log") == [
        (1, "tinh-lam-giang", "", "2026-11-20"),
        (3, "xa-phuoc-dinh", "", "2026-11-20"),
        (4, "xa-phuoc-dinh", "tin-tuc/ngay-hoi-dai-doan-ket/", "2026-11-20"),
        (7, "xa-an-phu", "lich-cong-tac/", "2026-11-20"),
        (8, "tinh-lam-giang", "", "2026-11-20"),
    ]
    by_line = {line: reason for line, reason, _ in verdicts("dev-local.log")}
    assert by_line[5] == "asset"  # /xa-phuoc-dinh/404.html
    assert by_line[6] == "site"  # /tin-tuc/: no site's segment


def test_site_given_strips_its_prefix():
    sitemap = SiteMap(SITES, "xa-an-phu")
    assert sitemap.locate("", "/xa-an-phu/tin-tuc/") == ("xa-an-phu", "tin-tuc/")
    assert sitemap.locate("khac.example", "/tin-tuc/") == ("xa-an-phu", "tin-tuc/")
    sitemap = SiteMap(SITES, "xa-phuoc-dinh")
    assert sitemap.locate("", "/xa-phuoc-dinh/gioi-thieu/") == ("xa-phuoc-dinh", "gioi-thieu/")
    assert sitemap.locate("", "/gioi-thieu/") == ("xa-phuoc-dinh", "gioi-thieu/")
    assert sitemap.locate("", "/xa-phuoc-dinh") == ("xa-phuoc-dinh", "")


def test_cloudfront():
    assert reasons("cloudfront.log") == {
        None: 9,
        "bot": 3,
        "status": 3,
        "malformed": 2,
        "method": 1,
        "asset": 1,
        "site": 1,
    }
    assert views("cloudfront.log") == [
        (3, "tinh-lam-giang", "", "2026-11-21"),
        (4, "tinh-lam-giang", "tin-tuc/", "2026-11-22"),  # 23:30 UTC
        (6, "tinh-lam-giang", "tim-kiem/", "2026-11-21"),
        (7, "tinh-lam-giang", "tin-tuc/lễ-hội-đất/", "2026-11-21"),
        (12, "xa-phuoc-dinh", "thong-bao/lich-tiep-cong-dan-thang-12/", "2026-11-21"),
        (18, "tinh-lam-giang", "", "2026-11-21"),  # 304
        (20, "tinh-lam-giang", "van-ban/", "2026-11-21"),
        (21, "tinh-lam-giang", "van-ban/", "2026-11-21"),  # 16:59:59 UTC
        (22, "tinh-lam-giang", "van-ban/", "2026-11-22"),  # 17:00:00 UTC
    ]
    found = {e.line: e for e in entries("cloudfront.log")}
    assert found[4].user_agent.startswith("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5")  # twice
    assert found[3].user_agent.startswith("Mozilla/5.0 (Windows NT 10.0")  # once
    assert found[3].host == "lamgiang.example"  # x-host-header, not cs(Host)
    assert found[13].host == "d1a2b3c4d5e6f7.cloudfront.net"
    assert found[6].path == "/tim-kiem/" and found[6].query
    assert found[8].status == 0  # 000: the viewer left
    assert isinstance(found[14], Malformed) and isinstance(found[15], Malformed)
    assert found[3].time == dt.datetime(2026, 11, 21, 1, 2, 3, tzinfo=UTC)


def test_cloudfront_with_fewer_fields():
    assert views("cloudfront-19-fields.log") == [
        (3, "tinh-lam-giang", "", "2026-11-20"),
        (4, "tinh-lam-giang", "tin-tuc/", "2026-11-20"),
        (6, "xa-phuoc-dinh", "thong-bao/lich-tiep-cong-dan-thang-12/", "2026-11-20"),
    ]


def test_cloudfront_gzipped(tmp_path):
    copy = tmp_path / "E2EXAMPLE.2026-11-21-03.a1b2c3d4"  # CloudFront's name, minus .gz
    copy.write_bytes(gzip.compress((SAMPLES / "cloudfront.log").read_bytes(), mtime=0))
    assert entries(copy) == entries("cloudfront.log")


def test_cloudflare():
    assert views("cloudflare.ndjson") == [
        (1, "tinh-lam-giang", "", "2026-11-21"),
        (2, "tinh-lam-giang", "tin-tuc/", "2026-11-22"),  # unix ns, 23:30 UTC
        (4, "tinh-lam-giang", "tim-kiem/", "2026-11-21"),
        (9, "xa-phuoc-dinh", "thong-bao/lich-tiep-cong-dan-thang-12/", "2026-11-21"),
        (10, "tinh-lam-giang", "van-ban/", "2026-11-21"),
        (12, "tinh-lam-giang", "van-ban/", "2026-11-21"),
        (13, "tinh-lam-giang", "van-ban/", "2026-11-22"),  # unix seconds, 17:00 UTC
    ]
    found = {e.line: e for e in entries("cloudflare.ndjson")}
    assert found[10].time == dt.datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)  # to the second
    assert found[2].time == dt.datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
    assert isinstance(found[8], Malformed) and isinstance(found[11], Malformed)
    assert (found[4].path, found[4].query) == ("/tim-kiem/", "q=dat+dai")


def test_format_forced():
    assert all(isinstance(e, Malformed) for e in entries("dev-local.log", "cloudfront"))
    forced = entries("cloudfront.log", "combined")  # its headers are lines then
    assert len(forced) == 22 and all(isinstance(e, Malformed) for e in forced)
    assert [e.line for e in entries("dev-local.log", "combined")] == list(range(1, 9))


def test_unfinished_last_line_is_left(tmp_path):
    data = (SAMPLES / "dev-local.log").read_bytes()
    path = tmp_path / "access.log"
    path.write_bytes(data + b'127.0.0.1 - - [20/Nov/2026:14:04:00 +0700] "GET /tinh-lam-giang/ HT')
    with read_log(path) as reader:
        assert len(list(reader)) == 8
        assert reader.partial == 9


@pytest.mark.parametrize(
    ("rel", "key"),
    [
        ("", ""),
        ("index.html", ""),
        ("tin-tuc/a/", "tin-tuc/a/"),
        ("tin-tuc/a/index.html", "tin-tuc/a/"),
        ("gioi-thieu.html", "gioi-thieu.html"),
        ("404.html", None),
        ("410.html", None),
        ("theme/css/portal.css", None),
        ("theme/x/", None),
        ("pagefind/", None),
        ("pagefind-full/x/", None),
        ("pagefind-sites/xa/", None),
        ("widget/v1/", None),
        ("_nhap/", None),
        (".git/", None),
        ("feed.json", None),
        ("atom.xml", None),
        ("lich-cong-tac/lich.ics", None),
        ("van-ban/a/qd.pdf", None),
        ("tin-tuc/a/anh.jpg", None),
        ("robots.txt", None),
        ("tin-tuc", None),
    ],
)
def test_page_key(rel, key):
    assert page_key(rel) == key


@pytest.mark.parametrize(
    ("agent", "bot"),
    [
        ("", True),
        ("-", True),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", True),
        ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", True),
        ("curl/8.5.0", True),
        ("Wget/1.21.4", True),
        ("python-requests/2.32.3", True),
        ("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36", True),
        (
            "Mozilla/5.0 (Linux; Android 7.0) Chrome/119.0 Mobile Safari/537.36 Chrome-Lighthouse",
            True,
        ),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", False),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "coc_coc_browser/134.0.0 Chrome/128.0.0.0 Safari/537.36",
            False,
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36 Zalo android/12100566 ZaloLanguage/vi",
            False,
        ),
    ],
)
def test_bots(agent, bot):
    assert is_bot(agent) is bot
