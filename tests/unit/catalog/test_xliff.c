/* test_xliff.c: XLIFF 2.0/1.2 export (well-formed, notes, contexts,
 * states), export -> import round trips to the same PO bytes, units whose
 * source changed are kept out, and hostile documents (external entities,
 * billion laughs, network DTDs, garbage) are refused quickly and safely. */
#include "kitgen/catalog/xliff.h"
#include "kitgen/i18n/localize.h"

#include <libxml/parser.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

/* Contexts (none, "", two named), plurals with three forms, fuzzy entries
 * (with and without text), quotes, < and &, CJK, RTL with a mark, tabs,
 * newlines, CR, leading/trailing spaces, untranslated and obsolete. */
static const char *sample_po = "msgid \"\"\n"
                               "msgstr \"\"\n"
                               "\"Language: ar\\n\"\n"
                               "\"MIME-Version: 1.0\\n\"\n"
                               "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                               "\"Plural-Forms: nplurals=3; plural=n==0 ? 0 : n==1 ? 1 : 2;\\n\"\n"
                               "\n"
                               "#. type: heading 2\n"
                               "#: content/a.md:3\n"
                               "msgid \"Stay calm\"\n"
                               "msgstr \"ابقَ هادئًا\"\n"
                               "\n"
                               "# checked by Samira\n"
                               "#. type: paragraph\n"
                               "#: content/a.md:5 content/a.md:9\n"
                               "msgid \"Call **911** if \\\"someone\\\" is <hurt> & [help](b.md#x).\"\n"
                               "msgstr \"اتصل بـ **911** إذا كان \\\"أحد\\\" <مصابًا> & [مساعدة](b.md#x).\"\n"
                               "\n"
                               "msgctxt \"menu\"\n"
                               "msgid \"Open\"\n"
                               "msgstr \"افتح\"\n"
                               "\n"
                               "msgctxt \"verb\"\n"
                               "msgid \"Open\"\n"
                               "msgstr \"فتح\"\n"
                               "\n"
                               "msgctxt \"\"\n"
                               "msgid \"Open\"\n"
                               "msgstr \"مفتوح\"\n"
                               "\n"
                               "msgid \"Open\"\n"
                               "msgstr \"اِفتح\"\n"
                               "\n"
                               "#, fuzzy\n"
                               "#| msgid \"Old text\"\n"
                               "msgid \"Fuzzy one\"\n"
                               "msgstr \"ضبابي\"\n"
                               "\n"
                               "msgid \"Untranslated\"\n"
                               "msgstr \"\"\n"
                               "\n"
                               "#, fuzzy\n"
                               "msgid \"Fuzzy but empty\"\n"
                               "msgstr \"\"\n"
                               "\n"
                               "msgid \"{n} module\"\n"
                               "msgid_plural \"{n} modules\"\n"
                               "msgstr[0] \"لا وحدات {n}\"\n"
                               "msgstr[1] \"وحدة {n}\"\n"
                               "msgstr[2] \"وحدات {n}\"\n"
                               "\n"
                               "#, fuzzy\n"
                               "msgctxt \"count\"\n"
                               "msgid \"{n} page\"\n"
                               "msgid_plural \"{n} pages\"\n"
                               "msgstr[0] \"\"\n"
                               "msgstr[1] \"صفحة\"\n"
                               "msgstr[2] \"صفحات\"\n"
                               "\n"
                               "msgid \"中文 and 日本語 「引用」 & <b>\"\n"
                               "msgstr \"中文与日本語 「引用」 & <b>\"\n"
                               "\n"
                               "msgid \"  Line one\\nLine two\\twith tab  \"\n"
                               "msgstr \"  سطر\\nسطرين\\tمع  \"\n"
                               "\n"
                               "msgid \"CR\\r in text\"\n"
                               "msgstr \"CR\\r بالنص\"\n"
                               "\n"
                               "msgctxt \"a\\nb\\tc <&>\"\n"
                               "msgid \"Mixed עברית RTL \u200F mark\"\n"
                               "msgstr \"עברית \u200F ]]> סימן\"\n"
                               "\n"
                               "#~ msgid \"Gone\"\n"
                               "#~ msgstr \"ذهب\"\n";

static kg_catalog *parse(const char *text)
{
	kg_diags d;
	kg_diags_init(&d);
	kg_catalog *cat = NULL;
	int rc = kg_po_read_mem(&cat, text, strlen(text), "locales/ar/a.po", &d);
	if (rc)
		assert_int_equal(rc, 0);
	kg_diags_release(&d);
	return cat;
}

static char *po_text(const kg_catalog *cat)
{
	kg_buf b = KG_BUF_INIT;
	kg_po_write(cat, &b);
	return kg_buf_detach(&b, NULL);
}

/* Catalogs by path, as the kit importer resolves them. */
typedef struct catalogs {
	kg_xliff_catalog *items;
	size_t count;
} catalogs;

static kg_catalog *resolve(void *ud, const char *original)
{
	catalogs *c = ud;
	for (size_t i = 0; i < c->count; i++)
		if (!strcmp(c->items[i].original, original))
			return c->items[i].cat;
	return NULL;
}

static kg_catalog *resolve_nothing(void *ud, const char *original) { return NULL; }

static char *export_one(kg_catalog *cat, kg_xliff_version version)
{
	kg_xliff_catalog item = {"locales/ar/a.po", cat};
	kg_diags d;
	kg_diags_init(&d);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_xliff_write(&out, version, "en", "ar", &item, 1, &d), 0);
	assert_int_equal(d.errors + d.warnings, 0);
	kg_diags_release(&d);
	return kg_buf_detach(&out, NULL);
}

static int import_into(kg_catalog *cat, const char *doc, size_t len, kg_xliff_counts *counts, kg_diags *d)
{
	kg_xliff_catalog item = {"locales/ar/a.po", cat};
	catalogs c = {&item, 1};
	kg_xliff_hooks hooks = {resolve, NULL, &c, NULL};
	return kg_xliff_import_mem(doc, len, "t.xlf", &hooks, counts, d);
}

