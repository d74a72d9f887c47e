"""What a reader sent, checked again on the server, and the public issue it becomes.

``parse(data)`` takes the JSON contract (docs/forms.md, version 1) or the same names posted
as a plain form, and returns a ``Submission`` or a dict of field → Vietnamese error (English
twin after " / "), the messages the form shows next to each field. ``issue(sub, site)`` is
the GitHub issue: the name and the place of residence go in (the reader agreed to their
publication), the e-mail and the telephone never do. The reader's text is quoted in a fenced
block, so nothing they typed is rendered as Markdown or HTML, and no ``@`` or ``#`` in it
notifies anyone or links an issue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from portal.frontmatter.fields import TIMEZONE

KINDS = ("question", "feedback", "rating")
# Limits of the form (components/forms.html), checked again here.
LIMITS = {
    "name": 100,
    "address": 200,
    "email": 254,
    "phone": 20,
    "topic": 100,
    "title": 200,
    "message": 5000,
    "comment": 1000,
}
REQUIRED = {
    "question": ("name", "email", "topic", "title", "message"),
    "feedback": ("name", "email", "title", "message"),
    "rating": (),
}
LABELS = {"question": ["hoi-dap"], "feedback": ["gop-y"], "rating": ["danh-gia"]}
PREFIX = {"question": "HD", "feedback": "GY", "rating": "DG"}
# The 5-point scale of "đánh giá sự hài lòng"; 4 and 5 count as satisfied.
SCORES = {
    1: "Rất không hài lòng",
    2: "Không hài lòng",
    3: "Bình thường",
    4: "Hài lòng",
    5: "Rất hài lòng",
}
EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
PHONE = re.compile(r"^[0-9+ .()-]{6,20}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MESSAGES = {
    "required": ("Vui lòng nhập {label}.", "{label} is required"),
    "long": ("{label} dài quá {max} ký tự.", "{label} is longer than {max} characters"),
    "email": ("Địa chỉ thư điện tử chưa đúng.", "not an e-mail address"),
    "phone": (
        "Số điện thoại chỉ gồm chữ số, dấu cách, dấu + và dấu chấm.",
        "not a telephone number",
    ),
    "consent": ("Vui lòng đánh dấu ô đồng ý để gửi.", "consent is required"),
    "score": ("Vui lòng chọn một mức đánh giá.", "choose a rating from 1 to 5"),
    "item": ("Thiếu câu trả lời được đánh giá.", "the rated item is missing"),
    "text": ("Phải là chữ.", "must be text"),
}
LABELS_VI = {
    "name": "họ và tên",
    "address": "địa chỉ nơi ở",
    "email": "thư điện tử",
    "phone": "số điện thoại",
    "topic": "lĩnh vực",
    "title": "tiêu đề",
    "message": "nội dung",
    "comment": "góp ý thêm",
}


def message(key: str, **values: Any) -> str:
    vi, en = MESSAGES[key]
    return f"{vi.format(**values)} / {en.format(**values)}"


@dataclass(frozen=True)
class Submission:
    kind: str
    site: str
    page: str
    lang: str
    fields: dict[str, str] = field(default_factory=dict)
    consent: bool = False
    item_id: str = ""
    item_title: str = ""
    score: int = 0
    return_to: str = ""


def _text(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return _CONTROL.sub("", str(value)).strip()


def from_form(form: dict[str, str]) -> dict[str, Any]:
    """The plain form post (no script) in the JSON contract's shape."""
    data: dict[str, Any] = {
        "version": 1,
        "kind": form.get("kind", ""),
        "site": form.get("site", ""),
        "page": form.get("page", ""),
        "lang": form.get("lang", ""),
        "return_to": form.get("return_to", ""),
    }
    if data["kind"] == "rating":
        data["item"] = {"id": form.get("item_id", ""), "title": form.get("item_title", "")}
        data["item"]["url"] = data["page"]
        data["score"] = form.get("score", "")
        if "useful" in form:
            data["useful"] = form["useful"] == "yes"
        data["fields"] = {"comment": form.get("comment", "")}
    else:
        data["fields"] = {k: v for k, v in form.items() if k in LIMITS or k == "consent"}
        if form.get("item_id"):  # "Ý kiến về bài viết này"
            data["item"] = {
                "id": form["item_id"],
                "title": form.get("item_title", ""),
                "url": data["page"],
            }
        data["fields"]["consent"] = form.get("consent", "") in ("yes", "on", "true")
    return data


def _score(data: dict[str, Any]) -> int:
    score = data.get("score")
    if isinstance(score, str) and score.strip().isdigit():
        score = int(score)
    if isinstance(score, int) and not isinstance(score, bool) and 1 <= score <= 5:
        return score
    # The first contract's "useful" (yes/no) maps onto the scale's "satisfied" / "not".
    if isinstance(data.get("useful"), bool) and score in (None, ""):
        return 4 if data["useful"] else 2
    return 0


