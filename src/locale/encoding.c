/* encoding.c: text in legacy encodings, both ways (encoding.h). Export turns
 * UTF-8 into Big5, GB18030, EUC-KR, Shift_JIS or Windows-1258 with glibc's
 * iconv, one character at a time, so that a character the encoding lacks is
 * found, named and never approximated; import reads declared, marked (BOM)
 * or guessed encodings (ICU's charset detector) into UTF-8. Owns its iconv
 * and ICU handles for the length of one call; borrows everything else. */
#include "kitgen/locale/encoding.h"
#include "kitgen/base/utf8.h"

#include "kitgen/base/alloc.h"
#include "kitgen/locale/locale.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

typedef struct encoding_info {
	const char *name;   /* kitgen's name, as kit.yaml writes it */
	const char *iconv;  /* glibc's */
	const char *label;  /* for people */
	int ascii_is_ascii; /* printable ASCII maps to itself both ways */
} encoding_info;

/* glibc's SHIFT_JIS writes a backslash and '~' as 0x5C and 0x7E but reads those
 * back as the yen sign and the overline (JIS X 0201), so they go through
 * the round-trip check like any other character; CP932, what Japanese
 * Windows calls Shift_JIS, keeps them. */
static const encoding_info encodings[] = {
    {"big5", "BIG5", "Big5", 1},
    {"gb18030", "GB18030", "GB18030", 1},
    {"euc-kr", "EUC-KR", "EUC-KR", 1},
    {"shift_jis", "SHIFT_JIS", "Shift_JIS", 0},
    {"cp932", "CP932", "Windows-31J (CP932)", 1},
    {"windows-1258", "CP1258", "Windows-1258", 1},
};

static const struct {
	const char *alias, *name;
} aliases[] = {
    {"shift-jis", "shift_jis"}, {"sjis", "shift_jis"},    {"cp1258", "windows-1258"}, {"euckr", "euc-kr"},
    {"big-5", "big5"},          {"windows-31j", "cp932"}, {"ms932", "cp932"},
};

static const encoding_info *find_encoding(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcasecmp(name, aliases[i].alias))
			name = aliases[i].name;
	for (size_t i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
		if (!strcasecmp(name, encodings[i].name))
			return &encodings[i];
	return NULL;
}

const char *kg_legacy_encoding_name(const char *name)
{
	const encoding_info *e = find_encoding(name);
	return e ? e->name : NULL;
}

static int is_utf8_name(const char *name) { return !strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"); }

/* Line and column (in characters) of a byte offset of UTF-8 text, moved
 * forward from the previous answer: errors come in order, so finding every
 * position costs one pass over the text. */
typedef struct position {
	size_t offset;
	int line, col;
} position;

static void position_advance(position *p, const char *s, size_t to)
{
	for (; p->offset < to; p->offset++) {
		unsigned char c = (unsigned char)s[p->offset];
		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->col++;
		}
	}
}

/* "U+1F600 '😀'" — the character itself only when it shows on its own. */
static void describe_char(UChar32 c, kg_buf *out)
{
	kg_buf_printf(out, "U+%04X", (unsigned)c);
	int8_t type = (int8_t)u_charType(c);
	if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_SPACE_SEPARATOR ||
	    type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR || type == U_UNASSIGNED)
		return;
	char u8[U8_MAX_LENGTH];
	int32_t n = 0;
	UBool error = 0;
	U8_APPEND(u8, n, U8_MAX_LENGTH, c, error);
	(void)error; /* c is a valid scalar value */
	kg_buf_puts(out, " '");
	if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK)
		kg_buf_puts(out, "\xE2\x97\x8C"); /* U+25CC DOTTED CIRCLE carries a lone mark */
	kg_buf_add(out, u8, n);
	kg_buf_putc(out, '\'');
}

/* ---- export ---- */

typedef struct exporter {
	iconv_t to, from; /* UTF-8 -> encoding, and back to check */
	const UNormalizer2 *nfc;
	kg_buf tmp, back, norm_a, norm_b;
} exporter;

/* Converts in (a whole number of characters) with cd into out. Returns 0,
 * or -1 (out may have a partial result) when cd cannot convert it all. */
