/* cache.c: the incremental-build cache (see cache.h). Owns the old records
 * read from disk and the new ones this build adds; a mutex guards the
 * latter and the file-hash table, since phases run on the thread pool. */
#include "cache.h"

#include "kitgen/alloc.h"
#include "kitgen/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CACHE_MAGIC "kitgen-cache 1"

typedef struct file_entry {
	char *path;
	long long size, mtime_ns, ino;
	uint64_t hash;
} file_entry;

typedef struct page_entry {
	char *id; /* "lang\x1frel" */
	cache_page page;
} page_entry;

typedef struct table {
	page_entry *items;
	size_t count, cap;
} table;

struct build_cache {
	char *version;
	file_entry *files;
	size_t file_count, file_cap;
	table old_pages, new_pages;
	file_entry *new_files;
	size_t new_file_count, new_file_cap;
	pthread_mutex_t lock;
};

static int compare_files(const void *a, const void *b);

uint64_t cache_hash(const void *data, size_t len, uint64_t seed)
{
	/* FNV-1a, 64 bits: enough to notice a change; not a security boundary. */
	uint64_t h = 1469598103934665603ULL ^ seed;
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h ^ (uint64_t)len;
}

static char *make_id(const char *lang, const char *rel)
{
	kg_buf b = KG_BUF_INIT;
	kg_buf_printf(&b, "%s\x1f%s", lang, rel);
	return kg_buf_detach(&b, NULL);
}

static void page_release(cache_page *p)
{
	free(p->title);
	free(p->summary);
	free(p->search_words);
	free(p->warnings);
}

static void table_add(table *t, char *id, const cache_page *page)
{
	if (t->count == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->items = kg_realloc(t->items, t->cap * sizeof(*t->items));
	}
	page_entry *e = &t->items[t->count++];
	e->id = id;
	e->page = *page;
	e->page.title = kg_strdup(page->title);
	e->page.summary = kg_strdup(page->summary);
	e->page.search_words = kg_strdup(page->search_words);
	e->page.warnings = kg_strdup(page->warnings);
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const page_entry *)a)->id, ((const page_entry *)b)->id);
}

/* Fields are tab-separated; \t, \n and \\ inside them are escaped. */
static void put_field(kg_buf *out, const char *s)
{
	kg_buf_putc(out, '\t');
	if (!s) {
		kg_buf_puts(out, "\\0");
		return;
	}
	for (; *s; s++) {
		if (*s == '\t')
			kg_buf_puts(out, "\\t");
		else if (*s == '\n')
			kg_buf_puts(out, "\\n");
		else if (*s == '\\')
			kg_buf_puts(out, "\\\\");
		else
			kg_buf_putc(out, *s);
	}
}

/* Splits a line into at most max fields (unescaping); returns the count. */
static size_t split_fields(char *line, char **fields, size_t max, int *null_field)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		fields[n] = p;
		null_field[n] = 0;
		char *w = p;
		while (*p && *p != '\t') {
			if (*p == '\\' && p[1]) {
				p++;
				*w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == '0' ? (null_field[n] = 1, '\0') : *p;
				p++;
			} else {
				*w++ = *p++;
			}
		}
		int end = *p == '\0';
		*w = '\0';
		n++;
		if (end)
			break;
		p++;
	}
	return n;
}

