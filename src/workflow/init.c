/* init.c: `kitgen init` (see init.h). Writes a new kit's files, or copies
 * the bundled example kit, then extracts and updates its catalogs so
 * translators can start. Owns nothing between calls. */
#include "kitgen/workflow/init.h"

#include "kitgen/base/alloc.h"
#include "kitgen/base/array.h"
#include "kitgen/base/buf.h"
#include "kitgen/locale/locale.h"
#include "kitgen/workflow/extract.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char kit_yaml_head[] =
    "# kit.yaml: the settings of this kit. Every key is in docs/cli.md (or `man kitgen`).\n";

static const char kit_yaml_body[] =
    "\n"
    "# Where the site will be published: https://, and a / at the end. Set it\n"
    "# before printing handouts: their links and QR codes are made from it.\n"
    "# base_url: \"https://your-organization.org/safety-kit/\"\n"
    "\n"
    "# The language content/ is written in comes first; every other language\n"
    "# gets catalogs in locales/<tag>/ for translators (kitgen extract, update).\n"
    "# A translation is a draft until a native speaker has reviewed it.\n"
    "languages:\n";

static const char kit_yaml_tail[] =
    "\n"
    "# Your organization's facts, used in pages as {{ name }}. Fill them in:\n"
    "# the bracketed reminders show on every page until you do.\n"
    "vars:\n"
    "  org_name: \"[your organization's name]\"\n"
    "  org_phone: \"[your organization's phone number]\"\n";

static const char index_md[] = "---\n"
                               "title: \"%s\"\n"
                               "summary: \"What this kit is for, in one or two sentences.\"\n"
                               "---\n"
                               "\n"
                               "Welcome. This kit is made by {{ org_name }}. Write here who it is for and\n"
                               "how to use it.\n"
                               "\n"
                               "- [Getting started](getting-started.md)\n";

static const char sample_md[] =
    "---\n"
    "title: \"Getting started\"\n"
    "summary: \"A sample page: replace it with your first module.\"\n"
    "order: 10\n"
    "audience: [everyone]\n"
    "handout: true\n"
    "---\n"
    "\n"
    "Each page is a Markdown file in `content/`. A folder of pages is a section;\n"
    "its `_index.md` introduces it.\n"
    "\n"
    "## Before you start\n"
    "\n"
    "- Write short sentences: every paragraph is one unit for translators.\n"
    "- Put phone numbers and links in the text as they are: kitgen checks that\n"
    "  every translation keeps them.\n"
    "- Call {{ org_phone }} to reach us.\n";

/* What CLDR lacks for languages of the communities kitgen was made for
 * (see the bundled kit.yaml, which spells out the same values): written
 * into a new kit.yaml so the kit builds without warnings and shows each
 * language in its own name. */
static const struct {
	const char *tag, *name, *english_name, *plural_forms, *note;
} supplement[] = {
    {"chk", "Kapasen Chuuk", "Chuukese", "nplurals=1; plural=0;", NULL},
    {"hmn", "Hmoob", "Hmong", "nplurals=1; plural=0;", "written in the Romanized Popular Alphabet (RPA)"},
    {"mh", "Kajin M̧ajeļ", "Marshallese", "nplurals=1; plural=0;", NULL},
    {"pau", "Tekoi er a Belau", "Palauan", "nplurals=1; plural=0;", NULL},
    {"sm", "Gagana Sāmoa", "Samoan", "nplurals=1; plural=0;", NULL},
    {"tl", "Tagalog", "Tagalog", "nplurals=2; plural=(n % 10 == 4 || n % 10 == 6 || n % 10 == 9);",
     "CLDR has Filipino (fil), not Tagalog"},
};

static void language_entry(kg_buf *yaml, const char *tag)
{
	for (size_t i = 0; i < sizeof(supplement) / sizeof(supplement[0]); i++) {
		if (strcmp(supplement[i].tag, tag))
			continue;
		kg_buf_printf(yaml, "  - tag: %s\n", tag);
		if (supplement[i].note)
			kg_buf_printf(yaml, "    # %s\n", supplement[i].note);
		kg_buf_printf(yaml, "    name: \"%s\"\n    english_name: \"%s\"\n    plural_forms: \"%s\"\n",
		              supplement[i].name, supplement[i].english_name, supplement[i].plural_forms);
		if (!strcmp(tag, "hmn"))
			kg_buf_puts(yaml, "    script: Latn\n");
		return;
	}
	kg_buf_printf(yaml, "  - %s\n", tag);
}

