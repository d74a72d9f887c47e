"""A deterministic synthetic corpus of Vietnamese portal content, for benchmarks.

``generate(dest, pages, members, seed)`` writes ``dest/sites.yml`` and ``dest/<site-id>/…``: one
parent (a fictional district) and ``members`` fictional communes and towns, with articles,
documents (each with a tiny PDF), questions and answers, procedures and standing pages that pass
``portal check``. Text comes from phrase banks of administrative vocabulary filled by one seeded
``random.Random``: the same arguments always give byte-identical files. Every date lies between
2023 and ``NOW``; build at ``NOW`` so that nothing is scheduled.
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
RARE_WORD = "Khmer"  # appears in about one item in 250
RARE_RATE = 0.004

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
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đoàn", "Tô", "Lâm", "Châu",
)
MIDDLE_MEN = (
    "Văn", "Hữu", "Minh", "Quốc", "Thanh", "Hoàng", "Đức", "Công",
)
MIDDLE_WOMEN = (
    "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Bích", "Thùy",
)
GIVEN_MEN = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khang", "Long", "Nam",
    "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Toàn", "Trí", "Tuấn",
)
GIVEN_WOMEN = (
    "Anh", "Châu", "Dung", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Nga",
    "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Vân", "Yến",
)
HAMLET_NAMES = (
    "Bến Đò", "Rạch Sậy", "Cây Gáo", "Vàm Lớn", "Đồng Sen", "Gò Me", "Bàu Sen", "Cầu Tre",
    "Xóm Mới", "Giồng Tre", "Mương Điều", "Kinh Ngang", "Bờ Đập", "Ông Đạo", "Cả Đào",
)
# fmt: on
BRIDGES = ["Rạch Sậy", "Kênh Xáng", "Ông Chưởng", "Vàm Lớn", "Cây Dương", "Bà Đào"]
FESTIVALS = ["Kỳ Yên đình làng", "Nghinh Ông", "Vu Lan", "cúng Miếu Bà", "Đua ghe ngo"]
SEASONS = ["Đông Xuân", "Hè Thu", "Thu Đông"]
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
# Each topic: the category it files under, tags, title templates and body sentences. Templates
# name slots ({place}, {hamlet}, {year} …) that ``_Slots`` fills with values drawn per item.


@dataclass(frozen=True)
class Topic:
    category: str
    field: str
    tags: tuple[str, ...]
    titles: tuple[str, ...]
    sentences: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "Kinh tế - Xã hội",
        "Đất đai",
        ("đất đai", "đăng ký đất đai", "Giấy chứng nhận"),
        (
            "{Place} đẩy mạnh đăng ký đất đai lần đầu năm {year}",
            "Hướng dẫn đăng ký đất đai, cấp Giấy chứng nhận tại {hamlet}",
            "Rà soát hồ sơ đất đai tồn đọng trên địa bàn {place}",
            "Công khai kế hoạch sử dụng đất năm {year} của {place}",
            "Đo đạc, chỉnh lý bản đồ địa chính tại {hamlet}",
            "Tiếp nhận {big} hồ sơ đăng ký biến động đất đai trong {period}",
        ),
        (
            "Chi nhánh Văn phòng Đăng ký đất đai đã tiếp nhận {big} hồ sơ đăng ký đất đai lần "
            "đầu, đạt {pct}% kế hoạch năm {year}.",
            "Người sử dụng đất có thể nộp hồ sơ đăng ký đất đai trực tuyến qua Cổng Dịch vụ công "
            "quốc gia hoặc tại Bộ phận Một cửa của {ubnd}.",
            "Công chức địa chính {place} đã phối hợp với trưởng {hamlet} rà soát {num2} thửa đất "
            "chưa được cấp Giấy chứng nhận quyền sử dụng đất.",
            "Thời gian cấp Giấy chứng nhận lần đầu được rút ngắn từ {num} ngày xuống còn {small} "
            "ngày làm việc.",
            "Việc bồi thường, hỗ trợ, tái định cư cho {household} bị ảnh hưởng bởi dự án được "
            "thực hiện công khai, đúng quy định.",
            "Kế hoạch sử dụng đất năm {year} được niêm yết tại trụ sở {ubnd} và nhà văn hóa các "
            "ấp để người dân theo dõi.",
            "Các trường hợp chuyển mục đích sử dụng đất phải phù hợp với quy hoạch, kế hoạch sử "
            "dụng đất đã được cấp có thẩm quyền phê duyệt.",
            "Đoàn kiểm tra ghi nhận một số trường hợp lấn chiếm hành lang đường giao thông và đã "
            "yêu cầu khắc phục trong {small} ngày.",
            "Luật Đất đai năm 2024 có hiệu lực đã tạo thuận lợi hơn cho người dân khi thực hiện "
            "các thủ tục về đất đai.",
            "Cán bộ địa chính hướng dẫn bà con kê khai đầy đủ thông tin thửa đất, nguồn gốc sử "
            "dụng đất và các giấy tờ kèm theo.",
        ),
    ),
    Topic(
        "Cải cách hành chính",
        "Hộ tịch",
        ("hộ tịch", "tư pháp", "khai sinh"),
        (
            "Giải quyết hồ sơ hộ tịch đúng hạn đạt {pct}% trong {period}",
            "{Place} tuyên truyền Luật Hộ tịch đến Nhân dân {hamlet}",
            "Đăng ký khai sinh, kết hôn trực tuyến tại {ubnd}",
            "Số hóa sổ hộ tịch giai đoạn {old_year}–{year}",
            "Những lưu ý khi đăng ký khai tử, trích lục hộ tịch",
        ),
        (
            "Trong {period}, công chức Tư pháp - Hộ tịch đã giải quyết {big} hồ sơ đăng ký khai "
            "sinh, kết hôn và khai tử.",
            "Toàn bộ sổ hộ tịch từ năm {old_year} đến nay đã được số hóa, cập nhật vào Cơ sở dữ "
            "liệu hộ tịch điện tử.",
            "Người dân có thể đăng ký khai sinh trực tuyến toàn trình và nhận Giấy khai sinh điện "
            "tử trên ứng dụng VNeID.",
            "Thời hạn đăng ký khai sinh là 60 ngày kể từ ngày sinh; đăng ký đúng hạn được miễn "
            "lệ phí.",
            "Việc trích lục hộ tịch, chứng thực bản sao từ bản chính được thực hiện ngay trong "
            "ngày tại Bộ phận Một cửa.",
            "Công tác hộ tịch tiếp tục được {ubnd} quan tâm chỉ đạo, bảo đảm không để hồ sơ trễ "
            "hạn.",
            "Tổ hòa giải {hamlet} đã hòa giải thành {small} vụ việc, góp phần giữ gìn tình làng "
            "nghĩa xóm.",
        ),
    ),
    Topic(
        "Nông nghiệp - Nông thôn mới",
        "Nông nghiệp",
        ("nông thôn mới", "nông nghiệp", "OCOP"),
        (
            "{Place} đạt chuẩn nông thôn mới nâng cao năm {year}",
            "Hoàn thành thu hoạch lúa vụ {season} tại {hamlet}",
            "Phát triển sản phẩm OCOP gắn với xây dựng nông thôn mới",
            "Hợp tác xã {place_name} ký kết bao tiêu {num2} ha lúa chất lượng cao",
            "Nạo vét kênh mương nội đồng chuẩn bị vụ {season}",
            "Xây dựng {hamlet} thành khu dân cư nông thôn mới kiểu mẫu",
        ),
        (
            "Đến nay, {place} đã đạt {small}/19 tiêu chí nông thôn mới nâng cao, thu nhập bình "
            "quân đầu người đạt {income} triệu đồng/năm.",
            "Vụ lúa {season} năm {year}, toàn {place} xuống giống {big} ha, năng suất bình quân "
            "đạt {yield_} tấn/ha.",
            "Hợp tác xã nông nghiệp đã liên kết với doanh nghiệp bao tiêu sản phẩm cho "
            "{household} xã viên.",
            "Phong trào hiến đất làm đường giao thông nông thôn được Nhân dân đồng tình hưởng ứng.",
            "Chương trình mỗi xã một sản phẩm (OCOP) giúp nâng cao giá trị nông sản địa phương.",
            "Người dân được tập huấn kỹ thuật canh tác lúa giảm phát thải và sử dụng phân bón "
            "hợp lý.",
            "Ban Chỉ đạo xây dựng nông thôn mới yêu cầu các ấp rà soát từng tiêu chí, xác định "
            "rõ nguồn lực thực hiện.",
            "Hệ thống kênh mương nội đồng dài {km} km đã được nạo vét, bảo đảm nước tưới cho vụ "
            "{season}.",
        ),
    ),
    Topic(
        "Kinh tế - Xã hội",
        "Giao thông vận tải",
        ("giao thông", "đường giao thông nông thôn", "an toàn giao thông"),
        (
            "Khởi công tuyến đường giao thông nối {hamlet} với trung tâm {place}",
            "Bê tông hóa {km} km đường giao thông nông thôn năm {year}",
            "Phân luồng giao thông qua cầu {bridge}",
            "Nghiệm thu, đưa vào sử dụng đường giao thông liên ấp {hamlet}",
            "Tăng cường bảo đảm trật tự an toàn giao thông dịp cuối năm {year}",
        ),
        (
            "Tuyến đường giao thông dài {km} km, mặt đường rộng {width} m, tổng mức đầu tư "
            "{money}.",
            "Nhân dân {hamlet} đã hiến {big} m² đất và đóng góp ngày công để mở rộng đường giao "
            "thông.",
            "Đơn vị thi công cam kết hoàn thành công trình trước mùa mưa, bảo đảm chất lượng và "
            "an toàn lao động.",
            "Lực lượng công an {place} tăng cường tuần tra, kiểm soát, xử lý nghiêm các trường "
            "hợp vi phạm trật tự an toàn giao thông.",
            "Cầu {bridge} được sửa chữa, nâng tải trọng lên {small} tấn, phục vụ vận chuyển nông "
            "sản.",
            "Ban giám sát đầu tư của cộng đồng đã theo dõi chặt chẽ quá trình thi công đường giao "
            "thông.",
        ),
    ),
    Topic(
        "Văn hóa - Xã hội",
        "Y tế",
        ("y tế", "bảo hiểm y tế", "phòng chống dịch"),
        (
            "Vận động người dân {hamlet} tham gia bảo hiểm y tế hộ gia đình",
            "Phun hóa chất phòng chống sốt xuất huyết tại {hamlet}",
            "Khám sức khỏe miễn phí cho {num2} người cao tuổi",
            "Trạm Y tế {place} giữ vững chuẩn quốc gia về y tế",
            "Triển khai tiêm chủng mở rộng năm {year}",
        ),
        (
            "Tỷ lệ người dân tham gia bảo hiểm y tế của {place} đạt {pct}%, vượt chỉ tiêu được "
            "giao.",
            "Trạm Y tế đã tổ chức khám, tư vấn sức khỏe miễn phí cho {big} lượt người.",
            "Ngành y tế khuyến cáo người dân diệt lăng quăng, loại bỏ dụng cụ chứa nước đọng "
            "quanh nhà.",
            "Chương trình tiêm chủng mở rộng được triển khai đầy đủ, an toàn cho trẻ em dưới 5 "
            "tuổi.",
            "Cộng tác viên dân số tại các ấp đến từng hộ gia đình tuyên truyền về chăm sóc sức "
            "khỏe sinh sản.",
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
        ),
        (
            "Năm học {year}–{next_year}, toàn {place} có {big} học sinh ở các cấp học, tăng "
            "{num} em so với năm học trước.",
            "Tỷ lệ học sinh hoàn thành chương trình tiểu học đạt {pct}%, học sinh lên lớp đạt 99%.",
            "Hội Khuyến học {place} đã trao học bổng cho học sinh có hoàn cảnh khó khăn vươn lên "
            "học tốt.",
            "Các trường đã sửa chữa phòng học, bổ sung thiết bị dạy học, bảo đảm điều kiện cho "
            "năm học mới.",
            "Công tác phổ cập giáo dục, xóa mù chữ và đào tạo nghề cho lao động nông thôn được "
            "duy trì vững chắc.",
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
        ),
    ),
    Topic(
        "Quốc phòng - An ninh",
        "Quốc phòng - an ninh",
        ("quốc phòng", "an ninh trật tự", "tuyển quân"),
        (
            "{Place} tổ chức giao nhận quân năm {year}",
            "Diễn tập phòng thủ dân sự {place} năm {year}",
            "Cảnh giác với thủ đoạn lừa đảo qua mạng",
            "Ra mắt mô hình camera an ninh tại {hamlet}",
            "Huấn luyện dân quân tự vệ năm {year}",
        ),
        (
            "{Place} đã hoàn thành chỉ tiêu giao quân năm {year} với {num} thanh niên lên đường "
            "nhập ngũ.",
            "Công an {place} khuyến cáo người dân không cung cấp mã OTP, thông tin tài khoản ngân "
            "hàng cho người lạ.",
            "Mô hình camera an ninh giúp lực lượng chức năng kịp thời phát hiện, xử lý các vụ "
            "việc về trật tự.",
            "Lực lượng dân quân tự vệ được huấn luyện theo đúng chương trình, bảo đảm an toàn "
            "tuyệt đối.",
            "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn được giữ vững.",
            "Phong trào toàn dân bảo vệ an ninh Tổ quốc tiếp tục được phát huy ở các khu dân cư.",
        ),
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
        ),
        (
            "Tổ công nghệ số cộng đồng đã đến từng hộ gia đình hướng dẫn cài đặt, kích hoạt tài "
            "khoản định danh điện tử.",
            "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt {pct}%, tăng so với "
            "cùng kỳ năm {prev_year}.",
            "Các tiểu thương tại chợ đã niêm yết mã QR để khách hàng thanh toán không dùng tiền "
            "mặt.",
            "Người dân có thể nộp hồ sơ, theo dõi kết quả và thanh toán phí, lệ phí trên Cổng "
            "Dịch vụ công quốc gia.",
            "Hệ thống hội nghị trực tuyến được kết nối thông suốt từ huyện đến các xã, thị trấn.",
            "Chuyển đổi số giúp cắt giảm thời gian đi lại, chi phí cho người dân và doanh nghiệp.",
        ),
    ),
    Topic(
        "Tin tức - Sự kiện",
        "Xây dựng chính quyền",
        ("Đảng ủy", "Hội đồng nhân dân", "chính quyền"),
        (
            "Đảng ủy {place} ra nghị quyết lãnh đạo nhiệm vụ năm {year}",
            "Kỳ họp thứ {small} Hội đồng nhân dân {place}",
            "Hội nghị sơ kết công tác 6 tháng đầu năm {year}",
            "Đối thoại giữa người đứng đầu cấp ủy với Nhân dân {hamlet}",
            "Tiếp xúc cử tri trước kỳ họp cuối năm {year}",
        ),
        (
            "Đảng ủy {place} đã ban hành nghị quyết lãnh đạo thực hiện nhiệm vụ phát triển kinh "
            "tế - xã hội năm {year}.",
            "Kỳ họp đã thông qua {small} nghị quyết quan trọng, trong đó có nghị quyết về dự toán "
            "ngân sách năm {next_year}.",
            "Tại buổi tiếp xúc, cử tri {hamlet} kiến nghị sửa chữa đường giao thông và nâng cấp "
            "hệ thống chiếu sáng.",
            "Đồng chí Bí thư Đảng ủy yêu cầu các chi bộ phát huy vai trò lãnh đạo, nêu gương của "
            "cán bộ, đảng viên.",
            "Công tác cải cách hành chính, nâng cao chất lượng phục vụ người dân tiếp tục được "
            "chú trọng.",
            "Hội nghị thống nhất đánh giá kinh tế - xã hội tiếp tục phát triển, đời sống Nhân dân "
            "được nâng lên.",
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
        ),
    ),
    Topic(
        "Đô thị - Môi trường",
        "Tài nguyên và môi trường",
        ("môi trường", "phòng chống thiên tai"),
        (
            "Chủ động phòng chống lụt bão, xâm nhập mặn năm {year}",
            "Ra quân làm sạch môi trường tại {hamlet}",
            "Trồng {big} cây xanh dọc tuyến đường liên ấp",
            "Gia cố đê bao bảo vệ sản xuất mùa lũ năm {year}",
        ),
        (
            "Ban Chỉ huy phòng chống thiên tai {place} đã kiện toàn lực lượng, chuẩn bị vật tư "
            "theo phương châm bốn tại chỗ.",
            "Đoàn viên, thanh niên ra quân thu gom {num} tấn rác thải, khơi thông cống rãnh.",
            "Các hộ dân được hướng dẫn phân loại rác tại nguồn, xử lý rác hữu cơ làm phân bón.",
            "Đê bao dài {km} km được gia cố, bảo vệ an toàn cho {big} ha lúa và hoa màu.",
            "Người dân chủ động trữ nước ngọt, ứng phó với tình hình xâm nhập mặn.",
        ),
    ),
)

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
DOC_SUBJECTS = (
    "phê duyệt kế hoạch sử dụng đất năm {year} của {place}",
    "triển khai đợt cao điểm đăng ký đất đai trên địa bàn {place}",
    "kiện toàn Ban Chỉ đạo xây dựng nông thôn mới {place}",
    "tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
    "tuyển chọn, gọi công dân nhập ngũ năm {next_year}",
    "phân bổ kinh phí sửa chữa đường giao thông nông thôn năm {year}",
    "tăng cường phòng, chống dịch sốt xuất huyết",
    "đẩy mạnh chuyển đổi số và dịch vụ công trực tuyến",
    "giao chỉ tiêu phát triển người tham gia bảo hiểm y tế năm {year}",
    "lịch tiếp công dân định kỳ tháng {month} năm {year}",
    "công khai dự toán ngân sách {place} năm {year}",
    "hỗ trợ sửa chữa nhà ở cho hộ nghèo, hộ cận nghèo",
    "phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
    "chấn chỉnh công tác đăng ký, quản lý hộ tịch",
    "khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua năm {year}",
    "tổ chức kỳ họp thường lệ cuối năm {year} của Hội đồng nhân dân {place}",
    "bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán",
    "thành lập Tổ công nghệ số cộng đồng tại các ấp, khu phố",
    "ban hành Quy chế làm việc của Ủy ban nhân dân {place}",
    "thu gom, xử lý rác thải sinh hoạt trên địa bàn {place}",
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
            hamlets = [f"ấp {h}" for h in rng.sample(HAMLET_NAMES, 5)]
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


def sites_yaml(specs: list[SiteSpec]) -> str:
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
            f"  categories:\n" + "".join(f"    - {_q(c)}\n" for c in CATEGORIES)
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


def _body(rng: random.Random, slots: _Slots, pool: tuple[str, ...], words: int) -> str:
    """Paragraphs (with an occasional heading or list) of sentences from ``pool``, another
    topic and the generic bank, until about ``words`` words."""
    topic = _Deck(rng, pool + rng.choice(TOPICS).sentences)
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


def _front(fields: list[tuple[str, str]]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n"


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
        return {k: sum(c.get(k, 0) for c in self.counts.values()) for k in KINDS}


class _SiteWriter:
    """Writes one site's items; keeps its slugs, file names and document numbers unique."""

    def __init__(self, root: Path, spec: SiteSpec, rng: random.Random):
        self.root = root / spec.id
        self.spec = spec
        self.rng = rng
        self.slugs: dict[str, set[str]] = {k: set() for k in KINDS}
        self.names: set[str] = set()
        self.serial: dict[str, int] = {}
        self.numbers: list[str] = []

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
        topic = rng.choice(TOPICS)
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
        if rng.random() < 0.03:
            fields.append(("featured", "true"))
        body = _body(rng, slots, topic.sentences, rng.randint(150, 600))
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
        subject = rng.choice(DOC_SUBJECTS).format_map(slots)
        title = f"{doc_type} về việc {subject}"
        pdf = f"files/{slugify(number)}.pdf"
        issued = (when - dt.timedelta(days=rng.randint(0, 3))).date()
        topic = rng.choice(TOPICS)
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
        pool = DOC_SENTENCES + topic.sentences
        body = _body(rng, slots, pool, rng.randint(150, 600))
        self.write("documents", f"{when:%Y-%m-%d}-{slugify(number)}", _front(fields) + body)
        target = self.root / "documents" / pdf
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(tiny_pdf(f"{number} {doc_type}"))

    def question(self) -> None:
        rng, when = self.rng, self.when()
        slots = _Slots(rng, self.spec, when)
        title, question, field_name, office = rng.choice(QUESTIONS)
        topic = next((t for t in TOPICS if t.field == field_name), rng.choice(TOPICS))
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
        body = f"Chào {asker},\n\n" + _body(rng, slots, topic.sentences, rng.randint(150, 600))
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
        topic = next((t for t in TOPICS if t.field == field_name), rng.choice(TOPICS))
        body = "## Trình tự thực hiện\n\n" + steps + "\n\n"
        body += _body(rng, slots, topic.sentences, rng.randint(100, 500))
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
        pool = tuple(s for t in TOPICS for s in t.sentences[:2])
        body = _body(rng, slots, pool, rng.randint(150, 600))
        self.write("pages", slugify(title), _front(fields) + body)


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


def generate(dest: Path, pages: int = 10_000, members: int = 12, seed: int = 1) -> CorpusInfo:
    """Write a corpus of ``pages`` content files over one parent and ``members`` members into
    ``dest`` (created; must not hold another corpus)."""
    if pages < members + 1:
        raise ValueError("need at least one page per site")
    rng = random.Random(f"portal-bench-{seed}")
    specs = _site_specs(rng, members)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "sites.yml").write_text(sites_yaml(specs), encoding="utf-8")
    info = CorpusInfo(dest, specs[0].id, [s.id for s in specs[1:]])
    for spec, total in zip(specs, split_sites(pages, members), strict=True):
        writer = _SiteWriter(dest, spec, random.Random(f"portal-bench-{seed}-{spec.id}"))
        kinds = split_kinds(total)
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
        (dest / spec.id).mkdir(exist_ok=True)
        info.counts[spec.id] = kinds
        info.numbers[spec.id] = writer.numbers
    return info
