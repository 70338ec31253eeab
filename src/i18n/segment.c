/* segment.c: the one walk over a page that defines its translation units
 * (see segment.h), the minimal-escape inline Markdown writer translators
 * see, and the inline parser used to put translations back.
 * Owns nothing beyond each call; nodes belong to the caller's document. */
#include "kitgen/i18n/segment.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *kg_segment_kind_name(kg_segment_kind kind)
{
	switch (kind) {
	case KG_SEG_TITLE: return "title";
	case KG_SEG_SUMMARY: return "summary";
	case KG_SEG_HEADING: return "heading";
	case KG_SEG_PARAGRAPH: return "paragraph";
	case KG_SEG_LIST_ITEM: return "list item";
	case KG_SEG_QUOTE: return "block quote";
	case KG_SEG_ALT: return "image alt text";
	}
	return "text";
}

/* Softbreaks become spaces: a unit is one line for translators, and a line
 * break chosen for the English text means nothing in another language. */
static void soften_breaks(cmark_node *doc)
{
	/* Collect first: unlinking the iterator's current node would end the walk. */
	KG_ARRAY(cmark_node *) breaks = KG_ARRAY_INIT;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK)
			kg_array_push(&breaks, n);
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < breaks.count; i++) {
		cmark_node *space = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(space, " ");
		cmark_node_insert_before(breaks.items[i], space);
		cmark_node_free(breaks.items[i]);
	}
	if (breaks.count)
		cmark_consolidate_text_nodes(doc);
	kg_array_release(&breaks);
}

/* ---- organizer notes ---- */

/* An organizer note is an HTML comment whose text begins with "organizer:"
 * (any case; spaces may surround the word): advice for whoever adapts the
 * kit, which no reader and no translator should see. Cutting notes out of
 * the tree as it is parsed, before anything walks it, keeps them out of
 * units, catalogs, coverage, HTML, exports, PDFs and the search index at
 * once. A note ends at its "-->"; one without it runs to the end of its
 * block, as an unclosed comment hides the rest of an HTML page. */

/* Where a note was cut out of inline text, until the spaces around it are
 * tidied: U+FDD0, a noncharacter, which Unicode reserves for such internal
 * use, so no text holds it. */
#define NOTE_MARK "\xEF\xB7\x90"
#define NOTE_MARK_LEN 3

