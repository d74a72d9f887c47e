"""``/admin/`` of the parent site: the form editor (Sveltia CMS), served from the portal's own
origin.

Contract: ``write_admin(site_dir, text)`` writes ``admin/index.html`` (a page without inline
code: the CSP of the ``admin`` zone, ``portal.headers.policy``, allows no inline script),
``admin/tieng-viet.js`` (Vietnamese unless the collaborator chose another language),
``admin/sveltia-cms.js`` (from the npm package pinned in package-lock.json, installed by
``make install`` into ``node_modules/``) and ``admin/config.yml`` (``text``, from
``portal.cms.config``). A missing package is a build error saying what to run, never a
traceback. ``version()`` is the installed package's version (part of the build's code
fingerprint), ``""`` when it is missing.

No request leaves the portal's origin. The package's single-file build fetches three things
from CDNs at run time (0.221.1, ``dist/sveltia-cms.js``): its fonts from
``cdn.jsdelivr.net/fontsource`` (an ``@font-face`` it injects; the icons are a ligature font,
without it every button shows its icon's name), its UI strings for any language but English
from ``unpkg.com/@sveltia/cms@<version>/locales/<lang>.json`` (the constant ``UNPKG`` below,
also used for the update check ``unpkg.com/@sveltia/cms/package.json``). The copy rewrites
exactly these addresses to files copied beside it from the same package (``npm/assets/*.woff2``,
``locales/vi.json``, its ``package.json``): ``UNPKG`` becomes the relative ``./sveltia-cms``
(so ``admin/sveltia-cms@<version>/locales/vi.json`` and ``admin/sveltia-cms/package.json``).
A package whose script no longer holds these addresses, or holds another CDN font, is a build
error: the rewrite is checked, never silently partial.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from portal.paths import ADMIN

PACKAGE = Path(__file__).resolve().parents[3] / "node_modules" / "@sveltia" / "cms"
SCRIPT = "sveltia-cms.js"  # the classic-script build: one file, no chunk loaded at start
CONFIG_FILE = "config.yml"
UNPKG = "https://unpkg.com/@sveltia/cms"
LOCAL_PACKAGE = "./sveltia-cms"  # UNPKG rewritten: relative to the admin page
LANGUAGES = ("vi",)  # English is inside the script
FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)[^)`\"'\s]*\.woff2")
FONTS = ("source-sans-3", "noto-mono", "material-symbols-outlined")
PAGE = """\
<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Trình soạn thảo nội dung</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Trình soạn thảo cần JavaScript. (The editor needs JavaScript.)</noscript>
<script src="tieng-viet.js"></script>
<script src="sveltia-cms.js"></script>
</body>
</html>
"""


# Sveltia follows the browser's language and has no setting for it in config.yml; its first
# screen reads the language chosen before from localStorage ("sveltia-cms.prefs"). Vietnamese
# unless the collaborator chose another language in the editor's settings.
VIETNAMESE = """\
// Trình soạn thảo hiện tiếng Việt, trừ khi người dùng đã chọn ngôn ngữ khác (portal.cms).
try {
  if (!localStorage.getItem("sveltia-cms.prefs")) {
    localStorage.setItem("sveltia-cms.prefs", JSON.stringify({ locale: "vi" }));
  }
} catch (e) {}
"""


class AdminError(RuntimeError):
    """The form editor's package is not installed."""


def version(package: Path = PACKAGE) -> str:
    try:
        return json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return ""


def _fail(what: str, english: str) -> AdminError:
    return AdminError(
        f"không chép được trình soạn thảo Sveltia CMS: {what}. "
        f"(Cannot copy Sveltia CMS: {english}.)"
    )


def localised_script(package: Path, folder: Path) -> str:
    """The package's script with its CDN addresses pointing at copies in ``folder`` (written
    here: fonts, UI strings, the package's version file)."""
    script = package / "dist" / SCRIPT
    if not script.is_file():
        raise AdminError(
            f"thiếu trình soạn thảo Sveltia CMS ({script}): hãy chạy 'make install'. "
            f"(Sveltia CMS is not installed at {script}: run 'make install'.)"
        )
    text = script.read_text(encoding="utf-8")
    release = version(package)
    if text.count(f"{UNPKG}`") != 1:
        raise _fail(f"không thấy địa chỉ {UNPKG} trong {script}", f"{UNPKG} not in {script}")
    text = text.replace(f"{UNPKG}`", f"{LOCAL_PACKAGE}`")
    (folder / "fonts").mkdir(exist_ok=True)
    found = set()

    def local_font(match: re.Match) -> str:
        name = match[1]
        sources = sorted((package / "npm" / "assets").glob(f"{name}-*.woff2"))
        if name not in FONTS or not sources:
            raise _fail(f"không có bản sao của phông {match[0]}", f"no copy of {match[0]}")
        shutil.copyfile(sources[0], folder / "fonts" / f"{name}.woff2")
        licence = package / "npm" / "assets" / f"{name}.LICENSE.txt"
        if licence.is_file():
            shutil.copyfile(licence, folder / "fonts" / licence.name)
        found.add(name)
        return f"fonts/{name}.woff2"

    text = FONT.sub(local_font, text)
    if found != set(FONTS) or "cdn.jsdelivr.net" in text:
        raise _fail("các phông chữ trong gói đã đổi", f"the package's fonts changed: {found}")
    strings = folder / f"{LOCAL_PACKAGE[2:]}@{release}" / "locales"
    strings.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        shutil.copyfile(package / "locales" / f"{language}.json", strings / f"{language}.json")
    (folder / LOCAL_PACKAGE[2:]).mkdir(exist_ok=True)
    (folder / LOCAL_PACKAGE[2:] / "package.json").write_text(
        json.dumps({"name": "@sveltia/cms", "version": release}) + "\n", encoding="utf-8"
    )
    shutil.copyfile(package / "LICENSE.txt", folder / "LICENSE.txt")
    return text


def write_admin(site_dir: Path, config_text: str, package: Path = PACKAGE) -> Path:
    """Write the form editor into ``site_dir/admin/``; its folder."""
    folder = site_dir / ADMIN
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SCRIPT).write_text(localised_script(package, folder), encoding="utf-8")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "tieng-viet.js").write_text(VIETNAMESE, encoding="utf-8")
    (folder / CONFIG_FILE).write_text(config_text, encoding="utf-8")
    return folder