def parse(data: Any, site_ids: set[str]) -> Submission | dict[str, str]:
    """A checked submission, or errors by field (``_`` for the whole request)."""
    if not isinstance(data, dict) or data.get("version") not in (1, "1"):
        return {"_": "Yêu cầu không đúng định dạng (phiên bản 1). / Malformed request."}
    kind = data.get("kind")
    if kind not in KINDS:
        return {"_": "Loại biểu mẫu không đúng. / Unknown form kind."}
    site = data.get("site")
    if not isinstance(site, str) or site not in site_ids:
        return {"_": "Trang gửi không đúng. / Unknown site."}
    raw = data.get("fields") or {}
    if not isinstance(raw, dict):
        return {"_": "Yêu cầu không đúng định dạng. / fields must be an object."}
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    about = data.get("item") if isinstance(data.get("item"), dict) else None
    required = REQUIRED[kind]
    if kind == "feedback" and about:  # feedback on an item: its title names the issue
        required = tuple(n for n in required if n != "title")
    for name, limit in LIMITS.items():
        if kind == "rating" and name != "comment":
            continue
        if kind != "rating" and name == "comment":
            continue
        if kind == "feedback" and name in ("address", "topic"):
            continue
        text = _text(raw.get(name))
        label = LABELS_VI[name]
        if text is None:
            errors[name] = message("text")
            continue
        if len(text) > limit:
            errors[name] = message("long", label=label.capitalize(), max=limit)
        elif not text and name in required:
            errors[name] = message("required", label=label)
        elif text and name == "email" and not EMAIL.match(text):
            errors[name] = message("email")
        elif text and name == "phone" and not PHONE.match(text):
            errors[name] = message("phone")
        values[name] = text
    consent = raw.get("consent") is True
    if kind == "question" and not consent:
        errors["consent"] = message("consent")
    item_id = item_title = ""
    score = 0
    if kind == "feedback" and about:
        item_id = _text(about.get("id")) or ""
        item_title = _text(about.get("title")) or ""
        if len(item_id) > 300:
            errors["_"] = message("item")
        if not values.get("title"):
            values["title"] = f"Ý kiến về: {item_title or item_id}"[: LIMITS["title"]]
    if kind == "rating":
        item = data.get("item") or {}
        item_id = _text(item.get("id")) if isinstance(item, dict) else None
        item_title = (_text(item.get("title")) if isinstance(item, dict) else "") or ""
        if not item_id or len(item_id) > 300:
            errors["_"] = message("item")
        score = _score(data)
        if not score:
            errors["score"] = message("score")
    if errors:
        return errors
    page = _text(data.get("page")) or ""
    if kind in ("rating", "feedback") and about and _text(about.get("url")):
        page = _text(about.get("url")) or page
    return Submission(
        kind=kind,
        site=site,
        page=page[:500],
        lang="en" if data.get("lang") == "en" else "vi",
        fields=values,
        consent=consent,
        item_id=item_id or "",
        item_title=item_title[:300],
        score=score,
        return_to=(_text(data.get("return_to")) or "")[:500],
    )


def _fence(text: str) -> str:
    """``text`` in a fenced block longer than any run of backticks inside it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _plain(text: str) -> str:
    """One line of reader text inside a Markdown list item, rendered inert."""
    return "`" + text.replace("`", "'").replace("\n", " ") + "`" if text else "—"


def issue(
    sub: Submission, reference: str, received: dt.datetime, assignees: list[str]
) -> dict[str, Any]:
    """The public issue of a question, feedback or rating comment: no e-mail, no telephone."""
    f = sub.fields
    when = received.astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M")
    if sub.kind == "question":
        title = f"[Hỏi đáp] {f['title']}"
        head = "Câu hỏi của công dân gửi qua cổng thông tin"
        lines = [
            f"- Người hỏi: {_plain(f['name'])}",
            f"- Địa chỉ nơi ở: {_plain(f.get('address', ''))}",
            f"- Lĩnh vực: {_plain(f.get('topic', ''))}",
        ]
        text = f["message"]
    elif sub.kind == "feedback":
        title = f"[Góp ý] {f['title']}"
        head = "Góp ý của bạn đọc gửi qua cổng thông tin"
        lines = [f"- Người gửi: {_plain(f['name'])}"]
        if sub.item_id:
            lines.append(f"- Về bài: {_plain(sub.item_title)} ({_plain(sub.item_id)})")
        text = f["message"]
    else:
        title = f"[Đánh giá] {sub.item_title or sub.item_id}"[:250]
        head = "Góp ý kèm đánh giá sự hài lòng về một câu trả lời"
        lines = [
            f"- Mức đánh giá: {sub.score}/5 ({SCORES[sub.score]})",
            f"- Mục được đánh giá: {_plain(sub.item_id)}",
        ]
        text = f.get("comment", "")
    lines += [
        f"- Mã tiếp nhận: `{reference}`",
        f"- Trang: {_plain(sub.site)} {_plain(sub.page)}",
        f"- Ngày gửi: {when} (giờ Việt Nam)",
    ]
    body = [f"**{head}**", "", *lines, "", _fence(text), ""]
    if sub.kind != "rating":
        body.append(
            "Thư điện tử và số điện thoại của người gửi không đăng ở đây: chúng được lưu riêng ở "
            f"máy chủ nhận biểu mẫu, theo mã `{reference}`, chỉ để trả lời. "
            "(The reader's e-mail and telephone are kept privately by the endpoint.)"
        )
    if sub.kind == "question":
        body += [
            "",
            "Đăng câu trả lời: `portal new qa --site "
            f'{sub.site} --title "…"`, ghi `answers_issue: <số của issue này>`; '
            "issue được đóng khi câu trả lời được đăng.",
        ]
    return {
        "title": title.replace("\n", " "),
        "body": "\n".join(body),
        "labels": [*LABELS[sub.kind], f"trang:{sub.site}"],
        "assignees": assignees,
    }
