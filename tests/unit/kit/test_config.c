/* test_config.c: kit.yaml through kg_config_load() on files written to a
 * temporary folder: defaults, schema errors with hints and positions,
 * language tags and their ICU facts, vars and the output folder. */
#include "kitgen/kit/kit.h"

#include "kitgen/base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

typedef struct fixture {
	char dir[64];
	char path[128];
	kg_config cfg;
	kg_diags diags;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/kitgen-test-config-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/kit.yaml", f->dir);
	kg_diags_init(&f->diags);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	kg_config_release(&f->cfg);
	kg_diags_release(&f->diags);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Writes text as kit.yaml and loads it; returns kg_config_load's result. */
static int load(fixture *f, const char *text)
{
	kg_config_release(&f->cfg);
	kg_diags_release(&f->diags);
	kg_diags_init(&f->diags);
	FILE *out = fopen(f->path, "wb");
	assert_non_null(out);
	fwrite(text, 1, strlen(text), out);
	fclose(out);
	return kg_config_load(&f->cfg, f->path, "kit.yaml", &f->diags);
}

/* The first diagnostic of the given severity containing part, or NULL. */
static const kg_diag *find_diag(const fixture *f, kg_severity severity, const char *part)
{
	for (size_t i = 0; i < f->diags.count; i++)
		if (f->diags.items[i].severity == severity && strstr(f->diags.items[i].message, part))
			return &f->diags.items[i];
	return NULL;
}

static void assert_error_at(const fixture *f, int line, int col, const char *message)
{
	const kg_diag *d = find_diag(f, KG_ERROR, message);
	if (!d) {
		for (size_t i = 0; i < f->diags.count; i++)
			print_message("have: %d:%d %s\n", f->diags.items[i].line, f->diags.items[i].col,
			              f->diags.items[i].message);
		fail_msg("no error containing \"%s\"", message);
	}
	assert_string_equal(d->file, "kit.yaml");
	assert_int_equal(d->line, line);
	assert_int_equal(d->col, col);
}

/* ---- Defaults ---------------------------------------------------------- */

static void minimal_kit_gets_defaults(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en]\n"), 0);
	assert_int_equal(f->diags.count, 0);
	assert_string_equal(f->cfg.output_dir, "out");
	assert_string_equal(f->cfg.paper, "letter");
	assert_string_equal(f->cfg.base_url, "/");
	assert_string_equal(f->cfg.title, "");
	assert_string_equal(f->cfg.source_language, "en");
	assert_int_equal(f->cfg.raw_html, 0);
	assert_int_equal(f->cfg.min_coverage, 0);
	assert_int_equal(f->cfg.language_count, 1);
	assert_string_equal(f->cfg.languages[0].paper, "letter");
}

static void base_url_gets_a_trailing_slash(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "base_url: https://example.test/kit\nlanguages: [en]\n"), 0);
	assert_string_equal(f->cfg.base_url, "https://example.test/kit/");
	assert_int_equal(load(f, "base_url: https://example.test/kit/\nlanguages: [en]\n"), 0);
	assert_string_equal(f->cfg.base_url, "https://example.test/kit/");
}

static void settings_are_read(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "title: \"Safety Kit\"\n"
	                         "output: site\n"
	                         "raw_html: true\n"
	                         "languages:\n"
	                         "  - en\n"
	                         "  - tag: vi\n"
	                         "    paper: letter\n"
	                         "paper: a4\n"
	                         "min_coverage: 40\n"),
	                 0);
	assert_string_equal(f->cfg.title, "Safety Kit");
	assert_string_equal(f->cfg.output_dir, "site");
	assert_int_equal(f->cfg.raw_html, 1);
	assert_string_equal(f->cfg.paper, "a4");
	assert_int_equal(f->cfg.min_coverage, 40);
	/* The kit's paper and coverage are defaults for languages, even when
	 * written after them. */
	assert_string_equal(f->cfg.languages[0].paper, "a4");
	assert_string_equal(f->cfg.languages[1].paper, "letter");
	assert_int_equal(f->cfg.languages[1].min_coverage, 40);
}

static void missing_file_is_an_error(void **state)
{
	fixture *f = *state;
	char path[200];
	snprintf(path, sizeof(path), "%s/nothing.yaml", f->dir);
	assert_int_equal(kg_config_load(&f->cfg, path, "kit.yaml", &f->diags), -1);
	assert_int_equal(f->diags.errors, 1);
	assert_non_null(strstr(f->diags.items[0].message, "cannot read kit configuration"));
}

