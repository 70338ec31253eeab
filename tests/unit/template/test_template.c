/* test_template.c: the template language, end to end through the public
 * API: parsing errors with positions, escaping, control flow, includes,
 * translation calls with a fake translator, and hostile input. */
#include "kitgen/template/template.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

/* ---- Helpers ----------------------------------------------------------- */

/* Adds name/text pairs (NULL-terminated) to a new set and checks it. */
static kg_templates *make_set(kg_diags *d, ...)
{
	kg_templates *set = kg_templates_new("templates");
	va_list ap;
	va_start(ap, d);
	const char *name;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *text = va_arg(ap, const char *);
		kg_templates_add_string(set, name, text, strlen(text), d);
	}
	va_end(ap);
	kg_templates_check(set, d);
	return set;
}

/* Renders one template that must parse; returns the output (caller frees)
 * or NULL when rendering failed. */
static char *render_with(const char *text, const kg_val *ctx, const kg_translator *tr)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = make_set(&d, "page.html", text, NULL);
	assert_int_equal(d.count, 0);
	kg_buf out = KG_BUF_INIT;
	int rc = kg_templates_render(set, "page.html", ctx, tr, &out, &d);
	kg_templates_free(set);
	kg_diags_release(&d);
	if (rc < 0) {
		kg_buf_release(&out);
		return NULL;
	}
	return kg_buf_detach(&out, NULL);
}

static void assert_renders(const char *text, const kg_val *ctx, const kg_translator *tr, const char *expected)
{
	char *got = render_with(text, ctx, tr);
	assert_non_null(got);
	assert_string_equal(got, expected);
	free(got);
}

/* Parses text as page.html and expects exactly one error. */
static void assert_parse_error(const char *text, int line, int col, const char *message)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = make_set(&d, "page.html", text, NULL);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, KG_ERROR);
	assert_string_equal(d.items[0].file, "templates/page.html");
	assert_string_equal(d.items[0].message, message);
	assert_int_equal(d.items[0].line, line);
	assert_int_equal(d.items[0].col, col);
	kg_templates_free(set);
	kg_diags_release(&d);
}

static kg_val *sample_ctx(void)
{
	kg_val *ctx = kg_val_map();
	kg_val *page = kg_val_map();
	kg_val_set_str(page, "title", "Fish & Chips <1>");
	kg_val_set_html(page, "body", "<p>Hello</p>");
	kg_val_set_int(page, "count", 3);
	kg_val_set_bool(page, "draft", 0);
	kg_val_set_str(page, "empty", "");
	kg_val *tags = kg_val_list();
	kg_val_push(tags, kg_val_str("a"));
	kg_val_push(tags, kg_val_str("b"));
	kg_val_push(tags, kg_val_str("c"));
	kg_val_set(page, "tags", tags);
	kg_val_set(page, "none", kg_val_list());
	kg_val_set(ctx, "page", page);
	kg_val_set_str(ctx, "user", "<b>");
	kg_val_set_html(ctx, "link", "<a href=\"/x\">x</a>");
	return ctx;
}

/* A translator with canned German answers; it counts its calls so tests
 * can see it was really consulted. */
struct fake_catalog {
	int calls;
	unsigned long last_n;
};

static const char *fake_gettext(void *ctx, const char *msgctxt, const char *msgid)
{
	struct fake_catalog *cat = ctx;
	cat->calls++;
	if (msgctxt && strcmp(msgctxt, "menu") == 0 && strcmp(msgid, "Home") == 0)
		return "Startseite";
	if (!msgctxt && strcmp(msgid, "Home") == 0)
		return "Heim";
	if (!msgctxt && strcmp(msgid, "Read more") == 0)
		return "Weiterlesen";
	if (!msgctxt && strcmp(msgid, "Hi {name}") == 0)
		return "Hallo {name} {unknown}";
	if (!msgctxt && strcmp(msgid, "Danger") == 0)
		return "<script>alert(1)</script>";
	return NULL;
}

static const char *fake_ngettext(void *ctx, const char *msgctxt, const char *msgid, const char *msgid_plural,
                                 unsigned long n)
{
	struct fake_catalog *cat = ctx;
	(void)msgctxt;
	(void)msgid_plural;
	cat->calls++;
	cat->last_n = n;
	if (strcmp(msgid, "{n} module") == 0)
		return n == 1 ? "{n} Modul" : "{n} Module";
	return NULL;
}

