"""What is due: public invitations whose meeting has not ended, to their notify lists with the
site's groups expanded; nothing private, nothing past, nothing unusable."""

from __future__ import annotations

from click.testing import CliRunner
from letters import GROUP, PATH, invitation

from portal.catalog.tree import scan
from portal.cli import main
from portal.errors import ErrorReport
from portal.notify.plan import due, recipients
from portal.notify.record import Record
from support import DEMO_NOW


def catalogs_of(content):
    report = ErrorReport()
    _, catalogs = scan(content, DEMO_NOW, report)
    assert not report, report.sorted()
    return catalogs


def test_groups_expand_and_addresses_fold(make_content):
    notify = "[lanh-dao, CT@huyen.example, ke.toan@huyen.example, lanh-dao]"
    catalogs = catalogs_of(make_content({PATH: invitation(notify=notify)}))
    (item,) = catalogs["huyen"].of_kind("invitations")
    found, problems = recipients(item, catalogs["huyen"].site)
    assert found == [*GROUP, "ke.toan@huyen.example"]  # once each, in order of mention
    assert problems == []


def test_only_public_invitations_whose_meeting_has_not_ended(make_content):
    files = {
        PATH: invitation(),
        "huyen/invitations/xong.md": invitation(
            number='"1/GM-UBND"', title="Đã họp", start="2026-11-22 08:00", end="2026-11-22 11:00"
        ),
        "huyen/invitations/dang-hop.md": invitation(
            number='"2/GM-UBND"', title="Đang họp", start="2026-11-22 11:00", end="2026-11-22 13:00"
        ),
        "huyen/invitations/nhap.md": invitation(number='"3/GM-UBND"', title="Nháp", status="draft"),
        "huyen/invitations/sau.md": invitation(
            number='"4/GM-UBND"', title="Chưa đăng", date="2026-11-23 08:00"
        ),
        "huyen/invitations/thu-hoi.md": invitation(
            number='"6/GM-UBND"',
            title="Thu hồi",
            unpublished="{reason: withdrawn, note: 'Ban hành nhầm'}",
        ),
        "huyen/invitations/khong-gui.md": invitation(
            number='"7/GM-UBND"', title="Không gửi ai", notify=None
        ),
    }
    plan = due(catalogs_of(make_content(files)), DEMO_NOW, Record())
    assert sorted({o.number for o in plan.outgoing}) == ["2/GM-UBND", "5/GM-UBND"]
    assert {o.method for o in plan.outgoing} == {"REQUEST"}


def test_a_site_filter(make_content):
    files = {
        PATH: invitation(),
        "xa/invitations/hop.md": invitation(notify="[ubnd@xa.example]"),
    }
    catalogs = catalogs_of(make_content(files))
    assert {o.site.id for o in due(catalogs, DEMO_NOW, Record()).outgoing} == {"huyen", "xa"}
    assert {o.site.id for o in due(catalogs, DEMO_NOW, Record(), ["xa"]).outgoing} == {"xa"}


def test_an_unknown_group_fails_the_content_check_and_notify(make_content, notify, closed_port):
    content = make_content({PATH: invitation(notify="[lanh-dao-xa]")})
    check = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert check.exit_code == 1
    assert "notify[1]: 'lanh-dao-xa' không phải địa chỉ thư điện tử hay nhóm" in check.output
    result = notify(content, closed_port, "--dry-run")
    assert result.exit_code == 1
    assert "Chưa gửi thư nào: hãy sửa các lỗi trên." in result.output


def test_a_malformed_address_stops_the_content_check_and_nothing_is_sent(
    make_content, smtp_server, notify, tmp_path
):
    # The content check refuses a malformed address (file, line, field), so neither the build
    # nor notify runs on it: nothing is sent, nothing is recorded.
    content = make_content({PATH: invitation(notify="[ke.toan@huyen, ct@huyen.example]")})
    result = notify(content, smtp_server.port, "--record", str(tmp_path / "record.json"))
    assert result.exit_code == 1
    assert "hop-5.md:10: notify[1]:" in result.output
    assert smtp_server.handler.received == []
    assert not (tmp_path / "record.json").exists()
