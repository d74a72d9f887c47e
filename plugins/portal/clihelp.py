"""Vietnamese help for the ``portal`` command, English as the twin: ``portal --help`` and
``portal <verb> --help`` are read by collaborators first.

``apply(group)`` gives every verb of the group a Vietnamese one-line summary (shown in the verb
list and above the verb's own English description) and a help formatter whose headings and
click's built-in lines are Vietnamese. A verb without an entry in ``COMMANDS`` keeps its English
help (tests/test_cli.py checks that none is missing).
"""

from __future__ import annotations

import inspect

import click

COMMANDS = {
    "approval": "Tin gửi lên cấp trên chờ cấp trên duyệt PR. (Parent approval of news sent up.)",
    "assemble": "Ghép các phần dựng trên nhiều máy thành bản hoàn chỉnh. (Join the shards.)",
    "bench": "Đo thời gian xây dựng trên một cổng sinh ngẫu nhiên. (Benchmark builds.)",
    "build": "Kiểm tra nội dung rồi xây dựng các trang. (Check, then build every site.)",
    "changes": "Tóm tắt các trang nhánh này thêm, sửa, gỡ. (Summarise a branch's changes.)",
    "check": "Kiểm tra nội dung, không xây dựng. (Validate content without building.)",
    "cms": "Ghi cấu hình trình soạn thảo biểu mẫu /admin/. (Write the CMS configuration.)",
    "codeowners": "Ghi tệp CODEOWNERS từ sites.yml. (Write .github/CODEOWNERS.)",
    "deploy": "Đăng bản đã dựng lên máy chủ, hoặc quay lại bản cũ. (Publish, or roll back.)",
    "forms": "Câu hỏi, góp ý, đánh giá của người đọc. (Readers' questions and ratings.)",
    "gate": "Kiểm tra nhanh bản đã dựng trước khi đăng. (Fast check before publishing.)",
    "new": "Tạo bản nháp mới có giải thích từng trường. (Write a new draft item.)",
    "notify": "Gửi thư mời họp mới, đã đổi, đã hủy. (E-mail the invitations.)",
    "preview": "Bản xem trước của mỗi PR: đóng gói, đăng, gỡ. (Pull request previews.)",
    "report": "Thống kê tin bài, câu hỏi theo tháng, quý, năm. (Tally for the editors.)",
    "schedule": "Các mục sắp đăng hoặc sắp hết hạn. (Items going live or expiring soon.)",
    "serve": "Xây dựng và xem thử trên máy, tự dựng lại. (Build and serve locally.)",
    "serve-prod": "Xây dựng và xem thử qua nginx như khi vận hành. (Serve with nginx.)",
    "stats": "Số lượt xem từ nhật ký truy cập. (Page views from the access logs.)",
}

TEXTS = {
    "Options": "Tùy chọn (Options)",
    "Commands": "Lệnh (Commands)",
    "Positional arguments": "Tham số (Arguments)",
    "Show this message and exit.": "Xem hướng dẫn này. (Show this message and exit.)",
    "Show the version and exit.": "Xem phiên bản. (Show the version and exit.)",
}
USAGE = "Cách dùng (Usage): "


class Formatter(click.HelpFormatter):
    """click's formatter with Vietnamese headings and built-in option lines."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE if prefix is None else prefix)

    def section(self, name: str):
        return super().section(TEXTS.get(name, name))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(a, TEXTS.get(b, b)) for a, b in rows], col_max, col_spacing)


class Context(click.Context):
    formatter_class = Formatter


def apply(group: click.Group) -> None:
    """Vietnamese summaries and headings for ``group`` and each of its verbs."""
    group.context_class = Context
    for name, command in group.commands.items():
        command.context_class = Context
        summary = COMMANDS.get(name)
        if summary:
            command.short_help = summary
            command.help = f"{summary}\n\n{inspect.cleandoc(command.help or '')}".rstrip()