/* Groups thousands with '.', as German does, so tests can tell it was used. */
static void fake_format_int(void *ctx, long long n, kg_buf *out)
{
	(void)ctx;
	if (n >= 1000)
		kg_buf_printf(out, "%lld.%03lld", n / 1000, n % 1000);
	else
		kg_buf_printf(out, "%lld", n);
}

static kg_translator fake_translator(struct fake_catalog *cat)
{
	kg_translator tr = {fake_gettext, fake_ngettext, fake_format_int, NULL, cat};
	return tr;
}

/* ---- Output and escaping ----------------------------------------------- */

static void strings_are_escaped_html_values_are_not(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("<h1>{{ page.title }}</h1>{{ page.body }}", ctx, NULL,
	               "<h1>Fish &amp; Chips &lt;1&gt;</h1><p>Hello</p>");
	assert_renders("{{ \"<i>\\\"q\\\"\\\\</i>\" }}", ctx, NULL, "&lt;i&gt;&quot;q&quot;\\&lt;/i&gt;");
	kg_val_unref(ctx);
}

static void scalars_print_as_text_and_missing_values_print_nothing(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("[{{ page.count }}|{{ page.draft }}|{{ true }}|{{ -42 }}|{{ page.nope }}|"
	               "{{ nope.deeper.still }}]",
	               ctx, NULL, "[3|false|true|-42||]");
	assert_renders("{{ 1 == 1 }} {{ page.title == \"x\" }}", ctx, NULL, "true false");
	kg_val_unref(ctx);
}

static void default_filter_replaces_falsy_values(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("{{ page.empty | default \"none\" }}/{{ page.missing | default page.count }}/"
	               "{{ page.title | default \"x\" }}",
	               ctx, NULL, "none/3/Fish &amp; Chips &lt;1&gt;");
	kg_val_unref(ctx);
}

static void len_counts_code_points_and_items(void **state)
{
	(void)state;
	kg_val *ctx = kg_val_map();
	kg_val_set_str(ctx, "word", "Grüße");
	kg_val *list = kg_val_list();
	kg_val_push(list, kg_val_int(1));
	kg_val_push(list, kg_val_int(2));
	kg_val_set(ctx, "list", list);
	assert_renders("{{ word | len }} {{ list | len }} {{ missing | len }} {{ \"\" | len }}", ctx, NULL,
	               "5 2 0 0");
	kg_val_unref(ctx);
}

/* Writes "[lang]" and the text, escaped: tests can see the hook ran, with
 * which language, and that it owns the escaping. */
static void fake_text_html(void *ctx, const char *text, size_t len, const char *lang, kg_buf *out)
{
	(void)ctx;
	kg_buf_printf(out, "[%s]", lang);
	kg_buf_add_html(out, text, len);
}

static void page_text_writes_through_the_hook_or_escapes(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	kg_val_set_str(ctx, "km", "km");
	struct fake_catalog cat = {0, 0};
	kg_translator tr = fake_translator(&cat);
	tr.text_html = fake_text_html;
	/* the hook, with the language; HTML values and nothing pass through */
	assert_renders(
	    "{{ page.title | page_text km }}|{{ page.body | page_text km }}|{{ page.missing | page_text km }}"
	    "|{{ user | page_text \"ur\" }}|{{ user | page_text page.missing }}",
	    ctx, &tr, "[km]Fish &amp; Chips &lt;1&gt;|<p>Hello</p>||[ur]&lt;b&gt;|[]&lt;b&gt;");
	/* no hook: escaped, as {{ x }} */
	assert_renders("{{ page.title | page_text km }}", ctx, NULL, "Fish &amp; Chips &lt;1&gt;");
	/* the result is HTML: default keeps it, len counts it */
	assert_renders("{{ page.empty | page_text km | default \"-\" }}", ctx, &tr, "[km]");
	assert_null(render_with("{{ page.tags | page_text km }}", ctx, &tr));
	assert_null(render_with("{{ page.title | page_text page.tags }}", ctx, &tr));
	assert_parse_error("{{ page.title | page_text }}", 1, 27, "expected a value, found '}}'");
	kg_val_unref(ctx);
}

