/* text.c: text services over ICU: word segmentation (ubrk), search
 * folding and NFC (unorm2), ASCII slugs (utrans), and numbers written in
 * any script's digits (uchar). Each call converts the UTF-8 it borrows to
 * UTF-16 for ICU and frees that copy before returning. The only state is
 * each thread's own word iterators (see "word iterators" below), which
 * change no result. */
#include "kitgen/locale/locale.h"

#include "locale/icu_util.h"

#include "kitgen/base/alloc.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

/* ---- word iterators: a few per thread, kept ----
 * Opening an ICU word iterator costs more than breaking a paragraph with it
 * (the rules are looked up, the tag converted, caches allocated), and
 * kg_script_runs breaks every run of Khmer, Lao or Burmese on its own: in a
 * profile of an HTML build, ubrk_open and the tag's conversion were 4 % of
 * the CPU time. So each thread keeps its last WORD_SLOTS iterators, one per
 * tag, and gives them new text; ubrk_setText resets everything an iterator
 * caches, so the breaks are the ones a new iterator finds. A slot in use is
 * marked busy (a callback may break other text while a caller iterates); a
 * thread's iterators are closed when it exits (the key's destructor); the
 * main thread's stay reachable until the process ends. */
enum { WORD_SLOTS = 4, WORD_TAG_MAX = 32 };

typedef struct word_slot {
	char tag[WORD_TAG_MAX];
	UBreakIterator *words; /* owned; NULL in an unused slot */
	int busy;
} word_slot;

typedef struct word_slots {
	word_slot slot[WORD_SLOTS];
	unsigned next_evicted;
} word_slots;

/* pthread's key and once, not C11's tss_t and call_once: glibc builds
 * those on its internal pthread calls, which ThreadSanitizer does not
 * intercept, so it reported the once's write as a race and lost track of
 * threads made with thrd_create. */
static pthread_key_t word_slots_key;
static int word_slots_ready;
static pthread_once_t word_slots_once = PTHREAD_ONCE_INIT;

static void word_slots_free(void *p)
{
	word_slots *ws = p;
	for (int i = 0; i < WORD_SLOTS; i++)
		ubrk_close(ws->slot[i].words);
	free(ws);
}

static void word_slots_init(void)
{
	word_slots_ready = pthread_key_create(&word_slots_key, word_slots_free) == 0;
}

static UBreakIterator *open_words(const char *tag)
{
	char id[KG_ICU_ID_MAX];
	UErrorCode status = U_ZERO_ERROR;
	kg_icu_locale_id(tag, id);
	UBreakIterator *words = ubrk_open(UBRK_WORD, id, NULL, 0, &status);
	if (U_FAILURE(status)) {
		ubrk_close(words);
		return NULL;
	}
	return words;
}

/* A word iterator for tag, and the slot to give back (NULL: the caller
 * closes the iterator, as when every slot is busy or the tag is long). */
static UBreakIterator *borrow_words(const char *tag, word_slot **slot)
{
	*slot = NULL;
	pthread_once(&word_slots_once, word_slots_init);
	if (!word_slots_ready || strlen(tag) >= WORD_TAG_MAX)
		return open_words(tag);
	word_slots *ws = pthread_getspecific(word_slots_key);
	if (!ws) {
		ws = kg_calloc(1, sizeof(*ws));
		if (pthread_setspecific(word_slots_key, ws) != 0) {
			free(ws);
			return open_words(tag);
		}
	}
	word_slot *empty = NULL;
	for (int i = 0; i < WORD_SLOTS; i++) {
		word_slot *s = &ws->slot[i];
		if (!s->words) {
			empty = empty ? empty : s;
		} else if (!s->busy && strcmp(s->tag, tag) == 0) {
			s->busy = 1;
			*slot = s;
			return s->words;
		}
	}
	word_slot *s = empty; /* else the next one not busy, in turn */
	for (unsigned k = 0; !s && k < WORD_SLOTS; k++) {
		word_slot *next = &ws->slot[(ws->next_evicted + k) % WORD_SLOTS];
		if (!next->busy)
			s = next;
	}
	if (!s)
		return open_words(tag);
	if (s->words) {
		ubrk_close(s->words);
		ws->next_evicted = (unsigned)(s - ws->slot + 1) % WORD_SLOTS;
	}
	s->words = open_words(tag);
	if (!s->words)
		return NULL;
	strcpy(s->tag, tag);
	s->busy = 1;
	*slot = s;
	return s->words;
}

static void return_words(UBreakIterator *words, word_slot *slot)
{
	UErrorCode status = U_ZERO_ERROR;
	if (!slot) {
		ubrk_close(words);
		return;
	}
	ubrk_setText(words, NULL, 0, &status); /* the caller's text is about to go */
	slot->busy = 0;
}

/* Borrows text; fn gets pointers into it. Offsets are mapped back from
 * ICU's UTF-16 positions through the table kg_icu_from_utf8 builds. */
