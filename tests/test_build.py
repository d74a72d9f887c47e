"""A real mini-build: pages at clean URLs, attachments beside their page, nothing surprising."""

from __future__ import annotations

from bs4 import BeautifulSoup

from support import PDF, article


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


DOCUMENT = """\
    ---
    title: "Quyết định về việc công bố thủ tục đăng ký đất đai"
    date: 2026-11-20 08:00
    number: "012/QĐ-UBND"
    doc_type: Quyết định
    issuer: "UBND huyện Thử Nghiệm"
    issued: 2026-11-19
    summary: "Công bố thủ tục đăng ký đất đai"
    files: ["tệp/Quyết định 012.pdf"]
    ---
    Văn bản có hiệu lực từ ngày ký.
    """


def test_every_type_at_its_clean_url(make_content, build_into):
    content = make_content(
        {
            "huyen/articles/a.md": article("Đăng ký đất đai trực tuyến", tags="[đất đai]"),
            "huyen/documents/qd.md": DOCUMENT,
            "huyen/documents/tệp/Quyết định 012.pdf": PDF,
            "huyen/schedules/w47.md": """\
            ---
            title: "Lịch công tác tuần 47"
            date: 2026-11-13 16:00
            week: 2026-W47
            owner: "Thường trực UBND"
            items:
              - {date: 2026-11-16, time: "08:00", content: "Giao ban", invitation: "5/GM-UBND"}
            ---
            """,
            "huyen/invitations/gm.md": """\
            ---
            title: "Giấy mời họp giao ban"
            date: 2026-11-12 08:00
            number: "5/GM-UBND"
            start: 2026-11-16 08:00
            end: 2026-11-16 11:00
            location: "Hội trường"
            notify: [lanh-dao, ke.toan@huyen.example]
            ---
            """,
            "huyen/procedures/p.md": """\
            ---
            title: "Đăng ký đất đai lần đầu"
            date: 2026-11-01 08:00
            code: "1.004227"
            field: "Đất đai"
            agency: "Văn phòng đăng ký đất đai"
            level: Toàn trình
            online_url: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html
            ---
            1. Nộp hồ sơ.
            """,
            "huyen/qa/q.md": """\
            ---
            title: "Hỏi về cấp sổ đỏ"
            date: 2026-11-01 08:00
            question: "Bao lâu thì được cấp?"
            asked_by: "Ông Trần Văn Hai"
            ---
            Trả lời: 15 ngày.
            """,
            "huyen/consultations/c.md": """\
            ---
            title: "Dự thảo quy chế"
            date: 2026-11-01 08:00
            opens: 2026-11-01
            closes: 2026-12-01
            comment_email: gopy@huyen.example
            ---
            Mời góp ý.
            """,
            "huyen/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\nnav: true\norder: 1\n---\nVề.\n",
        }
    )
    site = build_into(content) / "huyen"
    for url in (
        "tin-tuc/dang-ky-dat-dai-truc-tuyen/",
        "van-ban/quyet-dinh-ve-viec-cong-bo-thu-tuc-dang-ky-dat-dai/",
        "lich-cong-tac/lich-cong-tac-tuan-47/",
        "giay-moi/giay-moi-hop-giao-ban/",
        "thu-tuc-hanh-chinh/dang-ky-dat-dai-lan-dau/",
        "hoi-dap/hoi-ve-cap-so-do/",
        "lay-y-kien/du-thao-quy-che/",
        "gioi-thieu/",
        "tin-tuc/",
        "van-ban/",
        "lich-cong-tac/",
        "giay-moi/",
        "thu-tuc-hanh-chinh/",
        "hoi-dap/",
        "lay-y-kien/",
        "chuyen-muc/thong-bao/",
        "the/dat-dai/",
        "tin-tuc/2026/11/",
        "",
    ):
        page = site / url / "index.html"
        assert page.is_file(), url
        assert soup(page).html["lang"] == "vi"
    assert (site / "404.html").is_file()
    doc = soup(site / "van-ban/quyet-dinh-ve-viec-cong-bo-thu-tuc-dang-ky-dat-dai/index.html")
    link = doc.find("a", attrs={"download": True})
    assert link["href"].endswith(
        "/quyet-dinh-ve-viec-cong-bo-thu-tuc-dang-ky-dat-dai/quyet-dinh-012.pdf"
    )
    assert link["type"] == "application/pdf"
    assert "PDF, 69 B" in link.parent.text  # type and size shown
    assert "012/QĐ-UBND" in doc.text  # the leading zero survived
    copied = site / "van-ban/quyet-dinh-ve-viec-cong-bo-thu-tuc-dang-ky-dat-dai/quyet-dinh-012.pdf"
    assert copied.read_bytes() == PDF
    listing = soup(site / "van-ban/index.html")
    number = listing.find("a", string="012/QĐ-UBND")  # the library lists by number
    assert number["href"].endswith("/van-ban/quyet-dinh-ve-viec-cong-bo-thu-tuc-dang-ky-dat-dai/")
    schedule = soup(site / "lich-cong-tac/lich-cong-tac-tuan-47/index.html")
    assert "Thứ Hai" in schedule.find("table").text
    assert not list(site.rglob("drafts"))
    assert not (site / "articles").exists() and not (site / "documents").exists()


