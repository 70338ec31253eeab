/* diag.h: structured diagnostics, collected in one place.
 *
 * Library code never prints: it appends a kg_diag (severity, file, line,
 * column, message) to a kg_diags list owned by the caller and returns -1 on
 * failure. Only a command prints the list, through kg_diags_print(), as
 * `file:line:col: error: message` (lowercase, no trailing period) or JSON.
 * The list owns every diagnostic and its strings (file and message are
 * copied when added), freed by kg_diags_release(). A list may be shared
 * by the threads of a build: adding is locked.
 * Line and column are 1-based; 0 means "unknown" and is not printed.
 */
#ifndef KITGEN_DIAG_H
#define KITGEN_DIAG_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum kg_severity { KG_NOTE, KG_WARNING, KG_ERROR } kg_severity;

typedef struct kg_diag {
	kg_severity severity;
	char *file; /* owned; may be NULL for diagnostics about no file */
	int line;
	int col;
	char *message; /* owned */
} kg_diag;

typedef struct kg_diags {
	kg_diag *items;
	size_t count;
	size_t cap;
	size_t errors;
	size_t warnings;
	int warnings_as_errors; /* --strict: warnings count as errors */
	pthread_mutex_t lock;
} kg_diags;

void kg_diags_init(kg_diags *d);
void kg_diags_release(kg_diags *d);

void kg_diag_add(kg_diags *d, kg_severity severity, const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
void kg_diag_vadd(kg_diags *d, kg_severity severity, const char *file, int line, int col, const char *fmt,
                  va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

#define kg_error(d, file, line, col, ...) kg_diag_add((d), KG_ERROR, (file), (line), (col), __VA_ARGS__)
#define kg_warning(d, file, line, col, ...) kg_diag_add((d), KG_WARNING, (file), (line), (col), __VA_ARGS__)

/* Number of errors, counting warnings too when warnings_as_errors is set. */
size_t kg_diags_failures(const kg_diags *d);

/* Sorts by file, line, column, then message, so output never depends on
 * thread scheduling. Duplicates (same everything) are dropped. */
void kg_diags_sort(kg_diags *d);

enum kg_diag_format { KG_DIAG_TEXT, KG_DIAG_JSON };
/* Prints every diagnostic; color adds ANSI colours (use only on a terminal). */
void kg_diags_print(const kg_diags *d, FILE *out, enum kg_diag_format format, int color);

#endif
