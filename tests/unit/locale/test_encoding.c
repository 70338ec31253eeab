/* test_legacy.c: legacy-encoding export and import. Every legacy fixture
 * is made here, by iconv(3) from UTF-8 text, never written as bytes:
 * export round trips for Big5, GB18030, EUC-KR, Shift_JIS and
 * Windows-1258; characters an encoding lacks (error with line:col and the
 * code point, or a marker and a warning); import with a declaration, with
 * a byte order mark, and by ICU's detection (long text: the right family;
 * short text: no guess is trusted); invalid bytes named at line:col. */
#include "kitgen/locale/encoding.h"

#include "kitgen/locale/locale.h"

#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- Texts ------------------------------------------------------------- */

static const char zh_hant[] =
    "當你看到有人被騷擾時，你可以用五種方法介入：分散注意力、委派他人、記錄事件、事後關心，以及直接介入。\n"
    "請先確保自己的安全，再決定採取哪一種方法。如果情況緊急，請立即撥打報警電話。\n"
    "每一個人都可以在社區裡幫助別人，讓我們的街道更安全。\n";
static const char zh_hans[] =
    "当你看到有人被骚扰时，你可以用五种方法介入：分散注意力、委派他人、记录事件、事后关心，以及直接介入。\n"
    "请先确保自己的安全，再决定采取哪一种方法。如果情况紧急，请立即拨打报警电话。\n"
    "每一个人都可以在社区里帮助别人，让我们的街道更安全。\n";
static const char ko[] =
    "누군가가 괴롭힘을 당하는 것을 보면 다섯 가지 방법으로 개입할 수 있습니다.\n"
    "주의를 분산시키고, 다른 사람에게 도움을 요청하고, 사건을 기록하고, 나중에 안부를 묻고, 직접 "
    "개입할 수 있습니다.\n"
    "먼저 자신의 안전을 확인하세요. 긴급한 상황이라면 즉시 경찰에 전화하세요.\n";
static const char ja[] =
    "誰かが嫌がらせを受けているのを見たら、五つの方法で介入できます。\n"
    "注意をそらす、他の人に助けを求める、出来事を記録する、後で声をかける、そして直接介入することです。\n"
    "まず自分の安全を確かめてください。緊急の場合は、すぐに警察に電話してください。\n";
static const char vi[] =
    "Tiếng Việt\n"
    "Khi bạn thấy ai đó bị quấy rối, bạn có thể can thiệp theo năm cách: đánh lạc hướng, nhờ người "
    "khác giúp, ghi lại sự việc, hỏi thăm sau đó, và can thiệp trực tiếp.\n"
    "Ở đâu? Ư, Ơ, Đ, Ă — ỹ, Ỵ, ặ.\n";

typedef struct sample {
	const char *text;
	const char *encoding; /* kitgen's name */
	const char *iconv;    /* glibc's, for the fixtures */
	const char *icu;      /* what ICU's detector should say, or NULL */
} sample;

static const sample samples[] = {
    {zh_hant, "big5", "BIG5", "Big5"},    {zh_hans, "gb18030", "GB18030", "GB18030"},
    {ko, "euc-kr", "EUC-KR", "EUC-KR"},   {ja, "shift_jis", "SHIFT_JIS", "Shift_JIS"},
    {vi, "windows-1258", "CP1258", NULL},
};
#define SAMPLE_COUNT (sizeof(samples) / sizeof(samples[0]))

/* ---- Helpers ----------------------------------------------------------- */

/* iconv(3) over the whole text, flushed; the test fails if it cannot. */
static void iconv_text(const char *to, const char *from, const char *in, size_t len, kg_buf *out)
{
	iconv_t cd = iconv_open(to, from);
	assert_true(cd != (iconv_t)-1);
	char *src = (char *)in;
	size_t left = len;
	kg_buf_grow(out, len * 4 + 16);
	char *dst = out->data + out->len;
	size_t room = out->cap - out->len - 1;
	assert_int_not_equal(iconv(cd, &src, &left, &dst, &room), (size_t)-1);
	assert_int_not_equal(iconv(cd, NULL, NULL, &dst, &room), (size_t)-1);
	out->len = (size_t)(dst - out->data);
	out->data[out->len] = '\0';
	iconv_close(cd);
}

static void nfc(const char *text, kg_buf *out) { kg_locale_nfc(text, strlen(text), out); }

static int has_diag(const kg_diags *d, kg_severity severity, int line, int col, const char *part)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].severity == severity && d->items[i].line == line && d->items[i].col == col &&
		    strstr(d->items[i].message, part))
			return 1;
	return 0;
}