static int has_diag(const kg_diags *d, kg_severity severity, const char *part)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].severity == severity && strstr(d->items[i].message, part))
			return 1;
	return 0;
}

static int diag_line(const kg_diags *d, const char *part)
{
	for (size_t i = 0; i < d->count; i++)
		if (strstr(d->items[i].message, part))
			return d->items[i].line;
	return -1;
}

static void assert_well_formed(const char *doc)
{
	xmlDocPtr parsed = xmlReadMemory(doc, (int)strlen(doc), "x.xlf", NULL, XML_PARSE_NONET);
	assert_non_null(parsed);
	xmlFreeDoc(parsed);
}

static void export_20_is_well_formed_with_notes_contexts_and_states(void **state)
{
	kg_catalog *cat = parse(sample_po);
	char *doc = export_one(cat, KG_XLIFF_2_0);
	assert_well_formed(doc);
	assert_non_null(strstr(doc, "xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" "
	                            "srcLang=\"en\" trgLang=\"ar\""));
	assert_non_null(strstr(doc, "<file id=\"f1\" original=\"locales/ar/a.po\""));
	assert_non_null(strstr(doc, "<note category=\"developer\">type: paragraph</note>"));
	assert_non_null(strstr(doc, "<note category=\"translator\">checked by Samira</note>"));
	assert_non_null(strstr(doc, "<note category=\"location\">content/a.md:5 content/a.md:9</note>"));
	assert_non_null(strstr(doc, "<unit id=\"e3\" name=\"menu\">"));
	assert_non_null(strstr(doc, "<unit id=\"e5\" name=\"\">"));
	assert_non_null(strstr(doc, "<unit id=\"e6\">"));
	assert_non_null(strstr(doc, "name=\"a&#10;b&#9;c &lt;&amp;&gt;\""));
	assert_non_null(strstr(doc, "<source>Call **911** if &quot;someone&quot; is &lt;hurt&gt; &amp; "));
	assert_non_null(strstr(doc, "<segment state=\"initial\" subState=\"kitgen:fuzzy\">\n"
	                            "        <source>Fuzzy one</source>"));
	assert_non_null(strstr(doc, "<segment state=\"initial\">\n        <source>Untranslated</source>\n"
	                            "      </segment>"));
	assert_non_null(strstr(doc, "<segment state=\"translated\">\n        <source>Stay calm</source>"));
	assert_non_null(strstr(doc, "<group id=\"e10\" type=\"kitgen:plural\">"));
	assert_non_null(strstr(doc, "<unit id=\"e10.2\">"));
	assert_non_null(strstr(doc, "<source>{n} modules</source>"));
	assert_non_null(strstr(doc, "CR&#13; in text"));
	assert_non_null(strstr(doc, "<note category=\"kitgen:previous\">Old text</note>"));
	assert_null(strstr(doc, "English plural")); /* three forms: units e10.1, e10.2 show it */
	assert_null(strstr(doc, "Gone"));           /* obsolete entries stay home */
	free(doc);
	kg_catalog_free(cat);
}

static void export_12_is_well_formed_with_notes_contexts_and_states(void **state)
{
	kg_catalog *cat = parse(sample_po);
	char *doc = export_one(cat, KG_XLIFF_1_2);
	assert_well_formed(doc);
	assert_non_null(strstr(doc, "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\""));
	assert_non_null(strstr(doc, "<file original=\"locales/ar/a.po\" source-language=\"en\" "
	                            "target-language=\"ar\" datatype=\"po\">"));
	assert_non_null(strstr(doc, "<trans-unit id=\"e3\" resname=\"menu\" approved=\"yes\" "
	                            "xml:space=\"preserve\">"));
	assert_non_null(strstr(doc, "<trans-unit id=\"e7\" xml:space=\"preserve\">")); /* fuzzy */
	assert_non_null(strstr(doc, "<group id=\"e10\" restype=\"x-gettext-plurals\" approved=\"yes\">"));
	assert_non_null(strstr(doc, "<target state=\"needs-review-translation\">ضبابي</target>"));
	assert_non_null(strstr(doc, "<target state=\"translated\">ابقَ هادئًا</target>"));
	assert_non_null(strstr(doc, "<context-group name=\"po-reference\" purpose=\"location\">\n"
	                            "          <context context-type=\"sourcefile\">content/a.md</context>"));
	assert_non_null(strstr(doc, "<note from=\"kitgen:previous\">Old text</note>"));
	assert_non_null(strstr(doc, "<context context-type=\"linenumber\">9</context>"));
	assert_non_null(strstr(doc, "<note from=\"developer\">type: heading 2</note>"));
	assert_non_null(strstr(doc, "<note from=\"translator\">checked by Samira</note>"));
	assert_non_null(strstr(doc, "<group id=\"e11\" restype=\"x-gettext-plurals\">"));
	assert_non_null(strstr(doc, "<trans-unit id=\"e11.0\" resname=\"count\""));
	free(doc);
	kg_catalog_free(cat);
}

/* A language with one plural form has one unit per plural entry; the
 * plural English travels as a note so the translator still sees it, and
 * the note is not read back. */
