#!/usr/bin/env bash
# The README's first command: installs dependencies, builds, and runs the main
# job on the bundled example site (content/, po/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
./build/l10n extract --root .