/* ---- Schema errors ----------------------------------------------------- */

static void unknown_key_suggests_the_closest(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en]\ntitel: Kit\n"), -1);
	assert_error_at(f, 2, 1, "unknown key 'titel' in kit.yaml; did you mean 'title'?");
	assert_int_equal(load(f, "languages: [en]\nfrobnicate: 1\n"), -1);
	assert_error_at(f, 2, 1, "unknown key 'frobnicate' in kit.yaml");
	assert_null(find_diag(f, KG_ERROR, "did you mean"));
}

static void unknown_language_key_suggests_the_closest(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - tag: vi\n    stauts: reviewed\n"), -1);
	assert_error_at(f, 3, 5, "unknown key 'stauts' in a language; did you mean 'status'?");
}

static void wrong_types_are_errors(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en]\ntitle: [a, b]\n"), -1);
	assert_error_at(f, 2, 8, "'title' must be a text value");
	assert_int_equal(load(f, "languages: [en]\nraw_html: maybe\n"), -1);
	assert_error_at(f, 2, 11, "'raw_html' must be true or false");
	assert_int_equal(load(f, "languages: [en]\nmin_coverage: lots\n"), -1);
	assert_error_at(f, 2, 15, "'min_coverage' must be a whole number");
	assert_int_equal(load(f, "languages: [en]\nmin_coverage: 101\n"), -1);
	assert_error_at(f, 2, 15, "'min_coverage' must be between 0 and 100");
	assert_int_equal(load(f, "languages: en\n"), -1);
	assert_error_at(f, 1, 12, "'languages' must list at least one language tag");
	assert_int_equal(load(f, "languages: [en]\nvars: [a]\n"), -1);
	assert_error_at(f, 2, 7, "'vars' must be a map of names to values");
	assert_int_equal(load(f, "- en\n"), -1);
	assert_error_at(f, 1, 1, "kit.yaml must be a map of settings");
}

static void paper_choice_suggests_a_valid_size(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en]\npaper: A4\n"), -1);
	assert_error_at(f, 2, 8, "'A4' is not a valid paper size; did you mean 'a4'?");
	assert_int_equal(load(f, "languages: [en]\npaper: tabloid\n"), -1);
	assert_error_at(f, 2, 8, "'tabloid' is not a valid paper size (expected 'letter', 'a4')");
}

static void missing_languages_is_an_error(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "title: Kit\n"), -1);
	assert_error_at(f, 1, 1, "'languages' must list at least one language tag");
}

static void invalid_yaml_is_an_error(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en]\ntitle: \"open\n"), -1);
	assert_true(f->diags.errors >= 1);
	assert_int_equal(load(f, "languages: [en]\ntitle: caf\xC3\n"), -1);
	assert_non_null(find_diag(f, KG_ERROR, "invalid UTF-8"));
	assert_int_equal(f->diags.items[0].line, 2);
}

/* ---- Languages --------------------------------------------------------- */

static void language_can_be_a_plain_tag_or_a_map(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - tag: vi\n    status: reviewed\n"), 0);
	assert_int_equal(f->cfg.language_count, 2);
	assert_string_equal(f->cfg.languages[0].tag, "en");
	assert_int_equal(f->cfg.languages[0].line, 2);
	assert_int_equal(f->cfg.languages[0].col, 5);
	assert_string_equal(f->cfg.languages[1].tag, "vi");
	assert_int_equal(f->cfg.languages[1].line, 3);
	assert_int_equal(f->cfg.languages[1].col, 10);
	assert_int_equal(f->cfg.languages[1].status, KG_STATUS_REVIEWED);
	assert_ptr_equal(kg_config_language(&f->cfg, "vi"), &f->cfg.languages[1]);
	assert_null(kg_config_language(&f->cfg, "km"));
}

static void non_canonical_tag_gives_the_canonical_form(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - ZH-hant\n"), -1);
	assert_error_at(f, 3, 5, "language tag 'ZH-hant' is not in canonical form; write 'zh-Hant'");
}

static void posix_locale_name_suggests_a_tag(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - tag: zh_TW.UTF-8\n"), -1);
	assert_error_at(f, 3, 10, "'zh_TW.UTF-8' is not a BCP 47 language tag; did you mean 'zh-TW'?");
}

