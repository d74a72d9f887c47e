"""``portal new``: a new content file with every required field filled and every optional field
present as a Vietnamese comment, written as a draft so nothing half-done is published."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from portal.catalog.attachments import AttachmentError, published_name
from portal.catalog.attachments import check as check_attachment
from portal.frontmatter.schema import TYPES
from portal.sites import Site
from portal.slugs import slugify

# field → (example value, what it means) — shown as comments in new files
HELP: dict[str, tuple[str, str]] = {
    "title": ("", "tiêu đề; đặt trong dấu nháy nếu có dấu hai chấm"),
    "date": ("", "ngày giờ đăng (NNNN-TT-NN GG:PP); ngày trong tương lai = hẹn giờ đăng"),
    "status": ("draft", "draft = bản nháp, không công bố; xoá dòng này khi sẵn sàng đăng"),
    "expires": ("2027-01-31 17:00", "sau thời điểm này bài tự gỡ khỏi cổng"),
    "slug": ("duong-dan-rieng", "đường dẫn riêng; mặc định lấy từ tiêu đề bỏ dấu"),
    "summary": ("Tóm tắt ngắn", "tóm tắt (trích yếu với văn bản); mặc định là đoạn đầu"),
    "tags": ("[cải cách hành chính, chuyển đổi số]", "từ khoá"),
    "authors": ("[Nguyễn Văn A]", "người viết"),
    "unit": ("Văn phòng HĐND và UBND", "đơn vị gửi bài"),
    "image": ("anh/anh-dai-dien.jpg", "ảnh đại diện, đường dẫn tính từ tệp này"),
    "image_alt": ("Mô tả nội dung ảnh", "bắt buộc khi có ảnh: mô tả cho người khiếm thị"),
    "image_caption": ("Chú thích ảnh. Ảnh: tên tác giả", "chú thích hiện dưới ảnh, kèm nguồn ảnh"),
    "lang": ("en", "ngôn ngữ: vi (mặc định) hoặc en"),
    "modified": ("2026-12-01 09:00", "ngày sửa đổi; cần change_note trừ khi minor: true"),
    "change_note": ("Cập nhật số liệu", "nội dung thay đổi"),
    "minor": ("true", "sửa nhỏ (chính tả), không cần change_note"),
    "syndicate": ("[parent]", "trang thành viên: đăng cả lên cổng cấp trên"),
    "unpublished": (
        '{reason: withdrawn, note: "Lý do"}',
        "gỡ bài: error (410), consolidated (+ redirect_to), withdrawn (+ note)",
    ),
    "category": ("", "chuyên mục (theo danh sách của trang trong sites.yml)"),
    "featured": ("true", "tin nổi bật"),
    "number": ("", "số ký hiệu, ví dụ 12/QĐ-UBND"),
    "doc_type": ("Quyết định", "loại văn bản"),
    "issuer": ("", "cơ quan ban hành"),
    "issued": ("", "ngày ban hành NNNN-TT-NN"),
    "files": ("", "tệp đính kèm (pdf, doc, docx, xls, xlsx, odt, ods, jpg, png, webp, zip)"),
    "signer": ("Nguyễn Văn A", "người ký"),
    "signer_title": ("Chủ tịch", "chức vụ người ký"),
    "effective": ("2026-12-01", "ngày có hiệu lực"),
    "expires_on": ("2027-12-31", "ngày hết hiệu lực"),
    "legal": ("true", "văn bản quy phạm pháp luật"),
    "fields": ("[Đất đai]", "lĩnh vực"),
    "replaces": ("[5/QĐ-UBND]", "văn bản được thay thế"),
    "classification": ("public", "chỉ 'public'; văn bản mật KHÔNG được đưa vào kho"),
    "week": ("", "tuần theo ISO, ví dụ 2026-W47"),
    "owner": ("", "lịch của ai, ví dụ Thường trực UBND tỉnh"),
    "approved_by": ("Chánh Văn phòng", "người duyệt lịch"),
    "revision": ("1", "lần điều chỉnh"),
    "items": ("", "các mục lịch: date, time, content, chair, participants, location, prepared_by"),
    "start": ("", "bắt đầu NNNN-TT-NN GG:PP"),
    "end": ("", "kết thúc NNNN-TT-NN GG:PP (sau giờ bắt đầu)"),
    "location": ("", "địa điểm"),
    "chair": ("Chủ tịch UBND", "người chủ trì"),
    "participants": ("[Trưởng các phòng]", "thành phần"),
    "notify": ("[lanh-dao-ubnd, ten@example.vn]", "gửi thư cho: địa chỉ hoặc nhóm trong sites.yml"),
    "cancelled": (
        '"Trùng lịch họp của UBND tỉnh"',
        "chỉ khi huỷ họp: lý do huỷ; giấy mời vẫn được giữ, lịch ghi ĐÃ HUỶ",
    ),
    "code": ("", "mã thủ tục trên Cổng dịch vụ công quốc gia"),
    "field": ("", "lĩnh vực"),
    "level": ("toàn trình", "mức độ: toàn trình, một phần, cung cấp thông tin"),
    "agency": ("", "cơ quan thực hiện"),
    "processing_time": ("15 ngày làm việc", "thời hạn giải quyết"),
    "fee": ("Không", "phí, lệ phí"),
    "dossier": ("[Đơn đề nghị]", "thành phần hồ sơ"),
    "legal_basis": ("[Luật Đất đai 2024]", "căn cứ pháp lý"),
    "online_url": ("https://dichvucong.gov.vn/…", "liên kết thủ tục trên Cổng dịch vụ công"),
    "question": ("", "câu hỏi của người dân"),
    "asked_by": ("Ông Nguyễn Văn B, thôn …", "người hỏi"),
    "asked": ("2026-11-01", "ngày hỏi"),
    "answered_by": ("Phòng …", "đơn vị trả lời"),
    "answers_issue": ("", "số issue câu hỏi đến qua biểu mẫu (nếu có); issue được đóng khi đăng"),
    "opens": ("", "ngày bắt đầu lấy ý kiến"),
    "closes": ("", "ngày kết thúc lấy ý kiến"),
    "comment_email": ("gopy@example.vn", "thư điện tử nhận góp ý"),
    "order": ("1", "thứ tự trong trình đơn"),
    "nav": ("true", "hiện trong trình đơn"),
    "translation_of": (
        "gioi-thieu",
        "bản dịch của trang tĩnh nào (slug trang tiếng Việt); dùng với lang: en",
    ),
    "form": ("feedback", "biểu mẫu dưới trang: feedback (góp ý) hoặc question (gửi câu hỏi)"),
}


PLACEHOLDER = "…"  # what a required field holds until it is filled
NUMBER_PLACEHOLDER = "…/…-UBND"
TEMPLATE_BODY = "Nội dung viết bằng Markdown ở đây."
# Values a new file holds (or shows as examples) that nobody means to publish: refused by the
# catalog once the item is no longer a draft (portal.catalog.checks).
PLACEHOLDERS = frozenset(
    {PLACEHOLDER, NUMBER_PLACEHOLDER}
    | {example.strip('"') for example, _ in HELP.values() if PLACEHOLDER in example}
)


class ScaffoldError(ValueError):
    pass


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _required_value(key: str, site: Site, title: str, now: dt.datetime, files: list[str]) -> str:
    today = now.date()
    monday = today - dt.timedelta(days=today.weekday())
    values = {
        "title": _quote(title),
        "date": now.strftime("%Y-%m-%d %H:%M"),
        "category": _quote(site.categories[0] if site.categories else "Tin tức"),
        "number": _quote(NUMBER_PLACEHOLDER),
        "doc_type": "Quyết định",
        "issuer": _quote(site.name),
        "issued": today.isoformat(),
        "summary": _quote(title),
        "files": "[" + ", ".join(_quote(f) for f in files) + "]",
        "week": f"{today.isocalendar().year}-W{today.isocalendar().week:02d}",
        "owner": _quote("Thường trực " + (site.short_name or site.name)),
        "items": (
            f'\n  - date: {monday.isoformat()}\n    time: "08:00"\n'
            '    content: "Nội dung công việc"\n    location: "Phòng họp"'
        ),
        "start": (now + dt.timedelta(days=7)).strftime("%Y-%m-%d 08:00"),
        "end": (now + dt.timedelta(days=7)).strftime("%Y-%m-%d 11:00"),
        "location": _quote("Hội trường UBND"),
        "code": _quote(PLACEHOLDER),
        "field": _quote(PLACEHOLDER),
        "agency": _quote(site.name),
        "question": _quote(PLACEHOLDER),
        "opens": today.isoformat(),
        "closes": (today + dt.timedelta(days=30)).isoformat(),
    }
    return values[key]


def scaffold(kind: str, site: Site, title: str, now: dt.datetime, files: list[str]) -> str:
    """The text of a new ``kind`` file, valid as written (a draft)."""
    lines = ["---"]
    schema = TYPES[kind]
    for key, spec in schema.items():
        if spec.forbidden:
            continue
        example, meaning = HELP[key]
        if key == "status":
            lines.append(f"status: draft  # {meaning}")
        elif key == "items":
            lines.append(f"items:  # {meaning}" + _required_value(key, site, title, now, files))
        elif spec.required:
            lines.append(f"{key}: {_required_value(key, site, title, now, files)}  # {meaning}")
        else:
            lines.append(f"# {key}: {example}  # {meaning}")
    lines += ["---", "", TEMPLATE_BODY, ""]
    return "\n".join(lines)


def create(
    content_dir: Path,
    kind: str,
    site: Site,
    title: str,
    now: dt.datetime,
    attachments: list[Path],
    max_mb: int = 20,
) -> Path:
    """Write the new file (and copy its attachments); refuse to overwrite anything, and
    attachments the check would refuse (type by content, size up to ``max_mb``)."""
    if kind not in TYPES:
        raise ScaffoldError(f"loại nội dung '{kind}' không có; chọn: {', '.join(TYPES)}")
    if kind == "documents" and not attachments:
        raise ScaffoldError("văn bản cần ít nhất một tệp đính kèm: thêm --file đường/dẫn/tep.pdf")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("tiêu đề không có chữ nào để tạo tên tệp")
    folder = content_dir / site.id / kind
    name = slug if kind == "pages" else f"{now.date().isoformat()}-{slug}"
    target = folder / f"{name}.md"
    if target.exists():
        raise ScaffoldError(f"tệp {target} đã có; hãy chọn tiêu đề khác")
    references = []
    for source in attachments:
        if not source.is_file():
            raise ScaffoldError(f"không tìm thấy tệp {source}")
        try:  # what `portal check` would refuse is refused now, before anything is written
            check_attachment(source.name, source.parent / "_.md", source.parent, max_mb << 20)
        except AttachmentError as exc:
            raise ScaffoldError(f"{source}: {exc.message}") from None
        reference = f"files/{published_name(source.name)}"
        if (folder / reference).exists():
            raise ScaffoldError(f"tệp {folder / reference} đã có; hãy đổi tên tệp đính kèm")
        references.append(reference)
    folder.mkdir(parents=True, exist_ok=True)
    for source, reference in zip(attachments, references, strict=True):
        (folder / reference).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / reference)
    target.write_text(scaffold(kind, site, title, now, references), encoding="utf-8")
    return target
