"""make serve's demo endpoint: the real endpoint on loopback delivering to the labelled GitHub
stand-in, whose page shows the issue a question would open (escaped); both stop cleanly."""

from __future__ import annotations

import time
import urllib.request

from forms_support import post

from portal.forms.demo import Demo
from support import DEMO_CONTENT

QUESTION = {
    "version": 1,
    "kind": "question",
    "site": "xa-phuoc-dinh",
    "page": "http://localhost:8000/xa-phuoc-dinh/hoi-dap/",
    "lang": "vi",
    "fields": {
        "name": "Trần Thị Bích",
        "address": "ấp Đông Hòa",
        "email": "bich@example.net",
        "phone": "0909 000 111",
        "topic": "Hộ tịch",
        "title": "Trích lục <khai sinh>",
        "message": "Xin hỏi cấp lại trích lục khai sinh ở đâu?",
        "consent": True,
    },
}


def test_demo_endpoint_shows_the_issue_it_would_open(tmp_path):
    demo = Demo(DEMO_CONTENT, tmp_path, ["http://localhost:8000"])
    endpoint = demo.start()
    folder = demo.folder
    try:
        status, headers, _ = post(endpoint, QUESTION, {"Origin": "http://localhost:8000"})
        assert status == 201 and headers["access-control-allow-origin"] == "http://localhost:8000"
        deadline = time.monotonic() + 5
        while not demo.github.issues and time.monotonic() < deadline:
            time.sleep(0.05)
        with urllib.request.urlopen(demo.github_url + "/", timeout=5) as answer:
            page = answer.read().decode("utf-8")
        assert "Máy chủ GitHub giả lập (local stand-in, not GitHub)" in page
        assert "[Hỏi đáp] Trích lục &lt;khai sinh&gt;" in page
        assert "Nhãn: hoi-dap, trang:xa-phuoc-dinh · Giao cho: doan-thi-thao" in page
        assert "bich@example.net" not in page and "0909" not in page
    finally:
        demo.stop()
    assert not folder.exists()  # the throw-away store is gone
