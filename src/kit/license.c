/* license.c: the licences kit.yaml's `license:` may name, by SPDX
 * identifier, with the name and link the partner page shows, and the
 * reader of that key (a wrong identifier is an error with the closest
 * known one). The table is static data: the SPDX identifiers of licences
 * used for published material (the Creative Commons family, public-domain
 * dedications, documentation, data and common software licences). */
#include "kit/config_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/buf.h"
#include "kitgen/base/suggest.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CC_DEED "https://creativecommons.org/licenses/"
/* One Creative Commons licence: SPDX id, name and deed. */
#define CC(id, path, name, version, port)                                            \
	{                                                                            \
		"CC-" id "-" version, "Creative Commons " name " " version " " port, \
		    CC_DEED path "/" version "/"                                     \
	}
#define CC_ALL(id, path, name)                                                           \
	CC(id, path, name, "1.0", "Generic"), CC(id, path, name, "2.0", "Generic"),      \
	    CC(id, path, name, "2.5", "Generic"), CC(id, path, name, "3.0", "Unported"), \
	    CC(id, path, name, "4.0", "International")
#define SPDX(id, name)                                            \
	{                                                         \
		id, name, "https://spdx.org/licenses/" id ".html" \
	}

static const kg_license licenses[] = {
    CC_ALL("BY", "by", "Attribution"),
    CC_ALL("BY-SA", "by-sa", "Attribution Share Alike"),
    CC_ALL("BY-ND", "by-nd", "Attribution No Derivatives"),
    CC_ALL("BY-NC", "by-nc", "Attribution Non Commercial"),
    CC_ALL("BY-NC-SA", "by-nc-sa", "Attribution Non Commercial Share Alike"),
    CC_ALL("BY-NC-ND", "by-nc-nd", "Attribution Non Commercial No Derivatives"),
    {"CC0-1.0", "Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"},
    SPDX("CC-PDDC", "Creative Commons Public Domain Dedication and Certification"),
    SPDX("GFDL-1.2-only", "GNU Free Documentation License v1.2 only"),
    SPDX("GFDL-1.2-or-later", "GNU Free Documentation License v1.2 or later"),
    SPDX("GFDL-1.3-only", "GNU Free Documentation License v1.3 only"),
    SPDX("GFDL-1.3-or-later", "GNU Free Documentation License v1.3 or later"),
    SPDX("LAL-1.3", "Licence Art Libre 1.3"),
    SPDX("OGL-UK-3.0", "Open Government Licence v3.0"),
    SPDX("OGL-Canada-2.0", "Open Government Licence - Canada"),
    SPDX("ODbL-1.0", "Open Data Commons Open Database License v1.0"),
    SPDX("ODC-By-1.0", "Open Data Commons Attribution License v1.0"),
    SPDX("PDDL-1.0", "Open Data Commons Public Domain Dedication & License 1.0"),
    SPDX("Unlicense", "The Unlicense"),
    SPDX("0BSD", "BSD Zero Clause License"),
    SPDX("MIT", "MIT License"),
    SPDX("ISC", "ISC License"),
    SPDX("Apache-2.0", "Apache License 2.0"),
    SPDX("BSD-2-Clause", "BSD 2-Clause \"Simplified\" License"),
    SPDX("BSD-3-Clause", "BSD 3-Clause \"New\" or \"Revised\" License"),
    SPDX("MPL-2.0", "Mozilla Public License 2.0"),
    SPDX("GPL-2.0-only", "GNU General Public License v2.0 only"),
    SPDX("GPL-2.0-or-later", "GNU General Public License v2.0 or later"),
    SPDX("GPL-3.0-only", "GNU General Public License v3.0 only"),
    SPDX("GPL-3.0-or-later", "GNU General Public License v3.0 or later"),
    SPDX("LGPL-3.0-only", "GNU Lesser General Public License v3.0 only"),
    SPDX("LGPL-3.0-or-later", "GNU Lesser General Public License v3.0 or later"),
    SPDX("AGPL-3.0-only", "GNU Affero General Public License v3.0"),
    SPDX("AGPL-3.0-or-later", "GNU Affero General Public License v3.0 or later"),
};
#define LICENSE_COUNT (sizeof(licenses) / sizeof(licenses[0]))

const kg_license *kg_license_find(const char *spdx_id)
{
	for (size_t i = 0; spdx_id && i < LICENSE_COUNT; i++)
		if (!strcmp(licenses[i].id, spdx_id))
			return &licenses[i];
	return NULL;
}

