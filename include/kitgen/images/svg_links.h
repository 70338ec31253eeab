/* svg_links.h: which SVG images a page shows — the image nodes of its
 * body whose link resolves to one of the kit's files ending in ".svg".
 * Extract (workflow/extract.c) and the build (build/load.c) ask the same
 * question here, so the catalogs and the pages cannot disagree. Borrows
 * the kit and page; owns nothing.
 */
#ifndef KITGEN_IMAGES_SVG_LINKS_H
#define KITGEN_IMAGES_SVG_LINKS_H

#include "kitgen/kit/kit.h"

/* Called once per distinct file, in the order the page first links it;
 * url is the link as written (borrowed for the call). A non-zero return
 * stops the walk and is returned. */
typedef int (*kg_svg_link_fn)(void *ud, const char *url, const kg_static_file *file);

int kg_svg_page_links(const kg_kit *kit, const kg_page *page, kg_svg_link_fn fn, void *ud);

/* 1 when name ends in ".svg" (any case). */
int kg_svg_is_svg_name(const char *name);

#endif
