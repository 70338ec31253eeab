# KitgenInstall.cmake: what `cmake --install` puts where (the binary, the
# man page kitgen(1), the docs, the example kit) and the Debian package
# CPack makes of the same files (`cpack -G DEB` in the build folder). The
# built-in theme is compiled into the binary, so templates/ is not installed.
include(GNUInstallDirs)
# The same permissions whatever the umask of whoever installs or packages.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# The man page is docs/cli.md after a short head (docs/man/kitgen-head.md),
# made by pandoc at build time, so there is no second copy to keep in step.
# Its date is SOURCE_DATE_EPOCH's when that is set (Debian's build tools
# set it), otherwise it has none: never the clock's, so one commit always
# makes the same page. Without pandoc kitgen still builds and tests; only
# installing (and so packaging) stops, with the package to install.
find_program(KITGEN_PANDOC pandoc)
set(KITGEN_MAN_DATE "")
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  string(TIMESTAMP KITGEN_MAN_DATE "%Y-%m-%d" UTC) # reads SOURCE_DATE_EPOCH, not the clock
endif()
set(KITGEN_MAN_INPUTS ${PROJECT_SOURCE_DIR}/docs/man/kitgen-head.md ${PROJECT_SOURCE_DIR}/docs/cli.md)
set(KITGEN_MAN ${PROJECT_BINARY_DIR}/man/kitgen.1)
if(KITGEN_PANDOC)
  file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/man)
  add_custom_command(
    OUTPUT ${KITGEN_MAN} ${KITGEN_MAN}.gz
    COMMAND ${KITGEN_PANDOC} --standalone --from=gfm --to=man
            --lua-filter=${PROJECT_SOURCE_DIR}/docs/man/tables.lua
            --metadata=title:kitgen --metadata=section:1 "--metadata=date:${KITGEN_MAN_DATE}"
            "--metadata=footer:kitgen ${PROJECT_VERSION}" "--metadata=header:kitgen manual"
            --output=${KITGEN_MAN} ${KITGEN_MAN_INPUTS}
    COMMAND gzip -9 --no-name --force --keep ${KITGEN_MAN} # Debian's way: no name, no time stamp
    DEPENDS ${KITGEN_MAN_INPUTS} ${PROJECT_SOURCE_DIR}/docs/man/tables.lua
    COMMENT "Making the man page kitgen(1) from docs/cli.md (pandoc)")
  add_custom_target(kitgen_man ALL DEPENDS ${KITGEN_MAN}.gz)
else()
  install(CODE "message(FATAL_ERROR \"kitgen: installing needs the man page, which needs pandoc \"
                \"(Debian package: pandoc); install it, then run cmake -S ${PROJECT_SOURCE_DIR} \"
                \"-B ${PROJECT_BINARY_DIR} and build again\")")
endif()

install(TARGETS kitgen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${KITGEN_MAN}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# The docs keep README's layout (README.md beside docs/), so its links work.
file(GLOB KITGEN_DOCS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES README.md cmake/debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${KITGEN_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
# The bundled Community Safety Kit, for `kitgen init --from-example`, which
# looks for it at <bindir>/../share/kitgen/example-kit (src/cmd/init.c).
install(FILES kit.yaml glossary.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/kitgen/example-kit)
install(DIRECTORY content locales DESTINATION ${CMAKE_INSTALL_DATADIR}/kitgen/example-kit)

# Lintian finds nothing in the .deb but what cmake/debian/lintian-overrides
# explains (and informational tags).
install(FILES cmake/debian/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME kitgen)

# The .deb: kitgen_<version>_<arch>.deb. dpkg-shlibdeps names the libraries
# the binary links (CPack runs `file` on every packaged file to find the
# binaries: most of cpack's 25 s go to the example kit's 430 files); the
# fonts are named here because kitgen finds them through fontconfig at run
# time, which no tool can see.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kitgen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "multilingual training-kit websites and handouts")
set(CPACK_PACKAGE_DESCRIPTION
    "kitgen turns a kit of Markdown training materials and per-language gettext
catalogs into a static website in every language, with PDF handouts, text
downloads, offline search and one zip per language. It extracts POT files,
merges catalogs, reports translation status, checks that translations keep
links and numbers, exchanges XLIFF with CAT tools, and previews the site.")
set(CPACK_PACKAGE_CONTACT "kitgen maintainers <maintainers@users.noreply.r-seed-e785e1e4.example>"
    CACHE STRING "Maintainer field of the .deb")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON) # the build is RelWithDebInfo; the package ships the binary stripped
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-core, fonts-noto-cjk")
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR})
include(CPack)
