/* search.c: the offline search index, one per language:
 * out/<lang>/search-index.js, which lists the parts in
 * out/<lang>/search-index/, all loaded by <script> tags (not fetch) so that
 * search works from file:// too. Words come from ICU's word break iterator
 * in the page's language (dictionary-based for Chinese, Japanese, Thai,
 * Khmer, Lao, Burmese), folded by kg_locale_search_fold() (NFKC, case
 * folding, optional marks removed) exactly as templates/assets/search.js
 * folds a query. Owns the search spool: each page's words, in an unnamed
 * file, from the page's rendering until the index is written. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "render/site.h"
#include "kitgen/base/hash.h"
#include "kitgen/base/json.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/render/html.h"
#include "kitgen/locale/locale.h"
#include "kitgen/base/sort.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the spool ----
 *
 * Each page's words wait for the index in an unnamed temporary file in the
 * output's staging folder, not in memory: they were the largest thing a
 * build held for every page and language (23 of 57 MB of heap at 1,000
 * pages x 8 languages, heaptrack), and grew with the pages. The kernel's
 * page cache keeps them while memory allows. A page reserves its place
 * with an atomic add, so threads never wait for each other; the index
 * reads them back one part at a time. */

int site_search_spool_open(site *s)
{
	site_search_spool_close(s);
	int fd = open(s->out.new_path, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) { /* a file system without unnamed files: name one and unlink it */
		kg_buf path = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/.kitgen-search-XXXXXX", s->out.new_path);
		fd = mkstemp(path.data);
		if (fd >= 0) {
			unlink(path.data);
			fcntl(fd, F_SETFD, FD_CLOEXEC);
		}
		kg_buf_release(&path);
	}
	if (fd < 0) {
		kg_error(s->diags, s->out.new_path, 0, 0,
		         "cannot make a temporary file for the search index: %s", strerror(errno));
		return -1;
	}
	s->search_spool = fd;
	atomic_store(&s->search_spool_end, 0);
	return 0;
}

void site_search_spool_close(site *s)
{
	if (s->search_spool >= 0)
		close(s->search_spool);
	s->search_spool = -1;
}

/* Stores the page's words; a write that fails fails the build. */
static void spool_put(site *s, page_state *ps, const char *words, size_t len)
{
	uint64_t at = atomic_fetch_add(&s->search_spool_end, (uint64_t)len);
	size_t done = 0;
	while (done < len) {
		ssize_t n = s->search_spool >= 0
		                ? pwrite(s->search_spool, words + done, len - done, (off_t)(at + done))
		                : -1;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			kg_error(s->diags, s->out.new_path, 0, 0, "cannot write the search index's words: %s",
			         s->search_spool >= 0 ? strerror(errno) : "no temporary file");
			atomic_store(&s->failed, 1);
			break;
		}
		done += (size_t)n;
	}
	ps->search_at = at;
	ps->search_len = len;
	ps->search_made = 1;
}

/* The page's words (empty when it has none or they cannot be read, which
 * fails the build). */
