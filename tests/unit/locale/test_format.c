/* test_locale_format.c: dates and integers (src/locale/format.c). The
 * expected text is computed by ICU through a different path (a calendar in
 * the locale's own calendar system, udat_formatCalendar), or checked by
 * properties: the year in the locale's era and digits, the digits back. */
#include "kitgen/locale/locale.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

static const char *const tags[] = {"en", "th", "ar", "fa", "zh-Hant", "zh-Hans", "ja", "km",
                                   "hi", "ur", "vi", "ko", "haw",     "ne",      "my"};

static void icu_id(const char *tag, char id[64])
{
	int32_t parsed;
	UErrorCode status = U_ZERO_ERROR;
	uloc_forLanguageTag(tag, id, 64, &parsed, &status);
	assert_true(U_SUCCESS(status));
}

static void to_utf8(const UChar *u, int32_t len, char *out, int32_t cap)
{
	UErrorCode status = U_ZERO_ERROR;
	u_strToUTF8(out, cap, NULL, u, len, &status);
	assert_true(U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING);
}

/* The locale's calendar, in UTC, moved to the Gregorian date through its
 * Julian day rather than through Gregorian fields. */
static UCalendar *locale_calendar_at(const char *id, int year, int month, int day)
{
	UErrorCode status = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(u"UTC", -1, id, UCAL_DEFAULT, &status);
	assert_true(U_SUCCESS(status));
	/* Julian day number of a Gregorian date (Fliegel & Van Flandern). */
	long a = (14 - month) / 12, y = year + 4800 - a, m = month + 12 * a - 3;
	long jdn = day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
	ucal_setMillis(cal, (UDate)(jdn - 2440588) * 86400000.0, &status);
	assert_true(U_SUCCESS(status));
	return cal;
}

/* kitgen's dates are ICU's with no-break spaces (no line ends inside one). */
static void nbsp(UChar *u, int32_t len)
{
	for (int32_t i = 0; i < len; i++)
		if (u[i] == u' ')
			u[i] = 0x00A0;
}

static void format_date_matches_icu_long_date_in_locale_calendar(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		char id[64], expected[256];
		UChar u[128];
		UErrorCode status = U_ZERO_ERROR;
		icu_id(tags[i], id);
		UCalendar *cal = locale_calendar_at(id, 2024, 3, 7);
		UDateFormat *format = udat_open(UDAT_NONE, UDAT_LONG, id, u"UTC", -1, NULL, 0, &status);
		assert_true(U_SUCCESS(status));
		int32_t len = udat_formatCalendar(format, cal, u, 128, NULL, &status);
		assert_true(U_SUCCESS(status));
		nbsp(u, len);
		to_utf8(u, len, expected, sizeof expected);
		kg_buf got = KG_BUF_INIT;
		kg_locale_format_date(tags[i], 2024, 3, 7, &got);
		if (strcmp(got.data, expected))
			fail_msg("%s: \"%s\", ICU says \"%s\"", tags[i], got.data, expected);
		kg_buf_release(&got);
		udat_close(format);
		ucal_close(cal);
	}
}

/* Dates are turned into instants by arithmetic, not a UCalendar: across
 * leap years, century rules and dates before 1970 it must agree with ICU. */
static void format_date_agrees_with_icu_calendar_over_centuries(void **state)
{
	(void)state;
	static const int dates[][3] = {{1899, 12, 31}, {1900, 2, 28}, {1900, 3, 1}, {1969, 12, 31},
	                               {1970, 1, 1},   {2000, 2, 29}, {2000, 3, 1}, {2023, 12, 31},
	                               {2024, 2, 29},  {2100, 2, 28}, {2100, 3, 1}, {2400, 2, 29}};
	const char *langs[] = {"en", "th", "vi"};
	for (size_t l = 0; l < 3; l++) {
		char id[64];
		icu_id(langs[l], id);
		for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
			char expected[256];
			UChar u[128];
			UErrorCode status = U_ZERO_ERROR;
			UCalendar *cal = locale_calendar_at(id, dates[i][0], dates[i][1], dates[i][2]);
			UDateFormat *format =
			    udat_open(UDAT_NONE, UDAT_LONG, id, u"UTC", -1, NULL, 0, &status);
			int32_t len = udat_formatCalendar(format, cal, u, 128, NULL, &status);
			assert_true(U_SUCCESS(status));
			nbsp(u, len);
			to_utf8(u, len, expected, sizeof expected);
			kg_buf got = KG_BUF_INIT;
			kg_locale_format_date(langs[l], dates[i][0], dates[i][1], dates[i][2], &got);
			if (strcmp(got.data, expected))
				fail_msg("%s %d-%d-%d: \"%s\", ICU says \"%s\"", langs[l], dates[i][0],
				         dates[i][1], dates[i][2], got.data, expected);
			kg_buf_release(&got);
			udat_close(format);
			ucal_close(cal);
		}
	}
}

/* The year as the locale counts it (2567 in Thai's Buddhist era) and
 * writes it (without grouping, in the locale's default digits). */
