/* deflate.c: the compression of the PDFs' streams. Cairo 1.16 compresses
 * every stream of a PDF (page contents, fonts, ToUnicode maps, images)
 * through zlib's deflate() at level 6, and that was a fifth of the CPU of
 * a handout (perf, the bench PDF kit in Khmer: half page contents, half
 * fonts). Cairo has no option for another compressor, so kitgen defines
 * zlib's deflateInit_(), deflate() and deflateEnd() itself, and the
 * dynamic linker binds Cairo's calls to these: a stream opened while the
 * calling thread is inside pdf_streams_begin()/pdf_streams_end() (draw.c,
 * around one PDF) is collected whole and compressed at Z_FINISH by
 * libdeflate (the same zlib format, level 6: on the bench PDF kit the
 * handouts' CPU 8 % less and the files 0.3 % smaller). Every other stream
 * of the process (libarchive's zips, libxml2, libpng; any made outside
 * a PDF) is handed to zlib's own functions unchanged: they are found with
 * dlsym(RTLD_NEXT), and a stream of ours is told apart by its zfree,
 * which no zlib stream can have.
 *
 * Only what Cairo's deflate stream does is supported on a stream of ours:
 * Z_NO_FLUSH any number of times, then Z_FINISH until Z_STREAM_END, then
 * deflateEnd(). Cairo loops until its input is taken and, at Z_FINISH,
 * until Z_STREAM_END, and looks at nothing else: so every call takes all
 * its input, and anything else (another flush mode, input after
 * Z_FINISH) marks the stream failed, ends it empty, and makes
 * pdf_streams_end() fail, so that the PDF is refused rather than wrong.
 * Memory follows kitgen's policy (alloc.h: out of memory aborts); when
 * libdeflate cannot make a compressor (no memory) the stream fails the
 * same way.
 *
 * Owns each collected stream (freed by deflateEnd) and, per thread, the
 * libdeflate compressor of the PDF being written (freed by
 * pdf_streams_end).
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"

#include <dlfcn.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define LEVEL 6

typedef struct collected {
	unsigned char *in; /* everything written so far */
	size_t len, cap;
	unsigned char *out; /* the zlib stream, once Z_FINISH came */
	size_t out_len, out_sent;
	int packed, failed;
} collected;

static _Thread_local int streams_depth;
static _Thread_local int streams_failed;
static _Thread_local struct libdeflate_compressor *compressor;

/* The zfree of our streams: only compared, never called (no zlib
 * function sees these streams). */
static void ours(voidpf opaque, voidpf address)
{
	(void)opaque;
	(void)address;
}

static int is_ours(z_streamp strm) { return strm && strm->zfree == ours; }

void pdf_streams_begin(void)
{
	if (streams_depth++ == 0)
		streams_failed = 0;
}

int pdf_streams_end(void)
{
	if (streams_depth == 0 || --streams_depth > 0)
		return 0;
	if (compressor) {
		libdeflate_free_compressor(compressor);
		compressor = NULL;
	}
	return streams_failed ? -1 : 0;
}

/* zlib's own function (NULL only if libz is not loaded, which cannot be:
 * Cairo links it). */
static void *zlib_function(const char *name) { return dlsym(RTLD_NEXT, name); }

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (!streams_depth) {
		int (*zlib)(z_streamp, int, const char *, int) =
		    (int (*)(z_streamp, int, const char *, int))zlib_function("deflateInit_");
		return zlib ? zlib(strm, level, version, stream_size) : Z_VERSION_ERROR;
	}
	if (!strm || !version || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream))
		return Z_VERSION_ERROR;
	strm->state = (struct internal_state *)(void *)kg_calloc(1, sizeof(collected));
	strm->zfree = ours;
	strm->msg = NULL;
	strm->total_in = strm->total_out = 0;
	return Z_OK;
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
	if (!compressor)
		compressor = libdeflate_alloc_compressor(LEVEL); /* freed by pdf_streams_end */
	if (!compressor)
		return -1;
	size_t bound = libdeflate_zlib_compress_bound(compressor, c->len);
	c->out = kg_malloc(bound);
	c->out_len = libdeflate_zlib_compress(compressor, c->in, c->len, c->out, bound);
	if (!streams_depth) { /* finished outside a PDF: not kept */
		libdeflate_free_compressor(compressor);
		compressor = NULL;
	}
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
	if (c->failed) {
		streams_failed = 1;
		return Z_STREAM_END;
	}
	if (!c->packed) {
		c->packed = 1;
		if (pack(c) < 0) {
			streams_failed = 1;
			return Z_STREAM_END;
		}
	}
	size_t n = c->out_len - c->out_sent;
	if (n > strm->avail_out)
		n = strm->avail_out;
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
