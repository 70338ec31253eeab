/* package.c: the zip container of DOCX and ODT files, written by
 * libarchive into memory and then adjusted where libarchive cannot be
 * told: DOS time stamps in UTC (libarchive uses local time), and ODF's
 * "mimetype" part, which must come first, stored, without an extra field
 * or data descriptor. libarchive writes every other part; the mimetype
 * part is put in front of them by hand and every offset moved. (kitgen's
 * bundle zips, downloads/zip.c, sort their entries and need neither.)
 * Owns the libarchive handle and its buffer for one call. */
#include "office/office_internal.h"

#include "kitgen/base/deflate.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

static la_ssize_t write_to_buf(struct archive *a, void *ud, const void *data, size_t len)
{
	(void)a;
	kg_buf_add(ud, data, len);
	return (la_ssize_t)len;
}

static uint32_t get16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t get32(const unsigned char *p) { return get16(p) | get16(p + 2) << 16; }
static void put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v & 0xFF);
	p[1] = (unsigned char)(v >> 8 & 0xFF);
}
static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}
static void add16(kg_buf *b, uint32_t v)
{
	unsigned char x[2];
	put16(x, v);
	kg_buf_add(b, x, 2);
}
static void add32(kg_buf *b, uint32_t v)
{
	unsigned char x[4];
	put32(x, v);
	kg_buf_add(b, x, 4);
}

