/* buf.h: kg_buf, the one growable byte buffer used everywhere.
 *
 * Invariants, after kg_buf_init() or KG_BUF_INIT:
 *   - data is never NULL (an empty buffer points at a shared static "");
 *   - data[len] == '\0' always, so data is a C string when it holds no NUL;
 *   - the buffer owns data when cap > 0; the only way to take ownership is
 *     kg_buf_detach(), which leaves the buffer empty and valid.
 * kg_buf_release() frees the memory and re-initializes the buffer.
 */
#ifndef KITGEN_BUF_H
#define KITGEN_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct kg_buf {
	char *data;
	size_t len;
	size_t cap;
} kg_buf;

extern char kg_buf_empty[];
#define KG_BUF_INIT                \
	{                          \
		kg_buf_empty, 0, 0 \
	}

void kg_buf_init(kg_buf *b);
void kg_buf_release(kg_buf *b);
/* Empties the buffer, keeping its memory. */
void kg_buf_reset(kg_buf *b);
/* Makes room for at least extra more bytes (plus the NUL). */
void kg_buf_grow(kg_buf *b, size_t extra);
void kg_buf_add(kg_buf *b, const void *data, size_t len);
void kg_buf_puts(kg_buf *b, const char *s);
/* Inline: HTML, JSON and Markdown writers put text a character at a time,
 * and the call was 1.5 % of an HTML build. */
static inline void kg_buf_putc(kg_buf *b, int c)
{
	if (b->len + 2 > b->cap)
		kg_buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}
/* Appends n in base 10 or 16 (lower case), zero-padded to width digits:
 * for output with many numbers, where printf costs more than the rest. */
void kg_buf_put_uint(kg_buf *b, unsigned long long n, int base, int width);
void kg_buf_printf(kg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void kg_buf_vprintf(kg_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
void kg_buf_truncate(kg_buf *b, size_t len);
/* Returns the data (caller frees with free()) and leaves b empty. Never NULL. */
char *kg_buf_detach(kg_buf *b, size_t *len);

/* Appends the whole file at path. Returns 0, or -1 (errno set) when it
 * cannot be opened or read; what was read stays appended. */
int kg_buf_read_file(kg_buf *b, const char *path);

/* Appends s with &, <, >, " and ' escaped for HTML text and attributes. */
void kg_buf_add_html(kg_buf *b, const char *s, size_t len);
void kg_buf_puts_html(kg_buf *b, const char *s);

#endif
