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
  libmimalloc-dev
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

# The SARIF validator with GitHub's upload rules (tests/sarif_validation_test.cpp):
# Microsoft's SARIF Multitool, a self-contained Linux build from the npm
# registry, pinned. Without it that test is skipped with a message.
multitool_version=5.7.0
multitool_dir=${L10N_SARIF_MULTITOOL_DIR:-/opt/sarif-multitool/$multitool_version}
if [ "${1:-}" != --build ] && [ ! -x "$multitool_dir/package/Sarif.Multitool" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  # Debian's npm, unless a Node.js that brings its own is installed.
  command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm ||
    true
  tmp=$(mktemp -d)
  if (cd "$tmp" && npm pack --silent "@microsoft/sarif-multitool-linux@$multitool_version" >/dev/null 2>&1); then
    $SUDO mkdir -p "$multitool_dir"
    $SUDO tar xzf "$tmp"/*.tgz -C "$multitool_dir"
    $SUDO chmod +x "$multitool_dir/package/Sarif.Multitool"
  else
    echo "install-deps: could not fetch the SARIF Multitool from npm; its test will be skipped" >&2
  fi
  rm -rf "$tmp"
fi