static void spool_get(site *s, const page_state *ps, kg_buf *out)
{
	kg_buf_reset(out);
	if (!ps->search_made || !ps->search_len)
		return;
	kg_buf_grow(out, ps->search_len);
	size_t done = 0;
	while (done < ps->search_len) {
		ssize_t n = pread(s->search_spool, out->data + done, ps->search_len - done,
		                  (off_t)(ps->search_at + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			kg_error(s->diags, s->out.new_path, 0, 0,
			         "cannot read the search index's words back: %s",
			         n < 0 ? strerror(errno) : "the file is short");
			atomic_store(&s->failed, 1);
			done = 0;
			break;
		}
		done += (size_t)n;
	}
	out->len = done;
	out->data[done] = '\0';
}

/* A page's distinct words, each stored once (NUL-terminated) in `store`.
 * ICU folding costs microseconds per call, and a page repeats most of its
 * words, so folding is done once per distinct word, in one batch (see
 * site_collect_search_words); ASCII words are folded in place (for ASCII,
 * NFKC_Casefold is exactly tolower). Open addressing over offsets. */
typedef struct word_set {
	kg_buf store;
	size_t *offsets; /* into store, one per distinct word */
	size_t count;
	size_t *slots; /* 0: empty, else offset + 1 */
	size_t slot_count;
} word_set;

static uint64_t word_hash(const char *w, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 1099511628211ull;
	return h;
}

static void word_set_grow(word_set *ws)
{
	size_t n = ws->slot_count ? ws->slot_count * 2 : 1024;
	size_t offsets_cap = ws->slot_count / 2; /* the table holds at most half its slots in words */
	kg_array_grow(ws->offsets, offsets_cap, n / 2);
	free(ws->slots);
	ws->slots = kg_calloc(n, sizeof(size_t));
	ws->slot_count = n;
	for (size_t i = 0; i < ws->count; i++) {
		const char *w = ws->store.data + ws->offsets[i];
		size_t j = word_hash(w, strlen(w)) & (n - 1);
		while (ws->slots[j])
			j = (j + 1) & (n - 1);
		ws->slots[j] = ws->offsets[i] + 1;
	}
}

/* Adds the word unless present; returns 1 when it was new. */
static int word_set_add(word_set *ws, const char *w, size_t len)
{
	if (ws->count + 1 > ws->slot_count / 2)
		word_set_grow(ws);
	size_t mask = ws->slot_count - 1, j = word_hash(w, len) & mask;
	for (; ws->slots[j]; j = (j + 1) & mask) {
		const char *have = ws->store.data + ws->slots[j] - 1;
		if (!strncmp(have, w, len) && have[len] == '\0')
			return 0;
	}
	ws->slots[j] = ws->store.len + 1;
	ws->offsets[ws->count++] = ws->store.len;
	kg_buf_add(&ws->store, w, len);
	kg_buf_putc(&ws->store, '\0');
	return 1;
}

static void word_set_release(word_set *ws)
{
	kg_buf_release(&ws->store);
	free(ws->offsets);
	free(ws->slots);
}

typedef struct word_collector {
	word_set folded; /* the page's words as search matches them */
	word_set raw;    /* non-ASCII words as written, folded later */
	kg_buf batch;    /* those words, one per line, for one fold call */
	kg_buf lower;
} word_collector;

static void add_word(void *ud, const char *word, size_t len, size_t offset)
{
	(void)offset;
	word_collector *wc = ud;
	size_t i = 0;
	while (i < len && (unsigned char)word[i] < 0x80)
		i++;
	if (i < len) {
		if (word_set_add(&wc->raw, word, len)) {
			kg_buf_add(&wc->batch, word, len);
			kg_buf_putc(&wc->batch, '\n');
		}
		return;
	}
	kg_buf_reset(&wc->lower);
	for (i = 0; i < len; i++)
		kg_buf_putc(&wc->lower, word[i] >= 'A' && word[i] <= 'Z' ? word[i] + 32 : word[i]);
	word_set_add(&wc->folded, wc->lower.data, wc->lower.len);
}

static void plain_text(cmark_node *doc, kg_buf *out)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) {
			kg_buf_puts(out, cmark_node_get_literal(n));
		} else if (ev == CMARK_EVENT_EXIT || t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			if (out->len && out->data[out->len - 1] != '\n')
				kg_buf_putc(out, '\n'); /* a word never spans two blocks */
		}
	}
	cmark_iter_free(it);
}

/* A word to sort: its first eight bytes as a big-endian number (NUL
 * padded), which orders as strcmp does, and where the word is. */
typedef struct word_key {
	uint64_t prefix;
	size_t offset;
} word_key;

static uint64_t word_prefix(const char *w)
{
	uint64_t k = 0;
	for (int i = 0; i < 8 && w[i]; i++)
		k |= (uint64_t)(unsigned char)w[i] << (56 - 8 * i);
	return k;
}

/* strcmp's order: the prefixes decide unless they are equal, and then
 * only words longer than eight bytes (the prefix's last byte is not the
 * padding) differ after them. */
static int compare_words(const void *a, const void *b, void *ctx)
{
	const word_key *x = a, *y = b;
	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	if (!(x->prefix & 0xFF))
		return 0;
	const char *store = ctx;
	return strcmp(store + x->offset + 8, store + y->offset + 8);
}

/* Unique folded words of the localized page (title, summary, body),
 * sorted: compact, and the same whatever the thread. */
