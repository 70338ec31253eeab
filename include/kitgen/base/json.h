/* json.h: the one JSON writer, used by every JSON kitgen writes (the
 * diagnostics, status.json, the search index, `kitgen status --format
 * json`). It appends to a kg_buf that it borrows (the caller owns it;
 * the writer owns nothing) and keeps track of commas, so a caller
 * cannot produce invalid JSON by forgetting one; every string goes through
 * kg_json_escape, which escapes quotes, backslashes and every control
 * character.
 *
 * Layout: members and elements are separated by ", " and keys by ": ".
 * A container may instead put each item on its own line: begin it with a
 * `line` string ("\n    ") written before every item (after the comma),
 * and an `end` string written before its closing bracket.
 *
 * Invariants: nesting is at most KG_JSON_MAX_DEPTH; every begin has an
 * end; in an object, a key comes before each value. Misuse is a
 * programming error (assert), not a runtime condition.
 */
#ifndef KITGEN_BASE_JSON_H
#define KITGEN_BASE_JSON_H

#include "kitgen/base/buf.h"

#include <stddef.h>

#define KG_JSON_MAX_DEPTH 16

/* kg_json_escape flags */
enum {
	/* Also escape <, >, & and U+2028/U+2029, so the text is safe inside an
	 * HTML <script> element and as a JavaScript literal. */
	KG_JSON_SCRIPT = 1
};

typedef struct kg_json {
	kg_buf *out; /* borrowed */
	unsigned flags;
	int depth;
	struct {
		int items;        /* items written so far */
		int object;       /* 1: an object (keys expected) */
		const char *line; /* NULL: inline items */
		const char *end;
	} level[KG_JSON_MAX_DEPTH];
} kg_json;

/* Appends len bytes of UTF-8 text at s as the inside of a JSON string (no
 * quotes): ", \ and U+0000-U+001F escaped (\n, \t, ... or \u00XX). */
void kg_json_escape(kg_buf *out, const char *s, size_t len, unsigned flags);

void kg_json_init(kg_json *j, kg_buf *out, unsigned flags);
/* Containers: line and end may be NULL (inline, "" before the closer). */
void kg_json_object_begin(kg_json *j, const char *line, const char *end);
void kg_json_array_begin(kg_json *j, const char *line, const char *end);
void kg_json_end(kg_json *j);
/* The key of the next member of the current object. kg_json_key_line puts
 * this member on a line of its own (line written after the comma). */
void kg_json_key(kg_json *j, const char *key);
void kg_json_key_line(kg_json *j, const char *key, const char *line);
/* Values. NULL s writes null. */
void kg_json_string(kg_json *j, const char *s);
void kg_json_int(kg_json *j, long long n);
void kg_json_uint(kg_json *j, unsigned long long n);
void kg_json_bool(kg_json *j, int b);
void kg_json_null(kg_json *j);
/* A value already encoded as JSON (for example an entry kept from a
 * previous file), written as it is. */
void kg_json_raw(kg_json *j, const char *json, size_t len);

#endif
