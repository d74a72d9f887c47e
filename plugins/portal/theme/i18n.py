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
from markupsafe import Markup

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


# Per translations folder and language: the catalog, and what ``_(message)`` without variables
# renders to under autoescape. Module-level rather than in ``install``'s closures, so that what
# a page's key digests of ``_`` (its code and the folder) does not grow as catalogs are loaded.
_CATALOGS: dict[tuple[str, str], stdlib_gettext.NullTranslations] = {}
_SHOWN: dict[tuple[str, str], dict[str, Markup]] = {}


def _catalog(folder: str, lang: str) -> stdlib_gettext.NullTranslations:
    found = _CATALOGS.get((folder, lang))
    if found is None:
        found = _CATALOGS[(folder, lang)] = translations(Path(folder), lang)
    return found


def install(env, translations_dir: Path) -> None:
    """Install ``_``/``gettext``/``ngettext`` that answer in the page's language.

    ``gettext``/``ngettext`` are Jinja's new-style callables; ``_`` is what Jinja's ``_`` alias
    of ``gettext`` returns (the translation as ``Markup`` under autoescape, always formatted
    with its variables, ``%%`` included), in one call instead of three, and with the result of
    a string without variables kept per language: ``_()`` is called some 50 times a page."""
    folder = str(translations_dir)

    @pass_context
    def gettext(context, message: str) -> str:
        return _catalog(folder, page_lang(context)).gettext(message)

    @pass_context
    def ngettext(context, singular: str, plural: str, n: int) -> str:
        return _catalog(folder, page_lang(context)).ngettext(singular, plural, n)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)

    @pass_context
    def translate(context, message: str, /, **variables) -> str:
        lang = page_lang(context)
        escape = context.eval_ctx.autoescape
        if variables or not escape or type(message) is not str:
            shown = _catalog(folder, lang).gettext(message)
            return (Markup(shown) if escape else shown) % variables
        cache = _SHOWN.get((folder, lang))
        if cache is None:
            cache = _SHOWN[(folder, lang)] = {}
        shown = cache.get(message)
        if shown is None:
            shown = cache[message] = Markup(_catalog(folder, lang).gettext(message)) % {}
        return shown

    env.globals["_"] = translate
