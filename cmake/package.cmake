# The Debian package (issue 17): `cpack -G DEB` in the build directory makes
# l10n_<version>_<arch>.deb from what `cmake --install` installs (the binary,
# the CLI's message catalogs, the manual page, the bash completion). The
# release workflow (.github/workflows/release.yml) builds it in Debian 12 and
# attaches it to the GitHub release, and the sites' workflows install it with
# apt-get instead of building l10n in every job. CPack ships with CMake, so
# the package is made by the same install rules a source install uses and
# needs no debian/ directory to keep in step with them.
#
# The package installs under /usr, whatever CMAKE_INSTALL_PREFIX the build
# was configured with (Debian packages never own /usr/local): the binary finds
# its catalogs in ../share/locale beside itself before the configured prefix
# (src/cli/i18n.cpp), so a package made from a /usr/local build still shows
# its translations. The release workflow configures -DCMAKE_INSTALL_PREFIX=/usr
# all the same, so the compiled-in fallback path is the real one too.
set(CPACK_PACKAGE_NAME l10n)
set(CPACK_PACKAGE_VENDOR "l10n")
set(CPACK_PACKAGE_CONTACT "l10n maintainers <l10n@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "translate Hugo sites through gettext PO catalogs")
# One string: separate arguments would be a CMake list, joined with ";".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "\
l10n extracts the Markdown pages, front matter, shortcode parameters and
string tables of a Hugo site into gettext PO catalogs, and merges the
translations back into per-language content trees byte for byte. l10n
check reports text left in the source language in translated pages and
catalogs, as text, JSON, SARIF or HTML.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# l10n_0.1.0_amd64.deb: Debian's own naming, which the sites' workflows
# download by (tests/package_test.cpp checks the name).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages, with the versions their symbols need, as
# dpkg-shlibdeps finds them for the binary on the system that builds the
# package (libicu72, libcmark-gfm0.29.0.gfm.6, libboost-program-options1.74.0,
# libcld2-0, … on Debian 12). tests/package_test.cpp checks that every
# library `ldd` shows belongs to a package the Depends line names.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Run-time data that is not a library: `l10n check` and `l10n import` read
# hunspell word lists from /usr/share/hunspell to identify short texts, and
# work (less well on headings) without them, so a dictionary is recommended,
# not required; which ones depends on the site's languages (hunspell-LL).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hunspell-en-us | hunspell-dictionary")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "hugo")
# A RelWithDebInfo build's binary is about 45 MB of mostly debug sections.
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
