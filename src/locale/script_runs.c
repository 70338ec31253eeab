/* script_runs.c: the runs of script_runs.h. What counts as a URL, an
 * e-mail address or a number with punctuation is written here once, for
 * HTML (render/html_text.c) and PDF (pdf/layout.c) alike; word breaks are
 * ICU's (kg_locale_words). Stateless. */
#include "kitgen/locale/script_runs.h"

#include "kitgen/locale/locale.h"

#include <stdint.h>
#include <string.h>

/* ---- small UTF-8 helpers ---- */

static uint32_t decode(const char *s, size_t len, size_t i, size_t *width)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = len - i;
	if (u[0] < 0x80 || left < 2) {
		*width = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0) {
		*width = 2;
		return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if ((u[0] & 0xF0) == 0xE0 && left >= 3) {
		*width = 3;
		return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	if ((u[0] & 0xF8) == 0xF0 && left >= 4) {
		*width = 4;
		return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
		       ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
	}
	*width = 1;
	return u[0];
}

/* The code point that ends just before i (0 at the start). */
static uint32_t decode_before(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	size_t start = i - 1;
	while (start > 0 && i - start < 4 && ((unsigned char)s[start] & 0xC0) == 0x80)
		start--;
	size_t width;
	return decode(s, i, start, &width);
}

/* Western, Arabic-Indic and Extended Arabic-Indic (Urdu) digits. */
static int is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9);
}

static int is_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Scripts written without spaces whose words the browser may split. */
static int is_unspaced(uint32_t c)
{
	return (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF) || /* Khmer */
	       (c >= 0x0E80 && c <= 0x0EFF) ||                                 /* Lao */
	       (c >= 0x1000 && c <= 0x109F) || (c >= 0xA9E0 && c <= 0xA9FF) || /* Myanmar */
	       (c >= 0xAA60 && c <= 0xAA7F);
}

/* ---- tokens read left to right ---- */

static int starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != prefix[i])
			return 0;
	}
	return 1;
}

/* "https://…", "http://…", "www.…": up to a space, a '<' or a character
 * that is not ASCII, less the sentence punctuation after it (a ')' only
 * when it closes nothing inside). */
static size_t url_token(const char *s, size_t len)
{
	if (!starts_with_ci(s, len, "https://") && !starts_with_ci(s, len, "http://") &&
	    !starts_with_ci(s, len, "www."))
		return 0;
	size_t end = 0;
	while (end < len && (unsigned char)s[end] > ' ' && (unsigned char)s[end] < 0x80 && s[end] != '<' &&
	       s[end] != '>' && s[end] != '"')
		end++;
	for (;;) {
		if (end == 0)
			return 0;
		char c = s[end - 1];
		if (strchr(".,;:!?'", c)) {
			end--;
			continue;
		}
		if (c == ')') {
			int depth = 0;
			for (size_t i = 0; i < end; i++)
				depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
			if (depth < 0) {
				end--;
				continue;
			}
		}
		return end;
	}
}

static int is_local_char(char c) { return is_ascii_alnum((unsigned char)c) || (c && strchr("._%+-", c)); }

/* name@example.org: a local part, '@', a domain with a dot. */
static size_t email_token(const char *s, size_t len)
{
	size_t at = 0;
	while (at < len && is_local_char(s[at]))
		at++;
	if (at == 0 || at >= len || s[at] != '@')
		return 0;
	size_t end = at + 1, dot = 0;
	while (end < len && (is_ascii_alnum((unsigned char)s[end]) || s[end] == '-' || s[end] == '.')) {
		if (s[end] == '.')
			dot = end;
		end++;
	}
	while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-'))
		end--;
	return dot > at + 1 && dot < end - 1 ? end : 0;
}

/* A number with punctuation inside: "(808) 555-0142", "+1 808 555 0142",
 * "2026-11-01", "24/7". Spaces belong to it only after a '+' or '(' start
 * or a ')' (phone formats), never between two plain numbers ("in 2020 5
 * people" stays two numbers). Returns 0 for a bare digit run. */
