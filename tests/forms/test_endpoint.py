"""The forms endpoint over real HTTP (uvicorn on loopback) against the GitHub stand-in."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.parse
import urllib.request

from forms_support import ORIGIN, post

QUESTION = {
    "version": 1,
    "kind": "question",
    "site": "tinh-lam-giang",
    "page": "https://lamgiang.example/hoi-dap/",
    "lang": "vi",
    "fields": {
        "name": "Nguyễn Văn An",
        "address": "ấp Phước Thạnh, xã Phước Định",
        "email": "an.nguyen@example.net",
        "phone": "0912 345 678",
        "topic": "Hộ tịch",
        "title": "Đăng ký khai sinh cho con",
        "message": "Xin hỏi thủ tục <b>khai sinh</b> @vo-thanh-tung #1 ```",
        "consent": True,
    },
}


def _wait(predicate, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("timed out")


def _question(**fields) -> dict:
    data = json.loads(json.dumps(QUESTION))
    data["fields"].update(fields)
    return data


def _ip(n: int) -> dict[str, str]:
    return {"Origin": ORIGIN, "X-Forwarded-For": f"198.51.100.{n}"}


def test_question_becomes_an_issue_without_email_or_phone(endpoint):
    status, headers, body = post(endpoint.api, _question(), _ip(1))
    assert status == 201, body
    assert headers["access-control-allow-origin"] == ORIGIN
    reference = json.loads(body)["reference"]
    assert reference.startswith("HD-")
    issue = _wait(
        lambda: next((i for i in endpoint.github.issues.values() if reference in i["body"]), None)
    )
    assert issue["title"] == "[Hỏi đáp] Đăng ký khai sinh cho con"
    assert [x["name"] for x in issue["labels"]] == ["hoi-dap", "trang:tinh-lam-giang"]
    # Editors who are users are assigned; a team (@lamgiang/bien-tap) cannot be.
    assert [x["login"] for x in issue["assignees"]] == ["vo-thanh-tung", "nguyen-thi-kim-ngan"]
    assert "Nguyễn Văn An" in issue["body"] and "ấp Phước Thạnh" in issue["body"]
    assert "an.nguyen@example.net" not in issue["body"]
    assert "0912" not in issue["body"] and "345 678" not in issue["body"]
    # The reader's text is inert: in a fence longer than any backtick run inside it.
    assert "````text\nXin hỏi thủ tục <b>khai sinh</b> @vo-thanh-tung #1 ```\n````" in issue["body"]
    # The contact is kept privately, for the reply.
    assert endpoint.store.contact(reference) == {
        "email": "an.nguyen@example.net",
        "phone": "0912 345 678",
    }
    # The stand-in holds the issue a moment before the store records it as delivered.
    row = _wait(
        lambda: next(
            (
                r
                for r in endpoint.store.submissions()
                if r["reference"] == reference and r["state"] == "delivered"
            ),
            None,
        )
    )
    assert row["issue_number"] == issue["number"]


def test_github_down_queues_and_delivers_later(endpoint):
    endpoint.github.down = True
    try:
        status, _, body = post(endpoint.api, _question(title="Khi GitHub ngừng"), _ip(2))
        assert status == 201
        reference = json.loads(body)["reference"]
        _wait(
            lambda: next(
                r["attempts"] >= 1 and r["last_error"]
                for r in endpoint.store.submissions()
                if r["reference"] == reference
            )
        )
        row = next(r for r in endpoint.store.submissions() if r["reference"] == reference)
        assert row["state"] == "queued" and "503" in row["last_error"]
    finally:
        endpoint.github.down = False
    endpoint.store.retry_now()  # what the back-off would do a few seconds later
    endpoint.deliverer.wake.set()
    issue = _wait(
        lambda: next((i for i in endpoint.github.issues.values() if reference in i["body"]), None)
    )
    assert issue["title"] == "[Hỏi đáp] Khi GitHub ngừng"


def test_hundred_ratings_from_ten_addresses(endpoint):
    item = "tag:lamgiang.example,2026:tinh-lam-giang/qa/thu-nghiem"
    counted_before = sum(r[5] for r in endpoint.store.ratings("tinh-lam-giang") if r[1] == item)
    assert counted_before == 0
    for n in range(100):
        address = n % 10
        score = address % 5 + 1  # addresses 0,5 → 1; 1,6 → 2; … 4,9 → 5
        status, _, _ = post(
            endpoint.api,
            {
                "version": 1,
                "kind": "rating",
                "site": "tinh-lam-giang",
                "page": "https://lamgiang.example/hoi-dap/thu-nghiem/",
                "lang": "vi",
                "item": {"id": item, "url": "https://lamgiang.example/hoi-dap/thu-nghiem/"},
                "score": score,
                "fields": {"comment": ""},
            },
            _ip(100 + address),
        )
        assert status == 201
    rows = [r for r in endpoint.store.ratings("tinh-lam-giang") if r[1] == item]
    # One rating per address per item per day: 10 counted, two of each score.
    assert {r[4]: r[5] for r in rows} == {1: 2, 2: 2, 3: 2, 4: 2, 5: 2}
    # No address anywhere in the file, not even of the readers who rated.
    endpoint.store.db.execute("PRAGMA wal_checkpoint(FULL)")
    raw = endpoint.db.read_bytes()
    for suffix in ("", "-wal"):
        path = endpoint.db.with_name(endpoint.db.name + suffix)
        if path.exists():
            raw += path.read_bytes()
    assert b"198.51.100" not in raw
    db = sqlite3.connect(endpoint.db)
    assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] >= 10
    tokens = [t for (t,) in db.execute("SELECT token FROM seen")]
    assert all(len(t) == 64 for t in tokens)
    db.close()


def test_refusals(endpoint):
    api = endpoint.api
    # Another origin: 403, and no CORS grant.
    status, headers, _ = post(api, _question(), {"Origin": "https://evil.example"})
    assert status == 403 and "access-control-allow-origin" not in headers
    # Oversized: 413 before parsing.
    big = _question(message="x" * 20000)
    assert post(api, big, _ip(3))[0] == 413
    # Malformed JSON: 400; wrong type: 415.
    assert post(api, b"{not json", _ip(3))[0] == 400
    assert post(api, b"hello", _ip(3), kind="text/plain")[0] == 415
    # Missing and invalid fields: 422 with Vietnamese errors by field.
    status, _, body = post(api, _question(email="an@", name="", title="t" * 201), _ip(3))
    assert status == 422
    errors = json.loads(body)["errors"]
    assert errors["email"].startswith("Địa chỉ thư điện tử chưa đúng")
    assert errors["name"].startswith("Vui lòng nhập họ và tên")
    assert "dài quá 200 ký tự" in errors["title"]
    # A site that is not a name (found by the seeded fuzz run): refused, not a server error.
    odd = _question()
    odd["site"] = {"id": "tinh-lam-giang"}
    assert post(api, odd, _ip(3))[0] == 422
    # A filled trap looks accepted and opens nothing.
    before = len(endpoint.store.submissions())
    trapped = _question()
    trapped["fields"]["website"] = "http://spam.example"
    assert post(api, trapped, _ip(3))[0] == 201
    assert len(endpoint.store.submissions()) == before


def test_flood_is_refused_per_address(endpoint):
    statuses = [post(endpoint.api, b"{}", _ip(50))[0] for _ in range(35)]
    assert statuses[:30] == [422] * 30  # counted, then refused as malformed
    assert set(statuses[30:]) == {429}
    # Another address is not affected.
    assert post(endpoint.api, b"{}", _ip(51))[0] == 422


def test_preflight_and_form_post_without_script(endpoint):
    request = urllib.request.Request(endpoint.api, method="OPTIONS")
    request.add_header("Origin", ORIGIN)
    request.add_header("Access-Control-Request-Method", "POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.status == 204
        assert answer.headers["Access-Control-Allow-Origin"] == ORIGIN
        assert answer.headers["Access-Control-Allow-Methods"] == "POST"
    form = {
        "kind": "feedback",
        "site": "tinh-lam-giang",
        "page": "https://lamgiang.example/lien-he/",
        "lang": "vi",
        "return_to": "https://lamgiang.example/lien-he/#da-gui",
        "website": "",
        "name": "Trần Thị Bích",
        "email": "bich@example.net",
        "phone": "",
        "title": "Lịch tiếp dân",
        "message": "Đề nghị đăng lịch sớm hơn.",
    }
    encoded = urllib.parse.urlencode(form).encode()
    status, headers, _ = post(endpoint.api, encoded, _ip(4), "application/x-www-form-urlencoded")
    assert status == 303 and headers["location"] == form["return_to"]
    # An open redirect is refused: another origin in return_to gets a page, not a redirect.
    form["return_to"] = "https://evil.example/"
    encoded = urllib.parse.urlencode(form).encode()
    status, headers, body = post(endpoint.api, encoded, _ip(4), "application/x-www-form-urlencoded")
    assert status == 201 and "location" not in headers
    # Errors without script: an escaped page, nothing the reader sent rendered as HTML.
    form.update(title="", email="<script>alert(1)</script>")
    form["return_to"] = "https://lamgiang.example/lien-he/#da-gui"
    encoded = urllib.parse.urlencode(form).encode()
    status, headers, body = post(endpoint.api, encoded, _ip(4), "application/x-www-form-urlencoded")
    assert status == 422 and headers["content-type"].startswith("text/html")
    assert b"<script>" not in body and "Vui lòng nhập tiêu đề".encode() in body


def test_feedback_on_an_article_names_it(endpoint):
    item = "tag:lamgiang.example,2026:tinh-lam-giang/articles/2026-11-04-hoi-cho"
    status, _, body = post(
        endpoint.api,
        {
            "version": 1,
            "kind": "feedback",
            "site": "tinh-lam-giang",
            "page": "https://lamgiang.example/tin-tuc/hoi-cho/",
            "lang": "vi",
            "item": {
                "id": item,
                "url": "https://lamgiang.example/tin-tuc/hoi-cho/",
                "title": "Hội chợ",
            },
            "fields": {"name": "Lê Văn Tám", "email": "tam@example.net", "message": "Ảnh bị lỗi."},
        },
        _ip(5),
    )
    assert status == 201, body
    reference = json.loads(body)["reference"]
    assert reference.startswith("GY-")
    issue = _wait(
        lambda: next((i for i in endpoint.github.issues.values() if reference in i["body"]), None)
    )
    assert issue["title"] == "[Góp ý] Ý kiến về: Hội chợ"
    assert [x["name"] for x in issue["labels"]] == ["gop-y", "trang:tinh-lam-giang"]
    assert f"- Về bài: `Hội chợ` (`{item}`)" in issue["body"]
    assert "https://lamgiang.example/tin-tuc/hoi-cho/" in issue["body"]
    assert "tam@example.net" not in issue["body"]


def test_a_rating_comment_reaches_the_editors(endpoint):
    item = "tag:lamgiang.example,2026:tinh-lam-giang/qa/binh-luan"
    rating = {
        "version": 1,
        "kind": "rating",
        "site": "tinh-lam-giang",
        "page": "https://lamgiang.example/hoi-dap/binh-luan/",
        "lang": "vi",
        "item": {
            "id": item,
            "url": "https://lamgiang.example/hoi-dap/binh-luan/",
            "title": "Sổ đỏ",
        },
        "score": 2,
        "fields": {"comment": "Chưa nói rõ lệ phí."},
    }
    status, _, body = post(endpoint.api, rating, _ip(6))
    assert status == 201
    reference = json.loads(body)["reference"]
    issue = _wait(
        lambda: next((i for i in endpoint.github.issues.values() if reference in i["body"]), None)
    )
    assert issue["title"] == "[Đánh giá] Sổ đỏ"
    assert [x["name"] for x in issue["labels"]] == ["danh-gia", "trang:tinh-lam-giang"]
    assert "- Mức đánh giá: 2/5 (Không hài lòng)" in issue["body"]
    # The first contract's yes/no still counts, as 4 (satisfied) or 2.
    legacy = {**rating, "fields": {"comment": ""}, "useful": True}
    del legacy["score"]
    assert post(endpoint.api, legacy, _ip(7))[0] == 201
    counts = {r[4]: r[5] for r in endpoint.store.ratings("tinh-lam-giang") if r[1] == item}
    assert counts == {2: 1, 4: 1}