static int convert_all(iconv_t cd, const char *in, size_t len, kg_buf *out)
{
	iconv(cd, NULL, NULL, NULL, NULL); /* initial state */
	char *src = (char *)in;
	size_t left = len;
	for (int flushing = 0;;) {
		kg_buf_grow(out, left * 4 + 16);
		char *dst = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r =
		    flushing ? iconv(cd, NULL, NULL, &dst, &room) : iconv(cd, &src, &left, &dst, &room);
		out->len = (size_t)(dst - out->data);
		out->data[out->len] = '\0';
		if (r == (size_t)-1 && errno == E2BIG)
			continue;
		if (r == (size_t)-1)
			return -1;
		if (flushing)
			return 0;
		flushing = 1; /* Windows-1258 holds back a letter that a tone mark might follow */
	}
}

static int same_nfc(exporter *x, const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && !memcmp(a, b, alen))
		return 1;
	kg_buf_reset(&x->norm_a);
	kg_buf_reset(&x->norm_b);
	kg_locale_nfc(a, alen, &x->norm_a);
	kg_locale_nfc(b, blen, &x->norm_b);
	return x->norm_a.len == x->norm_b.len && !memcmp(x->norm_a.data, x->norm_b.data, x->norm_a.len);
}

/* Appends the encoding of c to out. The bytes must read back as c (glibc
 * maps a few characters one way only; that would be an approximation).
 * A character the encoding lacks is tried as its canonical decomposition,
 * one level at a time: Windows-1258 has "ê" and a combining acute but no
 * "ế". Returns 0, or -1 with out unchanged. */
static int encode_char(exporter *x, UChar32 c, kg_buf *out)
{
	char u8[U8_MAX_LENGTH];
	int32_t n = 0;
	UBool error = 0;
	U8_APPEND(u8, n, U8_MAX_LENGTH, c, error);
	(void)error; /* c is a valid scalar value */
	kg_buf_reset(&x->tmp);
	kg_buf_reset(&x->back);
	if (convert_all(x->to, u8, (size_t)n, &x->tmp) == 0 &&
	    convert_all(x->from, x->tmp.data, x->tmp.len, &x->back) == 0 &&
	    same_nfc(x, u8, (size_t)n, x->back.data, x->back.len)) {
		kg_buf_add(out, x->tmp.data, x->tmp.len);
		return 0;
	}
	UChar raw[8];
	UErrorCode status = U_ZERO_ERROR;
	int32_t raw_len = x->nfc ? unorm2_getRawDecomposition(x->nfc, c, raw, 8, &status) : -1;
	if (U_FAILURE(status) || raw_len <= 0)
		return -1;
	size_t mark = out->len;
	for (int32_t i = 0; i < raw_len;) {
		UChar32 part;
		U16_NEXT(raw, i, raw_len, part);
		if (encode_char(x, part, out) < 0) {
			kg_buf_truncate(out, mark);
			return -1;
		}
	}
	return 0;
}

/* Appends the encoding of a UTF-8 string; -1 (out unchanged) if a
 * character of it cannot be encoded. */
static int encode_string(exporter *x, const char *s, kg_buf *out)
{
	size_t mark = out->len;
	int32_t i = 0, len = (int32_t)strlen(s);
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0 || encode_char(x, c, out) < 0) {
			kg_buf_truncate(out, mark);
			return -1;
		}
	}
	return 0;
}

enum { MAX_REPORTED = 20 }; /* a page in the wrong script would bury everything else */

