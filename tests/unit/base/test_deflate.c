/* test_deflate.c: base/deflate.c. Inside kg_deflate_begin/_end a zlib
 * stream (Cairo's) or a raw deflate stream (libarchive's zip members) is
 * compressed whole by libdeflate (byte-identical to libdeflate's own
 * output, and zlib reads it back), however small the output buffer and
 * whether the caller stops at Z_STREAM_END or at the first call that
 * leaves room; outside, and for gzip, small-window and level-0 streams,
 * zlib's own deflate runs (a Z_SYNC_FLUSH flushes at once, which a
 * collected stream cannot); a flush mode neither library uses fails the
 * span instead of writing a wrong stream, and kg_deflate_end_file then
 * refuses the span's file. A real zip (kg_bundle_zip) holds libdeflate's
 * stream and reads back with libarchive. */
#define _GNU_SOURCE /* memmem */
#include "kitgen/base/deflate.h"

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"
#include "kitgen/downloads/export.h"

#include <archive.h>
#include <archive_entry.h>
#include <libdeflate.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <cmocka.h>

/* Some PDF-like text: operators, numbers and repeats. */
static unsigned char *sample(size_t *len)
{
	size_t cap = 200000, at = 0;
	unsigned char *s = malloc(cap);
	assert_non_null(s);
	for (unsigned i = 0; at + 64 < cap; i++)
		at += (size_t)snprintf((char *)s + at, cap - at,
		                       "BT /f-0-%u 1 Tf %u.%02u 0 Td [<%04x>-3<%04x>]TJ ET\n", i % 7,
		                       i * 37 % 500, i % 100, i * 13 % 65536, i * 7 % 65536);
	*len = at;
	return s;
}

/* Feeds data in three parts with Z_NO_FLUSH, then Z_FINISH through an
 * output buffer of room bytes, as Cairo does (zlib format, on until
 * Z_STREAM_END) or as libarchive's zip writer does (raw, on until a call
 * leaves room); returns the whole stream. */
static unsigned char *compress_in_parts(const unsigned char *data, size_t len, size_t room, int raw,
                                        size_t *out_len)
{
	z_stream z = {0};
	if (raw)
		assert_int_equal(
		    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
	else
		assert_int_equal(deflateInit(&z, Z_DEFAULT_COMPRESSION), Z_OK);
	size_t cap = len + 1024, at = 0;
	unsigned char *out = malloc(cap), *buf = malloc(room);
	assert_true(out && buf);
	size_t part = len / 3;
	for (int i = 0; i < 3; i++) {
		z.next_in = (Bytef *)data + (size_t)i * part;
		z.avail_in = (uInt)(i < 2 ? part : len - 2 * part);
		z.next_out = buf;
		z.avail_out = (uInt)room;
		assert_int_equal(deflate(&z, Z_NO_FLUSH), Z_OK);
		assert_int_equal(z.avail_in, 0); /* all taken, as Cairo's loop needs */
		size_t n = room - z.avail_out;
		memcpy(out + at, buf, n);
		at += n;
	}
	int rc;
	do {
		z.next_out = buf;
		z.avail_out = (uInt)room;
		rc = deflate(&z, Z_FINISH);
		assert_true(rc == Z_OK || rc == Z_STREAM_END);
		size_t n = room - z.avail_out;
		assert_true(at + n <= cap);
		memcpy(out + at, buf, n);
		at += n;
		if (raw && z.avail_out != 0)
			break; /* libarchive's test: the stream is out */
	} while (rc != Z_STREAM_END);
	assert_int_equal(z.total_in, len);
	assert_int_equal(z.total_out, at);
	assert_int_equal(deflateEnd(&z), Z_OK);
	free(buf);
	*out_len = at;
	return out;
}

static void assert_reads_back(const unsigned char *packed, size_t packed_len, int raw,
                              const unsigned char *data, size_t len)
{
	unsigned char *back = malloc(len + 16);
	assert_non_null(back);
	z_stream z = {0};
	assert_int_equal(inflateInit2(&z, raw ? -15 : 15), Z_OK);
	z.next_in = (Bytef *)packed;
	z.avail_in = (uInt)packed_len;
	z.next_out = back;
	z.avail_out = (uInt)(len + 16);
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, len);
	assert_int_equal(z.avail_in, 0);
	assert_memory_equal(back, data, len);
	inflateEnd(&z);
	free(back);
}

