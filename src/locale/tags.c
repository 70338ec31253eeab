/* tags.c: BCP 47 language tags and what ICU knows about a language:
 * canonical form, POSIX names, whether CLDR data exists, names in the
 * language itself and in English, writing direction and likely script.
 * Every call opens and closes what it needs; the only state is each
 * thread's few last likely-subtag results (see maximize), which change no
 * answer. */
#include "kitgen/locale/locale.h"

#include "locale/icu_util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

/* Is tag a language tag we accept? Fills canonical (ICU's strict
 * toLanguageTag output) when it is. RFC 5646 also calls 5-8 letter primary
 * subtags well-formed and ICU parses them, but the IANA registry has none
 * and nothing will ever resolve them, so "chinese" or "english" is treated
 * as a mistake, not a tag. */
static int parse_strict(const char *tag, kg_buf *canonical, int32_t *parsed_out)
{
	size_t len = strlen(tag);
	size_t primary = strcspn(tag, "-");
	char id[KG_ICU_ID_MAX];
	char bcp[KG_ICU_ID_MAX];
	UErrorCode status = U_ZERO_ERROR;
	int32_t parsed = 0;

	*parsed_out = 0;
	if (!len || len >= KG_ICU_ID_MAX)
		return -1;
	/* ICU reports trouble only through parsed: "zh_TW" parses 0 bytes and
	 * "en--US" 2, both with U_ZERO_ERROR. */
	uloc_forLanguageTag(tag, id, sizeof id, &parsed, &status);
	*parsed_out = parsed;
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || (size_t)parsed != len)
		return -1;
	if (primary > 3)
		return -1;
	status = U_ZERO_ERROR;
	uloc_toLanguageTag(id, bcp, sizeof bcp, 1, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	kg_buf_puts(canonical, bcp);
	return 0;
}

/* "latin" in sr_RS@latin names a script; other modifiers (@euro) are dropped. */
static const char *modifier_script(const char *modifier)
{
	static const struct {
		const char *name, *script;
	} scripts[] = {
	    {"latin", "Latn"},  {"cyrillic", "Cyrl"}, {"devanagari", "Deva"},
	    {"arabic", "Arab"}, {"hans", "Hans"},     {"hant", "Hant"},
	};
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		if (!strcasecmp(modifier, scripts[i].name))
			return scripts[i].script;
	return NULL;
}

/* POSIX-ish repair: "zh_TW.UTF-8" -> "zh-TW", "sr_RS@latin" -> "sr-Latn-RS". */
static void repair_posix(const char *name, kg_buf *out)
{
	size_t end = strcspn(name, ".@");
	const char *at = strchr(name, '@');
	const char *script = at ? modifier_script(at + 1) : NULL;
	size_t lang_len = strcspn(name, "_-.@");

	while (end && isspace((unsigned char)name[end - 1]))
		end--;
	for (size_t i = 0; i < end; i++) {
		if (i == lang_len && script) {
			kg_buf_putc(out, '-');
			kg_buf_puts(out, script);
		}
		kg_buf_putc(out, name[i] == '_' ? '-' : name[i]);
	}
	if (lang_len >= end && script) {
		kg_buf_putc(out, '-');
		kg_buf_puts(out, script);
	}
}

/* "Chinese" -> "zh": an English language name ICU knows, as a code. Only
 * used to suggest a fix, so the linear walk over ~600 codes is fine. */
static int code_for_english_name(const char *word, kg_buf *out)
{
	UChar want[64];
	UChar name[128];
	UErrorCode status = U_ZERO_ERROR;
	int32_t want_len = 0;
	size_t len = strlen(word);

	if (!len || len >= 64)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (!isalpha((unsigned char)word[i]) && word[i] != ' ')
			return -1;
		want[want_len++] = (UChar)word[i];
	}
	for (const char *const *code = uloc_getISOLanguages(); *code; code++) {
		status = U_ZERO_ERROR;
		int32_t n = uloc_getDisplayLanguage(*code, "en", name, 128, &status);
		if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING)
			continue;
		if (!u_strCaseCompare(name, n, want, want_len, U_FOLD_CASE_DEFAULT, &status) &&
		    U_SUCCESS(status)) {
			int32_t parsed;
			return parse_strict(*code, out, &parsed);
		}
	}
	return -1;
}

