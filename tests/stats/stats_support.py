"""Sites for the statistics tests: a parent at its own host, a member at its own host and a
member under a path of a shared host (where base_url's path must be matched and stripped)."""

from __future__ import annotations

from portal.sites import Site

SITES = [
    Site("binh-lang", "Huyện Bình Lãng", "parent", "https://binhlang.example"),
    Site(
        "xa-dong-phuoc",
        "Xã Đông Phước",
        "member",
        "https://dongphuoc.binhlang.example",
        parent="binh-lang",
    ),
    Site(
        "xa-an-phu",
        "Xã An Phú",
        "member",
        "https://congthanhvien.binhlang.example/xa-an-phu/",
        parent="binh-lang",
    ),
]