static int write_new(const char *dir, const char *rel, const char *text, size_t len, kg_init_report *report,
                     kg_diags *diags)
{
	kg_buf path = KG_BUF_INIT;
	kg_buf_printf(&path, "%s/%s", dir, rel);
	int rc = 0;
	/* O_EXCL: never overwrite, even if the file appeared meanwhile. */
	int fd = open(path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST) {
		report->files_kept++;
		kg_warning(diags, path.data, 0, 0, "exists already; kept as it is");
	} else if (fd < 0) {
		kg_error(diags, path.data, 0, 0, "cannot create: %s", strerror(errno));
		rc = -1;
	} else {
		ssize_t n = write(fd, text, len);
		if (n < 0 || (size_t)n != len || close(fd) != 0) {
			kg_error(diags, path.data, 0, 0, "cannot write: %s", strerror(errno));
			rc = -1;
		} else {
			report->files_written++;
		}
		if (n < 0 || (size_t)n != len)
			close(fd);
	}
	kg_buf_release(&path);
	return rc;
}

static int make_dir(const char *path, kg_diags *diags)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	kg_error(diags, path, 0, 0, "cannot create the folder: %s", strerror(errno));
	return -1;
}

/* Copies the tree at src/rel into dst/rel: folders made, files written
 * with write_new (existing ones kept). */
static int copy_tree(const char *src, const char *dst, const char *rel, int depth, kg_init_report *report,
                     kg_diags *diags)
{
	kg_buf from = KG_BUF_INIT, to = KG_BUF_INIT;
	kg_buf_printf(&from, "%s/%s", src, rel);
	kg_buf_printf(&to, "%s/%s", dst, rel);
	int rc = 0;
	struct stat st;
	if (depth > 16 || lstat(from.data, &st) < 0) {
		kg_error(diags, from.data, 0, 0, "cannot read the example kit: %s",
		         depth > 16 ? "too deep" : strerror(errno));
		rc = -1;
	} else if (S_ISDIR(st.st_mode)) {
		rc = make_dir(to.data, diags);
		DIR *d = rc == 0 ? opendir(from.data) : NULL;
		KG_ARRAY(char *) names = KG_ARRAY_INIT;
		struct dirent *e;
		while (d && (e = readdir(d)))
			if (e->d_name[0] != '.')
				kg_array_push(&names, kg_strdup(e->d_name));
		if (d)
			closedir(d);
		for (size_t i = 0; i < names.count; i++) {
			kg_buf child = KG_BUF_INIT;
			kg_buf_printf(&child, "%s/%s", rel, names.items[i]);
			if (rc == 0)
				rc = copy_tree(src, dst, child.data, depth + 1, report, diags);
			kg_buf_release(&child);
			free(names.items[i]);
		}
		kg_array_release(&names);
	} else if (S_ISREG(st.st_mode)) {
		kg_buf data = KG_BUF_INIT;
		if (kg_buf_read_file(&data, from.data) < 0) {
			kg_error(diags, from.data, 0, 0, "cannot read the example kit: %s", strerror(errno));
			rc = -1;
		} else {
			rc = write_new(dst, rel, data.data, data.len, report, diags);
		}
		kg_buf_release(&data);
	}
	kg_buf_release(&from);
	kg_buf_release(&to);
	return rc;
}

/* 0 when dir can hold a new kit: missing (then made), or an empty folder,
 * or any folder with force. */
static int prepare_dir(const char *dir, int force, kg_diags *diags)
{
	struct stat st;
	if (stat(dir, &st) < 0) {
		if (errno != ENOENT) {
			kg_error(diags, dir, 0, 0, "cannot use this folder: %s", strerror(errno));
			return -1;
		}
		return make_dir(dir, diags);
	}
	if (!S_ISDIR(st.st_mode)) {
		kg_error(diags, dir, 0, 0, "is a file, not a folder; give a folder for the new kit");
		return -1;
	}
	if (access(dir, W_OK) < 0) {
		kg_error(diags, dir, 0, 0, "cannot write in this folder: %s", strerror(errno));
		return -1;
	}
	DIR *d = opendir(dir);
	if (!d) {
		kg_error(diags, dir, 0, 0, "cannot read this folder: %s", strerror(errno));
		return -1;
	}
	int empty = 1;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	if (!empty && !force) {
		kg_error(
		    diags, dir, 0, 0,
		    "the folder is not empty; choose an empty one, or use --force (no file is ever overwritten)");
		return -1;
	}
	return 0;
}

/* Escapes text for a double-quoted YAML scalar. */
static void yaml_quoted(kg_buf *out, const char *text)
{
	kg_buf_putc(out, '"');
	for (const char *p = text; *p; p++) {
		if (*p == '"' || *p == '\\')
			kg_buf_putc(out, '\\');
		if ((unsigned char)*p < 0x20)
			kg_buf_printf(out, "\\x%02x", (unsigned char)*p);
		else
			kg_buf_putc(out, *p);
	}
	kg_buf_putc(out, '"');
}

