/* test_bundle.c: zip bundles read back with libarchive and with Info-ZIP's
 * unzip — names (UTF-8 and flagged so), contents, the fixed time and
 * permissions, sorted order, byte-identical rebuilds whatever the input
 * order or time zone, refused paths — and the file:// rewrite of pages. */
#include "kitgen/downloads/export.h"

#include <archive.h>
#include <archive_entry.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <locale.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

#define MTIME 1793536496LL                                /* 2026-11-01 12:34:56 UTC */
#define VI_NAME "vi/Ti\xE1\xBA\xBFng-Vi\xE1\xBB\x87t.txt" /* vi/Tiếng-Việt.txt */

static const kg_bundle_entry sample[] = {
    {VI_NAME, "Xin ch\xC3\xA0o\n", 10},
    {"zh-Hant/index.txt", "\xE4\xBD\xA0\xE5\xA5\xBD\n", 7},
    {"a.txt", "hello\n", 6},
    {"en/index.html", "<p>x</p>\n", 9},
};
#define SAMPLE_COUNT (sizeof(sample) / sizeof(sample[0]))

static void zip_entries(const kg_bundle_entry *entries, size_t count, kg_buf *zip)
{
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_bundle_zip("kit.zip", entries, count, MTIME, zip, &d), 0);
	assert_int_equal(d.count, 0);
	kg_diags_release(&d);
}

static void write_temp(const kg_buf *zip, char path[64])
{
	strcpy(path, "/tmp/kitgen-bundle-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, zip->data, zip->len), (ssize_t)zip->len);
	close(fd);
}

/* Output of a shell command, run in a UTF-8 locale so unzip prints names as they are. */
static char *run(const char *command)
{
	char full[512];
	snprintf(full, sizeof(full), "LC_ALL=C.UTF-8 TZ=UTC %s", command);
	FILE *p = popen(full, "r");
	assert_non_null(p);
	kg_buf out = KG_BUF_INIT;
	char chunk[1024];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		kg_buf_add(&out, chunk, n);
	assert_int_equal(pclose(p), 0);
	return kg_buf_detach(&out, NULL);
}

static int unzip_available(void) { return system("command -v unzip >/dev/null 2>&1") == 0; }

/* ---- Zip --------------------------------------------------------------- */

static void libarchive_reads_sorted_entries_with_names_contents_and_fixed_time(void **state)
{
	(void)state;
	kg_buf zip = KG_BUF_INIT;
	zip_entries(sample, SAMPLE_COUNT, &zip);
	struct archive *a = archive_read_new();
	archive_read_support_format_zip(a);
	assert_int_equal(archive_read_open_memory(a, zip.data, zip.len), ARCHIVE_OK);
	static const char *const order[] = {"a.txt", "en/index.html", VI_NAME, "zh-Hant/index.txt"};
	struct archive_entry *e;
	size_t i = 0;
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		assert_true(i < SAMPLE_COUNT);
		assert_string_equal(archive_entry_pathname_utf8(e), order[i]);
		assert_int_equal(archive_entry_mtime(e), MTIME);
		assert_int_equal(archive_entry_filetype(e), AE_IFREG);
		assert_int_equal(archive_entry_perm(e), 0644);
		assert_int_equal(archive_entry_uid(e), 0);
		assert_int_equal(archive_entry_gid(e), 0);
		assert_null(archive_entry_uname(e));
		const kg_bundle_entry *want = NULL;
		for (size_t k = 0; k < SAMPLE_COUNT; k++)
			if (!strcmp(sample[k].path, order[i]))
				want = &sample[k];
		assert_non_null(want);
		char data[64];
		la_ssize_t n = archive_read_data(a, data, sizeof(data));
		assert_int_equal(n, (la_ssize_t)want->len);
		assert_memory_equal(data, want->data, want->len);
		i++;
	}
	assert_int_equal(i, SAMPLE_COUNT);
	archive_read_free(a);
	kg_buf_release(&zip);
}

