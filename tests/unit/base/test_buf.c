/* test_buf.c: kg_buf invariants, reading a whole file, and the HTML
 * escaper. */
#include "kitgen/base/buf.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void read_file_appends_the_whole_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/kitgen-test-buf-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/f", dir);
	/* Larger than one page and one stdio buffer, with NUL bytes inside. */
	size_t len = 100000;
	char *data = malloc(len);
	for (size_t i = 0; i < len; i++)
		data[i] = (char)(i * 7 % 251);
	write_file(path, data, len);
	kg_buf b = KG_BUF_INIT;
	kg_buf_puts(&b, "head:");
	assert_int_equal(kg_buf_read_file(&b, path), 0);
	assert_int_equal(b.len, 5 + len);
	assert_memory_equal(b.data, "head:", 5);
	assert_memory_equal(b.data + 5, data, len);
	assert_int_equal(b.data[b.len], '\0');
	kg_buf_release(&b);
	/* An empty file appends nothing and succeeds. */
	write_file(path, "", 0);
	assert_int_equal(kg_buf_read_file(&b, path), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	/* A missing file and a folder fail with errno set. */
	errno = 0;
	assert_int_equal(kg_buf_read_file(&b, "/nonexistent/kitgen/file"), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(kg_buf_read_file(&b, dir), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(b.len, 0);
	kg_buf_release(&b);
	free(data);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(empty_buffer_is_an_empty_string),
	    cmocka_unit_test(appends_stay_nul_terminated),
	    cmocka_unit_test(read_file_appends_the_whole_file),
	    cmocka_unit_test(html_escaping_covers_markup_and_quotes),
	    cmocka_unit_test(put_uint_writes_decimal_and_padded_hex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
