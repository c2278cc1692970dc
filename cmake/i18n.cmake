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

install(FILES ${CMAKE_SOURCE_DIR}/docs/l10n.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/tools/completion/l10n.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME l10n)
