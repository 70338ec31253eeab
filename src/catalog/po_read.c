/* po_read.c: the PO/POT reader: bytes in, a kg_catalog out, errors as
 * FILE:LINE:COL diagnostics worded like msgfmt's.
 * Owns the decoded text while reading; the catalog it returns owns every
 * string. A first quiet pass finds the header's charset so the whole file
 * can be re-decoded with iconv before the real pass (a Big5 trail byte can
 * be '\\' or '"', so the raw bytes cannot be lexed as ASCII).
 */
#include "catalog/catalog_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/utf8.h"
#include "kitgen/catalog/plural.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ERRORS 20

enum state { ST_EMPTY, ST_COMMENTS, ST_CTXT, ST_ID, ST_PLURAL, ST_STR };

enum field { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR, F_PREV_CTXT, F_PREV_ID, F_PREV_PLURAL };

struct reader {
	const char *file;
	kg_diags *diags;
	int quiet; /* header pass: no diagnostics, stop after the header */
	int errors;
	int gave_up;
	kg_catalog *cat;

	kg_po_entry *cur;
	enum state state;
	int skipping;          /* after an error inside an entry: ignore lines up to a blank one */
	int broken;            /* the current entry had an error and is dropped */
	int cur_line, cur_col; /* the msgid keyword */
	int cur_obsolete;

	/* The string being accumulated from a keyword and its continuations. */
	enum field field;
	size_t field_index; /* msgstr[N] */
	kg_buf acc;
	int acc_line, acc_col;
	int acc_byte_escape; /* acc holds a byte from a \x or octal escape */
	int text_is_utf8;    /* the whole text was checked: valid UTF-8 with no NUL */

	int nplurals; /* from the header's Plural-Forms, 0 when unknown */
	int header_seen;
	int header_line;
	char *charset; /* header pass result; owned */
};

