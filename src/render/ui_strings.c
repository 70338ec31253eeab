/* ui_strings.c: the table of kitgen's own interface strings (see
 * ui_strings.h). Static data; owns nothing. */
#include "kitgen/render/ui_strings.h"

#include <string.h>

#define ON_HANDOUTS "printed on PDF handouts"
#define FOR_PARTNERS "on the page for partners who republish the kit"
#define IN_DOWNLOADS "in the list of downloads and the README of each language's zip"

const kg_ui_string kg_ui_strings[KG_UI_COUNT] = {
    [KG_UI_HANDOUT] = {"handout", "Handout", ON_HANDOUTS},
    [KG_UI_LARGE_PRINT] = {"handout", "Large print", ON_HANDOUTS},
    [KG_UI_BILINGUAL] = {"handout", "Bilingual", ON_HANDOUTS},
    [KG_UI_PAGE_N_OF_M] = {"handout", "Page {n} of {m}", ON_HANDOUTS},
    [KG_UI_QR_CAPTION] = {"handout", "Scan to open this page online", ON_HANDOUTS},
    [KG_UI_TEXT_VERSION] = {"download", "Text version", IN_DOWNLOADS},
    [KG_UI_MARKDOWN_VERSION] = {"download", "Markdown version", IN_DOWNLOADS},
    [KG_UI_TEXT_IN_ENCODING] = {"download", "Text in {encoding}", IN_DOWNLOADS},
    [KG_UI_BUNDLE] = {"download", "Everything in this language, for use without internet", IN_DOWNLOADS},
    [KG_UI_BUNDLE_README] = {"download",
                             "This folder holds the {kit} in {language}: the web pages (open index.html in a "
                             "browser), a text and a Markdown version of every page, and the printable "
                             "handouts. Everything works without internet.",
                             IN_DOWNLOADS},
    /* Also in the default templates (so ui.pot has them from there first). */
    [KG_UI_UPDATED] = {NULL, "Updated {date}", "a page's date, on pages and handouts"},
    [KG_UI_DRAFT_NOTICE] = {NULL,
                            "This translation is a draft that has not yet been reviewed by a native speaker. "
                            "Check important details, such as phone numbers, against the English version.",
                            "on pages and handouts of a language marked draft"},
    [KG_UI_DOWNLOADS] = {NULL, "Downloads", "the title of each language's downloads page"},
    [KG_UI_SAMPLE_MARK] = {"handout", "SAMPLE — fill in your organization's details before printing",
                           "across every handout page until the kit passes kitgen check --publish"},
    [KG_UI_SHARE_IMAGE] = {"download", "Share image (1200 × 630)", FOR_PARTNERS},
    [KG_UI_SQUARE_IMAGE] = {"download", "Square share image (1080 × 1080)", FOR_PARTNERS},
    [KG_UI_DOCX] = {"download", "Word document (DOCX)", IN_DOWNLOADS},
    [KG_UI_ODT] = {"download", "OpenDocument text (ODT)", IN_DOWNLOADS},
    [KG_UI_ONLINE_AT] = {"download", "Online: {url}",
                         "the last line of each page's Word and OpenDocument copies"},
    [KG_UI_PARTNERS] = {NULL, "For partners", "the title of each language's page for partners who republish"},
    [KG_UI_CREDIT] = {"partners", "{kit}, {organization}, {url}",
                      "the credit line partners are asked to print with what they republish"},
    [KG_UI_CARD] = {"handout", "Wallet card",
                    "a download: the page's phrases on credit-card sized cards to print and cut out"},
    [KG_UI_BOOKLET] = {"handout", "Booklet",
                       "a download: the handout as a booklet to print double-sided, fold and staple"},
    [KG_UI_IN_SOURCE_LANGUAGE] = {"download", "{file}, in {language}",
                                  "a download of a page not yet translated: {file} is what it is (Handout, "
                                  "Large print), {language} the name of the language it is in"},
    [KG_UI_REVIEWED] = {NULL, "Reviewed by a native speaker on {date}",
                        "on a page and its handouts, in place of the draft notice, once a native speaker "
                        "has signed off the page's current translation (kitgen review); {date} is the "
                        "date of that review"},
    [KG_UI_SLIDES] = {"handout", "Slides", "a download: the page as a slide deck to show in a training"},
    [KG_UI_CONTINUED] =
        {"handout", "{title} (cont.)",
         "the title of a slide that continues the one before it: {title} is that slide's title"},
};