int kg_legacy_export(const char *text_utf8, size_t len, const char *encoding, int substitute,
                     const char *display_path, kg_buf *out, kg_diags *d)
{
	int rc = -1;
	exporter x = {(iconv_t)-1, (iconv_t)-1, NULL, KG_BUF_INIT, KG_BUF_INIT, KG_BUF_INIT, KG_BUF_INIT};
	kg_buf nfc = KG_BUF_INIT, marker = KG_BUF_INIT, what = KG_BUF_INIT;
	const encoding_info *enc = find_encoding(encoding);
	if (!enc) {
		kg_error(d, display_path, 0, 0,
		         "unknown export encoding '%s' (kitgen knows big5, gb18030, euc-kr, shift_jis, "
		         "cp932 and windows-1258)",
		         encoding ? encoding : "");
		goto out;
	}
	size_t valid = kg_utf8_valid_prefix(text_utf8, len);
	if (valid < len) {
		position p = {0, 1, 1};
		position_advance(&p, text_utf8, valid);
		kg_error(d, display_path, p.line, p.col, "invalid UTF-8 (byte 0x%02X) in the text to export",
		         (unsigned char)text_utf8[valid]);
		goto out;
	}
	x.to = iconv_open(enc->iconv, "UTF-8");
	x.from = iconv_open("UTF-8", enc->iconv);
	if (x.to == (iconv_t)-1 || x.from == (iconv_t)-1) {
		kg_error(d, display_path, 0, 0, "this system's iconv cannot convert to %s", enc->label);
		goto out;
	}
	UErrorCode status = U_ZERO_ERROR;
	x.nfc = unorm2_getNFCInstance(&status);
	if (U_FAILURE(status))
		x.nfc = NULL;
	kg_locale_nfc(text_utf8, len, &nfc);
	const char *marker_text = "\xE3\x80\x93"; /* U+3013 GETA MARK */
	if (encode_string(&x, marker_text, &marker) < 0) {
		marker_text = "[?]";
		encode_string(&x, marker_text, &marker);
	}
	size_t failures = 0;
	position pos = {0, 1, 1};
	kg_buf result = KG_BUF_INIT;
	kg_buf_grow(&result, nfc.len);
	for (int32_t i = 0, n = (int32_t)nfc.len; i < n;) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(nfc.data, i, n, c);
		if (enc->ascii_is_ascii && (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F))) {
			kg_buf_putc(&result, (int)c); /* the common case, without two iconv calls */
			continue;
		}
		if (encode_char(&x, c, &result) == 0)
			continue;
		failures++;
		if (substitute)
			kg_buf_add(&result, marker.data, marker.len);
		if (failures > MAX_REPORTED)
			continue;
		position_advance(&pos, nfc.data, (size_t)start);
		kg_buf_reset(&what);
		describe_char(c, &what);
		if (substitute)
			kg_warning(d, display_path, pos.line, pos.col,
			           "%s cannot be written in %s; replaced by '%s'", what.data, enc->label,
			           marker_text);
		else
			kg_error(d, display_path, pos.line, pos.col, "%s cannot be written in %s", what.data,
			         enc->label);
	}
	if (failures > MAX_REPORTED)
		kg_diag_add(d, substitute ? KG_WARNING : KG_ERROR, display_path, 0, 0,
		            "%zu more characters cannot be written in %s%s", failures - MAX_REPORTED,
		            enc->label, substitute ? " (replaced)" : "");
	kg_buf_add(out, result.data, result.len);
	kg_buf_release(&result);
	rc = substitute || failures == 0 ? 0 : -1;
out:
	if (x.to != (iconv_t)-1)
		iconv_close(x.to);
	if (x.from != (iconv_t)-1)
		iconv_close(x.from);
	kg_buf_release(&x.tmp);
	kg_buf_release(&x.back);
	kg_buf_release(&x.norm_a);
	kg_buf_release(&x.norm_b);
	kg_buf_release(&nfc);
	kg_buf_release(&marker);
	kg_buf_release(&what);
	return rc;
}

/* ---- import ---- */

/* Converts bytes from the encoding cd reads into UTF-8, appended to out.
 * Invalid or truncated input is an error at the line:col it sits at in the
 * decoded text (what an editor set to that encoding shows). */
