"""``N_`` marks a Python string as a UI message for ``make i18n`` without translating it; the
theme translates it with ``_()`` when it renders (message ids are Vietnamese)."""


def N_(message: str) -> str:
    return message
