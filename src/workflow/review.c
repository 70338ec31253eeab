/* review.c: `kitgen review`'s work — the named pages of one language
 * checked (every unit translated, none fuzzy, none refused by the safety
 * checks: the build's own measure, through kg_status_compute) and their
 * review records written to locales/<lang>/REVIEWS, all or none.
 * Owns the status, catalogs and records it loads for one call. */
#include "kitgen/workflow/review.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/utf8.h"
#include "kitgen/build/build.h"
#include "kitgen/catalog/review.h"

#include <stdlib.h>
#include <string.h>

/* The page of status language sl that the user's name arg means, or NULL. */
static const kg_status_page *find_page(const kg_status *st, const kg_status_lang *sl, const char *arg)
{
	kg_buf want = KG_BUF_INIT;
	const char *a = arg;
	while (a[0] == '.' && a[1] == '/')
		a += 2;
	size_t len = strlen(a);
	while (len && a[len - 1] == '/')
		len--;
	kg_buf_add(&want, a, len);
	const kg_status_page *found = NULL;
	for (size_t p = 0; !found && p < st->page_count; p++) {
		const kg_status_page *sp = &sl->pages[p];
		const char *rel = sp->source_path + strlen("content/"); /* "a/b.md" */
		size_t stem = strlen(rel) - 3;
		if (!strcmp(want.data, sp->source_path) || !strcmp(want.data, rel) ||
		    !strcmp(want.data, sp->catalog) || (want.len == stem && !strncmp(want.data, rel, stem)))
			found = sp;
		/* A section's or the home page's folder: "a" for a/_index.md, "" for _index.md. */
		if (!found && stem >= 6 && !strcmp(rel + stem - 6, "_index")) {
			size_t dir = stem > 6 ? stem - 7 : 0;
			if (want.len == dir && !strncmp(want.data, rel, dir))
				found = sp;
		}
	}
	kg_buf_release(&want);
	return found;
}

/* A short quote of a msgid for a diagnostic: its first line, at most 50
 * bytes, cut on a character boundary. */
static void quote(const char *text, kg_buf *out)
{
	size_t n = strcspn(text, "\n");
	int cut = n > 50;
	if (cut)
		n = 50;
	n = kg_utf8_valid_prefix(text, n);
	kg_buf_putc(out, '\'');
	kg_buf_add(out, text, n);
	kg_buf_puts(out, cut || text[n] ? "...'" : "'");
}

/* Adds an error for every unit of the page that keeps a review from being
 * recorded; returns how many. status_diags: what measuring the kit said
 * (the safety checks' refusals are warnings there, at their line). */
static size_t check_page(const char *kit_dir, const kg_status_page *sp, const kg_diags *status_diags,
                         kg_diags *diags)
{
	size_t problems = 0;
	kg_buf path = KG_BUF_INIT, q = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/%s", kit_dir, sp->catalog);
	kg_catalog *po = NULL;
	kg_diags quiet;
	kg_diags_init(&quiet);
	if (kg_po_read_file(&po, path.data, sp->catalog, &quiet) < 0) {
		kg_error(diags, sp->catalog, 0, 0,
		         "no catalog to review (run kitgen update, then translate it)");
		problems++;
		goto out;
	}
	for (size_t i = 0; i < kg_catalog_count(po); i++) {
		const kg_po_entry *e = kg_catalog_at(po, i);
		if (e->obsolete || !e->msgid[0] || kg_po_entry_is_translated(e))
			continue;
		kg_buf_reset(&q);
		quote(e->msgid, &q);
		kg_error(diags, sp->catalog, e->line, 1, "%s %s: a review needs every unit translated",
		         kg_po_entry_has_flag(e, "fuzzy") ? "fuzzy" : "untranslated", q.data);
		problems++;
	}
	for (size_t i = 0; i < status_diags->count; i++) {
		const kg_diag *d = &status_diags->items[i];
		if (d->severity != KG_WARNING || !d->file || strcmp(d->file, sp->catalog))
			continue;
		kg_error(diags, d->file, d->line, d->col,
		         "refused (%s): a review needs every unit to pass the checks", d->message);
		problems++;
	}
	const kg_coverage *c = &sp->coverage;
	if (!problems && (c->untranslated || c->fuzzy || c->refused)) {
		/* Units of the English page that are not in the catalog yet. */
		kg_error(diags, sp->catalog, 1, 1,
		         "%zu %s of the English page %s not in the catalog: run kitgen update and translate "
		         "them first",
		         c->untranslated + c->fuzzy + c->refused,
		         c->untranslated + c->fuzzy + c->refused == 1 ? "unit" : "units",
		         c->untranslated + c->fuzzy + c->refused == 1 ? "is" : "are");
		problems++;
	}
out:
	kg_catalog_free(po);
	kg_diags_release(&quiet);
	kg_buf_release(&path);
	kg_buf_release(&q);
	return problems;
}