void kg_locale_words(const char *tag, const char *text, size_t len, kg_word_fn fn, void *ud)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t *offsets = NULL;
	int32_t n;
	word_slot *slot;

	UBreakIterator *words = borrow_words(tag ? tag : "", &slot);
	if (!words)
		return;
	UChar *u = kg_icu_from_utf8(text, len, &n, &offsets);
	ubrk_setText(words, u, n, &status);
	if (U_FAILURE(status))
		goto out;
	int32_t start = ubrk_first(words);
	for (int32_t end = ubrk_next(words); end != UBRK_DONE; start = end, end = ubrk_next(words)) {
		/* The status is that of the rule that ended this segment: below
		 * UBRK_WORD_NONE_LIMIT for spaces and punctuation; numbers,
		 * letters, kana and ideographs are above it. */
		if (ubrk_getRuleStatus(words) < UBRK_WORD_NONE_LIMIT)
			continue;
		size_t from = (size_t)offsets[start];
		fn(ud, text + from, (size_t)offsets[end] - from, from);
	}
out:
	return_words(words, slot);
	free(offsets);
	free(u);
}

struct kg_word_counter {
	UBreakIterator *words;
};

kg_word_counter *kg_word_counter_open(const char *tag)
{
	char id[KG_ICU_ID_MAX];
	UErrorCode status = U_ZERO_ERROR;
	kg_icu_locale_id(tag, id);
	kg_word_counter *wc = kg_calloc(1, sizeof(*wc));
	wc->words = ubrk_open(UBRK_WORD, id, NULL, 0, &status);
	if (U_FAILURE(status)) {
		ubrk_close(wc->words);
		wc->words = NULL;
	}
	return wc;
}

size_t kg_word_counter_count(kg_word_counter *wc, const char *text, size_t len)
{
	if (!wc->words)
		return 0;
	int32_t n;
	UErrorCode status = U_ZERO_ERROR;
	UChar *u = kg_icu_from_utf8(text, len, &n, NULL);
	ubrk_setText(wc->words, u, n, &status);
	size_t count = 0;
	if (U_SUCCESS(status)) {
		ubrk_first(wc->words);
		while (ubrk_next(wc->words) != UBRK_DONE)
			count += ubrk_getRuleStatus(wc->words) >= UBRK_WORD_NONE_LIMIT;
	}
	ubrk_setText(wc->words, NULL, 0, &status); /* u is about to go */
	free(u);
	return count;
}

void kg_word_counter_close(kg_word_counter *wc)
{
	if (!wc)
		return;
	ubrk_close(wc->words);
	free(wc);
}

/* Marks only go where they are optional in everyday typing: Latin
 * (Vietnamese tones, French accents), Greek and Cyrillic accents, Arabic
 * and Hebrew vowel points. In Thai, Devanagari or Khmer the marks are the
 * vowels themselves, and dropping them would merge different words. */
static int mark_is_optional(UScriptCode base)
{
	switch (base) {
	case USCRIPT_LATIN:
	case USCRIPT_GREEK:
	case USCRIPT_CYRILLIC:
	case USCRIPT_ARABIC:
	case USCRIPT_HEBREW: return 1;
	default: return 0;
	}
}

/* ICU's normalizers are process-wide singletons; NULL if data is missing. */
static const UNormalizer2 *normalizer(const UNormalizer2 *(*get)(UErrorCode *))
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *norm = get(&status);
	return U_SUCCESS(status) ? norm : NULL;
}

static UChar *strip_optional_marks(const UChar *s, int32_t len, int32_t *out_len)
{
	int32_t n;
	UChar *d = kg_icu_normalize(normalizer(unorm2_getNFDInstance), s, len, &n);
	UScriptCode base = USCRIPT_COMMON;
	int32_t i = 0, k = 0;
	while (i < n) {
		UChar32 c;
		U16_NEXT(d, i, n, c);
		if (u_charType(c) == U_NON_SPACING_MARK) {
			if (mark_is_optional(base))
				continue;
		} else {
			UErrorCode status = U_ZERO_ERROR;
			base = uscript_getScript(c, &status);
			/* Vietnamese đ has no decomposition, and people type "d". */
			if (c == 0x0111 || c == 0x0110)
				c = 'd';
		}
		U16_APPEND_UNSAFE(d, k, c); /* k <= i: writing behind the reader */
	}
	UChar *result = kg_icu_normalize(normalizer(unorm2_getNFCInstance), d, k, out_len);
	free(d);
	return result;
}

/* NFKC_Casefold first, so compatibility forms (full-width letters, ligatures)
 * and case fold together; then optional marks go. Appends to out. */
