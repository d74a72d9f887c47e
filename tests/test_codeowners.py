"""portal codeowners: .github/CODEOWNERS follows the editors in sites.yml."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from portal.cli import main
from portal.codeowners import OwnerError, owner, render
from portal.errors import ErrorReport
from portal.sites import load_sites
from support import DEMO_CONTENT, REPO, SETTINGS


@pytest.fixture
def sites_copy(tmp_path):
    """A content folder holding a copy of the demo's sites.yml and empty site folders."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(DEMO_CONTENT / "sites.yml", content / "sites.yml")
    for site in load_sites(DEMO_CONTENT, ErrorReport()):
        (content / site.id).mkdir()
    return content


def run(content, output, *extra):
    args = ["codeowners", "--content", str(content), "--output", str(output)]
    args += ["--settings", str(SETTINGS), *extra]
    return CliRunner().invoke(main, args)


def rules(text: str) -> dict[str, list[str]]:
    """Pattern → owners, from a CODEOWNERS text (comments and blank lines skipped)."""
    lines = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    return {parts[0]: parts[1:] for parts in lines}


def test_each_site_folder_is_owned_by_its_own_editors_only():
    sites = load_sites(DEMO_CONTENT, ErrorReport())
    owned = rules(render(sites, ["@lamgiang/ky-thuat"]))
    parent = next(s for s in sites if s.is_parent)
    assert owned[f"/content/{parent.id}/"] == [owner(e) for e in parent.editors]
    for member in (s for s in sites if not s.is_parent):
        members_owners = owned[f"/content/{member.id}/"]
        assert members_owners == [owner(e) for e in member.editors]
        assert not set(members_owners) & {owner(e) for e in parent.editors}
    for path in (
        "*",
        "/.github/",
        "/plugins/",
        "/theme/",
        "/pelicanconf.py",
        "/Makefile",
        "/pyproject.toml",
        "/requirements.lock",
        "/content/sites.yml",
    ):
        assert owned[path] == ["@lamgiang/ky-thuat"], path


def test_technical_paths_come_after_the_sites_so_no_site_can_claim_them():
    text = render(load_sites(DEMO_CONTENT, ErrorReport()), ["@lamgiang/ky-thuat"])
    patterns = list(rules(text))
    assert patterns[0] == "*"  # first: the fallback, overridden by every later line
    last_site = max(
        i for i, p in enumerate(patterns) if p.startswith("/content/") and p.endswith("/")
    )
    assert patterns.index("/.github/") > last_site
    assert patterns.index("/content/sites.yml") > last_site


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("vo-thanh-tung", "@vo-thanh-tung"),
        ("@vo-thanh-tung", "@vo-thanh-tung"),
        ("@lamgiang/bien-tap", "@lamgiang/bien-tap"),
        ("lamgiang/bien-tap", "@lamgiang/bien-tap"),
    ],
)
def test_owner_names(written, expected):
    assert owner(written) == expected


@pytest.mark.parametrize("bad", ["", "ông Tùng", "-tung", "tung--vo", "@org/", "a@b.example"])
def test_owner_names_github_would_refuse(bad):
    with pytest.raises(OwnerError):
        owner(bad)


def test_check_fails_when_the_editors_change(sites_copy, tmp_path):
    output = tmp_path / ".github" / "CODEOWNERS"
    assert run(sites_copy, output).exit_code == 0
    assert run(sites_copy, output, "--check").exit_code == 0

    sites_yml = sites_copy / "sites.yml"
    text = sites_yml.read_text(encoding="utf-8")
    sites_yml.write_text(
        text.replace("    - doan-thi-thao\n", "    - doan-thi-thao\n    - moi-bien-tap-vien\n"),
        encoding="utf-8",
    )
    stale = run(sites_copy, output, "--check")
    assert stale.exit_code == 1
    assert "+/content/xa-phuoc-dinh/" in stale.output and "@moi-bien-tap-vien" in stale.output
    assert "hãy chạy 'portal codeowners'" in stale.output and "is out of date" in stale.output
    assert "@moi-bien-tap-vien" not in output.read_text(encoding="utf-8")  # --check writes nothing

    assert run(sites_copy, output).exit_code == 0
    assert run(sites_copy, output, "--check").exit_code == 0
    assert rules(output.read_text(encoding="utf-8"))["/content/xa-phuoc-dinh/"][-1] == (
        "@moi-bien-tap-vien"
    )


def test_check_fails_when_the_file_is_missing_or_edited_by_hand(sites_copy, tmp_path):
    output = tmp_path / "CODEOWNERS"
    assert run(sites_copy, output, "--check").exit_code == 1
    run(sites_copy, output)
    output.write_text(output.read_text(encoding="utf-8") + "/content/ @someone\n", "utf-8")
    assert run(sites_copy, output, "--check").exit_code == 1


def test_a_site_without_editors_falls_to_the_technical_team(sites_copy, tmp_path):
    sites_yml = sites_copy / "sites.yml"
    text = sites_yml.read_text(encoding="utf-8")
    listed = '  editors:\n    - "@lamgiang/dao-thanh"\n    - tang-thi-hong-nhung\n'
    assert listed in text
    sites_yml.write_text(text.replace(listed, "  editors: []\n"), encoding="utf-8")
    output = tmp_path / "CODEOWNERS"
    result = run(sites_copy, output, "--tech-team", "@lamgiang/ky-thuat")
    assert result.exit_code == 0, result.output
    assert rules(output.read_text(encoding="utf-8"))["/content/xa-dao-thanh/"] == [
        "@lamgiang/ky-thuat"
    ]


def test_an_editor_github_would_refuse_is_reported(sites_copy, tmp_path):
    sites_yml = sites_copy / "sites.yml"
    text = sites_yml.read_text(encoding="utf-8")
    sites_yml.write_text(text.replace("- doan-thi-thao", '- "Đoàn Thị Thảo"'), encoding="utf-8")
    result = run(sites_copy, tmp_path / "CODEOWNERS")
    assert result.exit_code == 1
    assert "xa-phuoc-dinh.editors" in result.output and "Đoàn Thị Thảo" in result.output
    assert not (tmp_path / "CODEOWNERS").exists()


def test_the_repository_codeowners_is_current():
    result = run(DEMO_CONTENT, REPO / ".github" / "CODEOWNERS", "--check")
    assert result.exit_code == 0, (
        f"{result.output}\nRun `portal codeowners` and commit .github/CODEOWNERS."
    )
