/* catalog_internal.h: what the catalog module's files share but the rest of
 * kitgen does not see: the kg_catalog struct, entry ownership helpers and
 * the UTF-8 decoding used by the reader, the writer and merge. A catalog
 * owns its entries and their strings (see catalog.h).
 */
#ifndef KITGEN_CATALOG_INTERNAL_H
#define KITGEN_CATALOG_INTERNAL_H

#include "kitgen/catalog/catalog.h"

#include <stddef.h>
#include <stdint.h>

struct kg_catalog {
	kg_po_entry *header;   /* owned; NULL until read or asked for */
	kg_po_entry **entries; /* owned, file order, header excluded */
	size_t count;
	size_t cap;
	/* Open-addressing index on (msgctxt, msgid): slot holds entry index + 1,
	 * 0 is empty. Kept at most half full. Obsolete entries are indexed too;
	 * kg_catalog_find() skips them, so flipping e->obsolete needs no rehash. */
	size_t *slots;
	size_t slot_count; /* power of two, or 0 */
};

/* Frees an entry made by kg_po_entry_new() and everything it owns. */
void kg_po_entry_free(kg_po_entry *e);
/* A new zeroed entry; caller owns it until it is adopted (or frees it
 * with kg_po_entry_free()). */
kg_po_entry *kg_po_entry_new(void);
/* Appends e (the catalog takes ownership) and indexes it. */
void kg_catalog_adopt(kg_catalog *cat, kg_po_entry *e);
/* Rebuilds the index after entries were reordered or replaced. */
void kg_catalog_reindex(kg_catalog *cat);
/* Like kg_catalog_find() but obsolete entries match only when obsolete is
 * set, non-obsolete ones only when it is not. Borrowed from cat. */
kg_po_entry *kg_catalog_find_state(const kg_catalog *cat, const char *msgctxt, const char *msgid,
                                   int obsolete);
/* The same, as an index into cat->entries, or (size_t)-1. */
size_t kg_catalog_find_index(const kg_catalog *cat, const char *msgctxt, const char *msgid, int obsolete);
/* Appends a copy of s to a NULL-free string vector of *cap slots. */
void kg_strv_push(char ***v, size_t *count, size_t *cap, const char *s);
/* Frees the strings and the vector. */
void kg_strv_free(char **v, size_t count);

/* Decodes one UTF-8 sequence at s (n bytes available). Returns its length
 * (1..4) and the code point, or 0 when the bytes are not valid UTF-8
 * (overlong, surrogate, truncated or out of range). */
size_t kg_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

#endif