static void outputting_a_list_is_an_error_at_its_position(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = make_set(&d, "page.html", "ok\n  x {{ page.tags }}", NULL);
	assert_int_equal(d.count, 0);
	kg_buf out = KG_BUF_INIT;
	kg_buf_puts(&out, "before;");
	assert_int_equal(kg_templates_render(set, "page.html", ctx, NULL, &out, &d), -1);
	assert_string_equal(out.data, "before;"); /* nothing half-rendered is left */
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, "templates/page.html");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 8);
	assert_string_equal(d.items[0].message, "cannot output 'page.tags': it is a list");
	kg_buf_release(&out);
	kg_templates_free(set);
	kg_diags_release(&d);
	kg_val_unref(ctx);
}

/* ---- Control flow ------------------------------------------------------ */

static void if_elif_else_picks_the_first_true_branch(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	const char *tpl = "{% if page.count == 1 %}one{% elif page.count == 3 %}three"
	                  "{% elif true %}late{% else %}other{% end %}";
	assert_renders(tpl, ctx, NULL, "three");
	assert_renders("{% if page.draft %}d{% elif page.none %}n{% else %}else{% end %}", ctx, NULL, "else");
	assert_renders("{% if not page.draft and (page.count != 2 or false) %}yes{% end %}", ctx, NULL,
	               "yes");
	assert_renders("{% if page.draft or not page.tags %}yes{% else %}no{% end %}", ctx, NULL, "no");
	assert_renders("{% if page.title == \"Fish & Chips <1>\" %}same{% end %}", ctx, NULL, "same");
	kg_val_unref(ctx);
}

static void for_exposes_loop_variables_and_else_runs_when_empty(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("{% for t in page.tags %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.length }}"
	               "{% if loop.first %}F{% end %}{% if loop.last %}L{% end %}={{ t }};"
	               "{% else %}none{% end %}",
	               ctx, NULL, "1/0/3F=a;2/1/3=b;3/2/3L=c;");
	assert_renders("{% for t in page.none %}x{% else %}empty{% end %}", ctx, NULL, "empty");
	assert_renders("{% for t in page.missing %}x{% else %}missing{% end %}", ctx, NULL, "missing");
	kg_val_unref(ctx);
}

static void nested_loops_each_get_their_own_loop(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("{% for a in page.tags %}{% for b in page.tags %}"
	               "{% if loop.index == 2 %}{{ a }}{{ b }}:{{ loop.length }} {% end %}"
	               "{% end %}{{ loop.index }};{% end %}",
	               ctx, NULL, "ab:3 1;bb:3 2;cb:3 3;");
	kg_val_unref(ctx);
}

static void for_over_a_map_binds_key_and_value(void **state)
{
	(void)state;
	kg_val *ctx = kg_val_map();
	kg_val *langs = kg_val_map();
	kg_val_set_str(langs, "de", "Deutsch");
	kg_val_set_str(langs, "fr", "Fran<ais");
	kg_val_set(ctx, "langs", langs);
	assert_renders("{% for l in langs %}{{ l.key }}={{ l.value }}{% if not loop.last %},"
	               "{% end %}{% end %}",
	               ctx, NULL, "de=Deutsch,fr=Fran&lt;ais");
	kg_val_unref(ctx);
}

static void set_binds_in_the_current_scope_only(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("{% set x = page.count %}{{ x }}"
	               "{% for t in page.tags %}{% set x = t %}{{ x }}{% end %}{{ x }}",
	               ctx, NULL, "3abc3");
	kg_val_unref(ctx);
}

static void iterating_over_a_string_is_an_error(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	char *got = render_with("{% for c in page.title %}{{ c }}{% end %}", ctx, NULL);
	assert_null(got);
	kg_val_unref(ctx);
}

/* ---- Includes ---------------------------------------------------------- */

