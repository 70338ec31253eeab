/* status.c: `kitgen status` — translation coverage per language and page. */
#include "cmd/commands.h"

#include "kitgen/base/json.h"
#include "kitgen/build/build.h"
#include "kitgen/locale/locale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "usage: kitgen [-C DIR] status [--lang TAG] [--by-page] [--format table|json]\n"
                            "                              [--fail-under N]\n"
                            "\n"
                            "Shows, per language, the entries translated, fuzzy (needing review after\n"
                            "the English changed), untranslated and refused by the safety checks, and\n"
                            "the share of English words translated, and which pages a native speaker\n"
                            "has reviewed (kitgen review) or whose review is outdated.\n"
                            "\n"
                            "  --lang TAG        only this language\n"
                            "  --by-page         one line per page as well\n"
                            "  --format FORMAT   table (default) or json\n"
                            "  --fail-under N    exit 1 when a language is below N percent\n";

static void json_coverage(kg_json *j, const kg_coverage *c)
{
	kg_json_key(j, "percent");
	kg_json_int(j, kg_coverage_percent(c));
	kg_json_key(j, "translated");
	kg_json_uint(j, c->translated);
	kg_json_key(j, "fuzzy");
	kg_json_uint(j, c->fuzzy);
	kg_json_key(j, "untranslated");
	kg_json_uint(j, c->untranslated);
	kg_json_key(j, "refused");
	kg_json_uint(j, c->refused);
	kg_json_key(j, "entries");
	kg_json_uint(j, c->units);
	kg_json_key(j, "words");
	kg_json_uint(j, c->words);
	kg_json_key(j, "words_translated");
	kg_json_uint(j, c->words_translated);
}

static const char *review_name(kg_review_state r)
{
	return r == KG_REVIEW_CURRENT ? "reviewed" : r == KG_REVIEW_OUTDATED ? "outdated" : "none";
}

static void print_row(const char *label, const char *name, const kg_coverage *c, const char *extra)
{
	/* Pad by the columns the name takes on a terminal, not its bytes, so
	 * names in CJK, Khmer or with combining marks line up too. */
	size_t width = kg_locale_display_width(name);
	int pad = width < 22 ? (int)(22 - width) : 0;
	printf("%-8s %s%*s %3d%% %6zu %5zu %6zu %4zu  %s\n", label, name, pad, "", kg_coverage_percent(c),
	       c->translated, c->fuzzy, c->untranslated, c->refused, extra);
}

