#!/usr/bin/env bash
# Extract the UI strings (babel.cfg) into theme/translations/messages.pot, then merge them into
# every catalog theme/translations/<lang>/LC_MESSAGES/messages.po. `make i18n` runs this.
#
# babel.cfg's patterns are relative to the repository root, hence the input path ".".
# The options keep both files stable, so re-running on unchanged sources changes nothing:
#   --sort-output             messages in msgid order, not in discovery order;
#   --add-location=file       "#: file" without line numbers: context for translators, no churn
#                             when a template gains or loses lines;
#   --omit-header             the .pot has no header (its POT-Creation-Date would change on
#                             every run); the .po files keep theirs (Language, Plural-Forms) and
#                             --ignore-pot-creation-date leaves their dates alone;
#   --no-wrap                 one line per msgid/msgstr, whatever its length;
#   --ignore-dirs             skip hidden folders (.venv, .git) but not "_name" ones, which Babel
#                             skips by default (tests/theme/test_i18n.py walks the same way);
#   --no-fuzzy-matching       a new string arrives untranslated, never as a fuzzy guess (fuzzy
#                             entries are ignored at build time and would hide missing work);
#   --ignore-obsolete         strings no longer in the sources are dropped, not kept as "#~".
# Then it lists, per language, the messages that still need a translation.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ -x .venv/bin/pybabel ]]; then
    default_bin=.venv/bin/
else
    default_bin=
fi
PYBABEL="${PYBABEL:-${default_bin}pybabel}"
PYTHON="${PYTHON:-${default_bin}python3}"
DIR=theme/translations
POT="$DIR/messages.pot"

"$PYBABEL" --quiet extract --mapping-file=babel.cfg --output-file="$POT" \
    --sort-output --add-location=file --omit-header --no-wrap --ignore-dirs=".* __pycache__" .

shopt -s nullglob
catalogs=("$DIR"/*/LC_MESSAGES/messages.po)
if ((${#catalogs[@]} == 0)); then
    echo "i18n: no catalogs under $DIR/<lang>/LC_MESSAGES/ (see $DIR/README.md)" >&2
    exit 0
fi

"$PYBABEL" --quiet update --input-file="$POT" --output-dir="$DIR" --domain=messages \
    --no-wrap --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date

"$PYTHON" - "${catalogs[@]}" <<'EOF'
import sys

from babel.messages.pofile import read_po

for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    todo = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    print(f"{path}: {sum(1 for m in catalog if m.id)} messages, {len(todo)} to translate")
    for msgid in todo:
        print(f"  {msgid!r}")
EOF
