/* memory.c: the translation memory of `kitgen update` (memory.h): an
 * in-memory catalog of every translated entry of a language's pages, keyed
 * by (msgctxt, msgid) with kg_catalog's own index, the origin kept as the
 * entry's reference. Owns that catalog; borrows the ones it reads and
 * fills. */
#include "kitgen/catalog/memory.h"

#include "kitgen/base/alloc.h"

#include <stdlib.h>
#include <string.h>

struct kg_memory {
	kg_catalog *entries; /* one per English; references[0]: the origin */
};

kg_memory *kg_memory_new(void)
{
	kg_memory *m = kg_calloc(1, sizeof(*m));
	m->entries = kg_catalog_new();
	return m;
}

void kg_memory_free(kg_memory *m)
{
	if (!m)
		return;
	kg_catalog_free(m->entries);
	free(m);
}

static int same(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

void kg_memory_add(kg_memory *m, const kg_catalog *cat, const char *origin)
{
	for (size_t i = 0; cat && i < kg_catalog_count(cat); i++) {
		const kg_po_entry *e = kg_catalog_at(cat, i);
		if (!e->msgid[0] || !kg_po_entry_is_translated(e) ||
		    kg_catalog_find(m->entries, e->msgctxt, e->msgid))
			continue;
		kg_po_entry *r = kg_catalog_add(m->entries, e->msgctxt, e->msgid, e->msgid_plural);
		for (size_t k = 0; k < e->msgstr_count; k++)
			kg_po_entry_set_msgstr(r, k, e->msgstr[k]);
		kg_po_entry_add_reference(r, origin);
	}
}

static int untranslated_or_fuzzy(const kg_po_entry *e)
{
	if (kg_po_entry_has_flag(e, "fuzzy"))
		return 1;
	for (size_t k = 0; k < e->msgstr_count; k++)
		if (e->msgstr[k][0])
			return 0;
	return 1;
}

static void drop(char **p)
{
	free(*p);
	*p = NULL;
}

size_t kg_memory_fill(const kg_memory *m, kg_catalog *po, const char *origin, const kg_catalog *before)
{
	size_t filled = 0;
	for (size_t i = 0; i < kg_catalog_count(po); i++) {
		kg_po_entry *e = kg_catalog_at(po, i);
		if (e->obsolete || !e->msgid[0] || !untranslated_or_fuzzy(e))
			continue;
		if (before && kg_catalog_find(before, e->msgctxt, e->msgid))
			continue; /* not new: a translator has seen it as it is */
		const kg_po_entry *t = kg_catalog_find(m->entries, e->msgctxt, e->msgid);
		if (!t || !same(t->msgid_plural, e->msgid_plural) || t->msgstr_count != e->msgstr_count ||
		    !strcmp(t->references[0], origin))
			continue;
		for (size_t k = 0; k < t->msgstr_count; k++)
			kg_po_entry_set_msgstr(e, k, t->msgstr[k]);
		kg_po_entry_set_flag(e, "fuzzy", 1);
		drop(&e->prev_msgctxt); /* the guess msgmerge made from another English is gone */
		drop(&e->prev_msgid);
		drop(&e->prev_msgid_plural);
		kg_buf comment = KG_BUF_INIT;
		if (e->translator_comments)
			kg_buf_printf(&comment, "%s\n", e->translator_comments);
		kg_buf_printf(&comment, KG_MEMORY_COMMENT "%s", t->references[0]);
		free(e->translator_comments);
		e->translator_comments = kg_buf_detach(&comment, NULL);
		filled++;
	}
	return filled;
}