static void print_diags(const kg_diags *d)
{
	kg_diags_print(d, stderr, KG_DIAG_TEXT, 0); /* shown only when a test fails */
}

/* ---- Export ------------------------------------------------------------ */

static void export_round_trips_to_the_nfc_text_in_every_encoding(void **state)
{
	(void)state;
	for (size_t i = 0; i < SAMPLE_COUNT; i++) {
		kg_diags d;
		kg_diags_init(&d);
		kg_buf bytes = KG_BUF_INIT, back = KG_BUF_INIT, want = KG_BUF_INIT;
		int rc = kg_legacy_export(samples[i].text, strlen(samples[i].text), samples[i].encoding, 0,
		                          "page.txt", &bytes, &d);
		if (rc)
			print_diags(&d);
		assert_int_equal(rc, 0);
		assert_int_equal(d.count, 0);
		assert_true(bytes.len > 0);
		iconv_text("UTF-8", samples[i].iconv, bytes.data, bytes.len, &back);
		nfc(samples[i].text, &want);
		assert_string_equal(back.data, want.data);
		kg_buf_release(&bytes);
		kg_buf_release(&back);
		kg_buf_release(&want);
		kg_diags_release(&d);
	}
}

static void windows_1258_export_of_nfd_text_equals_that_of_nfc(void **state)
{
	(void)state;
	/* "Tiếng Việt" decomposed: e + circumflex + acute, e + circumflex + dot below. */
	const char nfd[] = "Tie\xCC\x82\xCC\x81ng Vie\xCC\x82\xCC\xA3t";
	const char nfc_text[] = "Ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t";
	kg_diags d;
	kg_diags_init(&d);
	kg_buf a = KG_BUF_INIT, b = KG_BUF_INIT, expected = KG_BUF_INIT;
	assert_int_equal(kg_legacy_export(nfd, strlen(nfd), "windows-1258", 0, "vi.txt", &a, &d), 0);
	assert_int_equal(kg_legacy_export(nfc_text, strlen(nfc_text), "cp1258", 0, "vi.txt", &b, &d), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* Tone marks are separate bytes in Windows-1258: ê + 0xEC (acute). */
	iconv_text("CP1258", "UTF-8", "Ti\xC3\xAA\xCC\x81ng", 7, &expected);
	assert_memory_equal(a.data, expected.data, expected.len);
	kg_buf_release(&a);
	kg_buf_release(&b);
	kg_buf_release(&expected);
	kg_diags_release(&d);
}

static void unrepresentable_characters_are_errors_at_line_and_column(void **state)
{
	(void)state;
	const char text[] = "第一行\n中文 ក 和 😀。\n";
	kg_diags d;
	kg_diags_init(&d);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_legacy_export(text, strlen(text), "big5", 0, "zh-Hant/page.big5.txt", &out, &d),
	                 -1);
	assert_int_equal(d.errors, 2);
	assert_true(has_diag(&d, KG_ERROR, 2, 4, "U+1780 'ក' cannot be written in Big5"));
	assert_true(has_diag(&d, KG_ERROR, 2, 8, "U+1F600 '😀' cannot be written in Big5"));
	assert_string_equal(d.items[0].file, "zh-Hant/page.big5.txt");
	kg_buf_release(&out);
	kg_diags_release(&d);
}

static void substitution_leaves_a_visible_marker_and_a_warning(void **state)
{
	(void)state;
	const char text[] = "第一行\n中文 ក 和 😀。\n";
	static const struct {
		const char *encoding, *iconv, *expected;
	} cases[] = {
	    {"big5", "BIG5", "第一行\n中文 [?] 和 [?]。\n"},
	    {"shift_jis", "SHIFT_JIS", "第一行\n中文 〓 和 〓。\n"},
	    {"gb18030", "GB18030", NULL}, /* GB18030 holds all of Unicode */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kg_diags d;
		kg_diags_init(&d);
		kg_buf out = KG_BUF_INIT, back = KG_BUF_INIT;
		assert_int_equal(
		    kg_legacy_export(text, strlen(text), cases[i].encoding, 1, "p.txt", &out, &d), 0);
		iconv_text("UTF-8", cases[i].iconv, out.data, out.len, &back);
		if (cases[i].expected) {
			assert_string_equal(back.data, cases[i].expected);
			assert_int_equal(d.warnings, 2);
			assert_int_equal(d.errors, 0);
			assert_true(has_diag(&d, KG_WARNING, 2, 4, "U+1780"));
			assert_true(has_diag(&d, KG_WARNING, 2, 8, "replaced by"));
		} else {
			assert_string_equal(back.data, text);
			assert_int_equal(d.count, 0);
		}
		kg_buf_release(&out);
		kg_buf_release(&back);
		kg_diags_release(&d);
	}
}

