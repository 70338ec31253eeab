/* fuzz_template.c: libFuzzer target for the template parser and renderer.
 * The input becomes one template beside two fixed partials; the set is
 * checked, rendered with and without a translator, and its messages listed.
 * Build: clang -fsanitize=fuzzer,address -Iinclude tests/fuzz/fuzz_template.c \
 *        src/render/template*.c src/base/[a-z]*.c
 */
#include "kitgen/template/template.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *fuzz_gettext(void *ctx, const char *msgctxt, const char *msgid)
{
	(void)ctx;
	(void)msgctxt;
	return msgid[0] == 'A' ? "{x}<b>{n}{" : NULL; /* hostile translations too */
}

static const char *fuzz_ngettext(void *ctx, const char *msgctxt, const char *msgid, const char *msgid_plural,
                                 unsigned long n)
{
	(void)ctx;
	(void)msgctxt;
	return n == 1 ? msgid : msgid_plural;
}

static int count_message(void *ud, const char *file, int line, const char *msgctxt, const char *msgid,
                         const char *msgid_plural)
{
	(void)file;
	(void)line;
	(void)msgctxt;
	(void)msgid_plural;
	*(size_t *)ud += strlen(msgid);
	return 0;
}

static kg_val *fuzz_ctx(void)
{
	kg_val *ctx = kg_val_map();
	kg_val *page = kg_val_map();
	kg_val_set_str(page, "title", "<T> & \"q\"");
	kg_val_set_html(page, "body", "<p>b</p>");
	kg_val_set_int(page, "n", 2);
	kg_val_set_bool(page, "flag", 1);
	kg_val *items = kg_val_list();
	for (int i = 0; i < 3; i++) {
		kg_val *item = kg_val_map();
		kg_val_set_int(item, "i", i);
		kg_val_set_str(item, "name", "x");
		kg_val_push(items, item);
	}
	kg_val_set(page, "items", items);
	kg_val_set(ctx, "page", page);
	kg_val_set(ctx, "empty", kg_val_list());
	return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char nav[] = "{% for i in page.items %}{{ i.name }}{% end %}";
	static const char loop[] = "{% include \"fuzz.html\" %}";
	kg_diags diags;
	kg_diags_init(&diags);
	kg_templates *set = kg_templates_new("templates");
	kg_templates_add_string(set, "fuzz.html", (const char *)data, size, &diags);
	kg_templates_add_string(set, "partials/nav.html", nav, sizeof(nav) - 1, &diags);
	kg_templates_add_string(set, "partials/loop.html", loop, sizeof(loop) - 1, &diags);
	kg_templates_check(set, &diags);

	kg_val *ctx = fuzz_ctx();
	kg_translator tr = {fuzz_gettext, fuzz_ngettext, NULL, NULL};
	kg_buf out = KG_BUF_INIT;
	kg_templates_render(set, "fuzz.html", ctx, NULL, &out, &diags);
	kg_templates_render(set, "fuzz.html", ctx, &tr, &out, &diags);
	kg_templates_render(set, "partials/loop.html", ctx, &tr, &out, &diags);
	size_t total = 0;
	kg_templates_each_message(set, count_message, &total);

	kg_buf_release(&out);
	kg_val_unref(ctx);
	kg_templates_free(set);
	kg_diags_release(&diags);
	return 0;
}
