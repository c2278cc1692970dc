#!/usr/bin/env bash
# The README's second command: installs dependencies, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
# The corpus beside the project is shared, read-only material: a test that
# writes into it (a merge run on it in place) fails the suite.
shared() { [ -d ../shared ] && find ../shared -printf '%P %s %T@\n' | sort | sha1sum || true; }
before=$(shared)
ctest --test-dir build --output-on-failure -j "$(nproc)"
if [ "$(shared)" != "$before" ]; then
  echo "error: the tests changed files under ../shared; corpus tests must work on a copy" >&2
  exit 1
fi