static void vietnamese_letters_missing_from_euc_kr_are_named(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_legacy_export("ế", strlen("ế"), "euc-kr", 0, "p.txt", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 1, 1, "U+1EBF 'ế' cannot be written in EUC-KR"));
	kg_buf_release(&out);
	kg_diags_release(&d);
}

/* glibc writes '\' as 0x5C in Shift_JIS but reads 0x5C back as '¥'. */
static void shift_jis_refuses_what_it_would_read_back_differently(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_legacy_export("C:\\x ~", 6, "shift_jis", 0, "p.txt", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 1, 3, "U+005C"));
	assert_true(has_diag(&d, KG_ERROR, 1, 6, "U+007E"));
	kg_buf_reset(&out);
	kg_diags_release(&d);
	kg_diags_init(&d);
	assert_int_equal(kg_legacy_export("C:\\x ~", 6, "cp932", 0, "p.txt", &out, &d), 0);
	assert_string_equal(out.data, "C:\\x ~");
	kg_buf_release(&out);
	kg_diags_release(&d);
}

static void a_flood_of_missing_characters_is_summarized(void **state)
{
	(void)state;
	kg_buf text = KG_BUF_INIT;
	for (int i = 0; i < 25; i++)
		kg_buf_puts(&text, "😀");
	kg_diags d;
	kg_diags_init(&d);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_legacy_export(text.data, text.len, "big5", 0, "p.txt", &out, &d), -1);
	assert_int_equal(d.errors, 21);
	assert_true(has_diag(&d, KG_ERROR, 0, 0, "5 more characters cannot be written in Big5"));
	kg_buf_release(&text);
	kg_buf_release(&out);
	kg_diags_release(&d);
}

static void unknown_encoding_and_invalid_utf8_are_errors(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_legacy_export("x", 1, "klingon", 0, "p.txt", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 0, 0, "unknown export encoding 'klingon'"));
	assert_int_equal(kg_legacy_export("ok\nab\xFF", 6, "big5", 0, "p.txt", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 2, 3, "invalid UTF-8 (byte 0xFF)"));
	assert_string_equal(kg_legacy_encoding_name("Shift-JIS"), "shift_jis");
	assert_string_equal(kg_legacy_encoding_name("CP1258"), "windows-1258");
	assert_null(kg_legacy_encoding_name("utf-8"));
	kg_buf_release(&out);
	kg_diags_release(&d);
}

/* ---- Import ------------------------------------------------------------ */

static void declared_encoding_imports_to_the_nfc_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < SAMPLE_COUNT; i++) {
		kg_buf fixture = KG_BUF_INIT, out = KG_BUF_INIT, want = KG_BUF_INIT;
		iconv_text(samples[i].iconv, "UTF-8", samples[i].text, strlen(samples[i].text), &fixture);
		kg_diags d;
		kg_diags_init(&d);
		int rc =
		    kg_legacy_import(fixture.data, fixture.len, samples[i].encoding, 0, "in.md", &out, &d);
		if (rc)
			print_diags(&d);
		assert_int_equal(rc, 0);
		assert_int_equal(d.count, 0);
		nfc(samples[i].text, &want);
		assert_string_equal(out.data, want.data);
		kg_buf_release(&fixture);
		kg_buf_release(&out);
		kg_buf_release(&want);
		kg_diags_release(&d);
	}
}

static void undeclared_cjk_is_detected_and_refused_unless_auto(void **state)
{
	(void)state;
	for (size_t i = 0; i < SAMPLE_COUNT; i++) {
		if (!samples[i].icu)
			continue;
		kg_buf fixture = KG_BUF_INIT, out = KG_BUF_INIT, want = KG_BUF_INIT, expect = KG_BUF_INIT;
		iconv_text(samples[i].iconv, "UTF-8", samples[i].text, strlen(samples[i].text), &fixture);
		assert_true(fixture.len >= 200); /* ICU's detector needs some text */
		kg_diags d;
		kg_diags_init(&d);
		assert_int_equal(kg_legacy_import(fixture.data, fixture.len, NULL, 0, "in.md", &out, &d), -1);
		assert_int_equal(out.len, 0);
		kg_buf_printf(&expect, "file is not UTF-8; it looks like %s (confidence ", samples[i].icu);
		assert_true(has_diag(&d, KG_ERROR, 1, 1, expect.data));
		kg_buf_reset(&expect);
		kg_buf_printf(&expect, "declare `encoding: %s` or convert it", samples[i].encoding);
		assert_true(has_diag(&d, KG_ERROR, 1, 1, expect.data));
		kg_diags_release(&d);

		kg_diags_init(&d);
		assert_int_equal(kg_legacy_import(fixture.data, fixture.len, NULL, 1, "in.md", &out, &d), 0);
		nfc(samples[i].text, &want);
		assert_string_equal(out.data, want.data);
		assert_int_equal(d.errors, 0);
		kg_buf_reset(&expect);
		kg_buf_printf(&expect, "read it as %s (detected with confidence", samples[i].icu);
		assert_true(has_diag(&d, KG_WARNING, 1, 1, expect.data));
		kg_diags_release(&d);
		kg_buf_release(&fixture);
		kg_buf_release(&out);
		kg_buf_release(&want);
		kg_buf_release(&expect);
	}
}

