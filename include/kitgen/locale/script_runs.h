/* script_runs.h: text split into the runs that some scripts need told
 * apart, for every writer that sets text (HTML, PDF): left-to-right tokens
 * that the bidi algorithm would reorder inside right-to-left text, and the
 * words of scripts written without spaces.
 *
 * Stateless; the text is borrowed for the length of a call. */
#ifndef KITGEN_LOCALE_SCRIPT_RUNS_H
#define KITGEN_LOCALE_SCRIPT_RUNS_H

#include <stddef.h>

typedef enum kg_run_kind {
	KG_RUN_TEXT, /* anything else, to be written as it is */
	/* A URL, an e-mail address or a number with punctuation inside
	 * ("(808) 555-0142", "+1 808 555 0142", "2026-11-01", "24/7"): in a
	 * right-to-left block the Unicode bidi algorithm splits it into runs
	 * and reorders them around the text ("555-0142 (808)", parentheses
	 * mirrored), so a writer isolates it as left to right. A bare digit
	 * run is not one (the algorithm keeps it whole). */
	KG_RUN_LTR,
	/* A word of two or more characters of Khmer, Lao or Myanmar, which are
	 * written without spaces between words: ICU's dictionary break
	 * iterator finds them (it keeps compounds such as ស្ថានការណ៍ whole),
	 * and a writer lets lines break between words and nowhere else.
	 * follows_word says the run before it was a word too (nothing between
	 * them): where a writer puts a break opportunity. */
	KG_RUN_WORD,
} kg_run_kind;

typedef void (*kg_run_fn)(void *ud, kg_run_kind kind, const char *text, size_t len, int follows_word);

/* Calls fn for each run of text[0, len) in order; the runs cover the text
 * exactly. LTR runs only when find_ltr (a right-to-left block); tag is the
 * language of the text (for ICU's word breaks). */
void kg_script_runs(const char *text, size_t len, const char *tag, int find_ltr, kg_run_fn fn, void *ud);

#endif