static int new_kit(const char *dir, const kg_init_options *options, kg_init_report *report, kg_diags *diags)
{
	const char *title = options->title ? options->title : "Our Safety Kit";
	kg_buf yaml = KG_BUF_INIT, page = KG_BUF_INIT, content = KG_BUF_INIT;
	kg_buf_puts(&yaml, kit_yaml_head);
	kg_buf_puts(&yaml, "title: ");
	yaml_quoted(&yaml, title);
	kg_buf_putc(&yaml, '\n');
	kg_buf_puts(&yaml, kit_yaml_body);
	kg_buf_puts(&yaml, "  - en\n");
	for (size_t i = 0; i < options->language_count; i++)
		language_entry(&yaml, options->languages[i]);
	kg_buf_puts(&yaml, kit_yaml_tail);
	/* The title is front matter text: escape it the same way. */
	kg_buf quoted = KG_BUF_INIT;
	yaml_quoted(&quoted, title);
	kg_buf_printf(&page, "---\ntitle: %s\n", quoted.data);
	kg_buf_puts(&page, strstr(index_md, "summary:"));
	kg_buf_release(&quoted);
	kg_buf_printf(&content, "%s/content", dir);
	int rc = write_new(dir, "kit.yaml", yaml.data, yaml.len, report, diags);
	if (rc == 0)
		rc = make_dir(content.data, diags);
	if (rc == 0)
		rc = write_new(dir, "content/_index.md", page.data, page.len, report, diags);
	if (rc == 0)
		rc =
		    write_new(dir, "content/getting-started.md", sample_md, strlen(sample_md), report, diags);
	report->pages = 2;
	kg_buf_release(&yaml);
	kg_buf_release(&page);
	kg_buf_release(&content);
	return rc;
}

int kg_init_kit(const char *dir, const kg_init_options *options, kg_init_report *report, kg_diags *diags)
{
	memset(report, 0, sizeof(*report));
	int rc = 0;
	KG_ARRAY(char *) tags = KG_ARRAY_INIT;
	for (size_t i = 0; i < options->language_count; i++) {
		kg_buf canonical = KG_BUF_INIT;
		const char *tag = options->languages[i];
		if (kg_locale_canonicalize(tag, &canonical) < 0) {
			if (canonical.len)
				kg_error(diags, "--language", 0, 0,
				         "'%s' is not a BCP 47 language tag; did you mean '%s'?", tag,
				         canonical.data);
			else
				kg_error(
				    diags, "--language", 0, 0,
				    "'%s' is not a BCP 47 language tag (examples: 'vi', 'zh-Hant', 'chk')",
				    tag);
			rc = -1;
		} else if (strcmp(canonical.data, "en")) {
			kg_array_push(&tags, kg_buf_detach(&canonical, NULL));
		}
		kg_buf_release(&canonical);
	}
	if (options->example_dir && (options->language_count || options->title)) {
		kg_error(
		    diags, options->title ? "--title" : "--language", 0, 0,
		    "the example kit has its own title and languages; change them in its kit.yaml after copying");
		rc = -1;
	}
	if (rc == 0)
		rc = prepare_dir(dir, options->force, diags);
	if (rc == 0 && options->example_dir) {
		kg_buf yaml = KG_BUF_INIT;
		kg_buf_printf(&yaml, "%s/kit.yaml", options->example_dir);
		if (access(yaml.data, R_OK) < 0) {
			kg_error(
			    diags, options->example_dir, 0, 0,
			    "the example kit is not there (looked for %s); reinstall kitgen, or build it from its "
			    "source tree",
			    yaml.data);
			rc = -1;
		}
		kg_buf_release(&yaml);
		if (rc == 0)
			rc = copy_tree(options->example_dir, dir, "kit.yaml", 0, report, diags);
		if (rc == 0)
			rc = copy_tree(options->example_dir, dir, "content", 0, report, diags);
		if (rc == 0)
			rc = copy_tree(options->example_dir, dir, "locales", 0, report, diags);
		kg_buf glossary = KG_BUF_INIT; /* the glossary's source list, when the example has one */
		kg_buf_printf(&glossary, "%s/glossary.yaml", options->example_dir);
		if (rc == 0 && access(glossary.data, R_OK) == 0)
			rc = copy_tree(options->example_dir, dir, "glossary.yaml", 0, report, diags);
		kg_buf_release(&glossary);
	} else if (rc == 0) {
		kg_init_options own = *options;
		own.languages = (const char *const *)tags.items;
		own.language_count = tags.count;
		rc = new_kit(dir, &own, report, diags);
		/* Catalogs for the translators: the same as extract + update. */
		kg_file_counts counts;
		kg_update_counts update;
		if (rc == 0 && tags.count)
			rc = kg_extract_kit(dir, options->now, &counts, diags) < 0 ||
			             kg_update_kit(dir, NULL, options->now, &update, diags) < 0
			         ? -1
			         : 0;
	}
	for (size_t i = 0; i < tags.count; i++)
		free(tags.items[i]);
	kg_array_release(&tags);
	return rc;
}