int kg_locale_canonicalize(const char *tag, kg_buf *canonical)
{
	kg_buf repaired = KG_BUF_INIT;
	size_t start = canonical->len;
	int32_t parsed = 0;
	int rc = -1;

	if (!tag)
		tag = "";
	if (!parse_strict(tag, canonical, &parsed)) {
		rc = 0;
		goto out;
	}
	repair_posix(tag, &repaired);
	if (!parse_strict(repaired.data, canonical, &parsed))
		goto out;
	if (!code_for_english_name(tag, canonical))
		goto out;
	/* "en--US": suggest the well-formed prefix ICU managed to read. */
	if (parsed > 0 && (size_t)parsed < repaired.len) {
		kg_buf_truncate(&repaired, (size_t)parsed);
		int32_t ignored;
		if (!parse_strict(repaired.data, canonical, &ignored))
			goto out;
	}
	kg_buf_truncate(canonical, start);
out:
	kg_buf_release(&repaired);
	return rc;
}

void kg_locale_from_posix(const char *name, kg_buf *tag)
{
	size_t start = tag->len;
	kg_locale_canonicalize(name, tag);
	if (tag->len == start)
		kg_buf_puts(tag, "und"); /* "C", "POSIX", garbage: no language */
}

/* Language subtag of tag as ICU sees it ("zh-Hant" -> "zh", "iw" -> "he"). */
static int language_of(const char *tag, char id[KG_ICU_ID_MAX], char lang[ULOC_LANG_CAPACITY])
{
	UErrorCode status = U_ZERO_ERROR;
	lang[0] = '\0';
	if (kg_icu_locale_id(tag, id))
		return -1;
	uloc_getLanguage(id, lang, ULOC_LANG_CAPACITY, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || !lang[0])
		return -1;
	return 0;
}

int kg_locale_has_data(const char *tag)
{
	char id[KG_ICU_ID_MAX];
	char lang[ULOC_LANG_CAPACITY];
	if (language_of(tag, id, lang))
		return 0;
	size_t n = strlen(lang);
	/* uloc_getAvailable lists the locales with data ("fil", "fil_PH"); ICU 72
	 * has no "tl" even though it resolves tl's plural rules and names. */
	int32_t count = uloc_countAvailable();
	for (int32_t i = 0; i < count; i++) {
		const char *available = uloc_getAvailable(i);
		if (!strncmp(available, lang, n) && (available[n] == '\0' || available[n] == '_'))
			return 1;
	}
	return 0;
}

static void append_nfc(kg_buf *out, const UChar *s, int32_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	int32_t n;
	UChar *normalized = kg_icu_normalize(U_SUCCESS(status) ? nfc : NULL, s, len, &n);
	kg_icu_append_utf8(out, normalized, n);
	free(normalized);
}

int kg_locale_endonym(const char *tag, kg_buf *out)
{
	char id[KG_ICU_ID_MAX];
	char lang[ULOC_LANG_CAPACITY];
	UChar name[256];
	UChar code[ULOC_LANG_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;

	/* The data check comes first: ICU 72 names "tl" "Tagalog" (in English)
	 * without any fallback warning, though it has no tl locale. */
	if (language_of(tag, id, lang) || !kg_locale_has_data(tag))
		return -1;
	int32_t n = uloc_getDisplayName(id, id, name, 256, &status);
	/* ICU falls back to the default locale's (English) names and says so
	 * with U_USING_DEFAULT_WARNING: "chk" comes back as "Chuukese". */
	if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING ||
	    status == U_STRING_NOT_TERMINATED_WARNING || n <= 0)
		return -1;
	u_uastrcpy(code, lang);
	if (!u_strcmp(name, code))
		return -1;
	append_nfc(out, name, n);
	return 0;
}