/* Ten bytes of Big5 look most like ISO-8859-1 to ICU: no guess is used. */
static void short_text_is_never_converted_by_guess(void **state)
{
	(void)state;
	kg_buf fixture = KG_BUF_INIT, out = KG_BUF_INIT;
	iconv_text("BIG5", "UTF-8", "Hi 你好，世界", strlen("Hi 你好，世界"), &fixture);
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_legacy_import(fixture.data, fixture.len, NULL, 1, "short.md", &out, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 4); /* the first non-UTF-8 byte */
	assert_non_null(strstr(d.items[0].message, "file is not UTF-8"));
	assert_int_equal(out.len, 0);
	kg_buf_release(&fixture);
	kg_buf_release(&out);
	kg_diags_release(&d);
}

/* Windows-1258 cannot be told from Windows-1252 by statistics. */
static void undeclared_vietnamese_is_refused_even_with_auto(void **state)
{
	(void)state;
	kg_buf fixture = KG_BUF_INIT, out = KG_BUF_INIT;
	iconv_text("CP1258", "UTF-8", vi, strlen(vi), &fixture);
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_legacy_import(fixture.data, fixture.len, NULL, 1, "vi.md", &out, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].message, "single-byte encodings are too alike"));
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 3); /* "Ti" then the first tone-marked letter */
	kg_buf_release(&fixture);
	kg_buf_release(&out);
	kg_diags_release(&d);
}

static void byte_order_marks_say_the_encoding(void **state)
{
	(void)state;
	static const struct {
		const char *bom;
		size_t bom_len;
		const char *iconv;
	} cases[] = {
	    {"\xFF\xFE", 2, "UTF-16LE"},
	    {"\xFE\xFF", 2, "UTF-16BE"},
	    {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
	    {"\xEF\xBB\xBF", 3, "UTF-8"},
	};
	const char *text = vi;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kg_buf fixture = KG_BUF_INIT, out = KG_BUF_INIT, want = KG_BUF_INIT;
		kg_buf_add(&fixture, cases[i].bom, cases[i].bom_len);
		iconv_text(cases[i].iconv, "UTF-8", text, strlen(text), &fixture);
		kg_diags d;
		kg_diags_init(&d);
		assert_int_equal(kg_legacy_import(fixture.data, fixture.len, NULL, 0, "bom.md", &out, &d), 0);
		assert_int_equal(d.count, 0);
		nfc(text, &want);
		assert_string_equal(out.data, want.data); /* and the mark is gone */
		kg_buf_release(&fixture);
		kg_buf_release(&out);
		kg_buf_release(&want);
		kg_diags_release(&d);
	}
}

static void a_byte_order_mark_wins_over_a_wrong_declaration(void **state)
{
	(void)state;
	kg_buf fixture = KG_BUF_INIT, out = KG_BUF_INIT;
	kg_buf_add(&fixture, "\xFF\xFE", 2);
	iconv_text("UTF-16LE", "UTF-8", "xin chào", strlen("xin chào"), &fixture);
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_legacy_import(fixture.data, fixture.len, "big5", 0, "bom.md", &out, &d), 0);
	assert_string_equal(out.data, "xin chào");
	assert_true(has_diag(&d, KG_WARNING, 1, 1, "read as UTF-16LE, not as the declared 'big5'"));
	kg_buf_release(&fixture);
	kg_buf_release(&out);
	kg_diags_release(&d);
}