static void include_renders_a_partial_with_the_current_scope(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = make_set(&d, "page.html",
	                             "{% for t in page.tags %}{% include \"partials/tag.html\" %}"
	                             "{% end %}",
	                             "partials/tag.html", "<{{ t }}@{{ loop.index }}>", NULL);
	assert_int_equal(d.count, 0);
	assert_true(kg_templates_has(set, "partials/tag.html"));
	assert_false(kg_templates_has(set, "partials/none.html"));
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_templates_render(set, "page.html", ctx, NULL, &out, &d), 0);
	assert_string_equal(out.data, "<a@1><b@2><c@3>");
	kg_buf_release(&out);
	kg_templates_free(set);
	kg_diags_release(&d);
	kg_val_unref(ctx);
}

static void uses_key_follows_expressions_loops_and_includes(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set =
	    make_set(&d, "status.html",
	             "{% for l in status %}{{ l.name }}{% include \"partials/rows.html\" %}{% end %}",
	             "partials/rows.html", "{% for p in l.pages %}{{ p.path }}{% end %}", "plain.html",
	             "{% if l.draft %}{{ t \"pages\" }}{% end %}{{ n | default pages2 }}", "counted.html",
	             "{{ tn \"one\" \"many\" l.pages | len }}", NULL);
	assert_int_equal(d.count, 0);
	assert_true(kg_templates_uses_key(set, "status.html", "pages")); /* through the include */
	assert_true(kg_templates_uses_key(set, "status.html", "name"));
	assert_true(kg_templates_uses_key(set, "counted.html", "pages")); /* a tn count */
	/* Text and message ids are not keys; pages2 is another key. */
	assert_false(kg_templates_uses_key(set, "plain.html", "pages"));
	assert_false(kg_templates_uses_key(set, "missing.html", "pages"));
	kg_templates_free(set);
	kg_diags_release(&d);
}

static void missing_partial_is_reported_at_the_include_tag(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = make_set(&d, "page.html", "<nav>\n   {% include \"partials/x.html\" %}", NULL);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, "templates/page.html");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 4);
	assert_string_equal(d.items[0].message, "missing partial 'partials/x.html'");
	kg_templates_free(set);
	kg_diags_release(&d);
}

static void include_cycles_are_reported_with_their_path(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set =
	    make_set(&d, "a.html", "{% include \"b.html\" %}", "b.html", "x\n{% include \"a.html\" %}",
	             "self.html", "{% if false %}{% include \"self.html\" %}{% end %}", NULL);
	assert_int_equal(d.count, 2);
	assert_int_equal(kg_templates_check(set, &d), -1);
	assert_string_equal(d.items[0].file, "templates/b.html");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 1);
	assert_string_equal(d.items[0].message, "include cycle: a.html -> b.html -> a.html");
	assert_string_equal(d.items[1].file, "templates/self.html");
	assert_string_equal(d.items[1].message, "include cycle: self.html -> self.html");
	kg_templates_free(set);
	kg_diags_release(&d);
}

static void includes_deeper_than_the_limit_fail_at_render_time(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = kg_templates_new("templates");
	char name[32], text[64];
	for (int i = 0; i < 20; i++) { /* a chain, not a cycle: check accepts it */
		snprintf(name, sizeof(name), "p%02d.html", i);
		snprintf(text, sizeof(text), "%d{%% include \"p%02d.html\" %%}", i, i + 1);
		kg_templates_add_string(set, name, text, strlen(text), &d);
	}
	kg_templates_add_string(set, "p20.html", "end", 3, &d);
	assert_int_equal(kg_templates_check(set, &d), 0);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_templates_render(set, "p05.html", NULL, NULL, &out, &d), 0);
	assert_string_equal(out.data, "5678910111213141516171819end");
	kg_buf_reset(&out);
	assert_int_equal(kg_templates_render(set, "p00.html", NULL, NULL, &out, &d), -1);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "includes nested more than 16 deep");
	kg_buf_release(&out);
	kg_templates_free(set);
	kg_diags_release(&d);
}

/* ---- Syntax errors ----------------------------------------------------- */

static void unclosed_block_reports_where_it_was_opened(void **state)
{
	(void)state;
	assert_parse_error("line one\n  {% for x in xs %}\n{{ x }}\n", 4, 1,
	                   "'{% for %}' opened at 2:3 is never closed with '{% end %}'");
	assert_parse_error("{% if a %}{% for x in xs %}{% end %}", 1, 37,
	                   "'{% if %}' opened at 1:1 is never closed with '{% end %}'");
}