/* Column (1-based, in characters) of byte offset off in line. */
static int column_of(const char *line, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static void reader_error(struct reader *r, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void reader_error(struct reader *r, int line, int col, const char *fmt, ...)
{
	if (r->quiet || r->gave_up)
		return;
	if (r->errors == MAX_ERRORS) {
		kg_error(r->diags, r->file, line, col, "too many errors, giving up");
		r->gave_up = 1;
		return;
	}
	r->errors++;
	va_list ap;
	va_start(ap, fmt);
	kg_diag_vadd(r->diags, KG_ERROR, r->file, line, col, fmt, ap);
	va_end(ap);
}

static void reset_acc(struct reader *r)
{
	kg_buf_reset(&r->acc);
	r->acc_byte_escape = 0;
}

static void reset_entry(struct reader *r)
{
	kg_po_entry_free(r->cur);
	r->cur = NULL;
	r->state = ST_EMPTY;
	r->broken = 0;
	r->field = F_NONE;
	r->cur_obsolete = 0;
	reset_acc(r);
}

static kg_po_entry *current(struct reader *r)
{
	if (!r->cur)
		r->cur = kg_po_entry_new();
	return r->cur;
}

static void append_line(char **field, const char *text, size_t len)
{
	kg_buf b = KG_BUF_INIT;
	if (*field) {
		kg_buf_puts(&b, *field);
		kg_buf_putc(&b, '\n');
		free(*field);
	}
	kg_buf_add(&b, text, len);
	*field = kg_buf_detach(&b, NULL);
}

static int valid_utf8(const char *s, size_t len, size_t *bad)
{
	*bad = kg_utf8_valid_prefix(s, len);
	return *bad == len;
}

/* Stores the accumulated string into the field it belongs to. */
static void flush_field(struct reader *r)
{
	if (r->field == F_NONE)
		return;
	kg_po_entry *e = current(r);
	size_t bad;
	/* Text that was checked whole is valid UTF-8 in every string, unless an
	 * escape wrote a byte (a NUL cannot be written: \0 is refused); the
	 * check per string was 13 % of reading a catalog. */
	if (!r->text_is_utf8 || r->acc_byte_escape) {
		if (!valid_utf8(r->acc.data, r->acc.len, &bad)) {
			reader_error(r, r->acc_line, r->acc_col,
			             "invalid UTF-8 in string (from an escape sequence)");
			r->broken = 1;
		} else if (memchr(r->acc.data, '\0', r->acc.len)) {
			reader_error(r, r->acc_line, r->acc_col, "string contains a NUL byte");
			r->broken = 1;
		}
	}
	char *s = kg_strndup(r->acc.data, r->acc.len);
	char **slot = NULL;
	switch (r->field) {
	case F_CTXT: slot = &e->msgctxt; break;
	case F_ID: slot = &e->msgid; break;
	case F_PLURAL: slot = &e->msgid_plural; break;
	case F_PREV_CTXT: slot = &e->prev_msgctxt; break;
	case F_PREV_ID: slot = &e->prev_msgid; break;
	case F_PREV_PLURAL: slot = &e->prev_msgid_plural; break;
	case F_STR:
		if (r->field_index == e->msgstr_count) {
			kg_array_grow(e->msgstr, e->msgstr_cap, e->msgstr_count + 1);
			e->msgstr[e->msgstr_count++] = s;
			s = NULL;
		}
		break;
	default: break;
	}
	if (slot) {
		free(*slot);
		*slot = s;
		s = NULL;
	}
	free(s);
	r->field = F_NONE;
	reset_acc(r);
}

static char *header_charset(const char *header)
{
	const char *ct = strstr(header, "Content-Type:");
	if (!ct)
		return NULL;
	const char *end = strchr(ct, '\n');
	const char *cs = strstr(ct, "charset=");
	if (!cs || (end && cs > end))
		return NULL;
	cs += strlen("charset=");
	size_t n = 0;
	while (cs[n] && cs[n] != '\n' && cs[n] != ';' && cs[n] != ' ' && cs[n] != '\t' && n < 64)
		n++;
	return kg_strndup(cs, n);
}

static void header_found(struct reader *r, kg_po_entry *e)
{
	r->header_seen = 1;
	r->header_line = e->line;
	if (r->quiet) {
		free(r->charset);
		r->charset = e->msgstr_count ? header_charset(e->msgstr[0]) : NULL;
		return;
	}
	const char *pf = e->msgstr_count ? strstr(e->msgstr[0], "Plural-Forms:") : NULL;
	if (!pf)
		return;
	const char *end = strchr(pf, '\n');
	char *value = end ? kg_strndup(pf, (size_t)(end - pf)) : kg_strdup(pf);
	if (!strstr(value, "INTEGER")) { /* a POT's placeholder is not an error */
		kg_diags scratch;
		kg_diags_init(&scratch);
		kg_plural *p = kg_plural_parse(value + strlen("Plural-Forms:"), r->file, e->line, &scratch);
		if (p) {
			r->nplurals = kg_plural_count(p);
		} else if (scratch.count) {
			reader_error(r, e->line, 0, "invalid Plural-Forms header: %s",
			             scratch.items[0].message);
		}
		kg_plural_free(p);
		kg_diags_release(&scratch);
	}
	free(value);
}

/* Ends the current entry: checks it and hands it to the catalog. */
static void finish_entry(struct reader *r)
{
	flush_field(r);
	kg_po_entry *e = r->cur;
	if (!e || r->broken || r->state == ST_EMPTY || r->state == ST_COMMENTS) {
		reset_entry(r); /* comments with no message: gettext drops them too */
		return;
	}
	if (r->state != ST_STR) {
		if (r->state == ST_CTXT)
			reader_error(r, r->cur_line, r->cur_col, "missing 'msgid' section");
		else
			reader_error(r, r->cur_line, r->cur_col, "missing 'msgstr' section");
		reset_entry(r);
		return;
	}
	e->obsolete = r->cur_obsolete;
	e->line = r->cur_line;
	if (!e->msgid)
		e->msgid = kg_strdup("");
	int is_header = !e->msgctxt && !e->msgid[0] && !e->obsolete;
	if (!e->obsolete && e->msgid_plural && r->nplurals && !is_header &&
	    e->msgstr_count < (size_t)r->nplurals) {
		reader_error(r, r->cur_line, r->cur_col,
		             "plural form count mismatch: %zu msgstr[] forms but nplurals=%d",
		             e->msgstr_count, r->nplurals);
	}
	if (is_header) {
		if (r->cat->header) {
			reader_error(r, r->cur_line, r->cur_col,
			             "duplicate message definition (header first defined at line %d)",
			             r->cat->header->line);
			reset_entry(r);
			return;
		}
		r->cat->header = e;
		r->cur = NULL;
		header_found(r, e);
		reset_entry(r);
		return;
	}
	kg_po_entry *first = kg_catalog_find_state(r->cat, e->msgctxt, e->msgid, e->obsolete);
	if (first) {
		if (!e->obsolete)
			reader_error(r, r->cur_line, r->cur_col,
			             "duplicate message definition (first defined at line %d)", first->line);
		reset_entry(r); /* an obsolete duplicate is dropped, as msgcat does */
		return;
	}
	kg_catalog_adopt(r->cat, e);
	r->cur = NULL;
	reset_entry(r);
}

/* Parses one string literal starting at line[*pos] == '"' into r->acc. */
static int parse_string(struct reader *r, const char *line, size_t len, size_t *pos, int lineno)
{
	size_t i = *pos + 1;
	while (i < len && line[i] != '"') {
		unsigned char c = (unsigned char)line[i];
		if (c != '\\') {
			size_t run = i + 1;
			while (run < len && line[run] != '"' && line[run] != '\\')
				run++;
			kg_buf_add(&r->acc, line + i, run - i);
			i = run;
			continue;
		}
		size_t esc = i++;
		if (i >= len) {
			reader_error(r, lineno, column_of(line, *pos), "unterminated string");
			return -1;
		}
		c = (unsigned char)line[i++];
		switch (c) {
		case 'n': kg_buf_putc(&r->acc, '\n'); break;
		case 't': kg_buf_putc(&r->acc, '\t'); break;
		case 'r': kg_buf_putc(&r->acc, '\r'); break;
		case 'a': kg_buf_putc(&r->acc, '\a'); break;
		case 'b': kg_buf_putc(&r->acc, '\b'); break;
		case 'f': kg_buf_putc(&r->acc, '\f'); break;
		case 'v': kg_buf_putc(&r->acc, '\v'); break;
		case '\\': kg_buf_putc(&r->acc, '\\'); break;
		case '"': kg_buf_putc(&r->acc, '"'); break;
		case '\'':
		case '?':
			/* C escapes that msgfmt 0.21 rejects ("invalid control sequence");
			 * accepted, but the file will not pass msgfmt. */
			if (!r->quiet)
				kg_warning(r->diags, r->file, lineno, column_of(line, esc),
				           "escape sequence '\\%c' is not accepted by msgfmt", c);
			kg_buf_putc(&r->acc, c);
			break;
		case 'x': {
			unsigned v = 0;
			size_t digits = 0;
			for (; i < len; i++, digits++) {
				char h = line[i];
				unsigned d = h >= '0' && h <= '9'   ? (unsigned)(h - '0')
				             : h >= 'a' && h <= 'f' ? (unsigned)(h - 'a' + 10)
				             : h >= 'A' && h <= 'F' ? (unsigned)(h - 'A' + 10)
				                                    : 16u;
				if (d == 16)
					break;
				v = ((v << 4) | d) & 0xffu; /* msgfmt keeps the low byte of long runs */
			}
			if (!digits || !v) {
				reader_error(r, lineno, column_of(line, esc), "invalid escape sequence");
				return -1;
			}
			kg_buf_putc(&r->acc, (int)v);
			r->acc_byte_escape = 1;
			break;
		}
		default:
			if (c >= '0' && c <= '7') {
				unsigned v = c - '0';
				for (int k = 0; k < 2 && i < len && line[i] >= '0' && line[i] <= '7'; k++)
					v = v * 8 + (unsigned)(line[i++] - '0');
				if (!v || v > 0xff) {
					reader_error(r, lineno, column_of(line, esc),
					             "invalid escape sequence");
					return -1;
				}
				kg_buf_putc(&r->acc, (int)v);
				r->acc_byte_escape = 1;
				break;
			}
			reader_error(r, lineno, column_of(line, esc), "invalid escape sequence");
			return -1;
		}
	}
	if (i >= len) {
		reader_error(r, lineno, column_of(line, *pos), "unterminated string");
		return -1;
	}
	*pos = i + 1;
	return 0;
}

/* Parses the strings after a keyword (or a continuation line) from pos. */
static int parse_strings(struct reader *r, const char *line, size_t len, size_t pos, int lineno, int need_one)
{
	int seen = 0;
	for (;;) {
		while (pos < len && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r'))
			pos++;
		if (pos >= len)
			break;
		if (line[pos] != '"') {
			reader_error(r, lineno, column_of(line, pos), "syntax error: expected a string");
			return -1;
		}
		if (parse_string(r, line, len, &pos, lineno) < 0)
			return -1;
		seen = 1;
	}
	if (need_one && !seen) {
		reader_error(r, lineno, column_of(line, pos), "syntax error: missing string after keyword");
		return -1;
	}
	return 0;
}

static void fail_entry(struct reader *r)
{
	r->broken = 1;
	r->skipping = 1;
	r->field = F_NONE;
	reset_acc(r);
}

/* A keyword line (after any "#~ " or "#| " prefix, at line[pos]). */
static void keyword_line(struct reader *r, const char *line, size_t len, size_t pos, int lineno, int obsolete,
                         int previous)
{
	size_t kw = pos;
	while (pos < len && ((line[pos] >= 'a' && line[pos] <= 'z') || line[pos] == '_'))
		pos++;
	size_t kwlen = pos - kw;
	int col = column_of(line, kw);
	long index = -1;
	if (kwlen == 6 && strncmp(line + kw, "msgstr", 6) == 0 && pos < len && line[pos] == '[') {
		size_t p = pos + 1;
		index = 0;
		while (p < len && line[p] >= '0' && line[p] <= '9' && index < 100000)
			index = index * 10 + (line[p++] - '0');
		if (p == pos + 1 || p >= len || line[p] != ']') {
			reader_error(r, lineno, col, "syntax error: malformed msgstr[] index");
			fail_entry(r);
			return;
		}
		pos = p + 1;
	}
	enum field f;
	if (kwlen == 7 && strncmp(line + kw, "msgctxt", 7) == 0)
		f = previous ? F_PREV_CTXT : F_CTXT;
	else if (kwlen == 5 && strncmp(line + kw, "msgid", 5) == 0)
		f = previous ? F_PREV_ID : F_ID;
	else if (kwlen == 12 && strncmp(line + kw, "msgid_plural", 12) == 0)
		f = previous ? F_PREV_PLURAL : F_PLURAL;
	else if (kwlen == 6 && strncmp(line + kw, "msgstr", 6) == 0 && !previous)
		f = F_STR;
	else {
		if (kwlen == 0)
			reader_error(r, lineno, col, "syntax error");
		else
			reader_error(r, lineno, col, "keyword \"%.*s\" unknown",
			             (int)(kwlen > 40 ? 40 : kwlen), line + kw);
		fail_entry(r);
		return;
	}
	if (pos < len && line[pos] != ' ' && line[pos] != '\t' && line[pos] != '"') {
		reader_error(r, lineno, col, "keyword \"%.*s\" unknown",
		             (int)(pos - kw + 1 > 40 ? 40 : pos - kw + 1), line + kw);
		fail_entry(r);
		return;
	}
	flush_field(r);

	if (previous) {
		if (r->state == ST_STR)
			finish_entry(r);
		if (r->state == ST_EMPTY)
			r->state = ST_COMMENTS;
		if (r->state != ST_COMMENTS) {
			reader_error(r, lineno, col, "syntax error: '#|' line inside a message");
			fail_entry(r);
			return;
		}
	} else if (f == F_CTXT || f == F_ID) {
		if (r->state == ST_STR)
			finish_entry(r);
		else if (r->state == ST_ID || r->state == ST_PLURAL || (r->state == ST_CTXT && f == F_CTXT)) {
			finish_entry(r); /* reports the missing msgstr/msgid, drops the entry */
		}
		if (f == F_CTXT || r->state != ST_CTXT) {
			r->cur_obsolete = obsolete;
		}
		if (f == F_ID) {
			r->cur_line = lineno;
			r->cur_col = col;
		}
		r->state = f == F_CTXT ? ST_CTXT : ST_ID;
		if (f == F_CTXT)
			r->cur_line = lineno, r->cur_col = col;
	} else if (f == F_PLURAL) {
		if (r->state != ST_ID) {
			reader_error(r, lineno, col, "syntax error: msgid_plural without msgid");
			fail_entry(r);
			return;
		}
		r->state = ST_PLURAL;
	} else { /* msgstr */
		kg_po_entry *e = current(r);
		if (index < 0) {
			if (r->state == ST_PLURAL) {
				reader_error(r, lineno, col,
				             "missing 'msgstr[]' section (entry has msgid_plural)");
				fail_entry(r);
				return;
			}
			if (r->state != ST_ID) {
				reader_error(r, lineno, col, "missing 'msgid' section");
				fail_entry(r);
				return;
			}
		} else {
			if (r->state == ST_ID || (r->state == ST_STR && !e->msgid_plural)) {
				reader_error(r, lineno, col, "missing 'msgid_plural' section");
				fail_entry(r);
				return;
			}
			if (r->state != ST_PLURAL && r->state != ST_STR) {
				reader_error(r, lineno, col, "missing 'msgid' section");
				fail_entry(r);
				return;
			}
			if ((size_t)index != e->msgstr_count) {
				reader_error(r, lineno, col,
				             "msgstr[%ld] out of order (expected msgstr[%zu])", index,
				             e->msgstr_count);
				fail_entry(r);
				return;
			}
			if (r->nplurals && !obsolete && index >= r->nplurals) {
				reader_error(r, lineno, col,
				             "plural form count mismatch: msgstr[%ld] but nplurals=%d", index,
				             r->nplurals);
				fail_entry(r);
				return;
			}
		}
		r->state = ST_STR;
		r->field_index = index < 0 ? 0 : (size_t)index;
	}
	r->field = f;
	r->acc_line = lineno;
	r->acc_col = col;
	reset_acc(r);
	if (parse_strings(r, line, len, pos, lineno, 1) < 0)
		fail_entry(r);
}

/* Flags and references are lists separated by white space (and commas for
 * flags); a CR, VT or FF inside such a line separates too, so no token holds
 * a control character that the writer could not write back as it was read. */
static int is_list_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static void comment_line(struct reader *r, const char *line, size_t len)
{
	if (r->state == ST_STR)
		finish_entry(r);
	else if (r->state == ST_CTXT || r->state == ST_ID || r->state == ST_PLURAL) {
		finish_entry(r); /* a comment cannot interrupt a message: msgstr is missing */
	}
	flush_field(r);
	kg_po_entry *e = current(r);
	r->state = ST_COMMENTS;
	/* A line ending in CR CR LF keeps one CR after the line split; the writer
	 * ends lines with LF alone, so a kept CR would be read back as nothing
	 * and the written catalog would not read back as itself. */
	while (len > 1 && line[len - 1] == '\r')
		len--;
	char kind = len > 1 ? line[1] : '\0';
	if (kind == ',' || kind == ':') {
		size_t i = 2;
		while (i < len) {
			while (i < len && (is_list_space(line[i]) || (kind == ',' && line[i] == ',')))
				i++;
			size_t start = i;
			while (i < len && !is_list_space(line[i]) && !(kind == ',' && line[i] == ','))
				i++;
			if (i == start)
				continue;
			char *tok = kg_strndup(line + start, i - start);
			if (kind == ',') {
				kg_po_entry_set_flag(e, tok, 1);
			} else {
				kg_po_entry_add_reference(e, tok);
			}
			free(tok);
		}
	} else if (kind == '.') {
		size_t i = 2;
		if (i < len && line[i] == ' ')
			i++;
		append_line(&e->extracted_comments, line + i, len - i);
	} else {
		size_t i = 1;
		if (i < len && line[i] == ' ')
			i++;
		append_line(&e->translator_comments, line + i, len - i);
	}
}

static void process_line(struct reader *r, const char *line, size_t len, int lineno)
{
	size_t pos = 0;
	while (pos < len && (line[pos] == ' ' || line[pos] == '\t'))
		pos++;
	if (pos == len) { /* blank line: ends error recovery */
		if (r->skipping) {
			r->skipping = 0;
			reset_entry(r);
		}
		return;
	}
	if (r->skipping)
		return;
	int obsolete = 0, previous = 0;
	if (line[pos] == '#') {
		if (pos + 1 < len && line[pos + 1] == '~') {
			obsolete = 1;
			pos += 2;
			if (pos < len && line[pos] == '|') {
				previous = 1;
				pos++;
			}
		} else if (pos + 1 < len && line[pos + 1] == '|') {
			previous = 1;
			pos += 2;
		} else {
			comment_line(r, line + pos, len - pos);
			return;
		}
		while (pos < len && (line[pos] == ' ' || line[pos] == '\t'))
			pos++;
		if (pos == len)
			return; /* a bare "#~" */
	}
	if (line[pos] == '"') {
		int is_prev_field =
		    r->field == F_PREV_CTXT || r->field == F_PREV_ID || r->field == F_PREV_PLURAL;
		if (r->field == F_NONE || (previous != is_prev_field)) {
			reader_error(r, lineno, column_of(line, pos),
			             "syntax error: string without a keyword");
			fail_entry(r);
			return;
		}
		if (parse_strings(r, line, len, pos, lineno, 1) < 0)
			fail_entry(r);
		return;
	}
	keyword_line(r, line, len, pos, lineno, obsolete, previous);
}

/* Splits text into lines (LF or CRLF) and feeds them to the state machine. */
static void run(struct reader *r, const char *text, size_t len)
{
	int lineno = 0;
	size_t start = 0;
	while (start < len && !r->gave_up) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t line_len = end - start;
		if (line_len && text[start + line_len - 1] == '\r')
			line_len--;
		if (lineno == INT32_MAX - 1)
			break;
		process_line(r, text + start, line_len, ++lineno);
		start = end + 1;
		if (r->quiet && r->header_seen)
			break;
	}
	if (!r->skipping && !(r->quiet && r->header_seen))
		finish_entry(r);
	reset_entry(r);
}

static void position_of(const char *text, size_t off, int *line, int *col)
{
	int l = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n')
			l++, line_start = i + 1;
	*line = l;
	*col = column_of(text + line_start, off - line_start);
}

static int is_utf8_name(const char *cs)
{
	return !cs || !strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8") || !strcmp(cs, "CHARSET") ||
	       !strcasecmp(cs, "ASCII") || !strcasecmp(cs, "US-ASCII");
}

/* Converts text from charset to UTF-8; returns NULL with a diagnostic. */
static char *convert(const char *text, size_t len, const char *charset, const char *file, int header_line,
                     kg_diags *diags, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1) {
		kg_error(diags, file, header_line, 0, "unknown charset \"%s\" in the header's Content-Type",
		         charset);
		return NULL;
	}
	kg_buf out = KG_BUF_INIT;
	kg_buf_grow(&out, len * 2 + 16);
	char *in = (char *)text;
	size_t in_left = len;
	char *result = NULL;
	while (in_left) {
		char *o = out.data + out.len;
		size_t o_left = out.cap - out.len - 1;
		size_t before = o_left;
		size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
		out.len += before - o_left;
		if (rc != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			kg_buf_grow(&out, len + 64);
			continue;
		}
		int line, col;
		position_of(text, (size_t)(in - text), &line, &col);
		kg_error(diags, file, line, col, "invalid multibyte sequence for charset %s", charset);
		goto out;
	}
	out.data[out.len] = '\0';
	result = kg_buf_detach(&out, out_len);
out:
	kg_buf_release(&out);
	iconv_close(cd);
	return result;
}

int kg_po_read_mem(kg_catalog **out, const char *data, size_t len, const char *display_path, kg_diags *diags)
{
	*out = NULL;
	int rc = -1;
	char *converted = NULL;
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.file = display_path;
	r.diags = diags;
	kg_buf_init(&r.acc);

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3, len -= 3;

	/* Pass 1: the header's charset, from the raw bytes. */
	r.quiet = 1;
	r.cat = kg_catalog_new();
	run(&r, data, len);
	char *charset = r.charset;
	int header_line = r.header_line;
	r.charset = NULL;
	kg_catalog_free(r.cat);
	kg_buf_release(&r.acc);

	const char *text = data;
	size_t text_len = len;
	if (!is_utf8_name(charset)) {
		converted = convert(data, len, charset, display_path, header_line, diags, &text_len);
		if (!converted)
			goto out;
		text = converted;
	}
	size_t bad;
	if (!valid_utf8(text, text_len, &bad) || memchr(text, '\0', text_len)) {
		if (memchr(text, '\0', text_len) && (valid_utf8(text, text_len, &bad) ||
		                                     (const char *)memchr(text, '\0', text_len) < text + bad))
			bad = (size_t)((const char *)memchr(text, '\0', text_len) - text);
		int line, col;
		position_of(text, bad, &line, &col);
		kg_error(diags, display_path, line, col, "invalid UTF-8 (charset %s)",
		         charset ? charset : "UTF-8");
		goto out;
	}

	/* Pass 2: the real parse. */
	memset(&r, 0, sizeof(r));
	r.file = display_path;
	r.diags = diags;
	kg_buf_init(&r.acc);
	r.cat = kg_catalog_new();
	r.text_is_utf8 = 1;
	run(&r, text, text_len);
	if (r.errors) {
		kg_catalog_free(r.cat);
		goto out;
	}
	*out = r.cat;
	rc = 0;
out:
	kg_buf_release(&r.acc);
	free(r.charset);
	free(charset);
	free(converted);
	return rc;
}

int kg_po_read_file(kg_catalog **out, const char *path, const char *display_path, kg_diags *diags)
{
	*out = NULL;
	int rc = -1;
	kg_buf data = KG_BUF_INIT;
	const char *shown = display_path ? display_path : path;
	FILE *f = fopen(path, "rb");
	if (!f) {
		kg_error(diags, shown, 0, 0, "cannot open: %s", strerror(errno));
		goto out;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kg_buf_add(&data, chunk, n);
	if (ferror(f)) {
		kg_error(diags, shown, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	rc = kg_po_read_mem(out, data.data, data.len, shown, diags);
out:
	if (f)
		fclose(f);
	kg_buf_release(&data);
	return rc;
}
