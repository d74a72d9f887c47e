import pytest

from portal.slugs import MAX_SLUG, fold, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đăng ký đất đai", "dang-ky-dat-dai"),
        ("Thông báo: lịch tiếp công dân tháng 12", "thong-bao-lich-tiep-cong-dan-thang-12"),
        ("ĐẢNG BỘ XÃ PHƯỚC ĐỊNH", "dang-bo-xa-phuoc-dinh"),
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


def test_long_title_gives_a_slug_cut_at_a_word():
    title = ("Quyết định về việc phê duyệt điều chỉnh kế hoạch đầu tư công trung hạn " * 6)[:400]
    slug = slugify(title)
    assert len(slug.encode()) <= MAX_SLUG
    assert slug.startswith("quyet-dinh-ve-viec-phe-duyet") and not slug.endswith("-")
    full = slugify(title, limit=10_000)
    assert full.startswith(slug) and full[len(slug)] == "-"  # cut between two words


def test_one_endless_word_is_cut_at_the_limit():
    assert slugify("Đ" * 400) == "d" * MAX_SLUG
    assert slugify("a" * 50 + " " + "b" * 300) == "a" * 50
