/* merge.c: kg_catalog_merge(), msgmerge --previous semantics in one pass.
 * Builds the new entry list from the template's order, copying what it
 * keeps from the old catalog, then frees the old entries. Fuzzy matching
 * scores 2*LCS/(len1+len2) on bytes (gettext's fstrcmp measure), pruned by
 * cheap upper bounds so only promising candidates pay the O(n*m) cost.
 */
#include "catalog/catalog_internal.h"

#include "kitgen/base/alloc.h"

#include <stdlib.h>
#include <string.h>

#define FUZZY_THRESHOLD 0.6
#define OTHER_CONTEXT_PENALTY 0.99 /* msgmerge prefers the same msgctxt */

static char **dup_strv(char **v, size_t count)
{
	if (!count)
		return NULL;
	char **copy = kg_malloc(count * sizeof(*copy));
	for (size_t i = 0; i < count; i++)
		copy[i] = kg_strdup(v[i]);
	return copy;
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

/* Longest common subsequence length with two rows of memory. */
static size_t lcs_length(const char *a, size_t n, const char *b, size_t m)
{
	if (!n || !m)
		return 0;
	size_t *prev = kg_calloc(m + 1, sizeof(size_t));
	size_t *row = kg_calloc(m + 1, sizeof(size_t));
	for (size_t i = 1; i <= n; i++) {
		row[0] = 0;
		for (size_t j = 1; j <= m; j++) {
			if (a[i - 1] == b[j - 1])
				row[j] = prev[j - 1] + 1;
			else
				row[j] = prev[j] > row[j - 1] ? prev[j] : row[j - 1];
		}
		size_t *t = prev;
		prev = row;
		row = t;
	}
	size_t r = prev[m];
	free(prev);
	free(row);
	return r;
}

struct candidate {
	kg_po_entry *e;
	size_t index; /* in the old entry list */
	size_t len;
	unsigned short histogram[256]; /* byte counts, saturating */
};

static void histogram_of(const char *s, size_t len, unsigned short *h)
{
	memset(h, 0, 256 * sizeof(*h));
	for (size_t i = 0; i < len; i++)
		if (h[(unsigned char)s[i]] < 0xffff)
			h[(unsigned char)s[i]]++;
}

/* The old entry most similar to (msgctxt, msgid), or NULL below threshold. */
static struct candidate *fuzzy_find(struct candidate *cands, size_t count, const char *msgctxt,
                                    const char *msgid)
{
	size_t len = strlen(msgid);
	unsigned short h[256];
	histogram_of(msgid, len, h);
	double best = FUZZY_THRESHOLD;
	struct candidate *found = NULL;
	for (size_t k = 0; k < count; k++) {
		struct candidate *c = &cands[k];
		double factor = same_str(msgctxt, c->e->msgctxt) ? 1.0 : OTHER_CONTEXT_PENALTY;
		size_t total = len + c->len;
		if (!total)
			continue;
		/* Bound 1: the LCS is at most the shorter length. */
		size_t shorter = len < c->len ? len : c->len;
		if (factor * 2.0 * (double)shorter / (double)total <= best)
			continue;
		/* Bound 2: at most the shared byte counts. */
		size_t shared = 0;
		for (int b = 0; b < 256; b++)
			shared += h[b] < c->histogram[b] ? h[b] : c->histogram[b];
		if (factor * 2.0 * (double)shared / (double)total <= best)
			continue;
		double score =
		    factor * 2.0 * (double)lcs_length(msgid, len, c->e->msgid, c->len) / (double)total;
		if (score > best) {
			best = score;
			found = c;
		}
	}
	return found;
}

/* Copies old's translation into r, reshaped to r's singular/plural form.
 * Returns 1 when the shapes differed (msgmerge then marks the entry fuzzy). */
static int copy_translation(kg_po_entry *r, const kg_po_entry *old, int nplurals)
{
	int reshaped = !r->msgid_plural != !old->msgid_plural;
	if (!reshaped) {
		r->msgstr = dup_strv(old->msgstr, old->msgstr_count);
		r->msgstr_count = r->msgstr_cap = old->msgstr_count;
		if (!r->msgstr_count)
			kg_po_entry_set_msgstr(r, 0, "");
		return 0;
	}
	kg_po_entry_set_msgstr(r, 0, old->msgstr_count ? old->msgstr[0] : "");
	if (r->msgid_plural)
		kg_po_entry_set_msgstr(r, (size_t)(nplurals > 1 ? nplurals - 1 : 0), "");
	return 1;
}

static void set_previous(kg_po_entry *r, const kg_po_entry *old)
{
	int keep_old_previous = kg_po_entry_has_flag(old, "fuzzy") && old->prev_msgid;
	r->prev_msgctxt = kg_strdup(keep_old_previous ? old->prev_msgctxt : old->msgctxt);
	r->prev_msgid = kg_strdup(keep_old_previous ? old->prev_msgid : old->msgid);
	r->prev_msgid_plural = kg_strdup(keep_old_previous ? old->prev_msgid_plural : old->msgid_plural);
}

/* A new entry shaped by the template entry t, translated from old (exact
 * or fuzzy match) or untranslated when old is NULL. */
static kg_po_entry *merged_entry(const kg_po_entry *t, const kg_po_entry *old, int exact, int nplurals)
{
	kg_po_entry *r = kg_po_entry_new();
	r->msgctxt = kg_strdup(t->msgctxt);
	r->msgid = kg_strdup(t->msgid);
	r->msgid_plural = kg_strdup(t->msgid_plural);
	r->extracted_comments = kg_strdup(t->extracted_comments);
	r->references = dup_strv(t->references, t->reference_count);
	r->reference_count = r->reference_cap = t->reference_count;
	for (size_t i = 0; i < t->flag_count; i++)
		if (strcmp(t->flags[i], "fuzzy") != 0)
			kg_po_entry_set_flag(r, t->flags[i], 1);
	r->line = t->line;
	if (!old) {
		kg_po_entry_set_msgstr(r, 0, "");
		if (t->msgid_plural)
			kg_po_entry_set_msgstr(r, (size_t)(nplurals > 1 ? nplurals - 1 : 0), "");
		return r;
	}
	r->translator_comments = kg_strdup(old->translator_comments);
	int reshaped = copy_translation(r, old, nplurals);
	int was_fuzzy = kg_po_entry_has_flag(old, "fuzzy");
	if (!exact || reshaped || was_fuzzy) {
		kg_po_entry_set_flag(r, "fuzzy", 1);
		/* Only fuzzy entries carry "#|"; an exact match keeps the previous
		 * fields it already had, a new fuzzy match records the old msgid. */
		if (exact && !reshaped) {
			r->prev_msgctxt = kg_strdup(old->prev_msgctxt);
			r->prev_msgid = kg_strdup(old->prev_msgid);
			r->prev_msgid_plural = kg_strdup(old->prev_msgid_plural);
		} else {
			set_previous(r, old);
		}
	}
	return r;
}

/* Turns an old entry nobody matched into an obsolete one; msgmerge drops
 * untranslated ones and the source positions of the rest. */
static kg_po_entry *obsoleted_entry(kg_po_entry *old)
{
	if (!old->obsolete) {
		if (!old->msgstr_count || !old->msgstr[0][0])
			return NULL;
		old->obsolete = 1;
		kg_strv_free(old->references, old->reference_count);
		old->references = NULL;
		old->reference_count = old->reference_cap = 0;
		free(old->extracted_comments);
		old->extracted_comments = NULL;
	}
	return old;
}

void kg_catalog_merge(kg_catalog *po, const kg_catalog *pot, int nplurals)
{
	size_t old_count = po->count;
	kg_po_entry **old = po->entries;
	unsigned char *used = kg_calloc(old_count + 1, 1);
	struct candidate *cands = kg_malloc((old_count + 1) * sizeof(*cands));
	size_t cand_count = 0;
	for (size_t i = 0; i < old_count; i++) {
		kg_po_entry *e = old[i];
		if (e->obsolete || !e->msgstr_count || !e->msgstr[0][0])
			continue; /* only live translations are fuzzy sources */
		cands[cand_count].e = e;
		cands[cand_count].index = i;
		cands[cand_count].len = strlen(e->msgid);
		histogram_of(e->msgid, cands[cand_count].len, cands[cand_count].histogram);
		cand_count++;
	}

	kg_po_entry **result = kg_malloc((pot->count + old_count + 1) * sizeof(*result));
	size_t n = 0;
	for (size_t i = 0; i < pot->count; i++) {
		const kg_po_entry *t = pot->entries[i];
		if (t->obsolete)
			continue;
		size_t k = kg_catalog_find_index(po, t->msgctxt, t->msgid, 0);
		if (k == (size_t)-1)
			k = kg_catalog_find_index(po, t->msgctxt, t->msgid, 1); /* revived */
		int exact = k != (size_t)-1;
		if (!exact) {
			struct candidate *c = fuzzy_find(cands, cand_count, t->msgctxt, t->msgid);
			k = c ? c->index : (size_t)-1;
		}
		kg_po_entry *match = k == (size_t)-1 ? NULL : old[k];
		if (match)
			used[k] = 1;
		result[n++] = merged_entry(t, match, exact, nplurals);
	}
	for (size_t i = 0; i < old_count; i++) {
		kg_po_entry *keep = used[i] ? NULL : obsoleted_entry(old[i]);
		if (keep)
			result[n++] = keep;
		else
			kg_po_entry_free(old[i]);
	}

	po->entries = result;
	po->count = n;
	po->cap = pot->count + old_count + 1;
	kg_catalog_reindex(po);
	free(old);
	free(used);
	free(cands);

	if (!po->header && pot->header) {
		kg_po_entry *h = kg_catalog_header(po);
		kg_po_entry_set_msgstr(h, 0, pot->header->msgstr_count ? pot->header->msgstr[0] : "");
		h->translator_comments = kg_strdup(pot->header->translator_comments);
		for (size_t i = 0; i < pot->header->flag_count; i++)
			kg_po_entry_set_flag(h, pot->header->flags[i], 1);
	} else {
		size_t len;
		const char *date = kg_catalog_header_get(pot, "POT-Creation-Date", &len);
		if (date && kg_catalog_header_get(po, "POT-Creation-Date", NULL)) {
			char *value = kg_strndup(date, len);
			kg_catalog_header_set(po, "POT-Creation-Date", value);
			free(value);
		}
	}
}