static void one_form_language_exports_the_plural_english_as_a_note(void **state)
{
	static const char *po =
	    "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	    "\"Plural-Forms: nplurals=1; plural=0;\\n\"\n\n"
	    "#, fuzzy\n#| msgid \"{n} page\"\n#| msgid_plural \"{n} pages\"\n"
	    "msgid \"{n} module\"\nmsgid_plural \"{n} modules\"\nmsgstr[0] \"{n} mô-đun\"\n";
	for (int version = 0; version < 2; version++) {
		kg_catalog *cat = parse(po);
		char *before = po_text(cat);
		char *doc = export_one(cat, version ? KG_XLIFF_1_2 : KG_XLIFF_2_0);
		assert_well_formed(doc);
		assert_non_null(
		    strstr(doc, version ? "<note from=\"developer\">English plural: {n} modules</note>"
		                        : "<note category=\"developer\">English plural: {n} "
		                          "modules</note>"));
		assert_non_null(strstr(doc, version ? "<note from=\"kitgen:previous\">{n} page</note>"
		                                    : "<note category=\"kitgen:previous\">{n} page</note>"));
		assert_null(strstr(doc, "e1.1"));
		kg_diags d;
		kg_diags_init(&d);
		kg_xliff_counts counts;
		assert_int_equal(import_into(cat, doc, strlen(doc), &counts, &d), 0);
		assert_int_equal(counts.updated + counts.kept_out + d.count, 0);
		char *after = po_text(cat);
		assert_string_equal(after, before);
		kg_diags_release(&d);
		free(after);
		free(doc);
		free(before);
		kg_catalog_free(cat);
	}
}

/* Empties every translation the export carries, so that the import alone
 * must bring them back. */
static void strip_translations(kg_catalog *cat)
{
	for (size_t i = 0; i < kg_catalog_count(cat); i++) {
		kg_po_entry *e = kg_catalog_at(cat, i);
		int any = 0;
		for (size_t k = 0; k < e->msgstr_count; k++)
			any |= e->msgstr[k][0] != 0;
		if (!any || e->obsolete)
			continue;
		for (size_t k = 0; k < e->msgstr_count; k++)
			kg_po_entry_set_msgstr(e, k, "");
		kg_po_entry_set_flag(e, "fuzzy", 0);
	}
}

static void round_trip(kg_xliff_version version)
{
	kg_catalog *original = parse(sample_po);
	char *expected = po_text(original);
	char *doc = export_one(original, version);
	kg_catalog *cat = parse(sample_po);
	strip_translations(cat);
	char *stripped = po_text(cat);
	assert_string_not_equal(stripped, expected);
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, doc, strlen(doc), &counts, &d), 0);
	if (d.count)
		kg_diags_print(&d, stderr, KG_DIAG_TEXT, 0);
	assert_int_equal(d.count, 0);
	char *after = po_text(cat);
	assert_string_equal(after, expected);
	assert_int_equal(counts.units, 19); /* 13 singular + 2 plurals x 3 forms; not the obsolete */
	assert_int_equal(counts.kept_out, 0);
	assert_int_equal(counts.updated, 13); /* every entry with a translation */
	/* Importing the same document again changes nothing. */
	assert_int_equal(import_into(cat, doc, strlen(doc), &counts, &d), 0);
	assert_int_equal(counts.updated, 0);
	char *again = po_text(cat);
	assert_string_equal(again, expected);
	kg_diags_release(&d);
	free(again);
	free(after);
	free(stripped);
	free(doc);
	free(expected);
	kg_catalog_free(cat);
	kg_catalog_free(original);
}

static void export_then_import_20_gives_the_same_catalog(void **state) { round_trip(KG_XLIFF_2_0); }

static void export_then_import_12_gives_the_same_catalog(void **state) { round_trip(KG_XLIFF_1_2); }

static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	kg_buf b = KG_BUF_INIT;
	kg_buf_add(&b, text, (size_t)(at - text));
	kg_buf_puts(&b, to);
	kg_buf_puts(&b, at + strlen(from));
	return kg_buf_detach(&b, NULL);
}

static void unit_whose_source_changed_is_reported_and_kept_out(void **state)
{
	kg_catalog *cat = parse(sample_po);
	char *before = po_text(cat);
	char *doc = export_one(cat, KG_XLIFF_2_0);
	/* The English was edited after the export; the agency translated the old text. */
	char *edited = replace(doc, "<source>Stay calm</source>", "<source>Stay very calm</source>");
	char *edited2 = replace(edited, "ابقَ هادئًا</target>", "ابقَ هادئًا جدًا</target>");
	char *edited3 = replace(edited2, "<source>{n} modules</source>", "<source>{n} units</source>");
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, edited3, strlen(edited3), &counts, &d), 0);
	assert_true(has_diag(&d, KG_WARNING, "unit 'e1' kept out: source changed"));
	assert_true(diag_line(&d, "unit 'e1' kept out") > 3);
	assert_true(has_diag(&d, KG_WARNING, "unit 'e10.1' kept out: source changed"));
	assert_int_equal(counts.kept_out, 2);
	assert_int_equal(d.errors, 0);
	char *after = po_text(cat);
	assert_string_equal(after, before);
	assert_null(strstr(after, "جدًا"));
	kg_diags_release(&d);
	free(after);
	free(edited3);
	free(edited2);
	free(edited);
	free(doc);
	free(before);
	kg_catalog_free(cat);
}

/* The build's own check, as the kit importer passes it (plurals are UI
 * strings there: plain text with {name} placeholders). */
static int build_check(void *ud, const char *original, const kg_po_entry *e, size_t form, const char *text,
                       kg_buf *why)
{
	return kg_check_translation(form && e->msgid_plural ? e->msgid_plural : e->msgid, text,
	                            !e->msgid_plural, why);
}