/* The general purpose flag's bit 11 tells unzip tools the name is UTF-8. */
static void utf8_name_carries_the_language_encoding_flag(void **state)
{
	(void)state;
	kg_buf zip = KG_BUF_INIT;
	zip_entries(sample, SAMPLE_COUNT, &zip);
	size_t name_len = strlen(VI_NAME), found = 0;
	for (size_t i = 0; i + 46 + name_len <= zip.len; i++) {
		const unsigned char *h = (const unsigned char *)zip.data + i;
		if (h[0] == 'P' && h[1] == 'K' && h[2] == 1 && h[3] == 2 &&
		    !memcmp(h + 46, VI_NAME, name_len)) {
			assert_true(h[9] & 0x08); /* bit 11 = 0x0800, little-endian */
			found++;
		}
	}
	assert_int_equal(found, 1);
	kg_buf_release(&zip);
}

static void unzip_lists_and_extracts_the_entries(void **state)
{
	(void)state;
	if (!unzip_available())
		skip();
	kg_buf zip = KG_BUF_INIT;
	zip_entries(sample, SAMPLE_COUNT, &zip);
	char path[64], command[256];
	write_temp(&zip, path);
	snprintf(command, sizeof(command), "unzip -t -q %s", path);
	free(run(command));
	snprintf(command, sizeof(command), "unzip -Z1 %s", path);
	char *names = run(command);
	assert_string_equal(names, "a.txt\nen/index.html\n" VI_NAME "\nzh-Hant/index.txt\n");
	free(names);
	snprintf(command, sizeof(command), "unzip -l %s", path);
	char *listing = run(command);
	assert_non_null(strstr(listing, "2026-11-01 12:34   " VI_NAME));
	free(listing);
	snprintf(command, sizeof(command), "unzip -p %s '%s'", path, VI_NAME);
	char *content = run(command);
	assert_string_equal(content, "Xin ch\xC3\xA0o\n");
	free(content);
	unlink(path);
	kg_buf_release(&zip);
}

static void rebuild_is_byte_identical_whatever_the_order_and_time_zone(void **state)
{
	(void)state;
	kg_buf first = KG_BUF_INIT, second = KG_BUF_INIT, third = KG_BUF_INIT;
	zip_entries(sample, SAMPLE_COUNT, &first);
	kg_bundle_entry reversed[SAMPLE_COUNT];
	for (size_t i = 0; i < SAMPLE_COUNT; i++)
		reversed[i] = sample[SAMPLE_COUNT - 1 - i];
	zip_entries(reversed, SAMPLE_COUNT, &second);
	const char *old_tz = getenv("TZ");
	char *saved = old_tz ? strdup(old_tz) : NULL;
	setenv("TZ", "Asia/Ho_Chi_Minh", 1); /* libarchive writes DOS times in local time */
	tzset();
	zip_entries(sample, SAMPLE_COUNT, &third);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	assert_int_equal(first.len, second.len);
	assert_memory_equal(first.data, second.data, first.len);
	assert_int_equal(first.len, third.len);
	assert_memory_equal(first.data, third.data, first.len);
	kg_buf_release(&first);
	kg_buf_release(&second);
	kg_buf_release(&third);
}

static void empty_bundle_is_a_valid_empty_zip(void **state)
{
	(void)state;
	kg_buf zip = KG_BUF_INIT;
	zip_entries(NULL, 0, &zip);
	assert_int_equal(zip.len, 22); /* the end-of-central-directory record alone */
	assert_memory_equal(zip.data, "PK\x05\x06", 4);
	kg_buf_release(&zip);
}

static void assert_refused(const char *bad, const char *reason)
{
	kg_bundle_entry entries[] = {{"ok.txt", "x", 1}, {bad, "y", 1}};
	kg_buf zip = KG_BUF_INIT;
	kg_buf_puts(&zip, "before");
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_bundle_zip("out/kit.zip", entries, 2, MTIME, &zip, &d), -1);
	assert_string_equal(zip.data, "before"); /* left as it was */
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, "out/kit.zip");
	assert_non_null(strstr(d.items[0].message, reason));
	kg_diags_release(&d);
	kg_buf_release(&zip);
}

