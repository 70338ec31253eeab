/* review.c: the review records of a language (locales/<lang>/REVIEWS) —
 * reading, replacing and writing them — and the review hash of a page's
 * catalog (SHA-256 through GLib's GChecksum, which Pango already links).
 * Owns the records of a kg_reviews; borrows the catalogs it hashes.
 * The format and the hash are documented in review.h and
 * docs/translating.md. */
#include "kitgen/catalog/review.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/sort.h"
#include "kitgen/base/utf8.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

void kg_reviews_init(kg_reviews *reviews) { memset(reviews, 0, sizeof(*reviews)); }

static void review_free(kg_review *r)
{
	free(r->page);
	free(r->date);
	free(r->reviewer);
	free(r->note);
}

void kg_reviews_release(kg_reviews *reviews)
{
	for (size_t i = 0; i < reviews->count; i++)
		review_free(&reviews->items[i]);
	kg_array_release(reviews);
}

int kg_review_field_ok(const char *text)
{
	if (!text || !*text)
		return 0;
	size_t len = strlen(text);
	if (kg_utf8_valid_prefix(text, len) != len)
		return 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* Index of page's record, or of where it would go (*found 0). */
static size_t find_slot(const kg_reviews *reviews, const char *page, int *found)
{
	size_t lo = 0, hi = reviews->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(reviews->items[mid].page, page);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

const kg_review *kg_reviews_find(const kg_reviews *reviews, const char *page)
{
	int found;
	size_t i = find_slot(reviews, page, &found);
	return found ? &reviews->items[i] : NULL;
}

/* Inserts or replaces; takes ownership of r's strings. */
static void put(kg_reviews *reviews, kg_review *r)
{
	int found;
	size_t i = find_slot(reviews, r->page, &found);
	if (found) {
		review_free(&reviews->items[i]);
		reviews->items[i] = *r;
		return;
	}
	kg_array_reserve(reviews, reviews->count + 1);
	memmove(&reviews->items[i + 1], &reviews->items[i], (reviews->count - i) * sizeof(*reviews->items));
	reviews->items[i] = *r;
	reviews->count++;
}

void kg_reviews_set(kg_reviews *reviews, const char *page, const char *date, const char *reviewer,
                    const char *note, const unsigned char hash[KG_REVIEW_HASH_SIZE])
{
	kg_review r = {kg_strdup(page),
	               kg_strdup(date),
	               kg_strdup(reviewer),
	               note && *note ? kg_strdup(note) : NULL,
	               {0},
	               1,
	               0};
	memcpy(r.hash, hash, KG_REVIEW_HASH_SIZE);
	put(reviews, &r);
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int parse_hash(const char *text, size_t len, unsigned char out[KG_REVIEW_HASH_SIZE])
{
	static const char prefix[] = "sha256:";
	size_t plen = sizeof(prefix) - 1;
	if (len != plen + 2 * KG_REVIEW_HASH_SIZE || memcmp(text, prefix, plen) != 0)
		return -1;
	for (size_t i = 0; i < KG_REVIEW_HASH_SIZE; i++) {
		int hi = hex_value(text[plen + 2 * i]), lo = hex_value(text[plen + 2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static int date_ok(const char *d, size_t len)
{
	if (len != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

void kg_reviews_parse(kg_reviews *reviews, const char *data, size_t len, const char *display, kg_diags *diags)
{
	int line = 0;
	const char *end = data + len;
	for (const char *p = data; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		line++;
		size_t n = (size_t)(stop - p);
		if (n && p[n - 1] == '\r')
			n--;
		const char *text = p;
		p = nl ? nl + 1 : end;
		if (!n || text[0] == '#')
			continue;
		const char *fields[5] = {0};
		size_t lens[5] = {0}, count = 0;
		const char *f = text, *fend = text + n;
		while (count < 5) {
			const char *tab = memchr(f, '\t', (size_t)(fend - f));
			fields[count] = f;
			lens[count++] = (size_t)((tab ? tab : fend) - f);
			if (!tab)
				break;
			f = tab + 1;
		}
		if (count < 4 || !lens[0] || !lens[3] || !date_ok(fields[1], lens[1])) {
			kg_warning(
			    diags, display, line, 1,
			    "not a review record (page, date YYYY-MM-DD, hash, reviewer and an optional "
			    "note, separated by tabs): ignored");
			continue;
		}
		kg_review r = {kg_strndup(fields[0], lens[0]),
		               kg_strndup(fields[1], lens[1]),
		               kg_strndup(fields[3], lens[3]),
		               count > 4 && lens[4] ? kg_strndup(fields[4], lens[4]) : NULL,
		               {0},
		               1,
		               line};
		if (parse_hash(fields[2], lens[2], r.hash) < 0) {
			r.hash_ok = 0;
			kg_warning(
			    diags, display, line, (int)(fields[2] - text) + 1,
			    "the review hash of '%s' does not parse (expected sha256: and 64 hex digits): "
			    "the page counts as not reviewed",
			    r.page);
		}
		if (kg_reviews_find(reviews, r.page))
			kg_warning(diags, display, line, 1,
			           "a second review record of '%s': the later one counts", r.page);
		put(reviews, &r);
	}
}

int kg_reviews_read_file(kg_reviews *reviews, const char *path, const char *display, kg_diags *diags)
{
	kg_buf data = KG_BUF_INIT;
	int rc = kg_buf_read_file(&data, path);
	if (rc < 0) {
		kg_buf_release(&data);
		if (g_file_test(path, G_FILE_TEST_EXISTS)) {
			kg_error(diags, display, 0, 0, "cannot read the review records");
			return -1;
		}
		return 0;
	}
	kg_reviews_parse(reviews, data.data, data.len, display, diags);
	kg_buf_release(&data);
	return 0;
}

void kg_review_hash_format(const unsigned char hash[KG_REVIEW_HASH_SIZE], kg_buf *out)
{
	static const char digits[] = "0123456789abcdef";
	kg_buf_puts(out, "sha256:");
	for (size_t i = 0; i < KG_REVIEW_HASH_SIZE; i++) {
		kg_buf_putc(out, digits[hash[i] >> 4]);
		kg_buf_putc(out, digits[hash[i] & 15]);
	}
}

void kg_reviews_write(const kg_reviews *reviews, kg_buf *out)
{
	kg_buf_puts(out,
	            "# Native-speaker reviews of this language's pages, written by `kitgen review`.\n"
	            "# page, date, hash of the page's catalog, reviewer, note (tab-separated).\n"
	            "# A review holds while the catalog still has this hash; see docs/translating.md.\n");
	for (size_t i = 0; i < reviews->count; i++) {
		const kg_review *r = &reviews->items[i];
		kg_buf_printf(out, "%s\t%s\t", r->page, r->date);
		if (r->hash_ok)
			kg_review_hash_format(r->hash, out);
		else
			kg_buf_puts(out, "sha256:invalid");
		kg_buf_printf(out, "\t%s", r->reviewer);
		if (r->note)
			kg_buf_printf(out, "\t%s", r->note);
		kg_buf_putc(out, '\n');
	}
}

/* ---- the hash ---- */

static int cmp_str(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

static int by_key(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	const kg_po_entry *x = *(kg_po_entry *const *)a, *y = *(kg_po_entry *const *)b;
	if (!x->msgctxt != !y->msgctxt)
		return x->msgctxt ? 1 : -1; /* no context first */
	int c = cmp_str(x->msgctxt, y->msgctxt);
	if (!c)
		c = strcmp(x->msgid, y->msgid);
	if (!c)
		c = cmp_str(x->msgid_plural, y->msgid_plural);
	return c;
}

static void put_field(GChecksum *sum, const char *text)
{
	char len[32];
	size_t n = text ? strlen(text) : 0;
	int w = snprintf(len, sizeof(len), "%zu:", n);
	g_checksum_update(sum, (const guchar *)len, (gssize)w);
	if (n)
		g_checksum_update(sum, (const guchar *)text, (gssize)n);
}

void kg_review_hash(const kg_catalog *catalog, unsigned char out[KG_REVIEW_HASH_SIZE])
{
	size_t n = catalog ? kg_catalog_count(catalog) : 0;
	kg_po_entry **entries = kg_calloc(n ? n : 1, sizeof(*entries));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		kg_po_entry *e = kg_catalog_at(catalog, i);
		if (!e->obsolete && e->msgid[0])
			entries[m++] = e;
	}
	kg_sort(entries, m, sizeof(*entries), by_key, NULL);
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	char count[32];
	for (size_t i = 0; i < m; i++) {
		const kg_po_entry *e = entries[i];
		int fuzzy = kg_po_entry_has_flag(e, "fuzzy");
		put_field(sum, e->msgctxt ? "C" : "N");
		put_field(sum, e->msgctxt);
		put_field(sum, e->msgid);
		put_field(sum, e->msgid_plural);
		snprintf(count, sizeof(count), "%zu", e->msgstr_count);
		put_field(sum, count);
		for (size_t k = 0; k < e->msgstr_count; k++)
			put_field(sum, fuzzy ? "" : e->msgstr[k]);
	}
	gsize len = KG_REVIEW_HASH_SIZE;
	g_checksum_get_digest(sum, out, &len);
	g_checksum_free(sum);
	free(entries);
}
