# The CLI's messages in other languages, its man page and bash completion
# (issue 7). po/cli/<lang>.po compiles to <build>/locale/<lang>/LC_MESSAGES/l10n.mo,
# where the binary in the build tree finds it; tools/update-cli-po.sh refreshes
# the template and the translations from the sources.
include(GNUInstallDirs)
find_program(MSGFMT msgfmt REQUIRED)

target_compile_definitions(l10n PRIVATE L10N_LOCALEDIR="${CMAKE_INSTALL_FULL_LOCALEDIR}")

file(GLOB L10N_CLI_PO CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/cli/*.po)
set(L10N_CLI_MO)
foreach(po ${L10N_CLI_PO})
  get_filename_component(lang ${po} NAME_WE)
  set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/l10n.mo)
  # -c: a translation whose placeholders differ from the msgid's fails the build.
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
    COMMAND ${MSGFMT} -c -o ${mo} ${po}
    DEPENDS ${po}
    COMMENT "Compiling the CLI's ${lang} messages")
  list(APPEND L10N_CLI_MO ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()
add_custom_target(l10n_messages ALL DEPENDS ${L10N_CLI_MO})
add_dependencies(l10n l10n_messages)

# Installed compressed, as Debian's policy (12.1) wants manual pages and as
# man-db reads them; -n leaves the name and time out, so the bytes only
# change when the page does.
find_program(GZIP gzip REQUIRED)
set(L10N_MAN ${CMAKE_BINARY_DIR}/l10n.1.gz)
add_custom_command(OUTPUT ${L10N_MAN}
  COMMAND ${GZIP} -9n -c ${CMAKE_SOURCE_DIR}/docs/l10n.1 > ${L10N_MAN}
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/l10n.1
  COMMENT "Compressing the manual page")
add_custom_target(l10n_manual ALL DEPENDS ${L10N_MAN})
install(FILES ${L10N_MAN} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/tools/completion/l10n.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME l10n)
