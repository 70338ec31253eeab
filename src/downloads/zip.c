/* zip.c: reproducible zip files written with libarchive into a kg_buf,
 * and the rewrite that makes a kitgen page work from file:// (export.h).
 * Borrows the entries' data; owns the libarchive handle and a sorted copy
 * of the entry list for the length of one call. */
#include "kitgen/downloads/export.h"
#include "kitgen/base/url.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/deflate.h"
#include "kitgen/render/html.h"
#include "kitgen/base/sort.h"

#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/utf8.h>

/* ---- zip ---- */

static la_ssize_t write_to_buf(struct archive *a, void *ud, const void *data, size_t len)
{
	(void)a;
	kg_buf_add(ud, data, len);
	return (la_ssize_t)len;
}

static int compare_entries(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return strcmp((*(const kg_bundle_entry *const *)a)->path, (*(const kg_bundle_entry *const *)b)->path);
}

/* NULL when path may go into a zip, else the reason. Unzip tools write
 * where the name says, so names that climb out or are absolute are refused. */
static const char *bad_path(const char *path)
{
	if (!path[0])
		return "an empty path";
	if (path[0] == '/')
		return "an absolute path";
	if (strchr(path, '\\'))
		return "a backslash (Windows tools read it as a folder separator)";
	int32_t len = (int32_t)strlen(path), i = 0;
	while (i < len) {
		UChar32 c;
		U8_NEXT(path, i, len, c);
		if (c < 0)
			return "invalid UTF-8";
		if (c < 0x20 || c == 0x7F)
			return "a control character";
	}
	for (const char *seg = path;;) {
		size_t n = strcspn(seg, "/");
		if (n == 0)
			return "an empty folder name";
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return "a '.' or '..' folder";
		if (!seg[n])
			return NULL;
		seg += n + 1;
	}
}

static uint32_t get16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t get32(const unsigned char *p) { return get16(p) | get16(p + 2) << 16; }
static uint64_t get64(const unsigned char *p) { return get32(p) | (uint64_t)get32(p + 4) << 32; }
static void put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v & 0xFF);
	p[1] = (unsigned char)(v >> 8 & 0xFF);
}

/* libarchive writes the DOS date and time of an entry in local time (it
 * calls localtime()), so the same build in two time zones would differ.
 * This sets them, in every local and central header, to mtime in UTC; the
 * "UT" extra field libarchive also writes already holds UTC. Returns 0, or
 * -1 if the zip's structure is not what libarchive writes. */
static int set_dos_times_utc(unsigned char *zip, size_t len, long long mtime)
{
	time_t t = (time_t)mtime;
	struct tm tm;
	uint32_t dos_date = 0x21, dos_time = 0; /* 1980-01-01 00:00, the earliest DOS time */
	if (gmtime_r(&t, &tm) && tm.tm_year >= 80 && tm.tm_year <= 207) {
		dos_date = (uint32_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
		dos_time = (uint32_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
	}
	if (len < 22)
		return -1;
	size_t eocd = len - 22; /* kitgen writes no archive comment */
	if (get32(zip + eocd) != 0x06054b50)
		return -1;
	uint64_t count = get16(zip + eocd + 10);
	uint64_t cd = get32(zip + eocd + 16);
	if ((count == 0xFFFF || cd == 0xFFFFFFFF) && eocd >= 20 && get32(zip + eocd - 20) == 0x07064b50) {
		uint64_t z64 = get64(zip + eocd - 20 + 8);
		if (z64 + 56 > len || get32(zip + z64) != 0x06064b50)
			return -1;
		count = get64(zip + z64 + 32);
		cd = get64(zip + z64 + 48);
	}
	for (uint64_t i = 0; i < count; i++) {
		if (cd + 46 > len || get32(zip + cd) != 0x02014b50)
			return -1;
		unsigned char *h = zip + cd;
		uint32_t name_len = get16(h + 28), extra_len = get16(h + 30), comment_len = get16(h + 32);
		if (cd + 46 + name_len + extra_len > len)
			return -1;
		uint64_t local = get32(h + 42);
		if (local == 0xFFFFFFFF) { /* the real offset is in the zip64 extra field */
			const unsigned char *x = h + 46 + name_len, *end = x + extra_len;
			local = UINT64_MAX;
			while (x + 4 <= end) {
				uint32_t id = get16(x), size = get16(x + 2);
				if (x + 4 + size > end)
					break;
				if (id == 0x0001) {
					size_t at = (get32(h + 24) == 0xFFFFFFFF ? 8 : 0) +
					            (get32(h + 20) == 0xFFFFFFFF ? 8 : 0);
					if (at + 8 <= size)
						local = get64(x + 4 + at);
				}
				x += 4 + size;
			}
		}
		if (local > len || local + 30 > len || get32(zip + local) != 0x04034b50)
			return -1;
		put16(h + 12, dos_time);
		put16(h + 14, dos_date);
		put16(zip + local + 10, dos_time);
		put16(zip + local + 12, dos_date);
		cd += 46 + (uint64_t)name_len + extra_len + comment_len;
	}
	return 0;
}

static int write_zip(const char *zip_path_for_diags, const kg_bundle_entry *entries, size_t count,
                     long long mtime, kg_buf *out_zip, kg_diags *d)
{
	int rc = -1;
	const char *where = zip_path_for_diags;
	kg_buf zip = KG_BUF_INIT;
	struct archive *a = NULL;
	struct archive_entry *e = NULL;
	const kg_bundle_entry **sorted = kg_calloc(count ? count : 1, sizeof(*sorted));
	for (size_t i = 0; i < count; i++) {
		const char *why = entries[i].path ? bad_path(entries[i].path) : "no path";
		if (why) {
			kg_error(d, where, 0, 0, "cannot put '%s' in the bundle: it has %s",
			         entries[i].path ? entries[i].path : "", why);
			goto out;
		}
		sorted[i] = &entries[i];
	}
	kg_sort(sorted, count, sizeof(*sorted), compare_entries, NULL);
	for (size_t i = 1; i < count; i++) {
		if (!strcmp(sorted[i]->path, sorted[i - 1]->path)) {
			kg_error(d, where, 0, 0, "the bundle would hold '%s' twice", sorted[i]->path);
			goto out;
		}
	}
	a = archive_write_new();
	/* hdrcharset=UTF-8 makes libarchive write names as UTF-8 and set the
	 * zip "language encoding" flag (bit 11), whatever the process locale. */
	if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
	    archive_write_set_options(a, "zip:hdrcharset=UTF-8,zip:compression=deflate") != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK || /* no padding */
	    archive_write_open2(a, &zip, NULL, write_to_buf, NULL, NULL) != ARCHIVE_OK)
		goto archive_error;
	e = archive_entry_new();
	for (size_t i = 0; i < count; i++) {
		archive_entry_clear(e);
		archive_entry_set_pathname_utf8(e, sorted[i]->path);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)sorted[i]->len);
		archive_entry_set_uid(e, 0);
		archive_entry_set_gid(e, 0);
		archive_entry_set_mtime(e, (time_t)mtime, 0);
		archive_entry_set_atime(e, (time_t)mtime, 0);
		archive_entry_set_ctime(e, (time_t)mtime, 0);
		if (archive_write_header(a, e) != ARCHIVE_OK)
			goto archive_error;
		const char *p = sorted[i]->data;
		size_t left = sorted[i]->len;
		while (left) {
			la_ssize_t n = archive_write_data(a, p, left);
			if (n <= 0)
				goto archive_error;
			p += n;
			left -= (size_t)n;
		}
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		goto archive_error;
	if (set_dos_times_utc((unsigned char *)zip.data, zip.len, mtime) < 0) {
		kg_error(d, where, 0, 0, "cannot set the time stamps of the zip libarchive wrote");
		goto out;
	}
	kg_buf_add(out_zip, zip.data, zip.len);
	rc = 0;
	goto out;
archive_error:
	kg_error(d, where, 0, 0, "cannot write the zip: %s",
	         archive_error_string(a) ? archive_error_string(a) : "libarchive failed");
out:
	if (e)
		archive_entry_free(e);
	if (a)
		archive_write_free(a);
	free(sorted);
	kg_buf_release(&zip);
	return rc;
}

