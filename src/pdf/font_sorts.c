/* font_sorts.c: fontconfig's answers to Pango's font questions,
 * remembered across font sizes. Owns the remembered answers (for the life
 * of the process, behind one lock) and the references they hold; borrows
 * the callers' font sets and patterns.
 *
 * Why: for every new font pattern (family, weight, language and size)
 * Pango 1.50 asks fontconfig to sort all installed fonts
 * (FcFontSetSort) and to pick the best one (FcFontSetMatch), and its
 * patterns include the size. Handouts, large print, slides and share
 * images use hundreds of sizes (the slide and share-image titles are
 * fitted), so a one-thread build of the bundled kit asked 2,183 times
 * each: 1.74 s of its 17 s of CPU against 321 fonts. Neither answer
 * depends on the size when no font has a size of its own: fontconfig
 * scores a font only on the elements both it and the pattern have, and
 * only a bitmap strike (FC_PIXEL_SIZE) or a font with a design-size range
 * (FC_SIZE) has a size. So kitgen defines the two functions itself (the
 * link keeps them: CMakeLists.txt), the dynamic linker binds Pango's
 * calls to the executable's definitions before fontconfig's, and they ask
 * fontconfig (dlsym RTLD_NEXT) once per pattern without its sizes and per
 * list of fonts. The answer given back is what fontconfig gives: the same
 * fonts in the same order for a sort (its scores are equal element by
 * element, so its sort sees the same input), and for a match
 * FcFontRenderPrepare of the pattern asked with the same best font, which
 * is all FcFontSetMatch does after choosing. When any font of the list
 * has a size, every question goes to fontconfig unchanged.
 * (Pango 1.50 has no hook for this: it makes its patterns and calls
 * fontconfig inside pangofc-fontmap.c.) unit/pdf/test_font_sorts compares
 * both answers with fontconfig's own. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"

#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef FcFontSet *(*sort_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcBool, FcCharSet **, FcResult *);
typedef FcPattern *(*match_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcResult *);

enum { ASK_SORT, ASK_MATCH };

typedef struct answer {
	int kind;           /* ASK_SORT or ASK_MATCH */
	FcBool trim;        /* a sort's trim */
	uint64_t hash;      /* of all of the below but the answer */
	FcPattern *pattern; /* the question without its sizes (owned) */
	FcPattern **fonts;  /* the fonts asked about, in order (each referenced) */
	int nfont;
	FcFontSet *sorted; /* ASK_SORT: fontconfig's answer (owned) */
	FcPattern *best;   /* ASK_MATCH: the font it chose, one of fonts */
	FcResult result;
	struct answer *next;
} answer;

#define BUCKETS 1024 /* a build asks a few hundred distinct questions */

static struct {
	pthread_mutex_t lock;
	answer *buckets[BUCKETS];
	sort_fn real_sort;
	match_fn real_match;
	atomic_long asked, answered; /* questions, and those answered from memory */
} memo = {.lock = PTHREAD_MUTEX_INITIALIZER};

static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void find_real(void)
{
	memo.real_sort = (sort_fn)(uintptr_t)dlsym(RTLD_NEXT, "FcFontSetSort");
	memo.real_match = (match_fn)(uintptr_t)dlsym(RTLD_NEXT, "FcFontSetMatch");
	if (!memo.real_sort || !memo.real_match) {
		fprintf(stderr, "kitgen: cannot find fontconfig's FcFontSetSort and FcFontSetMatch\n");
		abort();
	}
}

/* The fonts of the sets in order, in a new array; NULL when there are none. */
static FcPattern **fonts_of(FcFontSet **sets, int nsets, int *nfont)
{
	int n = 0;
	for (int i = 0; i < nsets; i++)
		n += sets[i] ? sets[i]->nfont : 0;
	*nfont = n;
	if (!n)
		return NULL;
	FcPattern **fonts = kg_malloc((size_t)n * sizeof(*fonts));
	n = 0;
	for (int i = 0; i < nsets; i++)
		for (int j = 0; sets[i] && j < sets[i]->nfont; j++)
			fonts[n++] = sets[i]->fonts[j];
	return fonts;
}

/* Whether no font has a size of its own (see the top of the file). */
static int sizes_never_count(FcPattern **fonts, int nfont)
{
	FcValue v;
	for (int i = 0; i < nfont; i++)
		if (FcPatternGet(fonts[i], FC_SIZE, 0, &v) == FcResultMatch ||
		    FcPatternGet(fonts[i], FC_PIXEL_SIZE, 0, &v) == FcResultMatch)
			return 0;
	return 1;
}

/* Fills q's question (kind, trim, the pattern without its sizes, the
 * sets' fonts, its hash) to look up and keep; 0 when there is none to
 * remember (no pattern, no fonts, no memory). */
static int question(answer *q, int kind, FcBool trim, FcFontSet **sets, int nsets, FcPattern *p)
{
	*q = (answer){.kind = kind, .trim = trim};
	q->fonts = p ? fonts_of(sets, nsets, &q->nfont) : NULL;
	q->pattern = q->fonts ? FcPatternDuplicate(p) : NULL;
	if (!q->pattern) {
		free(q->fonts);
		return 0;
	}
	FcPatternDel(q->pattern, FC_SIZE);
	FcPatternDel(q->pattern, FC_PIXEL_SIZE);
	q->hash =
	    kg_hash64(q->fonts, (size_t)q->nfont * sizeof(*q->fonts), (uint64_t)kind * 2 + (trim != 0)) ^
	    ((uint64_t)FcPatternHash(q->pattern) * 0x9E3779B97F4A7C15ull);
	return 1;
}

