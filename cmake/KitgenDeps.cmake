# Finds kitgen's dependencies. Each missing one stops configuration with one
# line naming the Debian package that provides it.
find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "kitgen: missing pkg-config (Debian package: pkg-config)")
endif()

set(KITGEN_DEP_TARGETS "")
function(kitgen_require name module debian)
  pkg_check_modules(${name} QUIET IMPORTED_TARGET ${module})
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "kitgen: missing ${module} (Debian package: ${debian})")
  endif()
  set(KITGEN_DEP_TARGETS ${KITGEN_DEP_TARGETS} PkgConfig::${name} PARENT_SCOPE)
endfunction()

kitgen_require(CMARK libcmark libcmark-dev)
kitgen_require(YAML yaml-0.1 libyaml-dev)
kitgen_require(XML2 libxml-2.0 libxml2-dev)
kitgen_require(ICUUC icu-uc libicu-dev)
kitgen_require(ICUI18N icu-i18n libicu-dev)
kitgen_require(PANGOCAIRO pangocairo libpango1.0-dev)
kitgen_require(PANGOFT2 pangoft2 libpango1.0-dev) # the font file behind a Pango font (pdf/embed.c)
kitgen_require(CAIRO cairo libcairo2-dev)
# HarfBuzz's subsetter cuts CJK fonts down before Cairo embeds them (pdf/embed.c).
kitgen_require(HARFBUZZ_SUBSET harfbuzz-subset libharfbuzz-dev)
kitgen_require(FREETYPE freetype2 libfreetype-dev)
kitgen_require(FONTCONFIG fontconfig libfontconfig-dev)
kitgen_require(QRENCODE libqrencode libqrencode-dev)
kitgen_require(RSVG librsvg-2.0 librsvg2-dev)
kitgen_require(ARCHIVE libarchive libarchive-dev)
kitgen_require(PNG libpng libpng-dev)
# Palette PNGs (share images, images/png.c) and the streams of PDFs, zips and
# DOCX/ODT files (base/deflate.c) are compressed whole by libdeflate.
kitgen_require(DEFLATE libdeflate libdeflate-dev)
# zlib's stream functions, which base/deflate.c stands in for inside a PDF
# or an archive and hands every other stream to.
kitgen_require(ZLIB zlib zlib1g-dev)
kitgen_require(MHD libmicrohttpd libmicrohttpd-dev)

find_package(Iconv)
if(NOT Iconv_FOUND)
  message(FATAL_ERROR "kitgen: missing iconv (Debian package: libc6-dev)")
endif()
find_package(Threads REQUIRED)
list(APPEND KITGEN_DEP_TARGETS Iconv::Iconv Threads::Threads m)
