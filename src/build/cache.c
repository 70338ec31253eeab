/* cache.c: the incremental-build cache (see cache.h). Owns the old records
 * read from disk and the new ones this build adds; a mutex guards the
 * latter and the file-hash table, since phases run on the thread pool. */
#include "build/cache.h"
#include "kitgen/base/hash.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"
#include "kitgen/base/pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define CACHE_MAGIC "kitgen-cache 2"

typedef struct file_entry {
	char *path;   /* old entries: into the file's text; new ones: owned unless borrowed */
	int borrowed; /* new entries: path points into the text */
	long long size, mtime_ns, ino;
	uint64_t hash;
} file_entry;

typedef struct page_entry {
	char *lang, *rel; /* the record's id */
	cache_page page;
	int owned; /* else the strings are borrowed (see below) */
} page_entry;

/* Old records point into the cache file's text, and the build's own
 * records may borrow its strings (cache_new_page_borrowed): no copy per
 * field, since a 5,000-page kit in 8 languages has 45,000 records. */
typedef KG_ARRAY(page_entry) table;

struct build_cache {
	char *version;
	kg_buf text; /* the file as read, unescaped in place */
	file_entry *files;
	size_t file_count, file_cap;
	table old_pages, new_pages;
	file_entry *new_files;
	size_t new_file_count, new_file_cap;
	pthread_mutex_t lock;
};

static int compare_files(const void *a, const void *b);

static void page_release(cache_page *p)
{
	free(p->title);
	free(p->summary);
	free(p->warnings);
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		if (!t->items[i].owned)
			continue;
		free(t->items[i].lang);
		free(t->items[i].rel);
		page_release(&t->items[i].page);
	}
	kg_array_release(t);
}

static int compare_entries(const void *a, const void *b)
{
	const page_entry *x = a, *y = b;
	int c = strcmp(x->lang, y->lang);
	return c ? c : strcmp(x->rel, y->rel);
}

/* Fields are tab-separated; \t, \n and \\ inside them are escaped, and a
 * missing string is \0. Written in runs: the cache of a large kit is tens
 * of megabytes, saved after every build. */
static void put_field(kg_buf *out, const char *s)
{
	kg_buf_putc(out, '\t');
	if (!s) {
		kg_buf_add(out, "\\0", 2);
		return;
	}
	for (;;) {
		size_t run = strcspn(s, "\t\n\\");
		kg_buf_add(out, s, run);
		s += run;
		if (!*s)
			return;
		kg_buf_add(out, *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : "\\\\", 2);
		s++;
	}
}

static void put_number(kg_buf *out, unsigned long long n, int base, int width, int negative)
{
	kg_buf_add(out, negative ? "\t-" : "\t", negative ? 2 : 1);
	kg_buf_put_uint(out, n, base, width);
}

