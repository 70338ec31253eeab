/* json.c: the JSON writer (see json.h). Owns nothing; appends to the
 * caller's buffer. */
#include "kitgen/base/json.h"

#include <assert.h>
#include <string.h>

void kg_json_escape(kg_buf *out, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		const unsigned char *run = p;
		/* the common case, copied in runs */
		while (p < end && *p >= 0x20 && *p != '"' && *p != '\\' &&
		       !((flags & KG_JSON_SCRIPT) && (*p == '<' || *p == '>' || *p == '&' || *p == 0xE2)))
			p++;
		kg_buf_add(out, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			kg_buf_putc(out, '\\');
			kg_buf_putc(out, (char)c);
			p++;
		} else if (c == 0xE2) { /* only with KG_JSON_SCRIPT: U+2028, U+2029 end a JS line */
			if (end - p >= 3 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				kg_buf_puts(out, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
				p += 3;
			} else {
				kg_buf_putc(out, (char)c);
				p++;
			}
		} else { /* a control character, or < > & for scripts */
			kg_buf_puts(out, "\\u00");
			kg_buf_put_uint(out, c, 16, 2);
			p++;
		}
	}
}

void kg_json_init(kg_json *j, kg_buf *out, unsigned flags)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->flags = flags;
	j->depth = 0;
	j->level[0].items = 0;
}

/* Before an item of the current container (not after a key). */
static void item(kg_json *j, const char *line)
{
	if (j->depth == 0)
		return; /* the top-level value */
	int d = j->depth;
	if (j->level[d].items++)
		kg_buf_puts(j->out, line || j->level[d].line ? "," : ", ");
	if (line)
		kg_buf_puts(j->out, line);
	else if (j->level[d].line)
		kg_buf_puts(j->out, j->level[d].line);
}

/* Before a value: in an array it is an item; in an object its key wrote
 * the separator already. */
static void value(kg_json *j)
{
	if (j->depth && !j->level[j->depth].object)
		item(j, NULL);
}

static void begin(kg_json *j, int object, const char *line, const char *end)
{
	value(j);
	assert(j->depth + 1 < KG_JSON_MAX_DEPTH);
	j->depth++;
	j->level[j->depth].items = 0;
	j->level[j->depth].object = object;
	j->level[j->depth].line = line;
	j->level[j->depth].end = end;
	kg_buf_putc(j->out, object ? '{' : '[');
}

void kg_json_object_begin(kg_json *j, const char *line, const char *end) { begin(j, 1, line, end); }
void kg_json_array_begin(kg_json *j, const char *line, const char *end) { begin(j, 0, line, end); }

void kg_json_end(kg_json *j)
{
	assert(j->depth > 0);
	if (j->level[j->depth].end)
		kg_buf_puts(j->out, j->level[j->depth].end);
	kg_buf_putc(j->out, j->level[j->depth].object ? '}' : ']');
	j->depth--;
}

static void quoted(kg_json *j, const char *s)
{
	kg_buf_putc(j->out, '"');
	kg_json_escape(j->out, s, strlen(s), j->flags);
	kg_buf_putc(j->out, '"');
}

void kg_json_key_line(kg_json *j, const char *key, const char *line)
{
	assert(j->depth > 0 && j->level[j->depth].object);
	item(j, line);
	quoted(j, key);
	kg_buf_puts(j->out, ": ");
}

void kg_json_key(kg_json *j, const char *key) { kg_json_key_line(j, key, NULL); }

void kg_json_string(kg_json *j, const char *s)
{
	value(j);
	if (s)
		quoted(j, s);
	else
		kg_buf_puts(j->out, "null");
}

void kg_json_int(kg_json *j, long long n)
{
	value(j);
	if (n < 0) {
		kg_buf_putc(j->out, '-');
		kg_buf_put_uint(j->out, 0 - (unsigned long long)n, 10, 0);
	} else {
		kg_buf_put_uint(j->out, (unsigned long long)n, 10, 0);
	}
}

void kg_json_uint(kg_json *j, unsigned long long n)
{
	value(j);
	kg_buf_put_uint(j->out, n, 10, 0);
}

void kg_json_bool(kg_json *j, int b)
{
	value(j);
	kg_buf_puts(j->out, b ? "true" : "false");
}

void kg_json_null(kg_json *j)
{
	value(j);
	kg_buf_puts(j->out, "null");
}

void kg_json_raw(kg_json *j, const char *json, size_t len)
{
	value(j);
	kg_buf_add(j->out, json, len);
}