void site_collect_search_words(site *s, lang_state *ls, size_t page_index, cmark_node *doc)
{
	page_state *ps = &ls->pages[page_index];
	kg_buf text = KG_BUF_INIT;
	kg_fill_placeholders(&ls->vars, ps->title, &text);
	kg_buf_putc(&text, '\n');
	if (ps->summary) {
		kg_fill_placeholders(&ls->vars, ps->summary, &text);
		kg_buf_putc(&text, '\n');
	}
	kg_buf body = KG_BUF_INIT;
	plain_text(doc, &body);
	kg_fill_placeholders(&ls->vars, body.data, &text); /* what readers see */
	kg_buf_release(&body);
	word_collector wc;
	memset(&wc, 0, sizeof(wc));
	kg_locale_words(ls->lang->tag, text.data, text.len, add_word, &wc);
	/* One fold for all non-ASCII words: a newline is a starter that no
	 * normalization touches and ends the optional-mark run, so folding the
	 * lines together equals folding each word alone. */
	kg_buf folded = KG_BUF_INIT;
	if (wc.batch.len)
		kg_locale_search_fold(wc.batch.data, wc.batch.len, 1, &folded);
	for (size_t at = 0; at < folded.len;) {
		const char *nl = memchr(folded.data + at, '\n', folded.len - at);
		size_t end = nl ? (size_t)(nl - folded.data) : folded.len;
		if (end > at)
			word_set_add(&wc.folded, folded.data + at, end - at);
		at = end + 1;
	}
	word_key *keys = kg_malloc((wc.folded.count ? wc.folded.count : 1) * sizeof(*keys));
	for (size_t i = 0; i < wc.folded.count; i++) {
		keys[i].offset = wc.folded.offsets[i];
		keys[i].prefix = word_prefix(wc.folded.store.data + keys[i].offset);
	}
	kg_sort(keys, wc.folded.count, sizeof(*keys), compare_words, wc.folded.store.data);
	kg_buf joined = KG_BUF_INIT;
	for (size_t i = 0; i < wc.folded.count; i++) {
		if (i)
			kg_buf_putc(&joined, ' ');
		kg_buf_puts(&joined, wc.folded.store.data + keys[i].offset);
	}
	free(keys);
	word_set_release(&wc.folded);
	word_set_release(&wc.raw);
	kg_buf_release(&wc.batch);
	kg_buf_release(&wc.lower);
	kg_buf_release(&folded);
	kg_buf_release(&text);
	spool_put(s, ps, joined.data ? joined.data : "", joined.len);
	kg_buf_release(&joined);
}

/* A JSON string for a <script>: '<' escaped so "</script>" in a title can
 * never close the tag, and U+2028/2029, which old JS parsers reject. */
static void js_string(kg_buf *out, const char *s)
{
	kg_buf_putc(out, '"');
	kg_json_escape(out, s, strlen(s), KG_JSON_SCRIPT);
	kg_buf_putc(out, '"');
}

/* The entries of a language's previous index, by URL, so that a page whose
 * output was reused keeps its entry without being localized again. Each
 * entry is one line: {"t": ..., "l": ..., "u": "<url>", ...}. */
typedef struct old_entry {
	const char *url, *line; /* into the file's text: the "u" string, the entry */
	size_t url_len, line_len;
} old_entry;

typedef struct old_index {
	kg_buf text;
	old_entry *entries;
	size_t count;
} old_index;

/* End of the JS string starting at p (a '"'), after its closing quote. */
static const char *skip_js_string(const char *p, const char *end)
{
	if (p >= end || *p != '"')
		return NULL;
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

static int compare_old_entries(const void *a, const void *b)
{
	const old_entry *x = a, *y = b;
	size_t n = x->url_len < y->url_len ? x->url_len : y->url_len;
	int c = memcmp(x->url, y->url, n);
	return c ? c : (x->url_len > y->url_len) - (x->url_len < y->url_len);
}

static void old_index_load(old_index *oi, const char *path)
{
	memset(oi, 0, sizeof(*oi));
	kg_buf_init(&oi->text);
	if (kg_buf_read_file(&oi->text, path) < 0)
		return;
	size_t cap = 0;
	const char *p = oi->text.data, *end = p + oi->text.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		size_t len = (size_t)(line_end - p);
		if (len && p[len - 1] == ',')
			len--;
		const char *q = p + 10;
		if (len > 10 && !memcmp(p, "{\"t\": ", 6) && (q = skip_js_string(p + 6, p + len)) &&
		    (size_t)(p + len - q) > 10 && !memcmp(q, ", \"l\": ", 7) &&
		    (q = skip_js_string(q + 7, p + len)) && (size_t)(p + len - q) > 7 &&
		    !memcmp(q, ", \"u\": ", 7)) {
			const char *u = q + 7, *u_end = skip_js_string(u, p + len);
			if (u_end) {
				kg_array_grow(oi->entries, cap, oi->count + 1);
				oi->entries[oi->count++] = (old_entry){u, p, (size_t)(u_end - u), len};
			}
		}
		p = line_end + 1;
	}
	qsort(oi->entries, oi->count, sizeof(old_entry), compare_old_entries);
}

