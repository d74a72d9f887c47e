"""Sites for the statistics tests: a parent at its own host, a member at its own host and a
member under a path of a shared host (where base_url's path must be matched and stripped)."""

from __future__ import annotations

from portal.sites import Site

SITES = [
    Site("tinh-lam-giang", "Tỉnh Lam Giang", "parent", "https://lamgiang.example"),
    Site(
        "xa-phuoc-dinh",
        "Xã Phước Định",
        "member",
        "https://phuocdinh.lamgiang.example",
        parent="tinh-lam-giang",
    ),
    Site(
        "xa-an-phu",
        "Xã An Phú",
        "member",
        "https://congthanhvien.lamgiang.example/xa-an-phu/",
        parent="tinh-lam-giang",
    ),
]
