/* po_write.c: the PO writer, in GNU gettext's own layout, so that msgcat
 * reproduces kitgen's output byte for byte (checked by test_po_gettext.c
 * over every catalog of the bundled kit and a corpus in every script).
 * Owns nothing beyond one call; writes into the caller's kg_buf.
 * Line breaking follows msgcat: libunistring's UAX #14 pair table and
 * uc_width() columns, with each character's class and width from ICU
 * (locale/linebreak.c), so no script is left out of a hand-made table.
 * Known gap: regional indicators and Hebrew letters, for which
 * libunistring 1.0 has rules of their own, break like letters, and emoji
 * modifiers like ideographs.
 */
#include "catalog/catalog_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/locale/locale.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_WIDTH 79

/* Line-break classes of UAX #14, in the order of the pair table below
 * (laid out by hand, as in UAX #14: clang-format keeps off). */
/* clang-format off */
enum lb {
	OP, CL, CP, QU, GL, NS, EX, SY, IS, PR, PO, NU, AL, ID, IN, HY, BA, BB, B2, ZW, CM, WJ,
	H2, H3, JL, JV, JT,
	SP, /* handled outside the table */
	LB_COUNT = SP
};

/* D: break allowed; I: allowed only after spaces; P: never. */
enum { D, I, P };