static void garbage_tag_gives_examples(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - \"!!\"\n"), -1);
	assert_error_at(f, 3, 5, "'!!' is not a BCP 47 language tag (examples:");
}

static void language_without_tag_is_an_error(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - name: Somewhere\n"), -1);
	assert_error_at(f, 3, 5, "language has no 'tag'");
	assert_int_equal(load(f, "languages:\n  - [en]\n"), -1);
	assert_error_at(f, 2, 5, "each language must be a tag or a map with 'tag'");
}

static void duplicate_language_names_the_first_line(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - vi\n  - en\n  - tag: vi\n"), -1);
	assert_error_at(f, 4, 10, "language 'vi' is listed twice (first at line 2)");
}

static void source_language_must_be_listed(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "source_language: fr\nlanguages: [en, vi]\n"), -1);
	assert_error_at(f, 1, 18, "source_language 'fr' is not one of 'languages'");
	assert_int_equal(load(f, "source_language: vi\nlanguages: [en, vi]\n"), 0);
	assert_string_equal(f->cfg.source_language, "vi");
}

static void status_is_draft_except_for_the_source(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "source_language: en\n"
	                         "languages:\n"
	                         "  - km\n"
	                         "  - en\n"
	                         "  - tag: vi\n"
	                         "    status: reviewed\n"
	                         "  - tag: ur\n"
	                         "    status: draft\n"),
	                 0);
	assert_int_equal(kg_config_language(&f->cfg, "km")->status, KG_STATUS_DRAFT);
	assert_int_equal(kg_config_language(&f->cfg, "en")->status, KG_STATUS_REVIEWED);
	assert_int_equal(kg_config_language(&f->cfg, "vi")->status, KG_STATUS_REVIEWED);
	assert_int_equal(kg_config_language(&f->cfg, "ur")->status, KG_STATUS_DRAFT);
	assert_false(kg_config_language(&f->cfg, "en")->status_explicit);
	assert_true(kg_config_language(&f->cfg, "ur")->status_explicit);
}

static void explicit_draft_source_stays_draft(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - tag: en\n    status: draft\n"), 0);
	assert_int_equal(f->cfg.languages[0].status, KG_STATUS_DRAFT);
}

static void bad_status_suggests_a_valid_one(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - tag: vi\n    status: reviewd\n"), -1);
	assert_error_at(f, 3, 13, "'reviewd' is not a valid status; did you mean 'reviewed'?");
}

static void endonyms_come_from_icu(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en, vi, km]\n"), 0);
	assert_string_equal(kg_config_language(&f->cfg, "vi")->name, "Tiếng Việt");
	assert_string_equal(kg_config_language(&f->cfg, "vi")->english_name, "Vietnamese");
	assert_string_equal(kg_config_language(&f->cfg, "km")->name, "ខ្មែរ");
	assert_string_equal(kg_config_language(&f->cfg, "km")->english_name, "Khmer");
	assert_string_equal(kg_config_language(&f->cfg, "km")->script, "Khmr");
	assert_true(kg_config_language(&f->cfg, "km")->has_cldr_data);
	assert_int_equal(f->diags.count, 0);
}

static void language_without_cldr_data_uses_kit_name(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n"
	                         "  - en\n"
	                         "  - tag: chk\n"
	                         "    name: Kapasen Chuuk\n"
	                         "    plural_forms: \"nplurals=1; plural=0;\"\n"),
	                 0);
	const kg_language *chk = kg_config_language(&f->cfg, "chk");
	assert_non_null(chk);
	assert_string_equal(chk->name, "Kapasen Chuuk");
	assert_string_equal(chk->plural_forms, "nplurals=1; plural=0;");
	assert_false(chk->has_cldr_data);
	assert_int_equal(f->diags.count, 0);
}

static void named_language_without_cldr_data_warns_only_about_plurals(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - tag: chk\n    name: Kapasen Chuuk\n"), 0);
	assert_int_equal(f->diags.errors, 0);
	assert_int_equal(f->diags.warnings, 1);
	const kg_diag *d = find_diag(f, KG_WARNING, "no CLDR data for 'chk'");
	assert_non_null(d);
	assert_null(strstr(d->message, "as its name"));
	assert_non_null(strstr(d->message, "one plural form"));
}

