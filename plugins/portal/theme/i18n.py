"""UI strings: one gettext catalog per language, Vietnamese first.

Templates mark every UI string with ``_('…')`` (Jinja's i18n extension, new-style gettext). The
message ids are the Vietnamese text itself, so Vietnamese needs no catalog; other languages live
in ``<theme>/translations/<lang>/LC_MESSAGES/messages.po`` and are compiled in memory with Babel
when the build starts (no compiled ``.mo`` files in the repository).

The language of a string follows the page being rendered: an item with ``lang: en`` gets English
UI strings, everything else Vietnamese. ``make i18n`` extracts the strings and updates the
catalogs (see ``babel.cfg``).
"""

from __future__ import annotations

import gettext as stdlib_gettext
import io
from pathlib import Path

from jinja2 import pass_context

SOURCE_LANG = "vi"
DOMAIN = "messages"


def translations(translations_dir: Path, lang: str) -> stdlib_gettext.NullTranslations:
    """The catalog of ``lang`` compiled in memory (no catalog: the Vietnamese ids as they are)."""
    po = translations_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == SOURCE_LANG or not po.is_file():
        return stdlib_gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return stdlib_gettext.GNUTranslations(buffer)


def page_lang(context) -> str:
    """The language of the page being rendered: the item's own, else Vietnamese."""
    explicit = context.get("ui_lang")
    if explicit:
        return explicit
    for name in ("article", "page"):
        content = context.get(name)
        lang = getattr(content, "lang", None)
        if lang:
            return lang
    return SOURCE_LANG


def install(env, translations_dir: Path) -> None:
    """Install ``_``/``gettext``/``ngettext`` that answer in the page's language."""

    loaded: dict[str, stdlib_gettext.NullTranslations] = {}  # per language, read once

    def catalog(context) -> stdlib_gettext.NullTranslations:
        lang = page_lang(context)
        if lang not in loaded:
            loaded[lang] = translations(translations_dir, lang)
        return loaded[lang]

    @pass_context
    def gettext(context, message: str) -> str:
        return catalog(context).gettext(message)

    @pass_context
    def ngettext(context, singular: str, plural: str, n: int) -> str:
        return catalog(context).ngettext(singular, plural, n)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
