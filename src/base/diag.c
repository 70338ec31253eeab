/* diag.c: the diagnostics list and its one printer (see diag.h).
 * Owns every diagnostic's file and message strings. */
#include "kitgen/base/diag.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"
#include "kitgen/base/json.h"

#include <stdlib.h>
#include <string.h>

void kg_diags_init(kg_diags *d)
{
	memset(d, 0, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
}

void kg_diags_release(kg_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	pthread_mutex_destroy(&d->lock);
	memset(d, 0, sizeof(*d));
}

void kg_diag_vadd(kg_diags *d, kg_severity severity, const char *file, int line, int col, const char *fmt,
                  va_list ap)
{
	kg_buf msg = KG_BUF_INIT;
	kg_buf_vprintf(&msg, fmt, ap);
	pthread_mutex_lock(&d->lock);
	kg_diag *item = kg_array_add(d);
	item->severity = severity;
	item->file = kg_strdup(file);
	item->line = line;
	item->col = col;
	item->message = kg_buf_detach(&msg, NULL);
	if (severity == KG_ERROR)
		d->errors++;
	else if (severity == KG_WARNING)
		d->warnings++;
	pthread_mutex_unlock(&d->lock);
}

void kg_diag_add(kg_diags *d, kg_severity severity, const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kg_diag_vadd(d, severity, file, line, col, fmt, ap);
	va_end(ap);
}

size_t kg_diags_failures(const kg_diags *d) { return d->errors + (d->warnings_as_errors ? d->warnings : 0); }

static int compare_diag(const void *pa, const void *pb)
{
	const kg_diag *a = pa, *b = pb;
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	return strcmp(a->message, b->message);
}

void kg_diags_sort(kg_diags *d)
{
	if (d->count < 2)
		return;
	qsort(d->items, d->count, sizeof(*d->items), compare_diag);
	size_t keep = 1;
	for (size_t i = 1; i < d->count; i++) {
		if (compare_diag(&d->items[keep - 1], &d->items[i]) == 0) {
			if (d->items[i].severity == KG_ERROR)
				d->errors--;
			else if (d->items[i].severity == KG_WARNING)
				d->warnings--;
			free(d->items[i].file);
			free(d->items[i].message);
			continue;
		}
		d->items[keep++] = d->items[i];
	}
	d->count = keep;
}

static const char *severity_name(kg_severity s)
{
	switch (s) {
	case KG_ERROR: return "error";
	case KG_WARNING: return "warning";
	default: return "note";
	}
}

void kg_diags_print(const kg_diags *d, FILE *out, enum kg_diag_format format, int color)
{
	if (format == KG_DIAG_JSON) {
		kg_buf text = KG_BUF_INIT;
		kg_json j;
		kg_json_init(&j, &text, 0);
		kg_json_array_begin(&j, "\n ", d->count ? "\n" : NULL);
		for (size_t i = 0; i < d->count; i++) {
			const kg_diag *g = &d->items[i];
			kg_json_object_begin(&j, NULL, NULL);
			kg_json_key(&j, "severity");
			kg_json_string(&j, severity_name(g->severity));
			kg_json_key(&j, "file");
			kg_json_string(&j, g->file ? g->file : "");
			kg_json_key(&j, "line");
			kg_json_int(&j, g->line);
			kg_json_key(&j, "column");
			kg_json_int(&j, g->col);
			kg_json_key(&j, "message");
			kg_json_string(&j, g->message);
			kg_json_end(&j);
		}
		kg_json_end(&j);
		kg_buf_putc(&text, '\n');
		fwrite(text.data, 1, text.len, out);
		kg_buf_release(&text);
		return;
	}
	for (size_t i = 0; i < d->count; i++) {
		const kg_diag *g = &d->items[i];
		if (g->file) {
			if (color)
				fputs("\033[1m", out);
			fputs(g->file, out);
			if (g->line > 0)
				fprintf(out, ":%d", g->line);
			if (g->line > 0 && g->col > 0)
				fprintf(out, ":%d", g->col);
			fputs(color ? ":\033[0m " : ": ", out);
		} else {
			fputs("kitgen: ", out);
		}
		const char *sev_color = g->severity == KG_ERROR     ? "\033[1;31m"
		                        : g->severity == KG_WARNING ? "\033[1;35m"
		                                                    : "\033[1;36m";
		if (color)
			fprintf(out, "%s%s:\033[0m %s\n", sev_color, severity_name(g->severity), g->message);
		else
			fprintf(out, "%s: %s\n", severity_name(g->severity), g->message);
	}
}