static const unsigned char pair_table[LB_COUNT][LB_COUNT] = {
/*          OP CL CP QU GL NS EX SY IS PR PO NU AL ID IN HY BA BB B2 ZW CM WJ H2 H3 JL JV JT */
/* OP */  { P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P },
/* CL */  { D, P, P, I, I, P, P, P, P, I, I, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* CP */  { D, P, P, I, I, I, P, P, P, I, I, I, I, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* QU */  { P, P, P, I, I, I, P, P, P, I, I, I, I, I, I, I, I, I, I, P, I, P, I, I, I, I, I },
/* GL */  { I, P, P, I, I, I, P, P, P, I, I, I, I, I, I, I, I, I, I, P, I, P, I, I, I, I, I },
/* NS */  { D, P, P, I, I, I, P, P, P, D, D, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* EX */  { D, P, P, I, I, I, P, P, P, D, D, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* SY */  { D, P, P, I, I, I, P, P, P, D, D, I, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* IS */  { D, P, P, I, I, I, P, P, P, D, D, I, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* PR */  { I, P, P, I, I, I, P, P, P, D, D, I, I, I, I, I, I, D, D, P, I, P, I, I, I, I, I },
/* PO */  { I, P, P, I, I, I, P, P, P, D, D, I, I, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* NU */  { I, P, P, I, I, I, P, P, P, I, I, I, I, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* AL */  { I, P, P, I, I, I, P, P, P, I, I, I, I, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* ID */  { D, P, P, I, I, I, P, P, P, D, I, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* IN */  { D, P, P, I, I, I, P, P, P, D, D, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* HY */  { D, P, P, I, D, I, P, P, P, D, D, I, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* BA */  { D, P, P, I, D, I, P, P, P, D, D, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* BB */  { I, P, P, I, I, I, P, P, P, I, I, I, I, I, I, I, I, I, I, P, I, P, I, I, I, I, I },
/* B2 */  { D, P, P, I, I, I, P, P, P, D, D, D, D, D, I, I, I, D, P, P, I, P, D, D, D, D, D },
/* ZW */  { D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, P, D, D, D, D, D, D, D },
/* CM */  { I, P, P, I, I, I, P, P, P, D, D, I, I, D, I, I, I, D, D, P, I, P, D, D, D, D, D },
/* WJ */  { I, P, P, I, I, I, P, P, P, I, I, I, I, I, I, I, I, I, I, P, I, P, I, I, I, I, I },
/* H2 */  { D, P, P, I, I, I, P, P, P, D, I, D, D, D, I, I, I, D, D, P, I, P, D, D, D, I, I },
/* H3 */  { D, P, P, I, I, I, P, P, P, D, I, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, I },
/* JL */  { D, P, P, I, I, I, P, P, P, D, I, D, D, D, I, I, I, D, D, P, I, P, I, I, I, I, D },
/* JV */  { D, P, P, I, I, I, P, P, P, D, I, D, D, D, I, I, I, D, D, P, I, P, D, D, D, I, I },
/* JT */  { D, P, P, I, I, I, P, P, P, D, I, D, D, D, I, I, I, D, D, P, I, P, D, D, D, D, I },
};
/* clang-format on */

/* The class the pair table uses for c. ICU gives the class Unicode's data
 * says; the classes the table has no row for are resolved as
 * libunistring's u8_possible_linebreaks() resolves them in a UTF-8 locale
 * (UAX #14 rule LB1, with ambiguous characters narrow): Khmer, Thai, Lao
 * and Myanmar (SA, marks included) break like letters, since msgcat has no
 * dictionary; conditional Japanese starters are non-starters. */
static enum lb resolve_class(kg_line_break raw)
{
	/* clang-format off */
	switch (raw) {
	case KG_LB_OP: return OP;
	case KG_LB_CL: return CL;
	case KG_LB_CP: return CP;
	case KG_LB_QU: return QU;
	case KG_LB_GL: return GL;
	case KG_LB_NS: case KG_LB_CJ: return NS;
	case KG_LB_EX: return EX;
	case KG_LB_SY: return SY;
	case KG_LB_IS: return IS;
	case KG_LB_PR: return PR;
	case KG_LB_PO: return PO;
	case KG_LB_NU: return NU;
	case KG_LB_ID: case KG_LB_EB: case KG_LB_EM: return ID;
	case KG_LB_IN: return IN;
	case KG_LB_HY: return HY;
	case KG_LB_BA: return BA;
	case KG_LB_BB: return BB;
	case KG_LB_B2: return B2;
	case KG_LB_ZW: return ZW;
	/* Controls gettext does not escape and the joiner stay with what
	 * precedes them (nothing breaks after a joiner either: LB8a). */
	case KG_LB_CM: case KG_LB_ZWJ:
	case KG_LB_BK: case KG_LB_CR: case KG_LB_LF: case KG_LB_NL: return CM;
	case KG_LB_WJ: return WJ;
	case KG_LB_H2: return H2;
	case KG_LB_H3: return H3;
	case KG_LB_JL: return JL;
	case KG_LB_JV: return JV;
	case KG_LB_JT: return JT;
	case KG_LB_SP: return SP;
	default: return AL; /* AL, AI, SA, HL, RI, CB, SG, XX */
	}
	/* clang-format on */
}

enum { BRK_NONE, BRK_HERE, BRK_NEVER };

/* Marks brk[i] = BRK_HERE where a line may start at byte i of s, by the
 * UAX #14 pair table as libunistring's u8_possible_linebreaks() does. */
static void possible_breaks(const char *s, size_t n, unsigned char *brk)
{
	enum lb last = WJ; /* nothing breaks before the first character */
	int first = 1, seen_space = 0, after_joiner = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kg_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!len)
			c = 0xfffd, len = 1;
		kg_line_break raw = kg_locale_line_break(c);
		enum lb cls = resolve_class(raw);
		memset(brk + i, BRK_NEVER, len);
		if (cls == SP) {
			seen_space = 1;
		} else if (cls == CM && !first && !seen_space && last != ZW) {
			/* a mark takes the class of its base (LB9) */
		} else {
			int mark_after_space = cls == CM && seen_space;
			if (cls == CM)
				cls = AL;
			if (!first && !after_joiner) {
				unsigned char a = pair_table[last][cls];
				/* LB30: letters and digits stick to an opening
				 * parenthesis unless it is East Asian wide. */
				if (cls == OP && kg_locale_char_columns(c) == 2 && (last == AL || last == NU))
					a = D;
				/* libunistring lets a line start with a mark that
				 * follows a space, even after an opening bracket. */
				if (mark_after_space)
					a = D;
				if (a == D || (a == I && seen_space))
					brk[i] = BRK_HERE;
			}
			last = cls;
			seen_space = 0;
		}
		first = 0;
		after_joiner = raw == KG_LB_ZWJ;
		i += len;
	}
}

/* Picks breaks in s greedily so lines fit width columns, as libunistring's
 * ulc_width_linebreaks() does; override[i] (BRK_NEVER inside escape
 * sequences) wins over the pair table. */
static void line_breaks(const char *s, size_t n, const unsigned char *override, int width, int start_column,
                        unsigned char *brk)
{
	possible_breaks(s, n, brk);
	unsigned char *last_p = NULL;
	int last_column = start_column, piece_width = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kg_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!len)
			c = 0xfffd, len = 1;
		if (override[i] != BRK_NONE)
			brk[i] = override[i];
		if (brk[i] == BRK_HERE) {
			if (last_p && last_column + piece_width > width) {
				*last_p = BRK_HERE;
				last_column = 0;
			}
			last_p = brk + i;
			last_column += piece_width;
			piece_width = 0;
		}
		brk[i] = BRK_NEVER;
		piece_width += kg_locale_char_columns(c);
		i += len;
	}
	if (last_p && last_column + piece_width > width)
		*last_p = BRK_HERE;
}

static const char *escape_of(char c)
{
	switch (c) {
	case '\a': return "\\a";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '\v': return "\\v";
	case '\\': return "\\\\";
	case '"': return "\\\"";
	default: return NULL;
	}
}

/* Writes `prefix name "value"` split like gettext's wrap() in write-po.c:
 * one portion per embedded "\n", each broken at UAX #14 opportunities to
 * fit PAGE_WIDTH, and an empty first string when anything would wrap. */
static void write_string(kg_buf *out, const char *prefix, const char *name, const char *value, int do_wrap)
{
	kg_buf portion = KG_BUF_INIT;
	unsigned char *override = NULL, *brk = NULL;
	size_t prefix_len = strlen(prefix);
	int first_line = 1;
	const char *s = value;
	do {
		const char *es = s;
		while (*es)
			if (*es++ == '\n')
				break;
		kg_buf_reset(&portion);
		/* Scratch sized to this portion, not an array that grows (array.h). */
		override = kg_realloc(override, (size_t)(es - s) * 2 + 1);
		for (const char *p = s; p < es; p++) {
			const char *esc = escape_of(*p);
			if (esc) {
				override[portion.len] = BRK_NONE;
				override[portion.len + 1] = BRK_NEVER;
				kg_buf_puts(&portion, esc);
			} else {
				override[portion.len] = BRK_NONE;
				kg_buf_putc(&portion, *p);
			}
		}
		if (es > s && es[-1] == '\n')
			override[portion.len - 2] = BRK_NEVER; /* keep "\n" on its line */
		brk = kg_realloc(brk, portion.len + 1);        /* scratch, likewise */

		int after_break = (int)prefix_len + 1;
		int width = (do_wrap ? PAGE_WIDTH : (int)portion.len + 1000000) - 1 - after_break;
		int startcol;
		int any_break;
		for (;;) {
			startcol = (int)prefix_len;
			if (first_line)
				startcol += (int)strlen(name) + 1;
			startcol += 1 - after_break;
			line_breaks(portion.data, portion.len, override, width, startcol, brk);
			any_break = memchr(brk, BRK_HERE, portion.len) != NULL;
			if (first_line && portion.len > 0 && (*es || startcol > width || any_break)) {
				kg_buf_printf(out, "%s%s \"\"\n", prefix, name);
				first_line = 0;
				continue;
			}
			break;
		}
		if (first_line)
			kg_buf_printf(out, "%s%s \"", prefix, name);
		else
			kg_buf_printf(out, "%s\"", prefix);
		for (size_t i = 0; i < portion.len; i++) {
			if (brk[i] == BRK_HERE)
				kg_buf_printf(out, "\"\n%s\"", prefix);
			kg_buf_putc(out, portion.data[i]);
		}
		kg_buf_puts(out, "\"\n");
		s = es;
		first_line = 0;
	} while (*s);
	kg_buf_release(&portion);
	free(override);
	free(brk);
}

static void write_comment_lines(kg_buf *out, const char *mark, const char *text)
{
	if (!text)
		return;
	const char *line = text;
	for (;;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		kg_buf_puts(out, mark);
		if (len) {
			kg_buf_putc(out, ' ');
			kg_buf_add(out, line, len);
		}
		kg_buf_putc(out, '\n');
		if (!nl)
			break;
		line = nl + 1;
	}
}

/* "#:" lines, filled up to PAGE_WIDTH as message_print_comment_filepos(). */
static void write_references(kg_buf *out, const kg_po_entry *e)
{
	if (!e->reference_count)
		return;
	size_t column = 2;
	kg_buf_puts(out, "#:");
	for (size_t i = 0; i < e->reference_count; i++) {
		size_t len = strlen(e->references[i]) + 1;
		if (column > 2 && column + len > PAGE_WIDTH) {
			kg_buf_puts(out, "\n#:");
			column = 2;
		}
		kg_buf_putc(out, ' ');
		kg_buf_puts(out, e->references[i]);
		column += len;
	}
	kg_buf_putc(out, '\n');
}

static void write_flags(kg_buf *out, const kg_po_entry *e)
{
	int fuzzy = kg_po_entry_has_flag(e, "fuzzy");
	if (!e->flag_count)
		return;
	const char *sep = "#, ";
	if (fuzzy) {
		kg_buf_puts(out, "#, fuzzy");
		sep = ", ";
	}
	for (size_t i = 0; i < e->flag_count; i++) {
		if (strcmp(e->flags[i], "fuzzy") == 0)
			continue;
		kg_buf_puts(out, sep);
		kg_buf_puts(out, e->flags[i]);
		sep = ", ";
	}
	kg_buf_putc(out, '\n');
}

static void write_entry(kg_buf *out, const kg_po_entry *e)
{
	int wrap = !kg_po_entry_has_flag(e, "no-wrap");
	const char *prefix = e->obsolete ? "#~ " : "";
	const char *prev_prefix = e->obsolete ? "#~| " : "#| ";
	write_comment_lines(out, "#", e->translator_comments);
	write_comment_lines(out, "#.", e->extracted_comments);
	write_references(out, e);
	write_flags(out, e);
	if (e->prev_msgctxt)
		write_string(out, prev_prefix, "msgctxt", e->prev_msgctxt, wrap);
	if (e->prev_msgid)
		write_string(out, prev_prefix, "msgid", e->prev_msgid, wrap);
	if (e->prev_msgid_plural)
		write_string(out, prev_prefix, "msgid_plural", e->prev_msgid_plural, wrap);
	if (e->msgctxt)
		write_string(out, prefix, "msgctxt", e->msgctxt, wrap);
	write_string(out, prefix, "msgid", e->msgid ? e->msgid : "", wrap);
	if (e->msgid_plural) {
		write_string(out, prefix, "msgid_plural", e->msgid_plural, wrap);
		size_t n = e->msgstr_count ? e->msgstr_count : 1;
		for (size_t i = 0; i < n; i++) {
			char name[32];
			snprintf(name, sizeof(name), "msgstr[%zu]", i);
			write_string(out, prefix, name, i < e->msgstr_count ? e->msgstr[i] : "", wrap);
		}
	} else {
		write_string(out, prefix, "msgstr", e->msgstr_count ? e->msgstr[0] : "", wrap);
	}
}

void kg_po_write(const kg_catalog *cat, kg_buf *out)
{
	int first = 1;
	if (cat->header) {
		write_entry(out, cat->header);
		first = 0;
	}
	for (int pass = 0; pass < 2; pass++) { /* live entries, then obsolete ones */
		for (size_t i = 0; i < cat->count; i++) {
			const kg_po_entry *e = cat->entries[i];
			if (!e->obsolete != !pass)
				continue;
			if (!first)
				kg_buf_putc(out, '\n');
			write_entry(out, e);
			first = 0;
		}
	}
}

/* Returns 1 when the file at path holds exactly data. */
static int same_contents(const char *path, const kg_buf *data)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	int same = 1;
	char chunk[65536];
	size_t off = 0, n;
	while (same && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (off + n > data->len || memcmp(chunk, data->data + off, n) != 0)
			same = 0;
		off += n;
	}
	if (ferror(f) || off != data->len)
		same = 0;
	fclose(f);
	return same;
}

int kg_po_write_file(const kg_catalog *cat, const char *path, kg_diags *diags)
{
	kg_buf data = KG_BUF_INIT;
	kg_po_write(cat, &data);
	int rc = kg_catalog_write_bytes(path, &data, diags);
	kg_buf_release(&data);
	return rc;
}

int kg_catalog_write_bytes(const char *path, const kg_buf *data, kg_diags *diags)
{
	int rc = -1;
	int fd = -1;
	kg_buf tmp = KG_BUF_INIT;
	if (same_contents(path, data)) {
		rc = 0;
		goto out;
	}
	kg_buf_printf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		kg_error(diags, path, 0, 0, "cannot create a temporary file: %s", strerror(errno));
		goto out;
	}
	size_t done = 0;
	while (done < data->len) {
		ssize_t w = write(fd, data->data + done, data->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			kg_error(diags, path, 0, 0, "cannot write: %s", strerror(errno));
			goto out;
		}
		done += (size_t)w;
	}
	fchmod(fd, 0644);
	if (close(fd) != 0) {
		fd = -1;
		kg_error(diags, path, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0) {
		kg_error(diags, path, 0, 0, "cannot replace: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0 && tmp.len)
		unlink(tmp.data);
	kg_buf_release(&tmp);
	return rc;
}