static void unclosed_tags_are_reported_at_their_start(void **state)
{
	(void)state;
	assert_parse_error("a\nb {{ page.title ", 2, 3, "unclosed '{{'");
	assert_parse_error("{% if x ", 1, 1, "unclosed '{%'");
	assert_parse_error("x {# note", 1, 3, "unclosed '{#'");
	assert_parse_error("{{ \"abc }}", 1, 4, "unterminated string");
	assert_parse_error("{{ x %}", 1, 6, "expected '}}', found '%}'");
}

static void misplaced_else_and_end_are_errors(void **state)
{
	(void)state;
	assert_parse_error("a\n{% else %}", 2, 1, "unexpected '{% else %}'");
	assert_parse_error("{% end %}", 1, 1, "unexpected '{% end %}'");
	assert_parse_error("{% for x in y %}{% elif z %}{% end %}", 1, 17, "unexpected '{% elif %}'");
	assert_parse_error("{% if a %}{% else %}{% else %}{% end %}", 1, 21, "unexpected '{% else %}'");
}

static void unknown_tag_suggests_the_closest_one(void **state)
{
	(void)state;
	assert_parse_error("{% iff x %}{% end %}", 1, 4, "unknown tag 'iff'; did you mean 'if'?");
	assert_parse_error("{% endfor %}", 1, 4, "unknown tag 'endfor'");
	assert_parse_error("{% incldue \"x\" %}", 1, 4, "unknown tag 'incldue'; did you mean 'include'?");
	assert_parse_error("{% x %}", 1, 4, "unknown tag 'x'");
	assert_parse_error("{{ a | lenn }}", 1, 8, "unknown filter 'lenn'; did you mean 'len'?");
}

static void invalid_utf8_is_reported_at_its_byte(void **state)
{
	(void)state;
	assert_parse_error("ok\nab\xc3(", 2, 3, "invalid utf-8 (byte 0xc3)");
	assert_parse_error("\xed\xa0\x80", 1, 1, "invalid utf-8 (byte 0xed)"); /* a surrogate */
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = kg_templates_new("templates");
	assert_int_equal(kg_templates_add_string(set, "n.html", "a\0b", 3, &d), -1);
	assert_string_equal(d.items[0].message, "nul byte in template");
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_templates_render(set, "n.html", NULL, NULL, &out, &d), -1);
	kg_buf_release(&out);
	kg_templates_free(set);
	kg_diags_release(&d);
}

static void deep_nesting_is_an_error_not_a_crash(void **state)
{
	(void)state;
	kg_buf text = KG_BUF_INIT;
	for (int i = 0; i < 100; i++)
		kg_buf_puts(&text, "{% if true %}");
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = make_set(&d, "page.html", text.data, NULL);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "blocks nested more than 64 deep");
	assert_int_equal(d.items[0].col, 1 + 64 * 13);
	kg_templates_free(set);
	kg_diags_release(&d);

	/* each a long run of one piece between a head and a tail */
	const char *runs[][3] = {{"", "(", "x"},
	                         {"", "not ", "x"},
	                         {"", "x or ", "x"},
	                         {"x", " | len", ""},
	                         {"x", " | default x", ""}};
	for (size_t p = 0; p < sizeof(runs) / sizeof(runs[0]); p++) {
		kg_buf_reset(&text);
		kg_buf_printf(&text, "{{ %s", runs[p][0]);
		for (int i = 0; i < 100000; i++)
			kg_buf_puts(&text, runs[p][1]);
		kg_buf_printf(&text, "%s }}", runs[p][2]);
		kg_diags_init(&d);
		set = make_set(&d, "page.html", text.data, NULL);
		assert_int_equal(d.count, 1);
		assert_string_equal(d.items[0].message, "expression nested more than 64 deep");
		kg_templates_free(set);
		kg_diags_release(&d);
	}
	kg_buf_release(&text);

	/* just under the limits still works */
	assert_renders("{% if true %}{% if true %}{% if true %}deep{% end %}{% end %}{% end %}", NULL, NULL,
	               "deep");
	assert_renders("{{ ((((1)))) }}", NULL, NULL, "1");
}

/* ---- Whitespace and comments ------------------------------------------- */