def test_titles_and_tags_are_escaped(make_content, build_into):
    content = make_content(
        {
            "huyen/articles/a.md": article(
                "<script>alert(1)</script> Tin",
                tags='["<b>đậm</b>"]',
                summary='"<img src=x onerror=alert(1)>"',
            )
        }
    )
    site = build_into(content) / "huyen"
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "<script>alert" not in text, page
        assert "<img src=x" not in text and "<b>đậm" not in text, page


def test_member_site_only(make_content, build_into):
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin huyện"),
            "xa/articles/a.md": article("Tin xã", category='"Tin tức - Sự kiện"'),
        }
    )
    output = build_into(content, site_ids=["xa"])
    assert (output / "xa/tin-tuc/tin-xa/index.html").is_file()
    assert not (output / "huyen").exists()


def test_site_absolute_links_follow_the_site_prefix(make_content, build_into):
    content = make_content({"huyen/articles/a.md": article(body="Xem [văn bản](/van-ban/).")})
    page = build_into(content) / "huyen/tin-tuc/tin-thu-nghiem/index.html"
    assert soup(page).find("a", string="văn bản")["href"] == "/huyen/van-ban/"


def test_data_folders_are_relative_to_the_settings_file_not_the_working_folder(
    tmp_path, monkeypatch
):
    """A build run from another folder read no ratings (and no statistics): the answers'
    "hài lòng nhất" page and ~460 other files depended on where `portal` was started."""
    from pathlib import Path

    from portal.build import load_base_settings
    from portal.forms.ratings import ratings_dir
    from portal.stats.view import stats_dir

    repo = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(tmp_path)
    settings = load_base_settings(repo / "pelicanconf.py")
    assert ratings_dir(settings) == repo / "ratings"
    assert stats_dir(settings) == repo / "stats"
    assert any(ratings_dir(settings).glob("*.json"))


def test_a_content_folder_reached_through_a_symlink_builds_the_same(make_content, tmp_path):
    """The catalog names items by their path as given (symlinks kept) and Pelican reads under
    the site's PATH: both must spell it alike, or every item is 'not in the portal catalog'
    (a traceback; found with a corpus linked into the shard benchmark's folder)."""
    from portal.build import build
    from support import DEMO_NOW, SETTINGS
    from trees import differences

    content = make_content({"huyen/articles/a.md": article(), "xa/documents/d.md": DOCUMENT})
    pdf = content / "xa" / "documents" / "tệp" / "Quyết định 012.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(PDF)
    linked = tmp_path / "linked"
    linked.symlink_to(content, target_is_directory=True)
    options = {"now": DEMO_NOW, "search": False, "history": False, "incremental": False}
    build(content, tmp_path / "plain", SETTINGS, **options)
    build(linked, tmp_path / "through-link", SETTINGS, **options)
    assert not differences(tmp_path / "plain", tmp_path / "through-link")
    assert (tmp_path / "through-link" / "xa" / "van-ban").is_dir()