static int is_blank(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Length of the opener of a note at s ("<!-- organizer:"), or 0. */
static size_t note_opener(const char *s)
{
	static const char word[] = "organizer";
	if (strncmp(s, "<!--", 4) != 0)
		return 0;
	size_t i = 4;
	while (is_blank((unsigned char)s[i]))
		i++;
	for (size_t k = 0; word[k]; k++, i++)
		if (tolower((unsigned char)s[i]) != word[k])
			return 0;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

/* The first note in s, or NULL. */
static const char *find_note(const char *s)
{
	for (const char *p = strstr(s, "<!--"); p; p = strstr(p + 1, "<!--"))
		if (note_opener(p))
			return p;
	return NULL;
}

/* Copies s into out without its notes, a mark where each was (when mark).
 * *open says whether s begins inside a note, and on return whether it ends
 * inside one. */
static void cut_notes(const char *s, int *open, int mark, kg_buf *out)
{
	while (*s) {
		if (*open) {
			const char *end = strstr(s, "-->");
			if (!end)
				return;
			s = end + 3;
			*open = 0;
			continue;
		}
		const char *note = find_note(s);
		if (!note) {
			kg_buf_puts(out, s);
			return;
		}
		kg_buf_add(out, s, (size_t)(note - s));
		if (mark)
			kg_buf_puts(out, NOTE_MARK);
		s = note + note_opener(note);
		*open = 1;
	}
}

/* Removes the marks from a text node, with the spaces a note leaves behind:
 * "a <note> b" reads "a b", and a note first or last in its block leaves no
 * leading or trailing space. */
static void tidy_marks(cmark_node *text, int first, int last, kg_buf *out)
{
	const char *s = cmark_node_get_literal(text);
	int marked = 0;
	kg_buf_reset(out);
	while (*s) {
		if (strncmp(s, NOTE_MARK, NOTE_MARK_LEN) != 0) {
			kg_buf_putc(out, *s++);
			continue;
		}
		s += NOTE_MARK_LEN;
		marked = 1;
		if (out->len ? is_blank((unsigned char)out->data[out->len - 1]) : first)
			while (is_blank((unsigned char)*s))
				s++;
	}
	if (!marked)
		return;
	if (last)
		while (out->len && is_blank((unsigned char)out->data[out->len - 1]))
			out->data[--out->len] = '\0';
	cmark_node_set_literal(text, out->data);
}

/* Frees node and then every container above it that it leaves empty (a list
 * item, a list, a block quote), so no empty bullet or bar is drawn. */
static void remove_block(cmark_node *node)
{
	while (node) {
		cmark_node *parent = cmark_node_parent(node);
		cmark_node_free(node);
		cmark_node_type type = parent ? cmark_node_get_type(parent) : CMARK_NODE_NONE;
		int container =
		    type == CMARK_NODE_ITEM || type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE;
		node = container && !cmark_node_first_child(parent) ? parent : NULL;
	}
}

static int is_inline_text(cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);
	return type == CMARK_NODE_TEXT || type == CMARK_NODE_HTML_INLINE;
}

/* Joins the text children of parent and tidies the marks in them. */
static void tidy_inline(cmark_node *parent, kg_buf *tmp)
{
	cmark_consolidate_text_nodes(parent);
	cmark_node *next;
	for (cmark_node *c = cmark_node_first_child(parent); c; c = next) {
		next = cmark_node_next(c);
		if (cmark_node_get_type(c) != CMARK_NODE_TEXT)
			continue;
		tidy_marks(c, !cmark_node_previous(c), !next, tmp);
		if (!cmark_node_get_literal(c)[0])
			cmark_node_free(c);
	}
}

/* Cuts the notes out of the inline children of parent (a paragraph,
 * heading, emphasis, link or image). A note may span several children when
 * CommonMark did not take it for a comment (it holds "--"): every child
 * inside it goes. */
static void cut_inline_notes(cmark_node *parent, kg_buf *tmp)
{
	int open = 0;
	cmark_node *next;
	for (cmark_node *c = cmark_node_first_child(parent); c; c = next) {
		next = cmark_node_next(c);
		if (!is_inline_text(c)) {
			if (open)
				cmark_node_free(c);
			continue;
		}
		int was_open = open;
		kg_buf_reset(tmp);
		cut_notes(cmark_node_get_literal(c), &open, 1, tmp);
		if (!was_open && !open && !strstr(tmp->data, NOTE_MARK))
			continue; /* no note here */
		/* A comment is a whole raw-HTML node, so what is left is text:
		 * around the note, or after the "-->" of one opened before. */
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(text, tmp->data);
		cmark_node_insert_before(c, text);
		cmark_node_free(c);
	}
	tidy_inline(parent, tmp);
}

static int has_inline_note(cmark_node *parent)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
		if (is_inline_text(c) && find_note(cmark_node_get_literal(c)))
			return 1;
	return 0;
}

/* Frees n when cutting notes left it empty (an emphasis, or a paragraph or
 * heading, which would draw as nothing or as a stray "**" for translators),
 * then each node above it left empty in turn, up to one whose own notes
 * are still to be cut (it checks itself then). */
static void remove_emptied(cmark_node *n, kg_buf *tmp)
{
	while (n && !cmark_node_first_child(n)) {
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
			remove_block(n);
			return;
		}
		if (type != CMARK_NODE_EMPH && type != CMARK_NODE_STRONG)
			return;
		cmark_node *parent = cmark_node_parent(n);
		cmark_node *mark = cmark_node_new(CMARK_NODE_TEXT); /* its spaces are tidied as a note's */
		cmark_node_set_literal(mark, NOTE_MARK);
		cmark_node_insert_before(n, mark);
		cmark_node_free(n);
		if (has_inline_note(parent))
			return;
		tidy_inline(parent, tmp);
		n = parent;
	}
}

