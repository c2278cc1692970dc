#!/usr/bin/env bash
# Refreshes the template of the CLI's own messages, po/cli/l10n.pot, from the
# sources (xgettext; references name files, not lines, so editing code does not
# change them) and brings every translation po/cli/LL.po up to date with l10n's
# own `update` (our msgmerge). Then translate the new or fuzzy entries; the
# build compiles them with `msgfmt -c`.
#
#   tools/update-cli-po.sh             # L10N=path/to/l10n overrides build/l10n
#   tools/update-cli-po.sh --pot FILE  # only write a fresh template to FILE
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C  # a stable order of the source files

write_pot() {
  local version
  version=$(sed -n 's/^project(l10n VERSION \([^ ]*\).*/\1/p' CMakeLists.txt)
  xgettext --language=C++ --from-code=UTF-8 --add-comments=TRANSLATORS: --add-location=file \
    --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=counted:1,2 --keyword=tr_n:1,2 --keyword=tr \
    --package-name=l10n --package-version="$version" --copyright-holder="the l10n authors" \
    -o "$1" src/*/*.h src/*/*.cpp
  sed -i '1s/.*/# Messages of the l10n command line./' "$1"
}

if [ "${1:-}" = --pot ]; then
  write_pot "$2"
  exit 0
fi

pot=po/cli/l10n.pot
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
write_pot "$fresh"
# Only the creation date changed: keep the old file, so git sees no churn.
if [ -f "$pot" ] && diff -q <(grep -v '^"POT-Creation-Date:' "$pot") <(grep -v '^"POT-Creation-Date:' "$fresh") >/dev/null; then
  echo "$pot: unchanged"
else
  cp "$fresh" "$pot"
  echo "$pot: written"
fi

l10n=${L10N:-build/l10n}
[ -x "$l10n" ] || { echo "no $l10n: build first (bash tools/build.sh) or set L10N" >&2; exit 2; }
for po in po/cli/*.po; do
  [ -e "$po" ] || continue
  "$l10n" update "$po" "$pot" -o "$po" --verbose
  msgfmt -c -o /dev/null "$po"
done
