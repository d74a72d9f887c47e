"""Closing the loop: a published answer (``answers_issue``) comments its address on the question's
issue and closes it; run again, it does nothing twice; a scheduled answer closes nothing yet."""

from __future__ import annotations

from click.testing import CliRunner
from forms_support import TOKEN

from portal.cli import main
from portal.forms.github import GitHub


def qa(title: str, date: str, issue: int) -> str:
    return (
        f'---\ntitle: "{title}"\ndate: {date}\nquestion: "Xin hỏi…"\nanswers_issue: {issue}\n'
        "---\nTrả lời.\n"
    )


def test_published_answers_close_their_issues(make_content, github):
    client = GitHub("lamgiang/portal", TOKEN, github.url)
    first = client.create_issue({"title": "[Hỏi đáp] Khai sinh", "body": "…", "labels": []})[0]
    later = client.create_issue({"title": "[Hỏi đáp] Hộ khẩu", "body": "…", "labels": []})[0]
    content = make_content(
        {
            "huyen/qa/khai-sinh.md": qa("Khai sinh", "2026-11-20 08:00", first),
            "huyen/qa/ho-khau.md": qa("Hộ khẩu", "2026-12-20 08:00", later),  # scheduled
        }
    )
    run = ["forms", "close", "--content", str(content), "--repo", "lamgiang/portal"]
    run += ["--api-url", github.url, "--now", "2026-11-22 12:00"]
    env = {"PORTAL_FORMS_GITHUB_TOKEN": TOKEN}
    done = CliRunner().invoke(main, run, env=env)
    assert done.exit_code == 0, done.output
    issue = github.issues[first]
    assert issue["state"] == "closed" and issue["state_reason"] == "completed"
    assert issue["comments"] == [
        "Câu hỏi đã được trả lời và đăng công khai: https://huyen.example/hoi-dap/khai-sinh/\n\n"
        "(Answered and published: https://huyen.example/hoi-dap/khai-sinh/)"
    ]
    assert github.issues[later]["state"] == "open"
    assert f"#{first}: đã đóng" in done.output
    # Every deploy runs it: an issue already closed gets nothing more.
    again = CliRunner().invoke(main, run, env=env)
    assert again.exit_code == 0 and len(github.issues[first]["comments"]) == 1
    # GitHub down: the command fails, so the deploy says so.
    github.down = True
    try:
        run[-1] = "2026-12-21 12:00"
        failed = CliRunner().invoke(main, run, env=env)
    finally:
        github.down = False
    assert failed.exit_code == 1 and "chưa đóng được" in failed.output