static void remove_organizer_notes(cmark_node *doc)
{
	/* Collect first, then change the tree (an iterator cannot survive it).
	 * Parents of inline notes come in document order, each before what it
	 * holds. */
	KG_ARRAY(cmark_node *) blocks = KG_ARRAY_INIT;
	KG_ARRAY(cmark_node *) parents = KG_ARRAY_INIT;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK && find_note(cmark_node_get_literal(n)))
			kg_array_push(&blocks, n);
		else if (has_inline_note(n))
			kg_array_push(&parents, n);
	}
	cmark_iter_free(it);
	kg_buf tmp = KG_BUF_INIT;
	/* Backwards, so what a parent holds is done with before the parent: a
	 * note that swallows an emphasis frees it. */
	for (size_t i = parents.count; i-- > 0;) {
		cut_inline_notes(parents.items[i], &tmp);
		remove_emptied(parents.items[i], &tmp);
	}
	for (size_t i = 0; i < blocks.count; i++) {
		int open = 0;
		kg_buf_reset(&tmp);
		cut_notes(cmark_node_get_literal(blocks.items[i]), &open, 0, &tmp);
		size_t blank = 0;
		while (blank < tmp.len && is_blank((unsigned char)tmp.data[blank]))
			blank++;
		if (blank == tmp.len)
			remove_block(blocks.items[i]);
		else
			cmark_node_set_literal(blocks.items[i], tmp.data); /* raw HTML beside a note */
	}
	kg_buf_release(&tmp);
	kg_array_release(&blocks);
	kg_array_release(&parents);
}

cmark_node *kg_page_parse_body(const kg_page *page)
{
	cmark_node *doc =
	    cmark_parse_document(page->body, page->body_len, CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8);
	soften_breaks(doc);
	remove_organizer_notes(doc);
	return doc;
}

/* ---- the inline Markdown writer ---- */

static int is_entity_like(const char *s)
{
	/* s points after '&': "#123;", "#x1F;", "amp;" */
	size_t i = 0;
	if (s[0] == '#') {
		i = 1;
		int hex = s[1] == 'x' || s[1] == 'X';
		i += hex;
		size_t start = i;
		while (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))
			i++;
		return i > start && s[i] == ';';
	}
	while (isalnum((unsigned char)s[i]))
		i++;
	return i > 0 && s[i] == ';';
}

static int word_char(int c) { return c >= 0x80 || isalnum(c); }

/* Escapes text so that it reads back as the same text. at_line_start: the
 * text begins the unit or follows a hard break, where block syntax would
 * otherwise be recognized. before_link: a link node follows, so a final '!'
 * would turn it into an image. */
static void write_text(kg_buf *out, const char *s, int at_line_start, int before_link)
{
	size_t len = strlen(s);
	if (at_line_start && len) {
		size_t digits = 0;
		while (digits < len && isdigit((unsigned char)s[digits]))
			digits++;
		if (strchr("#>-+=", s[0])) {
			kg_buf_putc(out, '\\');
		} else if (digits > 0 && digits <= 9 && digits < len &&
		           (s[digits] == '.' || s[digits] == ')')) {
			kg_buf_add(out, s, digits);
			kg_buf_putc(out, '\\');
			s += digits;
			len -= digits;
		} else if (s[0] == ' ') {
			kg_buf_puts(out, "&#32;"); /* a leading space would be stripped */
			s++;
			len--;
		} else if (s[0] == '\t') {
			kg_buf_puts(out, "&#9;");
			s++;
			len--;
		}
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int prev = i ? (unsigned char)s[i - 1] : 0;
		int next = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		int escape = 0;
		switch (c) {
		case '\n': /* a literal line break (from &#10;) would split the unit */
			kg_buf_puts(out, "&#10;");
			continue;
		case '\r': kg_buf_puts(out, "&#13;"); continue;
		case '\\':
		case '`':
		case '*':
		case '[':
		case ']': escape = 1; break;
		case '_':
			escape = !(word_char(prev) && word_char(next)); /* intraword _ is literal */
			break;
		case '<': escape = isalpha(next) || next == '/' || next == '!' || next == '?'; break;
		case '&': escape = is_entity_like(s + i + 1); break;
		case '!': escape = next == '[' || (i + 1 == len && before_link); break;
		default: break;
		}
		if (escape)
			kg_buf_putc(out, '\\');
		kg_buf_putc(out, c);
	}
}

