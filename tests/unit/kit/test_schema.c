/* test_schema.c: the schema reader, and docs/cli.md's key tables agree
 * with the schemas the readers use (one source for each key). */
#include "kitgen/kit/schema.h"

#include "kitgen/base/alloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

typedef struct sample {
	char *name;
	int flag;
	long count;
	int percent;
	char *paper;
} sample;

static const char *const papers[] = {"letter", "a4", NULL};
static const kg_schema_field sample_fields[] = {
    {"name", KG_SCHEMA_TEXT, offsetof(sample, name), NULL, NULL, NULL, "text", "—", "a name"},
    {"flag", KG_SCHEMA_BOOL, offsetof(sample, flag), NULL, NULL, NULL, "bool", "false", "a flag"},
    {"count", KG_SCHEMA_INT, offsetof(sample, count), NULL, NULL, NULL, "integer", "0", "a count"},
    {"percent", KG_SCHEMA_PERCENT, offsetof(sample, percent), NULL, NULL, NULL, "0–100", "0", "a share"},
    {"paper", KG_SCHEMA_CHOICE, offsetof(sample, paper), papers, "paper size", NULL, "`letter`/`a4`",
     "`letter`", "a size"},
};
static const kg_schema sample_schema = {"sample.yaml", "key", sample_fields, 5};

static int read_yaml(const char *text, sample *out, kg_diags *d)
{
	kg_yaml *root = kg_yaml_parse(text, strlen(text), "sample.yaml", 1, d);
	assert_non_null(root);
	memset(out, 0, sizeof(*out));
	int rc = kg_schema_read(&sample_schema, root, out, "sample.yaml", NULL, d);
	kg_yaml_free(root);
	return rc;
}

static void typed_values_land_in_their_fields(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	sample s;
	assert_int_equal(read_yaml("name: Kit\nflag: true\ncount: 12\npercent: 80\npaper: a4\n", &s, &d), 0);
	assert_string_equal(s.name, "Kit");
	assert_int_equal(s.flag, 1);
	assert_int_equal(s.count, 12);
	assert_int_equal(s.percent, 80);
	assert_string_equal(s.paper, "a4");
	free(s.name);
	free(s.paper);
	kg_diags_release(&d);
}

static void every_problem_is_reported_in_one_run(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	sample s;
	assert_int_equal(read_yaml("nmae: Kit\npercent: 101\npaper: A4\nflag: maybe\n", &s, &d), -1);
	assert_int_equal(d.errors, 4);
	kg_diags_sort(&d);
	assert_string_equal(d.items[0].message, "unknown key 'nmae' in sample.yaml; did you mean 'name'?");
	assert_int_equal(d.items[0].line, 1);
	assert_string_equal(d.items[1].message, "'percent' must be between 0 and 100");
	assert_string_equal(d.items[2].message, "'A4' is not a valid paper size; did you mean 'a4'?");
	assert_int_equal(d.items[3].line, 4);
	free(s.name);
	free(s.paper);
	kg_diags_release(&d);
}

/* The text between "<!-- schema: NAME -->\n" and "<!-- /schema -->" in docs/cli.md. */
static char *docs_table(const char *docs, const char *name)
{
	char open[128];
	snprintf(open, sizeof(open), "<!-- schema: %s -->\n", name);
	const char *a = strstr(docs, open);
	if (!a)
		return NULL;
	a += strlen(open);
	const char *b = strstr(a, "<!-- /schema -->");
	return b ? kg_strndup(a, (size_t)(b - a)) : NULL;
}

static void docs_tables_match_the_schemas(void **state)
{
	(void)state;
	const char *root = getenv("KITGEN_SOURCE_DIR");
	assert_non_null(root);
	kg_buf path = KG_BUF_INIT, docs = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/docs/cli.md", root);
	assert_int_equal(kg_buf_read_file(&docs, path.data), 0);
	const kg_schema *schemas[] = {&kg_config_schema, &kg_language_schema, &kg_front_matter_schema};
	const char *names[] = {"kit.yaml", "language", "front matter"};
	for (size_t i = 0; i < 3; i++) {
		kg_buf want = KG_BUF_INIT;
		kg_schema_markdown(schemas[i], &want);
		char *have = docs_table(docs.data, names[i]);
		if (!have || strcmp(have, want.data)) {
			fprintf(stderr,
			        "docs/cli.md's table '%s' differs from the schema; it should read:\n%s",
			        names[i], want.data);
			fail();
		}
		free(have);
		kg_buf_release(&want);
	}
	kg_buf_release(&docs);
	kg_buf_release(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(typed_values_land_in_their_fields),
	    cmocka_unit_test(every_problem_is_reported_in_one_run),
	    cmocka_unit_test(docs_tables_match_the_schemas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