static void whitespace_control_trims_the_marked_side(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("<ul>\n  {%- for t in page.tags -%}\n  <li>{{- t -}}  </li>\n"
	               "  {%- end %}\n</ul>",
	               ctx, NULL, "<ul><li>a</li><li>b</li><li>c</li>\n</ul>");
	assert_renders("a  {{ page.count }}  b", ctx, NULL, "a  3  b");
	assert_renders("a \n {{- page.count }} \n b", ctx, NULL, "a3 \n b");
	assert_renders("a \n {{ page.count -}} \n b", ctx, NULL, "a \n 3b");
	assert_renders("a {#- note -#}\n b", ctx, NULL, "ab");
	kg_val_unref(ctx);
}

static void comments_produce_nothing(void **state)
{
	(void)state;
	assert_renders("a{# {{ not parsed }} {% if %} #}b", NULL, NULL, "ab");
}

/* ---- Translation calls ------------------------------------------------- */

static void t_and_tc_use_the_translator_or_fall_back_to_the_source(void **state)
{
	(void)state;
	struct fake_catalog cat = {0, 0};
	kg_translator tr = fake_translator(&cat);
	const char *tpl = "{{ t \"Read more\" }}|{{ tc \"menu\" \"Home\" }}|{{ t \"Home\" }}|"
	                  "{{ t \"Untranslated & new\" }}";
	assert_renders(tpl, NULL, &tr, "Weiterlesen|Startseite|Heim|Untranslated &amp; new");
	assert_int_equal(cat.calls, 4);
	assert_renders(tpl, NULL, NULL, "Read more|Home|Home|Untranslated &amp; new");
}

static void tn_picks_the_plural_form_and_formats_the_count(void **state)
{
	(void)state;
	struct fake_catalog cat = {0, 0};
	kg_translator tr = fake_translator(&cat);
	kg_val *ctx = kg_val_map();
	kg_val_set_int(ctx, "one", 1);
	kg_val_set_int(ctx, "many", 1234);
	assert_renders("{{ tn \"{n} module\" \"{n} modules\" one }}, "
	               "{{ tn \"{n} module\" \"{n} modules\" many }}",
	               ctx, &tr, "1 Modul, 1.234 Module");
	assert_int_equal(cat.last_n, 1234);
	assert_renders("{{ tn \"{n} module\" \"{n} modules\" one }}, "
	               "{{ tn \"{n} module\" \"{n} modules\" many }}, "
	               "{{ tn \"{n} module\" \"{n} modules\" 0 }}",
	               ctx, NULL, "1 module, 1234 modules, 0 modules");
	char *got = render_with("{{ tn \"{n} x\" \"{n} xs\" \"3\" }}", ctx, NULL);
	assert_null(got); /* the count must be an integer */
	kg_val_unref(ctx);
}

static void placeholder_values_are_escaped_unless_html(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	assert_renders("{{ t \"Hi {name}\" name=user }}", ctx, NULL, "Hi &lt;b&gt;");
	assert_renders("{{ t \"See {link} or {other} {name}\" link=link other=page.count }}", ctx, NULL,
	               "See <a href=\"/x\">x</a> or 3 {name}");
	struct fake_catalog cat = {0, 0};
	kg_translator tr = fake_translator(&cat);
	/* a translation's unknown placeholder stays, literally */
	assert_renders("{{ t \"Hi {name}\" name=user }}", ctx, &tr, "Hallo &lt;b&gt; {unknown}");
	kg_val_unref(ctx);
}

static void translated_markup_is_escaped(void **state)
{
	(void)state;
	struct fake_catalog cat = {0, 0};
	kg_translator tr = fake_translator(&cat);
	assert_renders("{{ t \"Danger\" }}", NULL, &tr, "&lt;script&gt;alert(1)&lt;/script&gt;");
}

static void translation_calls_are_checked_when_parsed(void **state)
{
	(void)state;
	assert_parse_error("{{ t \"\" }}", 1, 6, "translatable strings cannot be empty");
	assert_parse_error("{{ tn \"a\" \"b\" c n=1 }}", 1, 17,
	                   "argument 'n' is the count of 'tn' and cannot be set");
	assert_parse_error("{{ t \"{a}\" a=1 a=2 }}", 1, 16, "argument 'a' given twice");
	assert_parse_error("{{ tc \"ctx\" }}", 1, 13, "expected a string, found '}}'");
	/* a bare t is just a variable */
	kg_val *ctx = kg_val_map();
	kg_val_set_str(ctx, "t", "tee");
	assert_renders("{{ t }}", ctx, NULL, "tee");
	kg_val_unref(ctx);
}

