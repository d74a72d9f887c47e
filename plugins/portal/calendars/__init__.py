"""ICS calendars: a subscribable calendar per site, one .ics per invitation (issue 5)."""


def register() -> None:
    """Being built."""
