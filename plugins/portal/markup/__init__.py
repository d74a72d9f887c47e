"""Markup: contributors' Markdown rendered once, then cleaned by an allow-list sanitiser (nh3).

No Pelican signals; the catalog calls ``render`` while it reads each file, and the Pelican reader
hands the cleaned HTML on. Settings: none (the allow-list is the product's policy, not a knob).
"""

from portal.markup.render import first_paragraph, relative_links, render, sanitize

__all__ = ["first_paragraph", "relative_links", "render", "sanitize"]
