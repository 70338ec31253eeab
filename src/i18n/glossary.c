/* glossary.c: a language's glossary (glossary.h) read from its catalog,
 * the English terms found in a unit with ICU's word boundaries, and the
 * check that a translation uses the approved terms and none to avoid.
 * Owns the glossary's catalog and the terms' word lists; borrows the
 * texts it checks. */
#define _GNU_SOURCE /* memmem */
#include "kitgen/i18n/glossary.h"

#include "kitgen/base/alloc.h"
#include "kitgen/i18n/localize.h"
#include "kitgen/locale/locale.h"

#include <stdlib.h>
#include <string.h>

void kg_glossary_init(kg_glossary *g) { memset(g, 0, sizeof(*g)); }

static void free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

void kg_glossary_release(kg_glossary *g)
{
	for (size_t i = 0; i < g->count; i++) {
		kg_glossary_term *t = &g->terms[i];
		free_list(t->also, t->also_count);
		free_list(t->avoid, t->avoid_count);
		free_list(t->words, t->word_count);
		free(t->definition);
	}
	free(g->terms);
	kg_catalog_free(g->catalog);
	free(g->display);
	memset(g, 0, sizeof(*g));
}

static void fold(const char *text, size_t len, kg_buf *out)
{
	kg_buf_reset(out);
	kg_locale_search_fold(text, len, 0, out);
}

typedef struct word_list {
	char **items;
	size_t count, cap;
	int case_sensitive;
} word_list;

static void add_word(void *ud, const char *word, size_t len, size_t offset)
{
	(void)offset;
	word_list *w = ud;
	kg_buf f = KG_BUF_INIT;
	if (w->case_sensitive)
		kg_buf_add(&f, word, len);
	else
		fold(word, len, &f);
	if (w->count == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4;
		w->items = kg_realloc(w->items, w->cap * sizeof(char *));
	}
	w->items[w->count++] = kg_buf_detach(&f, NULL);
}

/* The items of a "# also:" or "# avoid:" comment line: comma-separated,
 * each without a "(remark)" and surrounding quotes or spaces. */
static void comment_items(const char *comments, const char *label, char ***items, size_t *count)
{
	size_t label_len = strlen(label);
	for (const char *line = comments; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		while (len && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		if (len > label_len && !strncmp(line, label, label_len)) {
			const char *p = line + label_len, *stop = line + len;
			while (p < stop) {
				const char *comma = memchr(p, ',', (size_t)(stop - p));
				const char *item_end = comma ? comma : stop;
				const char *paren = memchr(p, '(', (size_t)(item_end - p));
				const char *e = paren ? paren : item_end;
				while (p < e && (*p == ' ' || *p == '"'))
					p++;
				while (e > p && (e[-1] == ' ' || e[-1] == '"'))
					e--;
				if (e > p) {
					*items = kg_realloc(*items, (*count + 1) * sizeof(char *));
					(*items)[(*count)++] = kg_strndup(p, (size_t)(e - p));
				}
				p = comma ? comma + 1 : stop;
			}
		}
		line = end ? end + 1 : line + len;
	}
}

void kg_glossary_from_catalog(kg_glossary *g, kg_catalog *catalog, const char *display, kg_diags *diags)
{
	g->catalog = catalog;
	g->display = kg_strdup(display);
	size_t n = kg_catalog_count(catalog);
	g->terms = kg_calloc(n ? n : 1, sizeof(*g->terms));
	kg_buf why = KG_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const kg_po_entry *e = kg_catalog_at(catalog, i);
		if (e->obsolete || !e->msgid[0])
			continue;
		kg_glossary_term *t = &g->terms[g->count++];
		t->source = e->msgid;
		t->line = e->line;
		t->case_sensitive = e->extracted_comments &&
		                    strstr(e->extracted_comments, KG_GLOSSARY_CASE_SENSITIVE) != NULL;
		if (e->extracted_comments) { /* the note, without the line saying how it matches */
			kg_buf note = KG_BUF_INIT;
			for (const char *line = e->extracted_comments; *line;) {
				size_t len = strcspn(line, "\n");
				if (strncmp(line, KG_GLOSSARY_CASE_SENSITIVE, len) ||
				    len != strlen(KG_GLOSSARY_CASE_SENSITIVE))
					kg_buf_printf(&note, "%s%.*s", note.len ? "\n" : "", (int)len, line);
				line += len + (line[len] == '\n');
			}
			t->definition = note.len ? kg_buf_detach(&note, NULL) : NULL;
			kg_buf_release(&note);
		}
		word_list w = {NULL, 0, 0, t->case_sensitive};
		kg_locale_words("en", e->msgid, strlen(e->msgid), add_word, &w);
		t->words = w.items;
		t->word_count = w.count;
		if (!kg_po_entry_is_translated(e))
			continue; /* untranslated or fuzzy: a proposal, not enforced */
		kg_buf_reset(&why);
		if (kg_check_translation(e->msgid, e->msgstr[0], 0, &why) < 0) {
			kg_warning(diags, display, e->line, 1,
			           "refused translation of the glossary term '%s': %s", e->msgid, why.data);
			continue;
		}
		t->approved = e->msgstr[0];
		comment_items(e->translator_comments, "also:", &t->also, &t->also_count);
		comment_items(e->translator_comments, "avoid:", &t->avoid, &t->avoid_count);
	}
	kg_buf_release(&why);
}