/* libdeflate's own stream of data at level 6 (caller frees). */
static unsigned char *libdeflate_stream(const unsigned char *data, size_t len, int raw, size_t *out_len)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
	size_t bound =
	    raw ? libdeflate_deflate_compress_bound(c, len) : libdeflate_zlib_compress_bound(c, len);
	unsigned char *out = malloc(bound);
	*out_len = raw ? libdeflate_deflate_compress(c, data, len, out, bound)
	               : libdeflate_zlib_compress(c, data, len, out, bound);
	libdeflate_free_compressor(c);
	return out;
}

static void test_streams_in_a_span_are_compressed_by_libdeflate(void **state)
{
	(void)state;
	size_t len;
	unsigned char *data = sample(&len);
	for (int raw = 0; raw <= 1; raw++) {
		size_t expected_len;
		unsigned char *expected = libdeflate_stream(data, len, raw, &expected_len);
		assert_true(expected_len > 0 && expected_len < len / 2);
		size_t rooms[] = {1, 1000, 16384, 1 << 20};
		for (size_t i = 0; i < sizeof rooms / sizeof *rooms; i++) {
			kg_deflate_begin();
			size_t got_len;
			unsigned char *got = compress_in_parts(data, len, rooms[i], raw, &got_len);
			assert_int_equal(kg_deflate_end(), 0);
			assert_int_equal(got_len, expected_len);
			assert_memory_equal(got, expected, expected_len);
			assert_reads_back(got, got_len, raw, data, len);
			free(got);
		}
		/* An empty stream is a valid empty stream. */
		kg_deflate_begin();
		size_t empty_len;
		unsigned char *empty = compress_in_parts(data, 0, 64, raw, &empty_len);
		assert_int_equal(kg_deflate_end(), 0);
		assert_true(empty_len > 0);
		assert_reads_back(empty, empty_len, raw, data, 0);
		free(empty);
		free(expected);
	}
	free(data);
}

/* A sync flush writes what it has at once and ends in 00 00 ff ff: only
 * zlib's deflate does, a collected stream writes nothing before Z_FINISH. */
static void assert_zlib_flushes(z_stream *z, const unsigned char *data, size_t len)
{
	unsigned char out[4096];
	z->next_in = (Bytef *)data;
	z->avail_in = (uInt)len;
	z->next_out = out;
	z->avail_out = sizeof out;
	assert_int_equal(deflate(z, Z_SYNC_FLUSH), Z_OK);
	size_t n = sizeof out - z->avail_out;
	assert_true(n >= 4);
	assert_memory_equal(out + n - 4, "\x00\x00\xff\xff", 4);
	/* zlib's deflateEnd says the stream was left unfinished. */
	assert_int_equal(deflateEnd(z), Z_DATA_ERROR);
}