static void put_signed(kg_buf *out, long long n)
{
	put_number(out, n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n, 10, 0, n < 0);
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
				*w++ = *p == 't'   ? '\t'
				       : *p == 'n' ? '\n'
				       : *p == '0' ? (null_field[n] = 1, '\0')
				                   : *p;
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

static int sorted(const void *items, size_t count, size_t size, int (*cmp)(const void *, const void *))
{
	const char *p = items;
	for (size_t i = 1; i < count; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0)
			return 0;
	return 1;
}

/* One slice of the file's lines, parsed on its own thread into its own
 * arrays; the slices are joined in file order afterwards. */
typedef struct load_slice {
	char *begin, *end; /* whole lines */
	file_entry *files;
	size_t file_count, file_cap;
	table pages;
	int valid;
} load_slice;

static void parse_slice(void *ctx, size_t index)
{
	load_slice *slice = &((load_slice *)ctx)[index];
	slice->valid = 1;
	for (char *p = slice->begin; slice->valid && p < slice->end;) {
		char *eol = memchr(p, '\n', (size_t)(slice->end - p));
		if (!eol) {
			slice->valid = 0; /* a truncated file: distrust all of it */
			break;
		}
		*eol = '\0';
		char *fields[20];
		int nulls[20];
		size_t n = split_fields(p, fields, 20, nulls);
		if (!strcmp(fields[0], "F") && n == 6) {
			kg_array_grow(slice->files, slice->file_cap, slice->file_count + 1);
			file_entry *e = &slice->files[slice->file_count++];
			memset(e, 0, sizeof(*e));
			e->path = fields[1];
			e->size = atoll(fields[2]);
			e->mtime_ns = atoll(fields[3]);
			e->ino = atoll(fields[4]);
			e->hash = strtoull(fields[5], NULL, 16);
		} else if (!strcmp(fields[0], "P") && n == 19) {
			page_entry *e = kg_array_add(&slice->pages);
			e->lang = fields[1];
			e->rel = fields[2];
			cache_page *page = &e->page;
			page->key = strtoull(fields[3], NULL, 16);
			page->out_key = strtoull(fields[4], NULL, 16);
			size_t *nums[8] = {&page->coverage.units,
			                   &page->coverage.translated,
			                   &page->coverage.fuzzy,
			                   &page->coverage.untranslated,
			                   &page->coverage.refused,
			                   &page->coverage.words,
			                   &page->coverage.words_translated,
			                   &page->bytes};
			for (int i = 0; i < 8; i++)
				*nums[i] = (size_t)strtoull(fields[5 + i], NULL, 10);
			page->published = atoi(fields[13]);
			page->title_fallback = atoi(fields[14]);
			page->summary_fallback = atoi(fields[15]);
			page->title = nulls[16] ? NULL : fields[16];
			page->summary = nulls[17] ? NULL : fields[17];
			page->warnings = nulls[18] ? NULL : fields[18];
		} else {
			slice->valid = 0;
		}
		p = eol + 1;
	}
}

build_cache *cache_load(const char *path, const char *version)
{
	build_cache *c = kg_calloc(1, sizeof(*c));
	c->version = kg_strdup(version);
	kg_buf_init(&c->text);
	pthread_mutex_init(&c->lock, NULL);
	if (kg_buf_read_file(&c->text, path) < 0) {
		kg_buf_release(&c->text);
		return c;
	}
	kg_buf magic = KG_BUF_INIT;
	kg_buf_printf(&magic, "%s %s\n", CACHE_MAGIC, version);
	int valid = c->text.len >= magic.len && !memcmp(c->text.data, magic.data, magic.len);
	char *body = c->text.data + (valid ? magic.len : c->text.len), *end = c->text.data + c->text.len;
	/* Tens of megabytes for a large kit, read before anything else can
	 * start: parsed in slices on every core. */
	size_t count = (size_t)kg_pool_cores();
	if (count > 8)
		count = 8;
	if ((size_t)(end - body) < ((size_t)1 << 20))
		count = 1;
	load_slice *slices = kg_calloc(count, sizeof(*slices));
	for (size_t i = 0; i < count; i++) {
		char *cut = i + 1 == count ? end : body + (size_t)(end - body) / count * (i + 1);
		if (i + 1 < count) {
			char *nl = memchr(cut, '\n', (size_t)(end - cut));
			cut = nl ? nl + 1 : end;
		}
		slices[i].begin = i ? slices[i - 1].end : body;
		slices[i].end = cut < slices[i].begin ? slices[i].begin : cut;
	}
	if (valid)
		kg_pool_run((int)count, count, parse_slice, slices, NULL);
	size_t files = 0, pages = 0;
	for (size_t i = 0; i < count; i++) {
		valid &= slices[i].valid;
		files += slices[i].file_count;
		pages += slices[i].pages.count;
	}
	if (valid) {
		kg_array_grow(c->files, c->file_cap, files);
		kg_array_reserve(&c->old_pages, pages);
		for (size_t i = 0; i < count; i++) {
			if (slices[i].file_count)
				memcpy(c->files + c->file_count, slices[i].files,
				       slices[i].file_count * sizeof(*c->files));
			c->file_count += slices[i].file_count;
			if (slices[i].pages.count)
				memcpy(c->old_pages.items + c->old_pages.count, slices[i].pages.items,
				       slices[i].pages.count * sizeof(page_entry));
			c->old_pages.count += slices[i].pages.count;
		}
	}
	for (size_t i = 0; i < count; i++) {
		free(slices[i].files);
		free(slices[i].pages.items);
	}
	free(slices);
	/* cache_save writes both in order: sort only a file that is not. */
	if (!sorted(c->old_pages.items, c->old_pages.count, sizeof(page_entry), compare_entries))
		qsort(c->old_pages.items, c->old_pages.count, sizeof(page_entry), compare_entries);
	if (!sorted(c->files, c->file_count, sizeof(file_entry), compare_files))
		qsort(c->files, c->file_count, sizeof(file_entry), compare_files);
	kg_buf_release(&magic);
	return c;
}

void cache_free(build_cache *c)
{
	if (!c)
		return;
	free(c->files); /* their paths point into text */
	for (size_t i = 0; i < c->new_file_count; i++)
		if (!c->new_files[i].borrowed)
			free(c->new_files[i].path);
	free(c->new_files);
	table_free(&c->old_pages);
	table_free(&c->new_pages);
	kg_buf_release(&c->text);
	pthread_mutex_destroy(&c->lock);
	free(c->version);
	free(c);
}

/* The files are sorted by path when the cache is loaded. */
static const file_entry *old_file(const build_cache *c, const char *path)
{
	file_entry key = {.path = (char *)path};
	return c->file_count ? bsearch(&key, c->files, c->file_count, sizeof(file_entry), compare_files)
	                     : NULL;
}

static file_entry *push_file(build_cache *c)
{
	kg_array_grow(c->new_files, c->new_file_cap, c->new_file_count + 1);
	return &c->new_files[c->new_file_count++];
}

uint64_t cache_content_hash(const char *data, size_t len)
{
	return kg_hash64(data, len, 0) | 1; /* never 0: 0 means missing */
}

uint64_t cache_file_hash(build_cache *c, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return 0;
	long long mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	const file_entry *old = old_file(c, path); /* read-only since cache_load: no lock */
	uint64_t hash = 0;
	int known = old && old->size == (long long)st.st_size && old->mtime_ns == mtime &&
	            old->ino == (long long)st.st_ino;
	if (known)
		hash = old->hash;
	if (!known) {
		kg_buf data = KG_BUF_INIT;
		if (kg_buf_read_file(&data, path) < 0) {
			kg_buf_release(&data);
			return 0;
		}
		hash = cache_content_hash(data.data, data.len);
		kg_buf_release(&data);
	}
	/* A file changed within the file system's timestamp tick after it was
	 * read keeps its mtime: do not vouch for one modified in the last two
	 * seconds (it is read again next time). */
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	if (!known && (long long)now.tv_sec - (long long)st.st_mtim.tv_sec < 2)
		mtime = -1;
	pthread_mutex_lock(&c->lock);
	file_entry *e = push_file(c);
	e->path = kg_strdup(path);
	e->borrowed = 0;
	e->size = (long long)st.st_size;
	e->mtime_ns = mtime;
	e->ino = (long long)st.st_ino;
	e->hash = hash;
	pthread_mutex_unlock(&c->lock);
	return hash;
}

uint64_t cache_file_hash_unchanged(build_cache *c, const char *path)
{
	const file_entry *old = old_file(c, path);
	if (!old)
		return cache_file_hash(c, path);
	pthread_mutex_lock(&c->lock);
	file_entry *e = push_file(c);
	*e = *old;
	e->borrowed = 1; /* the old entry's path lives in the cache's text */
	pthread_mutex_unlock(&c->lock);
	return old->hash;
}

const cache_page *cache_old_page(const build_cache *c, const char *lang, const char *rel)
{
	page_entry key = {.lang = (char *)lang, .rel = (char *)rel};
	const page_entry *e = c->old_pages.count ? bsearch(&key, c->old_pages.items, c->old_pages.count,
	                                                   sizeof(page_entry), compare_entries)
	                                         : NULL;
	return e ? &e->page : NULL;
}

size_t cache_old_lang_start(const build_cache *c, const char *lang, size_t *specials)
{
	size_t lo = 0, hi = c->old_pages.count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(c->old_pages.items[mid].lang, lang) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Records that are not pages ("\x01search/0") sort after the home
	 * page ("") and before every other path. */
	size_t i = lo;
	while (i < c->old_pages.count && !strcmp(c->old_pages.items[i].lang, lang) &&
	       c->old_pages.items[i].rel[0] <= '\x01')
		i++;
	*specials = 0;
	for (size_t k = lo; k < i; k++)
		*specials += c->old_pages.items[k].rel[0] == '\x01';
	return lo;
}

const cache_page *cache_old_page_at(const build_cache *c, const char *lang, const char *rel, size_t guess)
{
	if (guess < c->old_pages.count) {
		const page_entry *e = &c->old_pages.items[guess];
		if (!strcmp(e->rel, rel) && !strcmp(e->lang, lang))
			return &e->page;
	}
	return cache_old_page(c, lang, rel);
}

void cache_new_page(build_cache *c, const char *lang, const char *rel, const cache_page *page)
{
	page_entry e = {.lang = kg_strdup(lang), .rel = kg_strdup(rel), .page = *page, .owned = 1};
	e.page.title = page->title ? kg_strdup(page->title) : NULL;
	e.page.summary = page->summary ? kg_strdup(page->summary) : NULL;
	e.page.warnings = page->warnings ? kg_strdup(page->warnings) : NULL;
	pthread_mutex_lock(&c->lock);
	kg_array_push(&c->new_pages, e);
	pthread_mutex_unlock(&c->lock);
}

void cache_new_page_borrowed(build_cache *c, const char *lang, const char *rel, const cache_page *page)
{
	page_entry e = {.lang = (char *)lang, .rel = (char *)rel, .page = *page, .owned = 0};
	pthread_mutex_lock(&c->lock);
	kg_array_push(&c->new_pages, e);
	pthread_mutex_unlock(&c->lock);
}

void cache_encode_warnings(const kg_diags *d, kg_buf *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const kg_diag *g = &d->items[i];
		if (g->severity != KG_WARNING)
			continue;
		kg_buf_printf(out, "%s\x1f%d\x1f%d\x1f%s\x1e", g->file ? g->file : "", g->line, g->col,
		              g->message);
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

int cache_save_begin(build_cache *c, const char *path)
{
	kg_buf out = KG_BUF_INIT;
	kg_buf_grow(&out, c->text.len + c->text.len / 8); /* about the last one's size */
	kg_buf_printf(&out, "%s %s\n", CACHE_MAGIC, c->version);
	if (c->new_file_count > 1)
		qsort(c->new_files, c->new_file_count, sizeof(file_entry), compare_files);
	for (size_t i = 0; i < c->new_file_count; i++) {
		const file_entry *e = &c->new_files[i];
		if (i && !strcmp(e->path, c->new_files[i - 1].path))
			continue;
		kg_buf_putc(&out, 'F');
		put_field(&out, e->path);
		put_signed(&out, e->size);
		put_signed(&out, e->mtime_ns);
		put_signed(&out, e->ino);
		put_number(&out, e->hash, 16, 16, 0);
		kg_buf_putc(&out, '\n');
	}
	if (c->new_pages.count > 1)
		qsort(c->new_pages.items, c->new_pages.count, sizeof(page_entry), compare_entries);
	for (size_t i = 0; i < c->new_pages.count; i++) {
		const page_entry *e = &c->new_pages.items[i];
		const cache_page *p = &e->page;
		kg_buf_putc(&out, 'P');
		put_field(&out, e->lang);
		put_field(&out, e->rel);
		put_number(&out, p->key, 16, 16, 0);
		put_number(&out, p->out_key, 16, 16, 0);
		const size_t nums[8] = {p->coverage.units,
		                        p->coverage.translated,
		                        p->coverage.fuzzy,
		                        p->coverage.untranslated,
		                        p->coverage.refused,
		                        p->coverage.words,
		                        p->coverage.words_translated,
		                        p->bytes};
		for (int k = 0; k < 8; k++)
			put_number(&out, nums[k], 10, 0, 0);
		put_number(&out, (unsigned long long)(p->published != 0), 10, 0, 0);
		put_number(&out, (unsigned long long)(p->title_fallback != 0), 10, 0, 0);
		put_number(&out, (unsigned long long)(p->summary_fallback != 0), 10, 0, 0);
		put_field(&out, p->title);
		put_field(&out, p->summary);
		put_field(&out, p->warnings);
		kg_buf_putc(&out, '\n');
	}
	kg_buf tmp = KG_BUF_INIT;
	kg_buf_printf(&tmp, "%s.tmp", path);
	FILE *f = fopen(tmp.data, "wb");
	int rc = -1;
	if (f) {
		int ok = fwrite(out.data, 1, out.len, f) == out.len;
		ok &= fclose(f) == 0;
		if (ok)
			rc = 0;
		else
			remove(tmp.data);
	}
	kg_buf_release(&tmp);
	kg_buf_release(&out);
	return rc;
}

void cache_save_finish(const char *path, int keep)
{
	kg_buf tmp = KG_BUF_INIT;
	kg_buf_printf(&tmp, "%s.tmp", path);
	if (!keep || rename(tmp.data, path) < 0)
		remove(tmp.data);
	kg_buf_release(&tmp);
}

int cache_save(build_cache *c, const char *path)
{
	int rc = cache_save_begin(c, path);
	if (rc == 0)
		cache_save_finish(path, 1);
	return rc;
}
