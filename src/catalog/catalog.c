/* catalog.c: the in-memory PO catalog: entries in file order, the hash index
 * on (msgctxt, msgid), header field helpers and per-entry helpers.
 * The catalog owns its entries and every string in them; lookups return
 * borrowed pointers valid until the catalog changes or is freed.
 */
#include "catalog/catalog_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/array.h"

#include <stdlib.h>
#include <string.h>

kg_po_entry *kg_po_entry_new(void) { return kg_calloc(1, sizeof(kg_po_entry)); }

void kg_strv_push(char ***v, size_t *count, size_t *cap, const char *s)
{
	kg_array_grow(*v, *cap, *count + 1);
	(*v)[(*count)++] = kg_strdup(s);
}

void kg_strv_free(char **v, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(v[i]);
	free(v);
}

void kg_po_entry_free(kg_po_entry *e)
{
	if (!e)
		return;
	free(e->msgctxt);
	free(e->msgid);
	free(e->msgid_plural);
	kg_strv_free(e->msgstr, e->msgstr_count);
	free(e->translator_comments);
	free(e->extracted_comments);
	kg_strv_free(e->references, e->reference_count);
	kg_strv_free(e->flags, e->flag_count);
	free(e->prev_msgctxt);
	free(e->prev_msgid);
	free(e->prev_msgid_plural);
	free(e);
}

kg_catalog *kg_catalog_new(void) { return kg_calloc(1, sizeof(kg_catalog)); }

void kg_catalog_free(kg_catalog *cat)
{
	if (!cat)
		return;
	kg_po_entry_free(cat->header);
	for (size_t i = 0; i < cat->count; i++)
		kg_po_entry_free(cat->entries[i]);
	free(cat->entries);
	free(cat->slots);
	free(cat);
}

/* msgid's hash, seeded by whether there is a context, mixed with the
 * context's: a NULL context and an empty one must hash differently
 * (gettext keeps them apart: "msgctxt \"\"" is a real context). kg_hash64
 * reads eight bytes at a step; FNV-1a's byte-at-a-time multiply over every
 * msgid (a whole paragraph) was 2.5 % of an HTML build, in reading each
 * catalog (insert) and finding each unit (lookup). */
static size_t entry_hash(const char *msgctxt, const char *msgid)
{
	uint64_t h = kg_hash64(msgid, strlen(msgid), msgctxt ? 0x63747874u : 0xffu);
	if (msgctxt)
		h ^= kg_hash64(msgctxt, strlen(msgctxt), 0x04u) * 0x9E3779B97F4A7C15ull;
	return (size_t)(h ^ (h >> 29));
}

static int same_key(const kg_po_entry *e, const char *msgctxt, const char *msgid)
{
	if ((e->msgctxt == NULL) != (msgctxt == NULL))
		return 0;
	if (msgctxt && strcmp(e->msgctxt, msgctxt) != 0)
		return 0;
	return strcmp(e->msgid, msgid) == 0;
}

static void index_insert(kg_catalog *cat, size_t i)
{
	const kg_po_entry *e = cat->entries[i];
	size_t mask = cat->slot_count - 1;
	size_t s = entry_hash(e->msgctxt, e->msgid) & mask;
	while (cat->slots[s])
		s = (s + 1) & mask;
	cat->slots[s] = i + 1;
}

void kg_catalog_reindex(kg_catalog *cat)
{
	size_t want = 16;
	while (want < cat->count * 2 + 2)
		want *= 2;
	free(cat->slots);
	cat->slots = kg_calloc(want, sizeof(*cat->slots));
	cat->slot_count = want;
	for (size_t i = 0; i < cat->count; i++)
		index_insert(cat, i);
}

void kg_catalog_adopt(kg_catalog *cat, kg_po_entry *e)
{
	kg_array_grow(cat->entries, cat->cap, cat->count + 1);
	cat->entries[cat->count++] = e;
	if ((cat->count + 1) * 2 > cat->slot_count)
		kg_catalog_reindex(cat);
	else
		index_insert(cat, cat->count - 1);
}

size_t kg_catalog_find_index(const kg_catalog *cat, const char *msgctxt, const char *msgid, int obsolete)
{
	if (!cat->slot_count || !msgid)
		return (size_t)-1;
	size_t mask = cat->slot_count - 1;
	size_t s = entry_hash(msgctxt, msgid) & mask;
	for (; cat->slots[s]; s = (s + 1) & mask) {
		const kg_po_entry *e = cat->entries[cat->slots[s] - 1];
		if (!e->obsolete == !obsolete && same_key(e, msgctxt, msgid))
			return cat->slots[s] - 1;
	}
	return (size_t)-1;
}

kg_po_entry *kg_catalog_find_state(const kg_catalog *cat, const char *msgctxt, const char *msgid,
                                   int obsolete)
{
	size_t i = kg_catalog_find_index(cat, msgctxt, msgid, obsolete);
	return i == (size_t)-1 ? NULL : cat->entries[i];
}