struct seen {
	kg_buf log;
	int stop_after;
	int calls;
};

static int record_message(void *ud, const char *file, int line, const char *msgctxt, const char *msgid,
                          const char *msgid_plural)
{
	struct seen *s = ud;
	kg_buf_printf(&s->log, "%s:%d:%s:%s:%s\n", file, line, msgctxt ? msgctxt : "-", msgid,
	              msgid_plural ? msgid_plural : "-");
	return ++s->calls == s->stop_after ? 7 : 0;
}

static void each_message_lists_calls_by_template_then_position(void **state)
{
	(void)state;
	kg_diags d;
	kg_diags_init(&d);
	/* added out of order on purpose */
	kg_templates *set = make_set(&d, "z.html", "{{ t \"Last\" }}", "a.html",
	                             "{% if x %}\n{{ t \"Second\" }}{% end %}\n"
	                             "{{ tn \"{n} page\" \"{n} pages\" n }}",
	                             "m.html", "{{ tc \"menu\" \"Home\" }}", NULL);
	assert_int_equal(d.count, 0);
	struct seen s = {KG_BUF_INIT, 0, 0};
	assert_int_equal(kg_templates_each_message(set, record_message, &s), 0);
	assert_string_equal(s.log.data, "templates/a.html:2:-:Second:-\n"
	                                "templates/a.html:3:-:{n} page:{n} pages\n"
	                                "templates/m.html:1:menu:Home:-\n"
	                                "templates/z.html:1:-:Last:-\n");
	kg_buf_reset(&s.log);
	s.calls = 0;
	s.stop_after = 2;
	assert_int_equal(kg_templates_each_message(set, record_message, &s), 7);
	assert_int_equal(s.calls, 2);
	kg_buf_release(&s.log);
	kg_templates_free(set);
	kg_diags_release(&d);
}

/* ---- Loading and threads ----------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A theme's templates: the built-in ones, overridden and added to by the
 * kit's templates/ folder; assets are not templates. */
static void a_theme_gives_builtin_templates_with_the_kit_s_overrides(void **state)
{
	(void)state;
	char dir[] = "/tmp/kitgen-tmpl-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char sub[600];
	snprintf(sub, sizeof(sub), "%s/templates", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/templates/partials", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/templates/assets", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_file(dir, "templates/page.html", "[{% include \"partials/nav.html\" %}]");
	write_file(dir, "templates/partials/nav.html", "nav {{ t \"Menu\" }}");
	write_file(dir, "templates/assets/broken.html", "{% if %}");

	kg_diags d;
	kg_diags_init(&d);
	kg_theme theme;
	assert_int_equal(kg_theme_load(&theme, dir, &d), 0);
	kg_templates *set = NULL;
	assert_int_equal(kg_templates_load_theme(&set, &theme, &d), 0);
	assert_int_equal(d.count, 0);
	assert_true(kg_templates_has(set, "page.html"));
	assert_true(kg_templates_has(set, "partials/nav.html"));
	assert_true(kg_templates_has(set, "section.html")); /* built in */
	assert_false(kg_templates_has(set, "assets/broken.html"));
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_templates_render(set, "page.html", NULL, NULL, &out, &d), 0);
	assert_string_equal(out.data, "[nav Menu]");
	kg_buf_release(&out);
	kg_templates_free(set);
	kg_theme_release(&theme);

	write_file(dir, "templates/bad.html", "{% for x in y %}");
	assert_int_equal(kg_theme_load(&theme, dir, &d), 0);
	assert_int_equal(kg_templates_load_theme(&set, &theme, &d), -1);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, "templates/bad.html");
	kg_templates_free(set);
	kg_theme_release(&theme);
	kg_diags_release(&d);

	const char *files[] = {"templates/assets/broken.html",
	                       "templates/partials/nav.html",
	                       "templates/page.html",
	                       "templates/bad.html",
	                       "templates/partials",
	                       "templates/assets",
	                       "templates"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[700];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		assert_int_equal(remove(path), 0);
	}
	assert_int_equal(rmdir(dir), 0);
}

