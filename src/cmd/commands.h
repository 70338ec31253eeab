/* commands.h: the entry point of every subcommand (one file each in src/cmd/).
 * A command parses its options, calls the library, prints, and returns the
 * exit code: 0 ok, 1 content errors or findings, 2 usage. It owns what it
 * loads and frees it before returning; argv and the global options are
 * borrowed from main(). */
#ifndef KITGEN_COMMANDS_H
#define KITGEN_COMMANDS_H

#include <stddef.h>

/* Options shared by every command, parsed by main.c before the command. */
typedef struct kg_global_options {
	const char *kit_dir; /* -C DIR; "." by default */
	int color;           /* diagnostics in colour (stderr is a terminal) */
	int json;            /* --diagnostics=json */
	/* The time commands write into files (POT and PO header dates):
	 * SOURCE_DATE_EPOCH when set (reproducible runs), else the clock. */
	long long now;
} kg_global_options;

typedef int (*kg_command_fn)(int argc, char **argv, const kg_global_options *global);

/* The noun after a count in a command's message: "1 error", "2 errors",
 * "0 errors". kitgen's own messages are in English, where 1 takes the
 * singular and every other count the plural, so that is the whole rule:
 *   fprintf(stderr, "%zu %s", n, cmd_plural(n, "entry", "entries"));
 * Returns one of the two strings it is given. */
static inline const char *cmd_plural(size_t count, const char *singular, const char *plural)
{
	return count == 1 ? singular : plural;
}

/* The command of a PDF worker (kg_build_options.pdf_worker_command): this
 * program again, told by main() to serve PDF jobs on descriptor 3. */
extern const char *const cmd_pdf_worker_command[];

int cmd_build(int argc, char **argv, const kg_global_options *global);
int cmd_extract(int argc, char **argv, const kg_global_options *global);
int cmd_update(int argc, char **argv, const kg_global_options *global);
int cmd_mv(int argc, char **argv, const kg_global_options *global);
int cmd_status(int argc, char **argv, const kg_global_options *global);
int cmd_serve(int argc, char **argv, const kg_global_options *global);
int cmd_check(int argc, char **argv, const kg_global_options *global);
int cmd_xliff(int argc, char **argv, const kg_global_options *global);
int cmd_po(int argc, char **argv, const kg_global_options *global);
int cmd_review(int argc, char **argv, const kg_global_options *global);
int cmd_init(int argc, char **argv, const kg_global_options *global);
int cmd_theme(int argc, char **argv, const kg_global_options *global);

#endif