static void translation_that_changes_a_fact_is_kept_out(void **state)
{
	kg_catalog *cat = parse(sample_po);
	char *before = po_text(cat);
	char *doc = export_one(cat, KG_XLIFF_2_0);
	/* 911 becomes 912; a second, harmless edit of another unit still goes in. */
	char *edited = replace(doc, "اتصل بـ **911**", "اتصل بـ **912**");
	char *edited2 = replace(edited, "ابقَ هادئًا</target>", "ابقَ هادئًا دائمًا</target>");
	char *edited3 = replace(edited2, ">وحدة {n}</target>", ">وحدة {m}</target>");
	kg_xliff_catalog item = {"locales/ar/a.po", cat};
	catalogs c = {&item, 1};
	kg_xliff_hooks hooks = {resolve, build_check, &c, NULL};
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(kg_xliff_import_mem(edited3, strlen(edited3), "t.xlf", &hooks, &counts, &d), 0);
	assert_true(has_diag(&d, KG_WARNING, "unit 'e2' kept out: translation refused: "));
	assert_true(has_diag(&d, KG_WARNING, "drops the number '911'; adds the number '912'"));
	assert_true(diag_line(&d, "unit 'e2' kept out") > 3);
	assert_true(has_diag(&d, KG_WARNING,
	                     "unit 'e10.1' kept out: translation refused: "
	                     "adds the placeholder 'm'; drops the placeholder 'n'"));
	assert_int_equal(counts.kept_out, 2);
	assert_int_equal(counts.updated, 1);
	char *after = po_text(cat);
	assert_null(strstr(after, "912"));
	assert_null(strstr(after, "{m}"));
	assert_non_null(strstr(after, "ابقَ هادئًا دائمًا"));
	/* Only the harmless edit differs from the catalog before. */
	char *expected = replace(before, "ابقَ هادئًا\"", "ابقَ هادئًا دائمًا\"");
	assert_string_equal(after, expected);
	kg_diags_release(&d);
	free(expected);
	free(after);
	free(edited3);
	free(edited2);
	free(edited);
	free(doc);
	free(before);
	kg_catalog_free(cat);
}

/* The English changed from 911 to 988; the fuzzy translation still says
 * 911. A CAT tool that confirms it unchanged must not make it translated. */
static void confirming_a_fuzzy_translation_checks_it_again(void **state)
{
	static const char *po = "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n"
	                        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	                        "#, fuzzy\n#| msgid \"Call 911 now\"\nmsgid \"Call 988 now\"\n"
	                        "msgstr \"اتصل بـ 911 الآن\"\n\n"
	                        "#, fuzzy\nmsgid \"Call 988 today\"\nmsgstr \"اتصل بـ 988 اليوم\"\n";
	static const char *doc =
	    "<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en' "
	    "trgLang='ar'><file id='f1' original='locales/ar/a.po'>\n"
	    "<unit id='e1'><segment state='translated'><source>Call 988 now</source>"
	    "<target>اتصل بـ 911 الآن</target></segment></unit>\n"
	    "<unit id='e2'><segment state='final'><source>Call 988 today</source>"
	    "<target>اتصل بـ 988 اليوم</target></segment></unit>\n"
	    "</file></xliff>";
	kg_catalog *cat = parse(po);
	kg_xliff_catalog item = {"locales/ar/a.po", cat};
	catalogs c = {&item, 1};
	kg_xliff_hooks hooks = {resolve, build_check, &c, NULL};
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(kg_xliff_import_mem(doc, strlen(doc), "t.xlf", &hooks, &counts, &d), 0);
	assert_true(has_diag(&d, KG_WARNING, "unit 'e1' kept out: translation refused: "));
	assert_int_equal(counts.kept_out, 1);
	assert_int_equal(counts.updated, 1);
	char *text = po_text(cat);
	assert_non_null(strstr(text, "#, fuzzy\n#| msgid \"Call 911 now\"\nmsgid \"Call 988 now\""));
	assert_non_null(strstr(text, "\n\nmsgid \"Call 988 today\"\nmsgstr \"اتصل بـ 988 اليوم\"\n"));
	free(text);
	kg_diags_release(&d);
	kg_catalog_free(cat);
}