int cmd_status(int argc, char **argv, const kg_global_options *global)
{
	const char *only = NULL;
	int by_page = 0, json = 0, fail_under = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "--lang") && i + 1 < argc) {
			only = argv[++i];
		} else if (!strcmp(a, "--by-page")) {
			by_page = 1;
		} else if (!strcmp(a, "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "json") && strcmp(f, "table")) {
				fprintf(stderr, "kitgen status: --format is table or json\n");
				return 2;
			}
			json = !strcmp(f, "json");
		} else if (!strcmp(a, "--fail-under") && i + 1 < argc) {
			char *end;
			long n = strtol(argv[++i], &end, 10);
			if (*end || n < 0 || n > 100) {
				fprintf(stderr,
				        "kitgen status: --fail-under takes a percentage from 0 to 100\n");
				return 2;
			}
			fail_under = (int)n;
		} else {
			fprintf(stderr, "kitgen status: unknown option '%s'\n%s", a, usage);
			return 2;
		}
	}
	kg_diags diags;
	kg_diags_init(&diags);
	kg_status st;
	int rc = kg_status_compute(&st, global->kit_dir, 0, &diags);
	/* Refusals are reported by `kitgen check`; here only errors matter. */
	int exit_code = 0;
	if (rc < 0) {
		kg_diags_sort(&diags);
		kg_diags_print(&diags, stderr, global->json ? KG_DIAG_JSON : KG_DIAG_TEXT, global->color);
		exit_code = 1;
		goto out;
	}
	if (only) {
		int found = 0;
		for (size_t l = 0; l < st.lang_count; l++)
			found |= !strcmp(st.langs[l].lang->tag, only);
		if (!found) {
			fprintf(stderr, "kitgen status: language '%s' is not configured in kit.yaml\n", only);
			exit_code = 2;
			goto out;
		}
	}
	kg_buf text = KG_BUF_INIT;
	kg_json j;
	kg_json_init(&j, &text, 0);
	if (json) {
		kg_json_object_begin(&j, NULL, NULL);
		kg_json_key(&j, "languages");
		kg_json_array_begin(&j, "\n  ", "\n");
	} else
		printf("%-8s %-22s %4s %6s %5s %6s %4s\n", "tag", "language", "done", "transl", "fuzzy",
		       "untr.", "ref.");
	for (size_t l = 0; l < st.lang_count; l++) {
		const kg_status_lang *sl = &st.langs[l];
		if (only && strcmp(sl->lang->tag, only))
			continue;
		if (fail_under >= 0 && !sl->is_source && kg_coverage_percent(&sl->total) < fail_under)
			exit_code = 1;
		if (json) {
			kg_json_object_begin(&j, NULL, NULL);
			kg_json_key(&j, "tag");
			kg_json_string(&j, sl->lang->tag);
			kg_json_key(&j, "name");
			kg_json_string(&j, sl->lang->name);
			kg_json_key(&j, "status");
			kg_json_string(&j, sl->lang->status == KG_STATUS_DRAFT ? "draft" : "reviewed");
			kg_json_key(&j, "source");
			kg_json_bool(&j, sl->is_source);
			kg_json_key(&j, "published_pages");
			kg_json_uint(&j, sl->published);
			kg_json_key(&j, "reviewed_pages");
			kg_json_uint(&j, sl->reviewed_pages);
			kg_json_key(&j, "review_outdated");
			kg_json_uint(&j, sl->review_outdated);
			json_coverage(&j, &sl->total);
			if (by_page) {
				kg_json_key(&j, "pages");
				kg_json_array_begin(&j, "\n    ", NULL);
				for (size_t p = 0; p < st.page_count; p++) {
					kg_json_object_begin(&j, NULL, NULL);
					kg_json_key(&j, "path");
					kg_json_string(&j, sl->pages[p].source_path);
					kg_json_key(&j, "catalog");
					kg_json_string(&j, sl->pages[p].catalog);
					kg_json_key(&j, "published");
					kg_json_bool(&j, sl->pages[p].published);
					kg_json_key(&j, "review");
					kg_json_string(&j, review_name(sl->pages[p].review));
					if (sl->pages[p].review_date) {
						kg_json_key(&j, "review_date");
						kg_json_string(&j, sl->pages[p].review_date);
					}
					json_coverage(&j, &sl->pages[p].coverage);
					kg_json_end(&j);
				}
				kg_json_end(&j);
			}
			kg_json_end(&j);
		} else {
			char extra[128];
			int n = snprintf(extra, sizeof(extra), "%s%s", sl->is_source ? "source" : "",
			                 sl->lang->status == KG_STATUS_DRAFT ? "draft" : "");
			if (sl->reviewed_pages)
				n += snprintf(extra + n, sizeof(extra) - (size_t)n, "%s%zu reviewed",
				              n ? ", " : "", sl->reviewed_pages);
			if (sl->review_outdated)
				snprintf(extra + n, sizeof(extra) - (size_t)n, "%s%zu review outdated",
				         n ? ", " : "", sl->review_outdated);
			print_row(sl->lang->tag, sl->lang->name, &sl->total, extra);
			for (size_t p = 0; by_page && p < st.page_count; p++) {
				const kg_status_page *sp = &sl->pages[p];
				const char *path = sp->source_path + strlen("content/");
				char page_extra[96];
				n = snprintf(page_extra, sizeof(page_extra), "%s",
				             sp->published ? "" : "not published");
				if (sp->review != KG_REVIEW_NONE)
					snprintf(page_extra + n, sizeof(page_extra) - (size_t)n, "%s%s %s",
					         n ? ", " : "",
					         sp->review == KG_REVIEW_CURRENT
					             ? "reviewed"
					             : "review outdated, last reviewed",
					         sp->review_date);
				print_row("", path, &sp->coverage, page_extra);
			}
		}
	}
	if (json) {
		kg_json_end(&j);
		kg_json_end(&j);
		kg_buf_putc(&text, '\n');
		fwrite(text.data, 1, text.len, stdout);
	}
	kg_buf_release(&text);
out:
	kg_status_release(&st);
	kg_diags_release(&diags);
	return exit_code;
}
