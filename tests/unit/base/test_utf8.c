/* test_utf8.c: kg_utf8_valid_prefix against a reference written from the
 * Unicode standard's table of well-formed byte sequences (Table 3-7), on
 * every sequence of one to three bytes and on four-byte ones around each
 * boundary, alone, after ASCII and cut short; and kg_utf8_check's
 * located error. */
#include "kitgen/base/utf8.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* Table 3-7: the second byte's range depends on the first byte. */
static size_t reference_sequence(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c == 0xE0)
		n = 3, lo = 0xA0;
	else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
		n = 3;
	else if (c == 0xED)
		n = 3, hi = 0x9F;
	else if (c == 0xF0)
		n = 4, lo = 0x90;
	else if (c >= 0xF1 && c <= 0xF3)
		n = 4;
	else if (c == 0xF4)
		n = 4, hi = 0x8F;
	else
		return 0;
	if (left < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

static size_t reference_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t n = reference_sequence(s + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

/* bytes alone, after 9 ASCII bytes (the 8-byte scan), followed by 'x',
 * and cut one byte short. */
static void check_bytes(const unsigned char *bytes, size_t n)
{
	unsigned char text[32];
	memset(text, 'a', 9);
	memcpy(text + 9, bytes, n);
	text[9 + n] = 'x';
	const unsigned char *cases[] = {bytes, text, text, text};
	size_t lens[] = {n, 9 + n, 10 + n, 9 + n - 1};
	for (size_t k = 0; k < 4; k++) {
		size_t want = reference_prefix(cases[k], lens[k]);
		size_t got = kg_utf8_valid_prefix((const char *)cases[k], lens[k]);
		if (got != want)
			fail_msg("bytes %02X %02X %02X %02X (%zu), case %zu: got %zu, want %zu", bytes[0],
			         n > 1 ? bytes[1] : 0, n > 2 ? bytes[2] : 0, n > 3 ? bytes[3] : 0, n, k, got,
			         want);
	}
}

static void every_sequence_of_up_to_three_bytes(void **state)
{
	(void)state;
	unsigned char b[3];
	for (unsigned x = 0; x < 256; x++) {
		b[0] = (unsigned char)x;
		check_bytes(b, 1);
		for (unsigned y = 0; y < 256; y++) {
			b[1] = (unsigned char)y;
			check_bytes(b, 2);
			if (x < 0xC0)
				continue; /* no lead byte: the third byte changes nothing */
			for (unsigned z = 0; z < 256; z++) {
				b[2] = (unsigned char)z;
				check_bytes(b, 3);
			}
		}
	}
}

static void four_byte_sequences_at_their_boundaries(void **state)
{
	(void)state;
	static const unsigned char edges[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
	unsigned char b[4];
	for (unsigned lead = 0xF0; lead <= 0xFF; lead++)
		for (size_t i = 0; i < sizeof(edges); i++)
			for (size_t j = 0; j < sizeof(edges); j++)
				for (size_t k = 0; k < sizeof(edges); k++) {
					b[0] = (unsigned char)lead, b[1] = edges[i], b[2] = edges[j],
					b[3] = edges[k];
					check_bytes(b, 4);
				}
}

static void real_text_is_valid_to_its_end(void **state)
{
	(void)state;
	/* Vietnamese, Khmer, Chinese, Urdu, an emoji. */
	const char *text =
	    "Gọi 911 ngay. ទូរស័ព្ទ 911។ 請撥打 911。 ۹۱۱ پر کال کریں 🙂";
	assert_int_equal(kg_utf8_valid_prefix(text, strlen(text)), strlen(text));
	char broken[64];
	strcpy(broken, "請撥打");
	broken[4] = 'x'; /* the second character's middle byte */
	assert_int_equal(kg_utf8_valid_prefix(broken, strlen(broken)), 3);
}

static void check_reports_line_and_column(void **state)
{
	(void)state;
	kg_diags diags;
	kg_diags_init(&diags);
	const char *text = "title: ok\nnăm \xC3\x28 x\n";
	assert_int_equal(kg_utf8_check(text, strlen(text), "kit.yaml", 1, &diags), -1);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].col, 5);
	assert_non_null(strstr(diags.items[0].message, "invalid UTF-8 (byte 0xC3)"));
	kg_diags_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_sequence_of_up_to_three_bytes),
	    cmocka_unit_test(four_byte_sequences_at_their_boundaries),
	    cmocka_unit_test(real_text_is_valid_to_its_end),
	    cmocka_unit_test(check_reports_line_and_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
