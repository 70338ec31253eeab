/* utf8.c: UTF-8 validation with positions, for every text kitgen reads.
 * Owns nothing. Columns are counted in characters, as editors show them. */
#include "kitgen/base/utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. Rejects
 * overlongs, surrogates and code points above U+10FFFF. */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t n;
	unsigned min;
	unsigned cp;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

size_t kg_utf8_valid_prefix(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		/* Eight ASCII bytes at a time: most of any catalog or page. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		/* The common sequences inline (Vietnamese, Hindi, Thai, Khmer,
		 * CJK, Korean...): two bytes from C2, or three. */
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		if (c >= 0xE0 && c <= 0xEF && i + 2 < len && (s[i + 2] & 0xC0) == 0x80) {
			/* The second byte's range: A0-BF after E0 (no overlong), 80-9F
			 * after ED (no surrogate), 80-BF otherwise. E0 leads Hindi and
			 * Thai, ED the last Korean syllables. */
			unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
			if (s[i + 1] >= lo && s[i + 1] <= hi) {
				i += 3;
				continue;
			}
		}
		size_t n = utf8_sequence(s + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

int kg_utf8_check(const char *text, size_t len, const char *file, int first_line, kg_diags *diags)
{
	/* The fast scan first; positions are counted only for a bad file. */
	size_t valid = kg_utf8_valid_prefix(text, len);
	const char *nul = memchr(text, 0, valid);
	size_t bad = nul ? (size_t)(nul - text) : valid;
	if (bad == len)
		return 0;
	const unsigned char *s = (const unsigned char *)text;
	int line = first_line, col = 1;
	for (size_t i = 0; i < bad; i += utf8_sequence(s + i, len - i)) {
		if (s[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	if (nul)
		kg_error(diags, file, line, col, "NUL byte in text (is this a binary file?)");
	else
		kg_error(diags, file, line, col, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		         s[bad]);
	return -1;
}

size_t kg_utf8_xml_invalid(const char *text, size_t len, unsigned *code_point)
{
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < len; i++) {
		int bad = 0;
		unsigned cp = s[i];
		if (s[i] < 0x20)
			bad = s[i] != '\t' && s[i] != '\n' && s[i] != '\r';
		else if (s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBF &&
		         (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
			bad = 1, cp = s[i + 2] == 0xBE ? 0xFFFE : 0xFFFF;
		if (bad) {
			if (code_point)
				*code_point = cp;
			return i;
		}
	}
	return len;
}
