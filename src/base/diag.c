/* diag.c: the diagnostics list and its one printer (see diag.h).
 * Owns every diagnostic's file and message strings. */
#include "kitgen/base/diag.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/buf.h"

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

void kg_diag_vadd(kg_diags *d, kg_severity severity, const char *file, int line, int col,
                  const char *fmt, va_list ap)
{
	kg_buf msg = KG_BUF_INIT;
	kg_buf_vprintf(&msg, fmt, ap);
	pthread_mutex_lock(&d->lock);
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = kg_realloc(d->items, d->cap * sizeof(*d->items));
	}
	kg_diag *item = &d->items[d->count++];
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

void kg_diag_add(kg_diags *d, kg_severity severity, const char *file, int line, int col,
                 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kg_diag_vadd(d, severity, file, line, col, fmt, ap);
	va_end(ap);
}

size_t kg_diags_failures(const kg_diags *d)
{
	return d->errors + (d->warnings_as_errors ? d->warnings : 0);
}

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

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

void kg_diags_print(const kg_diags *d, FILE *out, enum kg_diag_format format, int color)
{
	if (format == KG_DIAG_JSON) {
		fputs("[", out);
		for (size_t i = 0; i < d->count; i++) {
			const kg_diag *g = &d->items[i];
			fputs(i ? ",\n {" : "\n {", out);
			fputs("\"severity\":", out);
			json_string(out, severity_name(g->severity));
			fputs(",\"file\":", out);
			json_string(out, g->file ? g->file : "");
			fprintf(out, ",\"line\":%d,\"column\":%d,\"message\":", g->line, g->col);
			json_string(out, g->message);
			fputs("}", out);
		}
		fputs(d->count ? "\n]\n" : "]\n", out);
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
