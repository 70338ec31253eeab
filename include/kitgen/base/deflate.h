/* deflate.h: the compression of the zlib streams kitgen's libraries write
 * for it. Cairo (every stream of a PDF) and libarchive (every member of a
 * zip, DOCX or ODT) compress through zlib's deflate(), about a tenth of a
 * full build's CPU; neither takes another compressor. Between
 * kg_deflate_begin() and kg_deflate_end() on a thread, the zlib streams
 * those libraries open there are compressed whole by libdeflate instead
 * (base/deflate.c says how and why it is safe); everywhere else zlib runs
 * as always.
 */
#ifndef KITGEN_DEFLATE_H
#define KITGEN_DEFLATE_H

#include "kitgen/base/buf.h"
#include "kitgen/base/diag.h"

#include <stddef.h>

/* They nest. The outermost kg_deflate_end() returns -1 when a stream of
 * the span was used in a way base/deflate.c does not support, else 0: the
 * file written in the span must then be refused, since a stream of it is
 * empty. kg_deflate_end_file() does that for a file written into
 * out[start..]: it reports "cannot write the <what>" at path, takes the
 * file out of out and returns -1 (else 0). */
void kg_deflate_begin(void);
int kg_deflate_end(void);
int kg_deflate_end_file(kg_buf *out, size_t start, kg_diags *d, const char *path, const char *what);

#endif
