"""A deterministic synthetic corpus of Vietnamese portal content, for benchmarks.

``generate(dest, pages, members, seed)`` writes ``dest/sites.yml`` and ``dest/<site-id>/…``: one
parent (a fictional district) and ``members`` fictional communes and towns, with articles,
documents (each with a tiny PDF), questions and answers, procedures and standing pages that pass
``portal check``. Text comes from phrase banks of administrative vocabulary filled by one seeded
``random.Random``: the same arguments always give byte-identical files. Each item has one main
topic (sometimes a second) and takes its topical sentences from those alone, so that a topical
phrase ("hộ tịch", "nông thôn mới") is on a minority of items while function syllables ("xã",
"năm", "của") are on nearly all, as on a real portal; about 80 % of articles carry a one-sentence
``summary``. Every date lies between 2023 and ``NOW``; build at ``NOW`` so that nothing is
scheduled.

``generate(dest, counts=BUILD_MIX)`` (the build benchmark) takes explicit counts per type
instead, weekly schedules (one per site and week, up to NOW's week) and invitations (start,
end, location, notify groups written into sites.yml; their meetings on the week's schedule)
included. Without ``counts`` the output is what it always was (the search benchmark's corpus).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from portal.frontmatter.fields import TIMEZONE
from portal.slugs import slugify

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=TIMEZONE)
START = dt.datetime(2023, 1, 16, 7, 0, tzinfo=TIMEZONE)  # leaves room for earlier dates

PARENT_SHARE = 0.20
# Share of each type among a site's items; articles take what is left.
TYPE_SHARES = {"documents": 0.12, "qa": 0.05, "procedures": 0.05, "pages": 0.03}
KINDS = ("articles", "documents", "qa", "procedures", "pages")
EXTRA_KINDS = ("schedules", "invitations")  # only with explicit ``counts``
# The build benchmark's mix (``generate(counts=BUILD_MIX)``): files of each type over all sites.
BUILD_MIX = {"articles": 10_000, "documents": 2_000, "schedules": 500, "invitations": 300}
RARE_WORD = "Khmer"  # appears in about one item in 250
RARE_RATE = 0.004
SUMMARY_RATE = 0.8  # articles with a `summary:` of their own (documents always have one)
SUMMARY_WORDS = (15, 35)

CATEGORIES = [
    "Tin tức - Sự kiện",
    "Thông báo",
    "Kinh tế - Xã hội",
    "Nông nghiệp - Nông thôn mới",
    "Văn hóa - Xã hội",
    "Cải cách hành chính",
    "Chuyển đổi số",
    "Quốc phòng - An ninh",
    "Đô thị - Môi trường",
]

# -- Names ----------------------------------------------------------------------------------------
PARENT_NAME = "Lạc Giang"
# fmt: off
PLACE_FIRST = (
    "Tân", "Phước", "Đông", "Tây", "Hòa", "An", "Bình", "Long", "Thạnh", "Mỹ",
    "Vĩnh", "Hưng", "Phú", "Thuận", "Lộc", "Trung",
)
PLACE_SECOND = (
    "Hòa", "Lợi", "Hưng", "Đạo", "Thành", "Phú", "Khánh", "Lập", "An", "Xuân",
    "Thuận", "Điền", "Sơn", "Hải", "Định", "Tiến",
)
FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đoàn", "Tô", "Lâm", "Châu",
    "Trương", "Đinh", "Mai", "Cao", "Lưu", "Quách", "Thái", "La", "Kiều", "Tạ",
    "Từ", "Diệp", "Hứa", "Mạc", "Triệu", "Khưu", "Thạch", "Lư", "Giang", "Tăng",
    "Trịnh", "Nghiêm", "Âu", "Kha", "Ông", "Danh",
)
MIDDLE_MEN = (
    "Văn", "Hữu", "Minh", "Quốc", "Thanh", "Hoàng", "Đức", "Công", "Tấn", "Ngọc",
    "Trọng", "Xuân", "Bá", "Quang", "Duy", "Thành", "Chí", "Phước", "Tuấn", "Gia",
)
MIDDLE_WOMEN = (
    "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Bích", "Thùy", "Hồng", "Kiều",
    "Diễm", "Tuyết", "Phương", "Cẩm", "Huỳnh", "Bảo", "Hoài", "Quỳnh", "Yến", "Trúc",
)
GIVEN_MEN = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khang", "Long", "Nam",
    "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Toàn", "Trí", "Tuấn", "Bảo", "Chiến",
    "Danh", "Duy", "Định", "Đông", "Được", "Giang", "Hào", "Hiếu", "Hiển", "Hòa",
    "Huy", "Khải", "Khoa", "Kiệt", "Lực", "Lợi", "Luân", "Mẫn", "Nghĩa", "Nhân",
    "Nhựt", "Phong", "Quí", "Rạng", "Sang", "Tài", "Thiện", "Thịnh", "Thông", "Tín",
    "Trung", "Tùng", "Vinh", "Vũ", "Xuyên", "Lộc", "Mừng", "Lành", "Tới", "Vẹn",
    "Khiêm", "Lũy", "Nhẫn", "Phát", "Quyết", "Sỹ", "Triều", "Uy", "Việt", "Thuận",
)
GIVEN_WOMEN = (
    "Anh", "Châu", "Dung", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Nga",
    "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Vân", "Yến", "Bé", "Cúc", "Diễm",
    "Điệp", "Đào", "Gấm", "Giàu", "Hằng", "Hiền", "Hoa", "Huệ", "Hường", "Kiều",
    "Lài", "Liên", "Loan", "Lụa", "Lý", "Mận", "Mơ", "Ngân", "Nhàn", "Nhi",
    "Nhớ", "Nương", "Phượng", "Quyên", "Sen", "Sương", "Tuyết", "Thắm", "Thúy", "Thủy",
    "Tiên", "Trinh", "Uyên", "Vy", "Xinh", "Huyền", "Diệu", "Duyên", "Ánh", "Nguyệt",
    "Quỳnh", "Thơ", "Khuyên", "Lệ", "Ngoan", "Rớt", "Son", "Tươi", "Em", "Chi",
)
# Hamlet (ấp) names: a landform or landmark and what grows or stands there, e.g. "Rạch Sậy".
HAMLET_FIRST = (
    "Bến", "Rạch", "Cây", "Vàm", "Đồng", "Gò", "Bàu", "Cầu", "Xóm", "Giồng",
    "Mương", "Kinh", "Bờ", "Láng", "Xẻo", "Bưng", "Cái", "Ngã", "Lung", "Trảng",
    "Cồn", "Đập", "Mé", "Rẫy",
)
HAMLET_SECOND = (
    "Đò", "Sậy", "Gáo", "Sen", "Me", "Tre", "Mới", "Điều", "Ngang", "Đạo",
    "Đào", "Dừa", "Bần", "Mít", "Trâm", "Ổi", "Lá", "Chuối", "Găng", "Xoài",
    "Sao", "Dầu", "Bông", "Súng", "Trôm", "Quao", "Tràm", "Đước", "Vông", "Mù U",
    "Bình Bát", "Ô Môi", "Lức", "Cóc", "Gừa", "Còng", "Nhum", "Lũy", "Chùa", "Đình",
    "Miễu", "Ông Cả", "Bà Hom", "Đất Sét", "Cỏ Ống", "Cát", "Ranh", "Chợ",
)
HAMLET_NAMES = tuple(f"{a} {b}" for a in HAMLET_FIRST for b in HAMLET_SECOND)
# fmt: on
BRIDGES = ["Rạch Sậy", "Kênh Xáng", "Ông Chưởng", "Vàm Lớn", "Cây Dương", "Bà Đào"]
FESTIVALS = ["Kỳ Yên đình làng", "Nghinh Ông", "Vu Lan", "cúng Miếu Bà", "Đua ghe ngo"]
SEASONS = ["Đông Xuân", "Hè Thu", "Thu Đông"]
# Topical terms: a slot such as {crop} draws one per use, so the words of a topic vary by item and
# appear only where that topic's sentences do.
# fmt: off
CROPS = (
    "lúa", "bưởi da xanh", "sầu riêng", "xoài cát", "dừa xiêm", "chanh không hạt",
    "thanh long ruột đỏ", "mít ruột đỏ", "nhãn xuồng", "chôm chôm", "khoai lang tím", "bắp nếp",
    "dưa hấu", "ớt chỉ thiên", "sen", "mía tím", "cam sành", "quýt hồng", "măng cụt", "rau màu",
    "hành lá", "khổ qua", "bí đỏ", "nấm rơm", "củ kiệu", "đậu phộng", "ca cao", "vú sữa",
)
LIVESTOCK = (
    "heo", "bò sinh sản", "dê", "gà thả vườn", "vịt chạy đồng", "lươn không bùn", "ếch",
    "cá tra", "tôm càng xanh", "cá rô đầu vuông", "ong lấy mật", "chim yến", "cá lóc", "ba ba",
    "trâu", "cua đồng", "cá thát lát", "bồ câu",
)
PRODUCTS = (
    "bánh tráng phơi sương", "mắm cá linh", "nem chua", "kẹo dừa", "khô cá lóc", "bánh phồng tôm",
    "rượu nếp than", "mật ong hoa tràm", "trà mãng cầu", "bột sắn dây", "tương hột", "chả lụa",
    "nước mắm cá cơm", "bánh pía", "tàu hũ ky", "nhang sạch", "chiếu lác", "bánh tét lá cẩm",
    "mứt gừng", "muối ớt", "giỏ lục bình", "bột nghệ", "hủ tiếu khô", "rượu dừa",
)
PESTS = (
    "rầy nâu", "bệnh đạo ôn", "sâu cuốn lá", "ốc bươu vàng", "chuột", "bệnh vàng lùn", "bọ trĩ",
    "sâu đục trái", "rệp sáp", "bệnh thán thư", "nhện gié", "bệnh lem lép hạt",
)
ANIMAL_DISEASES = (
    "dịch tả heo châu Phi", "cúm gia cầm", "lở mồm long móng", "viêm da nổi cục", "bệnh dại",
    "tụ huyết trùng", "bệnh tai xanh",
)
DISEASES = (
    "sốt xuất huyết", "tay chân miệng", "sởi", "cúm mùa", "thủy đậu", "tiêu chảy cấp", "ho gà",
    "đái tháo đường", "tăng huyết áp", "bệnh lao", "viêm gan siêu vi B",
)
HEROES = (
    "Nguyễn Đình Chiểu", "Trương Vĩnh Ký", "Lê Quý Đôn", "Võ Trường Toản", "Phan Văn Trị",
    "Huỳnh Thúc Kháng", "Trần Quốc Toản", "Bùi Hữu Nghĩa", "Nguyễn Trung Trực", "Võ Thị Sáu",
    "Lý Tự Trọng", "Kim Đồng", "Nguyễn Văn Trỗi", "Thủ Khoa Huân", "Trần Văn Ơn", "Chu Văn An",
)
SCHOOL_LEVELS = ("Mầm non", "Mẫu giáo", "Tiểu học", "Trung học cơ sở")
LESSONS = (
    "Toán", "Ngữ văn", "Tiếng Anh", "Tin học", "Vật lý", "Hóa học", "Sinh học", "Lịch sử",
    "Địa lý", "Giáo dục công dân", "Khoa học tự nhiên", "Âm nhạc", "Mỹ thuật",
)
SPORTS = (
    "bóng chuyền", "kéo co", "đá cầu", "cờ tướng", "bơi lội", "việt dã", "đua xuồng ba lá",
    "bắt vịt dưới nước", "nhảy bao bố", "cầu lông", "bóng bàn", "bi sắt", "đi cà kheo",
    "đập nồi", "chạy tiếp sức", "võ cổ truyền", "bóng đá mini", "đẩy gậy",
)
ARTS = (
    "đờn ca tài tử", "cải lương", "hò đối đáp", "múa lân sư rồng", "lô tô", "hát bội", "vọng cổ",
    "ngâm thơ", "nhảy dân vũ", "hát ru", "tấu hài", "đồng ca",
)
ORGS = (
    "Hội Cựu chiến binh", "Hội Người cao tuổi", "Hội Chữ thập đỏ", "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Công đoàn cơ sở", "Hội Khuyến học",
    "Hội Cựu giáo chức", "Hội Cựu thanh niên xung phong", "Hội Sinh vật cảnh", "Hội Đông y",
    "Câu lạc bộ dưỡng sinh", "Hội Làm vườn", "Câu lạc bộ hưu trí",
)
SCAMS = (
    "giả danh công an gọi điện yêu cầu chuyển tiền", "cho vay nặng lãi qua ứng dụng",
    "tổ chức đánh bạc qua mạng", "mua bán hàng giả, hàng nhái", "mời đầu tư tiền ảo",
    "tuyển cộng tác viên làm nhiệm vụ trực tuyến", "giả mạo nhân viên điện lực",
    "mạo danh ngân hàng gửi tin nhắn kèm liên kết lạ", "cài ứng dụng dịch vụ công giả mạo",
    "rao bán vé máy bay giá rẻ", "giả làm người thân đang cấp cứu", "hứa hẹn việc làm lương cao",
)
DISASTERS = (
    "triều cường", "sạt lở bờ sông", "giông lốc", "hạn mặn", "lũ cuối mùa", "sét đánh",
    "ngập úng cục bộ", "mưa lớn kéo dài", "áp thấp nhiệt đới", "nắng nóng gay gắt",
)
TRADES = (
    "may công nghiệp", "sửa chữa máy nông nghiệp", "trồng nấm rơm", "đan lục bình", "nấu ăn",
    "điện dân dụng", "hàn tiện", "làm tóc", "sửa xe gắn máy", "chăm sóc cây ăn trái",
    "nuôi cá nước ngọt", "pha chế đồ uống", "tin học văn phòng", "xây dựng dân dụng",
    "làm bánh", "kỹ thuật chăn nuôi", "điện lạnh", "lái xe hạng B",
)
APPS = (
    "VNeID", "eTax Mobile", "VssID", "ứng dụng ngân hàng", "ví điện tử", "Zalo",
    "Sổ sức khỏe điện tử", "Bình dân học vụ số", "iHanoi", "ứng dụng Cổng Dịch vụ công",
)
STREETS = (
    "Nguyễn Huệ", "Hùng Vương", "Lý Thường Kiệt", "Trần Phú", "30 Tháng 4",
    "Cách Mạng Tháng Tám", "Nguyễn Thị Minh Khai", "Lê Lợi", "Hai Bà Trưng", "Phạm Ngũ Lão",
    "Võ Văn Kiệt", "Đồng Khởi", "Ngô Quyền", "Nam Kỳ Khởi Nghĩa", "Phan Đình Phùng",
)
COMPANIES = (
    "May mặc Phú An", "Chế biến dừa Hưng Phát", "Thủy sản Kim Long", "Giày da Thái Bình",
    "Nông sản sạch Mười Thành", "Xay xát lúa gạo Tấn Lộc", "Điện tử Quang Minh", "Bao bì Đại Lợi",
    "Gỗ mỹ nghệ Trường Xuân", "Thức ăn chăn nuôi Việt Thắng",
)
HOLIDAYS = (
    "Tết Nguyên đán", "Tết Trung thu", "Quốc khánh 2/9", "Ngày Thương binh - Liệt sĩ 27/7",
    "Giỗ Tổ Hùng Vương", "Ngày Quốc tế Thiếu nhi 1/6", "Ngày Phụ nữ Việt Nam 20/10",
    "Ngày Nhà giáo Việt Nam 20/11", "Ngày Quốc tế Người cao tuổi 1/10", "Ngày Gia đình Việt Nam",
)
# fmt: on
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
UNITS = [
    "Văn phòng HĐND và UBND",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Văn hóa và Thông tin",
    "Phòng Tư pháp",
    "Trung tâm Văn hóa - Thể thao và Truyền thanh",
    "Công an",
    "Ban Chỉ huy Quân sự",
    "Ủy ban Mặt trận Tổ quốc",
    "Hội Nông dân",
]

# -- Phrase banks -----------------------------------------------------------------------------
# Each topic: the category it files under, tags, title templates and body sentences, how often
# it is an item's main topic (``weight``) and the subjects of documents about it. An item has one
# main topic and sometimes a second, and its topical sentences come from those alone, so that a
# topical phrase lands on a minority of items, as on a real portal; the generic sentences carry
# the function syllables every item shares. Templates name slots ({place}, {hamlet}, {year} …)
# that ``_Slots`` fills with values drawn per item.


@dataclass(frozen=True)
class Topic:
    category: str
    field: str
    tags: tuple[str, ...]
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    weight: float = 1.0
    subjects: tuple[str, ...] = ()


TOPICS: tuple[Topic, ...] = (
    Topic(
        "Kinh tế - Xã hội",
        "Đất đai",
        ("đất đai", "đăng ký đất đai", "quy hoạch sử dụng đất", "Giấy chứng nhận"),
        (
            "{Place} đẩy mạnh đăng ký đất đai lần đầu năm {year}",
            "Hướng dẫn đăng ký đất đai, cấp Giấy chứng nhận tại {hamlet}",
            "Rà soát hồ sơ đất đai tồn đọng trên địa bàn {place}",
            "Công khai kế hoạch sử dụng đất năm {year} của {place}",
            "Đo đạc, chỉnh lý bản đồ địa chính tại {hamlet}",
            "Tiếp nhận {big} hồ sơ đăng ký biến động đất đai trong {period}",
            "Bồi thường, hỗ trợ giải phóng mặt bằng dự án kè sông tại {hamlet}",
            "Lấy ý kiến Nhân dân về phương án quy hoạch sử dụng đất của {place}",
            "Xử lý dứt điểm các trường hợp lấn chiếm đất công ở {hamlet}",
            "Đối thoại với các hộ dân có đất bị thu hồi để mở rộng đường tỉnh",
            "Những điều cần biết về tách thửa, hợp thửa đất ở",
        ),
        (
            "Chi nhánh Văn phòng Đăng ký đất đai đã tiếp nhận {big} hồ sơ đăng ký đất đai lần đầu, "
            "đạt {pct}% kế hoạch năm {year}.",
            "Người sử dụng đất có thể nộp hồ sơ đăng ký đất đai trực tuyến qua Cổng Dịch vụ công "
            "quốc gia hoặc tại Bộ phận Một cửa của {ubnd}.",
            "Công chức địa chính {place} đã phối hợp với trưởng {hamlet} rà soát {num2} thửa đất "
            "chưa kê khai, đăng ký theo quy định.",
            "Thời gian giải quyết hồ sơ đăng ký lần đầu được rút ngắn từ {num} ngày xuống còn "
            "{small} ngày làm việc.",
            "Việc bồi thường, hỗ trợ, tái định cư cho {household} bị ảnh hưởng bởi dự án được thực "
            "hiện công khai, đúng quy định.",
            "Kế hoạch sử dụng đất năm {year} được niêm yết tại trụ sở {ubnd} và nhà văn hóa các ấp "
            "để người dân theo dõi.",
            "Các trường hợp chuyển mục đích sử dụng đất phải phù hợp với quy hoạch, kế hoạch sử "
            "dụng đất đã được cấp có thẩm quyền phê duyệt.",
            "Đoàn kiểm tra ghi nhận một số trường hợp lấn chiếm hành lang an toàn đường bộ và đã "
            "yêu cầu khắc phục trong {small} ngày.",
            "Luật Đất đai năm 2024 có hiệu lực đã tạo thuận lợi hơn cho người dân khi thực hiện "
            "các thủ tục về đất đai.",
            "Cán bộ địa chính hướng dẫn bà con kê khai đầy đủ thông tin thửa đất, nguồn gốc sử "
            "dụng đất và các giấy tờ kèm theo.",
            "Giá đất để tính bồi thường được áp dụng theo bảng giá đất do Ủy ban nhân dân tỉnh ban "
            "hành, có hệ số điều chỉnh sát với giá thị trường.",
            "Hội đồng bồi thường đã kiểm đếm cây {crop} và vật kiến trúc trên phần diện tích bị "
            "thu hồi của {household}.",
            "Thửa đất muốn tách phải bảo đảm diện tích tối thiểu theo quy định của tỉnh và có lối "
            "đi kết nối với đường công cộng hiện có.",
            "Ông {man}, ở {hamlet}, cho biết gia đình ông đã nhận đủ tiền bồi thường và bàn giao "
            "mặt bằng trước thời hạn.",
            "Công chức địa chính - xây dựng trực tiếp xuống thực địa xác minh ranh giới, mốc giới "
            "giữa các thửa đất liền kề.",
            "Các vụ tranh chấp ranh đất được tổ hòa giải ở cơ sở mời các bên đến thương lượng "
            "trước khi chuyển lên cấp trên.",
            "Khu đất công dọc bờ kênh dài {km} km đã được cắm mốc, giao cho {hamlet} theo dõi, bảo "
            "vệ.",
            "Bản đồ địa chính số được cập nhật thường xuyên, giúp tra cứu thông tin thửa đất nhanh "
            "chóng và chính xác.",
            "Người dân khi nhận chuyển nhượng cần kiểm tra kỹ tình trạng pháp lý của thửa đất, "
            "tránh mua bán bằng giấy tay.",
            "Phương án quy hoạch dự kiến dành {num} ha cho đất ở mới và {small} ha cho đất thương "
            "mại, dịch vụ, mở rộng chợ.",
            "Tiền sử dụng đất khi chuyển mục đích sang đất ở được tính theo bảng giá đất và có thể "
            "được ghi nợ theo quy định.",
            "Đến nay, tỷ lệ thửa đất đã được cấp Giấy chứng nhận trên địa bàn đạt {pct}% tổng số "
            "thửa cần cấp.",
            "Đơn thư khiếu nại, tranh chấp về đất đai chiếm khoảng {num}% tổng số đơn mà {ubnd} "
            "tiếp nhận trong năm.",
            "Công tác quản lý nhà nước về đất đai được tăng cường, các vi phạm được phát hiện và "
            "xử lý ngay từ khi mới phát sinh.",
        ),
        weight=1.3,
        subjects=(
            "phê duyệt kế hoạch sử dụng đất năm {year} của {place}",
            "triển khai đợt cao điểm đăng ký đất đai trên địa bàn {place}",
            "thu hồi đất để thực hiện dự án kè chống sạt lở bờ sông tại {hamlet}",
        ),
    ),
    Topic(
        "Cải cách hành chính",
        "Hộ tịch",
        ("hộ tịch", "tư pháp", "khai sinh", "kết hôn"),
        (
            "Giải quyết hồ sơ hộ tịch đúng hạn đạt {pct}% trong {period}",
            "{Place} tuyên truyền Luật Hộ tịch đến Nhân dân {hamlet}",
            "Đăng ký khai sinh, kết hôn trực tuyến tại {ubnd}",
            "Số hóa sổ hộ tịch giai đoạn {old_year}–{year}",
            "Những lưu ý khi đăng ký khai tử, trích lục hộ tịch",
            "Cấp bản sao trích lục khai sinh ngay trong ngày tại Bộ phận Một cửa",
            "Tập huấn nghiệp vụ hộ tịch, chứng thực cho công chức tư pháp",
            "Liên thông đăng ký khai sinh, thường trú và cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
        ),
        (
            "Trong {period}, công chức Tư pháp - Hộ tịch đã giải quyết {big} hồ sơ đăng ký khai "
            "sinh, kết hôn và khai tử.",
            "Toàn bộ sổ hộ tịch từ năm {old_year} đến nay đã được số hóa, cập nhật vào Cơ sở dữ "
            "liệu hộ tịch điện tử.",
            "Người dân có thể đăng ký khai sinh trực tuyến toàn trình và nhận Giấy khai sinh điện "
            "tử trên ứng dụng VNeID.",
            "Thời hạn đăng ký khai sinh là 60 ngày kể từ ngày sinh; đăng ký đúng hạn được miễn lệ "
            "phí.",
            "Việc trích lục hộ tịch, chứng thực bản sao từ bản chính được thực hiện ngay trong "
            "ngày tại Bộ phận Một cửa.",
            "Công tác hộ tịch tiếp tục được {ubnd} quan tâm chỉ đạo, bảo đảm không để hồ sơ trễ "
            "hạn.",
            "Tổ hòa giải {hamlet} đã hòa giải thành {small} vụ việc, góp phần giữ gìn tình làng "
            "nghĩa xóm.",
            "Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho "
            "trẻ dưới 6 tuổi giúp cha mẹ chỉ phải nộp hồ sơ một lần.",
            "Công chức tư pháp - hộ tịch thường xuyên rà soát, đối chiếu dữ liệu, chỉnh sửa sai "
            "sót về họ tên, ngày sinh trong sổ hộ tịch.",
            "Trường hợp đăng ký khai sinh quá hạn, người đi đăng ký cần xuất trình giấy chứng sinh "
            "hoặc văn bản của người làm chứng.",
            "Chị {woman}, ở {hamlet}, cho biết chỉ sau {small} ngày nộp hồ sơ trực tuyến đã nhận "
            "được bản điện tử Giấy khai sinh của con.",
            "Việc cải chính họ, chữ đệm, tên trong giấy tờ hộ tịch phải có căn cứ và được thực "
            "hiện theo đúng trình tự.",
            "Tủ sách pháp luật ở {hamlet} được bổ sung tài liệu về hôn nhân và gia đình, phòng, "
            "chống bạo lực gia đình.",
            "Đăng ký khai tử phải thực hiện trong 15 ngày kể từ ngày có người chết; thân nhân có "
            "thể nộp hồ sơ trực tuyến.",
            "Trong năm, {ubnd} đã cấp {num2} bản trích lục hộ tịch, chứng thực {big} bản sao và "
            "chữ ký cho người dân.",
            "Nhiều cặp vợ chồng chung sống lâu năm nhưng chưa đăng ký kết hôn đã được vận động "
            "hoàn thiện thủ tục theo quy định.",
            "Cán bộ tư pháp khuyến cáo người dân giữ gìn cẩn thận bản chính giấy tờ hộ tịch, không "
            "cho mượn hay cầm cố.",
            "Ông {man}, nhiều năm liền là hòa giải viên tiêu biểu, cho rằng hòa giải tốt trước hết "
            "phải biết lắng nghe cả hai bên.",
            "Hệ thống thông tin đăng ký và quản lý hộ tịch cho phép kiểm tra tình trạng hôn nhân "
            "trên phạm vi toàn quốc.",
        ),
        weight=1.0,
        subjects=(
            "chấn chỉnh công tác đăng ký, quản lý hộ tịch",
            "kiện toàn tổ hòa giải ở cơ sở tại các ấp, khu phố",
        ),
    ),
    Topic(
        "Nông nghiệp - Nông thôn mới",
        "Nông thôn mới",
        ("nông thôn mới", "OCOP", "khu dân cư kiểu mẫu"),
        (
            "{Place} đạt chuẩn nông thôn mới nâng cao năm {year}",
            "Phát triển sản phẩm OCOP gắn với xây dựng nông thôn mới",
            "Xây dựng {hamlet} thành khu dân cư nông thôn mới kiểu mẫu",
            "Đoàn thẩm định kiểm tra kết quả thực hiện tiêu chí nông thôn mới tại {place}",
            "Sản phẩm {product} của {place} đạt chứng nhận OCOP 3 sao",
            "Ra mắt tuyến đường hoa nông thôn mới ở {hamlet}",
        ),
        (
            "Đến nay, {place} đã đạt {small}/19 tiêu chí nông thôn mới nâng cao, thu nhập bình "
            "quân đầu người đạt {income} triệu đồng/năm.",
            "Chương trình mỗi xã một sản phẩm (OCOP) giúp nâng cao giá trị nông sản địa phương.",
            "Ban Chỉ đạo xây dựng nông thôn mới yêu cầu các ấp rà soát từng tiêu chí, xác định rõ "
            "nguồn lực thực hiện.",
            "Phong trào hiến đất mở rộng đường liên ấp được Nhân dân đồng tình hưởng ứng.",
            "Sản phẩm {product} của cơ sở bà {woman} được đánh giá đạt 3 sao, bao bì, nhãn mác "
            "được thiết kế lại bắt mắt hơn.",
            "Tuyến đường hoa dài {km} km do hội viên {org} trồng và chăm sóc đã tạo diện mạo mới "
            "cho {hamlet}.",
            "Từ nguồn vốn lồng ghép và đóng góp của Nhân dân, {place} đã xây mới {small} cây cầu "
            "bê tông, lắp {num2} bóng đèn chiếu sáng.",
            "Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm còn dưới 2%, không còn nhà tạm, nhà dột nát.",
            "Tiêu chí môi trường và an toàn thực phẩm vẫn là tiêu chí khó, cần sự vào cuộc của cả "
            "hệ thống chính trị.",
            "Mỗi ấp chọn một tuyến đường kiểu mẫu “sáng - xanh - sạch - đẹp” để các hộ dân cùng "
            "chăm sóc.",
            "Hội đồng thẩm định đánh giá cao sự đồng thuận của người dân trong quá trình xây dựng "
            "nông thôn mới.",
            "Đoàn đã khảo sát thực tế tại {hamlet}, kiểm tra hồ sơ minh chứng và lấy ý kiến về sự "
            "hài lòng của người dân.",
            "Hợp tác xã {hamlet_name} được hỗ trợ máy sấy, kho lạnh để nâng chất lượng sản phẩm "
            "đặc trưng của địa phương.",
            "Từ nay đến cuối năm, {place} tập trung hoàn thiện các tiêu chí còn lại, phấn đấu đạt "
            "chuẩn nông thôn mới kiểu mẫu.",
            "Người dân {hamlet} góp {big} ngày công chỉnh trang hàng rào, cổng ngõ, trồng cây xanh "
            "trước nhà.",
            "Tổng nguồn vốn huy động cho chương trình xây dựng nông thôn mới trong năm đạt "
            "{money}.",
        ),
        weight=0.8,
        subjects=(
            "kiện toàn Ban Chỉ đạo xây dựng nông thôn mới {place}",
            "đánh giá, phân hạng sản phẩm OCOP năm {year}",
        ),
    ),
    Topic(
        "Kinh tế - Xã hội",
        "Giao thông vận tải",
        ("giao thông", "giao thông nông thôn", "an toàn giao thông"),
        (
            "Khởi công tuyến đường giao thông nối {hamlet} với trung tâm {place}",
            "Bê tông hóa {km} km đường nông thôn năm {year}",
            "Phân luồng giao thông qua cầu {bridge}",
            "Nghiệm thu, đưa vào sử dụng đường liên ấp {hamlet}",
            "Tăng cường bảo đảm trật tự an toàn giao thông dịp cuối năm {year}",
            "Sửa chữa mặt đường hư hỏng trên {street}",
            "Lắp đặt biển báo, gờ giảm tốc tại các điểm giao cắt nguy hiểm",
            "Xây mới cầu bê tông thay cầu khỉ tại {hamlet}",
            "Tuyên truyền đội mũ bảo hiểm cho học sinh {school}",
        ),
        (
            "Tuyến đường giao thông dài {km} km, mặt đường rộng {width} m, tổng mức đầu tư "
            "{money}.",
            "Nhân dân {hamlet} đã hiến {big} m² đất và đóng góp ngày công để mở rộng tuyến đường.",
            "Đơn vị thi công cam kết hoàn thành công trình trước mùa mưa, bảo đảm chất lượng và an "
            "toàn lao động.",
            "Lực lượng công an {place} tăng cường tuần tra, kiểm soát, xử lý nghiêm các trường hợp "
            "vi phạm trật tự an toàn giao thông.",
            "Cầu {bridge} được sửa chữa, nâng tải trọng lên {small} tấn, phục vụ vận chuyển nông "
            "sản.",
            "Ban giám sát đầu tư của cộng đồng đã theo dõi chặt chẽ quá trình thi công đường giao "
            "thông.",
            "Trong thời gian thi công, người và phương tiện qua khu vực cần giảm tốc độ, chấp hành "
            "hướng dẫn của lực lượng điều tiết.",
            "Tuyến {street} có nhiều ổ gà, bong tróc mặt nhựa đã được vá lại, kẻ vạch sơn mới.",
            "Cây cầu mới dài {num} m, rộng {width} m thay thế cầu khỉ cũ, giúp học sinh {hamlet} "
            "đi học an toàn hơn.",
            "Từ đầu năm đến nay, trên địa bàn xảy ra {small} vụ tai nạn giao thông, giảm cả ba "
            "tiêu chí so với cùng kỳ.",
            "Học sinh được hướng dẫn kỹ năng đi xe đạp an toàn, đội mũ bảo hiểm đúng cách khi ngồi "
            "sau xe gắn máy.",
            "Các bến đò ngang được kiểm tra, yêu cầu trang bị đủ áo phao, phao cứu sinh cho hành "
            "khách.",
            "Người dân không được họp chợ, phơi lúa, để vật liệu xây dựng trên lòng đường gây cản "
            "trở giao thông.",
            "Quy hoạch mạng lưới đường giao thông nông thôn giai đoạn mới ưu tiên các tuyến kết "
            "nối vùng sản xuất.",
            "Xe tải trọng lớn không được lưu thông qua cầu trong thời gian sửa chữa, phải đi theo "
            "tuyến đường tránh.",
            "Ông {man}, tài xế xe tải chở nông sản, cho biết đường được mở rộng giúp việc vận "
            "chuyển thuận tiện hơn nhiều.",
        ),
        weight=0.6,
        subjects=(
            "phân bổ kinh phí sửa chữa đường giao thông nông thôn năm {year}",
            "bảo đảm trật tự an toàn giao thông dịp {holiday}",
        ),
    ),
    Topic(
        "Văn hóa - Xã hội",
        "Y tế",
        ("y tế", "bảo hiểm y tế", "phòng chống dịch", "an toàn thực phẩm"),
        (
            "Vận động người dân {hamlet} tham gia bảo hiểm y tế hộ gia đình",
            "Phun hóa chất phòng chống sốt xuất huyết tại {hamlet}",
            "Khám sức khỏe miễn phí cho {num2} người cao tuổi",
            "Trạm Y tế {place} giữ vững chuẩn quốc gia về y tế",
            "Triển khai tiêm chủng mở rộng năm {year}",
            "Chủ động phòng bệnh {disease} khi thời tiết thay đổi",
            "Khám sàng lọc {disease} cho người dân {hamlet}",
            "Tăng cường kiểm tra an toàn thực phẩm dịp {holiday}",
            "Hiến máu tình nguyện: {num2} đơn vị máu được tiếp nhận",
        ),
        (
            "Tỷ lệ người dân tham gia bảo hiểm y tế của {place} đạt {pct}%, vượt chỉ tiêu được "
            "giao.",
            "Trạm Y tế đã tổ chức khám, tư vấn sức khỏe miễn phí cho {big} lượt người.",
            "Ngành y tế khuyến cáo người dân diệt lăng quăng, loại bỏ dụng cụ chứa nước đọng quanh "
            "nhà.",
            "Chương trình tiêm chủng mở rộng được triển khai đầy đủ, an toàn cho trẻ em dưới 5 "
            "tuổi.",
            "Cộng tác viên dân số tại các ấp đến từng hộ gia đình tuyên truyền về chăm sóc sức "
            "khỏe sinh sản.",
            "Người có thẻ bảo hiểm y tế khi khám chữa bệnh đúng tuyến được quỹ chi trả từ 80 đến "
            "100% chi phí theo quy định.",
            "Đoàn kiểm tra liên ngành đã kiểm tra {num} cơ sở kinh doanh thực phẩm, nhắc nhở các "
            "cơ sở chưa bảo đảm điều kiện vệ sinh.",
            "Bác sĩ Trạm Y tế khuyến cáo người dân khi có dấu hiệu {disease} cần đến cơ sở y tế để "
            "được khám và điều trị kịp thời.",
            "Người bệnh tăng huyết áp, đái tháo đường được quản lý, cấp thuốc định kỳ tại trạm, "
            "không phải lên tuyến trên.",
            "Buổi hiến máu thu hút đông đảo cán bộ, đoàn viên, thanh niên và người dân tham gia.",
            "Mỗi người dân đã được lập hồ sơ sức khỏe điện tử, có thể tra cứu trên ứng dụng VNeID.",
            "Học sinh được cấp thẻ bảo hiểm y tế tại trường, cha mẹ không cần mua thêm nếu đã tham "
            "gia theo hộ gia đình.",
            "Nhân viên y tế ấp thường xuyên đến từng nhà hướng dẫn người dân vệ sinh môi trường, "
            "diệt lăng quăng.",
            "Trạm Y tế được đầu tư máy siêu âm, máy xét nghiệm sinh hóa, giúp người dân khám bệnh "
            "ngay tại địa phương.",
            "Bà {woman}, {num} năm nay bị đau khớp, xúc động khi được các y bác sĩ tận tình thăm "
            "khám, tặng thuốc.",
            "Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt {pct}%.",
            "Cơ sở kinh doanh thức ăn đường phố phải có nguồn gốc thực phẩm rõ ràng, người chế "
            "biến phải đeo găng tay, tạp dề.",
            "Nhiều hộ cận nghèo được ngân sách hỗ trợ 70% mức đóng khi tham gia bảo hiểm y tế.",
        ),
        weight=1.0,
        subjects=(
            "tăng cường phòng, chống dịch {disease}",
            "giao chỉ tiêu phát triển người tham gia bảo hiểm y tế năm {year}",
            "bảo đảm an toàn thực phẩm dịp {holiday}",
        ),
    ),
    Topic(
        "Văn hóa - Xã hội",
        "Giáo dục và Đào tạo",
        ("giáo dục", "năm học mới", "khuyến học"),
        (
            "Khai giảng năm học {year}–{next_year} tại các trường trên địa bàn {place}",
            "Tổng kết năm học, khen thưởng {num2} học sinh giỏi",
            "Trường Tiểu học {place_name} đạt chuẩn quốc gia mức độ 2",
            "Trao {num2} suất học bổng cho học sinh vượt khó học giỏi",
            "Bảo đảm an toàn trường học trước năm học mới",
            "{school} tổ chức hội thi giáo viên dạy giỏi cấp trường",
            "Học sinh {place} đạt {small} giải kỳ thi học sinh giỏi môn {lesson}",
            "Tuyển sinh vào lớp 1, lớp 6 năm học {year}–{next_year}",
            "Phòng chống đuối nước cho trẻ em dịp hè",
            "Vận động học sinh bỏ học trở lại lớp",
        ),
        (
            "Năm học {year}–{next_year}, toàn {place} có {big} học sinh ở các cấp học, tăng {num} "
            "em so với năm học trước.",
            "Tỷ lệ học sinh hoàn thành chương trình tiểu học đạt {pct}%, học sinh lên lớp đạt 99%.",
            "Hội Khuyến học {place} đã trao học bổng cho học sinh có hoàn cảnh khó khăn vươn lên "
            "học tốt.",
            "Các trường đã sửa chữa phòng học, bổ sung thiết bị dạy học, bảo đảm điều kiện cho năm "
            "học mới.",
            "Công tác phổ cập giáo dục, xóa mù chữ và đào tạo nghề cho lao động nông thôn được duy "
            "trì vững chắc.",
            "Thầy, cô giáo {school} đã đến từng nhà vận động {small} học sinh có nguy cơ bỏ học "
            "trở lại trường.",
            "Kỳ thi học sinh giỏi môn {lesson} năm nay, học sinh {place} giành {small} giải, trong "
            "đó có giải nhất cấp huyện.",
            "Nhà trường chú trọng giáo dục kỹ năng sống, dạy bơi an toàn cho học sinh trước mỗi kỳ "
            "nghỉ hè.",
            "Công trình {small} phòng học mới với tổng kinh phí {money} được đưa vào sử dụng ngay "
            "đầu năm học.",
            "Cô {woman}, giáo viên {school}, đã có {num} năm gắn bó với nghề và nhiều năm liền đạt "
            "danh hiệu giáo viên dạy giỏi.",
            "Chương trình giáo dục phổ thông mới được triển khai đồng bộ, giáo viên được bồi dưỡng "
            "phương pháp dạy học tích cực.",
            "Thư viện trường được bổ sung {num2} đầu sách, góp phần xây dựng văn hóa đọc cho học "
            "sinh.",
            "Phụ huynh được khuyến khích đóng học phí, tiền ăn bán trú qua tài khoản ngân hàng, "
            "không dùng tiền mặt.",
            "Bữa ăn bán trú của trẻ mầm non được bảo đảm đủ dinh dưỡng, thực phẩm có hóa đơn, "
            "chứng từ rõ ràng.",
            "Lễ tuyên dương học sinh giỏi là dịp khích lệ tinh thần hiếu học trong mỗi gia đình, "
            "dòng họ.",
            "Xe đưa rước học sinh phải bảo đảm an toàn kỹ thuật, có đủ dây an toàn và không chở "
            "quá số người quy định.",
        ),
        weight=1.0,
        subjects=(
            "kế hoạch tuyển sinh vào lớp 1, lớp 6 năm học {year}–{next_year}",
            "phòng, chống đuối nước cho trẻ em, học sinh dịp hè năm {year}",
        ),
    ),
    Topic(
        "Văn hóa - Xã hội",
        "Văn hóa - xã hội",
        ("văn hóa", "đại đoàn kết", "thể thao"),
        (
            "Ngày hội Đại đoàn kết toàn dân tộc tại {hamlet}",
            "Lễ hội {festival} năm {year}",
            "Giải bóng đá nông thôn {place} lần thứ {roman}",
            "Bình xét gia đình văn hóa năm {year}",
            "Ngày hội văn hóa, thể thao {place} lần thứ {roman}",
            "Hội thi {art} {place} lần thứ {roman}",
            "Giải {sport} chào mừng {holiday}",
            "Trùng tu đình {hamlet_name}, di tích lịch sử cấp tỉnh",
            "Thư viện lưu động đến với thiếu nhi {hamlet}",
        ),
        (
            "Ngày hội Đại đoàn kết toàn dân tộc thu hút đông đảo Nhân dân {hamlet} tham gia với "
            "nhiều hoạt động văn hóa, văn nghệ sôi nổi.",
            "Năm {year}, có {pct}% hộ gia đình đạt danh hiệu gia đình văn hóa.",
            "Ủy ban Mặt trận Tổ quốc {place} trao {num2} phần quà cho hộ nghèo, hộ có hoàn cảnh "
            "khó khăn.",
            "Các hoạt động thể dục thể thao góp phần nâng cao sức khỏe, đời sống tinh thần của "
            "Nhân dân.",
            "Đoàn Thanh niên tổ chức trò chơi dân gian, thu hút đông đảo đoàn viên, thanh niên "
            "tham gia.",
            "Nghệ nhân đờn ca tài tử biểu diễn nhiều tiết mục đặc sắc, được bà con nhiệt tình cổ "
            "vũ.",
            "Giải {sport} thu hút {num} đội tham gia, tranh tài sôi nổi trong {small} ngày.",
            "Hội thi {art} là dịp để các nghệ nhân, người yêu nghệ thuật truyền thống giao lưu, "
            "học hỏi.",
            "Đình {hamlet_name} được xây dựng từ thế kỷ XIX, nay được trùng tu với kinh phí "
            "{money} từ ngân sách và nguồn xã hội hóa.",
            "Nhà văn hóa {hamlet} trở thành nơi sinh hoạt cộng đồng, tập luyện thể thao của người "
            "dân mỗi buổi chiều.",
            "Câu lạc bộ {art} của {hamlet} duy trì sinh hoạt hằng tuần với hơn {num} thành viên.",
            "Đội văn nghệ {org} biểu diễn nhiều tiết mục ca ngợi quê hương, đất nước.",
            "Ngày hội thu hút đông đảo thiếu nhi tham gia các trò chơi {sport}, đọc sách và vẽ "
            "tranh.",
            "Các gia đình được vận động thực hiện nếp sống văn minh trong việc cưới, việc tang và "
            "lễ hội.",
            "Ông {man}, {num} năm gắn bó với phong trào văn nghệ quần chúng, đã truyền nghề cho "
            "nhiều lớp trẻ.",
            "Dịp {holiday}, các đoàn thể tổ chức thăm hỏi, tặng quà, động viên các gia đình chính "
            "sách.",
        ),
        weight=1.0,
        subjects=(
            "tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
            "tổ chức các hoạt động văn hóa, thể thao chào mừng {holiday}",
        ),
    ),
    Topic(
        "Quốc phòng - An ninh",
        "Quốc phòng",
        ("quốc phòng", "tuyển quân", "dân quân tự vệ"),
        (
            "{Place} tổ chức giao nhận quân năm {year}",
            "Diễn tập phòng thủ dân sự {place} năm {year}",
            "Huấn luyện dân quân tự vệ năm {year}",
            "Khám sơ tuyển nghĩa vụ quân sự cho {num2} thanh niên",
            "Hội thao quốc phòng lực lượng vũ trang {place}",
            "Thăm hỏi, tặng quà gia đình quân nhân đang tại ngũ",
        ),
        (
            "{Place} đã hoàn thành chỉ tiêu giao quân năm {year} với {num} thanh niên lên đường "
            "nhập ngũ.",
            "Lực lượng dân quân tự vệ được huấn luyện theo đúng chương trình, bảo đảm an toàn "
            "tuyệt đối.",
            "Các tân binh được gia đình, người thân và chính quyền động viên, tặng quà trước ngày "
            "lên đường.",
            "Hội đồng nghĩa vụ quân sự đã rà soát, đăng ký nghĩa vụ quân sự cho nam công dân đủ 17 "
            "tuổi trong năm.",
            "Thanh niên {man}, ở {hamlet}, tự nguyện viết đơn xin nhập ngũ dù đang có việc làm ổn "
            "định.",
            "Cuộc diễn tập giả định tình huống {disaster} gây thiệt hại nặng, lực lượng tại chỗ di "
            "dời người dân đến nơi an toàn.",
            "Ban Chỉ huy Quân sự {place} duy trì nghiêm chế độ trực sẵn sàng chiến đấu, nhất là "
            "trong các dịp lễ, tết.",
            "Công tác giáo dục quốc phòng và an ninh cho các đối tượng được thực hiện đầy đủ, đúng "
            "chương trình.",
            "Chiến sĩ dân quân tham gia giúp dân thu hoạch lúa, sửa nhà, khơi thông dòng chảy, "
            "được bà con quý mến.",
            "Quân nhân xuất ngũ trở về địa phương được giới thiệu việc làm, học nghề và tạo điều "
            "kiện phát triển kinh tế.",
            "Hội thao có các nội dung bắn súng, ném lựu đạn, chạy vũ trang và kỹ thuật cứu hộ, cứu "
            "nạn.",
            "Nhiều gia đình quân nhân có hoàn cảnh khó khăn được thăm hỏi, tặng quà trị giá {num2} "
            "nghìn đồng mỗi suất.",
        ),
        weight=0.6,
        subjects=("tuyển chọn, gọi công dân nhập ngũ năm {next_year}",),
    ),
    Topic(
        "Chuyển đổi số",
        "Chuyển đổi số",
        ("chuyển đổi số", "dịch vụ công trực tuyến", "VNeID"),
        (
            "Tổ công nghệ số cộng đồng hỗ trợ người dân {hamlet}",
            "Tỷ lệ hồ sơ trực tuyến của {place} đạt {pct}%",
            "Hướng dẫn kích hoạt tài khoản định danh điện tử VNeID",
            "Thanh toán không dùng tiền mặt tại chợ {place_name}",
            "Chuyển đổi số trong giải quyết thủ tục hành chính năm {year}",
            "Hướng dẫn người cao tuổi sử dụng {app}",
            "Phủ sóng wifi miễn phí tại nhà văn hóa {hamlet}",
            "Ra mắt nhóm Zalo cộng đồng của {hamlet}",
            "Phổ cập kỹ năng số cho người dân theo phong trào Bình dân học vụ số",
        ),
        (
            "Tổ công nghệ số cộng đồng đã đến từng hộ gia đình hướng dẫn cài đặt, kích hoạt tài "
            "khoản định danh điện tử.",
            "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt {pct}%, tăng so với cùng "
            "kỳ năm {prev_year}.",
            "Các tiểu thương tại chợ đã niêm yết mã QR để khách hàng thanh toán không dùng tiền "
            "mặt.",
            "Người dân có thể nộp hồ sơ, theo dõi kết quả và thanh toán phí, lệ phí trên Cổng Dịch "
            "vụ công quốc gia.",
            "Hệ thống hội nghị trực tuyến được kết nối thông suốt từ huyện đến các xã, thị trấn.",
            "Chuyển đổi số giúp cắt giảm thời gian đi lại, chi phí cho người dân và doanh nghiệp.",
            "Chuyển đổi số được xác định là nhiệm vụ trọng tâm, gắn với cải cách hành chính và "
            "nâng cao chất lượng phục vụ người dân.",
            "Các chỉ tiêu chuyển đổi số năm {year} được giao cụ thể cho từng bộ phận, từng cán bộ "
            "phụ trách.",
            "Thành viên Tổ công nghệ số cộng đồng ở {hamlet} đã hướng dẫn {num2} lượt người dân "
            "cài đặt và sử dụng {app}.",
            "Hiện {pct}% người dân trong độ tuổi đã kích hoạt tài khoản định danh điện tử mức độ "
            "2.",
            "Nhóm Zalo của ấp giúp thông tin từ chính quyền đến với người dân nhanh hơn, người dân "
            "cũng dễ phản ánh, kiến nghị.",
            "Việc chi trả trợ cấp xã hội, lương hưu qua tài khoản ngân hàng giúp người hưởng nhận "
            "tiền đúng hạn, an toàn.",
            "Hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa, người dân không phải nộp "
            "lại giấy tờ đã có trong cơ sở dữ liệu.",
            "Điểm phát sóng wifi miễn phí tại nhà văn hóa được nhiều học sinh, thanh niên sử dụng "
            "để học tập, tra cứu thông tin.",
            "Ông {man}, ở {hamlet}, ngoài 70 tuổi nhưng đã tự nộp hồ sơ trực tuyến sau hai buổi "
            "được hướng dẫn.",
            "Cán bộ, công chức được bồi dưỡng kỹ năng số, sử dụng chữ ký số trong xử lý văn bản "
            "điện tử.",
            "Hệ thống quản lý văn bản và điều hành giúp văn bản đi, đến được xử lý hoàn toàn trên "
            "môi trường mạng.",
            "Ban Chỉ đạo chuyển đổi số {place} đặt mục tiêu {pct}% hộ gia đình có người biết sử "
            "dụng dịch vụ công trực tuyến.",
            "Tiểu thương chợ {place_name} được hướng dẫn mở tài khoản, in mã QR và cài loa báo "
            "nhận tiền.",
            "Người dân cần cảnh giác với các ứng dụng giả mạo, chỉ cài {app} từ kho ứng dụng chính "
            "thức.",
        ),
        weight=1.0,
        subjects=(
            "đẩy mạnh chuyển đổi số và dịch vụ công trực tuyến",
            "thành lập Tổ công nghệ số cộng đồng tại các ấp, khu phố",
        ),
    ),
    Topic(
        "Tin tức - Sự kiện",
        "Xây dựng chính quyền",
        ("Hội đồng nhân dân", "chính quyền", "tiếp xúc cử tri"),
        (
            "Kỳ họp thứ {small} Hội đồng nhân dân {place}",
            "Hội nghị sơ kết công tác 6 tháng đầu năm {year}",
            "Đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân {hamlet}",
            "Tiếp xúc cử tri trước kỳ họp cuối năm {year}",
            "{leaders} làm việc với {hamlet} về nhiệm vụ năm {year}",
            "Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}",
            "Giám sát việc giải quyết kiến nghị của cử tri tại {place}",
            "Lấy phiếu tín nhiệm người giữ chức vụ do Hội đồng nhân dân bầu",
            "Sắp xếp, kiện toàn tổ chức bộ máy cơ quan chuyên môn",
        ),
        (
            "{leaders} đã ban hành nghị quyết lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã "
            "hội năm {year}.",
            "Kỳ họp đã thông qua {small} nghị quyết quan trọng, trong đó có nghị quyết về dự toán "
            "ngân sách năm {next_year}.",
            "Tại buổi tiếp xúc, cử tri {hamlet} kiến nghị sửa chữa tuyến đường trục ấp và nâng cấp "
            "hệ thống chiếu sáng.",
            "Đồng chí Bí thư yêu cầu các chi bộ phát huy vai trò lãnh đạo, nêu gương của cán bộ, "
            "đảng viên.",
            "Công tác cải cách hành chính, nâng cao chất lượng phục vụ người dân tiếp tục được chú "
            "trọng.",
            "Hội nghị thống nhất đánh giá kinh tế - xã hội tiếp tục phát triển, đời sống Nhân dân "
            "được nâng lên.",
            "Cử tri {person}, ở {hamlet}, đề nghị sớm có phương án xử lý tình trạng ngập úng mỗi "
            "khi triều cường dâng cao.",
            "Các đại biểu Hội đồng nhân dân đã thảo luận, chất vấn thẳng thắn về những vấn đề cử "
            "tri quan tâm.",
            "Chủ tọa kỳ họp đề nghị các cơ quan chuyên môn khẩn trương giải quyết dứt điểm những "
            "kiến nghị kéo dài.",
            "Ban Kinh tế - Xã hội của Hội đồng nhân dân đã giám sát {small} chuyên đề, kiến nghị "
            "nhiều giải pháp thiết thực.",
            "Tập thể và cá nhân có thành tích xuất sắc được tặng giấy khen, bằng khen của các cấp.",
            "Việc sắp xếp tổ chức bộ máy được thực hiện thận trọng, không làm gián đoạn việc phục "
            "vụ người dân và doanh nghiệp.",
            "Kết quả lấy phiếu tín nhiệm là căn cứ để cán bộ tự soi, tự sửa, nâng cao chất lượng "
            "hoạt động.",
            "{leaders} giao các ngành rà soát chỉ tiêu, tập trung vào những việc còn chậm trong "
            "những tháng cuối năm.",
            "Người đứng đầu cấp ủy, chính quyền đã trực tiếp trả lời, làm rõ {num} ý kiến của Nhân "
            "dân tại buổi đối thoại.",
            "Phong trào thi đua yêu nước được phát động sâu rộng, xuất hiện nhiều mô hình hay, "
            "cách làm hiệu quả.",
        ),
        weight=1.0,
        subjects=(
            "tổ chức kỳ họp thường lệ cuối năm {year} của Hội đồng nhân dân {place}",
            "tổ chức tiếp xúc cử tri trước kỳ họp giữa năm {year}",
        ),
    ),
    Topic(
        "Thông báo",
        "Tiếp công dân",
        ("thông báo", "tiếp công dân"),
        (
            "Lịch tiếp công dân của Chủ tịch UBND {place} tháng {month}/{year}",
            "Thông báo tạm ngừng cung cấp điện tại {hamlet}",
            "Thông báo lịch thu gom rác thải sinh hoạt tại {hamlet}",
            "Thông báo tuyển dụng viên chức năm {year}",
            "Thông báo lịch nghỉ lễ và bố trí trực tháng {month}/{year}",
            "Thông báo tạm ngưng cấp nước để sửa chữa đường ống tại {hamlet}",
            "Thông báo kết quả xét tuyển viên chức năm {year}",
            "Thông báo lịch nghỉ và phân công trực dịp {holiday}",
            "Thông báo đấu giá quyền thuê ki-ốt chợ {place_name}",
            "Thông báo tiếp nhận hồ sơ hỗ trợ học nghề năm {year}",
        ),
        (
            "Chủ tịch {ubnd} tiếp công dân định kỳ vào ngày {day} hằng tháng tại trụ sở Ủy ban.",
            "Công dân đến liên hệ mang theo căn cước và các giấy tờ liên quan đến nội dung kiến "
            "nghị.",
            "Điện lực thông báo tạm ngừng cung cấp điện từ {hour} giờ đến {hour2} giờ để bảo trì "
            "đường dây.",
            "Rác thải sinh hoạt được thu gom vào các ngày thứ Hai, thứ Tư và thứ Sáu hằng tuần.",
            "Mọi thắc mắc xin liên hệ Văn phòng {ubnd}, điện thoại {phone}.",
            "Thông báo này được niêm yết công khai tại trụ sở {ubnd} và phát trên hệ thống loa "
            "truyền thanh.",
            "Nhà máy nước tạm ngưng cấp nước từ {hour} giờ đến {hour2} giờ để sửa chữa, thay thế "
            "đường ống bị rò rỉ.",
            "Người dân chủ động trữ nước sử dụng trong thời gian tạm ngưng cấp nước; mong bà con "
            "thông cảm vì sự bất tiện này.",
            "Danh sách thí sinh trúng tuyển được niêm yết tại trụ sở và đăng trên cổng thông tin "
            "điện tử của {place}.",
            "Thời gian nhận hồ sơ từ ngày {date} đến hết ngày làm việc cuối cùng của tháng, trong "
            "giờ hành chính.",
            "Trong thời gian nghỉ lễ, lãnh đạo {ubnd} phân công trực theo lịch, bảo đảm xử lý kịp "
            "thời các công việc phát sinh.",
            "Tổ chức, cá nhân có nhu cầu liên hệ trực tiếp bộ phận tiếp nhận hoặc gọi số {phone} "
            "để được hướng dẫn.",
            "Giá khởi điểm, tiền đặt trước và điều kiện tham gia đấu giá được niêm yết công khai "
            "tại Ban Quản lý chợ.",
            "Hồ sơ gửi trực tuyến trong những ngày nghỉ lễ sẽ được tiếp nhận, xử lý ngay trong "
            "ngày làm việc đầu tiên.",
        ),
        weight=1.2,
        subjects=(
            "lịch tiếp công dân định kỳ tháng {month} năm {year}",
            "lịch nghỉ và phân công trực dịp {holiday}",
        ),
    ),
    Topic(
        "Đô thị - Môi trường",
        "Tài nguyên và môi trường",
        ("môi trường", "phòng chống thiên tai", "rác thải"),
        (
            "Chủ động phòng chống lụt bão, xâm nhập mặn năm {year}",
            "Ra quân làm sạch môi trường tại {hamlet}",
            "Trồng {big} cây xanh dọc tuyến đường liên ấp",
            "Gia cố đê bao bảo vệ sản xuất mùa lũ năm {year}",
            "Chủ động ứng phó {disaster} trong những ngày tới",
            "Ra quân vớt lục bình, khơi thông dòng chảy kênh {hamlet_name}",
            "Hướng dẫn phân loại rác thải sinh hoạt tại nguồn",
            "Xử phạt cơ sở xả thải chưa qua xử lý ra kênh",
            "Hỗ trợ người dân bị thiệt hại do {disaster}",
        ),
        (
            "Ban Chỉ huy phòng chống thiên tai {place} đã kiện toàn lực lượng, chuẩn bị vật tư "
            "theo phương châm bốn tại chỗ.",
            "Đoàn viên, thanh niên ra quân thu gom {num} tấn rác thải, khơi thông cống rãnh.",
            "Các hộ dân được hướng dẫn phân loại rác tại nguồn, xử lý rác hữu cơ làm phân bón.",
            "Đê bao dài {km} km được gia cố, bảo vệ an toàn cho {big} ha lúa và hoa màu.",
            "Người dân chủ động trữ nước ngọt, ứng phó với tình hình xâm nhập mặn.",
            "Do ảnh hưởng của {disaster}, {small} căn nhà ở {hamlet} bị hư hỏng, tốc mái; chính "
            "quyền đã kịp thời hỗ trợ khắc phục.",
            "Lục bình dày đặc trên kênh {hamlet_name} được đoàn viên, thanh niên và dân quân vớt "
            "bỏ, khơi thông dòng chảy.",
            "Rác thải được phân thành ba loại: rác hữu cơ, rác tái chế và rác còn lại, thu gom "
            "theo lịch riêng.",
            "Cơ sở sản xuất bị phạt {num} triệu đồng vì xả nước thải chưa qua xử lý ra kênh, gây "
            "mùi hôi cho khu dân cư.",
            "Đài khí tượng dự báo {disaster} có thể xảy ra trong những ngày tới, người dân cần chủ "
            "động gia cố nhà cửa.",
            "Mô hình “Ngày Chủ nhật xanh” được duy trì hằng tháng, thu hút đông đảo hội viên {org} "
            "tham gia.",
            "Các hộ dân ven sông được vận động không xây nhà lấn ra mép sông, đề phòng sạt lở.",
            "Ông {man}, ở {hamlet}, cho biết từ khi có xe thu gom rác, đường xóm sạch sẽ, không "
            "còn cảnh vứt rác xuống sông.",
            "Trạm quan trắc cho thấy độ mặn trên sông đã tăng, nông dân cần lấy nước ngọt vào thời "
            "điểm thích hợp.",
            "Lực lượng xung kích ở các ấp được trang bị áo phao, đèn pin, loa cầm tay, sẵn sàng "
            "ứng cứu khi có sự cố.",
        ),
        weight=0.8,
        subjects=(
            "phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
            "thu gom, xử lý rác thải sinh hoạt trên địa bàn {place}",
            "khắc phục thiệt hại do {disaster} gây ra",
        ),
    ),
    Topic(
        "Nông nghiệp - Nông thôn mới",
        "Nông nghiệp",
        ("nông nghiệp", "trồng trọt", "khuyến nông"),
        (
            "Hoàn thành thu hoạch lúa vụ {season} tại {hamlet}",
            "Hợp tác xã {place_name} ký kết bao tiêu {num2} ha lúa chất lượng cao",
            "Nạo vét kênh mương nội đồng chuẩn bị vụ {season}",
            "Chuyển đổi {num} ha đất lúa kém hiệu quả sang trồng {crop}",
            "Chủ động phòng trừ {pest} trên cây trồng vụ {season}",
            "Hội thảo đầu bờ mô hình trồng {crop} theo hướng hữu cơ",
            "Giá {crop} tăng, nông dân {hamlet} phấn khởi",
            "Xuống giống vụ {season} theo lịch né rầy",
        ),
        (
            "Vụ lúa {season} năm {year}, toàn {place} xuống giống {big} ha, năng suất bình quân "
            "đạt {yield_} tấn/ha.",
            "Hợp tác xã nông nghiệp đã liên kết với doanh nghiệp bao tiêu sản phẩm cho {household} "
            "xã viên.",
            "Người dân được tập huấn kỹ thuật canh tác lúa giảm phát thải và sử dụng phân bón hợp "
            "lý.",
            "Hệ thống kênh mương nội đồng dài {km} km đã được nạo vét, bảo đảm nước tưới cho vụ "
            "{season}.",
            "Trạm Trồng trọt và Bảo vệ thực vật khuyến cáo nông dân thăm đồng thường xuyên, phát "
            "hiện sớm {pest} để phòng trừ kịp thời.",
            "Gia đình ông {man}, ở {hamlet}, chuyển {small} công ruộng sang trồng {crop}, mỗi năm "
            "thu lãi hơn {income} triệu đồng.",
            "Nông dân được khuyến cáo xuống giống tập trung, đồng loạt, né rầy theo lịch thời vụ "
            "của ngành nông nghiệp.",
            "Giá {crop} hiện dao động từ {num} đến {income} nghìn đồng/kg, thương lái thu mua tận "
            "vườn.",
            "Mô hình sản xuất theo tiêu chuẩn VietGAP giúp sản phẩm dễ tiêu thụ, giá bán cao hơn "
            "từ 10 đến 15%.",
            "Các điểm trình diễn dùng thiết bị bay không người lái phun thuốc giúp tiết kiệm chi "
            "phí và bảo vệ sức khỏe người phun.",
            "Diện tích {crop} được cấp mã số vùng trồng đã đạt {num2} ha, đủ điều kiện xuất khẩu "
            "chính ngạch.",
            "Nhờ chủ động bơm tưới, vườn {crop} của các hộ ở {hamlet} vượt qua mùa khô mà không bị "
            "thiệt hại.",
            "Bà con được hướng dẫn ủ rơm rạ làm phân hữu cơ thay vì đốt đồng sau thu hoạch.",
            "Cán bộ khuyến nông có mặt tại đồng ruộng để hướng dẫn nông dân nhận biết {pest} và "
            "cách xử lý an toàn.",
            "Các cánh đồng lớn được cơ giới hóa từ khâu làm đất, gieo sạ đến thu hoạch, giảm đáng "
            "kể chi phí lao động.",
            "Thương lái ở {hamlet} cho biết {crop} năm nay trúng mùa, chất lượng tốt nên được thu "
            "mua với giá ổn định.",
        ),
        weight=1.0,
        subjects=(
            "ban hành lịch thời vụ gieo sạ lúa vụ {season} năm {year}",
            "hỗ trợ chuyển đổi cơ cấu cây trồng trên đất trồng lúa năm {year}",
        ),
    ),
    Topic(
        "Nông nghiệp - Nông thôn mới",
        "Chăn nuôi - thủy sản",
        ("chăn nuôi", "thú y", "thủy sản"),
        (
            "Tiêm phòng {animal_disease} cho đàn vật nuôi đợt {roman} năm {year}",
            "Mô hình nuôi {livestock} mang lại thu nhập ổn định ở {hamlet}",
            "Chủ động phòng, chống {animal_disease} trên địa bàn {place}",
            "Thả {big} con cá giống tái tạo nguồn lợi thủy sản",
            "Hỗ trợ con giống {livestock} cho hộ nghèo ở {hamlet}",
        ),
        (
            "Đợt tiêm phòng đã tiêm {big} liều vắc xin cho đàn heo, gia cầm, trâu bò, đạt {pct}% "
            "kế hoạch.",
            "Thú y viên đến tận từng hộ chăn nuôi hướng dẫn vệ sinh chuồng trại, phun thuốc khử "
            "trùng định kỳ.",
            "Người chăn nuôi khi phát hiện vật nuôi bị bệnh, chết bất thường phải báo ngay cho "
            "chính quyền và cán bộ thú y.",
            "Mô hình nuôi {livestock} của anh {man} ở {hamlet} cho lợi nhuận khoảng {income} triệu "
            "đồng mỗi năm.",
            "Nghiêm cấm vứt xác vật nuôi bị bệnh ra sông, kênh, rạch gây ô nhiễm môi trường và lây "
            "lan dịch bệnh.",
            "Tổ hợp tác nuôi {livestock} ở {hamlet} có {num} thành viên, cùng chia sẻ kinh nghiệm "
            "và đầu ra sản phẩm.",
            "Hiện tổng đàn heo trên địa bàn đạt {big} con, đàn gia cầm hơn {num2} nghìn con, không "
            "có dịch bệnh lớn xảy ra.",
            "Việc thả cá giống xuống sông nhằm tái tạo nguồn lợi thủy sản và nâng cao ý thức bảo "
            "vệ môi trường của người dân.",
            "Ngư dân được tuyên truyền không sử dụng xung điện, lưới mắt nhỏ, chất nổ để khai thác "
            "thủy sản.",
            "Hộ nghèo được hỗ trợ con giống {livestock}, thức ăn và tập huấn kỹ thuật để có sinh "
            "kế bền vững.",
            "Cán bộ thú y khuyến cáo không mua bán, vận chuyển vật nuôi không rõ nguồn gốc khi "
            "dịch {animal_disease} diễn biến phức tạp.",
            "Ao nuôi cá của chị {woman} rộng {num2} m², mỗi vụ thu hoạch khoảng {small} tấn cá "
            "thương phẩm.",
        ),
        weight=0.6,
        subjects=("phòng, chống {animal_disease} trên đàn vật nuôi năm {year}",),
    ),
    Topic(
        "Quốc phòng - An ninh",
        "An ninh trật tự",
        ("an ninh trật tự", "phòng chống tội phạm", "phòng cháy chữa cháy"),
        (
            "Cảnh giác với thủ đoạn lừa đảo qua mạng",
            "Ra mắt mô hình camera an ninh tại {hamlet}",
            "Cảnh báo thủ đoạn {scam}",
            "Công an {place} triệt xóa tụ điểm đánh bạc ở {hamlet}",
            "Ra mắt Tổ bảo vệ an ninh, trật tự ở cơ sở {hamlet}",
            "Phòng cháy, chữa cháy trong mùa khô",
            "Tuyên truyền phòng, chống ma túy trong học đường",
        ),
        (
            "Công an {place} khuyến cáo người dân không cung cấp mã OTP, thông tin tài khoản ngân "
            "hàng cho người lạ.",
            "Mô hình camera an ninh giúp lực lượng chức năng kịp thời phát hiện, xử lý các vụ việc "
            "về trật tự.",
            "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn được giữ vững.",
            "Phong trào toàn dân bảo vệ an ninh Tổ quốc tiếp tục được phát huy ở các khu dân cư.",
            "Thời gian gần đây xuất hiện thủ đoạn {scam}, nhiều người đã bị chiếm đoạt tài sản.",
            "Bà {woman}, ở {hamlet}, suýt mất {num} triệu đồng nhưng đã kịp thời được cán bộ công "
            "an ngăn chặn.",
            "Tổ bảo vệ an ninh, trật tự ở cơ sở gồm {small} thành viên, là cánh tay nối dài của "
            "lực lượng công an.",
            "Người dân cần thận trọng khi nhận cuộc gọi, tin nhắn lạ, không bấm vào liên kết không "
            "rõ nguồn gốc.",
            "Các hộ kinh doanh, nhà trọ được hướng dẫn trang bị bình chữa cháy, kiểm tra hệ thống "
            "điện định kỳ.",
            "Lực lượng chức năng đã bắt quả tang {small} đối tượng, thu giữ tang vật và lập hồ sơ "
            "xử lý theo quy định.",
            "Học sinh được tuyên truyền tác hại của ma túy, thuốc lá điện tử và cách phòng tránh "
            "bị dụ dỗ, lôi kéo.",
            "Công an {place} tiếp nhận thông tin tố giác tội phạm qua số điện thoại {phone} suốt "
            "24 giờ.",
            "Các vụ {scam} thường nhắm vào người cao tuổi và người ít tiếp xúc với công nghệ.",
        ),
        weight=0.7,
        subjects=(
            "tăng cường phòng, chống tội phạm lừa đảo chiếm đoạt tài sản trên không gian mạng",
            "phòng cháy, chữa cháy mùa khô năm {year}",
        ),
    ),
    Topic(
        "Văn hóa - Xã hội",
        "Bảo trợ xã hội",
        ("an sinh xã hội", "giảm nghèo", "bảo trợ xã hội"),
        (
            "Bàn giao {small} căn nhà đại đoàn kết cho hộ nghèo ở {hamlet}",
            "Rà soát hộ nghèo, hộ cận nghèo năm {year}",
            "Chi trả trợ cấp xã hội qua tài khoản ngân hàng",
            "Thăm, tặng quà gia đình chính sách dịp {holiday}",
            "Xóa nhà tạm, nhà dột nát cho hộ khó khăn",
            "Trao xe lăn, xe lắc cho người khuyết tật",
            "Hỗ trợ vay vốn tạo sinh kế cho hộ cận nghèo",
        ),
        (
            "Mỗi căn nhà rộng {num} m², kinh phí khoảng {income} triệu đồng, từ Quỹ Vì người nghèo "
            "và đóng góp của mạnh thường quân.",
            "Qua rà soát, toàn {place} còn {num} hộ nghèo và {num2} hộ cận nghèo, giảm so với đầu "
            "năm.",
            "Hơn {big} đối tượng bảo trợ xã hội đang hưởng trợ cấp hằng tháng được chi trả đầy đủ, "
            "đúng hạn.",
            "Bà {woman}, ở {hamlet}, rưng rưng khi nhận chìa khóa căn nhà mới sau nhiều năm sống "
            "trong căn chòi lá dột nát.",
            "Hội Chữ thập đỏ đã vận động được {money} để hỗ trợ các hoàn cảnh khó khăn, người già "
            "neo đơn.",
            "Người khuyết tật được cấp giấy xác nhận mức độ khuyết tật để làm cơ sở hưởng chính "
            "sách trợ giúp xã hội.",
            "Ngân hàng Chính sách xã hội giải ngân cho {household} vay vốn phát triển sản xuất, "
            "chăn nuôi {livestock}.",
            "Việc bình xét hộ nghèo được thực hiện công khai, dân chủ tại cuộc họp dân ở từng ấp.",
            "Các mạnh thường quân đã trao tặng {num2} phần quà gồm gạo, dầu ăn, nước mắm và tiền "
            "mặt.",
            "Người có công với cách mạng được quan tâm chăm lo, không để gia đình chính sách nào "
            "có mức sống thấp hơn mức trung bình ở địa phương.",
            "Trẻ em mồ côi, trẻ có hoàn cảnh đặc biệt được hỗ trợ học phí, sách vở và nhận đỡ đầu "
            "đến năm 18 tuổi.",
            "Người cao tuổi từ đủ 75 tuổi trở lên không có lương hưu được hưởng trợ cấp xã hội "
            "hằng tháng theo quy định mới.",
            "Quỹ Vì người nghèo {place} năm nay vận động được {money}, vượt chỉ tiêu được giao.",
        ),
        weight=0.8,
        subjects=(
            "hỗ trợ sửa chữa nhà ở cho hộ nghèo, hộ cận nghèo",
            "phê duyệt danh sách hộ nghèo, hộ cận nghèo năm {year}",
        ),
    ),
    Topic(
        "Đô thị - Môi trường",
        "Xây dựng",
        ("trật tự đô thị", "xây dựng", "chiếu sáng công cộng"),
        (
            "Chỉnh trang vỉa hè, lòng đường khu vực chợ {place_name}",
            "Lắp đặt {num2} đèn chiếu sáng công cộng trên {street}",
            "Kiểm tra trật tự xây dựng tại các khu dân cư",
            "Lấy ý kiến quy hoạch chi tiết khu dân cư mới {hamlet_name}",
            "Hướng dẫn thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
            "Đưa vào sử dụng công viên cây xanh {place_name}",
            "Nâng cấp hệ thống thoát nước chống ngập trên {street}",
        ),
        (
            "Tổ kiểm tra quy tắc đô thị đã nhắc nhở {num} hộ kinh doanh lấn chiếm vỉa hè, tháo dỡ "
            "mái che, bảng hiệu sai quy định.",
            "Hệ thống đèn chiếu sáng công cộng dài {km} km giúp người dân đi lại an toàn vào ban "
            "đêm.",
            "Nhà ở riêng lẻ tại khu vực đã có quy hoạch chi tiết phải có giấy phép xây dựng trước "
            "khi khởi công.",
            "Công trình xây dựng không phép ở {hamlet} đã bị lập biên bản, yêu cầu tạm dừng thi "
            "công.",
            "Tuyến cống thoát nước dọc {street} được nạo vét, thay mới nắp hố ga để chống ngập khi "
            "mưa lớn.",
            "Quy hoạch chi tiết dành quỹ đất cho trường học, chợ, công viên và bãi đỗ xe, bảo đảm "
            "hạ tầng đồng bộ.",
            "Người dân sửa chữa nhà mà không làm thay đổi kết cấu chịu lực thì không phải xin giấy "
            "phép xây dựng.",
            "Công viên rộng {num2} m², trồng nhiều cây xanh, có dụng cụ thể dục ngoài trời và sân "
            "chơi cho thiếu nhi.",
            "Hộ kinh doanh được sử dụng tạm thời một phần vỉa hè nhưng phải chừa lối đi tối thiểu "
            "1,5 m cho người đi bộ.",
            "Ông {man}, chủ cửa hàng trên {street}, cho biết vỉa hè thông thoáng giúp khách dễ "
            "dừng xe mua hàng hơn.",
            "Bản vẽ quy hoạch được trưng bày tại nhà văn hóa để người dân xem và góp ý trong {num} "
            "ngày.",
            "Chủ đầu tư phải rào chắn, che chắn công trường, không để vật liệu rơi vãi gây mất vệ "
            "sinh.",
        ),
        weight=0.6,
        subjects=(
            "quản lý trật tự xây dựng, trật tự đô thị trên địa bàn {place}",
            "sử dụng tạm thời một phần vỉa hè trên {street}",
        ),
    ),
    Topic(
        "Kinh tế - Xã hội",
        "Lao động - việc làm",
        ("việc làm", "đào tạo nghề", "lao động"),
        (
            "Mở lớp đào tạo nghề {trade} cho lao động nông thôn",
            "Ngày hội việc làm với hơn {num2} vị trí tuyển dụng",
            "{company} tuyển {num2} lao động phổ thông",
            "Tư vấn đi làm việc ở nước ngoài theo hợp đồng",
            "Vận động người dân tham gia bảo hiểm xã hội tự nguyện",
            "Giải quyết việc làm mới cho {big} lao động trong {period}",
        ),
        (
            "Lớp đào tạo nghề {trade} có {num} học viên, kéo dài {small} tháng, học viên được hỗ "
            "trợ tiền ăn và tiền đi lại.",
            "{company} cần tuyển {num2} công nhân, mức lương từ 7 đến 10 triệu đồng mỗi tháng, "
            "được đóng bảo hiểm đầy đủ.",
            "Người lao động đi làm việc ở nước ngoài được vay vốn ưu đãi và được hướng dẫn tránh "
            "các tổ chức môi giới không có giấy phép.",
            "Sau khi học nghề {trade}, chị {woman}, ở {hamlet}, đã mở được cơ sở nhỏ tại nhà, có "
            "thu nhập ổn định.",
            "Ngày hội việc làm thu hút {num} doanh nghiệp tham gia, nhiều lao động được phỏng vấn "
            "và nhận việc ngay.",
            "Bảo hiểm xã hội tự nguyện giúp người lao động tự do có lương hưu khi về già; Nhà nước "
            "hỗ trợ một phần mức đóng.",
            "Tỷ lệ lao động qua đào tạo của {place} đạt {pct}%, trong đó có bằng cấp, chứng chỉ "
            "chiếm hơn một nửa.",
            "Người lao động thất nghiệp được hướng dẫn làm thủ tục hưởng trợ cấp và đăng ký học "
            "nghề miễn phí.",
            "Cơ sở làm {product} thu hút hàng chục lao động nhàn rỗi, nhất là phụ nữ và người lớn "
            "tuổi.",
            "Cán bộ lao động - xã hội đến từng ấp nắm nhu cầu học nghề, việc làm của thanh niên.",
            "Nhiều lao động trở về quê sau thời gian làm việc ở khu công nghiệp đã được giới thiệu "
            "việc làm gần nhà.",
        ),
        weight=0.6,
        subjects=("đào tạo nghề cho lao động nông thôn năm {year}",),
    ),
    Topic(
        "Kinh tế - Xã hội",
        "Công thương",
        ("thương mại", "chợ", "doanh nghiệp"),
        (
            "Hội chợ nông sản và sản phẩm {product} {place} năm {year}",
            "Kiểm tra hàng giả, hàng kém chất lượng dịp {holiday}",
            "Nâng cấp chợ {place_name}, bố trí lại khu vực kinh doanh",
            "Bình ổn giá các mặt hàng thiết yếu cuối năm",
            "Đưa sản phẩm {product} lên sàn thương mại điện tử",
            "Gặp gỡ, đối thoại với doanh nghiệp và hộ kinh doanh",
            "Khởi công nhà máy của {company}",
        ),
        (
            "Hội chợ có {num2} gian hàng của doanh nghiệp, hợp tác xã và hộ sản xuất trong và "
            "ngoài tỉnh.",
            "Đoàn kiểm tra liên ngành phát hiện {small} cơ sở kinh doanh hàng không rõ nguồn gốc, "
            "tạm giữ hàng hóa để xử lý.",
            "Chợ {place_name} sau khi nâng cấp có {num2} sạp, khu vực bán thực phẩm tươi sống được "
            "bố trí riêng.",
            "Giá cả các mặt hàng thiết yếu như gạo, thịt heo, rau xanh ổn định, nguồn cung dồi "
            "dào.",
            "Sản phẩm {product} của cơ sở chị {woman} đã có mặt trên các sàn thương mại điện tử, "
            "đơn hàng tăng gấp ba.",
            "Doanh nghiệp kiến nghị tháo gỡ khó khăn về mặt bằng sản xuất, nguồn vốn và thủ tục "
            "đầu tư.",
            "Nhà máy có tổng vốn đầu tư {money}, dự kiến tạo việc làm cho {big} lao động địa "
            "phương khi đi vào hoạt động.",
            "Các cửa hàng bán lẻ được yêu cầu niêm yết giá rõ ràng, bán đúng giá niêm yết.",
            "Trên địa bàn hiện có {num2} hộ kinh doanh cá thể, {num} doanh nghiệp và {small} hợp "
            "tác xã đang hoạt động.",
            "Người tiêu dùng được khuyến cáo ưu tiên dùng hàng Việt, mua hàng ở nơi có nguồn gốc "
            "rõ ràng.",
            "Ban Quản lý chợ đã lắp camera, trang bị phương tiện phòng cháy, chữa cháy cho các dãy "
            "sạp.",
            "Ông {man}, tiểu thương bán {crop} ở chợ, cho biết sức mua những ngày cận lễ tăng "
            "mạnh.",
        ),
        weight=0.6,
        subjects=(
            "tổ chức Hội chợ nông sản và sản phẩm OCOP năm {year}",
            "bình ổn giá cả thị trường dịp {holiday}",
        ),
    ),
    Topic(
        "Kinh tế - Xã hội",
        "Tài chính - ngân sách",
        ("ngân sách", "đầu tư công", "thuế"),
        (
            "Thu ngân sách {period} đạt {pct}% dự toán",
            "Công khai dự toán ngân sách năm {next_year}",
            "Đẩy nhanh giải ngân vốn đầu tư công năm {year}",
            "Hướng dẫn hộ kinh doanh kê khai thuế qua eTax Mobile",
            "Tình hình kinh tế - xã hội {period}",
        ),
        (
            "Tổng thu ngân sách trên địa bàn {period} ước đạt {money}, bằng {pct}% dự toán năm.",
            "Chi ngân sách bảo đảm các nhiệm vụ thường xuyên, ưu tiên chi cho an sinh xã hội, giáo "
            "dục và y tế.",
            "Tỷ lệ giải ngân vốn đầu tư công đến nay đạt {pct}% kế hoạch vốn được giao.",
            "Hộ kinh doanh được hướng dẫn kê khai, nộp thuế điện tử qua ứng dụng eTax Mobile, "
            "không phải đến cơ quan thuế.",
            "Dự toán ngân sách được công khai tại trụ sở và trên cổng thông tin điện tử trong thời "
            "hạn quy định.",
            "Các khoản nợ thuế kéo dài được rà soát, phân loại để có biện pháp thu hồi phù hợp.",
            "Nguồn thu từ tiền sử dụng đất giảm so với cùng kỳ, ảnh hưởng đến khả năng cân đối vốn "
            "đầu tư.",
            "Tăng trưởng kinh tế ước đạt {yield_}%, cơ cấu chuyển dịch theo hướng tăng tỷ trọng "
            "thương mại, dịch vụ.",
            "Các chủ đầu tư chậm giải ngân sẽ bị điều chuyển vốn sang công trình có khối lượng "
            "hoàn thành.",
            "Thu nhập bình quân đầu người năm {year} ước đạt {income} triệu đồng, tăng so với năm "
            "trước.",
        ),
        weight=0.5,
        subjects=(
            "công khai dự toán ngân sách {place} năm {year}",
            "giao kế hoạch vốn đầu tư công năm {next_year}",
        ),
    ),
    Topic(
        "Cải cách hành chính",
        "Cải cách hành chính",
        ("cải cách hành chính", "một cửa", "sự hài lòng"),
        (
            "Khảo sát sự hài lòng của người dân với Bộ phận Một cửa",
            "{Place} đứng đầu huyện về chỉ số cải cách hành chính năm {year}",
            "Gửi thư xin lỗi người dân khi hồ sơ trễ hạn",
            "Rút ngắn thời gian giải quyết thủ tục hành chính",
            "Tiếp nhận hồ sơ không phụ thuộc địa giới hành chính",
        ),
        (
            "Kết quả khảo sát cho thấy {pct}% người dân hài lòng với thái độ phục vụ của công chức "
            "Bộ phận Một cửa.",
            "Tỷ lệ hồ sơ giải quyết đúng hạn đạt {pct}%, các hồ sơ trễ hạn đều có thư xin lỗi gửi "
            "người dân.",
            "Người dân có thể nộp hồ sơ tại bất kỳ điểm tiếp nhận nào trong tỉnh mà không phụ "
            "thuộc nơi cư trú.",
            "Bộ phận Một cửa được bố trí máy lấy số thứ tự, ghế chờ, nước uống và máy tra cứu hồ "
            "sơ.",
            "Công chức tiếp nhận đeo thẻ, mặc đồng phục, niêm yết công khai thủ tục, phí và lệ "
            "phí.",
            "Hộp thư góp ý và số điện thoại đường dây nóng được công khai để người dân phản ánh "
            "thái độ phục vụ của cán bộ.",
            "Chỉ số cải cách hành chính năm {year} của {place} đạt {pct} điểm, tăng {small} bậc so "
            "với năm trước.",
            "Bà {woman}, ở {hamlet}, cho biết chỉ mất chưa đầy 30 phút để hoàn tất thủ tục chứng "
            "thực.",
            "Danh mục {num} thủ tục hành chính được cắt giảm thời gian giải quyết đã được công bố "
            "công khai.",
            "Cán bộ, công chức có hành vi nhũng nhiễu, gây phiền hà cho người dân sẽ bị xử lý "
            "nghiêm.",
        ),
        weight=0.6,
        subjects=(
            "ban hành Quy chế làm việc của Ủy ban nhân dân {place}",
            "công bố danh mục thủ tục hành chính tiếp nhận không phụ thuộc địa giới hành chính",
        ),
    ),
)

TOPIC_WEIGHTS = tuple(t.weight for t in TOPICS)
FIELD_TOPICS = {  # a procedure's or question's field → the topic its text comes from
    "Chứng thực": "Hộ tịch",
    "Thành lập và hoạt động của hộ kinh doanh": "Công thương",
    "Văn hóa cơ sở": "Văn hóa - xã hội",
    "Đăng ký, quản lý cư trú": "Cải cách hành chính",
    "Giải quyết khiếu nại": "Tiếp công dân",
    "Nghĩa vụ quân sự": "Quốc phòng",
}
SECOND_TOPIC_RATE = 0.25

GENERIC = (
    "Theo báo cáo của {ubnd}, kết quả này đạt {pct}% kế hoạch đề ra cho năm {year}.",
    "Thời gian tới, {ubnd} tiếp tục chỉ đạo các ngành, đoàn thể phối hợp chặt chẽ để thực hiện "
    "hiệu quả nhiệm vụ.",
    "Phát biểu tại buổi làm việc, {official} ghi nhận, biểu dương những kết quả mà các đơn vị "
    "đã đạt được.",
    "Bà {woman}, ở {hamlet}, phấn khởi cho biết: “Nhờ được hướng dẫn tận tình, gia đình tôi đã "
    "hoàn thành mọi việc nhanh chóng.”",
    "Ông {man}, ở {hamlet}, cho biết bà con rất đồng tình và tích cực tham gia.",
    "Cán bộ, công chức {place} thực hiện nghiêm giờ làm việc, nâng cao tinh thần trách nhiệm "
    "phục vụ Nhân dân.",
    "Kết quả kiểm tra cho thấy phần lớn các đơn vị thực hiện đúng tiến độ, một số nội dung còn "
    "chậm cần tập trung khắc phục.",
    "Nhiều hộ gia đình ở {hamlet} đã chủ động đóng góp kinh phí, ngày công để cùng chính quyền "
    "thực hiện.",
    "Trong {period}, {place} đã tổ chức {small} cuộc họp chuyên đề để đánh giá, rút kinh nghiệm.",
    "Hoạt động này góp phần nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên và Nhân dân.",
    "Ủy ban Mặt trận Tổ quốc và các đoàn thể tăng cường giám sát, phản biện xã hội trong quá "
    "trình thực hiện.",
    "Bộ phận Một cửa {place} tiếp nhận và giải quyết hồ sơ vào các ngày làm việc trong tuần, kể "
    "cả sáng thứ Bảy.",
    "Các khu dân cư tổ chức họp dân, lấy ý kiến rộng rãi của Nhân dân trước khi triển khai.",
    "Đây là một trong những nhiệm vụ trọng tâm của {place} trong năm {year}.",
    "Công tác tuyên truyền được thực hiện thường xuyên trên hệ thống loa truyền thanh và cổng "
    "thông tin điện tử của {place}.",
    "Kinh phí thực hiện từ ngân sách nhà nước và nguồn vận động xã hội hóa, tổng cộng khoảng "
    "{money}.",
    "Đến ngày {date}, các đơn vị đã hoàn thành {pct}% khối lượng công việc.",
    "Ủy ban nhân dân {place} đề nghị Nhân dân tiếp tục phát huy tinh thần đoàn kết, chung sức "
    "thực hiện.",
    "Các ban, ngành, đoàn thể và {hamlet} phối hợp triển khai, báo cáo kết quả trước ngày {date}.",
    "Mọi ý kiến góp ý xin gửi về Văn phòng {ubnd} để tổng hợp, báo cáo.",
    "Năm {year}, {place} phấn đấu hoàn thành và vượt các chỉ tiêu chủ yếu về kinh tế - xã hội.",
    "Hội Nông dân, Hội Liên hiệp Phụ nữ và Đoàn Thanh niên đã vận động hội viên tích cực hưởng "
    "ứng.",
    "Lãnh đạo {ubnd} đã trực tiếp kiểm tra tiến độ, tháo gỡ khó khăn, vướng mắc cho các đơn vị.",
)
RARE_SENTENCE = (
    "Nhiều hộ đồng bào Khmer ở {hamlet} cũng tích cực tham gia và được chính quyền hỗ trợ kịp thời."
)
HEADINGS = (
    "Kết quả nổi bật",
    "Nhiệm vụ thời gian tới",
    "Một số lưu ý",
    "Ý kiến của người dân",
    "Tổ chức thực hiện",
    "Khó khăn, vướng mắc",
)

DOC_TYPES = {  # doc_type → number suffix; a Nghị quyết is issued by the People's Council
    "Quyết định": "QĐ-UBND",
    "Kế hoạch": "KH-UBND",
    "Thông báo": "TB-UBND",
    "Báo cáo": "BC-UBND",
    "Công văn": "UBND-VP",
    "Nghị quyết": "NQ-HĐND",
    "Chỉ thị": "CT-UBND",
    "Hướng dẫn": "HD-UBND",
    "Tờ trình": "TTr-UBND",
    "Chương trình": "CTr-UBND",
}
DOC_WEIGHTS = (30, 20, 15, 10, 12, 4, 2, 3, 2, 2)
GENERAL_SUBJECT_RATE = 0.2  # documents on one of the general DOC_SUBJECTS
DOC_SUBJECTS = (
    "công khai dự toán ngân sách {place} năm {year}",
    "hỗ trợ sửa chữa nhà ở cho hộ nghèo, hộ cận nghèo",
    "khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua năm {year}",
    "ban hành Quy chế làm việc của Ủy ban nhân dân {place}",
)
DOC_SENTENCES = (
    "Văn bản quy định rõ mục đích, yêu cầu, nội dung, thời gian thực hiện và trách nhiệm của "
    "từng cơ quan, đơn vị.",
    "Giao Văn phòng {ubnd} theo dõi, đôn đốc việc thực hiện và tổng hợp báo cáo kết quả.",
    "Văn bản có hiệu lực kể từ ngày ký; các văn bản trước đây trái với văn bản này đều bãi bỏ.",
    "Các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành văn bản này.",
    "Kinh phí thực hiện được bố trí trong dự toán ngân sách năm {year} của {place}.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo về {ubnd} để xem "
    "xét, giải quyết.",
)

QUESTIONS = (  # (title, question, field, answering office)
    (
        "Đăng ký đất đai lần đầu cần chuẩn bị những giấy tờ gì?",
        "Gia đình tôi ở {hamlet} có thửa đất sử dụng ổn định từ năm {old_year} nhưng chưa có "
        "Giấy chứng nhận. Xin hỏi cần chuẩn bị hồ sơ gì để đăng ký đất đai lần đầu?",
        "Đất đai",
        "Công chức Địa chính - Xây dựng",
    ),
    (
        "Đăng ký khai sinh cho con khi cha mẹ làm việc ở xa được không?",
        "Vợ chồng tôi làm công nhân ở tỉnh khác, hộ khẩu vẫn ở {hamlet}. Chúng tôi có thể đăng "
        "ký khai sinh cho con trực tuyến không?",
        "Hộ tịch",
        "Công chức Tư pháp - Hộ tịch",
    ),
    (
        "Sửa chữa nhà ở có cần xin giấy phép xây dựng không?",
        "Tôi muốn sửa lại mái và nền nhà ở {hamlet}, không thay đổi kết cấu. Xin hỏi có phải "
        "xin giấy phép xây dựng không?",
        "Xây dựng",
        "Công chức Địa chính - Xây dựng",
    ),
    (
        "Thủ tục trích lục hộ tịch bản sao thực hiện ở đâu?",
        "Tôi bị mất Giấy khai sinh bản chính. Xin hỏi tôi cần làm thủ tục trích lục hộ tịch ở "
        "đâu và mất bao lâu?",
        "Hộ tịch",
        "Công chức Tư pháp - Hộ tịch",
    ),
    (
        "Hộ gia đình tham gia bảo hiểm y tế được giảm mức đóng thế nào?",
        "Gia đình tôi có {small} người. Nếu cùng tham gia bảo hiểm y tế hộ gia đình thì mức "
        "đóng được tính như thế nào?",
        "Y tế",
        "Công chức Văn hóa - Xã hội",
    ),
    (
        "Chuyển mục đích sử dụng đất vườn sang đất ở cần điều kiện gì?",
        "Tôi có {num2} m² đất vườn ở {hamlet}, muốn chuyển sang đất ở để xây nhà cho con. Xin "
        "hỏi điều kiện và thủ tục thế nào?",
        "Đất đai",
        "Công chức Địa chính - Xây dựng",
    ),
    (
        "Kích hoạt tài khoản định danh điện tử mức độ 2 ở đâu?",
        "Tôi đã có căn cước gắn chip. Xin hỏi muốn kích hoạt tài khoản định danh điện tử mức độ "
        "2 trên VNeID thì làm ở đâu?",
        "Chuyển đổi số",
        "Công an",
    ),
    (
        "Hộ nghèo được hỗ trợ sửa chữa nhà ở như thế nào?",
        "Gia đình tôi thuộc hộ nghèo năm {year}, nhà đã xuống cấp. Xin hỏi có được hỗ trợ sửa "
        "chữa nhà ở không và mức hỗ trợ bao nhiêu?",
        "Bảo trợ xã hội",
        "Công chức Văn hóa - Xã hội",
    ),
    (
        "Đăng ký kết hôn có yếu tố nước ngoài làm ở cấp nào?",
        "Con gái tôi ở {hamlet} sắp kết hôn với người nước ngoài. Xin hỏi thủ tục đăng ký kết "
        "hôn thực hiện ở đâu?",
        "Hộ tịch",
        "Công chức Tư pháp - Hộ tịch",
    ),
    (
        "Thanh niên đang học đại học có phải khám tuyển nghĩa vụ quân sự?",
        "Con tôi đang học năm thứ {small} đại học. Xin hỏi cháu có được tạm hoãn gọi nhập ngũ "
        "năm {next_year} không?",
        "Quốc phòng",
        "Ban Chỉ huy Quân sự",
    ),
)

PROCEDURES = (  # (title, field, level)
    ("Đăng ký khai sinh", "Hộ tịch", "toàn trình"),
    ("Đăng ký kết hôn", "Hộ tịch", "một phần"),
    ("Đăng ký khai tử", "Hộ tịch", "toàn trình"),
    ("Cấp bản sao trích lục hộ tịch", "Hộ tịch", "toàn trình"),
    ("Thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch", "một phần"),
    ("Chứng thực bản sao từ bản chính", "Chứng thực", "một phần"),
    ("Chứng thực chữ ký", "Chứng thực", "một phần"),
    ("Đăng ký đất đai, tài sản gắn liền với đất lần đầu", "Đất đai", "một phần"),
    ("Đăng ký biến động đất đai", "Đất đai", "một phần"),
    ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", "toàn trình"),
    ("Đăng ký hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "toàn trình"),
    ("Xác nhận hộ nghèo, hộ cận nghèo", "Bảo trợ xã hội", "một phần"),
    ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội", "một phần"),
    ("Công nhận gia đình văn hóa", "Văn hóa cơ sở", "cung cấp thông tin"),
    ("Đăng ký thường trú", "Đăng ký, quản lý cư trú", "toàn trình"),
    ("Giải quyết khiếu nại lần đầu", "Giải quyết khiếu nại", "cung cấp thông tin"),
    ("Tiếp công dân", "Tiếp công dân", "cung cấp thông tin"),
    ("Đăng ký nghĩa vụ quân sự lần đầu", "Nghĩa vụ quân sự", "một phần"),
)
PROCEDURE_STEPS = (
    "Người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc trực tiếp tại Bộ phận "
    "Một cửa của {ubnd}.",
    "Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; hướng dẫn bổ sung một lần nếu "
    "hồ sơ chưa đầy đủ.",
    "Công chức chuyên môn thẩm định hồ sơ, trình lãnh đạo {ubnd} xem xét, quyết định.",
    "Kết quả được trả trực tuyến qua tài khoản định danh điện tử hoặc trực tiếp tại Bộ phận Một "
    "cửa.",
    "Người dân thanh toán phí, lệ phí (nếu có) trực tuyến hoặc bằng tiền mặt khi nhận kết quả.",
)
DOSSIER = (
    "Tờ khai theo mẫu (bản giấy hoặc biểu mẫu điện tử)",
    "Bản chụp căn cước hoặc thông tin định danh điện tử",
    "Giấy tờ chứng minh nội dung đề nghị",
    "Văn bản ủy quyền có chứng thực (trường hợp ủy quyền)",
)
LEGAL_BASIS = (
    "Luật Hộ tịch năm 2014",
    "Luật Đất đai năm 2024",
    "Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020",
    "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ",
    "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ",
    "Luật Cư trú năm 2020",
)
STANDING_PAGES = (
    "Giới thiệu",
    "Cơ cấu tổ chức",
    "Liên hệ",
    "Danh mục thông tin phải công khai",
    "Lịch sử hình thành và phát triển",
    "Điều kiện tự nhiên, dân cư",
    "Tiềm năng phát triển",
    "Di tích lịch sử - văn hóa",
    "Đường dây nóng",
    "Quy chế hoạt động của cổng thông tin",
    "Chính sách bảo vệ dữ liệu cá nhân",
    "Hướng dẫn sử dụng cổng thông tin",
)
YEARLY_PAGES = (
    "Công khai ngân sách năm {y}",
    "Kết quả xây dựng nông thôn mới năm {y}",
    "Báo cáo tình hình kinh tế - xã hội năm {y}",
)

# Invitations (giấy mời) and weekly schedules (lịch công tác): meetings of the People's Committee.
# fmt: off
MEETINGS = (
    "Hội nghị sơ kết {period} công tác {work}",
    "Họp triển khai kế hoạch {work} năm {year}",
    "Hội nghị tổng kết công tác {work} năm {year}",
    "Họp Ban Chỉ đạo {board} {place}",
    "Làm việc với {org} về công tác {work}",
    "Hội nghị đối thoại với Nhân dân về {work}",
    "Hội nghị tập huấn nghiệp vụ {work} năm {year}",
    "Họp thẩm định hồ sơ {work} tại {hamlet}",
)
WORKS = (
    "đăng ký đất đai", "xây dựng nông thôn mới", "cải cách hành chính", "chuyển đổi số",
    "phòng, chống dịch bệnh", "thu ngân sách nhà nước", "phòng, chống thiên tai",
    "giảm nghèo bền vững", "tuyển chọn, gọi công dân nhập ngũ", "bảo hiểm y tế hộ gia đình",
    "phổ cập giáo dục", "an toàn thực phẩm", "chỉnh trang đô thị", "chuyển đổi cơ cấu cây trồng",
)
BOARDS = (
    "chuyển đổi số", "phòng, chống thiên tai và tìm kiếm cứu nạn", "xây dựng nông thôn mới",
    "giảm nghèo bền vững", "an toàn giao thông", "phổ biến, giáo dục pháp luật",
)
SESSIONS = ("07:00", "07:30", "08:00", "09:00", "13:30", "14:00", "14:30", "15:00")
SCHEDULE_ITEMS = (
    "Họp giao ban Thường trực UBND {kind}",
    "Tiếp công dân định kỳ",
    "Kiểm tra tiến độ {work} tại {hamlet}",
    "Làm việc với {org} về kế hoạch năm {year}",
    "Dự lễ khánh thành công trình đường giao thông nông thôn tại {hamlet}",
    "Làm việc tại trụ sở, giải quyết công việc thường xuyên",
    "Dự Ngày hội Đại đoàn kết toàn dân tộc tại {hamlet}",
    "Kiểm tra công tác phòng, chống {disaster} tại {hamlet}",
    "Họp Ban Chỉ đạo {board} {place}",
    "Dự phiên họp định kỳ của Ủy ban Mặt trận Tổ quốc {kind}",
)
GROUPS = {  # notify groups of every generated site (sites.yml, with invitations only)
    "lanh-dao-ubnd": ("chutich", "pct1", "pct2"),
    "truong-phong-ban": ("vanphong", "taichinh", "nongnghiep", "vanhoa", "tuphap"),
}
# fmt: on


# -- Sites ----------------------------------------------------------------------------------------
@dataclass
class SiteSpec:
    """One generated site: identity and the names its text speaks of."""

    id: str
    kind: str  # huyện | xã | thị trấn
    name: str  # proper name, e.g. Tân Hòa
    role: str
    domain: str
    hamlets: list[str]
    chair: str

    @property
    def place(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def full_name(self) -> str:
        return f"Ủy ban nhân dân {self.place}"

    @property
    def short_name(self) -> str:
        return self.place[0].upper() + self.place[1:]


def _person(rng: random.Random, woman: bool | None = None) -> str:
    woman = rng.random() < 0.5 if woman is None else woman
    middle = MIDDLE_WOMEN if woman else MIDDLE_MEN
    given = GIVEN_WOMEN if woman else GIVEN_MEN
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


def _site_specs(rng: random.Random, members: int) -> list[SiteSpec]:
    parent = SiteSpec(
        slugify(PARENT_NAME),
        "huyện",
        PARENT_NAME,
        "parent",
        "lacgiang.example",
        [],
        _person(rng, woman=False),
    )
    names = [f"{a} {b}" for a in PLACE_FIRST for b in PLACE_SECOND if a != b]
    rng.shuffle(names)
    if members > len(names):
        raise ValueError(f"at most {len(names)} member sites")
    specs = [parent]
    for index, name in enumerate(names[:members]):
        kind = "thị trấn" if index % 5 == 4 else "xã"
        if kind == "thị trấn":
            hamlets = [f"khu phố {n}" for n in range(1, 7)]
        else:
            hamlets = [f"ấp {h}" for h in rng.sample(HAMLET_NAMES, rng.randint(6, 10))]
        specs.append(
            SiteSpec(
                slugify(f"{kind} {name}"),
                kind,
                name,
                "member",
                slugify(name).replace("-", "") + ".example",
                hamlets,
                _person(rng, woman=False),
            )
        )
    parent.hamlets = [s.place for s in specs[1:]] or ["thị trấn Lạc Giang"]
    return specs


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _qlist(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _address(spec: SiteSpec) -> str:
    if spec.role == "parent":
        return f"Số 1 đường Trần Hưng Đạo, thị trấn {PARENT_NAME}, huyện {PARENT_NAME}"
    return f"Trụ sở UBND {spec.place}, huyện {PARENT_NAME}"


def _groups_yaml(spec: SiteSpec, specs: list[SiteSpec]) -> str:
    """Notify groups: the site's leaders and heads of office; a parent's also reach the members'
    chairs."""
    groups = {name: [f"{box}@{spec.domain}" for box in boxes] for name, boxes in GROUPS.items()}
    if spec.role == "parent" and len(specs) > 1:
        groups["chu-tich-xa-thi-tran"] = [f"chutich@{s.domain}" for s in specs[1:]]
    return "  groups:\n" + "".join(
        f"    {name}:\n" + "".join(f"      - {address}\n" for address in addresses)
        for name, addresses in groups.items()
    )


def sites_yaml(specs: list[SiteSpec], groups: bool = False) -> str:
    """sites.yml of the generated sites; with ``groups``, each site's notify groups too."""
    parent = specs[0]
    blocks = ["# Bộ nội dung tổng hợp cho đo hiệu năng (portal.bench.corpus); không sửa tay."]
    for spec in specs:
        role_lines = "  role: parent"
        if spec.role == "member":
            role_lines = f"  role: member\n  parent: {parent.id}"
        title = "Chủ tịch UBND " + spec.kind
        blocks.append(
            f"- id: {spec.id}\n"
            f"  name: {_q(spec.full_name)}\n"
            f"  short_name: {_q(spec.short_name)}\n"
            f"{role_lines}\n"
            f"  base_url: https://{spec.domain}\n"
            f"  editors:\n"
            f'    - "@{parent.domain.split(".")[0]}/{spec.id}"\n'
            f"  contact:\n"
            f"    address: {_q(_address(spec))}\n"
            f'    phone: "0270 38{len(blocks):02d} 115"\n'
            f"    email: ubnd@{spec.domain}\n"
            f"    responsible: {_q(f'Ông {spec.chair}, {title}')}\n"
            f"  categories:\n"
            + "".join(f"    - {_q(c)}\n" for c in CATEGORIES)
            + (_groups_yaml(spec, specs) if groups else "")
        )
    return "\n".join(blocks)