kg_po_entry *kg_catalog_find(const kg_catalog *cat, const char *msgctxt, const char *msgid)
{
	return kg_catalog_find_state(cat, msgctxt, msgid, 0);
}

size_t kg_catalog_count(const kg_catalog *cat) { return cat->count; }

kg_po_entry *kg_catalog_at(const kg_catalog *cat, size_t i)
{
	return i < cat->count ? cat->entries[i] : NULL;
}

kg_po_entry *kg_catalog_add(kg_catalog *cat, const char *msgctxt, const char *msgid, const char *msgid_plural)
{
	kg_po_entry *e = kg_po_entry_new();
	e->msgctxt = kg_strdup(msgctxt);
	e->msgid = kg_strdup(msgid ? msgid : "");
	e->msgid_plural = kg_strdup(msgid_plural);
	kg_po_entry_set_msgstr(e, 0, "");
	if (msgid_plural)
		kg_po_entry_set_msgstr(e, 1, "");
	kg_catalog_adopt(cat, e);
	return e;
}

kg_po_entry *kg_catalog_header(kg_catalog *cat)
{
	if (!cat->header) {
		cat->header = kg_po_entry_new();
		cat->header->msgid = kg_strdup("");
		kg_po_entry_set_msgstr(cat->header, 0, "");
	}
	return cat->header;
}

/* Finds the line "field:" in a header text; returns its start or NULL. */
static const char *find_field_line(const char *text, const char *field)
{
	size_t flen = strlen(field);
	for (const char *line = text; *line;) {
		if (strncmp(line, field, flen) == 0 && line[flen] == ':')
			return line;
		const char *nl = strchr(line, '\n');
		if (!nl)
			break;
		line = nl + 1;
	}
	return NULL;
}

const char *kg_catalog_header_get(const kg_catalog *cat, const char *field, size_t *len)
{
	if (!cat->header || !cat->header->msgstr_count)
		return NULL;
	const char *line = find_field_line(cat->header->msgstr[0], field);
	if (!line)
		return NULL;
	const char *v = line + strlen(field) + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	const char *end = strchr(v, '\n');
	if (!end)
		end = v + strlen(v);
	if (len)
		*len = (size_t)(end - v);
	return v;
}

void kg_catalog_header_set(kg_catalog *cat, const char *field, const char *value)
{
	kg_po_entry *h = kg_catalog_header(cat);
	const char *text = h->msgstr[0];
	kg_buf out = KG_BUF_INIT;
	const char *line = find_field_line(text, field);
	if (line) {
		const char *end = strchr(line, '\n');
		end = end ? end + 1 : line + strlen(line);
		kg_buf_add(&out, text, (size_t)(line - text));
		kg_buf_printf(&out, "%s: %s\n", field, value);
		kg_buf_puts(&out, end);
	} else {
		kg_buf_puts(&out, text);
		if (out.len && out.data[out.len - 1] != '\n')
			kg_buf_putc(&out, '\n');
		kg_buf_printf(&out, "%s: %s\n", field, value);
	}
	free(h->msgstr[0]);
	h->msgstr[0] = kg_buf_detach(&out, NULL);
}

int kg_po_entry_has_flag(const kg_po_entry *e, const char *flag)
{
	for (size_t i = 0; i < e->flag_count; i++)
		if (strcmp(e->flags[i], flag) == 0)
			return 1;
	return 0;
}

void kg_po_entry_set_flag(kg_po_entry *e, const char *flag, int on)
{
	if (on) {
		if (!kg_po_entry_has_flag(e, flag))
			kg_strv_push(&e->flags, &e->flag_count, &e->flag_cap, flag);
		return;
	}
	size_t keep = 0;
	for (size_t i = 0; i < e->flag_count; i++) {
		if (strcmp(e->flags[i], flag) == 0)
			free(e->flags[i]);
		else
			e->flags[keep++] = e->flags[i];
	}
	e->flag_count = keep;
}

void kg_po_entry_add_reference(kg_po_entry *e, const char *ref)
{
	kg_strv_push(&e->references, &e->reference_count, &e->reference_cap, ref);
}

void kg_po_entry_set_msgstr(kg_po_entry *e, size_t index, const char *text)
{
	if (index >= e->msgstr_count) {
		kg_array_grow(e->msgstr, e->msgstr_cap, index + 1);
		for (size_t i = e->msgstr_count; i <= index; i++)
			e->msgstr[i] = kg_strdup("");
		e->msgstr_count = index + 1;
	}
	free(e->msgstr[index]);
	e->msgstr[index] = kg_strdup(text ? text : "");
}

int kg_po_entry_is_translated(const kg_po_entry *e)
{
	if (e->obsolete || kg_po_entry_has_flag(e, "fuzzy") || !e->msgstr_count)
		return 0;
	for (size_t i = 0; i < e->msgstr_count; i++)
		if (!e->msgstr[i][0])
			return 0;
	return 1;
}

size_t kg_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (!n)
		return 0;
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}