int kg_locale_english_name(const char *tag, kg_buf *out)
{
	char id[KG_ICU_ID_MAX];
	char lang[ULOC_LANG_CAPACITY];
	UChar name[256];
	UChar code[ULOC_LANG_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;

	if (language_of(tag, id, lang))
		return -1;
	/* An unknown code is "displayed" as itself. */
	int32_t n = uloc_getDisplayLanguage(id, "en", name, 256, &status);
	u_uastrcpy(code, lang);
	if (U_FAILURE(status) || n <= 0 || !u_strcmp(name, code))
		return -1;
	status = U_ZERO_ERROR;
	n = uloc_getDisplayName(id, "en", name, 256, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || n <= 0)
		return -1;
	append_nfc(out, name, n);
	return 0;
}

/* The last few maximize() results of this thread. The PDF layout asks
 * for a text's script and direction per block (thousands of times per
 * document set, one or two tags): ICU's canonicalization and likely
 * subtags were 1.5 % of the instructions of a Khmer handout build. A tag
 * too long for a slot is not remembered. */
enum { MAXIMIZED_SLOTS = 4, MAXIMIZED_TAG_MAX = 32 };
static _Thread_local struct {
	char tag[MAXIMIZED_TAG_MAX];
	char full[KG_ICU_ID_MAX];
} maximized_memo[MAXIMIZED_SLOTS];
static _Thread_local unsigned maximized_next;

/* tag with likely subtags added ("ur" -> "ur_Arab_PK"); "" on failure. */
static void maximize(const char *tag, char full[KG_ICU_ID_MAX])
{
	char id[KG_ICU_ID_MAX];
	UErrorCode status = U_ZERO_ERROR;
	size_t tag_len = tag ? strlen(tag) : 0;
	int remember = tag_len && tag_len < MAXIMIZED_TAG_MAX;
	for (int i = 0; remember && i < MAXIMIZED_SLOTS; i++)
		if (!strcmp(maximized_memo[i].tag, tag)) {
			strcpy(full, maximized_memo[i].full);
			return;
		}
	full[0] = '\0';
	if (kg_icu_locale_id(tag, id) == 0) {
		uloc_addLikelySubtags(id, full, KG_ICU_ID_MAX, &status);
		if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
			strcpy(full, id);
	}
	if (remember) {
		unsigned slot = maximized_next++ % MAXIMIZED_SLOTS;
		memcpy(maximized_memo[slot].tag, tag, tag_len + 1);
		strcpy(maximized_memo[slot].full, full);
	}
}

int kg_locale_is_rtl(const char *tag)
{
	char full[KG_ICU_ID_MAX];
	UErrorCode status = U_ZERO_ERROR;
	maximize(tag, full);
	/* Without the script ICU guesses from the language's own data; with
	 * it ("ur_Arab_PK") the answer comes from the script, which is reliable. */
	ULayoutType layout = uloc_getCharacterOrientation(full, &status);
	return U_SUCCESS(status) && layout == ULOC_LAYOUT_RTL;
}

void kg_locale_script(const char *tag, kg_buf *out)
{
	char full[KG_ICU_ID_MAX];
	char script[ULOC_SCRIPT_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	maximize(tag, full);
	uloc_getScript(full, script, sizeof script, &status);
	if (U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING)
		kg_buf_puts(out, script); /* "hmn" has no likely script in ICU 72: "" */
}

/* Language and script after adding likely subtags: "zh-TW" and "zh-Hant"
 * both give zh + Hant, "zh_CN" and "zh-Hans" zh + Hans. */
static int maximized(const char *tag, char lang[ULOC_LANG_CAPACITY], char script[ULOC_SCRIPT_CAPACITY])
{
	char full[KG_ICU_ID_MAX];
	UErrorCode status = U_ZERO_ERROR;
	maximize(tag, full);
	if (!full[0]) /* not a tag ICU reads */
		return -1;
	uloc_getLanguage(full, lang, ULOC_LANG_CAPACITY, &status);
	uloc_getScript(full, script, ULOC_SCRIPT_CAPACITY, &status);
	return U_FAILURE(status) ? -1 : 0;
}

int kg_locale_same_language(const char *a, const char *b)
{
	char la[ULOC_LANG_CAPACITY], sa[ULOC_SCRIPT_CAPACITY];
	char lb[ULOC_LANG_CAPACITY], sb[ULOC_SCRIPT_CAPACITY];
	if (maximized(a, la, sa) || maximized(b, lb, sb))
		return 0;
	/* ICU knows "fil" for what kits call "tl". */
	if ((!strcmp(la, "fil") && !strcmp(lb, "tl")) || (!strcmp(la, "tl") && !strcmp(lb, "fil")))
		return !strcmp(sa, sb) || !sa[0] || !sb[0];
	return !strcmp(la, lb) && (!strcmp(sa, sb) || !sa[0] || !sb[0]);
}