# -- Text -----------------------------------------------------------------------------------------
def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class _Slots(dict):
    """Template values drawn on demand from the item's random state and context."""

    def __init__(self, rng: random.Random, spec: SiteSpec, when: dt.datetime):
        super().__init__()
        self.rng = rng
        self.spec = spec
        self.year = when.year

    def __missing__(self, key: str) -> str:
        return str(_DRAW[key](self, self.rng))


def _period(s: _Slots, r: random.Random) -> str:
    return r.choice(
        (f"quý {r.choice(ROMAN[:4])} năm {s.year}", f"6 tháng đầu năm {s.year}", f"năm {s.year}")
    )


def _leaders(s: _Slots, r: random.Random) -> str:
    """Who leads a local task; the Party committee now and then, as on a real portal."""
    body = r.choices(
        ("Đảng ủy", "Thường trực HĐND", "Ủy ban nhân dân", "Lãnh đạo UBND"), (1, 2, 3, 3)
    )[0]
    return f"{body} {s.spec.place}"


def _money(s: _Slots, r: random.Random) -> str:
    if r.random() < 0.5:
        return f"{_decimal(r.uniform(1, 30))} tỷ đồng"
    return f"{r.randint(2, 9)}00 triệu đồng"


_DRAW: dict[str, Callable[[_Slots, random.Random], str | int]] = {
    "place": lambda s, r: s.spec.place,
    "Place": lambda s, r: s.spec.short_name,
    "place_name": lambda s, r: s.spec.name,
    "ubnd": lambda s, r: f"UBND {s.spec.place}",
    "hamlet": lambda s, r: r.choice(s.spec.hamlets),
    "official": lambda s, r: f"ông {s.spec.chair}, Chủ tịch UBND {s.spec.kind}",
    "man": lambda s, r: _person(r, woman=False),
    "woman": lambda s, r: _person(r, woman=True),
    "small": lambda s, r: r.randint(2, 15),
    "num": lambda s, r: r.randint(10, 40),
    "num2": lambda s, r: r.randint(40, 900),
    "big": lambda s, r: _thousands(r.randint(1000, 9999)),
    "pct": lambda s, r: r.randint(55, 99),
    "year": lambda s, r: s.year,
    "next_year": lambda s, r: s.year + 1,
    "prev_year": lambda s, r: s.year - 1,
    "old_year": lambda s, r: r.randint(1995, 2012),
    "month": lambda s, r: r.randint(1, 12),
    "day": lambda s, r: r.randint(1, 28),
    "date": lambda s, r: f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{s.year}",
    "money": _money,
    "income": lambda s, r: r.randint(48, 95),
    "km": lambda s, r: _decimal(r.uniform(0.5, 12)),
    "width": lambda s, r: r.randint(3, 7),
    "household": lambda s, r: f"{r.randint(12, 480)} hộ",
    "season": lambda s, r: r.choice(SEASONS),
    "yield_": lambda s, r: _decimal(r.uniform(5.5, 8.2)),
    "bridge": lambda s, r: r.choice(BRIDGES),
    "festival": lambda s, r: r.choice(FESTIVALS),
    "roman": lambda s, r: r.choice(ROMAN),
    "hour": lambda s, r: r.randint(6, 9),
    "hour2": lambda s, r: r.randint(14, 17),
    "phone": lambda s, r: f"0270 38{r.randint(10, 99)} {r.randint(100, 999)}",
    "period": _period,
    "crop": lambda s, r: r.choice(CROPS),
    "livestock": lambda s, r: r.choice(LIVESTOCK),
    "product": lambda s, r: r.choice(PRODUCTS),
    "pest": lambda s, r: r.choice(PESTS),
    "animal_disease": lambda s, r: r.choice(ANIMAL_DISEASES),
    "disease": lambda s, r: r.choice(DISEASES),
    "school": lambda s, r: f"Trường {r.choice(SCHOOL_LEVELS)} {r.choice(HEROES)}",
    "lesson": lambda s, r: r.choice(LESSONS),
    "sport": lambda s, r: r.choice(SPORTS),
    "art": lambda s, r: r.choice(ARTS),
    "org": lambda s, r: r.choice(ORGS),
    "scam": lambda s, r: r.choice(SCAMS),
    "disaster": lambda s, r: r.choice(DISASTERS),
    "trade": lambda s, r: r.choice(TRADES),
    "app": lambda s, r: r.choice(APPS),
    "street": lambda s, r: f"đường {r.choice(STREETS)}",
    "company": lambda s, r: f"Công ty TNHH {r.choice(COMPANIES)}",
    "holiday": lambda s, r: r.choice(HOLIDAYS),
    "hamlet_name": lambda s, r: r.choice(HAMLET_NAMES),
    "person": lambda s, r: _person(r),
    "leaders": _leaders,
}


