/* layout_cache.c: finished Pango layouts kept per thread, so that the same
 * text laid out the same way is shaped once. A bilingual handout's
 * translated paragraphs are the standard handout's of the same set, and
 * its English lines are the English handout's and every other language's
 * bilingual handout's; shaping (HarfBuzz, through Pango) is most of the
 * time a handout takes, and most of all in Nastaliq and Khmer.
 *
 * A layout is found by a key naming everything it was made from (the
 * caller's: language, direction, font, size, width, line spacing, text and
 * attributes), and the bytes of two layouts with equal keys are equal:
 * every handout context is made with the same settings (layout.c), so a
 * layout made in one document's context is the one another would make.
 *
 * Owns, per thread, up to KEEP_BYTES (estimated) of layouts, each with a
 * reference of its own; all are dropped when that is passed, when the
 * thread exits and at pdf_layout_cache_release(). A layout handed out is
 * shared: callers must not change it (pdf_layout_cache_at_width() makes
 * the copy that pdf_pad_boxes narrows, and keeps it too). Pango objects
 * are not shared between threads, hence one cache per thread, as the font
 * map (fonts.c).
 */
#include "pdf/pdf_internal.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/hash.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* A layout costs about 40 bytes per byte of text (glyphs, clusters, lines,
 * runs); keys are mostly text. 32 MB of layouts per thread at most. */
#define BYTES_PER_KEY_BYTE 40
#define KEEP_BYTES ((size_t)32 << 20)

typedef struct kept_layout {
	uint64_t hash;
	char *key; /* owned; NULL: an empty slot */
	size_t key_len;
	PangoLayout *layout; /* one reference, the cache's */
} kept_layout;

typedef struct layout_cache {
	kept_layout *slots; /* open addressing, a power of two */
	size_t cap, count, bytes;
} layout_cache;

static atomic_int cache_off; /* pdf_layout_cache_use(0): tests' reference */
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static pthread_key_t cache_key;

static void cache_clear(layout_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].key) {
			free(c->slots[i].key);
			g_object_unref(c->slots[i].layout);
		}
	free(c->slots);
	memset(c, 0, sizeof(*c));
}

static void cache_free(void *p)
{
	layout_cache *c = p;
	cache_clear(c);
	free(c);
}

static void cache_init(void) { pthread_key_create(&cache_key, cache_free); }

static layout_cache *this_thread_cache(int make)
{
	pthread_once(&cache_once, cache_init);
	layout_cache *c = pthread_getspecific(cache_key);
	if (!c && make) {
		c = kg_calloc(1, sizeof(*c));
		pthread_setspecific(cache_key, c);
	}
	return c;
}

static kept_layout *slot_for(const layout_cache *c, uint64_t hash, const char *key, size_t len)
{
	size_t i = (size_t)hash & (c->cap - 1);
	while (c->slots[i].key && !(c->slots[i].hash == hash && c->slots[i].key_len == len &&
	                            !memcmp(c->slots[i].key, key, len)))
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

PangoLayout *pdf_layout_cache_find(const char *key, size_t len)
{
	layout_cache *c = this_thread_cache(0);
	if (!c || !c->count || atomic_load(&cache_off))
		return NULL;
	kept_layout *k = slot_for(c, kg_hash64(key, len, 0), key, len);
	return k->key ? g_object_ref(k->layout) : NULL;
}

void pdf_layout_cache_keep(const char *key, size_t len, PangoLayout *layout)
{
	if (atomic_load(&cache_off))
		return;
	layout_cache *c = this_thread_cache(1);
	size_t cost = len * BYTES_PER_KEY_BYTE;
	if (cost > KEEP_BYTES / 4)
		return; /* one huge paragraph would push everything else out */
	if (c->bytes + cost > KEEP_BYTES)
		cache_clear(c);            /* the documents of a set come together: start again */
	if ((c->count + 1) * 2 > c->cap) { /* grow: at most half full */
		layout_cache grown = {kg_calloc(c->cap ? c->cap * 2 : 256, sizeof(kept_layout)),
		                      c->cap ? c->cap * 2 : 256, c->count, c->bytes};
		for (size_t i = 0; i < c->cap; i++)
			if (c->slots[i].key)
				*slot_for(&grown, c->slots[i].hash, c->slots[i].key, c->slots[i].key_len) =
				    c->slots[i];
		free(c->slots);
		*c = grown;
	}
	uint64_t hash = kg_hash64(key, len, 0);
	kept_layout *k = slot_for(c, hash, key, len);
	if (k->key)
		return; /* already kept */
	k->hash = hash;
	k->key = kg_malloc(len ? len : 1);
	memcpy(k->key, key, len);
	k->key_len = len;
	k->layout = g_object_ref(layout);
	c->count++;
	c->bytes += cost;
}

PangoLayout *pdf_layout_cache_at_width(PangoLayout *layout, int width)
{
	/* The key: everything a copy takes from the layout that layout.c sets
	 * or could (tabs, never set, are left out), and the new width; the
	 * font and the attributes with their lengths and the text last, so
	 * that no two keys run together. */
	PangoContext *context = pango_layout_get_context(layout);
	const PangoFontDescription *desc = pango_layout_get_font_description(layout);
	char *font = desc ? pango_font_description_to_string(desc) : NULL;
	PangoAttrList *attrs = pango_layout_get_attributes(layout);
	char *attr_text = attrs ? pango_attr_list_to_string(attrs) : NULL;
	const char *text = pango_layout_get_text(layout);
	kg_buf key = KG_BUF_INIT;
	kg_buf_printf(&key, "at width %d|%s|%d|%d|%d|%d|%d|%d|%d|%d|%d|%.9g|%zu|%s|%zu|", width,
	              pango_language_to_string(pango_context_get_language(context)),
	              (int)pango_context_get_base_dir(context), (int)pango_layout_get_alignment(layout),
	              (int)pango_layout_get_wrap(layout), pango_layout_get_auto_dir(layout),
	              pango_layout_get_indent(layout), pango_layout_get_spacing(layout),
	              pango_layout_get_justify(layout), (int)pango_layout_get_ellipsize(layout),
	              pango_layout_get_height(layout), (double)pango_layout_get_line_spacing(layout),
	              strlen(font ? font : ""), font ? font : "", strlen(attr_text ? attr_text : ""));
	kg_buf_puts(&key, attr_text ? attr_text : "");
	kg_buf_puts(&key, text ? text : "");
	g_free(font);
	g_free(attr_text);
	PangoLayout *copy = pdf_layout_cache_find(key.data, key.len);
	if (!copy) {
		copy = pango_layout_copy(layout);
		pango_layout_set_width(copy, width);
		pdf_layout_cache_keep(key.data, key.len, copy);
	}
	kg_buf_release(&key);
	return copy;
}

void pdf_layout_cache_release(void)
{
	layout_cache *c = this_thread_cache(0);
	if (c) {
		pthread_setspecific(cache_key, NULL);
		cache_free(c);
	}
}

void pdf_layout_cache_use(int on) { atomic_store(&cache_off, !on); }
