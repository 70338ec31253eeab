/* test_font_sorts.c: the font sorts and matches kitgen answers for Pango
 * (pdf/font_sorts.c) equal fontconfig's own, asked directly (dlsym
 * RTLD_NEXT), for patterns made as Pango makes them in several families,
 * weights, languages and sizes on this machine's fonts, asked in a
 * shuffled order; exactly the questions that differ from an earlier one
 * only in size are answered from memory; another list of fonts gets its
 * own answer (the same fonts split over two sets do not), and a list with
 * a bitmap size is always asked of fontconfig. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "pdf/pdf_internal.h"

#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

typedef FcFontSet *(*sort_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcBool, FcCharSet **, FcResult *);
typedef FcPattern *(*match_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcResult *);

static sort_fn fontconfig_sort;
static match_fn fontconfig_match;

static int setup(void **state)
{
	(void)state;
	FcInit();
	fontconfig_sort = (sort_fn)(uintptr_t)dlsym(RTLD_NEXT, "FcFontSetSort");
	fontconfig_match = (match_fn)(uintptr_t)dlsym(RTLD_NEXT, "FcFontSetMatch");
	/* the test's own calls must reach kitgen's definitions, not these */
	return !fontconfig_sort || !fontconfig_match || (void *)fontconfig_sort == (void *)FcFontSetSort;
}

/* A pattern as Pango 1.50 makes one, substituted as it substitutes it. */
static FcPattern *question(const char *family, int weight, const char *lang, double size)
{
	FcPattern *p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(p, FC_WEIGHT, weight);
	FcPatternAddInteger(p, FC_SLANT, FC_SLANT_ROMAN);
	FcPatternAddDouble(p, FC_SIZE, size);
	FcPatternAddDouble(p, FC_PIXEL_SIZE, size * 96.0 / 72.0);
	FcPatternAddDouble(p, FC_DPI, 96.0);
	FcPatternAddString(p, FC_LANG, (const FcChar8 *)lang);
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	return p;
}

static void assert_same_sort(FcFontSet *a, FcFontSet *b)
{
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->nfont, b->nfont);
	for (int i = 0; i < a->nfont; i++)
		assert_ptr_equal(a->fonts[i], b->fonts[i]);
}

/* Asks kitgen's sort and match, then fontconfig's, and compares the
 * answers; returns how many of kitgen's two came from memory. */
static long ask_both(FcFontSet **sets, int nsets, FcPattern *p, FcBool trim)
{
	long asked0, answered0, asked1, answered1;
	pdf_font_sorts_counts(&asked0, &answered0);
	FcResult ours_result = FcResultNoId, their_result = FcResultNoId;
	FcFontSet *ours = FcFontSetSort(NULL, sets, nsets, p, trim, NULL, &ours_result);
	FcFontSet *theirs = fontconfig_sort(NULL, sets, nsets, p, trim, NULL, &their_result);
	assert_same_sort(ours, theirs);
	assert_int_equal(ours_result, their_result);
	FcFontSetDestroy(ours);
	FcFontSetDestroy(theirs);
	FcPattern *our_match = FcFontSetMatch(NULL, sets, nsets, p, &ours_result);
	FcPattern *their_match = fontconfig_match(NULL, sets, nsets, p, &their_result);
	assert_int_equal(ours_result, their_result);
	assert_non_null(our_match);
	assert_non_null(their_match);
	assert_true(FcPatternEqual(our_match, their_match));
	FcPatternDestroy(our_match);
	FcPatternDestroy(their_match);
	pdf_font_sorts_counts(&asked1, &answered1);
	assert_int_equal(asked1 - asked0, 2);
	return answered1 - answered0;
}

