/* locale.h: every locale decision, made by ICU.
 *
 * Language tags are BCP 47 strings ("zh-Hant", "chk"). A date formatter,
 * collator or word counter owns its ICU objects, freed by its _free or
 * _close; nothing else keeps state between calls except ICU's own caches,
 * so those functions may be called from any thread. Functions that fill a
 * kg_buf append to it; text passed in is borrowed for the call.
 */
#ifndef KITGEN_LOCALE_H
#define KITGEN_LOCALE_H

#include "kitgen/base/buf.h"

#include <stddef.h>
#include <stdint.h>

/* Canonical BCP 47 form of tag ("zh_TW" -> "zh-TW", "ZH-hant" -> "zh-Hant").
 * Returns 0 if tag is well-formed BCP 47 (already canonical or not), -1 if
 * it is not a language tag at all; *canonical gets the best suggestion
 * either way ("zh_TW.UTF-8" -> "zh-TW"; "chinese" -> "" when there is none). */
int kg_locale_canonicalize(const char *tag, kg_buf *canonical);
/* A POSIX locale name as found in PO Language headers ("zh_TW", "pt_BR")
 * or a BCP 47 tag, to BCP 47. */
void kg_locale_from_posix(const char *name, kg_buf *tag);
/* 1 when two tags or POSIX names name the same language and script once
 * likely subtags are added ("zh_TW" and "zh-Hant", "vi_VN" and "vi"). */
int kg_locale_same_language(const char *a, const char *b);
/* 1 if ICU has locale data (CLDR) for the tag's language itself. */
int kg_locale_has_data(const char *tag);
/* The language's name in itself ("Tiếng Việt", "ខ្មែរ"). Returns 0 when
 * ICU knows it, -1 (and appends nothing) when it does not. */
int kg_locale_endonym(const char *tag, kg_buf *out);
/* The language's name in English ("Vietnamese"). -1 when unknown. */
int kg_locale_english_name(const char *tag, kg_buf *out);
/* 1 when the language is written right to left. */
int kg_locale_is_rtl(const char *tag);
/* ISO 15924 script code, likely script added ("Latn", "Hant"), or "" */
void kg_locale_script(const char *tag, kg_buf *out);

/* CLDR plural category ("one", "few", "other") of integer n for the tag. */
void kg_locale_plural_category(const char *tag, long long n, kg_buf *out);
/* A gettext Plural-Forms value derived from the CLDR rules for the tag
 * ("nplurals=2; plural=(n != 1);"). Returns 0, or -1 when ICU has no rules
 * for the language (the value for "nplurals=1; plural=0;" is appended). */
int kg_locale_plural_forms(const char *tag, kg_buf *out);

/* Dates and numbers in the locale's default calendar and numbering system.
 * kg_locale_format_date opens an ICU formatter per call; a build formats
 * through a kg_date_formatter, which keeps one per language and remembers
 * every (language, date) it formatted. A date's spaces are no-break
 * spaces (U+00A0): no line breaks inside a date. */
void kg_locale_format_date(const char *tag, int year, int month, int day, kg_buf *out);
typedef struct kg_date_formatter kg_date_formatter;
/* Caller frees with kg_date_formatter_free(). Thread-safe to use from many
 * threads. */
kg_date_formatter *kg_date_formatter_new(void);
void kg_date_formatter_free(kg_date_formatter *df);
/* Appends the date as kg_locale_format_date does. */
void kg_date_formatter_format(kg_date_formatter *df, const char *tag, int year, int month, int day,
                              kg_buf *out);
void kg_locale_format_int(const char *tag, long long n, kg_buf *out);

/* Collation: sorts UTF-8 strings in the language's order. A collator may
 * be used by one thread at a time: threads open one each. */
typedef struct kg_collator kg_collator;
/* Never NULL (falls back to root); caller closes with kg_collator_close(). */
kg_collator *kg_collator_open(const char *tag);
int kg_collator_compare(const kg_collator *c, const char *a, const char *b);
void kg_collator_close(kg_collator *c);

