/* ui_strings.h: the interface strings kitgen itself writes into pages,
 * handouts and zips (not the templates' own {{ t "..." }} strings), in one
 * table. The build looks them up by id and `kitgen extract` writes every
 * entry into ui.pot from the same table, so the two cannot disagree. (The
 * audience and strategy labels are the kit's: kit.yaml's taxonomies.)
 * The table is static: nothing here is allocated or freed.
 */
#ifndef KITGEN_RENDER_UI_STRINGS_H
#define KITGEN_RENDER_UI_STRINGS_H

#include <stddef.h>

typedef enum kg_ui_id {
	KG_UI_HANDOUT,
	KG_UI_LARGE_PRINT,
	KG_UI_BILINGUAL,
	KG_UI_PAGE_N_OF_M,
	KG_UI_QR_CAPTION,
	KG_UI_TEXT_VERSION,
	KG_UI_MARKDOWN_VERSION,
	KG_UI_TEXT_IN_ENCODING,
	KG_UI_BUNDLE,
	KG_UI_BUNDLE_README,
	KG_UI_UPDATED,
	KG_UI_DRAFT_NOTICE,
	KG_UI_DOWNLOADS,
	KG_UI_SAMPLE_MARK,
	KG_UI_SHARE_IMAGE,
	KG_UI_SQUARE_IMAGE,
	KG_UI_DOCX,
	KG_UI_ODT,
	KG_UI_ONLINE_AT,
	KG_UI_PARTNERS,
	KG_UI_CREDIT,
	KG_UI_CARD,
	KG_UI_BOOKLET,
	KG_UI_IN_SOURCE_LANGUAGE,
	KG_UI_REVIEWED,
	KG_UI_SLIDES,
	KG_UI_CONTINUED,
	KG_UI_COUNT
} kg_ui_id;

typedef struct kg_ui_string {
	const char *msgctxt; /* NULL: no context */
	const char *msgid;   /* the English text, also the fallback */
	const char *comment; /* "#." comment for translators in ui.pot */
} kg_ui_string;

/* Indexed by kg_ui_id. */
extern const kg_ui_string kg_ui_strings[KG_UI_COUNT];

#endif