static void import_maps_states_back_to_the_fuzzy_flag(void **state)
{
	static const char *po = "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n"
	                        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	                        "msgid \"A\"\nmsgstr \"\"\n\nmsgid \"B\"\nmsgstr \"\"\n\n"
	                        "#, fuzzy\nmsgid \"C\"\nmsgstr \"c\"\n\nmsgid \"D\"\nmsgstr \"d\"\n\n"
	                        "#, fuzzy\nmsgid \"E\"\nmsgstr \"e\"\n\nmsgid \"F\"\nmsgstr \"f\"\n\n"
	                        "msgid \"G\"\nmsgstr \"g\"\n";
	static const char *v20 =
	    "<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en' "
	    "trgLang='ar'><file id='f1' original='locales/ar/a.po'>"
	    "<unit id='e1'><segment state='final'><source>A</source><target>a</target></segment></unit>"
	    "\n<unit id='e2'><segment><source>B</source><target>b</target></segment></unit>"
	    "<unit id='e3'><segment state='reviewed'><source>C</source><target>c</target></segment></unit>"
	    "<unit id='e4'><segment state='translated'><source>D</source><target/></segment></unit>"
	    "<unit id='e5'><segment><source>E</source><target>e</target></segment></unit>"
	    "<unit id='e6'><segment><source>F</source><target>f</target></segment></unit>"
	    "<unit id='e7'><segment state='initial' subState='kitgen:fuzzy'><source>G</source>"
	    "<target>g</target></segment></unit>"
	    "</file></xliff>";
	kg_catalog *cat = parse(po);
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, v20, strlen(v20), &counts, &d), 0);
	char *text = po_text(cat);
	assert_non_null(strstr(text, "\nmsgid \"A\"\nmsgstr \"a\"\n"));         /* final */
	assert_non_null(strstr(text, "\n\nmsgid \"B\"\nmsgstr \"b\"\n"));       /* no state, new */
	assert_non_null(strstr(text, "\n\nmsgid \"C\"\nmsgstr \"c\"\n"));       /* reviewed */
	assert_non_null(strstr(text, "\nmsgid \"D\"\nmsgstr \"d\"\n"));         /* empty target */
	assert_non_null(strstr(text, "#, fuzzy\nmsgid \"E\"\nmsgstr \"e\"\n")); /* no state, same */
	assert_non_null(strstr(text, "\n\nmsgid \"F\"\nmsgstr \"f\"\n"));       /* no state, same */
	assert_non_null(strstr(text, "#, fuzzy\nmsgid \"G\"\nmsgstr \"g\"\n")); /* kitgen:fuzzy */
	assert_true(has_diag(&d, KG_NOTE, "unit 'e2' has no state; its new target is taken as translated"));
	assert_int_equal(diag_line(&d, "unit 'e2' has no state"), 2);
	assert_int_equal(d.count, 1);
	assert_int_equal(counts.updated, 4); /* A, B, C, G */
	free(text);
	kg_catalog_free(cat);
	kg_diags_release(&d);
	kg_diags_init(&d);

	static const char *v12 =
	    "<xliff xmlns='urn:oasis:names:tc:xliff:document:1.2' version='1.2'><file "
	    "original='locales/ar/a.po' source-language='en' target-language='ar' datatype='po'><body>"
	    "<trans-unit id='1'><source>A</source><target state='signed-off'>a</target></trans-unit>"
	    "<trans-unit id='2'><source>B</source><target state='new'>b</target></trans-unit>"
	    "<trans-unit id='3'><source>C</source><target>c</target></trans-unit>"
	    "<trans-unit id='4'><source>D</source><target state='needs-review-translation'>d2"
	    "</target></trans-unit>"
	    "<trans-unit id='5' approved='yes'><source>E</source><target state='needs-translation'>e"
	    "</target></trans-unit>"
	    "<trans-unit id='6' approved='no'><source>F</source><target state='translated'>f"
	    "</target></trans-unit>"
	    "<trans-unit id='7'><source>G</source><target>g2</target></trans-unit>"
	    "</body></file></xliff>";
	cat = parse(po);
	assert_int_equal(import_into(cat, v12, strlen(v12), &counts, &d), 0);
	text = po_text(cat);
	assert_non_null(strstr(text, "\nmsgid \"A\"\nmsgstr \"a\"\n"));
	assert_non_null(strstr(text, "#, fuzzy\nmsgid \"B\"\nmsgstr \"b\"\n"));
	assert_non_null(strstr(text, "#, fuzzy\nmsgid \"C\"\nmsgstr \"c\"\n")); /* no state, same */
	assert_non_null(strstr(text, "#, fuzzy\nmsgid \"D\"\nmsgstr \"d2\"\n"));
	assert_non_null(strstr(text, "#, fuzzy\nmsgid \"E\"\nmsgstr \"e\"\n")); /* needs-* wins */
	assert_non_null(strstr(text, "#, fuzzy\nmsgid \"F\"\nmsgstr \"f\"\n")); /* approved="no" */
	assert_non_null(strstr(text, "\n\nmsgid \"G\"\nmsgstr \"g2\"\n"));      /* no state, new */
	assert_true(has_diag(&d, KG_NOTE, "unit '7' has no state"));
	assert_int_equal(d.count, 1);
	free(text);
	kg_catalog_free(cat);
	kg_diags_release(&d);
}

/* A CAT tool that drops every state attribute (2.0's default is then
 * "initial") must not turn a finished language fuzzy. */
static void document_stripped_of_states_changes_nothing(void **state)
{
	kg_catalog *cat = parse(sample_po);
	char *before = po_text(cat);
	char *doc = export_one(cat, KG_XLIFF_2_0);
	kg_buf stripped = KG_BUF_INIT;
	for (const char *p = doc; *p;) {
		const char *a = strstr(p, " state=\"");
		const char *b = strstr(p, " subState=\"");
		const char *at = a && (!b || a < b) ? a : b;
		if (!at) {
			kg_buf_puts(&stripped, p);
			break;
		}
		kg_buf_add(&stripped, p, (size_t)(at - p));
		p = strchr(strchr(at, '"') + 1, '"') + 1;
	}
	assert_null(strstr(stripped.data, "state="));
	assert_null(strstr(stripped.data, "State="));
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, stripped.data, stripped.len, &counts, &d), 0);
	assert_int_equal(counts.updated, 0);
	assert_int_equal(counts.kept_out, 0);
	assert_int_equal(d.count, 0);
	char *after = po_text(cat);
	assert_string_equal(after, before);
	kg_diags_release(&d);
	free(after);
	kg_buf_release(&stripped);
	free(doc);
	free(before);
	kg_catalog_free(cat);
}

/* What po2xliff and older CAT tools send back: XLIFF 1.1, their own ids,
 * the msgctxt dropped, the PO header as a unit, plural forms "id[k]". */
