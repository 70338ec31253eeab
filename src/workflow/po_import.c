/* po_import.c: `kitgen po import` (see po_import.h) — a whole-language PO
 * file matched entry by entry against every catalog of the language and
 * applied through workflow/import_catalogs.c, the XLIFF import's checks
 * and writer. Owns the kit, the PO it reads and the candidate list for
 * one call. */
#include "kitgen/workflow/po_import.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/kit/kit.h"
#include "workflow/distribute.h"
#include "workflow/import_catalogs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One catalog entry a PO entry stands for. */
typedef struct candidate {
	const char *original; /* the catalog's kit path, borrowed */
	kg_po_entry *entry;
} candidate;

typedef struct candidates {
	candidate *items;
	size_t count, cap;
} candidates;

static int same_text(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static int has_reference(const kg_po_entry *e, const char *ref)
{
	for (size_t i = 0; i < e->reference_count; i++)
		if (!strcmp(e->references[i], ref))
			return 1;
	return 0;
}

static int shares_reference(const kg_po_entry *a, const kg_po_entry *b)
{
	for (size_t i = 0; i < a->reference_count; i++)
		if (has_reference(b, a->references[i]))
			return 1;
	return 0;
}

/* Whether the PO entry can fill the catalog entry: the same English, and
 * the same plural English; or a singular entry for a plural one of a
 * one-form language (xliff2po turns each plural form into an entry). */
static int fits(const kg_po_entry *po, const kg_po_entry *e)
{
	if (e->obsolete || strcmp(po->msgid, e->msgid))
		return 0;
	if (po->msgid_plural || e->msgid_plural)
		return same_text(po->msgid_plural, e->msgid_plural) ||
		       (!po->msgid_plural && e->msgstr_count == 1);
	return 1;
}

/* Whether the context says nothing trustworthy: absent, empty, or made
 * of the entry's own references (xliff2po's context for duplicates is
 * "file:line", repeated when the same English occurs again there). */
static int context_is_loose(const kg_po_entry *po)
{
	const char *p = po->msgctxt;
	if (!p)
		return 1;
	while (*p) {
		size_t step = 0;
		for (size_t i = 0; i < po->reference_count && !step; i++) {
			size_t n = strlen(po->references[i]);
			if (n && !strncmp(p, po->references[i], n))
				step = n;
		}
		if (!step)
			return 0;
		p += step;
	}
	return 1;
}

/* Fills out with the entries po stands for. Returns 0, or the number of
 * distinct contexts among them when they are ambiguous. */
static size_t find_candidates(import_catalogs *ic, const kg_po_entry *po, int loose_contexts, candidates *out)
{
	out->count = 0;
	for (size_t c = 0; c < ic->count && !(loose_contexts && !po->msgctxt); c++) {
		kg_catalog *cat = ic->items[c].cat;
		for (size_t i = 0; cat && i < kg_catalog_count(cat); i++) {
			kg_po_entry *e = kg_catalog_at(cat, i);
			if (fits(po, e) && same_text(po->msgctxt, e->msgctxt))
				*(candidate *)kg_array_add(out) = (candidate){ic->items[c].original, e};
		}
	}
	if (out->count || !context_is_loose(po))
		return 0;
	for (size_t c = 0; c < ic->count; c++) {
		kg_catalog *cat = ic->items[c].cat;
		for (size_t i = 0; cat && i < kg_catalog_count(cat); i++) {
			kg_po_entry *e = kg_catalog_at(cat, i);
			if (fits(po, e))
				*(candidate *)kg_array_add(out) = (candidate){ic->items[c].original, e};
		}
	}
	/* References narrow the English down to where it was exported from. */
	size_t sharing = 0;
	for (size_t i = 0; i < out->count; i++)
		sharing += shares_reference(po, out->items[i].entry);
	if (sharing && sharing < out->count) {
		size_t kept = 0;
		for (size_t i = 0; i < out->count; i++)
			if (shares_reference(po, out->items[i].entry))
				out->items[kept++] = out->items[i];
		out->count = kept;
	}
	size_t contexts = 0;
	for (size_t i = 0; i < out->count; i++) {
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = same_text(out->items[j].entry->msgctxt, out->items[i].entry->msgctxt);
		contexts += !seen;
	}
	return contexts > 1 ? contexts : 0;
}

static int has_translation(const kg_po_entry *po)
{
	for (size_t k = 0; k < po->msgstr_count; k++)
		if (po->msgstr[k][0])
			return 1;
	return 0;
}

/* Whether applying po would change e (a form's text or the fuzzy flag). */
static int would_change(const kg_po_entry *po, const kg_po_entry *e)
{
	for (size_t k = 0; k < po->msgstr_count; k++)
		if (po->msgstr[k][0] && (k >= e->msgstr_count || strcmp(po->msgstr[k], e->msgstr[k])))
			return 1;
	return kg_po_entry_has_flag(po, "fuzzy") != kg_po_entry_has_flag(e, "fuzzy");
}

/* Checks every changed form against every candidate, and the unchanged
 * ones of a fuzzy candidate the entry would make translated (a fuzzy
 * translation often still holds the old English's number); on the first
 * refusal appends the reason to why and returns -1. */
static int check_all(import_catalogs *ic, const kg_po_entry *po, const candidates *cands, kg_buf *why)
{
	int finishing = !kg_po_entry_has_flag(po, "fuzzy");
	for (size_t i = 0; i < cands->count; i++) {
		const kg_po_entry *e = cands->items[i].entry;
		int recheck = finishing && kg_po_entry_has_flag(e, "fuzzy");
		for (size_t k = 0; k < po->msgstr_count; k++) {
			const char *text = po->msgstr[k];
			if (!text[0] || (k < e->msgstr_count && !strcmp(text, e->msgstr[k]) && !recheck))
				continue;
			if (k >= e->msgstr_count) {
				kg_buf_printf(why, "plural form %zu is beyond %s's last (nplurals=%zu)", k,
				              cands->items[i].original, e->msgstr_count);
				return -1;
			}
			if (import_catalogs_check(ic, cands->items[i].original, e, k, text, why) < 0) {
				kg_buf_puts(why, " (in ");
				kg_buf_puts(why, cands->items[i].original);
				kg_buf_putc(why, ')');
				return -1;
			}
		}
	}
	return 0;
}

static void import_entry(import_catalogs *ic, const kg_po_entry *po, const char *display, int loose_contexts,
                         candidates *cands, kg_xliff_counts *counts, kg_diags *diags)
{
	if (!has_translation(po))
		return; /* nothing to bring in; the catalogs keep what they have */
	size_t ambiguous = find_candidates(ic, po, loose_contexts, cands);
	int changes = 0;
	for (size_t i = 0; i < cands->count; i++)
		changes |= would_change(po, cands->items[i].entry);
	if (!cands->count) {
		kg_warning(diags, display, po->line, 0,
		           "entry kept out: source changed (no catalog of the language has this %sEnglish)",
		           po->msgctxt && !context_is_loose(po) ? "context and " : "");
		counts->kept_out++;
		return;
	}
	if (ambiguous && changes) {
		kg_warning(
		    diags, display, po->line, 0,
		    "entry kept out: ambiguous (%zu entries in %zu contexts have this English, and the "
		    "entry names none of them)",
		    cands->count, ambiguous);
		counts->kept_out++;
		return;
	}
	kg_buf why = KG_BUF_INIT;
	if (check_all(ic, po, cands, &why) < 0) {
		kg_warning(diags, display, po->line, 0, "entry kept out: translation refused: %s", why.data);
		counts->kept_out++;
		kg_buf_release(&why);
		return;
	}
	kg_buf_release(&why);
	int fuzzy = kg_po_entry_has_flag(po, "fuzzy");
	for (size_t i = 0; i < cands->count; i++) {
		kg_po_entry *e = cands->items[i].entry;
		if (!would_change(po, e)) {
			counts->unchanged++;
			continue;
		}
		for (size_t k = 0; k < po->msgstr_count && k < e->msgstr_count; k++)
			if (po->msgstr[k][0])
				kg_po_entry_set_msgstr(e, k, po->msgstr[k]);
		kg_po_entry_set_flag(e, "fuzzy", fuzzy);
		counts->updated++;
	}
}

void distribute_entries(import_catalogs *ic, const kg_catalog *whole, const char *display, int loose_contexts,
                        kg_xliff_counts *counts, kg_diags *diags)
{
	candidates cands = {0};
	for (size_t i = 0; i < kg_catalog_count(whole); i++) {
		const kg_po_entry *e = kg_catalog_at(whole, i);
		if (!e->obsolete)
			import_entry(ic, e, display, loose_contexts, &cands, counts, diags);
	}
	free(cands.items);
}

/* Language tags compare case-blind, with '_' as '-' (PO headers say vi_VN). */
static int same_language(const char *a, const char *b, size_t blen)
{
	if (strlen(a) != blen)
		return 0;
	for (size_t i = 0; i < blen; i++) {
		char x = a[i] == '_' ? '-' : a[i], y = b[i] == '_' ? '-' : b[i];
		if (x != y && !((x | 0x20) == (y | 0x20) && (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
			return 0;
	}
	return 1;
}

int kg_po_import_kit(const char *kit_dir, const char *lang, const char *path, const char *display_path,
                     kg_xliff_counts *counts, kg_diags *diags)
{
	kg_kit kit;
	import_catalogs catalogs;
	kg_catalog *po = NULL;
	int rc = -1;
	memset(counts, 0, sizeof(*counts));
	memset(&kit, 0, sizeof(kit));
	import_catalogs_init(&catalogs, kit_dir, &kit, diags);
	if (kg_kit_load(&kit, kit_dir, diags) < 0)
		goto out;
	if (!kg_config_language(&kit.config, lang)) {
		kg_error(diags, "kit.yaml", 0, 0, "language '%s' is not configured in kit.yaml", lang);
		goto out;
	}
	if (!strcmp(lang, kit.config.source_language)) {
		kg_error(diags, "kit.yaml", 0, 0,
		         "'%s' is the source language; it has no catalogs to translate", lang);
		goto out;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		kg_error(diags, display_path, 0, 0, "cannot open: %s", strerror(errno));
		goto out;
	}
	if ((unsigned long long)st.st_size > KG_XLIFF_MAX_INPUT) { /* the bound XLIFF imports have */
		kg_error(diags, display_path, 0, 0, "file larger than %zu MiB; refused",
		         KG_XLIFF_MAX_INPUT >> 20);
		goto out;
	}
	if (kg_po_read_file(&po, path, display_path, diags) < 0)
		goto out;
	size_t len = 0;
	const char *language = kg_catalog_header_get(po, "Language", &len);
	if (language && len && !same_language(lang, language, len)) {
		kg_error(diags, display_path, 1, 0,
		         "the Language header says '%.*s', not '%s'; nothing imported", (int)len, language,
		         lang);
		goto out;
	}
	if (import_catalogs_load_language(&catalogs, lang) < 0)
		goto out;
	for (size_t i = 0; i < kg_catalog_count(po); i++)
		counts->units += !kg_catalog_at(po, i)->obsolete;
	distribute_entries(&catalogs, po, display_path, 0, counts, diags);
	rc = import_catalogs_write(&catalogs, &counts->written);
out:
	kg_catalog_free(po);
	import_catalogs_release(&catalogs);
	kg_kit_free(&kit);
	return rc;
}
