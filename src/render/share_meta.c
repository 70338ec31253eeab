/* share_meta.c: what pages tell link previews and partners about the
 * files made for them: whether a page has files of its own in a language,
 * the names of a page's share images and office copies (one place, for
 * the page's og: tags, the files written beside it and the partner page),
 * and a language as Open Graph writes it (og:locale, "vi_VN"). Owns
 * nothing. */
#include "render/site.h"

#include <string.h>
#include <unicode/uloc.h>

int site_page_has_own_files(const lang_state *ls, size_t page_index)
{
	return ls->is_source || ls->pages[page_index].coverage.translated > 0;
}

void site_partner_file_name(const kg_page *page, const char *tag, site_partner_file file, kg_buf *out)
{
	static const char *const suffixes[] = {"-share.png", "-square.png", ".docx", ".odt"};
	const char *slash = strrchr(page->rel_path, '/');
	const char *slug = page->rel_path[0] ? (slash ? slash + 1 : page->rel_path) : "home";
	kg_buf_printf(out, "%s-%s%s", slug, tag, suffixes[file]);
}

void site_og_locale(const char *tag, kg_buf *out)
{
	char full[ULOC_FULLNAME_CAPACITY], language[ULOC_LANG_CAPACITY], country[ULOC_COUNTRY_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	uloc_addLikelySubtags(tag, full, sizeof(full), &status);
	if (U_FAILURE(status))
		strcpy(full, tag);
	status = U_ZERO_ERROR;
	uloc_getLanguage(full, language, sizeof(language), &status);
	if (U_FAILURE(status) || !language[0]) {
		kg_buf_puts(out, tag);
		return;
	}
	status = U_ZERO_ERROR;
	int n = uloc_getCountry(full, country, sizeof(country), &status);
	kg_buf_puts(out, language);
	if (U_SUCCESS(status) && n > 0)
		kg_buf_printf(out, "_%s", country);
}
