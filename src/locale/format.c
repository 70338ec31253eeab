/* format.c: dates and integers written the locale's way, by ICU's udat and
 * unum with the locale's default calendar and numbering system (Thai gets
 * the Buddhist era, "ar-EG" Arabic-Indic digits). Stateless: formatters
 * are opened per call. */
#include "kitgen/locale.h"

#include "icu_util.h"

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

void kg_locale_format_date(const char *tag, int year, int month, int day, kg_buf *out)
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
