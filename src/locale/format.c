/* format.c: dates and integers written the locale's way, by ICU's udat and
 * unum with the locale's default calendar and numbering system (Thai gets
 * the Buddhist era, "ar-EG" Arabic-Indic digits). Number formatters are
 * opened per call; a kg_date_formatter owns its date formatters and the
 * dates it formatted (see date_memo). No process-wide state. */
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
 * (language, date) pairs but formats one per page per language, so a
 * kg_date_formatter keeps one UDateFormat per language and remembers every
 * date it formatted, in a hash table that grows with them (a large kit
 * has a date per page: tens of thousands of pairs). Shared by the build's
 * threads, hence the lock; a UDateFormat is not safe to share unlocked. */
typedef struct date_memo {
	char *key; /* "tag y-m-d" */
	char *text;
} date_memo;

#define DATE_FORMATS_MAX 64

struct kg_date_formatter {
	pthread_mutex_t lock;
	date_memo *memos; /* open addressing, at most half full */
	size_t memo_count, memo_slots;
	struct {
		char id[KG_ICU_ID_MAX];
		UDateFormat *format;
	} formats[DATE_FORMATS_MAX];
	size_t format_count;
};

kg_date_formatter *kg_date_formatter_new(void)
{
	kg_date_formatter *df = kg_calloc(1, sizeof(*df));
	pthread_mutex_init(&df->lock, NULL);
	return df;
}

void kg_date_formatter_free(kg_date_formatter *df)
{
	if (!df)
		return;
	for (size_t i = 0; i < df->memo_slots; i++) {
		free(df->memos[i].key);
		free(df->memos[i].text);
	}
	free(df->memos);
	for (size_t f = 0; f < df->format_count; f++)
		udat_close(df->formats[f].format);
	pthread_mutex_destroy(&df->lock);
	free(df);
}

static size_t date_memo_hash(const char *key)
{
	size_t h = 5381;
	for (const char *p = key; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h;
}

/* The slot holding key, or the empty slot where it belongs; NULL while
 * the table is empty. */
static date_memo *date_memo_slot(kg_date_formatter *df, const char *key)
{
	if (!df->memo_slots)
		return NULL;
	for (size_t i = date_memo_hash(key) & (df->memo_slots - 1);; i = (i + 1) & (df->memo_slots - 1))
		if (!df->memos[i].key || !strcmp(df->memos[i].key, key))
			return &df->memos[i];
}

static void date_memo_grow(kg_date_formatter *df)
{
	size_t old_slots = df->memo_slots;
	date_memo *old = df->memos;
	df->memo_slots = old_slots ? old_slots * 2 : 1024;
	df->memos = kg_calloc(df->memo_slots, sizeof(*df->memos));
	for (size_t i = 0; i < old_slots; i++)
		if (old[i].key)
			*date_memo_slot(df, old[i].key) = old[i];
	free(old);
}

/* Formats with df's formatter for the language (opened on first use) under
 * its lock, or with a formatter opened for this call when df is NULL or
 * holds DATE_FORMATS_MAX languages already. */
static void format_date_uncached(kg_date_formatter *df, const char *tag, int year, int month, int day,
                                 kg_buf *out)
{
	char id[KG_ICU_ID_MAX];
	UChar text[256];
	UErrorCode status = U_ZERO_ERROR;
	UDate date;
	int32_t len = 0;

	kg_icu_locale_id(tag, id);
	if (utc_date(year, month, day, &date))
		goto fallback;
	size_t f = 0;
	if (df) {
		pthread_mutex_lock(&df->lock);
		while (f < df->format_count && strcmp(df->formats[f].id, id))
			f++;
		if (f == df->format_count && f < DATE_FORMATS_MAX) {
			UDateFormat *format =
			    udat_open(UDAT_NONE, UDAT_LONG, id, u"UTC", -1, NULL, 0, &status);
			if (U_SUCCESS(status)) {
				snprintf(df->formats[f].id, sizeof(df->formats[f].id), "%s", id);
				df->formats[f].format = format;
				df->format_count++;
			} else {
				udat_close(format);
			}
		}
	}
	if (df && f < df->format_count) {
		len = udat_format(df->formats[f].format, date, text, 256, NULL, &status);
	} else if (U_SUCCESS(status)) { /* no formatter kept: open one for this call */
		UDateFormat *format = udat_open(UDAT_NONE, UDAT_LONG, id, u"UTC", -1, NULL, 0, &status);
		if (U_SUCCESS(status))
			len = udat_format(format, date, text, 256, NULL, &status);
		udat_close(format);
	}
	if (df)
		pthread_mutex_unlock(&df->lock);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		goto fallback;
	/* A date is one unit: "6 ធ្នូ 2026" must not end a line at "6". Its
	 * spaces become no-break spaces, in pages and handouts alike. */
	for (int32_t i = 0; i < len; i++)
		if (text[i] == u' ')
			text[i] = 0x00A0;
	kg_icu_append_utf8(out, text, len);
	return;
fallback:
	kg_buf_printf(out, "%04d-%02d-%02d", year, month, day); /* ISO 8601 reads everywhere */
}

void kg_date_formatter_format(kg_date_formatter *df, const char *tag, int year, int month, int day,
                              kg_buf *out)
{
	char key[KG_ICU_ID_MAX + 64];
	snprintf(key, sizeof(key), "%s %d-%d-%d", tag, year, month, day);
	pthread_mutex_lock(&df->lock);
	date_memo *m = date_memo_slot(df, key);
	if (m && m->key) {
		kg_buf_puts(out, m->text);
		pthread_mutex_unlock(&df->lock);
		return;
	}
	pthread_mutex_unlock(&df->lock);
	kg_buf text = KG_BUF_INIT;
	format_date_uncached(df, tag, year, month, day, &text);
	kg_buf_add(out, text.data, text.len);
	pthread_mutex_lock(&df->lock);
	if ((df->memo_count + 1) * 2 > df->memo_slots)
		date_memo_grow(df);
	m = date_memo_slot(df, key); /* another thread may have added it meanwhile */
	if (!m->key) {
		m->key = kg_strdup(key);
		m->text = kg_buf_detach(&text, NULL);
		df->memo_count++;
	}
	pthread_mutex_unlock(&df->lock);
	kg_buf_release(&text);
}

void kg_locale_format_date(const char *tag, int year, int month, int day, kg_buf *out)
{
	format_date_uncached(NULL, tag, year, month, day, out);
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
