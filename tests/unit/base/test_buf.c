/* test_buf.c: kg_buf invariants and the HTML escaper. */
#include "kitgen/base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void empty_buffer_is_an_empty_string(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	kg_buf_release(&b);
	assert_non_null(b.data);
}

static void appends_stay_nul_terminated(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		kg_buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[b.len], '\0');
	assert_memory_equal(b.data, "0,1,2,", 6);
	kg_buf_truncate(&b, 3);
	assert_string_equal(b.data, "0,1");
	size_t len;
	char *owned = kg_buf_detach(&b, &len);
	assert_int_equal(len, 3);
	assert_string_equal(owned, "0,1");
	assert_int_equal(b.len, 0);
	free(owned);
}

static void put_uint_writes_decimal_and_padded_hex(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	kg_buf_put_uint(&b, 0, 10, 0);
	kg_buf_putc(&b, ' ');
	kg_buf_put_uint(&b, 18446744073709551615ULL, 10, 0);
	kg_buf_putc(&b, ' ');
	kg_buf_put_uint(&b, 0x1f, 16, 4);
	kg_buf_putc(&b, ' ');
	kg_buf_put_uint(&b, 0xdeadbeefcafef00dULL, 16, 16);
	assert_string_equal(b.data, "0 18446744073709551615 001f deadbeefcafef00d");
	kg_buf_release(&b);
}

static void html_escaping_covers_markup_and_quotes(void **state)
{
	(void)state;
	kg_buf b = KG_BUF_INIT;
	kg_buf_puts_html(&b, "<a href=\"x\" onclick='y'>&</a>");
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
	kg_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(empty_buffer_is_an_empty_string),
	    cmocka_unit_test(appends_stay_nul_terminated),
	    cmocka_unit_test(html_escaping_covers_markup_and_quotes),
	    cmocka_unit_test(put_uint_writes_decimal_and_padded_hex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
