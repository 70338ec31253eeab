/* format.c: dates and integers written the locale's way, by ICU's udat and
 * unum with the locale's default calendar and numbering system (Thai gets
 * the Buddhist era, "ar-EG" Arabic-Indic digits). Formatters are opened
 * per call; formatted dates are remembered (see date_memo). */
#include "kitgen/locale.h"

#include "icu_util.h"

#include "kitgen/alloc.h"

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
static int utc_date(int year, int month, int day, UDate *out)
{
	UErrorCode status = U_ZERO_ERROR;
	/* The input is Gregorian whatever the locale's calendar, so the
	 * calendar doing the arithmetic is fixed too. */
	UCalendar *cal = ucal_open(u"UTC", -1, "en_US", UCAL_GREGORIAN, &status);
	if (U_SUCCESS(status)) {
		ucal_clear(cal);
		ucal_setDate(cal, year, month - 1, day, &status);
		*out = ucal_getMillis(cal, &status);
	}
	ucal_close(cal);
	return U_SUCCESS(status) ? 0 : -1;
}

/* Opening a date formatter costs ~50 us and a kit has few distinct
 * (language, date) pairs but formats one per page per language, so results
 * are kept for the life of the process (up to DATE_MEMO_MAX, then formatted
 * each time). Shared by the build's threads, hence the lock. */
#define DATE_MEMO_MAX 4096
#define DATE_MEMO_SLOTS (2 * DATE_MEMO_MAX) /* open addressing, at most half full */
typedef struct date_memo {
	char *key; /* "tag y-m-d" */
	char *text;
} date_memo;
static date_memo date_memos[DATE_MEMO_SLOTS];
static size_t date_memo_count;
static pthread_mutex_t date_memo_lock = PTHREAD_MUTEX_INITIALIZER;

static void format_date_uncached(const char *tag, int year, int month, int day, kg_buf *out);

/* The slot holding key, or the empty slot where it belongs. */
static date_memo *date_memo_slot(const char *key)
{
	size_t h = 5381;
	for (const char *p = key; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (size_t i = h % DATE_MEMO_SLOTS;; i = (i + 1) % DATE_MEMO_SLOTS)
		if (!date_memos[i].key || !strcmp(date_memos[i].key, key))
			return &date_memos[i];
}

void kg_locale_format_date(const char *tag, int year, int month, int day, kg_buf *out)
{
	char key[KG_ICU_ID_MAX + 64];
	snprintf(key, sizeof(key), "%s %d-%d-%d", tag, year, month, day);
	pthread_mutex_lock(&date_memo_lock);
	date_memo *m = date_memo_slot(key);
	if (m->key) {
		kg_buf_puts(out, m->text);
		pthread_mutex_unlock(&date_memo_lock);
		return;
	}
	pthread_mutex_unlock(&date_memo_lock);
	kg_buf text = KG_BUF_INIT;
	format_date_uncached(tag, year, month, day, &text);
	kg_buf_add(out, text.data, text.len);
	pthread_mutex_lock(&date_memo_lock);
	m = date_memo_slot(key); /* another thread may have added it meanwhile */
	if (!m->key && date_memo_count < DATE_MEMO_MAX) {
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
	format = udat_open(UDAT_NONE, UDAT_LONG, id, u"UTC", -1, NULL, 0, &status);
	if (U_SUCCESS(status))
		len = udat_format(format, date, text, 256, NULL, &status);
	udat_close(format);
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
