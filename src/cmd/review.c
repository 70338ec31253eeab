/* review.c: `kitgen review` — records that a native speaker reviewed the
 * current translations of some pages in one language (the records and
 * their hash: catalog/review.h; the checks: workflow/review.c). */
#include "cmd/commands.h"

#include "kitgen/workflow/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: kitgen [-C DIR] review --lang TAG --by NAME [--note TEXT] [--date YYYY-MM-DD] PAGE...\n"
    "\n"
    "Records in locales/TAG/REVIEWS that NAME, a native speaker, reviewed the\n"
    "current translation of each PAGE (content/<path>.md, <path>.md or <path>).\n"
    "A reviewed page shows \"Reviewed by a native speaker on <date>\" instead of\n"
    "the draft notice, on the page and its handouts, until its translation or\n"
    "its English changes; kitgen status then says \"review outdated\".\n"
    "A page with untranslated, fuzzy or refused units is refused, naming them;\n"
    "then nothing is recorded.\n"
    "\n"
    "  --lang TAG          the language reviewed\n"
    "  --by NAME           who reviewed it\n"
    "  --note TEXT         a short note kept with the record\n"
    "  --date YYYY-MM-DD   the date of the review (default: today, or\n"
    "                      SOURCE_DATE_EPOCH when set)\n";

static int usage_error(const char *message, const char *arg)
{
	fprintf(stderr, "kitgen review: %s%s%s\n%s", message, arg ? " " : "", arg ? arg : "", usage);
	return 2;
}

static int date_ok(const char *d)
{
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	int month = atoi(d + 5), day = atoi(d + 8);
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int cmd_review(int argc, char **argv, const kg_global_options *global)
{
	kg_review_request req = {.kit_dir = global->kit_dir};
	const char **pages = calloc((size_t)argc, sizeof(*pages));
	char today[16];
	int code = 2;
	if (!pages)
		return 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			code = 0;
			goto out;
		} else if (!strcmp(a, "--lang") && i + 1 < argc) {
			req.lang = argv[++i];
		} else if (!strcmp(a, "--by") && i + 1 < argc) {
			req.reviewer = argv[++i];
		} else if (!strcmp(a, "--note") && i + 1 < argc) {
			req.note = argv[++i];
		} else if (!strcmp(a, "--date") && i + 1 < argc) {
			req.date = argv[++i];
			if (!date_ok(req.date)) {
				code = usage_error("--date takes YYYY-MM-DD, not", req.date);
				goto out;
			}
		} else if (a[0] == '-' && a[1]) {
			code = usage_error("unknown option", a);
			goto out;
		} else {
			pages[req.page_count++] = a;
		}
	}
	if (!req.lang || !req.reviewer || !req.page_count) {
		code = usage_error("--lang, --by and at least one page are needed", NULL);
		goto out;
	}
	if (!req.date) {
		time_t now = (time_t)global->now;
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		req.date = today;
	}
	req.pages = pages;
	kg_diags diags;
	kg_diags_init(&diags);
	int rc = kg_review_record(&req, &diags);
	kg_diags_sort(&diags);
	kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
	if (rc == 0)
		fprintf(stderr, "kitgen: review: %zu %s of '%s' recorded as reviewed by %s on %s\n",
		        req.page_count, cmd_plural(req.page_count, "page", "pages"), req.lang, req.reviewer,
		        req.date);
	else
		fprintf(stderr, "kitgen: review: nothing recorded\n");
	code = rc == 0 ? 0 : 1;
	kg_diags_release(&diags);
out:
	free(pages);
	return code;
}