static void language_without_cldr_data_or_name_warns(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - chk\n"), 0);
	assert_string_equal(kg_config_language(&f->cfg, "chk")->name, "chk");
	assert_int_equal(f->diags.errors, 0);
	assert_int_equal(f->diags.warnings, 1);
	const kg_diag *d = find_diag(f, KG_WARNING, "no CLDR data for 'chk'; using the tag as its name");
	assert_non_null(d);
	assert_int_equal(d->line, 3);
	assert_int_equal(d->col, 5);
}

static void urdu_is_right_to_left(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en, ur, vi]\n"), 0);
	assert_true(kg_config_language(&f->cfg, "ur")->rtl);
	assert_false(kg_config_language(&f->cfg, "vi")->rtl);
	assert_false(kg_config_language(&f->cfg, "en")->rtl);
}

static void direction_can_be_overridden(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages:\n  - en\n  - tag: ur\n    direction: ltr\n"), 0);
	assert_false(kg_config_language(&f->cfg, "ur")->rtl);
}

/* ---- Vars -------------------------------------------------------------- */

static void vars_are_sorted_and_found_by_name(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en]\n"
	                         "vars:\n"
	                         "  local_hotline: \"555-0100\"\n"
	                         "  agency: City Office\n"
	                         "  email: help@example.test\n"),
	                 0);
	assert_int_equal(f->cfg.var_count, 3);
	assert_string_equal(f->cfg.vars[0].name, "agency");
	assert_string_equal(f->cfg.vars[1].name, "email");
	assert_string_equal(f->cfg.vars[2].name, "local_hotline");
	assert_string_equal(kg_config_var(&f->cfg, "local_hotline"), "555-0100");
	assert_string_equal(kg_config_var(&f->cfg, "agency"), "City Office");
	assert_string_equal(kg_config_var(&f->cfg, "email"), "help@example.test");
	assert_null(kg_config_var(&f->cfg, "missing"));
	assert_null(kg_config_var(&f->cfg, "Agency"));
}

static void var_must_be_text(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "languages: [en]\nvars:\n  phones: [1, 2]\n"), -1);
	assert_error_at(f, 3, 11, "'phones' must be a text value");
}

/* ---- The output folder ------------------------------------------------- */

static void output_folder_must_stay_inside_the_kit(void **state)
{
	fixture *f = *state;
	const char *bad[] = {"..",        "../out", "/abs",    "content", "locales",
	                     "templates", "a/b",    ".hidden", "\"\""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[128];
		snprintf(text, sizeof(text), "languages: [en]\noutput: %s\n", bad[i]);
		assert_int_equal(load(f, text), -1);
		assert_error_at(f, 2, 9, "'output' must be a plain folder name inside the kit");
	}
	assert_int_equal(load(f, "languages: [en]\noutput: public\n"), 0);
	assert_string_equal(f->cfg.output_dir, "public");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(minimal_kit_gets_defaults),
	    T(base_url_gets_a_trailing_slash),
	    T(settings_are_read),
	    T(missing_file_is_an_error),
	    T(unknown_key_suggests_the_closest),
	    T(unknown_language_key_suggests_the_closest),
	    T(wrong_types_are_errors),
	    T(paper_choice_suggests_a_valid_size),
	    T(missing_languages_is_an_error),
	    T(invalid_yaml_is_an_error),
	    T(language_can_be_a_plain_tag_or_a_map),
	    T(non_canonical_tag_gives_the_canonical_form),
	    T(posix_locale_name_suggests_a_tag),
	    T(garbage_tag_gives_examples),
	    T(language_without_tag_is_an_error),
	    T(duplicate_language_names_the_first_line),
	    T(source_language_must_be_listed),
	    T(status_is_draft_except_for_the_source),
	    T(explicit_draft_source_stays_draft),
	    T(bad_status_suggests_a_valid_one),
	    T(endonyms_come_from_icu),
	    T(language_without_cldr_data_uses_kit_name),
	    T(named_language_without_cldr_data_warns_only_about_plurals),
	    T(language_without_cldr_data_or_name_warns),
	    T(urdu_is_right_to_left),
	    T(direction_can_be_overridden),
	    T(vars_are_sorted_and_found_by_name),
	    T(var_must_be_text),
	    T(output_folder_must_stay_inside_the_kit),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