int kg_review_record(const kg_review_request *req, kg_diags *diags)
{
	int rc = -1;
	kg_status st;
	kg_diags status_diags;
	kg_diags_init(&status_diags);
	kg_reviews reviews;
	kg_reviews_init(&reviews);
	kg_buf rel = KG_BUF_INIT, path = KG_BUF_INIT, text = KG_BUF_INIT;
	const kg_status_page **pages = kg_calloc(req->page_count ? req->page_count : 1, sizeof(*pages));
	if (!kg_review_field_ok(req->reviewer)) {
		kg_error(diags, NULL, 0, 0, "--by must name the reviewer, without tabs or line breaks");
		memset(&st, 0, sizeof(st));
		goto out;
	}
	if (req->note && req->note[0] && !kg_review_field_ok(req->note)) {
		kg_error(diags, NULL, 0, 0, "--note must be one line without tabs");
		memset(&st, 0, sizeof(st));
		goto out;
	}
	if (kg_status_compute(&st, req->kit_dir, 0, &status_diags) < 0) {
		for (size_t i = 0; i < status_diags.count; i++) {
			const kg_diag *d = &status_diags.items[i];
			if (d->severity == KG_ERROR)
				kg_error(diags, d->file, d->line, d->col, "%s", d->message);
		}
		goto out;
	}
	const kg_status_lang *sl = NULL;
	for (size_t l = 0; l < st.lang_count; l++)
		if (!strcmp(st.langs[l].lang->tag, req->lang))
			sl = &st.langs[l];
	if (!sl || sl->is_source) {
		kg_error(diags, "kit.yaml", 0, 0, "'%s' is not a translated language of the kit", req->lang);
		goto out;
	}
	size_t problems = 0;
	for (size_t i = 0; i < req->page_count; i++) {
		pages[i] = find_page(&st, sl, req->pages[i]);
		if (!pages[i]) {
			kg_error(diags, NULL, 0, 0,
			         "'%s' is not a page of the kit (name it as content/<path>.md)",
			         req->pages[i]);
			problems++;
			continue;
		}
		problems += check_page(req->kit_dir, pages[i], &status_diags, diags);
	}
	if (problems)
		goto out;
	kg_buf_printf(&rel, "locales/%s/%s", req->lang, KG_REVIEWS_FILE);
	kg_buf_printf(&path, "%s/%s", req->kit_dir, rel.data);
	kg_diags read_diags; /* a malformed old record is replaced or kept as it was */
	kg_diags_init(&read_diags);
	int read_rc = kg_reviews_read_file(&reviews, path.data, rel.data, &read_diags);
	kg_diags_release(&read_diags);
	if (read_rc < 0) {
		kg_error(diags, rel.data, 0, 0, "cannot read the review records");
		goto out;
	}
	size_t skip = strlen("locales/") + strlen(req->lang) + 1;
	for (size_t i = 0; i < req->page_count; i++) {
		kg_buf po_path = KG_BUF_INIT;
		kg_buf_printf(&po_path, "%s/%s", req->kit_dir, pages[i]->catalog);
		kg_catalog *po = NULL;
		if (kg_po_read_file(&po, po_path.data, pages[i]->catalog, diags) < 0) {
			kg_buf_release(&po_path);
			goto out;
		}
		unsigned char hash[KG_REVIEW_HASH_SIZE];
		kg_review_hash(po, hash);
		kg_catalog_free(po);
		kg_buf_release(&po_path);
		const char *catalog = pages[i]->catalog;
		char *stem = kg_strndup(catalog + skip, strlen(catalog) - skip - 3); /* without ".po" */
		kg_reviews_set(&reviews, stem, req->date, req->reviewer, req->note, hash);
		free(stem);
	}
	kg_reviews_write(&reviews, &text);
	rc = kg_catalog_write_bytes(path.data, &text, diags);
out:
	kg_status_release(&st);
	kg_diags_release(&status_diags);
	kg_reviews_release(&reviews);
	free(pages);
	kg_buf_release(&rel);
	kg_buf_release(&path);
	kg_buf_release(&text);
	return rc;
}
