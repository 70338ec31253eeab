/* ui_strings.c: the table of kitgen's own interface strings (see
 * ui_strings.h). Static data; owns nothing. */
#include "kitgen/render/ui_strings.h"

#include <string.h>

#define FRONT_MATTER(kind, key) "the " kind " '" key "' in front matter"
#define ON_HANDOUTS "printed on PDF handouts"
#define IN_DOWNLOADS "in the list of downloads and the README of each language's zip"

const kg_ui_string kg_ui_strings[KG_UI_COUNT] = {
    [KG_UI_AUDIENCE_EVERYONE] = {"audience", "Everyone", "everyone", FRONT_MATTER("audience", "everyone")},
    [KG_UI_AUDIENCE_ELDERS] = {"audience", "Elders", "elders", FRONT_MATTER("audience", "elders")},
    [KG_UI_AUDIENCE_YOUTH] = {"audience", "Youth", "youth", FRONT_MATTER("audience", "youth")},
    [KG_UI_AUDIENCE_BUSINESS_OWNERS] = {"audience", "Business owners", "business-owners",
                                        FRONT_MATTER("audience", "business-owners")},
    [KG_UI_AUDIENCE_TRAINERS] = {"audience", "Trainers", "trainers", FRONT_MATTER("audience", "trainers")},
    [KG_UI_AUDIENCE_FAMILIES] = {"audience", "Families", "families", FRONT_MATTER("audience", "families")},
    [KG_UI_STRATEGY_EDUCATION] = {"strategy", "Community education and mobilization", "education",
                                  FRONT_MATTER("strategy", "education")},
    [KG_UI_STRATEGY_SERVICES] = {"strategy",
                                 "Direct services, mental health and organizational sustainability",
                                 "services", FRONT_MATTER("strategy", "services")},
    [KG_UI_STRATEGY_ADVOCACY] = {"strategy", "Advocacy and leadership", "advocacy",
                                 FRONT_MATTER("strategy", "advocacy")},
    [KG_UI_HANDOUT] = {"handout", "Handout", NULL, ON_HANDOUTS},
    [KG_UI_LARGE_PRINT] = {"handout", "Large print", NULL, ON_HANDOUTS},
    [KG_UI_BILINGUAL] = {"handout", "Bilingual", NULL, ON_HANDOUTS},
    [KG_UI_PAGE_N_OF_M] = {"handout", "Page {n} of {m}", NULL, ON_HANDOUTS},
    [KG_UI_QR_CAPTION] = {"handout", "Scan to open this page online", NULL, ON_HANDOUTS},
    [KG_UI_TEXT_VERSION] = {"download", "Text version", NULL, IN_DOWNLOADS},
    [KG_UI_MARKDOWN_VERSION] = {"download", "Markdown version", NULL, IN_DOWNLOADS},
    [KG_UI_TEXT_IN_ENCODING] = {"download", "Text in {encoding}", NULL, IN_DOWNLOADS},
    [KG_UI_BUNDLE] = {"download", "Everything in this language, for use without internet", NULL,
                      IN_DOWNLOADS},
    [KG_UI_BUNDLE_README] = {"download",
                             "This folder holds the {kit} in {language}: the web pages (open index.html in a "
                             "browser), a text and a Markdown version of every page, and the printable "
                             "handouts. Everything works without internet.",
                             NULL, IN_DOWNLOADS},
    /* Also in the default templates (so ui.pot has them from there first). */
    [KG_UI_UPDATED] = {NULL, "Updated {date}", NULL, "a page's date, on pages and handouts"},
    [KG_UI_DRAFT_NOTICE] = {NULL,
                            "This translation is a draft that has not yet been reviewed by a native speaker. "
                            "Check important details, such as phone numbers, against the English version.",
                            NULL, "on pages and handouts of a language marked draft"},
    [KG_UI_DOWNLOADS] = {NULL, "Downloads", NULL, "the title of each language's downloads page"},
};

const kg_ui_string *kg_ui_label(const char *msgctxt, const char *key)
{
	for (size_t i = 0; i < KG_UI_COUNT; i++) {
		const kg_ui_string *s = &kg_ui_strings[i];
		if (s->key && !strcmp(s->msgctxt, msgctxt) && !strcmp(s->key, key))
			return s;
	}
	return NULL;
}