build_cache *cache_load(const char *path, const char *version)
{
	build_cache *c = kg_calloc(1, sizeof(*c));
	c->version = kg_strdup(version);
	pthread_mutex_init(&c->lock, NULL);
	kg_buf data = KG_BUF_INIT;
	if (kg_buf_read_file(&data, path) < 0) {
		kg_buf_release(&data);
		return c;
	}
	kg_buf magic = KG_BUF_INIT;
	kg_buf_printf(&magic, "%s %s\n", CACHE_MAGIC, version);
	int valid = data.len >= magic.len && !memcmp(data.data, magic.data, magic.len);
	char *p = data.data + (valid ? magic.len : data.len);
	while (valid && *p) {
		char *eol = strchr(p, '\n');
		if (!eol) {
			valid = 0; /* a truncated file: distrust all of it */
			break;
		}
		*eol = '\0';
		char *fields[20];
		int nulls[20];
		size_t n = split_fields(p, fields, 20, nulls);
		if (!strcmp(fields[0], "F") && n == 6) {
			if (c->file_count == c->file_cap) {
				c->file_cap = c->file_cap ? c->file_cap * 2 : 256;
				c->files = kg_realloc(c->files, c->file_cap * sizeof(*c->files));
			}
			file_entry *e = &c->files[c->file_count++];
			e->path = kg_strdup(fields[1]);
			e->size = atoll(fields[2]);
			e->mtime_ns = atoll(fields[3]);
			e->ino = atoll(fields[4]);
			e->hash = strtoull(fields[5], NULL, 16);
		} else if (!strcmp(fields[0], "P") && n == 19) {
			cache_page page = {0};
			page.key = strtoull(fields[3], NULL, 16);
			page.out_key = strtoull(fields[4], NULL, 16);
			size_t *nums[7] = {&page.coverage.units, &page.coverage.translated, &page.coverage.fuzzy,
			                   &page.coverage.untranslated, &page.coverage.refused, &page.coverage.words,
			                   &page.coverage.words_translated};
			for (int i = 0; i < 7; i++)
				*nums[i] = (size_t)strtoull(fields[5 + i], NULL, 10);
			page.published = atoi(fields[12]);
			page.title_fallback = atoi(fields[13]);
			page.summary_fallback = atoi(fields[14]);
			page.title = nulls[15] ? NULL : fields[15];
			page.summary = nulls[16] ? NULL : fields[16];
			page.search_words = nulls[17] ? NULL : fields[17];
			page.warnings = nulls[18] ? NULL : fields[18];
			table_add(&c->old_pages, make_id(fields[1], fields[2]), &page);
		} else {
			valid = 0;
		}
		p = eol + 1;
	}
	if (!valid) { /* wrong version or damaged: an empty cache */
		for (size_t i = 0; i < c->file_count; i++)
			free(c->files[i].path);
		c->file_count = 0;
		for (size_t i = 0; i < c->old_pages.count; i++) {
			free(c->old_pages.items[i].id);
			page_release(&c->old_pages.items[i].page);
		}
		c->old_pages.count = 0;
	}
	if (c->old_pages.count > 1)
		qsort(c->old_pages.items, c->old_pages.count, sizeof(page_entry), compare_entries);
	if (c->file_count > 1)
		qsort(c->files, c->file_count, sizeof(file_entry), compare_files);
	kg_buf_release(&magic);
	kg_buf_release(&data);
	return c;
}

void cache_free(build_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->file_count; i++)
		free(c->files[i].path);
	free(c->files);
	for (size_t i = 0; i < c->new_file_count; i++)
		free(c->new_files[i].path);
	free(c->new_files);
	table *tables[2] = {&c->old_pages, &c->new_pages};
	for (int t = 0; t < 2; t++) {
		for (size_t i = 0; i < tables[t]->count; i++) {
			free(tables[t]->items[i].id);
			page_release(&tables[t]->items[i].page);
		}
		free(tables[t]->items);
	}
	pthread_mutex_destroy(&c->lock);
	free(c->version);
	free(c);
}

/* The files are sorted by path when the cache is loaded. */
static const file_entry *old_file(const build_cache *c, const char *path)
{
	file_entry key = {.path = (char *)path};
	return c->file_count ? bsearch(&key, c->files, c->file_count, sizeof(file_entry), compare_files) : NULL;
}

uint64_t cache_file_hash(build_cache *c, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return 0;
	long long mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	pthread_mutex_lock(&c->lock);
	const file_entry *old = old_file(c, path);
	uint64_t hash = 0;
	int known = old && old->size == (long long)st.st_size && old->mtime_ns == mtime &&
	            old->ino == (long long)st.st_ino;
	if (known)
		hash = old->hash;
	pthread_mutex_unlock(&c->lock);
	if (!known) {
		kg_buf data = KG_BUF_INIT;
		if (kg_buf_read_file(&data, path) < 0) {
			kg_buf_release(&data);
			return 0;
		}
		hash = cache_hash(data.data, data.len, 0) | 1; /* never 0: 0 means missing */
		kg_buf_release(&data);
	}
	/* A file written in the last two seconds may change again within the
	 * same mtime tick: do not vouch for it next time. */
	pthread_mutex_lock(&c->lock);
	if (c->new_file_count == c->new_file_cap) {
		c->new_file_cap = c->new_file_cap ? c->new_file_cap * 2 : 256;
		c->new_files = kg_realloc(c->new_files, c->new_file_cap * sizeof(*c->new_files));
	}
	file_entry *e = &c->new_files[c->new_file_count++];
	e->path = kg_strdup(path);
	e->size = (long long)st.st_size;
	e->mtime_ns = mtime;
	e->ino = (long long)st.st_ino;
	e->hash = hash;
	pthread_mutex_unlock(&c->lock);
	return hash;
}

