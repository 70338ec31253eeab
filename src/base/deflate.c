/* deflate.c: libdeflate for the zlib streams Cairo and libarchive open
 * inside kg_deflate_begin()/kg_deflate_end() (deflate.h).
 *
 * Why: Cairo 1.16 compresses every stream of a PDF (page contents, fonts,
 * ToUnicode maps, images) through zlib's deflate() at level 6, a fifth of
 * the CPU of a Khmer handout (perf, the bench PDF kit: half page
 * contents, half fonts); libarchive compresses each member of the
 * language zips (35 MB of PDFs on the bundled kit) and of the DOCX and
 * ODT copies the same way, 8 % of a full build. libdeflate compresses a
 * whole buffer two to three times faster than zlib at the same level and
 * a little smaller, but neither library takes another compressor. So
 * kitgen defines zlib's deflateInit_(), deflateInit2_(), deflate() and
 * deflateEnd(), and the dynamic linker binds the libraries' calls to these
 * (the executable comes first in the lookup order).
 *
 * A stream opened while the calling thread is inside kg_deflate_begin()
 * (draw.c around one PDF; zip.c and office/package.c around one archive)
 * is collected whole and compressed at Z_FINISH by libdeflate, in the
 * format asked for (zlib for Cairo, raw deflate for zip members) at the
 * level asked for (zlib's default, -1, is 6 for both). Every other stream
 * of the process (libxml2, libpng, anything outside such a span) is handed
 * to zlib's own functions unchanged: they are found with dlsym(RTLD_NEXT),
 * and a stream of ours is told apart by its zfree, which no zlib stream
 * can have.
 *
 * Only what Cairo's and libarchive's writers do is supported on a stream
 * of ours: Z_NO_FLUSH any number of times, then Z_FINISH until all is
 * out, then deflateEnd(). Both loop until their input is taken, and at
 * Z_FINISH until Z_STREAM_END (Cairo) or until a call leaves room in the
 * output buffer (libarchive): so every call takes all its input and
 * writes as much as fits. Anything else (another flush mode, input after
 * Z_FINISH, deflateReset and the like are not defined here and would
 * reach zlib with a stream it does not know: none of the two calls them)
 * marks the stream failed; it ends empty and kg_deflate_end() returns -1,
 * so that the file is refused rather than wrong. Memory follows kitgen's
 * policy (alloc.h: out of memory aborts); when libdeflate cannot make a
 * compressor (no memory) the stream fails the same way.
 *
 * Owns each collected stream (freed by deflateEnd) and, per thread, the
 * libdeflate compressor of the current span (freed by kg_deflate_end).
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "kitgen/base/deflate.h"

#include "kitgen/base/alloc.h"

#include <dlfcn.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct collected {
	unsigned char *in; /* everything written so far */
	size_t len, cap;
	unsigned char *out; /* the compressed stream, once Z_FINISH came */
	size_t out_len, out_sent;
	int level; /* libdeflate's, 1 to 9 */
	int raw;   /* raw deflate (zip members), else the zlib format */
	int packed, failed;
} collected;

static _Thread_local int span_depth;
static _Thread_local int span_failed;
static _Thread_local struct libdeflate_compressor *compressor; /* of this span */
static _Thread_local int compressor_level;

/* The zfree of our streams: only compared, never called (no zlib
 * function sees these streams). */
static void ours(voidpf opaque, voidpf address)
{
	(void)opaque;
	(void)address;
}

static int is_ours(z_streamp strm) { return strm && strm->zfree == ours; }

static void drop_compressor(void)
{
	if (compressor)
		libdeflate_free_compressor(compressor);
	compressor = NULL;
}

void kg_deflate_begin(void)
{
	if (span_depth++ == 0)
		span_failed = 0;
}

int kg_deflate_end(void)
{
	if (span_depth == 0 || --span_depth > 0)
		return 0;
	drop_compressor();
	return span_failed ? -1 : 0;
}

int kg_deflate_end_file(kg_buf *out, size_t start, kg_diags *d, const char *path, const char *what)
{
	if (kg_deflate_end() == 0)
		return 0;
	kg_error(d, path, 0, 0, "cannot write the %s: a stream could not be compressed", what);
	kg_buf_truncate(out, start);
	return -1;
}

/* zlib's own function (never NULL in practice: Cairo and libarchive link
 * libz, so it is loaded). */
static void *zlib_function(const char *name) { return dlsym(RTLD_NEXT, name); }

