#!/usr/bin/env bash
# Installs the Debian packages the project needs: every one the build, the
# tests and the benchmarks need, or with --build only those that building
# l10n and its Debian package need (the release workflow,
# .github/workflows/release.yml, which runs no tests).
set -euo pipefail
build=(
  build-essential cmake ninja-build pkg-config
  file  # cpack -G DEB: CPack finds the binaries for dpkg-shlibdeps with it
  libicu-dev gettext libgettextpo-dev libunistring-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libyaml-dev libtomlplusplus-dev libpugixml-dev
  libboost-program-options-dev libcld2-dev
)
rest=(
  git catch2 hunspell-nl hunspell-en-us chromium
  hugo po4a translate-toolkit
  clang-14 libclang-rt-14-dev  # tools/fuzz.sh: libFuzzer and the sanitizers' runtimes
)
packages=("${build[@]}")
if [ "${1:-}" != --build ]; then packages+=("${rest[@]}"); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