const cache_page *cache_old_page(const build_cache *c, const char *lang, const char *rel)
{
	char *id = make_id(lang, rel);
	page_entry key = {.id = id};
	const page_entry *e = c->old_pages.count
	                          ? bsearch(&key, c->old_pages.items, c->old_pages.count, sizeof(page_entry),
	                                    compare_entries)
	                          : NULL;
	free(id);
	return e ? &e->page : NULL;
}

void cache_new_page(build_cache *c, const char *lang, const char *rel, const cache_page *page)
{
	pthread_mutex_lock(&c->lock);
	table_add(&c->new_pages, make_id(lang, rel), page);
	pthread_mutex_unlock(&c->lock);
}

void cache_encode_warnings(const kg_diags *d, kg_buf *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const kg_diag *g = &d->items[i];
		if (g->severity != KG_WARNING)
			continue;
		kg_buf_printf(out, "%s\x1f%d\x1f%d\x1f%s\x1e", g->file ? g->file : "", g->line, g->col, g->message);
	}
}

void cache_replay_warnings(const char *encoded, kg_diags *d)
{
	if (!encoded)
		return;
	char *copy = kg_strdup(encoded);
	for (char *rec = copy; *rec;) {
		char *end = strchr(rec, '\x1e');
		if (!end)
			break;
		*end = '\0';
		char *f[4];
		char *p = rec;
		int n = 0;
		for (; n < 4; n++) {
			f[n] = p;
			char *sep = strchr(p, '\x1f');
			if (!sep)
				break;
			*sep = '\0';
			p = sep + 1;
		}
		if (n == 3)
			kg_diag_add(d, KG_WARNING, f[0][0] ? f[0] : NULL, atoi(f[1]), atoi(f[2]), "%s", f[3]);
		rec = end + 1;
	}
	free(copy);
}

static int compare_files(const void *a, const void *b)
{
	return strcmp(((const file_entry *)a)->path, ((const file_entry *)b)->path);
}

int cache_save(build_cache *c, const char *path)
{
	kg_buf out = KG_BUF_INIT;
	kg_buf_printf(&out, "%s %s\n", CACHE_MAGIC, c->version);
	if (c->new_file_count > 1)
		qsort(c->new_files, c->new_file_count, sizeof(file_entry), compare_files);
	for (size_t i = 0; i < c->new_file_count; i++) {
		const file_entry *e = &c->new_files[i];
		if (i && !strcmp(e->path, c->new_files[i - 1].path))
			continue;
		kg_buf_puts(&out, "F");
		put_field(&out, e->path);
		kg_buf_printf(&out, "\t%lld\t%lld\t%lld\t%016llx\n", e->size, e->mtime_ns, e->ino,
		              (unsigned long long)e->hash);
	}
	if (c->new_pages.count > 1)
		qsort(c->new_pages.items, c->new_pages.count, sizeof(page_entry), compare_entries);
	for (size_t i = 0; i < c->new_pages.count; i++) {
		const page_entry *e = &c->new_pages.items[i];
		const cache_page *p = &e->page;
		const char *sep = strchr(e->id, '\x1f');
		char *lang = kg_strndup(e->id, (size_t)(sep - e->id));
		kg_buf_puts(&out, "P");
		put_field(&out, lang);
		put_field(&out, sep + 1);
		kg_buf_printf(&out, "\t%016llx\t%016llx\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%d\t%d\t%d",
		              (unsigned long long)p->key, (unsigned long long)p->out_key, p->coverage.units,
		              p->coverage.translated, p->coverage.fuzzy, p->coverage.untranslated,
		              p->coverage.refused, p->coverage.words, p->coverage.words_translated, p->published,
		              p->title_fallback, p->summary_fallback);
		put_field(&out, p->title);
		put_field(&out, p->summary);
		put_field(&out, p->search_words);
		put_field(&out, p->warnings);
		kg_buf_putc(&out, '\n');
		free(lang);
	}
	kg_buf tmp = KG_BUF_INIT;
	kg_buf_printf(&tmp, "%s.tmp", path);
	FILE *f = fopen(tmp.data, "wb");
	int rc = -1;
	if (f) {
		int ok = fwrite(out.data, 1, out.len, f) == out.len;
		ok &= fclose(f) == 0;
		if (ok && rename(tmp.data, path) == 0)
			rc = 0;
		else
			remove(tmp.data);
	}
	kg_buf_release(&tmp);
	kg_buf_release(&out);
	return rc;
}