static void write_destination(kg_buf *out, const char *url)
{
	int angle = url[0] == '\0';
	int depth = 0;
	for (const char *p = url; *p; p++) {
		if (*p == ' ' || *p == '<' || *p == '>' || (unsigned char)*p < 0x20)
			angle = 1;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth < 0)
			angle = 1;
	}
	angle |= depth != 0;
	if (angle) {
		kg_buf_putc(out, '<');
		for (const char *p = url; *p; p++) {
			if (*p == '<' || *p == '>' || *p == '\\')
				kg_buf_putc(out, '\\');
			kg_buf_putc(out, *p);
		}
		kg_buf_putc(out, '>');
	} else {
		for (const char *p = url; *p; p++) {
			if (*p == '\\')
				kg_buf_putc(out, '\\');
			kg_buf_putc(out, *p);
		}
	}
}

static void write_title(kg_buf *out, const char *title)
{
	if (!title || !title[0])
		return;
	kg_buf_puts(out, " \"");
	for (const char *p = title; *p; p++) {
		if (*p == '"' || *p == '\\')
			kg_buf_putc(out, '\\');
		kg_buf_putc(out, *p);
	}
	kg_buf_putc(out, '"');
}

static void write_code(kg_buf *out, const char *code)
{
	size_t longest = 0, run = 0;
	for (const char *p = code; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t fence = longest + 1;
	size_t len = strlen(code);
	int pad = len && (code[0] == '`' || code[len - 1] == '`' ||
	                  (code[0] == ' ' && code[len - 1] == ' ' && strspn(code, " ") != len));
	for (size_t i = 0; i < fence; i++)
		kg_buf_putc(out, '`');
	if (pad)
		kg_buf_putc(out, ' ');
	kg_buf_puts(out, code);
	if (pad)
		kg_buf_putc(out, ' ');
	for (size_t i = 0; i < fence; i++)
		kg_buf_putc(out, '`');
}

static void write_inlines(cmark_node *parent, kg_buf *out, size_t unit_start);

/* An autolink is a link whose only child is its own URL (or mail address). */
static int is_autolink(cmark_node *link)
{
	cmark_node *child = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link);
	const char *title = cmark_node_get_title(link);
	if (!child || cmark_node_next(child) || cmark_node_get_type(child) != CMARK_NODE_TEXT ||
	    (title && title[0]) || !url)
		return 0;
	const char *text = cmark_node_get_literal(child);
	if (!strncmp(url, "mailto:", 7) && !strcmp(url + 7, text))
		return 2;
	return strcmp(url, text) == 0 && strchr(url, ':') && !strchr(url, ' ') && !strchr(url, '<');
}