def _fill(template: str, slots: _Slots) -> str:
    text = template.format_map(slots)
    return text[0].upper() + text[1:]


class _Deck:
    """Sentences dealt from a shuffled pack, so that one text rarely repeats itself."""

    def __init__(self, rng: random.Random, sentences: tuple[str, ...]):
        self.rng = rng
        self.sentences = sentences
        self.pack: list[str] = []

    def deal(self) -> str:
        if not self.pack:
            self.pack = list(self.sentences)
            self.rng.shuffle(self.pack)
        return self.pack.pop()


def _main_topic(rng: random.Random) -> Topic:
    return rng.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]


def _field_topic(rng: random.Random, field_name: str) -> Topic:
    """The topic of a question or procedure in ``field_name`` (lĩnh vực)."""
    wanted = FIELD_TOPICS.get(field_name, field_name)
    return next((t for t in TOPICS if t.field == wanted), None) or _main_topic(rng)


def _pool(rng: random.Random, topic: Topic) -> tuple[str, ...]:
    """The topical sentences of an item about ``topic``: its own, sometimes with a second
    topic's."""
    if rng.random() < SECOND_TOPIC_RATE:
        second = _main_topic(rng)
        if second is not topic:
            return topic.sentences + second.sentences
    return topic.sentences


def _body(rng: random.Random, slots: _Slots, pool: tuple[str, ...], words: int) -> str:
    """Paragraphs (with an occasional heading or list) of sentences from ``pool`` (the item's
    topics) and the generic bank, until about ``words`` words."""
    topic = _Deck(rng, pool)
    generic = _Deck(rng, GENERIC)
    blocks: list[str] = []
    count = 0
    rare = rng.random() < RARE_RATE
    while count < words:
        if blocks and rng.random() < 0.2:
            blocks.append("## " + rng.choice(HEADINGS))
        sentences = [
            _fill((topic if rng.random() < 0.6 else generic).deal(), slots)
            for _ in range(rng.randint(2, 5))
        ]
        if rare:
            sentences.append(_fill(RARE_SENTENCE, slots))
            rare = False
        if blocks and rng.random() < 0.12:
            blocks.append("\n".join(f"- {s}" for s in sentences))
        else:
            blocks.append(" ".join(sentences))
        count += sum(len(s.split()) for s in sentences)
    return "\n\n".join(blocks) + "\n"


