/* glossary_source.c: glossary.yaml read into the glossary's POT, and the
 * check that each term occurs in the kit's English (glossary_source.h).
 * Owns the YAML tree for one call; the POT goes to the caller. */
#include "kitgen/workflow/glossary_source.h"

#include "kitgen/base/alloc.h"
#include "kitgen/i18n/glossary.h"
#include "kitgen/kit/yaml.h"
#include "kitgen/locale/locale.h"
#include "kitgen/workflow/extract.h"

#include <stdlib.h>
#include <string.h>

static const char *const term_keys[] = {"term", "note", "case_sensitive", NULL};

/* Reads one item of terms: into *term, *note, *case_sensitive; 0 or -1. */
static int read_item(const kg_yaml *item, char **term, char **note, int *case_sensitive, kg_diags *diags)
{
	if (item->kind == KG_YAML_SCALAR)
		return kg_yaml_string(item, "a glossary term", KG_GLOSSARY_SOURCE, term, diags);
	if (item->kind != KG_YAML_MAP) {
		kg_error(diags, KG_GLOSSARY_SOURCE, item->line, item->col,
		         "a glossary term is a string or a map with 'term'");
		return -1;
	}
	for (size_t k = 0; k < item->count; k++) {
		const kg_yaml *v = item->items[k];
		size_t i = 0;
		while (term_keys[i] && strcmp(term_keys[i], v->key))
			i++;
		if (!term_keys[i]) {
			const char *hint = kg_closest_word(v->key, term_keys);
			kg_warning(diags, KG_GLOSSARY_SOURCE, v->key_line, v->key_col,
			           "unknown key '%s'%s%s%s", v->key, hint ? " (did you mean '" : "",
			           hint ? hint : "", hint ? "'?)" : "");
		}
	}
	const kg_yaml *t = kg_yaml_get(item, "term"), *n = kg_yaml_get(item, "note"),
	              *c = kg_yaml_get(item, "case_sensitive");
	if (!t) {
		kg_error(diags, KG_GLOSSARY_SOURCE, item->line, item->col, "a glossary entry needs 'term'");
		return -1;
	}
	if (kg_yaml_string(t, "term", KG_GLOSSARY_SOURCE, term, diags) < 0 ||
	    (n && kg_yaml_string(n, "note", KG_GLOSSARY_SOURCE, note, diags) < 0) ||
	    (c && kg_yaml_bool(c, "case_sensitive", KG_GLOSSARY_SOURCE, case_sensitive, diags) < 0))
		return -1;
	return 0;
}

int kg_glossary_source_read(const char *kit_dir, const char *kit_title, kg_catalog **out, kg_diags *diags)
{
	*out = NULL;
	kg_buf path = KG_BUF_INIT, text = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/%s", kit_dir, KG_GLOSSARY_SOURCE);
	int rc = 0;
	kg_yaml *root = NULL;
	if (kg_buf_read_file(&text, path.data) < 0)
		goto out; /* no glossary */
	rc = -1;
	root = kg_yaml_parse(text.data, text.len, KG_GLOSSARY_SOURCE, 1, diags);
	if (!root)
		goto out;
	const kg_yaml *terms = root->kind == KG_YAML_MAP ? kg_yaml_get(root, "terms") : NULL;
	if (!terms || terms->kind != KG_YAML_SEQ) {
		kg_error(diags, KG_GLOSSARY_SOURCE, 1, 1, "the glossary needs 'terms:', a list of terms");
		goto out;
	}
	kg_catalog *pot = kg_catalog_new();
	kg_extract_pot_header(pot, kit_title);
	rc = 0;
	kg_buf ref = KG_BUF_INIT, folded = KG_BUF_INIT;
	for (size_t i = 0; i < terms->count; i++) {
		const kg_yaml *item = terms->items[i];
		char *term = NULL, *note = NULL;
		int case_sensitive = 0;
		if (read_item(item, &term, &note, &case_sensitive, diags) < 0) {
			rc = -1;
		} else if (!term[0]) {
			kg_error(diags, KG_GLOSSARY_SOURCE, item->line, item->col, "an empty glossary term");
			rc = -1;
		} else {
			int duplicate = 0;
			kg_buf_reset(&folded);
			kg_locale_search_fold(term, strlen(term), 0, &folded);
			for (size_t e = 0; !duplicate && e < kg_catalog_count(pot); e++) {
				kg_buf other = KG_BUF_INIT;
				kg_locale_search_fold(kg_catalog_at(pot, e)->msgid,
				                      strlen(kg_catalog_at(pot, e)->msgid), 0, &other);
				duplicate = !strcmp(other.data, folded.data);
				kg_buf_release(&other);
			}
			if (duplicate) {
				kg_warning(diags, KG_GLOSSARY_SOURCE, item->line, item->col,
				           "the term '%s' is in the glossary twice: this one is left out",
				           term);
			} else {
				kg_po_entry *e = kg_catalog_add(pot, NULL, term, NULL);
				kg_buf comment = KG_BUF_INIT;
				if (note && note[0])
					kg_buf_puts(&comment, note);
				if (case_sensitive)
					kg_buf_printf(&comment, "%s%s", comment.len ? "\n" : "",
					              KG_GLOSSARY_CASE_SENSITIVE);
				if (comment.len)
					e->extracted_comments = kg_buf_detach(&comment, NULL);
				kg_buf_release(&comment);
				kg_buf_reset(&ref);
				kg_buf_printf(&ref, "%s:%d", KG_GLOSSARY_SOURCE, item->line);
				kg_po_entry_add_reference(e, ref.data);
			}
		}
		free(term);
		free(note);
	}
	kg_buf_release(&ref);
	kg_buf_release(&folded);
	*out = pot;
out:
	kg_yaml_free(root);
	kg_buf_release(&path);
	kg_buf_release(&text);
	return rc;
}

void kg_glossary_source_check_used(const kg_catalog *pot, const char *const *english, size_t count,
                                   kg_diags *diags)
{
	/* The POT as a glossary with nothing enforced: only its words. */
	kg_diags quiet;
	kg_diags_init(&quiet);
	kg_buf text = KG_BUF_INIT;
	kg_po_write(pot, &text);
	kg_catalog *copy = NULL;
	if (kg_po_read_mem(&copy, text.data, text.len, KG_GLOSSARY_SOURCE, &quiet) < 0)
		goto out;
	kg_glossary g;
	kg_glossary_init(&g);
	kg_glossary_from_catalog(&g, copy, KG_GLOSSARY_SOURCE, &quiet);
	for (size_t t = 0; t < g.count; t++) {
		int used = 0;
		for (size_t u = 0; !used && u < count; u++)
			used = kg_glossary_term_in(&g.terms[t], english[u]);
		if (used)
			continue;
		const kg_po_entry *e = kg_catalog_find(pot, NULL, g.terms[t].source);
		int line = e && e->reference_count ? atoi(strchr(e->references[0], ':') + 1) : 0;
		kg_warning(diags, KG_GLOSSARY_SOURCE, line, 0, "the term '%s' is in no page's English",
		           g.terms[t].source);
	}
	kg_glossary_release(&g);
out:
	kg_diags_release(&quiet);
	kg_buf_release(&text);
}
