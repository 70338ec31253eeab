/* test_theme.c: the built-in theme is the repository's templates/ byte for
 * byte; overrides replace and add files by path; exported markers record
 * the built-in hash. */
#include "kitgen/theme/theme.h"

#include "kitgen/base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

static void builtin_files_are_the_repository_templates(void **state)
{
	(void)state;
	const char *root = getenv("KITGEN_SOURCE_DIR");
	assert_non_null(root);
	kg_theme theme;
	kg_diags d;
	kg_diags_init(&d);
	assert_int_equal(kg_theme_load(&theme, "/nonexistent-kit", &d), 0);
	assert_true(theme.count >= 15);
	size_t templates = 0;
	for (size_t i = 0; i < theme.count; i++) {
		const kg_theme_entry *e = &theme.items[i];
		assert_true(e->builtin);
		assert_false(e->overridden);
		kg_buf path = KG_BUF_INIT, disk = KG_BUF_INIT;
		kg_buf_printf(&path, "%s/templates/%s", root, e->path);
		assert_int_equal(kg_buf_read_file(&disk, path.data), 0);
		assert_int_equal(disk.len, e->size);
		assert_memory_equal(disk.data, e->data, e->size);
		templates += kg_theme_is_template(e->path);
		kg_buf_release(&path);
		kg_buf_release(&disk);
	}
	assert_true(templates >= 13);
	assert_non_null(kg_theme_find(&theme, "page.html"));
	assert_non_null(kg_theme_find(&theme, "assets/style.css"));
	assert_false(kg_theme_is_template("assets/x.html"));
	kg_theme_release(&theme);
	kg_diags_release(&d);
}

static void markers_record_the_builtin_hash(void **state)
{
	(void)state;
	kg_buf m = KG_BUF_INIT;
	kg_theme_marker("page.html", &m);
	char hex[17];
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)kg_theme_builtin_hash("page.html"));
	assert_non_null(strstr(m.data, hex));
	assert_true(m.data[0] == '{' && strstr(m.data, "-#}\n")); /* a template comment eating its newline */
	kg_buf_reset(&m);
	kg_theme_marker("assets/style.css", &m);
	assert_true(!strncmp(m.data, "/* kitgen theme: assets/style.css", 33));
	assert_int_equal(kg_theme_builtin_hash("no/such.html"), 0);
	kg_buf_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(builtin_files_are_the_repository_templates),
	    cmocka_unit_test(markers_record_the_builtin_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
