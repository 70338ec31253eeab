/* publish.c: the publish gate — what keeps a kit from being printed and
 * published: a base_url that would put the wrong address on every QR code,
 * organization facts still in brackets, and languages claimed as reviewed
 * that are not. A kit that fails it builds as a SAMPLE (marked on every
 * page and handout); `kitgen check --publish` lists every problem in one
 * run and `kitgen build --publish` refuses to build until there are none.
 * Drafts are reported as drafts, not failures. Owns nothing. */
#include "build/build_internal.h"

#include "kitgen/base/url.h"

#include <string.h>
#include <strings.h>

/* Hosts that are never a real site: RFC 2606 and 6761 names, loopback. */
static const char *reserved_host(const char *url)
{
	const char *host = strstr(url, "://");
	if (!host)
		return NULL;
	host += 3;
	size_t n = strcspn(host, "/:?#");
	static const char *const exact[] = {"example.org", "example.com", "example.net", "localhost",
	                                    "127.0.0.1",   "[::1]",       NULL};
	static const char *const suffix[] = {".example",     ".test",        ".invalid",     ".localhost",
	                                     ".example.org", ".example.com", ".example.net", NULL};
	for (size_t i = 0; exact[i]; i++)
		if (strlen(exact[i]) == n && !strncasecmp(host, exact[i], n))
			return exact[i];
	for (size_t i = 0; suffix[i]; i++) {
		size_t k = strlen(suffix[i]);
		if (n >= k && !strncasecmp(host + n - k, suffix[i], k))
			return suffix[i];
	}
	return NULL;
}

static size_t check_base_url(const kg_config *cfg, kg_diags *d)
{
	const char *url = cfg->base_url;
	int line = cfg->base_url_line ? cfg->base_url_line : 1,
	    col = cfg->base_url_line ? cfg->base_url_col : 1;
	const char *host;
	if (!cfg->base_url_line || !strcmp(url, "/")) {
		kg_error(
		    d, "kit.yaml", line, col,
		    "base_url is not set: handouts' QR codes and links need the address the site will have "
		    "(such as https://your-organization.org/safety-kit/)");
	} else if (!kg_url_has_scheme(url) ||
	           (strncasecmp(url, "https://", 8) && strncasecmp(url, "http://", 7))) {
		kg_error(d, "kit.yaml", line, col,
		         "base_url '%s' has no https:// in front: links would lead nowhere", url);
	} else if ((host = reserved_host(url))) {
		kg_error(d, "kit.yaml", line, col,
		         "base_url '%s' is a placeholder address (%s); set the address the site will have",
		         url, host);
	} else {
		return 0;
	}
	return 1;
}

static size_t check_vars(const kg_config *cfg, kg_diags *d)
{
	size_t problems = 0;
	for (size_t i = 0; i < cfg->var_count; i++) {
		const kg_kit_var *v = &cfg->vars[i];
		if (!kg_var_is_reminder(v->value))
			continue;
		kg_error(d, "kit.yaml", v->line, v->col,
		         "var '%s' is still %s%s%s: fill it in before printing", v->name,
		         v->value[0] ? "'" : "empty", v->value, v->value[0] ? "'" : "");
		problems++;
	}
	for (size_t l = 0; l < cfg->language_count; l++)
		for (size_t i = 0; i < cfg->languages[l].var_count; i++) {
			const kg_kit_var *v = &cfg->languages[l].vars[i];
			if (!kg_var_is_reminder(v->value))
				continue;
			kg_error(d, "kit.yaml", v->line, v->col, "var '%s' for '%s' is still '%s'", v->name,
			         cfg->languages[l].tag, v->value);
			problems++;
		}
	return problems;
}

static size_t check_languages(const build *b, kg_diags *d)
{
	const site *s = &b->site;
	size_t problems = 0;
	for (size_t l = 0; l < s->lang_count; l++) {
		const lang_state *ls = &s->langs[l];
		const kg_language *lang = ls->lang;
		if (ls->is_source)
			continue;
		const kg_coverage *c = &ls->total;
		if (lang->status == KG_STATUS_REVIEWED && (c->untranslated || c->fuzzy || c->refused)) {
			kg_error(
			    d, "kit.yaml", lang->line, lang->col,
			    "'%s' is marked reviewed but has %zu untranslated, %zu fuzzy and %zu refused entries",
			    lang->tag, c->untranslated, c->fuzzy, c->refused);
			problems++;
		} else if (lang->status == KG_STATUS_DRAFT) {
			kg_diag_add(
			    d, KG_NOTE, "kit.yaml", lang->line, lang->col,
			    "'%s' is a draft: its pages say so until a native speaker has reviewed it",
			    lang->tag);
		}
		if (lang->min_coverage && kg_coverage_percent(c) < lang->min_coverage) {
			kg_error(d, "kit.yaml", lang->line, lang->col,
			         "'%s' is %d%% translated, below its min_coverage of %d%%", lang->tag,
			         kg_coverage_percent(c), lang->min_coverage);
			problems++;
		}
	}
	return problems;
}

size_t build_publish_check(const build *b, kg_diags *d)
{
	const kg_config *cfg = &b->site.kit.config;
	return check_base_url(cfg, d) + check_vars(cfg, d) + check_languages(b, d);
}

size_t kg_publish_check(const kg_status *status, kg_diags *diags)
{
	return status->internal ? build_publish_check(status->internal, diags) : 0;
}
