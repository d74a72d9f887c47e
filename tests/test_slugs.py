import pytest

from portal.slugs import fold, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đăng ký đất đai", "dang-ky-dat-dai"),
        ("Thông báo: lịch tiếp công dân tháng 12", "thong-bao-lich-tiep-cong-dan-thang-12"),
        ("ĐẢNG BỘ XÃ ĐÔNG PHƯỚC", "dang-bo-xa-dong-phuoc"),
        ("Quyết định số 12/QĐ-UBND", "quyet-dinh-so-12-qd-ubnd"),
        ("  --Ưu tiên!! ", "uu-tien"),
        ("Nghị định 100/2019/NĐ-CP", "nghi-dinh-100-2019-nd-cp"),
        ("中文", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_fold_keeps_case_and_punctuation():
    assert fold("Bình Đào, Thủ tục") == "Binh Dao, Thu tuc"
