"""JSON Feed 1.1 and Atom feeds per site, section and category (issue 5)."""


def register() -> None:
    """Being built."""