static const old_entry *old_index_find(const old_index *oi, const char *url_js, size_t len)
{
	old_entry key = {url_js, NULL, len, 0};
	return oi->count ? bsearch(&key, oi->entries, oi->count, sizeof(old_entry), compare_old_entries)
	                 : NULL;
}

static void old_index_release(old_index *oi)
{
	kg_buf_release(&oi->text);
	free(oi->entries);
}

/* ---- the index in parts ----
 *
 * A language's pages are spread over 2^k parts by a hash of their path
 * (about 64 pages a part), each its own file, so that a one-page edit
 * rewrites one part per language, not the whole index (the index of a
 * 5,000-page kit is over 10 MB in some languages). search-index.js lists
 * the parts, each with a hash of its content for browser caches, and
 * search.js loads them with <script> tags (so search works from file://).
 * A part is kept as it is when its fingerprint (its pages, the key of each:
 * everything its entries are made from) is that of the previous build. */

#define SEARCH_PAGES_PER_PART 64

static size_t search_part_count(size_t pages)
{
	size_t want = (pages + SEARCH_PAGES_PER_PART - 1) / SEARCH_PAGES_PER_PART, n = 1;
	while (n < want)
		n *= 2;
	return n;
}

static size_t search_part_of(const char *rel_path, size_t parts)
{
	return (size_t)(kg_hash64(rel_path, strlen(rel_path), 40) & (parts - 1));
}

/* Appends the page's entry: one line, as old_index_load reads it back.
 * url is the page's URL, already a JSON string. */
static void write_entry(site *s, lang_state *ls, size_t p, const kg_buf *url, kg_json *js, kg_buf *text)
{
	page_state *ps = &ls->pages[p];
	kg_json_object_begin(js, NULL, NULL);
	kg_json_key(js, "t");
	kg_buf_reset(text);
	kg_fill_placeholders(&ls->vars, ps->title, text);
	kg_json_string(js, text->data);
	kg_json_key(js, "l");
	kg_json_string(js, ps->title_fallback ? s->source->tag : ls->lang->tag);
	kg_json_key(js, "u");
	kg_json_raw(js, url->data, url->len);
	if (ps->summary) {
		kg_json_key(js, "s");
		kg_buf_reset(text);
		kg_fill_placeholders(&ls->vars, ps->summary, text);
		kg_json_string(js, text->data);
	}
	kg_json_key(js, "w");
	spool_get(s, ps, text);
	kg_json_string(js, text->data);
	kg_json_end(js);
}

/* Writes part `part` of language ls from its pages (indexes into the kit,
 * in kit order); a reused page's entry comes from the previous part file. */
static int write_part(site *s, lang_state *ls, const size_t *pages, size_t count, const char *rel,
                      size_t part, size_t parts, kg_buf *js)
{
	kg_buf text = KG_BUF_INIT, url = KG_BUF_INIT;
	old_index old = {0};
	int loaded = 0;
	kg_buf_reset(js);
	kg_buf_printf(js,
	              "/* kitgen search index, part %zu of %zu: generated, do not edit */\n"
	              "(window.kitgenSearchParts = window.kitgenSearchParts || []).push(",
	              part + 1, parts);
	kg_json entries;
	kg_json_init(&entries, js, KG_JSON_SCRIPT);
	kg_json_array_begin(&entries, "\n", "\n");
	for (size_t i = 0; i < count; i++) {
		size_t p = pages[i];
		page_state *ps = &ls->pages[p];
		const kg_page *page = &s->kit.pages[p];
		kg_buf_reset(&url);
		kg_buf_reset(&text);
		if (page->rel_path[0])
			kg_buf_printf(&text, "%s/", page->rel_path);
		js_string(&url, text.data);
		if (!ps->search_made) { /* reused: its entry is in the previous part */
			if (!loaded) {
				kg_buf prev = KG_BUF_INIT;
				kg_buf_printf(&prev, "%s/%s", s->out.final_path, rel);
				old_index_load(&old, prev.data);
				kg_buf_release(&prev);
				loaded = 1;
			}
			const old_entry *e = old_index_find(&old, url.data, url.len);
			if (e) {
				kg_json_raw(&entries, e->line, e->line_len);
				continue;
			}
			s->hooks.search_words_again(s->hooks.ctx, ls, p); /* not there: made again */
		}
		write_entry(s, ls, p, &url, &entries, &text);
	}
	kg_json_end(&entries);
	kg_buf_puts(js, ");\n");
	if (loaded)
		old_index_release(&old);
	kg_buf_release(&text);
	kg_buf_release(&url);
	return kg_outdir_write(&s->out, rel, js->data, js->len, s->diags);
}