def _summary(rng: random.Random, slots: _Slots, topic: Topic) -> str | None:
    """A one-sentence teaser of 15–35 words: one of the topic's sentences that fits."""
    for sentence in rng.sample(topic.sentences, len(topic.sentences)):
        text = _fill(sentence, slots)
        if SUMMARY_WORDS[0] <= len(text.split()) <= SUMMARY_WORDS[1]:
            return text
    return None


def _front(fields: list[tuple[str, str]]) -> str:
    """Front matter; a value starting with a line break is a block (a list of mappings)."""
    lines = (f"{k}:{v}\n" if v.startswith("\n") else f"{k}: {v}\n" for k, v in fields)
    return "---\n" + "".join(lines) + "---\n"


# -- Items ----------------------------------------------------------------------------------------
@dataclass
class CorpusInfo:
    """What ``generate`` wrote."""

    root: Path
    parent: str
    members: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # site → kind → files
    numbers: dict[str, list[str]] = field(default_factory=dict)  # site → document numbers
    rare_word: str = RARE_WORD

    @property
    def sites(self) -> list[str]:
        return [self.parent, *self.members]

    @property
    def total(self) -> int:
        return sum(sum(kinds.values()) for kinds in self.counts.values())

    def by_kind(self) -> dict[str, int]:
        """Files per type over all sites (schedules and invitations only when generated)."""
        found = {k: sum(c.get(k, 0) for c in self.counts.values()) for k in KINDS + EXTRA_KINDS}
        return {k: n for k, n in found.items() if k in KINDS or n}


