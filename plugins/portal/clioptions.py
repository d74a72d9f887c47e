"""Command-line options shared by ``portal`` and its sub-command groups (``portal forms``,
``portal preview``), which ``portal.cli`` imports and so cannot import from."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_CONTENT = Path("content")

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="Thư mục nội dung có sites.yml. (Content folder holding sites.yml.)",
)
