/* test_html.c: kitgen's HTML renderer — relative URLs between pages at
 * every depth, the unsafe-scheme filter, and rendering a page of a small
 * kit written to a temporary folder: heading ids, placeholders (filled and
 * escaped), .md links rewritten, unsafe links and raw HTML dropped with
 * errors, fallback blocks marked with lang/dir. */
#include "kitgen/render/html.h"
#include "kitgen/base/url.h"

#include "kitgen/i18n/localize.h"
#include "kitgen/output/outdir.h"
#include "kitgen/i18n/segment.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

static void assert_prefix(const char *rel, const char *expected)
{
	kg_buf b = KG_BUF_INIT;
	kg_html_root_prefix(rel, &b);
	assert_string_equal(b.data, expected);
	kg_buf_release(&b);
}

static void assert_page_url(const char *from, const char *lang, const char *to, int index_links,
                            const char *expected)
{
	kg_buf b = KG_BUF_INIT;
	kg_html_page_url(from, lang, to, index_links, &b);
	assert_string_equal(b.data, expected);
	kg_buf_release(&b);
}

static void write_file(const char *dir, const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (char *p = strchr(path + strlen(dir) + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

typedef struct fixture {
	char dir[64];
	kg_kit kit;
	kg_diags diags;
} fixture;

static const char page_text[] =
    "---\n"                                                                  /* 1 */
    "title: Staying calm\n"                                                  /* 2 */
    "---\n"                                                                  /* 3 */
    "# Stay calm\n"                                                          /* 4 */
    "\n"                                                                     /* 5 */
    "Call {{ hotline }} or {{ unknown }}; ask {{ agency }} & wait.\n"        /* 6 */
    "\n"                                                                     /* 7 */
    "See [help](other.md#help), [home](../_index.md), [guide](_index.md).\n" /* 8 */
    "\n"                                                                     /* 9 */
    "[bad](javascript:alert(1)) and <b>bold</b>.\n"                          /* 10 */
    "\n"                                                                     /* 11 */
    "<div>block</div>\n"                                                     /* 12 */
    "\n"                                                                     /* 13 */
    "![A pair](../images/pair.svg \"Two\")\n"                                /* 14 */
    "\n"                                                                     /* 15 */
    "## Stay calm\n"                                                         /* 16 */
    "\n"                                                                     /* 17 */
    "[web](https://example.test/?a=1&b=2) [missing](nowhere.md)\n";          /* 18 */

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/kitgen-test-html-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	write_file(f->dir, "kit.yaml",
	           "title: Test\n"
	           "languages: [en, ur]\n"
	           "vars:\n"
	           "  hotline: \"555-0100\"\n"
	           "  agency: \"City \\\"Hall\\\" & Co <2>\"\n");
	write_file(f->dir, "content/_index.md", "---\ntitle: Home\n---\nHome.\n");
	write_file(f->dir, "content/guide/_index.md", "---\ntitle: Guide\n---\nGuide.\n");
	write_file(f->dir, "content/guide/other.md", "---\ntitle: Other\n---\n## Help\n");
	write_file(f->dir, "content/guide/page.md", page_text);
	write_file(f->dir, "content/images/pair.svg", "<svg/>");
	kg_diags_init(&f->diags);
	if (kg_kit_load(&f->kit, f->dir, &f->diags) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	kg_kit_free(&f->kit);
	kg_diags_release(&f->diags);
	kg_remove_tree(f->dir);
	free(f);
	return 0;
}

/* Renders guide/page in lang; returns the HTML (caller frees). */
static char *render_page(fixture *f, const char *lang, int is_source, int index_links, kg_val *toc)
{
	const kg_page *page = kg_kit_find_page(&f->kit, "guide/page");
	assert_non_null(page);
	kg_page_units units;
	kg_page_units_compute(page, "en", &units);
	kg_localized loc;
	assert_int_equal(kg_localize(page, &units, NULL, NULL, "en", is_source, NULL, &loc, &f->diags), 0);
	kg_placeholders vars;
	kg_placeholders_init(&vars, &f->kit.config, NULL);
	kg_html_context ctx = {
	    .kit = &f->kit,
	    .page = page,
	    .vars = &vars,
	    .lang = lang,
	    .source_tag = "en",
	    .rtl = kg_config_language(&f->kit.config, lang)->rtl,
	    .index_links = index_links,
	    .heading_ids = loc.heading_ids,
	    .heading_count = loc.heading_count,
	    .report = is_source,
	    .diags = &f->diags,
	};
	kg_buf out = KG_BUF_INIT;
	kg_html_render(loc.doc, &ctx, &out, toc);
	kg_placeholders_release(&vars);
	kg_localized_release(&loc);
	kg_page_units_release(&units);
	return kg_buf_detach(&out, NULL);
}

static void assert_contains(const char *html, const char *part)
{
	if (!strstr(html, part))
		fail_msg("missing %s in:\n%s", part, html);
}

static const kg_diag *find_error(const fixture *f, const char *part)
{
	for (size_t i = 0; i < f->diags.count; i++)
		if (f->diags.items[i].severity == KG_ERROR && strstr(f->diags.items[i].message, part))
			return &f->diags.items[i];
	return NULL;
}

/* ---- URLs -------------------------------------------------------------- */

static void root_prefix_climbs_out_of_language_and_page(void **state)
{
	(void)state;
	assert_prefix("", "../");
	assert_prefix("guide", "../../");
	assert_prefix("guide/first", "../../../");
	assert_prefix("a/b/c", "../../../../");
}

static void page_url_is_relative_at_every_depth(void **state)
{
	(void)state;
	assert_page_url("", "vi", "", 0, "../vi/");
	assert_page_url("", "vi", "guide/first", 0, "../vi/guide/first/");
	assert_page_url("guide", "km", "", 0, "../../km/");
	assert_page_url("guide/first", "vi", "guide/second", 0, "../../../vi/guide/second/");
	assert_page_url("a/b/c", "ur", "guide", 0, "../../../../ur/guide/");
}

static void index_links_name_the_file(void **state)
{
	(void)state;
	assert_page_url("", "vi", "", 1, "../vi/index.html");
	assert_page_url("guide", "vi", "guide/first", 1, "../../vi/guide/first/index.html");
	assert_page_url("guide/first", "en", "", 1, "../../../en/index.html");
	assert_page_url("a/b/c", "en", "a", 1, "../../../../en/a/index.html");
}

static void script_schemes_are_unsafe_however_written(void **state)
{
	(void)state;
	assert_true(kg_url_is_unsafe("javascript:alert(1)"));
	assert_true(kg_url_is_unsafe("JaVaScRiPt:alert(1)"));
	assert_true(kg_url_is_unsafe("java\tscript:alert(1)"));
	assert_true(kg_url_is_unsafe(" \njavascript:alert(1)"));
	assert_true(kg_url_is_unsafe("vbscript:msgbox"));
	assert_true(kg_url_is_unsafe("data:text/html;base64,PHNjcmlwdD4="));
	assert_true(kg_url_is_unsafe("file:///etc/passwd"));
}

static void ordinary_urls_are_safe(void **state)
{
	(void)state;
	assert_false(kg_url_is_unsafe("http://example.test/"));
	assert_false(kg_url_is_unsafe("https://example.test/a?b=c"));
	assert_false(kg_url_is_unsafe("HTTPS://example.test/"));
	assert_false(kg_url_is_unsafe("mailto:help@example.test"));
	assert_false(kg_url_is_unsafe("tel:+1-555-0100"));
	assert_false(kg_url_is_unsafe("second.md#help"));
	assert_false(kg_url_is_unsafe("../images/pair.svg"));
	assert_false(kg_url_is_unsafe("#top"));
	assert_false(kg_url_is_unsafe("/abs/path"));
	assert_false(kg_url_is_unsafe("dir/file:with-colon"));
	assert_false(kg_url_is_unsafe(""));
}

/* ---- Placeholders ------------------------------------------------------ */

static void placeholders_are_filled_and_escaped(void **state)
{
	fixture *f = *state;
	kg_buf b = KG_BUF_INIT;
	kg_placeholders vars;
	kg_placeholders_init(&vars, &f->kit.config, NULL);
	kg_fill_placeholders_html(&vars, "Ask {{agency}} at {{ hotline }}, not {{ nobody }} <now>", &b);
	assert_string_equal(b.data,
	                    "Ask City &quot;Hall&quot; &amp; Co &lt;2&gt; at 555-0100, not {{ nobody }} "
	                    "&lt;now&gt;");
	kg_buf_reset(&b);
	kg_fill_placeholders(&vars, "Ask {{agency}} {{ unclosed", &b);
	assert_string_equal(b.data, "Ask City \"Hall\" & Co <2> {{ unclosed");
	kg_placeholders_release(&vars);
	kg_buf_release(&b);
}

/* ---- Rendering --------------------------------------------------------- */

static void headings_get_unique_ids_from_source_text(void **state)
{
	fixture *f = *state;
	kg_val *toc = kg_val_list();
	char *html = render_page(f, "en", 1, 0, toc);
	assert_contains(html, "<h1 id=\"stay-calm\">Stay calm</h1>\n");
	assert_contains(html, "<h2 id=\"stay-calm-2\">Stay calm</h2>\n");
	/* The table of contents lists level 2 and 3 headings only. */
	assert_int_equal(kg_val_len(toc), 1);
	assert_string_equal(kg_val_as_str(kg_val_path(kg_val_at(toc, 0), "id")), "stay-calm-2");
	assert_string_equal(kg_val_as_str(kg_val_path(kg_val_at(toc, 0), "text")), "Stay calm");
	assert_int_equal(kg_val_as_int(kg_val_path(kg_val_at(toc, 0), "level")), 2);
	kg_val_unref(toc);
	free(html);
}

static void placeholders_in_text_are_filled_and_escaped(void **state)
{
	fixture *f = *state;
	char *html = render_page(f, "en", 1, 0, NULL);
	assert_contains(html, "<p>Call <bdi>555-0100</bdi> or {{ unknown }}; ask <bdi>City &quot;Hall&quot; "
	                      "&amp; Co &lt;2&gt;</bdi> &amp; wait.</p>\n");
	/* a name kit.yaml does not have is an error where it is written */
	const kg_diag *d = find_error(f, "unknown placeholder '{{ unknown }}'");
	assert_non_null(d);
	assert_int_equal(d->line, 6);
	free(html);
}

static void md_links_point_at_the_page_in_the_same_language(void **state)
{
	fixture *f = *state;
	char *html = render_page(f, "ur", 0, 0, NULL);
	assert_contains(html, "<a href=\"../../../ur/guide/other/#help\">help</a>");
	assert_contains(html, "<a href=\"../../../ur/\">home</a>");
	assert_contains(html, "<a href=\"../../../ur/guide/\">guide</a>");
	assert_contains(html, "<a href=\"https://example.test/?a=1&amp;b=2\">web</a>");
	free(html);
	html = render_page(f, "en", 1, 1, NULL);
	assert_contains(html, "<a href=\"../../../en/guide/other/index.html#help\">help</a>");
	free(html);
}

static void images_are_relative_to_the_output_root(void **state)
{
	fixture *f = *state;
	char *html = render_page(f, "en", 1, 0, NULL);
	assert_contains(html, "<img src=\"../../../images/pair.svg\" alt=\"A pair\" title=\"Two\" "
	                      "loading=\"lazy\">");
	free(html);
}

static void unsafe_link_is_dropped_with_an_error(void **state)
{
	fixture *f = *state;
	char *html = render_page(f, "en", 1, 0, NULL);
	assert_contains(html, "<a href=\"\">bad</a>");
	assert_null(strstr(html, "javascript"));
	const kg_diag *d =
	    find_error(f, "link uses a URL scheme kitgen does not allow: 'javascript:alert(1)'");
	assert_non_null(d);
	assert_string_equal(d->file, "content/guide/page.md");
	assert_int_equal(d->line, 10);
	free(html);
}

static void raw_html_is_omitted_with_an_error(void **state)
{
	fixture *f = *state;
	char *html = render_page(f, "en", 1, 0, NULL);
	assert_null(strstr(html, "<b>bold"));
	assert_null(strstr(html, "<div>"));
	assert_contains(html, " and <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->.</p>");
	assert_contains(html, "<!-- raw HTML omitted -->\n");
	size_t raw_errors = 0;
	int block_line = 0;
	for (size_t i = 0; i < f->diags.count; i++) {
		if (strstr(f->diags.items[i].message, "raw HTML is not allowed in content")) {
			raw_errors++;
			if (f->diags.items[i].col == 1)
				block_line = f->diags.items[i].line;
		}
	}
	assert_int_equal(raw_errors, 3); /* <b>, </b> and the <div> block */
	assert_int_equal(block_line, 12);
	free(html);
}

static void link_to_a_missing_page_is_an_error(void **state)
{
	fixture *f = *state;
	char *html = render_page(f, "en", 1, 0, NULL);
	assert_non_null(find_error(f, "link to a page that does not exist: 'nowhere.md'"));
	assert_null(find_error(f, "'other.md#help'"));
	free(html);
}

static void other_languages_do_not_report_again(void **state)
{
	fixture *f = *state;
	char *html = render_page(f, "ur", 0, 0, NULL);
	assert_int_equal(f->diags.count, 0);
	free(html);
}

static void fallback_blocks_carry_source_lang_and_direction(void **state)
{
	fixture *f = *state;
	/* No catalog for ur: every unit stays English inside an RTL page. */
	char *html = render_page(f, "ur", 0, 0, NULL);
	assert_contains(html, "<h1 id=\"stay-calm\" lang=\"en\" dir=\"ltr\">Stay calm</h1>");
	assert_contains(html, "<p lang=\"en\" dir=\"ltr\">Call <bdi>555-0100</bdi>");
	free(html);
	html = render_page(f, "en", 1, 0, NULL);
	assert_null(strstr(html, "lang=\"en\""));
	free(html);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(root_prefix_climbs_out_of_language_and_page),
	    cmocka_unit_test(page_url_is_relative_at_every_depth),
	    cmocka_unit_test(index_links_name_the_file),
	    cmocka_unit_test(script_schemes_are_unsafe_however_written),
	    cmocka_unit_test(ordinary_urls_are_safe),
	    T(placeholders_are_filled_and_escaped),
	    T(headings_get_unique_ids_from_source_text),
	    T(placeholders_in_text_are_filled_and_escaped),
	    T(md_links_point_at_the_page_in_the_same_language),
	    T(images_are_relative_to_the_output_root),
	    T(unsafe_link_is_dropped_with_an_error),
	    T(raw_html_is_omitted_with_an_error),
	    T(link_to_a_missing_page_is_an_error),
	    T(other_languages_do_not_report_again),
	    T(fallback_blocks_carry_source_lang_and_direction),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