static int collect(z_streamp strm, int level, int raw, const char *version, int stream_size)
{
	if (!strm || !version || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream))
		return Z_VERSION_ERROR;
	if (level == Z_DEFAULT_COMPRESSION)
		level = 6; /* zlib's default */
	if (level < 1 || level > 9)
		return Z_STREAM_ERROR;
	collected *c = kg_calloc(1, sizeof(*c));
	c->level = level;
	c->raw = raw;
	strm->state = (struct internal_state *)(void *)c;
	strm->zfree = ours;
	strm->msg = NULL;
	strm->total_in = strm->total_out = 0;
	return Z_OK;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (!span_depth || level == 0) {
		int (*zlib)(z_streamp, int, const char *, int) =
		    (int (*)(z_streamp, int, const char *, int))zlib_function("deflateInit_");
		return zlib ? zlib(strm, level, version, stream_size) : Z_VERSION_ERROR;
	}
	return collect(strm, level, 0, version, stream_size);
}

int deflateInit2_(z_streamp strm, int level, int method, int window_bits, int mem_level, int strategy,
                  const char *version, int stream_size)
{
	/* In a span: raw deflate (zip members) or the zlib format, with the
	 * 32 KB window libdeflate always uses; a smaller window, gzip, level 0
	 * (libdeflate 1.14 has none) and other strategies stay zlib's. */
	int raw = window_bits == -15, wrapped = window_bits == 15;
	if (!span_depth || method != Z_DEFLATED || (!raw && !wrapped) || strategy != Z_DEFAULT_STRATEGY ||
	    level == 0) {
		int (*zlib)(z_streamp, int, int, int, int, int, const char *, int) = (int (*)(
		    z_streamp, int, int, int, int, int, const char *, int))zlib_function("deflateInit2_");
		return zlib
		           ? zlib(strm, level, method, window_bits, mem_level, strategy, version, stream_size)
		           : Z_VERSION_ERROR;
	}
	return collect(strm, level, raw, version, stream_size);
}

/* Takes all of strm's input (kept, or dropped once the stream failed). */
static void take_input(collected *c, z_streamp strm)
{
	size_t n = strm->avail_in;
	if (n && c->packed)
		c->failed = 1; /* input after Z_FINISH */
	if (n && !c->failed) {
		if (c->len + n > c->cap) {
			size_t cap = c->cap ? c->cap : 16384;
			while (cap < c->len + n)
				cap *= 2;
			c->in = kg_realloc(c->in, cap);
			c->cap = cap;
		}
		memcpy(c->in + c->len, strm->next_in, n);
		c->len += n;
	}
	strm->next_in += n;
	strm->avail_in = 0;
	strm->total_in += n;
}

/* Compresses what c collected; 0, or -1 when libdeflate could not (no
 * memory for a compressor). */
static int pack(collected *c)
{
	if (compressor && compressor_level != c->level)
		drop_compressor();
	if (!compressor) {
		compressor = libdeflate_alloc_compressor(c->level); /* kept for the span */
		compressor_level = c->level;
	}
	if (!compressor)
		return -1;
	size_t bound = c->raw ? libdeflate_deflate_compress_bound(compressor, c->len)
	                      : libdeflate_zlib_compress_bound(compressor, c->len);
	c->out = kg_malloc(bound);
	c->out_len = c->raw ? libdeflate_deflate_compress(compressor, c->in, c->len, c->out, bound)
	                    : libdeflate_zlib_compress(compressor, c->in, c->len, c->out, bound);
	if (!span_depth) /* finished after its span: nothing keeps the compressor */
		drop_compressor();
	free(c->in);
	c->in = NULL;
	c->len = c->cap = 0;
	return c->out_len ? 0 : -1;
}

int deflate(z_streamp strm, int flush)
{
	if (!is_ours(strm)) {
		int (*zlib)(z_streamp, int) = (int (*)(z_streamp, int))zlib_function("deflate");
		return zlib ? zlib(strm, flush) : Z_STREAM_ERROR;
	}
	collected *c = (collected *)(void *)strm->state;
	if (!c)
		return Z_STREAM_ERROR;
	if (flush != Z_NO_FLUSH && flush != Z_FINISH)
		c->failed = 1;
	take_input(c, strm);
	if (flush != Z_FINISH)
		return Z_OK;
	if (!c->packed) {
		c->packed = 1;
		if (!c->failed && pack(c) < 0)
			c->failed = 1;
	}
	if (c->failed) {
		span_failed = 1;
		return Z_STREAM_END;
	}
	size_t n = c->out_len - c->out_sent;
	if (n > strm->avail_out)
		n = strm->avail_out;
	if (n)
		memcpy(strm->next_out, c->out + c->out_sent, n);
	c->out_sent += n;
	strm->next_out += n;
	strm->avail_out -= (uInt)n;
	strm->total_out += n;
	return c->out_sent == c->out_len ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm)
{
	if (!is_ours(strm)) {
		int (*zlib)(z_streamp) = (int (*)(z_streamp))zlib_function("deflateEnd");
		return zlib ? zlib(strm) : Z_STREAM_ERROR;
	}
	collected *c = (collected *)(void *)strm->state;
	if (c) {
		free(c->in);
		free(c->out);
		free(c);
	}
	strm->state = NULL;
	strm->zfree = NULL;
	return Z_OK;
}