static void xliff_11_without_contexts_matches_unique_sources_only(void **state)
{
	kg_catalog *cat = parse(sample_po);
	char *before = po_text(cat);
	static const char *doc =
	    "<?xml version='1.0'?>\n"
	    "<xliff xmlns='urn:oasis:names:tc:xliff:document:1.1' version='1.1'>\n"
	    "<file original='locales/ar/a.po' source-language='en-US' datatype='plaintext'><body>\n"
	    "<trans-unit id='2' approved='no' restype='x-gettext-domain-header'><source>Language: ar"
	    "</source><target>Language: ar</target></trans-unit>\n"
	    "<trans-unit id='3' approved='yes'><source>Stay calm</source>"
	    "<target state='translated'>اهدأ</target></trans-unit>\n"
	    "<trans-unit id='4' approved='yes'><source>Open</source>"
	    "<target state='translated'>خطأ</target></trans-unit>\n"
	    "<trans-unit id='e3' approved='yes'><source>Open</source>"
	    "<target state='translated'>افتح القائمة</target></trans-unit>\n"
	    "<group id='9' restype='x-gettext-plurals' approved='yes'>\n"
	    "<trans-unit id='9[0]' approved='yes'><source>{n} module</source><target>0 {n}</target>"
	    "</trans-unit>\n"
	    "<trans-unit id='9[1]' approved='yes'><source>{n} modules</source><target>1 {n}</target>"
	    "</trans-unit>\n"
	    "<trans-unit id='9[2]' approved='yes'><source>{n} modules</source><target>2 {n}</target>"
	    "</trans-unit></group>\n"
	    "</body></file></xliff>";
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, doc, strlen(doc), &counts, &d), 0);
	assert_int_equal(d.errors, 0);
	/* "Open" is in four contexts: never bound to one of them by guess. */
	assert_true(has_diag(&d, KG_WARNING, "unit '4' kept out: ambiguous (4 entries of locales/ar/a.po"));
	assert_int_equal(diag_line(&d, "unit '4' kept out"), 6);
	assert_int_equal(counts.kept_out, 1);
	assert_int_equal(counts.units, 6); /* the header unit is not one */
	char *after = po_text(cat);
	assert_null(strstr(after, "خطأ"));
	assert_non_null(strstr(after, "msgid \"Stay calm\"\nmsgstr \"اهدأ\"\n"));
	/* kitgen's id still finds the entry whose context the tool dropped. */
	assert_non_null(strstr(after, "msgctxt \"menu\"\nmsgid \"Open\"\nmsgstr \"افتح القائمة\"\n"));
	assert_non_null(strstr(after, "msgstr[0] \"0 {n}\"\nmsgstr[1] \"1 {n}\"\nmsgstr[2] \"2 {n}\"\n"));
	kg_diags_release(&d);
	kg_diags_init(&d);
	/* The same document with 1.2's namespace and version, or none, reads alike. */
	kg_catalog_free(cat);
	static const char *variants[][2] = {
	    {"xmlns='urn:oasis:names:tc:xliff:document:1.1' version='1.1'", "version='1.2'"},
	    {"xmlns='urn:oasis:names:tc:xliff:document:1.1' version='1.1'",
	     "xmlns='urn:oasis:names:tc:xliff:document:1.2' version='1.1'"},
	    {"xmlns='urn:oasis:names:tc:xliff:document:1.1' version='1.1'",
	     "xmlns='urn:oasis:names:tc:xliff:document:1.0' version='1.0'"},
	};
	for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
		cat = parse(sample_po);
		char *variant = replace(doc, variants[v][0], variants[v][1]);
		assert_int_equal(import_into(cat, variant, strlen(variant), &counts, &d), 0);
		assert_int_equal(counts.kept_out, 1);
		assert_int_equal(counts.updated, 3);
		free(variant);
		kg_catalog_free(cat);
	}
	char *other = replace(doc, "urn:oasis:names:tc:xliff:document:1.1", "urn:example:not-xliff");
	cat = parse(sample_po);
	assert_int_equal(import_into(cat, other, strlen(other), &counts, &d), -1);
	assert_true(has_diag(&d, KG_ERROR, "the namespace 'urn:example:not-xliff' is not XLIFF 1.1's"));
	kg_diags_release(&d);
	free(other);
	free(after);
	free(before);
	kg_catalog_free(cat);
}

static kg_catalog *collect_into(void *ud, const char *original, const char *target_lang)
{
	assert_string_equal(original, "vi.po");
	assert_null(target_lang); /* po2xliff writes none */
	return ud;
}

/* A po2xliff document (one <file> named after the PO) is handed to the
 * caller as PO entries: references from po-reference groups, fuzzy from
 * approved="no", a plural group as one plural entry, the header and
 * untranslated units left out, each entry at its XLIFF line. */
static void file_that_is_no_catalog_is_collected_as_entries(void **state)
{
	static const char *doc =
	    "<?xml version='1.0'?>\n"
	    "<xliff xmlns='urn:oasis:names:tc:xliff:document:1.1' version='1.1'>\n"
	    "<file original='vi.po' source-language='en-US' datatype='po'><body>\n"
	    "<trans-unit id='1' restype='x-gettext-domain-header' approved='no'><source>Language: vi"
	    "</source><target>Language: vi</target></trans-unit>\n"
	    "<trans-unit id='2' approved='yes'><source>Handout</source><target state='translated'>Tờ"
	    "</target><context-group name='po-reference' purpose='location'>"
	    "<context context-type='sourcefile'>templates/x.html</context>"
	    "<context context-type='linenumber'>3</context></context-group></trans-unit>\n"
	    "<trans-unit id='3' approved='no'><source>Call</source><target state='needs-translation'>Gọi"
	    "</target></trans-unit>\n"
	    "<trans-unit id='4'><source>Empty</source><target></target></trans-unit>\n"
	    "<group id='5' restype='x-gettext-plurals' approved='yes'>\n"
	    "<trans-unit id='5[0]' approved='yes'><source>{n} page</source><target>{n} trang</target>"
	    "</trans-unit>\n"
	    "<trans-unit id='5[1]' approved='yes'><source>{n} pages</source><target>{n} trang!</target>"
	    "</trans-unit></group>\n"
	    "</body></file></xliff>";
	kg_catalog *into = kg_catalog_new();
	catalogs none = {NULL, 0};
	kg_xliff_hooks hooks = {resolve, NULL, &none, NULL};
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	/* Without a collector the file is kept out, with the way named. */
	assert_int_equal(kg_xliff_import_mem(doc, strlen(doc), "t.xlf", &hooks, &counts, &d), 0);
	assert_true(has_diag(&d, KG_WARNING, "'vi.po' is not a catalog of this kit"));
	assert_true(has_diag(&d, KG_WARNING, "with --lang"));
	assert_int_equal(kg_catalog_count(into), 0);
	kg_diags_release(&d);
	kg_diags_init(&d);
	hooks.ud = into;
	hooks.resolve = resolve_nothing;
	hooks.collect = collect_into;
	assert_int_equal(kg_xliff_import_mem(doc, strlen(doc), "t.xlf", &hooks, &counts, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(counts.units, 5); /* not the header */
	assert_int_equal(counts.kept_out, 0);
	assert_int_equal(kg_catalog_count(into), 3);
	const kg_po_entry *handout = kg_catalog_at(into, 0);
	assert_null(handout->msgctxt);
	assert_string_equal(handout->msgstr[0], "Tờ");
	assert_int_equal(handout->reference_count, 1);
	assert_string_equal(handout->references[0], "templates/x.html:3");
	assert_false(kg_po_entry_has_flag(handout, "fuzzy"));
	assert_int_equal(handout->line, 5);
	const kg_po_entry *call = kg_catalog_at(into, 1);
	assert_string_equal(call->msgid, "Call");
	assert_true(kg_po_entry_has_flag(call, "fuzzy"));
	const kg_po_entry *plural = kg_catalog_at(into, 2);
	assert_string_equal(plural->msgid, "{n} page");
	assert_string_equal(plural->msgid_plural, "{n} pages");
	assert_int_equal(plural->msgstr_count, 2);
	assert_string_equal(plural->msgstr[1], "{n} trang!");
	kg_diags_release(&d);
	kg_catalog_free(into);
}

static void unknown_catalog_language_mismatch_and_inline_markup_are_kept_out(void **state)
{
	kg_catalog *cat = parse(sample_po);
	char *before = po_text(cat);
	static const char *doc =
	    "<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en' "
	    "trgLang='ar'>\n"
	    "<file id='f1' original='../../etc/passwd'><unit id='e1'><segment><source>x</source>"
	    "<target>y</target></segment></unit></file>\n"
	    "<file id='f2' original='locales/ar/a.po'><unit id='e1'><segment state='translated'>"
	    "<source>Stay calm</source><target>a<ph id='1'/>b</target></segment></unit></file>\n"
	    "</xliff>";
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, doc, strlen(doc), &counts, &d), 0);
	assert_true(has_diag(&d, KG_WARNING, "'../../etc/passwd' is not a catalog of this kit"));
	assert_true(has_diag(&d, KG_WARNING, "unit 'e1' kept out: inline markup"));
	assert_int_equal(counts.kept_out, 2);
	char *wrong_lang = replace(doc, "trgLang='ar'", "trgLang='fa'");
	assert_int_equal(import_into(cat, wrong_lang, strlen(wrong_lang), &counts, &d), 0);
	assert_true(has_diag(&d, KG_WARNING, "the target language 'fa' is not the language"));
	char *after = po_text(cat);
	assert_string_equal(after, before);
	kg_diags_release(&d);
	free(wrong_lang);
	free(after);
	free(before);
	kg_catalog_free(cat);
}

