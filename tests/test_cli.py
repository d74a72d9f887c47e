"""The portal command: check, new, build, as collaborators and CI call them."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from portal.cli import main
from portal.types import REGISTRY
from support import PDF, REPO, article


@pytest.fixture
def runner():
    return CliRunner()


def test_check_clean(runner, make_content):
    content = make_content({"huyen/articles/a.md": article()})
    result = runner.invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 0, result.output
    assert "Không có lỗi: 1 tệp nội dung trên 2 trang" in result.output


def test_check_github_annotations(runner, make_content):
    content = make_content(
        {
            "huyen/articles/a.md": article(date="2026-02-30"),
            "huyen/articles/b.md": article("Tin khác", colour="đỏ"),
        }
    )
    result = runner.invoke(main, ["check", "--content", str(content), "--format", "github"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("::error")]
    assert len(lines) == 2
    assert re.match(r"::error file=.*huyen/articles/a\.md,line=3,title=date::", lines[0])
    assert re.match(r"::error file=.*huyen/articles/b\.md,line=5,title=colour::", lines[1])


ANNOTATION = re.compile(r"^::error file=([^,:]*),line=(\d+),title=([^,:]*)::(.*)$")


def _unescape(text: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_annotations_cannot_be_injected(runner, make_content):
    """A file name carrying '%0A::error::', ',', ':' and a line break, and a YAML key carrying
    all but the line break, each stay inside one escaped property of one workflow command
    (@actions/core's escaping)."""
    hostile = "x%0A::error::y,line=9:z\n::warning::w"
    name = f"huyen/articles/{hostile}.md"
    key = hostile.partition("\n")[0]  # a key with a line break is refused by the reader
    b_text = article("Tin khác").replace("title:", f'"{key}": v\ntitle:', 1)
    content = make_content({name: article(date="2026-02-30"), "huyen/articles/b.md": b_text})
    result = runner.invoke(main, ["check", "--content", str(content), "--format", "github"])
    assert result.exit_code == 1
    commands = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(commands) == 3, result.output  # the date, the key, the file's name
    found = {}
    for line in commands:
        match = ANNOTATION.match(line)
        assert match, line
        assert "\r" not in line
        found[_unescape(match[3])] = _unescape(match[1])
    assert found["date"].endswith(f"{hostile}.md")
    assert found["file"].endswith(f"{hostile}.md")
    assert found[key].endswith("b.md")


def test_check_paths_limits_the_report(runner, make_content):
    content = make_content(
        {
            "huyen/articles/a.md": article(date="2026-02-30"),
            "huyen/articles/b.md": article("Tin khác", colour="đỏ"),
        }
    )
    result = runner.invoke(
        main, ["check", "--content", str(content), str(content / "huyen/articles/b.md")]
    )
    assert result.exit_code == 1
    assert "b.md:5: colour" in result.output and "a.md" not in result.output


@pytest.mark.parametrize("kind", list(REGISTRY))
def test_new_writes_a_valid_draft_with_every_field(runner, make_content, tmp_path, kind):
    content = make_content()
    attachment = tmp_path / "Quyết định mẫu.pdf"
    attachment.write_bytes(PDF)
    extra = ["--file", str(attachment)] if kind == "documents" else []
    result = runner.invoke(
        main,
        [
            "new",
            kind,
            "--site",
            "huyen",
            "--title",
            "Thông báo: thử nghiệm",
            "--content",
            str(content),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    path = next((content / "huyen" / kind).glob("*.md"))
    text = path.read_text(encoding="utf-8")
    for key, spec in REGISTRY[kind].schema.items():
        if not spec.forbidden:
            assert re.search(rf"^#? ?{key}:", text, re.M), f"{key} missing from new {kind}"
    assert "status: draft" in text
    check = runner.invoke(main, ["check", "--content", str(content)])
    assert check.exit_code == 0, check.output + text


def test_new_refuses_what_it_cannot_make_valid(runner, make_content):
    content = make_content()
    result = runner.invoke(
        main, ["new", "documents", "--site", "huyen", "--title", "QĐ", "--content", str(content)]
    )
    assert result.exit_code != 0 and "--file" in result.output
    result = runner.invoke(
        main, ["new", "articles", "--site", "khong-co", "--title", "T", "--content", str(content)]
    )
    assert result.exit_code != 0 and "khong-co" in result.output


def test_new_refuses_an_attachment_the_check_would_refuse(runner, make_content, tmp_path):
    content = make_content()
    notes = tmp_path / "README.md"
    notes.write_text("# ghi chú\n", encoding="utf-8")
    renamed = tmp_path / "quyet-dinh.pdf"
    renamed.write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    for bad, words in ((notes, "không được phép"), (renamed, "không phải tệp .pdf thật")):
        args = ["new", "documents", "--site", "huyen", "--title", "QĐ", "--file", str(bad)]
        result = runner.invoke(main, [*args, "--content", str(content)])
        assert result.exit_code != 0 and words in result.output, result.output
        assert not (content / "huyen" / "documents").exists()  # nothing written


def build_args(content, output, *extra: str) -> list[str]:
    """``portal build`` into ``output`` with the repository's settings."""
    return [
        "build",
        "--content",
        str(content),
        "--output",
        str(output),
        "--settings",
        str(REPO / "pelicanconf.py"),
        *extra,
    ]


def test_build_reports_errors_and_writes_nothing(runner, make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article(category='"Lạ"')})
    output = tmp_path / "out"
    result = runner.invoke(main, build_args(content, output))
    assert result.exit_code == 1
    assert "a.md:4: category:" in result.output
    assert not output.exists()


def test_build_ok(runner, make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article()})
    output = tmp_path / "out"
    result = runner.invoke(main, build_args(content, output, "--now", "2026-11-22 12:00"))
    assert result.exit_code == 0, result.output
    assert (output / "huyen/tin-tuc/tin-thu-nghiem/index.html").is_file()
    assert (output / "index.html").is_file()  # the development index of all sites


def test_build_again_keeps_what_did_not_change_unless_full(runner, make_content, tmp_path):
    content = make_content(
        {
            "huyen/articles/a.md": article(),
            "xa/articles/b.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
        }
    )
    args = build_args(content, tmp_path / "out", "--now", "2026-11-22 12:00", "--no-search")
    assert runner.invoke(main, args).exit_code == 0
    again = runner.invoke(main, args)
    assert again.exit_code == 0 and again.output.count("không đổi, giữ bản trước") == 2
    # The parent's pages show nothing of this member article: the parent is kept.
    (content / "xa/articles/b.md").write_text(
        article("Tin của xã", "Đã sửa.", category='"Tin tức - Sự kiện"'), "utf-8"
    )
    changed = runner.invoke(main, args)
    assert "huyen: không đổi" in changed.output and "xa: không đổi" not in changed.output
    full = runner.invoke(main, [*args, "--full"])
    assert full.exit_code == 0 and "không đổi" not in full.output


def test_every_command_and_make_target_is_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"portal {name}" in readme, name
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):", makefile, re.M)
    for target in targets:
        if target not in ("system-deps", "python-venv"):  # internal install steps
            assert f"`{target}`" in readme, target


def test_help_is_vietnamese_with_english_twins(runner):
    """``portal --help`` and each verb's help read in Vietnamese first; no verb is left out."""
    from portal import clihelp

    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0
    assert "Cách dùng (Usage):" in top.output and "Lệnh (Commands):" in top.output
    assert "Xem hướng dẫn này. (Show this message and exit.)" in top.output
    assert "Công cụ xây dựng cổng thông tin điện tử" in top.output
    assert set(main.commands) == set(clihelp.COMMANDS), "every verb needs a Vietnamese summary"
    for name in main.commands:
        shown = runner.invoke(main, [name, "--help"])
        assert shown.exit_code == 0, shown.output
        assert "Tùy chọn (Options):" in shown.output
        summary = " ".join(clihelp.COMMANDS[name].split())
        assert summary in " ".join(shown.output.split()), name
    build = runner.invoke(main, ["build", "--help"]).output
    assert "Thư mục nội dung có sites.yml." in build and "Only what changed" in build
