/* format.c: dates and integers written the locale's way, by ICU's udat and
 * unum with the locale's default calendar and numbering system (Thai gets
 * the Buddhist era, "ar-EG" Arabic-Indic digits). Formatters are opened
 * per call; formatted dates are remembered (see date_memo). */
#include "kitgen/locale/locale.h"

#include "locale/icu_util.h"

#include "kitgen/base/alloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/unum.h>

/* Midnight UTC of a proleptic Gregorian date; month is 1-12 and out of
 * range values roll over (month 13 is January of the next year), as ICU's
 * lenient calendar does. Returns 0 or -1. */
/* Midnight UTC of a proleptic Gregorian date, in ICU's milliseconds. The
 * input is Gregorian whatever the locale's calendar. Arithmetic (H.
 * Hinnant's days_from_civil) instead of a UCalendar per call; a day or
 * month past its end rolls over, as a lenient calendar does. */
static int utc_date(int year, int month, int day, UDate *out)
{
	if (month < 1 || month > 12)
		return -1;
	long long y = year - (month <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long mp = (month + 9) % 12;
	long long doy = (153 * mp + 2) / 5 + day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long long days = era * 146097 + doe - 719468;
	*out = (UDate)days * 86400000.0;
	return 0;
}

/* Opening a date formatter costs ~50 us and a kit has few distinct
 * (language, date) pairs but formats one per page per language, so results
 * are kept for the life of the process, in a hash table that grows with
 * them (a large kit has a date per page: tens of thousands of pairs, each
 * a udat_open when not remembered). Shared by the build's threads, hence
 * the lock. */
typedef struct date_memo {
	char *key; /* "tag y-m-d" */
	char *text;
} date_memo;
static date_memo *date_memos; /* open addressing, at most half full */
static size_t date_memo_count, date_memo_slots;
static pthread_mutex_t date_memo_lock = PTHREAD_MUTEX_INITIALIZER;

static void format_date_uncached(const char *tag, int year, int month, int day, kg_buf *out);

#define DATE_FORMATS_MAX 64
static struct {
	char id[KG_ICU_ID_MAX];
	UDateFormat *format;
} date_formats[DATE_FORMATS_MAX];
static size_t date_format_count;

static size_t date_memo_hash(const char *key)
{
	size_t h = 5381;
	for (const char *p = key; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h;
}

/* The slot holding key, or the empty slot where it belongs; NULL while
 * the table is empty. */
static date_memo *date_memo_slot(const char *key)
{
	if (!date_memo_slots)
		return NULL;
	for (size_t i = date_memo_hash(key) & (date_memo_slots - 1);; i = (i + 1) & (date_memo_slots - 1))
		if (!date_memos[i].key || !strcmp(date_memos[i].key, key))
			return &date_memos[i];
}

static void date_memo_grow(void)
{
	size_t old_slots = date_memo_slots;
	date_memo *old = date_memos;
	date_memo_slots = old_slots ? old_slots * 2 : 1024;
	date_memos = kg_calloc(date_memo_slots, sizeof(*date_memos));
	for (size_t i = 0; i < old_slots; i++)
		if (old[i].key)
			*date_memo_slot(old[i].key) = old[i];
	free(old);
}

void kg_locale_format_date(const char *tag, int year, int month, int day, kg_buf *out)
{
	char key[KG_ICU_ID_MAX + 64];
	snprintf(key, sizeof(key), "%s %d-%d-%d", tag, year, month, day);
	pthread_mutex_lock(&date_memo_lock);
	date_memo *m = date_memo_slot(key);
	if (m && m->key) {
		kg_buf_puts(out, m->text);
		pthread_mutex_unlock(&date_memo_lock);
		return;
	}
	pthread_mutex_unlock(&date_memo_lock);
	kg_buf text = KG_BUF_INIT;
	format_date_uncached(tag, year, month, day, &text);
	kg_buf_add(out, text.data, text.len);
	pthread_mutex_lock(&date_memo_lock);
	if ((date_memo_count + 1) * 2 > date_memo_slots)
		date_memo_grow();
	m = date_memo_slot(key); /* another thread may have added it meanwhile */
	if (!m->key) {
		m->key = kg_strdup(key);
		m->text = kg_buf_detach(&text, NULL);
		date_memo_count++;
	}
	pthread_mutex_unlock(&date_memo_lock);
	kg_buf_release(&text);
}

static void format_date_uncached(const char *tag, int year, int month, int day, kg_buf *out)
{
	char id[KG_ICU_ID_MAX];
	UChar text[256];
	UErrorCode status = U_ZERO_ERROR;
	UDateFormat *format = NULL;
	UDate date;
	int32_t len = 0;

	kg_icu_locale_id(tag, id);
	if (utc_date(year, month, day, &date))
		goto fallback;
	/* One formatter per language for the life of the process, used under
	 * the memo's lock (a UDateFormat is not safe to share unlocked). */
	pthread_mutex_lock(&date_memo_lock);
	size_t f = 0;
	while (f < date_format_count && strcmp(date_formats[f].id, id))
		f++;
	if (f == date_format_count && f < DATE_FORMATS_MAX) {
		format = udat_open(UDAT_NONE, UDAT_LONG, id, u"UTC", -1, NULL, 0, &status);
		if (U_SUCCESS(status)) {
			snprintf(date_formats[f].id, sizeof(date_formats[f].id), "%s", id);
			date_formats[f].format = format;
			date_format_count++;
		} else {
			udat_close(format);
		}
	}
	if (f < date_format_count) {
		len = udat_format(date_formats[f].format, date, text, 256, NULL, &status);
	} else if (U_SUCCESS(status)) { /* more languages than slots: open one for this call */
		format = udat_open(UDAT_NONE, UDAT_LONG, id, u"UTC", -1, NULL, 0, &status);
		if (U_SUCCESS(status))
			len = udat_format(format, date, text, 256, NULL, &status);
		udat_close(format);
	}
	pthread_mutex_unlock(&date_memo_lock);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		goto fallback;
	kg_icu_append_utf8(out, text, len);
	return;
fallback:
	kg_buf_printf(out, "%04d-%02d-%02d", year, month, day); /* ISO 8601 reads everywhere */
}

void kg_locale_format_int(const char *tag, long long n, kg_buf *out)
{
	char id[KG_ICU_ID_MAX];
	UChar text[128];
	UErrorCode status = U_ZERO_ERROR;
	int32_t len = 0;

	kg_icu_locale_id(tag, id);
	UNumberFormat *format = unum_open(UNUM_DECIMAL, NULL, 0, id, NULL, &status);
	if (U_SUCCESS(status))
		len = unum_formatInt64(format, n, text, 128, NULL, &status);
	unum_close(format);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		kg_buf_printf(out, "%lld", n);
	else
		kg_icu_append_utf8(out, text, len);
}