int kg_glossary_read(kg_glossary *g, const char *path, const char *display, kg_diags *diags)
{
	kg_buf probe = KG_BUF_INIT;
	int exists = kg_buf_read_file(&probe, path) == 0;
	kg_buf_release(&probe);
	if (!exists)
		return 0;
	kg_catalog *cat = NULL;
	if (kg_po_read_file(&cat, path, display, diags) < 0)
		return -1;
	kg_glossary_from_catalog(g, cat, display, diags);
	return 0;
}

/* ---- finding terms ---- */

typedef struct text_words {
	const char *text;
	struct span {
		size_t offset, len;
	} * items;
	size_t count, cap;
} text_words;

static void add_span(void *ud, const char *word, size_t len, size_t offset)
{
	(void)word;
	text_words *w = ud;
	if (w->count == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->items = kg_realloc(w->items, w->cap * sizeof(*w->items));
	}
	w->items[w->count++] = (struct span){offset, len};
}

/* Between two words of a term: spaces, a hyphen, '&' or '/', nothing else
 * (a comma or a full stop ends the term). */
static int joins(const char *from, const char *to)
{
	for (const unsigned char *p = (const unsigned char *)from; p < (const unsigned char *)to; p++) {
		if (*p && strchr(" \t\n-&/", *p))
			continue;
		if (*p == 0xc2 && p + 1 < (const unsigned char *)to && p[1] == 0xa0) { /* U+00A0 */
			p++;
			continue;
		}
		return 0;
	}
	return 1;
}

/* word (folded as the term is) equals term_word, or is its plural or
 * possessive when last. */
static int word_matches(const char *word, const char *term_word, int last)
{
	if (!strcmp(word, term_word))
		return 1;
	if (!last)
		return 0;
	size_t n = strlen(term_word), m = strlen(word);
	if (m <= n || strncmp(word, term_word, n)) {
		/* -y → -ies */
		return n > 1 && term_word[n - 1] == 'y' && m == n + 2 && !strncmp(word, term_word, n - 1) &&
		       !strcmp(word + n - 1, "ies");
	}
	const char *rest = word + n;
	return !strcmp(rest, "s") || !strcmp(rest, "es") || !strcmp(rest, "'s") ||
	       !strcmp(rest, "\xe2\x80\x99s");
}

static int term_in_words(const kg_glossary_term *t, const text_words *w, char **folded)
{
	if (!t->word_count)
		return 0;
	for (size_t i = 0; i + t->word_count <= w->count; i++) {
		size_t k = 0;
		for (; k < t->word_count; k++) {
			const struct span *s = &w->items[i + k];
			if (k && !joins(w->text + w->items[i + k - 1].offset + w->items[i + k - 1].len,
			                w->text + s->offset))
				break;
			const char *word = t->case_sensitive ? NULL : folded[i + k];
			char *raw = NULL;
			if (!word)
				word = raw = kg_strndup(w->text + s->offset, s->len);
			int ok = word_matches(word, t->words[k], k + 1 == t->word_count);
			free(raw);
			if (!ok)
				break;
		}
		if (k == t->word_count)
			return 1;
	}
	return 0;
}

static void words_of(const char *english, text_words *w, char ***folded)
{
	w->text = english;
	kg_locale_words("en", english, strlen(english), add_span, w);
	*folded = kg_calloc(w->count ? w->count : 1, sizeof(char *));
	/* One fold for all the words, one per line: a newline is a starter no
	 * normalization touches, so the lines fold as the words alone would
	 * (as in render/search.c); a call per word was most of this. */
	kg_buf batch = KG_BUF_INIT, f = KG_BUF_INIT;
	for (size_t i = 0; i < w->count; i++) {
		kg_buf_add(&batch, english + w->items[i].offset, w->items[i].len);
		kg_buf_putc(&batch, '\n');
	}
	if (batch.len)
		fold(batch.data, batch.len, &f);
	size_t at = 0;
	for (size_t i = 0; i < w->count; i++) {
		const char *nl = at < f.len ? memchr(f.data + at, '\n', f.len - at) : NULL;
		size_t end = nl ? (size_t)(nl - f.data) : f.len;
		(*folded)[i] = kg_strndup(f.data + at, end - at);
		at = end + 1;
	}
	kg_buf_release(&batch);
	kg_buf_release(&f);
}