class _SiteWriter:
    """Writes one site's items; keeps its slugs, file names and document numbers unique."""

    def __init__(self, root: Path, spec: SiteSpec, rng: random.Random):
        self.root = root / spec.id
        self.spec = spec
        self.rng = rng
        self.slugs: dict[str, set[str]] = {k: set() for k in (*KINDS, *EXTRA_KINDS)}
        self.names: set[str] = set()
        self.serial: dict[str, int] = {}
        self.numbers: list[str] = []
        # day → meetings (time, title, invitation number, location), for the weekly schedules
        self.meetings: dict[dt.date, list[tuple[str, str, str, str]]] = {}

    def when(self) -> dt.datetime:
        span = int((NOW - START).total_seconds() // 86400) - 1
        day = START + dt.timedelta(days=self.rng.randrange(span))
        return day.replace(hour=self.rng.randint(7, 17), minute=self.rng.choice((0, 15, 30, 45)))

    def slug_field(self, kind: str, title: str) -> list[tuple[str, str]]:
        """An explicit ``slug`` only when the title's own slug is already taken."""
        base = slugify(title)
        slug, n = base, 1
        while slug in self.slugs[kind]:
            n += 1
            slug = f"{base}-{n}"
        self.slugs[kind].add(slug)
        return [] if slug == base else [("slug", slug)]

    def write(self, kind: str, stem: str, text: str) -> None:
        name, n = stem[:70].rstrip("-"), 1
        while f"{kind}/{name}" in self.names:
            n += 1
            name = f"{stem[:70].rstrip('-')}-{n}"
        self.names.add(f"{kind}/{name}")
        path = self.root / kind / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def article(self) -> None:
        rng, when = self.rng, self.when()
        topic = _main_topic(rng)
        slots = _Slots(rng, self.spec, when)
        title = _fill(rng.choice(topic.titles), slots)
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("category", _q(topic.category)),
            ("unit", _q(f"{rng.choice(UNITS)} {self.spec.place}")),
            ("authors", _qlist([_person(rng)])),
            ("tags", _qlist(rng.sample(topic.tags, rng.randint(1, len(topic.tags))))),
            *self.slug_field("articles", title),
        ]
        summary = _summary(rng, slots, topic) if rng.random() < SUMMARY_RATE else None
        if summary:
            fields.append(("summary", _q(summary)))
        if rng.random() < 0.03:
            fields.append(("featured", "true"))
        body = _body(rng, slots, _pool(rng, topic), rng.randint(150, 600))
        self.write("articles", f"{when:%Y-%m-%d}-{slugify(title)}", _front(fields) + body)

    def document(self) -> None:
        rng, when = self.rng, self.when()
        slots = _Slots(rng, self.spec, when)
        doc_type = rng.choices(list(DOC_TYPES), weights=DOC_WEIGHTS)[0]
        suffix = DOC_TYPES[doc_type]
        self.serial[suffix] = self.serial.get(suffix, 0) + rng.randint(1, 9)
        number = f"{self.serial[suffix]}/{suffix}"
        self.numbers.append(number)
        council = suffix.endswith("HĐND")
        issuer = f"{'Hội đồng' if council else 'Ủy ban'} nhân dân {self.spec.place}"
        topic = _main_topic(rng)
        general = not topic.subjects or rng.random() < GENERAL_SUBJECT_RATE
        subject = rng.choice(DOC_SUBJECTS if general else topic.subjects).format_map(slots)
        title = f"{doc_type} về việc {subject}"
        pdf = f"files/{slugify(number)}.pdf"
        issued = (when - dt.timedelta(days=rng.randint(0, 3))).date()
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("number", _q(number)),
            ("doc_type", _q(doc_type)),
            ("issuer", _q(issuer)),
            ("issued", issued.isoformat()),
            ("signer", _q(self.spec.chair)),
            ("signer_title", _q(f"Chủ tịch {'HĐND' if council else 'UBND'} {self.spec.kind}")),
            ("legal", "true" if doc_type in ("Quyết định", "Nghị quyết") else "false"),
            ("fields", _qlist([topic.field])),
            ("summary", _q(f"Về việc {subject}.")),
            ("files", f"[{pdf}]"),
            *self.slug_field("documents", title),
        ]
        pool = DOC_SENTENCES + _pool(rng, topic)
        body = _body(rng, slots, pool, rng.randint(150, 600))
        self.write("documents", f"{when:%Y-%m-%d}-{slugify(number)}", _front(fields) + body)
        target = self.root / "documents" / pdf
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(tiny_pdf(f"{number} {doc_type}"))

    def question(self) -> None:
        rng, when = self.rng, self.when()
        slots = _Slots(rng, self.spec, when)
        title, question, field_name, office = rng.choice(QUESTIONS)
        topic = _field_topic(rng, field_name)
        asker = _person(rng)
        hamlet = rng.choice(self.spec.hamlets)
        asked = (when - dt.timedelta(days=rng.randint(1, 10))).date()
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("question", _q(_fill(question, slots))),
            ("asked_by", _q(f"{asker}, {hamlet}")),
            ("asked", asked.isoformat()),
            ("answered_by", _q(f"{office} {self.spec.place}")),
            ("field", _q(field_name)),
            *self.slug_field("qa", title),
        ]
        body = f"Chào {asker},\n\n" + _body(rng, slots, _pool(rng, topic), rng.randint(150, 600))
        self.write("qa", f"{when:%Y-%m-%d}-{slugify(title)}", _front(fields) + body)

    def procedure(self) -> None:
        rng, when = self.rng, self.when()
        slots = _Slots(rng, self.spec, when)
        title, field_name, level = rng.choice(PROCEDURES)
        code = f"1.00{rng.randint(1000, 9999)}.000.00.00.H{rng.randint(10, 64)}"
        fields = [
            ("title", _q(title)),
            ("date", f"{when:%Y-%m-%d %H:%M}"),
            ("code", _q(code)),
            ("field", _q(field_name)),
            ("level", _q(level)),
            ("agency", _q(self.spec.full_name)),
            ("processing_time", _q(f"{rng.randint(1, 20)} ngày làm việc")),
            ("fee", _q(rng.choice(("Miễn phí", "Không", f"{rng.randint(1, 10)}0.000 đồng")))),
            ("dossier", _qlist(rng.sample(DOSSIER, 3))),
            ("legal_basis", _qlist(rng.sample(LEGAL_BASIS, 2))),
            (
                "online_url",
                _q(
                    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
                    f"?ma_thu_tuc={code}"
                ),
            ),
            *self.slug_field("procedures", title),
        ]
        steps = "\n".join(f"{i}. {_fill(s, slots)}" for i, s in enumerate(PROCEDURE_STEPS, 1))
        topic = _field_topic(rng, field_name)
        body = "## Trình tự thực hiện\n\n" + steps + "\n\n"
        body += _body(rng, slots, _pool(rng, topic), rng.randint(100, 500))
        self.write("procedures", slugify(title), _front(fields) + body)

    def page(self, index: int) -> None:
        rng = self.rng
        slots = _Slots(rng, self.spec, NOW)
        title = _page_title(index)
        fields = [
            ("title", _q(title)),
            ("order", str(index + 1)),
            ("nav", "true" if index < 3 else "false"),
            ("summary", _q(f"{title} – {self.spec.full_name}.")),
            *self.slug_field("pages", title),
        ]
        pool = _pool(rng, _main_topic(rng))
        body = _body(rng, slots, pool, rng.randint(150, 600))
        self.write("pages", slugify(title), _front(fields) + body)

    # -- Invitations and weekly schedules (only with explicit counts) --
    @property
    def leaders(self) -> list[str]:
        """The chair and two vice chairs, with their titles (drawn on first use)."""
        if not hasattr(self, "_leaders"):
            kind = self.spec.kind
            women = [self.rng.random() < 0.5 for _ in range(2)]
            vice = [f"{'Bà' if w else 'Ông'} {_person(self.rng, w)}" for w in women]
            self._leaders = [
                f"Ông {self.spec.chair}, Chủ tịch UBND {kind}",
                *(f"{name}, Phó Chủ tịch UBND {kind}" for name in vice),
            ]
        return self._leaders

    def meeting_slots(self, when: dt.datetime) -> _Slots:
        slots = _Slots(self.rng, self.spec, when)
        slots.update(
            kind=self.spec.kind, work=self.rng.choice(WORKS), board=self.rng.choice(BOARDS)
        )
        return slots

    def invitations(self, count: int, first: dt.date) -> None:
        """``count`` meetings on working days from ``first`` to a week after NOW, numbered in
        date order."""
        last = NOW.date() + dt.timedelta(days=7)
        span = (last - first).days + 1
        days = sorted(first + dt.timedelta(days=self.rng.randrange(span)) for _ in range(count))
        for day in days:
            self.invitation(day - dt.timedelta(days=max(day.weekday() - 4, 0)))  # weekend → Fri

    def invitation(self, day: dt.date) -> None:
        """A meeting on ``day``, its invitation sent 2–6 days ahead."""
        rng = self.rng
        hour, minute = map(int, rng.choice(SESSIONS).split(":"))
        start = dt.datetime.combine(day, dt.time(hour, minute), TIMEZONE)
        end = start + dt.timedelta(minutes=rng.choice((90, 120, 150, 180)))
        sent = (start - dt.timedelta(days=rng.randint(2, 6))).replace(hour=rng.randint(8, 16))
        sent = min(sent, NOW - dt.timedelta(hours=2))
        slots = self.meeting_slots(start)
        title = _fill(rng.choice(MEETINGS), slots)
        self.serial["GM"] = self.serial.get("GM", 0) + rng.randint(1, 4)
        number = f"{self.serial['GM']}/GM-UBND"
        place = self.spec.place
        location = rng.choice(
            (f"Phòng họp số {rng.randint(1, 3)}, UBND {place}", f"Hội trường UBND {place}")
        )
        chair = rng.choice(self.leaders)
        units = rng.sample(UNITS, rng.randint(3, 5))
        fields = [
            ("title", _q(title)),
            ("date", f"{sent:%Y-%m-%d %H:%M}"),
            ("number", _q(number)),
            ("start", f"{start:%Y-%m-%d %H:%M}"),
            ("end", f"{end:%Y-%m-%d %H:%M}"),
            ("location", _q(location)),
            ("chair", _q(chair)),
            ("participants", _qlist([f"Lãnh đạo {u} {place}" for u in units])),
            ("notify", _qlist(rng.sample(sorted(GROUPS), rng.randint(1, len(GROUPS))))),
            *self.slug_field("invitations", title),
        ]
        stem = f"{sent:%Y-%m-%d}-{slugify(number)}"
        if rng.random() < 1 / 3:
            pdf = f"files/{slugify(number)}.pdf"
            fields.append(("files", f"[{pdf}]"))
            target = self.root / "invitations" / pdf
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tiny_pdf(f"{number} Giay moi"))
        steps = [
            "Ổn định tổ chức, giới thiệu đại biểu.",
            f"{units[0]} {place} báo cáo kết quả thực hiện và đề xuất nhiệm vụ thời gian tới.",
            "Thảo luận, ý kiến của các đại biểu.",
            f"{chair.split(',')[0]} kết luận hội nghị.",
        ]
        body = "## Chương trình\n\n" + "".join(f"{i}. {s}\n" for i, s in enumerate(steps, 1))
        body += "\n" + _body(rng, slots, _pool(rng, _main_topic(rng)), rng.randint(60, 150))
        self.write("invitations", stem, _front(fields) + body)
        self.meetings.setdefault(day, []).append((f"{start:%H:%M}", title, number, location))

    def schedule(self, monday: dt.date) -> None:
        """The weekly schedule (lịch công tác) of the site's leaders for the week of ``monday``,
        published the Friday before; each day's invitations of the site are on it."""
        rng = self.rng
        year, week, _ = monday.isocalendar()
        sent = dt.datetime.combine(monday - dt.timedelta(days=3), dt.time(16, 0), TIMEZONE)
        kind, place = self.spec.kind, self.spec.place
        title = f"Lịch công tác tuần {week} năm {year} của Thường trực UBND {place}"
        entries: list[str] = []
        for offset in range(6 if rng.random() < 0.3 else 5):
            day = monday + dt.timedelta(days=offset)
            found = [(t, c, n, loc) for t, c, n, loc in self.meetings.get(day, [])]
            for session in ("07:30", "14:00")[: 1 if offset == 5 else 2]:
                if rng.random() < 0.8 and not any(t[:2] == session[:2] for t, *_ in found):
                    content = _fill(rng.choice(SCHEDULE_ITEMS), self.meeting_slots(sent))
                    found.append((session, content, "", f"Phòng họp số 1, UBND {kind}"))
            for time_, content, number, location in sorted(found):
                entry = [
                    f"  - date: {day.isoformat()}",
                    f'    time: "{time_}"',
                    f"    content: {_q(content)}",
                    f"    chair: {_q(rng.choice(self.leaders))}",
                    f"    participants: {_q('Lãnh đạo ' + rng.choice(UNITS) + ' ' + place)}",
                    f"    location: {_q(location)}",
                    f"    prepared_by: {_q(rng.choice(UNITS) + ' ' + place)}",
                ]
                if number:
                    entry.append(f"    invitation: {_q(number)}")
                entries.append("\n".join(entry))
        fields = [
            ("title", _q(title)),
            ("date", f"{sent:%Y-%m-%d %H:%M}"),
            ("week", f"{year}-W{week:02d}"),
            ("owner", _q(f"Thường trực UBND {kind}")),
            ("approved_by", _q(f"{_person(rng)}, Chánh Văn phòng HĐND và UBND {kind}")),
            ("revision", "1"),
            ("tags", _qlist(["lịch công tác"])),
            ("items", "\n" + "\n".join(entries)),
            *self.slug_field("schedules", title),
        ]
        body = "Lịch có thể thay đổi, đề nghị theo dõi cập nhật trên cổng thông tin.\n"
        self.write("schedules", f"{year}-w{week:02d}-thuong-truc-ubnd", _front(fields) + body)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _page_title(index: int) -> str:
    if index < len(STANDING_PAGES):
        return STANDING_PAGES[index]
    rest = index - len(STANDING_PAGES)
    years = range(NOW.year, 2009, -1)
    cycle = len(YEARLY_PAGES) * len(years)
    template = YEARLY_PAGES[rest % len(YEARLY_PAGES)]
    title = template.format(y=years[(rest % cycle) // len(YEARLY_PAGES)])
    return title if rest < cycle else f"{title} (phần {rest // cycle + 1})"


def tiny_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF showing ``text`` (ASCII-folded), with a correct xref."""
    from portal.slugs import fold

    safe = fold(text).encode("ascii", "replace").decode().replace("\\", "").replace("(", "")
    safe = safe.replace(")", "")
    stream = f"BT /F1 14 Tf 72 770 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# -- Distribution ---------------------------------------------------------------------------------
def split_sites(pages: int, members: int) -> list[int]:
    """Items per site: the parent about ``PARENT_SHARE``, the rest evenly over the members."""
    if members == 0:
        return [pages]
    parent = round(pages * PARENT_SHARE)
    share, extra = divmod(pages - parent, members)
    return [parent, *[share + (1 if i < extra else 0) for i in range(members)]]


def split_kinds(total: int) -> dict[str, int]:
    """Items per type for one site; at least one standing page when there is room."""
    counts = {kind: round(total * share) for kind, share in TYPE_SHARES.items()}
    if total >= 2 and counts["pages"] == 0:
        counts["pages"] = 1
    while sum(counts.values()) > total:
        largest = max(counts, key=lambda k: counts[k])
        counts[largest] -= 1
    return {"articles": total - sum(counts.values()), **counts}


def scaled(mix: dict[str, int], scale: float) -> dict[str, int]:
    """``mix`` with every count multiplied by ``scale`` (at least one file of each type)."""
    return {kind: max(1, round(count * scale)) for kind, count in mix.items()}


def generate(
    dest: Path,
    pages: int = 10_000,
    members: int = 12,
    seed: int = 1,
    counts: dict[str, int] | None = None,
) -> CorpusInfo:
    """Write a corpus of ``pages`` content files over one parent and ``members`` members into
    ``dest`` (created; must not hold another corpus), in the default mix of types
    (``TYPE_SHARES``). With ``counts`` (type → files over all sites, e.g. ``BUILD_MIX``;
    schedules and invitations allowed) ``pages`` is ignored and each type is split over the
    sites as ``split_sites`` does; sites.yml then has notify groups, schedules are one per site
    and week (the latest ending in NOW's week) and each week's invitations are on its
    schedule."""
    if counts is None and pages < members + 1:
        raise ValueError("need at least one page per site")
    unknown = set(counts or {}) - set(KINDS + EXTRA_KINDS)
    if unknown:
        raise ValueError(f"unknown content types: {', '.join(sorted(unknown))}")
    rng = random.Random(f"portal-bench-{seed}")
    specs = _site_specs(rng, members)
    dest.mkdir(parents=True, exist_ok=True)
    groups = bool(counts and counts.get("invitations"))
    (dest / "sites.yml").write_text(sites_yaml(specs, groups), encoding="utf-8")
    info = CorpusInfo(dest, specs[0].id, [s.id for s in specs[1:]])
    if counts is None:
        per_site = [split_kinds(total) for total in split_sites(pages, members)]
    else:
        shares = {kind: split_sites(total, members) for kind, total in counts.items()}
        per_site = [
            {k: shares.get(k, [0] * len(specs))[i] for k in KINDS} for i in range(len(specs))
        ]
        for index, kinds in enumerate(per_site):
            kinds.update({k: shares[k][index] for k in EXTRA_KINDS if k in shares})
    for spec, kinds in zip(specs, per_site, strict=True):
        writer = _SiteWriter(dest, spec, random.Random(f"portal-bench-{seed}-{spec.id}"))
        for _ in range(kinds["articles"]):
            writer.article()
        for _ in range(kinds["documents"]):
            writer.document()
        for _ in range(kinds["qa"]):
            writer.question()
        for _ in range(kinds["procedures"]):
            writer.procedure()
        for index in range(kinds["pages"]):
            writer.page(index)
        weeks = kinds.get("schedules", 0)
        first = _monday(NOW.date()) - dt.timedelta(weeks=max(weeks, 1) - 1)
        writer.invitations(
            kinds.get("invitations", 0), first if weeks else START.date() + dt.timedelta(days=7)
        )
        for week in range(weeks):
            writer.schedule(first + dt.timedelta(weeks=week))
        (dest / spec.id).mkdir(exist_ok=True)
        info.counts[spec.id] = kinds
        info.numbers[spec.id] = writer.numbers
    return info