struct thread_job {
	const kg_templates *set;
	const kg_val *ctx;
	int failures;
};

static void *render_many(void *arg)
{
	struct thread_job *job = arg;
	kg_diags d;
	kg_diags_init(&d);
	for (int i = 0; i < 200; i++) {
		kg_buf out = KG_BUF_INIT;
		if (kg_templates_render(job->set, "page.html", job->ctx, NULL, &out, &d) < 0 ||
		    strcmp(out.data, "1a,2b,3c,|&lt;b&gt;") != 0)
			job->failures++;
		kg_buf_release(&out);
	}
	kg_diags_release(&d);
	return NULL;
}

static void one_set_renders_from_many_threads(void **state)
{
	(void)state;
	kg_val *ctx = sample_ctx();
	kg_diags d;
	kg_diags_init(&d);
	kg_templates *set = make_set(&d, "page.html",
	                             "{% for t in page.tags %}{% set x = t %}{% include \"p.html\" %}"
	                             "{% end %}|{{ user }}",
	                             "p.html", "{{ loop.index }}{{ x }},", NULL);
	assert_int_equal(d.count, 0);
	pthread_t threads[4];
	struct thread_job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct thread_job){set, ctx, 0};
		assert_int_equal(pthread_create(&threads[i], NULL, render_many, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(threads[i], NULL);
		assert_int_equal(jobs[i].failures, 0);
	}
	kg_templates_free(set);
	kg_diags_release(&d);
	kg_val_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(strings_are_escaped_html_values_are_not),
	    cmocka_unit_test(scalars_print_as_text_and_missing_values_print_nothing),
	    cmocka_unit_test(default_filter_replaces_falsy_values),
	    cmocka_unit_test(len_counts_code_points_and_items),
	    cmocka_unit_test(page_text_writes_through_the_hook_or_escapes),
	    cmocka_unit_test(outputting_a_list_is_an_error_at_its_position),
	    cmocka_unit_test(if_elif_else_picks_the_first_true_branch),
	    cmocka_unit_test(for_exposes_loop_variables_and_else_runs_when_empty),
	    cmocka_unit_test(nested_loops_each_get_their_own_loop),
	    cmocka_unit_test(for_over_a_map_binds_key_and_value),
	    cmocka_unit_test(set_binds_in_the_current_scope_only),
	    cmocka_unit_test(iterating_over_a_string_is_an_error),
	    cmocka_unit_test(include_renders_a_partial_with_the_current_scope),
	    cmocka_unit_test(missing_partial_is_reported_at_the_include_tag),
	    cmocka_unit_test(include_cycles_are_reported_with_their_path),
	    cmocka_unit_test(includes_deeper_than_the_limit_fail_at_render_time),
	    cmocka_unit_test(unclosed_block_reports_where_it_was_opened),
	    cmocka_unit_test(unclosed_tags_are_reported_at_their_start),
	    cmocka_unit_test(misplaced_else_and_end_are_errors),
	    cmocka_unit_test(unknown_tag_suggests_the_closest_one),
	    cmocka_unit_test(invalid_utf8_is_reported_at_its_byte),
	    cmocka_unit_test(deep_nesting_is_an_error_not_a_crash),
	    cmocka_unit_test(whitespace_control_trims_the_marked_side),
	    cmocka_unit_test(comments_produce_nothing),
	    cmocka_unit_test(t_and_tc_use_the_translator_or_fall_back_to_the_source),
	    cmocka_unit_test(tn_picks_the_plural_form_and_formats_the_count),
	    cmocka_unit_test(placeholder_values_are_escaped_unless_html),
	    cmocka_unit_test(translated_markup_is_escaped),
	    cmocka_unit_test(translation_calls_are_checked_when_parsed),
	    cmocka_unit_test(each_message_lists_calls_by_template_then_position),
	    cmocka_unit_test(a_theme_gives_builtin_templates_with_the_kit_s_overrides),
	    cmocka_unit_test(one_set_renders_from_many_threads),
	    cmocka_unit_test(uses_key_follows_expressions_loops_and_includes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