static void write_inline(cmark_node *n, kg_buf *out, size_t unit_start)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT: {
		int line_start =
		    out->len == unit_start ||
		    (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\\');
		cmark_node *next = cmark_node_next(n);
		write_text(out, cmark_node_get_literal(n), line_start,
		           next && cmark_node_get_type(next) == CMARK_NODE_LINK);
		break;
	}
	case CMARK_NODE_SOFTBREAK: kg_buf_putc(out, ' '); break;
	case CMARK_NODE_LINEBREAK: kg_buf_puts(out, "\\\n"); break;
	case CMARK_NODE_CODE: write_code(out, cmark_node_get_literal(n)); break;
	case CMARK_NODE_HTML_INLINE: kg_buf_puts(out, cmark_node_get_literal(n)); break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG: {
		/* '*' works inside words and nests ("***x***"); only right after a
		 * sibling emphasis ("*a*" then "*b*") would it merge, so use '_'. */
		cmark_node *prev = cmark_node_previous(n);
		int after_emphasis = prev && (cmark_node_get_type(prev) == CMARK_NODE_EMPH ||
		                              cmark_node_get_type(prev) == CMARK_NODE_STRONG);
		int strong = cmark_node_get_type(n) == CMARK_NODE_STRONG;
		/* Directly inside a parent's '*' opener, "**" would read as one
		 * strong run: emphasis there uses '_' ("*_x_*"), and so does strong
		 * inside strong; strong inside emphasis is fine ("***x***"). */
		cmark_node *parent = cmark_node_parent(n);
		int parent_strong = parent && cmark_node_get_type(parent) == CMARK_NODE_STRONG;
		int after_opener = !prev && out->len > unit_start && out->data[out->len - 1] == '*';
		int underscore = after_emphasis || (after_opener && (!strong || parent_strong));
		const char *mark = underscore ? (strong ? "__" : "_") : (strong ? "**" : "*");
		kg_buf_puts(out, mark);
		write_inlines(n, out, unit_start);
		kg_buf_puts(out, mark);
		break;
	}
	case CMARK_NODE_LINK: {
		int auto_kind = is_autolink(n);
		if (auto_kind) {
			const char *url = cmark_node_get_url(n);
			kg_buf_putc(out, '<');
			kg_buf_puts(out, auto_kind == 2 ? url + 7 : url);
			kg_buf_putc(out, '>');
			break;
		}
		kg_buf_putc(out, '[');
		write_inlines(n, out, (size_t)-1);
		kg_buf_puts(out, "](");
		write_destination(out, cmark_node_get_url(n));
		write_title(out, cmark_node_get_title(n));
		kg_buf_putc(out, ')');
		break;
	}
	case CMARK_NODE_IMAGE:
		kg_buf_puts(out, "![");
		write_inlines(n, out, (size_t)-1);
		kg_buf_puts(out, "](");
		write_destination(out, cmark_node_get_url(n));
		write_title(out, cmark_node_get_title(n));
		kg_buf_putc(out, ')');
		break;
	default: break;
	}
}

static void write_inlines(cmark_node *parent, kg_buf *out, size_t unit_start)
{
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
		write_inline(c, out, unit_start);
}

void kg_markdown_inline(cmark_node *node, kg_buf *out)
{
	write_inlines(node, out, out->len);
	/* A trailing backslash-newline (hard break at the end) cannot exist in a
	 * parsed paragraph; nothing to trim. */
}

/* 1 when cmark would make text one paragraph of one text node holding
 * text as it is, so it need not run: one line that starts with a letter
 * (no block marker, no indent, no list number) and ends with no space;
 * no character cmark's inline parser acts on (backslash, backtick, '*',
 * '_', '[', ']', '!', '<', '>', '&': escapes, code, emphasis, links,
 * images, raw HTML, entities; kitgen does not ask for smart punctuation);
 * valid UTF-8 (cmark replaces a bad byte). Most translated sentences are
 * this, and parsing each (twice: checks, then the page) with cmark was 11 %
 * of an HTML build's instructions. test_segment holds it equal to cmark's
 * parse. */
static int is_ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int is_plain_inline(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	if (!len || !(is_ascii_letter(s[0]) || s[0] >= 0x80) || s[len - 1] == ' ')
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c >= 0x80 || is_ascii_letter(c) || (c >= '0' && c <= '9') || c == ' ')
			continue;
		if (!strchr(",.;:?'\"()/%{}@$=+-#~|^", c) || !c)
			return 0;
	}
	return kg_utf8_valid_prefix(text, len) == len;
}