void kg_locale_search_fold(const char *word, size_t len, int strip_marks, kg_buf *out)
{
	int32_t n, folded_len;
	UChar *u = kg_icu_from_utf8(word, len, &n, NULL);
	UChar *folded = kg_icu_normalize(normalizer(unorm2_getNFKCCasefoldInstance), u, n, &folded_len);
	if (strip_marks) {
		int32_t stripped_len;
		UChar *stripped = strip_optional_marks(folded, folded_len, &stripped_len);
		kg_icu_append_utf8(out, stripped, stripped_len);
		free(stripped);
	} else {
		kg_icu_append_utf8(out, folded, folded_len);
	}
	free(folded);
	free(u);
}

/* Deterministic: the same text always gives the same slug, as ICU's
 * transliteration rules are data, not heuristics. Scripts without a Latin
 * transliteration contribute nothing, so the slug may be empty (ICU 72 has
 * no Khmer-Latin: "ខ្មែរ" gives ""); the caller picks a fallback. Opening
 * the transliterator costs about 0.3 ms, once per call. */
void kg_locale_slugify(const char *text, kg_buf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n;
	UChar *u = kg_icu_from_utf8(text, strlen(text), &n, NULL);
	int ascii = 1;
	for (const unsigned char *p = (const unsigned char *)text; *p && ascii; p++)
		ascii = *p < 0x80;
	/* ASCII needs no transliteration: skip the 0.3 ms transliterator. */
	UTransliterator *to_ascii =
	    ascii ? NULL
	          : utrans_openU(u"Any-Latin; Latin-ASCII", -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
	if (ascii)
		status = U_UNSUPPORTED_ERROR;
	if (U_SUCCESS(status)) {
		/* utrans works in place, in a buffer with room to grow. */
		int32_t capacity = n * 4 + 16;
		UChar *t = kg_malloc(sizeof *t * (size_t)capacity);
		int32_t text_len = n, limit = n;
		memcpy(t, u, sizeof *t * (size_t)n);
		utrans_transUChars(to_ascii, t, &text_len, capacity, 0, &limit, &status);
		if (U_SUCCESS(status)) {
			free(u);
			u = t;
			n = text_len;
		} else {
			free(t); /* overflow or error: slug the original's ASCII */
		}
	}
	if (to_ascii)
		utrans_close(to_ascii);

	int pending_dash = 0;
	size_t start = out->len;
	for (int32_t i = 0; i < n; i++) {
		UChar c = u[i];
		if (c >= 'A' && c <= 'Z')
			c = (UChar)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (pending_dash && out->len > start)
				kg_buf_putc(out, '-');
			pending_dash = 0;
			kg_buf_putc(out, c);
		} else {
			pending_dash = 1;
		}
	}
	free(u);
}

void kg_locale_nfc(const char *text, size_t len, kg_buf *out)
{
	int32_t n, nfc_len;
	UChar *u = kg_icu_from_utf8(text, len, &n, NULL);
	UChar *normalized = kg_icu_normalize(normalizer(unorm2_getNFCInstance), u, n, &nfc_len);
	kg_icu_append_utf8(out, normalized, nfc_len);
	free(normalized);
	free(u);
}

/* Separators that may sit between digits of one number: ASCII comma, dot
 * and space, no-break and thin spaces, the apostrophe Swiss German uses,
 * and the Arabic thousands and decimal separators. */
static int is_digit_separator(UChar32 c)
{
	switch (c) {
	case ',':
	case '.':
	case ' ':
	case '\'':
	case 0x00A0:
	case 0x2009:
	case 0x202F:
	case 0x2019:
	case 0x066B:
	case 0x066C: return 1;
	default: return 0;
	}
}

/* Borrows text. A number is a maximal run of decimal digits (any script's
 * Nd, read with u_charDigitValue) in which one separator between two digits
 * is skipped: "1,000" -> "1000", "९११" -> "911". Note that "3.5" is read
 * as "35" and "911 112" as one number: the point is comparing the digits a
 * translation carries, not arithmetic. */
void kg_locale_numbers(const char *text, size_t len, kg_number_fn fn, void *ud)
{
	kg_buf digits = KG_BUF_INIT;
	const uint8_t *bytes = (const uint8_t *)text;
	int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	int32_t i = 0;

	while (i < n) {
		UChar32 c = bytes[i];
		if (c < 0x80 && !digits.len && !(c >= '0' && c <= '9')) {
			i++; /* the common case, without ICU: ASCII that is not a digit */
			continue;
		}
		U8_NEXT(bytes, i, n, c);
		if (c >= 0 && u_isdigit(c)) {
			kg_buf_putc(&digits, '0' + u_charDigitValue(c));
			continue;
		}
		if (digits.len && c >= 0 && is_digit_separator(c) && i < n) {
			int32_t after = i;
			UChar32 next;
			U8_NEXT(bytes, after, n, next);
			if (next >= 0 && u_isdigit(next))
				continue; /* the digit is read on the next turn */
		}
		if (digits.len) {
			fn(ud, digits.data, digits.len);
			kg_buf_reset(&digits);
		}
	}
	if (digits.len)
		fn(ud, digits.data, digits.len);
	kg_buf_release(&digits);
}