static void invalid_bytes_in_a_declared_encoding_are_errors_at_line_and_column(void **state)
{
	(void)state;
	kg_buf fixture = KG_BUF_INIT, out = KG_BUF_INIT;
	iconv_text("BIG5", "UTF-8", "第一行\n第二", strlen("第一行\n第二"), &fixture);
	kg_buf_putc(&fixture, 0xFF); /* never a Big5 byte */
	iconv_text("BIG5", "UTF-8", "行\n", strlen("行\n"), &fixture);
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_legacy_import(fixture.data, fixture.len, "big5", 0, "zh.md", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 2, 3, "invalid Big5 bytes (0xFF"));
	assert_int_equal(out.len, 0);
	kg_diags_release(&d);

	kg_diags_init(&d); /* a file cut inside a character */
	kg_buf_reset(&fixture);
	iconv_text("SHIFT_JIS", "UTF-8", "日本", strlen("日本"), &fixture);
	kg_buf_truncate(&fixture, fixture.len - 1);
	assert_int_equal(kg_legacy_import(fixture.data, fixture.len, "shift_jis", 0, "ja.md", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 1, 2, "the file ends inside a Shift_JIS character"));
	kg_diags_release(&d);

	kg_diags_init(&d); /* and an unknown declaration */
	assert_int_equal(kg_legacy_import("x", 1, "no-such-charset", 0, "x.md", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 0, 0, "unknown encoding 'no-such-charset'"));
	kg_buf_release(&fixture);
	kg_buf_release(&out);
	kg_diags_release(&d);
}

static void utf8_stays_as_it_is(void **state)
{
	(void)state;
	/* Not normalized: kitgen's UTF-8 input is the author's, byte for byte. */
	const char text[] = "Tie\xCC\x82\xCC\x81ng — 中文\n";
	kg_buf out = KG_BUF_INIT;
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_legacy_import(text, strlen(text), NULL, 0, "u.md", &out, &d), 0);
	assert_string_equal(out.data, text);
	kg_buf_reset(&out);
	assert_int_equal(kg_legacy_import(text, strlen(text), "UTF-8", 0, "u.md", &out, &d), 0);
	assert_string_equal(out.data, text);
	assert_int_equal(d.count, 0);
	kg_buf_reset(&out);
	assert_int_equal(kg_legacy_import("\xEF\xBB\xBFok\n\xC3", 7, NULL, 0, "u.md", &out, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, 2, 1, "invalid UTF-8 (byte 0xC3)"));
	kg_buf_release(&out);
	kg_diags_release(&d);
}

static void import_then_export_gives_back_the_same_bytes(void **state)
{
	(void)state;
	for (size_t i = 0; i < SAMPLE_COUNT; i++) {
		kg_buf fixture = KG_BUF_INIT, text = KG_BUF_INIT, again = KG_BUF_INIT;
		iconv_text(samples[i].iconv, "UTF-8", samples[i].text, strlen(samples[i].text), &fixture);
		kg_diags d;
		kg_diags_init(&d);
		assert_int_equal(
		    kg_legacy_import(fixture.data, fixture.len, samples[i].encoding, 0, "in", &text, &d), 0);
		assert_int_equal(
		    kg_legacy_export(text.data, text.len, samples[i].encoding, 0, "out", &again, &d), 0);
		assert_int_equal(again.len, fixture.len);
		assert_memory_equal(again.data, fixture.data, fixture.len);
		kg_buf_release(&fixture);
		kg_buf_release(&text);
		kg_buf_release(&again);
		kg_diags_release(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(export_round_trips_to_the_nfc_text_in_every_encoding),
	    cmocka_unit_test(windows_1258_export_of_nfd_text_equals_that_of_nfc),
	    cmocka_unit_test(unrepresentable_characters_are_errors_at_line_and_column),
	    cmocka_unit_test(substitution_leaves_a_visible_marker_and_a_warning),
	    cmocka_unit_test(vietnamese_letters_missing_from_euc_kr_are_named),
	    cmocka_unit_test(shift_jis_refuses_what_it_would_read_back_differently),
	    cmocka_unit_test(a_flood_of_missing_characters_is_summarized),
	    cmocka_unit_test(unknown_encoding_and_invalid_utf8_are_errors),
	    cmocka_unit_test(declared_encoding_imports_to_the_nfc_text),
	    cmocka_unit_test(undeclared_cjk_is_detected_and_refused_unless_auto),
	    cmocka_unit_test(short_text_is_never_converted_by_guess),
	    cmocka_unit_test(undeclared_vietnamese_is_refused_even_with_auto),
	    cmocka_unit_test(byte_order_marks_say_the_encoding),
	    cmocka_unit_test(a_byte_order_mark_wins_over_a_wrong_declaration),
	    cmocka_unit_test(invalid_bytes_in_a_declared_encoding_are_errors_at_line_and_column),
	    cmocka_unit_test(utf8_stays_as_it_is),
	    cmocka_unit_test(import_then_export_gives_back_the_same_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
