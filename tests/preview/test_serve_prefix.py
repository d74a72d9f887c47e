"""``portal serve`` of a build with a path prefix (a pull request's preview, built locally with
its settings): the sites are served under the prefix, where their links point, ``/`` redirects
there, and a path outside the prefix is not found."""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.request

from prefixed import PREFIX, preview_settings

from builds import PORTAL, kill_session, wait_for
from support import SITES_YML, article, write_tree


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str) -> tuple[int, str, dict]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8"), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, "", dict(error.headers)


def test_serve_puts_the_sites_under_the_prefix(tmp_path):
    content = write_tree(
        tmp_path / "content",
        {
            "sites.yml": SITES_YML,
            "huyen/articles/tin.md": article("Tin của huyện"),
            "xa/articles/tin.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
        },
    )
    output, log = tmp_path / "output", tmp_path / "serve.log"
    argv = [PORTAL, "serve", "--content", str(content), "--output", str(output)]
    argv += ["--settings", str(preview_settings(tmp_path)), "--port", "0", "--no-watch"]
    with log.open("wb") as handle:
        process = subprocess.Popen(argv, stdout=handle, stderr=handle, start_new_session=True)
        try:
            assert wait_for(lambda: "Đang phục vụ" in log.read_text(), 120), log.read_text()
            assert "Đã xây dựng lại" in log.read_text(), log.read_text()
            found = re.search(r"http://localhost:(\d+)(\S*)/ ", log.read_text())
            assert found and found.group(2) == PREFIX, log.read_text()
            root = f"http://localhost:{found.group(1)}"
            status, page, _ = _get(f"{root}{PREFIX}/huyen/")
            assert status == 200 and "Tin của huyện" in page
            assert f'href="{PREFIX}/huyen/theme/' in page  # its links point under the prefix
            status, _, headers = _get(f"{root}/")
            assert status == 302 and headers["Location"] == f"{PREFIX}/"
            assert _get(f"{root}/huyen/")[0] == 404
            assert _get(f"{root}{PREFIX}x/huyen/")[0] == 404
        finally:
            kill_session(process.pid)
            process.wait()
    assert "Traceback" not in log.read_text()
