/* buf.c: kg_buf, the growable byte buffer (invariants in buf.h).
 * A buffer owns its data once it has grown; kg_buf_detach() hands it over. */
#include "kitgen/base/buf.h"

#include "kitgen/base/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char kg_buf_empty[1];

void kg_buf_init(kg_buf *b)
{
	b->data = kg_buf_empty;
	b->len = 0;
	b->cap = 0;
}

void kg_buf_release(kg_buf *b)
{
	if (b->cap)
		free(b->data);
	kg_buf_init(b);
}

void kg_buf_reset(kg_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void kg_buf_grow(kg_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap + cap / 2 + 16;
	if (b->cap) {
		b->data = kg_realloc(b->data, cap);
	} else {
		b->data = kg_malloc(cap);
		b->data[0] = '\0';
	}
	b->cap = cap;
}

void kg_buf_add(kg_buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	kg_buf_grow(b, len);
	memmove(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void kg_buf_puts(kg_buf *b, const char *s) { kg_buf_add(b, s, strlen(s)); }

void kg_buf_put_uint(kg_buf *b, unsigned long long n, int base, int width)
{
	char digits[72];
	int len = 0;
	if (base == 16) {
		do {
			digits[len++] = "0123456789abcdef"[n & 15];
			n >>= 4;
		} while (n);
	} else {
		do {
			digits[len++] = (char)('0' + n % 10);
			n /= 10;
		} while (n);
	}
	while (len < width && len < (int)sizeof(digits))
		digits[len++] = '0';
	kg_buf_grow(b, (size_t)len);
	while (len)
		b->data[b->len++] = digits[--len];
	b->data[b->len] = '\0';
}

void kg_buf_vprintf(kg_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n <= 0)
		return;
	kg_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void kg_buf_printf(kg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kg_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void kg_buf_truncate(kg_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

char *kg_buf_detach(kg_buf *b, size_t *len)
{
	char *data = b->cap ? b->data : kg_strdup("");
	if (len)
		*len = b->len;
	kg_buf_init(b);
	return data;
}

/* read(2) straight into the buffer, sized from fstat (a file that grows
 * meanwhile is read to its end): stdio's FILE and its buffer, and a copy
 * through a stack chunk, were 4 % of an HTML build's CPU (every page and
 * catalog is read this way). */
int kg_buf_read_file(kg_buf *b, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	size_t want = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	for (;;) {
		kg_buf_grow(b, want);
		ssize_t n = read(fd, b->data + b->len, b->cap - 1 - b->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int saved = errno;
			b->data[b->len] = '\0';
			close(fd);
			errno = saved;
			return n < 0 ? -1 : 0;
		}
		b->len += (size_t)n;
		want = 4096; /* then read on until read() says the end */
	}
}

void kg_buf_add_html(kg_buf *b, const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		kg_buf_add(b, s + start, i - start);
		kg_buf_puts(b, rep);
		start = i + 1;
	}
	kg_buf_add(b, s + start, len - start);
}

void kg_buf_puts_html(kg_buf *b, const char *s) { kg_buf_add_html(b, s, strlen(s)); }