static size_t number_token(const char *s, size_t len)
{
	size_t i = 0, width;
	uint32_t c = decode(s, len, 0, &width);
	int spaces = 0;
	if (c == '+' || c == '(') {
		if (len < 2 || !is_digit(decode(s, len, 1, &width)))
			return 0;
		spaces = 1;
		i = 1;
	} else if (!is_digit(c)) {
		return 0;
	}
	size_t end = i, punct = 0;
	while (end < len) {
		c = decode(s, len, end, &width);
		if (is_digit(c)) {
			end += width;
			continue;
		}
		if (c == ')' || c == '(' || c == '-' || c == '.' || c == '/' || c == 0x2010 || c == 0x2011 ||
		    c == 0x2013) {
			if (c == ')')
				spaces = 1;
			end += width;
			continue;
		}
		if (c == ' ' && spaces && end + 1 < len &&
		    (is_digit(decode(s, len, end + 1, &width)) || s[end + 1] == '(')) {
			end++;
			continue;
		}
		break;
	}
	/* Less what cannot end a number: separators, an unmatched ')'. */
	for (;;) {
		size_t back = end;
		while (back > 0 && ((unsigned char)s[back - 1] & 0xC0) == 0x80)
			back--;
		if (back == 0)
			break;
		c = decode(s, len, back - 1, &width);
		if (c == ')') {
			int d = 0;
			for (size_t k = 0; k < end; k++)
				d += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
			if (d >= 0)
				break;
		} else if (is_digit(c)) {
			break;
		}
		end = back - 1;
	}
	int depth = 0;
	for (size_t k = 0; k < end; k += width) {
		c = decode(s, len, k, &width);
		punct += !is_digit(c);
		depth += c == '(' ? 1 : c == ')' ? -1 : 0;
	}
	/* "(10 minutes)": the '(' opens a phrase, not a number. */
	return punct && depth == 0 ? end : 0;
}

/* ---- words of unspaced scripts ---- */

typedef struct word_runs {
	kg_run_fn fn;
	void *ud;
	const char *run;
	size_t done;   /* bytes of run reported */
	int last_word; /* the last run reported was a word */
} word_runs;

static void on_word(void *ud, const char *word, size_t len, size_t offset)
{
	word_runs *w = ud;
	if (offset > w->done) {
		w->fn(w->ud, KG_RUN_TEXT, w->run + w->done, offset - w->done, 0);
		w->last_word = 0;
	}
	size_t chars = 0, width;
	for (size_t i = 0; i < len && chars < 2; i += width, chars++)
		decode(word, len, i, &width);
	if (chars < 2) {
		w->fn(w->ud, KG_RUN_TEXT, word, len, 0);
		w->last_word = 0;
	} else {
		w->fn(w->ud, KG_RUN_WORD, word, len, w->last_word);
		w->last_word = 1;
	}
	w->done = offset + len;
}

static void word_runs_of(const char *tag, const char *run, size_t len, kg_run_fn fn, void *ud)
{
	word_runs w = {fn, ud, run, 0, 0};
	kg_locale_words(tag, run, len, on_word, &w);
	if (w.done < len)
		fn(ud, KG_RUN_TEXT, run + w.done, len - w.done, 0);
}

void kg_script_runs(const char *text, size_t len, const char *tag, int find_ltr, kg_run_fn fn, void *ud)
{
	size_t i = 0, plain = 0; /* text[plain, i) is waiting to be reported */
	while (i < len) {
		size_t width;
		uint32_t c = decode(text, len, i, &width);
		uint32_t before = decode_before(text, i);
		if (find_ltr && c != ' ' && !is_ascii_alnum(before) && !is_digit(before)) {
			size_t n = c < 0x80 ? url_token(text + i, len - i) : 0;
			if (!n && c < 0x80)
				n = email_token(text + i, len - i);
			if (!n)
				n = number_token(text + i, len - i);
			if (n) {
				if (i > plain)
					fn(ud, KG_RUN_TEXT, text + plain, i - plain, 0);
				fn(ud, KG_RUN_LTR, text + i, n, 0);
				i = plain = i + n;
				continue;
			}
		}
		if (is_unspaced(c)) {
			size_t end = i;
			while (end < len) {
				size_t w;
				if (!is_unspaced(decode(text, len, end, &w)))
					break;
				end += w;
			}
			if (i > plain)
				fn(ud, KG_RUN_TEXT, text + plain, i - plain, 0);
			word_runs_of(tag, text + i, end - i, fn, ud);
			i = plain = end;
			continue;
		}
		i += width;
	}
	if (len > plain)
		fn(ud, KG_RUN_TEXT, text + plain, len - plain, 0);
}
