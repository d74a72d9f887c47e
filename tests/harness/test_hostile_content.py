"""Hostile content that the check accepts must build: the longest titles, issuers and numbers
the bounds allow end in path components under the file systems' 255 bytes."""

from __future__ import annotations

from portal.frontmatter.fields import MAX_LINE
from portal.slugs import MAX_SLUG
from support import PDF, article, invitation

WORDS = "Quyết định về việc phê duyệt điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn "
TITLE = (WORDS * 8)[:400].strip()
ISSUER = (WORDS * 20)[: MAX_LINE - 10].strip()


def document(title: str, issuer: str) -> str:
    return (
        f'---\ntitle: "{title}"\ndate: 2026-11-20 08:30\nnumber: "12/QĐ-UBND"\n'
        f'doc_type: Quyết định\nissuer: "{issuer}"\nissued: 2026-11-19\nsummary: "Về việc"\n'
        f'files: [files/qd.pdf]\nfields: ["{issuer}"]\ntags: ["{issuer}"]\n---\nVăn bản.\n'
    )


def test_longest_titles_and_facets_build(make_content, build_into):
    content = make_content(
        {
            "huyen/articles/dai.md": article(TITLE, tags=f'["{ISSUER}"]'),
            "huyen/documents/files/qd.pdf": PDF,
            "huyen/documents/qd.md": document("Văn bản " + TITLE, ISSUER),
            "huyen/invitations/gm.md": invitation(
                title=f'"Giấy mời {TITLE}"', number=f'"{"9" * 300}/GM-UBND"'
            ),
        }
    )
    output = build_into(content, search=False, history=False)
    pages = [p for p in (output / "huyen").rglob("*")]
    longest = max(len(p.name.encode()) for p in pages)
    assert longest <= MAX_SLUG + 20, longest
    slug = max((p.parent.name for p in (output / "huyen/tin-tuc").glob("*/index.html")), key=len)
    assert TITLE.startswith("Quyết định") and slug.startswith("quyet-dinh-ve-viec")
    assert 100 < len(slug) <= MAX_SLUG