static int decode(iconv_t cd, const char *label, const char *bytes, size_t len, const char *display_path,
                  kg_buf *out, kg_diags *d)
{
	size_t start = out->len;
	char *src = (char *)bytes;
	size_t left = len;
	for (int flushing = 0;;) {
		kg_buf_grow(out, left * 2 + 16);
		char *dst = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r =
		    flushing ? iconv(cd, NULL, NULL, &dst, &room) : iconv(cd, &src, &left, &dst, &room);
		out->len = (size_t)(dst - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1) {
			if (flushing)
				return 0;
			flushing = 1; /* Windows-1258 holds back a letter that a tone mark might follow */
			continue;
		}
		if (errno == E2BIG)
			continue;
		position p = {start, 1, 1};
		position_advance(&p, out->data, out->len);
		size_t at = (size_t)(src - bytes);
		kg_buf shown = KG_BUF_INIT;
		for (size_t i = at; i < len && i < at + 4; i++)
			kg_buf_printf(&shown, "%s0x%02X", i > at ? " " : "", (unsigned char)bytes[i]);
		if (errno == EINVAL)
			kg_error(d, display_path, p.line, p.col, "the file ends inside a %s character (%s)",
			         label, shown.data);
		else
			kg_error(d, display_path, p.line, p.col, "invalid %s bytes (%s at byte %zu)", label,
			         shown.data, at);
		kg_buf_release(&shown);
		return -1;
	}
}

/* Converts from an encoding named for iconv, then normalizes to NFC (a
 * legacy encoding may give decomposed letters: Windows-1258 tone marks). */
static int import_from(const char *iconv_name, const char *label, const char *bytes, size_t len,
                       const char *display_path, kg_buf *utf8_out, kg_diags *d)
{
	iconv_t cd = iconv_open("UTF-8", iconv_name);
	if (cd == (iconv_t)-1) {
		kg_error(d, display_path, 0, 0, "unknown encoding '%s'", label);
		return -1;
	}
	kg_buf raw = KG_BUF_INIT;
	int rc = decode(cd, label, bytes, len, display_path, &raw, d);
	iconv_close(cd);
	if (rc == 0)
		kg_locale_nfc(raw.data, raw.len, utf8_out);
	kg_buf_release(&raw);
	return rc;
}

static int import_utf8(const char *bytes, size_t len, const char *display_path, kg_buf *utf8_out, kg_diags *d)
{
	size_t valid = kg_utf8_valid_prefix(bytes, len);
	if (valid < len) {
		position p = {0, 1, 1};
		position_advance(&p, bytes, valid);
		kg_error(d, display_path, p.line, p.col, "invalid UTF-8 (byte 0x%02X)",
		         (unsigned char)bytes[valid]);
		return -1;
	}
	kg_buf_add(utf8_out, bytes, len);
	return 0;
}

/* What ICU's detector may name and kitgen will convert without being
 * told: multi-byte encodings, whose byte patterns are distinctive. */
static const struct {
	const char *icu, *iconv, *declare;
} guessable[] = {
    {"Big5", "BIG5", "big5"},       {"GB18030", "GB18030", "gb18030"},
    {"EUC-KR", "EUC-KR", "euc-kr"}, {"Shift_JIS", "SHIFT_JIS", "shift_jis"},
    {"EUC-JP", "EUC-JP", "euc-jp"},
};

enum { MIN_AUTO_CONFIDENCE = 50 };

