/* site.c: the few operations on the site model itself (see site.h):
 * asking the build's hooks what the previous build recorded, finding the
 * source language's state. Owns nothing. */
#include "render/site.h"

int site_previous_same(const site *s, const char *lang, const char *id, uint64_t key, site_file_record *old)
{
	if (!s->hooks.previous || !s->hooks.previous(s->hooks.ctx, lang, id, old))
		return 0;
	return old->key == key;
}

void site_record(const site *s, const char *lang, const char *id, const site_file_record *rec)
{
	if (s->hooks.record)
		s->hooks.record(s->hooks.ctx, lang, id, rec);
}

const lang_state *site_source_state(const site *s)
{
	for (size_t i = 0; i < s->lang_count; i++)
		if (s->langs[i].is_source)
			return &s->langs[i];
	return NULL; /* not after a load: kit.yaml's source language is one of its languages (config.c) */
}
