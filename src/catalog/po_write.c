/* po_write.c: the PO writer, in GNU gettext's own layout, so that msgcat
 * reproduces kitgen's output byte for byte (checked by test_po_gettext.c).
 * Owns nothing beyond one call; writes into the caller's kg_buf.
 * Line breaking follows msgcat: libunistring's UAX #14 pair table and
 * uc_width() columns (2 for East Asian wide characters, 0 for combining
 * marks), re-implemented here for the scripts training kits use. Known gap:
 * rare classes (regional indicators, Hebrew letters, emoji modifiers) are
 * treated as ordinary letters, where libunistring 1.0 has special rules.
 */
#include "catalog/catalog_internal.h"

#include "kitgen/base/alloc.h"

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

static enum lb ascii_class(uint32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return AL;
	if (c >= '0' && c <= '9')
		return NU;
	/* clang-format off */
	switch (c) {
	case ' ': return SP;
	case '\t': case '|': return BA;
	case '!': case '?': return EX;
	case '"': case '\'': return QU;
	case '$': case '+': case '\\': return PR;
	case '%': return PO;
	case '(': case '[': case '{': return OP;
	case ')': case ']': return CP;
	case '}': return CL;
	case ',': case '.': case ':': case ';': return IS;
	case '-': return HY;
	case '/': return SY;
	default: return c < 0x20 || c == 0x7f ? CM : AL;
	}
	/* clang-format on */
}

static int is_small_kana(uint32_t c)
{
	static const uint16_t small[] = {0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
	                                 0x3087, 0x308e, 0x3095, 0x3096, 0x30a1, 0x30a3, 0x30a5, 0x30a7,
	                                 0x30a9, 0x30c3, 0x30e3, 0x30e5, 0x30e7, 0x30ee, 0x30f5, 0x30f6};
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++)
		if (c == small[i])
			return 1;
	return (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff67 && c <= 0xff70);
}

/* Spacing combining marks (Mc) in the scripts we know; they break like CM
 * but take one column. */
static int is_spacing_mark(uint32_t c)
{
	return c == 0x17b6 || (c >= 0x17be && c <= 0x17c5) || c == 0x17c7 || c == 0x17c8 || c == 0x0903 ||
	       c == 0x093b || (c >= 0x093e && c <= 0x0940) || (c >= 0x0949 && c <= 0x094c) || c == 0x094e ||
	       c == 0x094f;
}

/* Non-spacing marks, enclosing marks and format characters: width 0. */
static int is_zero_width(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x0483 && c <= 0x0489) || (c >= 0x0591 && c <= 0x05bd) ||
	       (c >= 0x0610 && c <= 0x061a) || (c >= 0x064b && c <= 0x065f) || c == 0x0670 ||
	       (c >= 0x06d6 && c <= 0x06dc) || (c >= 0x0900 && c <= 0x0902) || c == 0x093a || c == 0x093c ||
	       (c >= 0x0941 && c <= 0x0948) || c == 0x094d || (c >= 0x0951 && c <= 0x0957) || c == 0x0e31 ||
	       (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e) || c == 0x0eb1 ||
	       (c >= 0x0eb4 && c <= 0x0ebc) || (c >= 0x0ec8 && c <= 0x0ecd) || c == 0x17b4 || c == 0x17b5 ||
	       (c >= 0x17b7 && c <= 0x17bd) || c == 0x17c6 || (c >= 0x17c9 && c <= 0x17d3) || c == 0x17dd ||
	       (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x200b && c <= 0x200f) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x20d0 && c <= 0x20ff) ||
	       (c >= 0x302a && c <= 0x302d) || c == 0x3099 || c == 0x309a || (c >= 0xfe00 && c <= 0xfe0f) ||
	       (c >= 0xfe20 && c <= 0xfe2f) || c == 0xfeff || (c >= 0xe0100 && c <= 0xe01ef);
}

