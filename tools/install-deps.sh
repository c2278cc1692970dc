#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the benchmarks need.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libicu-dev gettext libgettextpo-dev libunistring-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libyaml-dev libtomlplusplus-dev libpugixml-dev
  libboost-program-options-dev catch2 libcld2-dev hunspell-nl hunspell-en-us chromium
  hugo po4a translate-toolkit
  clang-14 libclang-rt-14-dev  # tools/fuzz.sh: libFuzzer and the sanitizers' runtimes
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