static int import_guess(const char *bytes, size_t len, int allow_auto, const char *display_path,
                        kg_buf *utf8_out, kg_diags *d)
{
	size_t bad = kg_utf8_valid_prefix(bytes, len);
	position p = {0, 1, 1};
	position_advance(&p, bytes, bad); /* the prefix is UTF-8, and ASCII in these encodings */
	UErrorCode status = U_ZERO_ERROR;
	UCharsetDetector *det = ucsdet_open(&status);
	const UCharsetMatch *match = NULL;
	if (U_SUCCESS(status)) {
		ucsdet_setText(det, bytes, (int32_t)(len > INT32_MAX ? INT32_MAX : len), &status);
		match = U_SUCCESS(status) ? ucsdet_detect(det, &status) : NULL;
	}
	const char *name = match && U_SUCCESS(status) ? ucsdet_getName(match, &status) : NULL;
	int32_t confidence = name ? ucsdet_getConfidence(match, &status) : 0;
	if (U_FAILURE(status))
		name = NULL;
	size_t which = sizeof(guessable) / sizeof(guessable[0]);
	for (size_t i = 0; name && i < sizeof(guessable) / sizeof(guessable[0]); i++)
		if (!strcmp(name, guessable[i].icu))
			which = i;
	int rc = -1;
	if (!name) {
		kg_error(d, display_path, p.line, p.col,
		         "file is not UTF-8 and its encoding cannot be guessed; declare `encoding: ...` or "
		         "convert it");
	} else if (which == sizeof(guessable) / sizeof(guessable[0])) {
		kg_buf lower = KG_BUF_INIT;
		for (const char *c = name; *c; c++)
			kg_buf_putc(&lower, *c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		kg_error(
		    d, display_path, p.line, p.col,
		    "file is not UTF-8; it looks like %s (confidence %d%%), but single-byte encodings are "
		    "too alike to guess (Vietnamese windows-1258 also looks like windows-1252); declare "
		    "`encoding: %s` (or the right one) or convert it",
		    name, (int)confidence, lower.data);
		kg_buf_release(&lower);
	} else if (!allow_auto || confidence < MIN_AUTO_CONFIDENCE) {
		kg_error(d, display_path, p.line, p.col,
		         "file is not UTF-8; it looks like %s (confidence %d%%%s); declare `encoding: %s` or "
		         "convert it",
		         name, (int)confidence, allow_auto ? ", too low to convert it automatically" : "",
		         guessable[which].declare);
	} else if (import_from(guessable[which].iconv, name, bytes, len, display_path, utf8_out, d) == 0) {
		kg_warning(d, display_path, p.line, p.col,
		           "file is not UTF-8; read it as %s (detected with confidence %d%%); declare "
		           "`encoding: %s` to make that explicit, or convert it",
		           name, (int)confidence, guessable[which].declare);
		rc = 0;
	}
	if (det)
		ucsdet_close(det);
	return rc;
}

int kg_legacy_import(const char *bytes, size_t len, const char *declared, int allow_auto,
                     const char *display_path, kg_buf *utf8_out, kg_diags *d)
{
	static const struct {
		const char *bom;
		size_t len;
		const char *iconv;
	} boms[] = {
	    /* UTF-32LE first: its mark starts like UTF-16LE's */
	    {"\xFF\xFE\x00\x00", 4, "UTF-32LE"}, {"\x00\x00\xFE\xFF", 4, "UTF-32BE"},
	    {"\xEF\xBB\xBF", 3, "UTF-8"},        {"\xFF\xFE", 2, "UTF-16LE"},
	    {"\xFE\xFF", 2, "UTF-16BE"},
	};
	if (declared && !declared[0])
		declared = NULL;
	for (size_t i = 0; i < sizeof(boms) / sizeof(boms[0]); i++) {
		if (len < boms[i].len || memcmp(bytes, boms[i].bom, boms[i].len))
			continue;
		const char *bom_name = boms[i].iconv;
		int is_utf8 = !strcmp(bom_name, "UTF-8");
		if (declared && strcasecmp(declared, bom_name) && !(is_utf8 && is_utf8_name(declared)) &&
		    !(!is_utf8 && !strncasecmp(declared, bom_name, 6) && !declared[6])) /* "utf-16" */
			kg_warning(
			    d, display_path, 1, 1,
			    "the file starts with a %s byte order mark; read as %s, not as the declared '%s'",
			    bom_name, bom_name, declared);
		bytes += boms[i].len;
		len -= boms[i].len;
		/* The mark is dropped: kitgen's UTF-8 never carries one. */
		return is_utf8 ? import_utf8(bytes, len, display_path, utf8_out, d)
		               : import_from(bom_name, bom_name, bytes, len, display_path, utf8_out, d);
	}
	if (declared) {
		if (is_utf8_name(declared))
			return import_utf8(bytes, len, display_path, utf8_out, d);
		const encoding_info *enc = find_encoding(declared);
		return enc ? import_from(enc->iconv, enc->label, bytes, len, display_path, utf8_out, d)
		           : import_from(declared, declared, bytes, len, display_path, utf8_out, d);
	}
	if (kg_utf8_valid_prefix(bytes, len) == len)
		return import_utf8(bytes, len, display_path, utf8_out, d);
	return import_guess(bytes, len, allow_auto, display_path, utf8_out, d);
}