static void answers_equal_fontconfig_own_across_sizes(void **state)
{
	(void)state;
	static const struct {
		const char *family, *lang;
	} asks[] = {{"Noto Sans", "en"},          {"Noto Sans", "vi"},           {"Noto Sans Khmer", "km"},
	            {"Noto Nastaliq Urdu", "ur"}, {"Noto Sans CJK TC", "zh-tw"}, {"Noto Sans Thai", "th"},
	            {"DejaVu Sans", "en"},        {"sans-serif", "hi"}};
	static const double sizes[] = {6.5, 8.25, 11, 15, 40, 68.85};
	static const int weights[] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD};
	enum { N = sizeof(asks) / sizeof(asks[0]) * 6 * 2 * 2 };
	int order[N];
	for (int i = 0; i < N; i++)
		order[i] = i;
	srand(7);
	for (int i = N - 1; i > 0; i--) { /* shuffled: sizes, families and repeats interleaved */
		int j = rand() % (i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	FcFontSet *system = FcConfigGetFonts(NULL, FcSetSystem);
	assert_non_null(system);
	assert_true(system->nfont > 10);
	FcPattern *seen[N]; /* the sizeless questions asked so far */
	int seen_trim[N], nseen = 0;
	for (int k = 0; k < N; k++) {
		int i = order[k];
		int ask = i / 24, size = i / 4 % 6, weight = i / 2 % 2, trim = i % 2;
		FcPattern *p = question(asks[ask].family, weights[weight], asks[ask].lang, sizes[size]);
		/* only the size may differ: fontconfig's rules can change more
		 * with it (a bold face at large sizes adds a family), and then
		 * the question is a new one; a match has no trim */
		FcPattern *q = FcPatternDuplicate(p);
		FcPatternDel(q, FC_SIZE);
		FcPatternDel(q, FC_PIXEL_SIZE);
		int sorted_before = 0, matched_before = 0;
		for (int j = 0; j < nseen; j++) {
			if (!FcPatternEqual(seen[j], q))
				continue;
			matched_before = 1;
			sorted_before |= seen_trim[j] == trim;
		}
		if (sorted_before) {
			FcPatternDestroy(q);
		} else {
			seen[nseen] = q;
			seen_trim[nseen++] = trim;
		}
		assert_int_equal(ask_both(&system, 1, p, (FcBool)trim), sorted_before + matched_before);
		FcPatternDestroy(p);
	}
	/* most questions were asked before in another size */
	assert_true(nseen >= N / 6 && nseen <= N / 4);
	for (int j = 0; j < nseen; j++)
		FcPatternDestroy(seen[j]);
}

/* A list of fonts that is not the one asked about before is asked of
 * fontconfig, even when the pattern was; a list with a bitmap size is
 * asked every time. */
static void another_list_of_fonts_gets_its_own_answer(void **state)
{
	(void)state;
	FcFontSet *system = FcConfigGetFonts(NULL, FcSetSystem);
	FcFontSet *reversed = FcFontSetCreate(), *sized = FcFontSetCreate();
	for (int i = system->nfont - 1; i >= 0; i--) {
		FcPatternReference(system->fonts[i]);
		FcFontSetAdd(reversed, system->fonts[i]);
		FcPattern *copy = FcPatternDuplicate(system->fonts[i]);
		if (i == 0)
			FcPatternAddDouble(copy, FC_PIXEL_SIZE, 12.0); /* one bitmap strike */
		FcFontSetAdd(sized, copy);
	}
	/* the system's fonts in two sets: the same fonts in the same order */
	FcFontSet *halves[2] = {FcFontSetCreate(), FcFontSetCreate()};
	for (int i = 0; i < system->nfont; i++) {
		FcPatternReference(system->fonts[i]);
		FcFontSetAdd(halves[i >= system->nfont / 2], system->fonts[i]);
	}
	static const double sizes[] = {9, 12, 9, 30};
	for (int i = 0; i < 4; i++) {
		/* a language no other test asks about */
		FcPattern *p = question("Noto Sans", FC_WEIGHT_REGULAR, "sm", sizes[i]);
		assert_int_equal(ask_both(&system, 1, p, FcTrue), i ? 2 : 0);
		assert_int_equal(ask_both(halves, 2, p, FcTrue), 2);
		assert_int_equal(ask_both(&reversed, 1, p, FcTrue), i ? 2 : 0);
		assert_int_equal(ask_both(&sized, 1, p, FcTrue), 0);
		FcPatternDestroy(p);
	}
	FcFontSetDestroy(halves[0]);
	FcFontSetDestroy(halves[1]);
	FcFontSetDestroy(reversed);
	FcFontSetDestroy(sized);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(answers_equal_fontconfig_own_across_sizes),
	    cmocka_unit_test(another_list_of_fonts_gets_its_own_answer),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
