#!/usr/bin/env bash
# The README's first command: installs dependencies, builds, and runs the main
# job on the bundled example site: extract the English pages into po/, merge
# po/nl back into content/nl/, and build the two-language site with Hugo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
./build/l10n extract --root .
./build/l10n merge --root .
out=$(mktemp -d)
hugo --minify --quiet -s . -d "$out/public"
echo "Hugo built $(find "$out/public" -name '*.html' | wc -l) HTML pages into $out/public"
rm -f .hugo_build.lock