static void locale_year(const char *id, int year, char *out, int32_t cap)
{
	UErrorCode status = U_ZERO_ERROR;
	UCalendar *cal = locale_calendar_at(id, year, 6, 1);
	int32_t local_year = ucal_get(cal, UCAL_YEAR, &status);
	UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, id, NULL, &status);
	assert_true(U_SUCCESS(status));
	unum_setAttribute(nf, UNUM_GROUPING_USED, 0);
	UChar u[32];
	int32_t len = unum_format(nf, local_year, u, 32, NULL, &status);
	assert_true(U_SUCCESS(status));
	to_utf8(u, len, out, cap);
	unum_close(nf);
	ucal_close(cal);
}

static void format_date_writes_the_year_in_the_locale_era_and_digits(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		char id[64], year[64];
		icu_id(tags[i], id);
		if (!strncmp(id, "fa", 2))
			continue; /* Persian calendar: June and March differ in year */
		locale_year(id, 2024, year, sizeof year);
		kg_buf got = KG_BUF_INIT;
		kg_locale_format_date(tags[i], 2024, 6, 1, &got);
		if (!strstr(got.data, year))
			fail_msg("%s: \"%s\" lacks the year \"%s\"", tags[i], got.data, year);
		kg_buf_release(&got);
	}
}

static void thai_dates_use_the_buddhist_era_by_default(void **state)
{
	(void)state;
	char year[64];
	locale_year("th", 2024, year, sizeof year);
	assert_string_not_equal(year, "2024"); /* ICU's default calendar for th */
	kg_buf got = KG_BUF_INIT;
	kg_locale_format_date("th", 2024, 6, 1, &got);
	assert_null(strstr(got.data, "2024"));
	kg_buf_release(&got);
}

static void format_date_for_languages_without_data_still_has_the_date(void **state)
{
	(void)state;
	kg_buf got = KG_BUF_INIT;
	kg_locale_format_date("chk", 2024, 3, 7, &got);
	assert_non_null(strstr(got.data, "2024"));
	assert_non_null(strstr(got.data, "7"));
	kg_buf_release(&got);
}

static void collect_digits(void *ud, const char *digits, size_t len)
{
	kg_buf_add(ud, digits, len);
	kg_buf_putc(ud, ';');
}

static void format_int_reads_back_as_the_same_number(void **state)
{
	(void)state;
	const long long values[] = {0, 7, 1234567, -42, 1000000000000LL};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
			kg_buf text = KG_BUF_INIT, digits = KG_BUF_INIT;
			char want[32];
			kg_locale_format_int(tags[i], values[v], &text);
			kg_locale_numbers(text.data, text.len, collect_digits, &digits);
			snprintf(want, sizeof want, "%lld;", values[v] < 0 ? -values[v] : values[v]);
			if (strcmp(digits.data, want))
				fail_msg("%s: %lld printed \"%s\" reads back \"%s\"", tags[i], values[v],
				         text.data, digits.data);
			kg_buf_release(&text);
			kg_buf_release(&digits);
		}
	}
}

static void format_int_follows_locale_grouping_and_digits(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	kg_locale_format_int("en", 1234567, &b);
	assert_string_equal(b.data, "1,234,567");
	kg_buf_reset(&b);
	kg_locale_format_int("hi", 1234567, &b);
	assert_string_equal(b.data, "12,34,567"); /* Indian lakh grouping */
	kg_buf_reset(&b);
	kg_locale_format_int("ar", 5, &b);
	assert_string_equal(b.data, "\xD9\xA5"); /* U+0665 ARABIC-INDIC DIGIT FIVE */
	kg_buf_release(&b);
}

static void format_int_matches_icu_for_every_kit_language(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		char id[64], expected[128];
		UChar u[64];
		UErrorCode status = U_ZERO_ERROR;
		icu_id(tags[i], id);
		UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, id, NULL, &status);
		int32_t len = unum_formatDouble(nf, 9876543.0, u, 64, NULL, &status);
		assert_true(U_SUCCESS(status));
		nbsp(u, len);
		to_utf8(u, len, expected, sizeof expected);
		unum_close(nf);
		kg_buf got = KG_BUF_INIT;
		kg_locale_format_int(tags[i], 9876543, &got);
		assert_string_equal(got.data, expected);
		kg_buf_release(&got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(format_date_matches_icu_long_date_in_locale_calendar),
	    cmocka_unit_test(format_date_agrees_with_icu_calendar_over_centuries),
	    cmocka_unit_test(format_date_writes_the_year_in_the_locale_era_and_digits),
	    cmocka_unit_test(thai_dates_use_the_buddhist_era_by_default),
	    cmocka_unit_test(format_date_for_languages_without_data_still_has_the_date),
	    cmocka_unit_test(format_int_reads_back_as_the_same_number),
	    cmocka_unit_test(format_int_follows_locale_grouping_and_digits),
	    cmocka_unit_test(format_int_matches_icu_for_every_kit_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