int kg_bundle_zip(const char *zip_path_for_diags, const kg_bundle_entry *entries, size_t count,
                  long long mtime, kg_buf *out_zip, kg_diags *d)
{
	size_t start = out_zip->len;
	kg_deflate_begin(); /* the members compressed by libdeflate (base/deflate.h) */
	int rc = write_zip(zip_path_for_diags, entries, count, mtime, out_zip, d);
	return kg_deflate_end_file(out_zip, start, d, zip_path_for_diags, "zip") < 0 ? -1 : rc;
}

/* ---- pages for file:// ---- */

/* Appends the attribute value url (len bytes, as written in the HTML),
 * pointing folder URLs at their index.html. url[len] is the attribute's
 * closing quote, which is no scheme character and no ':', so
 * kg_url_has_scheme() stops there: it reads nothing past the value. */
static void add_file_url(kg_buf *out, const char *url, size_t len)
{
	size_t path_len = 0;
	while (path_len < len && url[path_len] != '#' && url[path_len] != '?')
		path_len++;
	int relative = path_len && !kg_url_has_scheme(url) && url[0] != '/';
	kg_buf_add(out, url, path_len);
	if (relative) {
		const char *end = url + path_len;
		if (end[-1] == '/')
			kg_buf_puts(out, "index.html");
		else if ((path_len == 1 && url[0] == '.') || (path_len >= 2 && !memcmp(end - 2, "/.", 2)) ||
		         (path_len == 2 && !memcmp(url, "..", 2)) ||
		         (path_len >= 3 && !memcmp(end - 3, "/..", 3)))
			kg_buf_puts(out, "/index.html");
	}
	kg_buf_add(out, url + path_len, len - path_len);
}

/* A redirect page's target (render/redirects.c) is a URL too. */
static const char refresh[] = "http-equiv=\"refresh\" content=\"0; url=";

void kg_bundle_html_for_files(const char *html, kg_buf *out)
{
	const char *p = html;
	const char *meta = strstr(p, refresh); /* searched once, not per href: pages have hundreds */
	for (;;) {
		const char *at = strstr(p, "href=");
		if (meta && (!at || meta < at)) {
			const char *value = meta + sizeof(refresh) - 1;
			const char *close = strchr(value, '"');
			kg_buf_add(out, p, (size_t)(value - p));
			p = value;
			if (close) {
				add_file_url(out, value, (size_t)(close - value));
				p = close;
			}
			meta = strstr(p, refresh);
			continue;
		}
		if (!at) {
			kg_buf_puts(out, p);
			return;
		}
		char quote = at[5];
		/* An attribute: after a space inside a tag, value quoted. Text
		 * cannot fake one: kitgen escapes quotes in text. */
		int attribute =
		    at > html && isspace((unsigned char)at[-1]) && (quote == '"' || quote == '\'');
		const char *value = at + 6;
		const char *close = attribute ? strchr(value, quote) : NULL;
		if (!close) {
			kg_buf_add(out, p, (size_t)(at + 5 - p));
			p = at + 5;
			continue;
		}
		kg_buf_add(out, p, (size_t)(value - p));
		add_file_url(out, value, (size_t)(close - value));
		p = close;
	}
}