static void export_leaves_out_text_xml_cannot_carry(void **state)
{
	kg_catalog *cat = parse("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	                        "msgid \"bell\\a\"\nmsgstr \"\"\n\nmsgid \"fine\"\nmsgstr \"\"\n");
	kg_xliff_catalog item = {"locales/ar/a.po", cat};
	kg_diags d;
	kg_diags_init(&d);
	kg_buf out = KG_BUF_INIT;
	assert_int_equal(kg_xliff_write(&out, KG_XLIFF_2_0, "en", "ar", &item, 1, &d), 0);
	assert_well_formed(out.data);
	assert_true(has_diag(&d, KG_WARNING, "text XML cannot carry"));
	assert_null(strstr(out.data, "bell"));
	assert_non_null(strstr(out.data, "<source>fine</source>"));
	kg_buf_release(&out);
	kg_diags_release(&d);
	kg_catalog_free(cat);
}

/* ---- hostile documents ---- */

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Imports doc and asserts it is refused with an error mentioning `why`,
 * leaving the catalog's bytes alone and nothing of /etc/passwd anywhere. */
static void assert_refused(const char *doc, size_t len, const char *why)
{
	kg_catalog *cat = parse(sample_po);
	char *before = po_text(cat);
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	double start = now_seconds();
	int rc = import_into(cat, doc, len, &counts, &d);
	double took = now_seconds() - start;
	assert_int_equal(rc, -1);
	assert_true(d.errors >= 1);
	if (why && !has_diag(&d, KG_ERROR, why)) {
		kg_diags_print(&d, stderr, KG_DIAG_TEXT, 0);
		fail_msg("no error mentions '%s'", why);
	}
	assert_true(took < 2.0);
	for (size_t i = 0; i < d.count; i++)
		assert_null(strstr(d.items[i].message, "root:"));
	char *after = po_text(cat);
	assert_string_equal(after, before);
	assert_null(strstr(after, "root:"));
	assert_int_equal(counts.updated, 0);
	free(after);
	free(before);
	kg_diags_release(&d);
	kg_catalog_free(cat);
}

#define UNIT_WITH(target)                                                                   \
	"<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en' "  \
	"trgLang='ar'><file id='f1' original='locales/ar/a.po'><unit id='e1'>"              \
	"<segment state='translated'><source>Stay calm</source><target>" target "</target>" \
	"</segment></unit></file></xliff>"

static void external_entity_is_refused_without_reading_the_file(void **state)
{
	static const char doc[] =
	    "<?xml version='1.0'?>\n"
	    "<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n" UNIT_WITH("&e;");
	assert_refused(doc, sizeof(doc) - 1, "declares the entity 'e'");
	static const char param[] =
	    "<!DOCTYPE xliff [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>" UNIT_WITH("x");
	assert_refused(param, sizeof(param) - 1, "declares the entity 'p'");
	static const char internal[] = "<!DOCTYPE xliff [<!ENTITY e \"harmless\">]>" UNIT_WITH("&e;");
	assert_refused(internal, sizeof(internal) - 1, "documents that declare entities are refused");
}

static void external_subset_is_never_loaded(void **state)
{
	/* No entity is declared, so the document parses, but the external DTD
	 * is not read: &e; stays an unresolved reference and the unit is kept out. */
	static const char doc[] = "<!DOCTYPE xliff SYSTEM \"file:///etc/passwd\">" UNIT_WITH("&e;");
	kg_catalog *cat = parse(sample_po);
	char *before = po_text(cat);
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	int rc = import_into(cat, doc, sizeof(doc) - 1, &counts, &d);
	char *after = po_text(cat);
	assert_string_equal(after, before);
	assert_null(strstr(after, "root:"));
	for (size_t i = 0; i < d.count; i++)
		assert_null(strstr(d.items[i].message, "root:"));
	assert_true(rc == -1 || counts.kept_out == 1);
	free(after);
	free(before);
	kg_diags_release(&d);
	kg_catalog_free(cat);
}