static uint32_t crc32_of(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t crc = 0xFFFFFFFFu;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xEDB88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static void dos_time(long long mtime, uint32_t *date, uint32_t *time_of_day)
{
	time_t t = (time_t)mtime;
	struct tm tm;
	*date = 0x21; /* 1980-01-01, the earliest a zip can say */
	*time_of_day = 0;
	if (gmtime_r(&t, &tm) && tm.tm_year >= 80 && tm.tm_year <= 207) {
		*date = (uint32_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
		*time_of_day = (uint32_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
	}
}

/* Sets every header's DOS time to mtime in UTC and, when shift > 0, moves
 * every local header offset and the central directory by shift (for a
 * part put in front). Returns the central directory's offset and entry
 * count through the pointers, or -1 when the zip is not what libarchive
 * writes (a package is far below zip64's sizes). */
static int adjust(unsigned char *zip, size_t len, long long mtime, uint32_t shift, uint32_t *cd_offset,
                  uint32_t *count_out)
{
	uint32_t date, tod;
	dos_time(mtime, &date, &tod);
	if (len < 22 || get32(zip + len - 22) != 0x06054b50)
		return -1;
	unsigned char *eocd = zip + len - 22;
	uint32_t count = get16(eocd + 10), cd = get32(eocd + 16);
	uint32_t at = cd;
	for (uint32_t i = 0; i < count; i++) {
		if ((size_t)at + 46 > len || get32(zip + at) != 0x02014b50)
			return -1;
		unsigned char *h = zip + at;
		uint32_t local = get32(h + 42);
		if ((size_t)local + 30 > len || get32(zip + local) != 0x04034b50)
			return -1;
		put16(h + 12, tod);
		put16(h + 14, date);
		put16(zip + local + 10, tod);
		put16(zip + local + 12, date);
		put32(h + 42, local + shift);
		at += 46 + get16(h + 28) + get16(h + 30) + get16(h + 32);
	}
	*cd_offset = cd;
	*count_out = count;
	return 0;
}

static int write_package(const kg_office_request *req, const office_part *parts, size_t count, kg_buf *out,
                         kg_diags *diags)
{
	int rc = -1;
	kg_buf zip = KG_BUF_INIT;
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	const office_part *mimetype = count && !strcmp(parts[0].path, "mimetype") ? &parts[0] : NULL;
	if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
	    archive_write_set_options(a, "zip:hdrcharset=UTF-8,zip:compression=deflate") != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    archive_write_open2(a, &zip, NULL, write_to_buf, NULL, NULL) != ARCHIVE_OK)
		goto archive_error;
	for (size_t i = mimetype ? 1 : 0; i < count; i++) {
		archive_entry_clear(e);
		archive_entry_set_pathname_utf8(e, parts[i].path);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)parts[i].len);
		archive_entry_set_mtime(e, (time_t)req->mtime, 0);
		if (archive_write_header(a, e) != ARCHIVE_OK)
			goto archive_error;
		if (parts[i].len &&
		    archive_write_data(a, parts[i].data, parts[i].len) != (la_ssize_t)parts[i].len)
			goto archive_error;
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		goto archive_error;

	uint32_t shift = 0, cd = 0, entries = 0, date, tod;
	size_t name_len = mimetype ? strlen(mimetype->path) : 0;
	if (mimetype)
		shift = (uint32_t)(30 + name_len + mimetype->len);
	if (adjust((unsigned char *)zip.data, zip.len, req->mtime, shift, &cd, &entries) < 0) {
		kg_error(diags, req->display_path, 0, 0, "cannot adjust the zip libarchive wrote");
		goto out;
	}
	if (!mimetype) {
		kg_buf_add(out, zip.data, zip.len);
		rc = 0;
		goto out;
	}
	/* local header, data; libarchive's parts; a central record first; the rest. */
	dos_time(req->mtime, &date, &tod);
	uint32_t crc = crc32_of(mimetype->data, mimetype->len), size = (uint32_t)mimetype->len;
	add32(out, 0x04034b50);
	add16(out, 10); /* version needed: 1.0 */
	add16(out, 0);  /* flags */
	add16(out, 0);  /* stored */
	add16(out, tod);
	add16(out, date);
	add32(out, crc);
	add32(out, size);
	add32(out, size);
	add16(out, (uint32_t)name_len);
	add16(out, 0); /* no extra field */
	kg_buf_add(out, mimetype->path, name_len);
	kg_buf_add(out, mimetype->data, mimetype->len);
	kg_buf_add(out, zip.data, cd);
	add32(out, 0x02014b50);
	add16(out, 0x031e); /* made by: Unix, 3.0 */
	add16(out, 10);
	add16(out, 0);
	add16(out, 0);
	add16(out, tod);
	add16(out, date);
	add32(out, crc);
	add32(out, size);
	add32(out, size);
	add16(out, (uint32_t)name_len);
	add16(out, 0); /* extra */
	add16(out, 0); /* comment */
	add16(out, 0); /* disk */
	add16(out, 0); /* internal attributes */
	add32(out, 0100644u << 16);
	add32(out, 0); /* its local header: the first */
	kg_buf_add(out, mimetype->path, name_len);
	size_t eocd = zip.len - 22;
	kg_buf_add(out, zip.data + cd, eocd - cd);
	unsigned char end[22];
	memcpy(end, zip.data + eocd, 22);
	put16(end + 8, entries + 1);
	put16(end + 10, entries + 1);
	put32(end + 12, get32(end + 12) + 46 + (uint32_t)name_len);
	put32(end + 16, cd + shift);
	kg_buf_add(out, end, 22);
	rc = 0;
	goto out;
archive_error:
	kg_error(diags, req->display_path, 0, 0, "cannot write the package: %s",
	         archive_error_string(a) ? archive_error_string(a) : "libarchive failed");
out:
	archive_entry_free(e);
	archive_write_free(a);
	kg_buf_release(&zip);
	return rc;
}

int office_package(const kg_office_request *req, const office_part *parts, size_t count, kg_buf *out,
                   kg_diags *diags)
{
	size_t start = out->len;
	kg_deflate_begin(); /* the parts compressed by libdeflate (base/deflate.h) */
	int rc = write_package(req, parts, count, out, diags);
	return kg_deflate_end_file(out, start, diags, req->display_path, "package") < 0 ? -1 : rc;
}