static int is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) ||
	       (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	       (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
	       (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
	       (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) ||
	       (c >= 0x20000 && c <= 0x3fffd);
}

static int char_width(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return 0; /* uc_width() gives -1; the wrapper ignores it */
	if (is_zero_width(c))
		return 0;
	return is_wide(c) ? 2 : 1;
}

/* Scripts of line-break class SA (see char_class), digits excluded. */
static int is_south_east_asian(uint32_t c)
{
	if ((c >= 0x17e0 && c <= 0x17e9) || (c >= 0x0e50 && c <= 0x0e59) || c == 0x17d4 || c == 0x17d5)
		return 0;
	return (c >= 0x1780 && c <= 0x17ff) || (c >= 0x0e00 && c <= 0x0eff) || (c >= 0x1000 && c <= 0x109f) ||
	       (c >= 0x19e0 && c <= 0x19ff);
}

static enum lb char_class(uint32_t c)
{
	if (c < 128)
		return ascii_class(c);
	switch (c) {
	case 0x00a0:
	case 0x202f:
	case 0x2007:
	case 0x2011: return GL;
	case 0x00ab:
	case 0x00bb:
	case 0x2018:
	case 0x2019:
	case 0x201b:
	case 0x201c:
	case 0x201d:
	case 0x201f:
	case 0x2039:
	case 0x203a: return QU;
	case 0x00ad:
	case 0x2010:
	case 0x2012:
	case 0x2013:
	case 0x1680:
	case 0x3000:
	case 0x17d4:
	case 0x17d5:
	case 0x17d8:
	case 0x17da: return BA;
	case 0x00b4:
	case 0x02c8:
	case 0x02cc: return BB;
	case 0x2014: return B2;
	case 0x200b: return ZW;
	case 0x2060:
	case 0xfeff: return WJ;
	case 0x2024:
	case 0x2025:
	case 0x2026: return IN;
	case 0x00a1:
	case 0x00bf: return OP;
	case 0x3001:
	case 0x3002:
	case 0xff0c:
	case 0xff0e:
	case 0xfe50:
	case 0xfe52:
	case 0xff61:
	case 0xff64:
	case 0x3009:
	case 0x300b:
	case 0x300d:
	case 0x300f:
	case 0x3011:
	case 0x3015:
	case 0x3017:
	case 0x3019:
	case 0x301b:
	case 0xff09:
	case 0xff3d:
	case 0xff5d:
	case 0xff63: return CL;
	case 0x3008:
	case 0x300a:
	case 0x300c:
	case 0x300e:
	case 0x3010:
	case 0x3014:
	case 0x3016:
	case 0x3018:
	case 0x301a:
	case 0xff08:
	case 0xff3b:
	case 0xff5b:
	case 0xff62: return OP;
	case 0xff01:
	case 0xff1f: return EX;
	case 0xff1a:
	case 0xff1b:
	case 0x301c:
	case 0x30a0:
	case 0x30fb:
	case 0x30fc:
	case 0x30fd:
	case 0x30fe:
	case 0x309b:
	case 0x309c:
	case 0x309d:
	case 0x309e:
	case 0x3005:
	case 0xff65:
	case 0xff9e:
	case 0xff9f: return NS;
	default: break;
	}
	if (c == 0x00b0 || c == 0x2030 || c == 0x2032 || c == 0x2033 || c == 0x00a2 || c == 0x2103)
		return PO;
	if (c == 0x00a3 || c == 0x00a5 || c == 0x20ac || c == 0x00b1 || c == 0x2116)
		return PR;
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0xa960 && c <= 0xa97c))
		return JL;
	if ((c >= 0x1160 && c <= 0x11a7) || (c >= 0xd7b0 && c <= 0xd7c6))
		return JV;
	if ((c >= 0x11a8 && c <= 0x11ff) || (c >= 0xd7cb && c <= 0xd7fb))
		return JT;
	if (c >= 0xac00 && c <= 0xd7a3)
		return (c - 0xac00) % 28 == 0 ? H2 : H3;
	if (is_small_kana(c))
		return NS;
	if (c >= 0x17e0 && c <= 0x17e9)
		return NU; /* Khmer digits */
	if ((c >= 0x0e50 && c <= 0x0e59) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x0966 && c <= 0x096f))
		return NU;
	/* Khmer, Thai, Lao, Myanmar are SA: libunistring resolves them, marks
	 * included, to AL (no dictionary breaking). */
	if (is_south_east_asian(c))
		return AL;
	if (is_zero_width(c) || is_spacing_mark(c))
		return CM;
	if ((c >= 0x2e80 && c <= 0x2fff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff01 && c <= 0xff60) ||
	    (c >= 0x3003 && c <= 0x303f) || (c >= 0x3130 && c <= 0x318f) || (c >= 0x3200 && c <= 0x33ff) ||
	    (c >= 0xa000 && c <= 0xa4cf) || (c >= 0x20000 && c <= 0x3fffd) ||
	    (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff))
		return ID;
	return AL;
}

enum { BRK_NONE, BRK_HERE, BRK_NEVER };

/* Marks brk[i] = BRK_HERE where a line may start at byte i of s, by the
 * UAX #14 pair table as libunistring's u8_possible_linebreaks() does. */
static void possible_breaks(const char *s, size_t n, unsigned char *brk)
{
	enum lb last = WJ; /* nothing breaks before the first character */
	int first = 1, seen_space = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kg_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!len)
			c = 0xfffd, len = 1;
		enum lb cls = char_class(c);
		memset(brk + i, BRK_NEVER, len);
		if (cls == SP) {
			seen_space = 1;
		} else if (cls == CM && !first && !seen_space) {
			/* a mark takes the class of its base */
		} else {
			if (cls == CM)
				cls = AL;
			if (!first) {
				unsigned char a = pair_table[last][cls];
				/* LB30: letters and digits stick to an opening
				 * parenthesis unless it is East Asian wide. */
				if (cls == OP && is_wide(c) && (last == AL || last == NU))
					a = D;
				if (a == D || (a == I && seen_space))
					brk[i] = BRK_HERE;
			}
			last = cls;
			seen_space = 0;
		}
		first = 0;
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
		piece_width += char_width(c);
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
	int rc = -1;
	int fd = -1;
	kg_buf data = KG_BUF_INIT;
	kg_buf tmp = KG_BUF_INIT;
	kg_po_write(cat, &data);
	if (same_contents(path, &data)) {
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
	while (done < data.len) {
		ssize_t w = write(fd, data.data + done, data.len - done);
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
	kg_buf_release(&data);
	kg_buf_release(&tmp);
	return rc;
}