cmark_node *kg_markdown_parse_inline(const char *text, size_t len)
{
	if (is_plain_inline(text, len)) {
		cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *literal = cmark_node_new(CMARK_NODE_TEXT);
		char *copy = text[len] ? kg_strndup(text, len) : NULL;
		cmark_node_set_literal(literal, copy ? copy : text);
		free(copy);
		cmark_node_append_child(para, literal);
		return para;
	}
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_node *para = cmark_node_first_child(doc);
	if (!para || cmark_node_next(para) || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) {
		cmark_node_free(doc);
		return NULL;
	}
	cmark_node_unlink(para);
	cmark_node_free(doc);
	soften_breaks(para);
	return para;
}

void kg_segment_replace(cmark_node *node, cmark_node *paragraph)
{
	cmark_node *c;
	while ((c = cmark_node_first_child(node)))
		cmark_node_free(c); /* unlinks too */
	while ((c = cmark_node_first_child(paragraph)))
		cmark_node_append_child(node, c);
}

/* ---- the walk ---- */

static cmark_node *lone_image(cmark_node *para)
{
	cmark_node *c = cmark_node_first_child(para);
	return c && !cmark_node_next(c) && cmark_node_get_type(c) == CMARK_NODE_IMAGE ? c : NULL;
}

static int emit_block(cmark_node *node, kg_segment_kind kind, const kg_page *page, kg_segment_fn fn, void *ud,
                      kg_buf *text)
{
	kg_segment seg = {.kind = kind, .node = node};
	seg.line = cmark_node_get_start_line(node) + page->body_line - 1;
	seg.col = cmark_node_get_start_column(node);
	if (kind == KG_SEG_HEADING)
		seg.heading_level = cmark_node_get_heading_level(node);
	cmark_node *image = kind != KG_SEG_HEADING ? lone_image(node) : NULL;
	if (image) {
		seg.kind = KG_SEG_ALT;
		seg.node = image;
	}
	kg_buf_reset(text);
	kg_markdown_inline(seg.node, text);
	if (text->len == 0)
		return 0; /* an image without alt text, an empty heading */
	seg.text = text->data;
	return fn(ud, &seg);
}

int kg_segments_each(const kg_page *page, cmark_node *doc, kg_segment_fn fn, void *ud)
{
	int rc = 0;
	kg_buf text = KG_BUF_INIT;
	kg_segment seg = {0};
	if (page->title) {
		seg = (kg_segment){
		    .kind = KG_SEG_TITLE, .text = page->title, .line = page->title_line, .col = 1};
		if ((rc = fn(ud, &seg)))
			goto out;
	}
	if (page->summary && page->summary[0]) {
		seg = (kg_segment){
		    .kind = KG_SEG_SUMMARY, .text = page->summary, .line = page->summary_line, .col = 1};
		if ((rc = fn(ud, &seg)))
			goto out;
	}
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_HEADING) {
			rc = emit_block(n, KG_SEG_HEADING, page, fn, ud, &text);
		} else if (type == CMARK_NODE_PARAGRAPH) {
			kg_segment_kind kind = KG_SEG_PARAGRAPH;
			for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p)) {
				cmark_node_type pt = cmark_node_get_type(p);
				if (pt == CMARK_NODE_ITEM) {
					kind = KG_SEG_LIST_ITEM;
					break;
				}
				if (pt == CMARK_NODE_BLOCK_QUOTE) {
					kind = KG_SEG_QUOTE;
					break;
				}
			}
			rc = emit_block(n, kind, page, fn, ud, &text);
		} else {
			continue;
		}
		if (rc)
			break;
		/* The callback may have replaced the block's inline children, and the
		 * iterator already points at the old first child: step past the
		 * block (its children are inlines, never units themselves). */
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
out:
	kg_buf_release(&text);
	return rc;
}