int site_write_search_indexes(site *s, size_t *total_bytes)
{
	int rc = 0;
	*total_bytes = 0;
	size_t parts = search_part_count(s->kit.page_count);
	/* The pages of each part, in kit order: by_part[first[k] .. first[k+1]). */
	size_t n = s->kit.page_count ? s->kit.page_count : 1;
	size_t *part_of = kg_malloc(n * sizeof(size_t)), *by_part = kg_malloc(n * sizeof(size_t));
	size_t *first = kg_calloc(parts + 1, sizeof(size_t)), *members = kg_malloc(n * sizeof(size_t));
	for (size_t p = 0; p < s->kit.page_count; p++) {
		part_of[p] = search_part_of(s->kit.pages[p].rel_path, parts);
		first[part_of[p] + 1]++;
	}
	for (size_t k = 0; k < parts; k++)
		first[k + 1] += first[k];
	size_t *fill = kg_malloc(parts * sizeof(size_t));
	memcpy(fill, first, parts * sizeof(size_t));
	for (size_t p = 0; p < s->kit.page_count; p++)
		by_part[fill[part_of[p]]++] = p;
	free(fill);
	kg_buf js = KG_BUF_INIT, list = KG_BUF_INIT, rel = KG_BUF_INIT, id = KG_BUF_INIT;
	for (size_t l = 0; l < s->lang_count; l++) {
		lang_state *ls = &s->langs[l];
		kg_buf_reset(&list);
		kg_buf_puts(&list, "/* kitgen search index: generated, do not edit */\n"
		                   "window.kitgenSearchIndex = ");
		kg_json index;
		kg_json_init(&index, &list, KG_JSON_SCRIPT);
		kg_json_object_begin(&index, NULL, NULL);
		kg_json_key(&index, "lang");
		kg_json_string(&index, ls->lang->tag);
		kg_json_key(&index, "parts");
		kg_json_array_begin(&index, NULL, NULL);
		for (size_t part = 0; part < parts; part++) {
			size_t count = 0;
			uint64_t fp = kg_hash64(ls->lang->tag, strlen(ls->lang->tag), (uint64_t)parts);
			for (size_t i = first[part]; i < first[part + 1]; i++) {
				size_t p = by_part[i];
				if (!ls->pages[p].published)
					continue;
				members[count++] = p;
				const char *path = s->kit.pages[p].rel_path;
				uint64_t more[3] = {fp, kg_hash64(path, strlen(path) + 1, 41),
				                    ls->pages[p].key};
				fp = kg_hash64(more, sizeof(more), 42);
			}
			kg_buf_reset(&rel);
			kg_buf_printf(&rel, "%s/search-index/%zu.js", ls->lang->tag, part);
			kg_buf_reset(&id);
			kg_buf_printf(&id, "\x01search/%zu", part);
			site_file_record old, record = {.key = fp};
			if (site_previous_same(s, ls->lang->tag, id.data, fp, &old) &&
			    kg_outdir_keep_previous(&s->out, rel.data)) {
				record.out_key = old.out_key;
				record.bytes = old.bytes;
			} else {
				rc |= write_part(s, ls, members, count, rel.data, part, parts, &js);
				record.out_key = kg_hash64(js.data, js.len, 43);
				record.bytes = js.len;
			}
			site_record(s, ls->lang->tag, id.data, &record);
			*total_bytes += record.bytes;
			kg_buf_reset(&id);
			kg_buf_printf(&id, "search-index/%zu.js?v=", part);
			kg_buf_put_uint(&id, record.out_key & 0xffffffffu, 16, 8);
			kg_json_string(&index, id.data);
		}
		kg_json_end(&index);
		kg_json_end(&index);
		kg_buf_puts(&list, ";\n");
		kg_buf_reset(&rel);
		kg_buf_printf(&rel, "%s/search-index.js", ls->lang->tag);
		rc |= kg_outdir_write(&s->out, rel.data, list.data, list.len, s->diags);
		*total_bytes += list.len;
	}
	free(part_of);
	free(by_part);
	free(first);
	free(members);
	kg_buf_release(&js);
	kg_buf_release(&list);
	kg_buf_release(&rel);
	kg_buf_release(&id);
	site_search_spool_close(s);
	return atomic_load(&s->failed) ? -1 : rc; /* a spool read that failed */
}
