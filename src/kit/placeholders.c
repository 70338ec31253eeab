/* placeholders.c: {{ name }} placeholders in content, filled from kit.yaml's
 * vars (see kit.h). Owns nothing; appends to the caller's buffer. */
#include "kitgen/kit/kit.h"

#include <string.h>

static void fill(const kg_config *cfg, const char *text, kg_buf *out, int escape)
{
	const char *p = text;
	for (;;) {
		const char *open = strstr(p, "{{");
		const char *close = open ? strstr(open + 2, "}}") : NULL;
		if (!close) {
			escape ? kg_buf_puts_html(out, p) : kg_buf_puts(out, p);
			return;
		}
		const char *a = open + 2, *b = close;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		char name[64];
		size_t n = (size_t)(b - a);
		const char *value = NULL;
		if (n < sizeof(name)) {
			memcpy(name, a, n);
			name[n] = '\0';
			value = kg_config_var(cfg, name);
		}
		size_t upto = (size_t)((value ? open : close + 2) - p);
		escape ? kg_buf_add_html(out, p, upto) : kg_buf_add(out, p, upto);
		if (value)
			escape ? kg_buf_puts_html(out, value) : kg_buf_puts(out, value);
		p = close + 2;
	}
}

void kg_fill_placeholders_html(const kg_config *cfg, const char *text, kg_buf *out)
{
	fill(cfg, text, out, 1);
}
void kg_fill_placeholders(const kg_config *cfg, const char *text, kg_buf *out) { fill(cfg, text, out, 0); }