static void billion_laughs_is_refused_in_bounded_time(void **state)
{
	static const char doc[] =
	    "<?xml version='1.0'?>\n<!DOCTYPE xliff [\n"
	    "<!ENTITY lol \"lol\">\n"
	    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	    "]>\n" UNIT_WITH("&lol9;");
	double start = now_seconds();
	assert_refused(doc, sizeof(doc) - 1, "declares the entity 'lol'");
	double took = now_seconds() - start;
	assert_true(took < 2.0);
	print_message("billion laughs refused in %.4f s\n", took);
}

/* A listening socket on 127.0.0.1 stands in for a DTD server: after the
 * import, nothing may have connected to it. */
static void network_dtd_is_never_fetched(void **state)
{
	int server = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(server >= 0);
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(server, (struct sockaddr *)&addr, sizeof(addr)), 0);
	assert_int_equal(listen(server, 8), 0);
	socklen_t addr_len = sizeof(addr);
	assert_int_equal(getsockname(server, (struct sockaddr *)&addr, &addr_len), 0);
	fcntl(server, F_SETFL, O_NONBLOCK);
	char doc[1024];
	snprintf(doc, sizeof(doc), "<!DOCTYPE xliff SYSTEM \"http://127.0.0.1:%d/xliff.dtd\">%s",
	         ntohs(addr.sin_port), UNIT_WITH("x"));
	kg_catalog *cat = parse(sample_po);
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, doc, strlen(doc), &counts, &d), 0);
	assert_int_equal(counts.updated, 1); /* the document itself is fine */
	snprintf(doc, sizeof(doc),
	         "<!DOCTYPE xliff [<!ENTITY %% p SYSTEM \"http://127.0.0.1:%d/p.dtd\"> %%p;]>%s",
	         ntohs(addr.sin_port), UNIT_WITH("x"));
	assert_int_equal(import_into(cat, doc, strlen(doc), &counts, &d), -1);
	int client = accept(server, NULL, NULL);
	assert_int_equal(client, -1); /* no connection was attempted */
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	close(server);
	kg_diags_release(&d);
	kg_catalog_free(cat);
}

static void garbage_truncated_and_wrong_documents_are_errors(void **state)
{
	static const char garbage[] = "\x01\x02 this is not XML at all \xff\xfe";
	assert_refused(garbage, sizeof(garbage) - 1, NULL);
	static const char text[] = UNIT_WITH("x");
	assert_refused(text, sizeof(text) / 2, NULL); /* truncated */
	static const char root[] = "<html><body>hello</body></html>";
	assert_refused(root, sizeof(root) - 1, "the root element is <html>, not <xliff>");
	static const char version[] = "<xliff version='3.0'/>";
	assert_refused(version, sizeof(version) - 1, "XLIFF version '3.0' is not supported");
	static const char ns[] = "<xliff xmlns='urn:example' version='2.0'/>";
	assert_refused(ns, sizeof(ns) - 1, "is not XLIFF");
	assert_refused("", 0, "empty document");
	/* The size bound is checked before a byte is read. */
	assert_refused(text, KG_XLIFF_MAX_INPUT + 1, "larger than 64 MiB");
}

static void parse_errors_carry_line_and_column(void **state)
{
	static const char doc[] = "<xliff version='2.0'>\n<file>\n  <unit id='a'>\n</file></xliff>";
	kg_catalog *cat = parse(sample_po);
	kg_diags d;
	kg_diags_init(&d);
	kg_xliff_counts counts;
	assert_int_equal(import_into(cat, doc, sizeof(doc) - 1, &counts, &d), -1);
	assert_true(d.errors >= 1);
	assert_string_equal(d.items[0].file, "t.xlf");
	assert_int_equal(d.items[0].line, 4);
	assert_true(d.items[0].col > 0);
	kg_diags_release(&d);
	kg_catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(export_20_is_well_formed_with_notes_contexts_and_states),
	    cmocka_unit_test(export_12_is_well_formed_with_notes_contexts_and_states),
	    cmocka_unit_test(one_form_language_exports_the_plural_english_as_a_note),
	    cmocka_unit_test(export_then_import_20_gives_the_same_catalog),
	    cmocka_unit_test(export_then_import_12_gives_the_same_catalog),
	    cmocka_unit_test(unit_whose_source_changed_is_reported_and_kept_out),
	    cmocka_unit_test(translation_that_changes_a_fact_is_kept_out),
	    cmocka_unit_test(confirming_a_fuzzy_translation_checks_it_again),
	    cmocka_unit_test(import_maps_states_back_to_the_fuzzy_flag),
	    cmocka_unit_test(document_stripped_of_states_changes_nothing),
	    cmocka_unit_test(xliff_11_without_contexts_matches_unique_sources_only),
	    cmocka_unit_test(file_that_is_no_catalog_is_collected_as_entries),
	    cmocka_unit_test(unknown_catalog_language_mismatch_and_inline_markup_are_kept_out),
	    cmocka_unit_test(export_leaves_out_text_xml_cannot_carry),
	    cmocka_unit_test(external_entity_is_refused_without_reading_the_file),
	    cmocka_unit_test(external_subset_is_never_loaded),
	    cmocka_unit_test(billion_laughs_is_refused_in_bounded_time),
	    cmocka_unit_test(network_dtd_is_never_fetched),
	    cmocka_unit_test(garbage_truncated_and_wrong_documents_are_errors),
	    cmocka_unit_test(parse_errors_carry_line_and_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