/* The known identifier a writer most likely meant: the same one in other
 * case or with spaces ("cc by 4.0"), else the closest within 3 edits. */
static const char *closest_license(const char *written)
{
	kg_buf norm = KG_BUF_INIT;
	for (const char *p = written; *p; p++)
		kg_buf_putc(&norm, *p == ' ' || *p == '_' ? '-' : *p);
	const char *hint = NULL;
	for (size_t i = 0; !hint && i < LICENSE_COUNT; i++)
		if (!strcasecmp(licenses[i].id, norm.data))
			hint = licenses[i].id;
	if (!hint) {
		const char *ids[LICENSE_COUNT + 1];
		for (size_t i = 0; i < LICENSE_COUNT; i++)
			ids[i] = licenses[i].id;
		ids[LICENSE_COUNT] = NULL;
		hint = kg_suggest_word(norm.data, norm.len, ids, 3);
	}
	kg_buf_release(&norm);
	return hint;
}

int config_check_license(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	kg_config *cfg = target;
	if (kg_license_find(cfg->license))
		return 0;
	const char *hint = closest_license(cfg->license);
	if (hint)
		kg_error(diags, file, node->line, node->col,
		         "'%s' is not an SPDX license identifier kitgen knows; did you mean '%s'?",
		         cfg->license, hint);
	else
		kg_error(diags, file, node->line, node->col,
		         "'%s' is not an SPDX license identifier kitgen knows (examples: 'CC-BY-4.0', "
		         "'CC-BY-SA-4.0', 'CC0-1.0')",
		         cfg->license);
	free(cfg->license);
	cfg->license = NULL;
	return -1;
}

/* "#1b3a5c" (or "#fff") as 0xRRGGBB; -1 when it is not such a colour. */
static long parse_color(const char *s)
{
	size_t n = strlen(s);
	if (s[0] != '#' || (n != 7 && n != 4))
		return -1;
	for (size_t i = 1; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return -1;
	long v = strtol(s + 1, NULL, 16);
	if (n == 4) /* #abc is #aabbcc */
		v = ((v >> 8 & 0xF) * 0x11) << 16 | ((v >> 4 & 0xF) * 0x11) << 8 | (v & 0xF) * 0x11;
	return v;
}

/* WCAG's relative luminance of 0xRRGGBB. */
static double luminance(unsigned rgb)
{
	double c[3];
	for (int i = 0; i < 3; i++) {
		double v = (double)(rgb >> (16 - 8 * i) & 0xFF) / 255.0;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

double kg_colors_contrast(unsigned a, unsigned b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

int config_read_colors(void *target, const kg_yaml *node, const char *file, kg_diags *diags)
{
	kg_config *cfg = target;
	static const char *const keys[] = {"background", "text", "accent", NULL};
	unsigned *slots[] = {&cfg->colors.background, &cfg->colors.text, &cfg->colors.accent};
	if (node->kind != KG_YAML_MAP) {
		kg_error(diags, file, node->line, node->col,
		         "'colors' must be a map: background, text, accent (as \"#rrggbb\")");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < node->count; i++) {
		const kg_yaml *item = node->items[i];
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], item->key))
			k++;
		if (!keys[k]) {
			const char *hint = kg_closest_word(item->key, keys);
			kg_error(diags, file, item->key_line, item->key_col,
			         "unknown key '%s' in colors%s%s%s", item->key,
			         hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
			rc = -1;
			continue;
		}
		char *value = NULL;
		if (kg_yaml_string(item, keys[k], file, &value, diags) < 0) {
			rc = -1;
			continue;
		}
		long color = parse_color(value);
		if (color < 0) {
			kg_error(diags, file, item->line, item->col,
			         "'%s' is not a colour; write it as \"#rrggbb\" (for example \"#1b3a5c\")",
			         value);
			rc = -1;
		} else {
			*slots[k] = (unsigned)color;
		}
		free(value);
	}
	/* The title is read from a phone's preview at a glance: WCAG AA's
	 * contrast for text at least. */
	double contrast = kg_colors_contrast(cfg->colors.text, cfg->colors.background);
	if (rc == 0 && contrast < 4.5)
		kg_warning(diags, file, node->line, node->col,
		           "the colours' text and background have a contrast of %.1f:1; share images need at "
		           "least 4.5:1 to be readable",
		           contrast);
	return rc;
}