/* Frees what question() made (and a sorted set not kept). */
static void forget(answer *q)
{
	if (q->sorted)
		FcFontSetDestroy(q->sorted);
	FcPatternDestroy(q->pattern);
	free(q->fonts);
}

/* The remembered answer to q's question; call with the lock held. */
static answer *find(const answer *q)
{
	for (answer *a = memo.buckets[q->hash % BUCKETS]; a; a = a->next)
		if (a->hash == q->hash && a->kind == q->kind && a->trim == q->trim && a->nfont == q->nfont &&
		    !memcmp(a->fonts, q->fonts, (size_t)q->nfont * sizeof(*q->fonts)) &&
		    FcPatternEqual(a->pattern, q->pattern))
			return a;
	return NULL;
}

/* Keeps a new answer, taking its pattern, fonts and sorted set, unless
 * another thread kept the same one first: then frees them. */
static void keep(answer *fresh)
{
	pthread_mutex_lock(&memo.lock);
	int first = !find(fresh);
	if (first) {
		answer *a = kg_malloc(sizeof(*a));
		*a = *fresh;
		for (int i = 0; i < a->nfont; i++)
			FcPatternReference(a->fonts[i]);
		a->next = memo.buckets[a->hash % BUCKETS];
		memo.buckets[a->hash % BUCKETS] = a;
	}
	pthread_mutex_unlock(&memo.lock);
	if (!first)
		forget(fresh);
}

/* A new set holding the same fonts as `sorted`, each referenced once
 * more, as fontconfig's own answer holds them. */
static FcFontSet *copy_set(const FcFontSet *sorted)
{
	FcFontSet *copy = FcFontSetCreate();
	for (int i = 0; copy && i < sorted->nfont; i++) {
		FcPatternReference(sorted->fonts[i]);
		if (!FcFontSetAdd(copy, sorted->fonts[i])) {
			FcPatternDestroy(sorted->fonts[i]);
			FcFontSetDestroy(copy);
			return NULL;
		}
	}
	return copy;
}

FcFontSet *FcFontSetSort(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p, FcBool trim,
                         FcCharSet **csp, FcResult *result)
{
	pthread_once(&real_once, find_real);
	atomic_fetch_add(&memo.asked, 1);
	answer q;
	if (csp || !question(&q, ASK_SORT, trim, sets, nsets, p)) /* a charset wanted back, or none */
		return memo.real_sort(config, sets, nsets, p, trim, csp, result);
	pthread_mutex_lock(&memo.lock);
	answer *a = find(&q);
	FcFontSet *copy = a ? copy_set(a->sorted) : NULL;
	FcResult had = a ? a->result : FcResultNoMatch;
	pthread_mutex_unlock(&memo.lock);
	if (copy) {
		atomic_fetch_add(&memo.answered, 1);
		*result = had;
		forget(&q);
		return copy;
	}
	FcFontSet *sorted = memo.real_sort(config, sets, nsets, p, trim, NULL, result);
	if (sorted && sizes_never_count(q.fonts, q.nfont) && (q.sorted = copy_set(sorted))) {
		q.result = *result;
		keep(&q);
	} else {
		forget(&q);
	}
	return sorted;
}

/* The font of the list that a match answered with: the one with its file
 * and index (FcFontRenderPrepare copies both from the font); NULL unless
 * exactly one has them. */
static FcPattern *font_answered(FcPattern *prepared, FcPattern **fonts, int nfont)
{
	FcChar8 *file, *f;
	int index = 0, i2;
	if (FcPatternGetString(prepared, FC_FILE, 0, &file) != FcResultMatch)
		return NULL;
	FcPatternGetInteger(prepared, FC_INDEX, 0, &index);
	FcPattern *found = NULL;
	for (int i = 0; i < nfont; i++) {
		if (FcPatternGetString(fonts[i], FC_FILE, 0, &f) != FcResultMatch ||
		    strcmp((char *)f, (char *)file))
			continue;
		if (FcPatternGetInteger(fonts[i], FC_INDEX, 0, &i2) != FcResultMatch)
			i2 = 0;
		if (i2 != index)
			continue;
		if (found)
			return NULL;
		found = fonts[i];
	}
	return found;
}

FcPattern *FcFontSetMatch(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p, FcResult *result)
{
	pthread_once(&real_once, find_real);
	atomic_fetch_add(&memo.asked, 1);
	answer q;
	if (!question(&q, ASK_MATCH, 0, sets, nsets, p))
		return memo.real_match(config, sets, nsets, p, result);
	pthread_mutex_lock(&memo.lock);
	answer *a = find(&q);
	FcPattern *best = a ? a->best : NULL; /* the memory keeps a reference to it */
	pthread_mutex_unlock(&memo.lock);
	FcPattern *prepared = best ? FcFontRenderPrepare(config, p, best) : NULL;
	if (prepared) {
		atomic_fetch_add(&memo.answered, 1);
		*result = FcResultMatch;
		forget(&q);
		return prepared;
	}
	prepared = memo.real_match(config, sets, nsets, p, result);
	q.best = prepared && *result == FcResultMatch && sizes_never_count(q.fonts, q.nfont)
	             ? font_answered(prepared, q.fonts, q.nfont)
	             : NULL;
	q.result = FcResultMatch;
	if (q.best)
		keep(&q);
	else
		forget(&q);
	return prepared;
}

void pdf_font_sorts_counts(long *asked, long *answered)
{
	*asked = atomic_load(&memo.asked);
	*answered = atomic_load(&memo.answered);
}
