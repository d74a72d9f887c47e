"""``portal cms``: the form editor's configuration (admin/config.yml) comes from the content model
and sites.yml, is committed, and covers every content folder of every site with the editorial
workflow; the built parent site serves the editor from its own origin with its own CSP."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from portal.cli import main
from portal.cms import CONFIG_PATH, config
from portal.cms.admin import UNPKG, localised_script
from portal.errors import ErrorReport
from portal.headers import netlify
from portal.headers.policy import SitePolicy, content_security_policy
from portal.sites import load_sites
from portal.types import REGISTRY
from support import DEMO_CONTENT, REPO

COMMITTED = REPO / CONFIG_PATH


def demo_sites():
    report = ErrorReport()
    sites = load_sites(DEMO_CONTENT, report)
    assert not report
    return sites


def committed() -> dict:
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


def test_the_committed_configuration_is_current():
    """`portal cms --check` fails when the content model or sites.yml changed and nobody ran
    `portal cms`; it passes on the committed file."""
    runner = CliRunner()
    result = runner.invoke(main, ["cms", "--check", "--content", str(DEMO_CONTENT)])
    assert result.exit_code == 0, result.output


def test_a_stale_configuration_is_refused(tmp_path):
    stale = tmp_path / "config.yml"
    stale.write_text(COMMITTED.read_text(encoding="utf-8").replace("Tiêu đề", "Title"))
    runner = CliRunner()
    args = ["cms", "--check", "--content", str(DEMO_CONTENT), "--output", str(stale)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "portal cms" in result.output and "Title" in result.output
    assert runner.invoke(main, args[:1] + args[2:]).exit_code == 0  # written
    assert runner.invoke(main, args).exit_code == 0


def test_every_type_of_every_site_is_a_collection_with_the_workflow():
    data = committed()
    sites = demo_sites()
    folders = {c["folder"] for c in data["collections"]}
    for site in sites:
        for kind in REGISTRY:
            assert f"content/{site.id}/{kind}" in folders
        for folder in (DEMO_CONTENT / site.id).iterdir():
            if folder.is_dir() and folder.name in REGISTRY:
                assert f"content/{site.id}/{folder.name}" in folders
    assert data["publish_mode"] == "editorial_workflow"
    assert data["backend"]["name"] == "github"
    # the labels .github/labels.yml creates and docs/van-hanh.md section 7 names
    labels = yaml.safe_load((REPO / ".github/labels.yml").read_text(encoding="utf-8"))
    prefix = data["backend"]["cms_label_prefix"]
    assert {label["name"] for label in labels} == {
        f"{prefix}{s}" for s in ("draft", "pending_review", "pending_publish")
    }


def test_widgets_follow_the_field_kinds():
    data = committed()
    sites = {s.id: s for s in demo_sites()}
    for collection in data["collections"]:
        site = sites[collection["folder"].split("/")[1]]
        fields = {f["name"]: f for f in collection["fields"]}
        if "date" in fields:  # what the reader reads as Vietnam time
            assert fields["date"]["widget"] == "datetime"
            assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
        if "category" in fields and site.categories:
            assert fields["category"]["widget"] == "select"
            assert fields["category"]["options"] == site.categories
        assert fields["tags"]["widget"] == "list"
        # The value written is the key; the form shows its Vietnamese name (FieldSpec.names).
        assert fields["status"]["options"] == [
            {"label": "Đăng (công khai)", "value": "published"},
            {"label": "Bản nháp (chưa công bố)", "value": "draft"},
        ]
        assert fields["unpublished"]["widget"] == "object"
        parts = {f["name"]: f for f in fields["unpublished"]["fields"]}
        assert parts["reason"]["label"] == "Lý do gỡ" and parts["date"]["label"] == "Ngày gỡ"
        assert [o["value"] for o in parts["reason"]["options"]] == [
            "error",
            "consolidated",
            "withdrawn",
        ]
        assert fields["minor"]["widget"] == "boolean" and fields["change_note"]["hint"]
        if "files" in fields:
            assert (
                fields["files"]["widget"] == "file" and fields["files"]["media_folder"] == "files"
            )
        if "replaces" in fields:
            assert fields["replaces"]["widget"] == "relation"
            assert fields["replaces"]["collection"] == f"{site.id}-documents"
        assert collection["media_folder"] == "files"  # beside the item, as `portal new` does
        assert all(f.get("label") for f in collection["fields"])


def test_the_labels_are_vietnamese():
    fields = committed()["collections"][0]["fields"]
    assert fields[0]["label"] == "Tiêu đề"
    assert any("đ" in f["hint"] or "ệ" in f["hint"] for f in fields)


def test_the_copied_script_fetches_nothing_from_a_cdn(tmp_path):
    """Sveltia's script loads its fonts and Vietnamese strings from CDNs; the copy the build
    publishes points at files beside it."""
    text = localised_script(REPO / "node_modules/@sveltia/cms", tmp_path)
    assert UNPKG + "`" not in text and "cdn.jsdelivr.net" not in text
    assert (tmp_path / "fonts/material-symbols-outlined.woff2").stat().st_size > 100_000
    assert list(tmp_path.glob("sveltia-cms@*/locales/vi.json"))


def test_the_built_parent_serves_the_editor_with_its_own_policy(demo_output: Path):
    parent = next(s for s in demo_sites() if s.is_parent)
    admin = demo_output / parent.id / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="sveltia-cms.js"></script>' in page and "<script>" not in page
    assert yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8")) == config(
        demo_sites(), {}
    )
    for member in (s for s in demo_sites() if not s.is_parent):
        assert not (demo_output / member.id / "admin").exists()
    rules = netlify.rules  # the file as written by the build
    del rules
    headers = (demo_output / parent.id / "_headers").read_text(encoding="utf-8")
    admin_csp = content_security_policy("admin", SitePolicy(admin=True))
    assert f"/admin/*\n  Content-Security-Policy: {admin_csp}" in headers
    assert "Cross-Origin-Opener-Policy: same-origin-allow-popups" in headers
    public = content_security_policy("page", SitePolicy(admin=True))
    assert "unsafe-inline" not in public and "blob:" not in public
    assert "api.github.com" in admin_csp and "'unsafe-eval'" not in admin_csp
    nginx = (demo_output / parent.id / "_nginx.conf").read_text(encoding="utf-8")
    assert f"location ^~ /{parent.id}/admin/ {{" in nginx
