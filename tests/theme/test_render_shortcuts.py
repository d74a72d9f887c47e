"""The render shortcuts of the theme give what Jinja's own machinery gives: ``_()`` (one call,
results kept per language) as Jinja's gettext alias, and ``PortalContext.derived`` (parent
shared, not copied) as Jinja's ``Context.derived``, side by side on the same templates."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment, pass_context
from jinja2.runtime import Context

from portal.theme import i18n
from portal.theme.context import PortalContext
from support import REPO

TRANSLATIONS = REPO / "theme" / "translations"

# Names set at the top level, names set inside loops (Jinja hands those to a ``pass_context``
# function through a derived context) shadowing context names (``article``, ``top``), nested
# loops, a block, a macro imported with context, a missing name, and ``_()`` in all of them.
TEMPLATES = {
    "page.html": (
        '{% from "macros.html" import show with context %}'
        "{% set top = 'đỉnh' %}"
        "{{ _('Trang chủ') }}|{{ _('Trang %(n)s', n=2) }}|{{ _('100%% <b>') }}|{{ names() }}|"
        "{% for a in items %}{% set article = a %}[{{ _('Trang chủ') }} {{ names() }}"
        "{% for b in [1, 2] %}{% set top = b %}({{ names() }}){% endfor %}]{% endfor %}"
        "{% block body %}{% set inner = 'trong' %}{{ names() }}"
        "{% for x in [1] %}{{ names() }}{{ _('Trang %(n)s', n=x) }}{% endfor %}{% endblock %}"
        "{{ show(items) }}"
    ),
    "macros.html": (
        "{% macro show(entries) %}{% for a in entries %}{% set article = a %}"
        "<{{ _('Trang chủ') }}|{{ names() }}>{% endfor %}{% endmacro %}"
    ),
}


@pass_context
def names(context) -> str:
    """What a ``pass_context`` function sees: a few names, the whole context's keys and its
    ``get_all``."""
    article = context.get("article")
    shown = [
        str(getattr(article, "lang", article)),
        str(context.get("top")),
        str(context.get("inner")),
        str(context.get("nowhere", "-")),
        str(context.resolve("x")) if "x" in context else "no-x",
        str(len(list(context.keys()))),
        str(sorted(context.get_all()) == sorted(context.keys())),
    ]
    return ",".join(shown)


def environment(context_class) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), extensions=["jinja2.ext.i18n"], autoescape=True)
    env.context_class = context_class
    env.globals["names"] = names
    i18n.install(env, TRANSLATIONS)
    return env


def jinja_alias(env: Environment) -> Environment:
    """The same environment with Jinja's own ``_`` (its gettext alias) instead of ours."""
    from jinja2.ext import _gettext_alias

    env.globals["_"] = _gettext_alias
    return env


@pytest.mark.parametrize("page_lang", ["vi", "en"])
def test_shortcuts_render_as_jinja_does(page_lang):
    items = [SimpleNamespace(lang="en"), SimpleNamespace(lang="vi")]
    context = {"items": items, "page": SimpleNamespace(lang=page_lang), "article": "none"}
    reference = jinja_alias(environment(Context)).get_template("page.html").render(context)
    ours = environment(PortalContext).get_template("page.html").render(context)
    assert ours == reference
    # an article set in the loop decides the language inside it, the page's outside
    assert "[Home" in ours and "[Trang chủ" in ours
    assert "<Home|" in ours and "<Trang chủ|" in ours
    assert ours.startswith("Home|" if page_lang == "en" else "Trang chủ|")
    assert "|100% <b>|" in ours  # the message is markup; %% formatted once


def test_derived_context_sees_loop_variables_over_the_context():
    env = environment(PortalContext)
    rendered = env.get_template("page.html").render(items=[SimpleNamespace(lang="en")])
    assert "(None,1," in rendered and "(None,2," in rendered  # the inner loop's ``top``
    assert "|None,đỉnh,None,-" in rendered  # outside any loop: the top-level ``top``
    assert "None,đỉnh,trong,-" in rendered  # the block's own ``inner``


def test_translate_without_variables_is_formatted_once_per_language():
    env = environment(PortalContext)
    template = env.from_string("{{ _('50%% xong') }}")
    assert template.render() == template.render() == "50% xong"