int kg_glossary_term_in(const kg_glossary_term *term, const char *english)
{
	text_words w = {0};
	char **folded;
	words_of(english, &w, &folded);
	int found = term_in_words(term, &w, folded);
	free_list(folded, w.count);
	free(w.items);
	return found;
}

static int contains_folded(const char *folded_text, const char *term)
{
	kg_buf f = KG_BUF_INIT;
	fold(term, strlen(term), &f);
	int found = f.len && strstr(folded_text, f.data) != NULL;
	kg_buf_release(&f);
	return found;
}

/* 0 when no enforced term can be in english, found without ICU: a check
 * per unit and language segmented the same English with ICU and folded
 * each of its words, 15 % of an HTML build of the bundled kit, while most
 * units hold no term. In ASCII text a word folds to itself with A-Z as
 * a-z (search folding does the same, render/search.c), so a term whose
 * first word (folded, and less a final 'y' when it is also the last: -ies)
 * is not a substring of the English so folded cannot match (of the
 * English as written, for a case-sensitive term). Text that is not ASCII
 * always goes to ICU. */
static int may_hold_a_term(const kg_glossary *g, const char *english)
{
	size_t len = 0;
	for (const unsigned char *p = (const unsigned char *)english; *p; p++, len++)
		if (*p >= 0x80)
			return 1;
	char *lower = kg_malloc(len + 1);
	for (size_t i = 0; i <= len; i++)
		lower[i] = english[i] >= 'A' && english[i] <= 'Z' ? (char)(english[i] + 32) : english[i];
	int found = 0;
	for (size_t i = 0; !found && i < g->count; i++) {
		const kg_glossary_term *t = &g->terms[i];
		if (!t->approved || !t->word_count)
			continue;
		const char *first = t->words[0];
		size_t n = strlen(first);
		if (t->word_count == 1 && n > 1 && first[n - 1] == 'y')
			n--;
		found = memmem(t->case_sensitive ? english : lower, len, first, n) != NULL;
	}
	free(lower);
	return found;
}

size_t kg_glossary_check(const kg_glossary *g, const char *english, const char *translation,
                         const char *display, int line, kg_diags *diags)
{
	size_t enforced = 0;
	for (size_t i = 0; i < g->count; i++)
		enforced += g->terms[i].approved != NULL;
	if (!enforced || !translation || !translation[0] || !may_hold_a_term(g, english))
		return 0; /* no ICU segmentation for a glossary of proposals */
	text_words w = {0};
	char **folded;
	words_of(english, &w, &folded);
	unsigned char *in = kg_calloc(g->count, 1);
	size_t any = 0;
	for (size_t i = 0; i < g->count; i++)
		any += in[i] = g->terms[i].approved && term_in_words(&g->terms[i], &w, folded);
	size_t findings = 0;
	if (any) {
		kg_buf text = KG_BUF_INIT;
		fold(translation, strlen(translation), &text);
		for (size_t i = 0; i < g->count; i++) {
			const kg_glossary_term *t = &g->terms[i];
			if (!in[i])
				continue;
			int ok = contains_folded(text.data, t->approved);
			for (size_t a = 0; !ok && a < t->also_count; a++)
				ok = contains_folded(text.data, t->also[a]);
			if (!ok) {
				kg_warning(diags, display, line, 1,
				           KG_GLOSSARY_FINDING
				           " '%s': the translation lacks the approved '%s' (%s:%d)",
				           t->source, t->approved, g->display, t->line);
				findings++;
			}
			for (size_t a = 0; a < t->avoid_count; a++) {
				if (!contains_folded(text.data, t->avoid[a]))
					continue;
				/* Not when it is (part of) the approved term of a term the
				 * English also has ("hate crime" beside "hate incident"). */
				int approved_elsewhere = 0;
				kg_buf av = KG_BUF_INIT;
				fold(t->avoid[a], strlen(t->avoid[a]), &av);
				for (size_t j = 0; !approved_elsewhere && j < g->count; j++) {
					if (!in[j])
						continue;
					kg_buf ap = KG_BUF_INIT;
					fold(g->terms[j].approved, strlen(g->terms[j].approved), &ap);
					approved_elsewhere = strstr(ap.data, av.data) != NULL;
					kg_buf_release(&ap);
				}
				kg_buf_release(&av);
				if (approved_elsewhere)
					continue;
				kg_warning(diags, display, line, 1,
				           KG_GLOSSARY_FINDING
				           " '%s': the translation uses '%s', which the glossary "
				           "says to avoid (%s:%d)",
				           t->source, t->avoid[a], g->display, t->line);
				findings++;
			}
		}
		kg_buf_release(&text);
	}
	free(in);
	free_list(folded, w.count);
	free(w.items);
	return findings;
}