static void unsafe_or_duplicate_paths_are_refused(void **state)
{
	(void)state;
	assert_refused("../escape.txt", "'..'");
	assert_refused("/etc/passwd", "absolute");
	assert_refused("a//b.txt", "empty folder name");
	assert_refused("a\\b.txt", "backslash");
	assert_refused("bad\xFFname", "invalid UTF-8");
	assert_refused("", "empty path");
	assert_refused("ok.txt", "twice");
}

/* ---- Pages for file:// ------------------------------------------------- */

static void assert_for_files(const char *html, const char *expected)
{
	kg_buf out = KG_BUF_INIT;
	kg_bundle_html_for_files(html, &out);
	assert_string_equal(out.data, expected);
	kg_buf_release(&out);
}

static void folder_links_get_index_html(void **state)
{
	(void)state;
	assert_for_files("<a href=\"../en/education/\">x</a>",
	                 "<a href=\"../en/education/index.html\">x</a>");
	assert_for_files("<a class=\"c\" href=\"./\">", "<a class=\"c\" href=\"./index.html\">");
	assert_for_files("<a href='../'>", "<a href='../index.html'>");
	assert_for_files("<a href=\"..\"><a href=\".\">",
	                 "<a href=\"../index.html\"><a href=\"./index.html\">");
	assert_for_files("<a href=\"../vi/\" hreflang=\"vi\">",
	                 "<a href=\"../vi/index.html\" hreflang=\"vi\">");
}

static void fragments_and_queries_stay_after_the_file_name(void **state)
{
	(void)state;
	assert_for_files("<a href=\"../a/#part\">", "<a href=\"../a/index.html#part\">");
	assert_for_files("<a href=\"b/?q=1#x\">", "<a href=\"b/index.html?q=1#x\">");
}

static void absolute_and_other_urls_are_untouched(void **state)
{
	(void)state;
	const char *same[] = {
	    "<a href=\"https://example.org/\">",
	    "<a href=\"//cdn.example.org/x/\">",
	    "<a href=\"/en/\">",
	    "<a href=\"#top\">",
	    "<a href=\"\">",
	    "<a href=\"mailto:a@b.org\">",
	    "<link rel=\"stylesheet\" href=\"../assets/style.css\">",
	    "<img src=\"../images/\">",
	    "<p>write href=&quot;x/&quot; in text</p>", /* how text reaches a page */
	    "<a data-href=\"x/\">",
	    "<a href=\"unterminated/",
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		assert_for_files(same[i], same[i]);
}

static void whole_page_rewrites_every_folder_link(void **state)
{
	(void)state;
	assert_for_files("<nav><a href=\"../\">Home</a> <a href=\"../services/\">S</a> "
	                 "<a href=\"https://x.org/\">X</a></nav>",
	                 "<nav><a href=\"../index.html\">Home</a> <a href=\"../services/index.html\">S</a> "
	                 "<a href=\"https://x.org/\">X</a></nav>");
}

int main(void)
{
	/* libarchive's reader converts names to the locale's charset; in the
	 * C locale a UTF-8 name would not convert (the writer does not care). */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(libarchive_reads_sorted_entries_with_names_contents_and_fixed_time),
	    cmocka_unit_test(utf8_name_carries_the_language_encoding_flag),
	    cmocka_unit_test(unzip_lists_and_extracts_the_entries),
	    cmocka_unit_test(rebuild_is_byte_identical_whatever_the_order_and_time_zone),
	    cmocka_unit_test(empty_bundle_is_a_valid_empty_zip),
	    cmocka_unit_test(unsafe_or_duplicate_paths_are_refused),
	    cmocka_unit_test(folder_links_get_index_html),
	    cmocka_unit_test(fragments_and_queries_stay_after_the_file_name),
	    cmocka_unit_test(absolute_and_other_urls_are_untouched),
	    cmocka_unit_test(whole_page_rewrites_every_folder_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