static void test_other_streams_are_zlibs(void **state)
{
	(void)state;
	const unsigned char text[] = "a zip entry, not a PDF stream: a zip entry, not a PDF stream";
	z_stream outside = {0};
	assert_int_equal(deflateInit(&outside, 6), Z_OK);
	assert_zlib_flushes(&outside, text, sizeof text);
	/* In a span, a gzip stream, a smaller window and level 0 are zlib's
	 * too (libdeflate always uses a 32 KB window, and 1.14 has no level 0). */
	kg_deflate_begin();
	z_stream gzip = {0}, small = {0}, stored = {0};
	assert_int_equal(deflateInit2(&gzip, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	assert_zlib_flushes(&gzip, text, sizeof text);
	assert_int_equal(deflateInit2(&small, 6, Z_DEFLATED, -9, 8, Z_DEFAULT_STRATEGY), Z_OK);
	assert_zlib_flushes(&small, text, sizeof text);
	assert_int_equal(deflateInit(&stored, 0), Z_OK);
	assert_zlib_flushes(&stored, text, sizeof text);
	assert_int_equal(kg_deflate_end(), 0);
	/* Outside, a whole stream compressed in parts reads back. */
	size_t len;
	unsigned char *data = sample(&len);
	size_t packed_len;
	unsigned char *packed = compress_in_parts(data, len, 1 << 20, 0, &packed_len);
	assert_reads_back(packed, packed_len, 0, data, len);
	free(packed);
	free(data);
}

static void test_an_unsupported_flush_fails_the_span(void **state)
{
	(void)state;
	const unsigned char text[] = "BT /f-0-0 1 Tf (x) Tj ET";
	unsigned char out[256];
	kg_deflate_begin();
	z_stream z = {0};
	assert_int_equal(deflateInit(&z, Z_DEFAULT_COMPRESSION), Z_OK);
	z.next_in = (Bytef *)text;
	z.avail_in = sizeof text;
	z.next_out = out;
	z.avail_out = sizeof out;
	deflate(&z, Z_SYNC_FLUSH);
	assert_int_equal(z.avail_in, 0); /* taken, so that Cairo's loop ends */
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.avail_out, sizeof out); /* nothing written */
	assert_int_equal(deflateEnd(&z), Z_OK);
	assert_int_equal(kg_deflate_end(), -1);
	/* The next span starts afresh. */
	kg_deflate_begin();
	assert_int_equal(kg_deflate_end(), 0);
	/* kg_deflate_end_file refuses the file written in a failed span: an
	 * error at its path, and out as it was before it. */
	kg_buf file = KG_BUF_INIT;
	kg_buf_add(&file, "kept", 4);
	kg_diags diags;
	kg_diags_init(&diags);
	kg_deflate_begin();
	kg_buf_add(&file, "%PDF-1.5 ...", 12);
	z_stream bad = {0};
	assert_int_equal(deflateInit(&bad, Z_DEFAULT_COMPRESSION), Z_OK);
	bad.next_in = (Bytef *)text;
	bad.avail_in = sizeof text;
	deflate(&bad, Z_FULL_FLUSH);
	assert_int_equal(deflate(&bad, Z_FINISH), Z_STREAM_END);
	assert_int_equal(deflateEnd(&bad), Z_OK);
	assert_int_equal(kg_deflate_end_file(&file, 4, &diags, "x/handout.pdf", "PDF"), -1);
	assert_int_equal(file.len, 4);
	assert_memory_equal(file.data, "kept", 4);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].file, "x/handout.pdf");
	assert_non_null(strstr(diags.items[0].message, "cannot write the PDF"));
	/* A span that did not fail leaves the file and says nothing. */
	kg_deflate_begin();
	kg_buf_add(&file, "zip", 3);
	assert_int_equal(kg_deflate_end_file(&file, 4, &diags, "x.zip", "zip"), 0);
	assert_int_equal(file.len, 7);
	assert_int_equal(diags.count, 1);
	kg_buf_release(&file);
	kg_diags_release(&diags);
}

static void test_a_zip_holds_libdeflates_members(void **state)
{
	(void)state;
	size_t len;
	unsigned char *data = sample(&len);
	kg_bundle_entry entries[] = {{"a/handout.txt", data, len}, {"b.txt", "short", 5}};
	kg_buf zip = KG_BUF_INIT;
	kg_diags diags;
	kg_diags_init(&diags);
	assert_int_equal(kg_bundle_zip("test.zip", entries, 2, 0, &zip, &diags), 0);
	size_t expected_len;
	unsigned char *expected = libdeflate_stream(data, len, 1, &expected_len);
	assert_non_null(memmem(zip.data, zip.len, expected, expected_len));
	/* libarchive reads both members back. */
	struct archive *a = archive_read_new();
	archive_read_support_format_zip(a);
	assert_int_equal(archive_read_open_memory(a, zip.data, zip.len), ARCHIVE_OK);
	struct archive_entry *e;
	unsigned char *back = malloc(len);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(archive_read_next_header(a, &e), ARCHIVE_OK);
		assert_string_equal(archive_entry_pathname(e), entries[i].path);
		assert_int_equal(archive_read_data(a, back, len), (la_ssize_t)entries[i].len);
		assert_memory_equal(back, entries[i].data, entries[i].len);
	}
	assert_int_equal(archive_read_next_header(a, &e), ARCHIVE_EOF);
	archive_read_free(a);
	free(back);
	free(expected);
	kg_buf_release(&zip);
	kg_diags_release(&diags);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_streams_in_a_span_are_compressed_by_libdeflate),
	    cmocka_unit_test(test_other_streams_are_zlibs),
	    cmocka_unit_test(test_an_unsupported_flush_fails_the_span),
	    cmocka_unit_test(test_a_zip_holds_libdeflates_members),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