/* Word segmentation with ICU's word break iterator (dictionary based for
 * Thai, Lao, Khmer, Burmese, Chinese and Japanese). Calls fn for each word
 * (a run containing a letter, digit or ideograph; spaces and punctuation
 * are skipped) with its byte offset and length in text. */
typedef void (*kg_word_fn)(void *ud, const char *word, size_t len, size_t offset);
void kg_locale_words(const char *tag, const char *text, size_t len, kg_word_fn fn, void *ud);
/* Counts the words kg_locale_words() would report, reusing one break
 * iterator across calls (opening one costs far more than counting). One
 * thread at a time. */
typedef struct kg_word_counter kg_word_counter;
/* Never NULL; caller closes with kg_word_counter_close(). */
kg_word_counter *kg_word_counter_open(const char *tag);
size_t kg_word_counter_count(kg_word_counter *wc, const char *text, size_t len);
void kg_word_counter_close(kg_word_counter *wc);

/* Search normalization of one word: NFKC, case folding; with
 * strip_marks also removes combining marks (Vietnamese tones, Latin
 * accents) so "phố" and "pho" match. */
void kg_locale_search_fold(const char *word, size_t len, int strip_marks, kg_buf *out);

/* ASCII slug from any script ("Any-Latin; Latin-ASCII", lowercase, runs of
 * non-alphanumerics become one '-'). May be empty: ICU 72 has no Latin
 * transliteration for some scripts (Khmer), so callers need a fallback. */
void kg_locale_slugify(const char *text, kg_buf *out);

/* Terminal columns of UTF-8 text, as a terminal advances over it (glibc's
 * wcswidth): combining marks, format characters and conjoining Hangul
 * vowels and finals take none, East Asian wide and fullwidth characters
 * two, everything else one. For aligning tables a command prints. */
size_t kg_locale_display_width(const char *utf8);

/* What a plain-text wrapper needs to know of one code point, from ICU's
 * Unicode data (locale/linebreak.c), for wrapping PO files as GNU gettext
 * does. kg_locale_line_break() gives its UAX #14 line-break class as the
 * data says it (AI, SA, CJ ... are left for the caller to resolve);
 * kg_locale_char_columns() the columns libunistring's uc_width() gives it
 * in a UTF-8 locale: none for marks (Mn, Me), format characters (Cf, the
 * soft hyphen too, unlike wcwidth) and conjoining Hangul vowels and finals,
 * two for East Asian wide and fullwidth characters, else one. */
/* clang-format off */
typedef enum kg_line_break {
	KG_LB_XX, KG_LB_AI, KG_LB_AL, KG_LB_B2, KG_LB_BA, KG_LB_BB, KG_LB_BK, KG_LB_CB, KG_LB_CJ,
	KG_LB_CL, KG_LB_CM, KG_LB_CP, KG_LB_CR, KG_LB_EB, KG_LB_EM, KG_LB_EX, KG_LB_GL, KG_LB_H2,
	KG_LB_H3, KG_LB_HL, KG_LB_HY, KG_LB_ID, KG_LB_IN, KG_LB_IS, KG_LB_JL, KG_LB_JT, KG_LB_JV,
	KG_LB_LF, KG_LB_NL, KG_LB_NS, KG_LB_NU, KG_LB_OP, KG_LB_PO, KG_LB_PR, KG_LB_QU, KG_LB_RI,
	KG_LB_SA, KG_LB_SG, KG_LB_SP, KG_LB_SY, KG_LB_WJ, KG_LB_ZW, KG_LB_ZWJ
} kg_line_break;
/* clang-format on */
kg_line_break kg_locale_line_break(uint32_t c);
int kg_locale_char_columns(uint32_t c);

/* Normalizes UTF-8 text to NFC. */
void kg_locale_nfc(const char *text, size_t len, kg_buf *out);

/* Every number in text as a string of ASCII digits, converting any decimal
 * digits ICU knows (Devanagari, Khmer, Arabic-Indic...) and ignoring group
 * separators between digits. fn is called for each number in order. */
typedef void (*kg_number_fn)(void *ud, const char *digits, size_t len);
void kg_locale_numbers(const char *text, size_t len, kg_number_fn fn, void *ud);

#endif
