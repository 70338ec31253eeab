/* test_workers.c: PDF sets drawn in worker processes (pdf/workers.c,
 * pdf/job.c) are byte for byte the sets drawn in this process, from
 * several threads at once; workers start while another thread is inside
 * Pango and fontconfig (a forked worker once hung there); a worker that
 * dies is reported; and the fonts of a set are subset by HarfBuzz
 * (pdf/embed.c), so that a Japanese handout is small while every glyph
 * is still drawn and its text still extracts. */
#include "kitgen/pdf/pdf.h"
#include "pdf/pdf_internal.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static char work_dir[256];

/* This test program is its own PDF worker (main, below). */
static const char *const worker_command[] = {"/proc/self/exe", "--pdf-worker", NULL};

static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	kg_buf out = KG_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		kg_buf_add(&out, chunk, n);
	pclose(p);
	return kg_buf_detach(&out, NULL);
}

static void format_western(void *ctx, long long n, kg_buf *out) { kg_buf_printf(out, "%lld", n); }

/* A fill_text callback: proves it is answered before the job leaves. */
static void fill(void *ctx, const char *text, kg_buf *out)
{
	const char *at = strstr(text, "{{ org_phone }}");
	if (!at) {
		kg_buf_puts(out, text);
		return;
	}
	kg_buf_add(out, text, (size_t)(at - text));
	kg_buf_puts(out, "(555) 010-4477");
	kg_buf_puts(out, at + strlen("{{ org_phone }}"));
}

static const char ja_body[] =
    "## 誰かが危険なとき\n\n"
    "嫌がらせを見たとき、助けたいと思っても、どうすればよいかわからないかもしれません。"
    "助けるために、勇敢である必要も強い必要もありません。介入する方法は五つあります。\n\n"
    "- 「助けてください。」\n- 「911に電話してください。」\n- 「一緒にいてください。」\n"
    "- 電話：{{ org_phone }}\n\n"
    "如果你看到有人被騷擾，女性、子供、高齢者を守りましょう。\n";
static const char en_body[] =
    "## When someone is in danger\n\n"
    "When you see someone being harassed, you may want to help but not know how.\n\n"
    "- \"Please help me.\"\n- \"Please call 911.\"\n- \"Please stay with me.\"\n"
    "- Phone: {{ org_phone }}\n\n"
    "Protect women, children and elders.\n";

typedef struct set {
	kg_pdf_request reqs[5];
	cmark_node *doc, *source;
} set;

static void set_init(set *s)
{
	s->doc = cmark_parse_document(ja_body, strlen(ja_body), CMARK_OPT_DEFAULT);
	s->source = cmark_parse_document(en_body, strlen(en_body), CMARK_OPT_DEFAULT);
	kg_pdf_variant variants[5] = {KG_PDF_STANDARD, KG_PDF_LARGE, KG_PDF_BILINGUAL, KG_PDF_CARD,
	                              KG_PDF_BOOKLET};
	for (int i = 0; i < 5; i++)
		s->reqs[i] = (kg_pdf_request){
		    .doc = s->doc,
		    .source_doc = variants[i] == KG_PDF_BILINGUAL ? s->source : NULL,
		    .title = "五つの対応",
		    .title_lang = "ja",
		    .lang = "ja",
		    .source_lang = "en",
		    .source_title = "Five ways to respond",
		    .variant = variants[i],
		    .paper = KG_PAPER_LETTER,
		    .kit_title = "コミュニティ安全キット",
		    .page_label = "{m}ページ中{n}ページ",
		    .url = "https://kit.example.org/ja/education/five-responses/",
		    .qr_caption = "スキャンしてオンライン版を開く",
		    .org_name = "Harbor Community Center",
		    .org_phone = "(555) 010-4477",
		    /* Framed (pdf_pad_boxes) and fitted to one line in a band
		     * (pdf_doc_fitted_line): both kept in the layout cache. */
		    .draft_notice =
		        "この翻訳は下書きです。ネイティブスピーカーによる確認はまだ行われていません。",
		    .sample_mark = "見本 — 印刷する前に、団体の名前と電話番号を入れてください",
		    .format_int = format_western,
		    .display_path = "out/ja/education/five-responses/x.pdf",
		    .fill_text = fill,
		};
}

static void set_release(set *s)
{
	cmark_node_free(s->doc);
	cmark_node_free(s->source);
}

/* The set drawn in this process, for comparing. */
static kg_buf reference[5];

static void render_set(kg_pdf_workers *w, set *s, kg_buf *outs)
{
	for (int i = 0; i < 5; i++)
		kg_buf_init(&outs[i]);
	kg_diags diags;
	kg_diags_init(&diags);
	int rc = kg_pdf_render_set(w, s->reqs, 5, outs, NULL, &diags);
	if (rc)
		kg_diags_print(&diags, stderr, KG_DIAG_TEXT, 0);
	assert_int_equal(rc, 0);
	kg_diags_release(&diags);
}

static int same(const kg_buf *a, const kg_buf *b)
{
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

static void test_workers_draw_the_same_bytes_as_this_process(void **state)
{
	set s;
	set_init(&s);
	render_set(NULL, &s, reference);
	for (int i = 0; i < 5; i++)
		assert_true(reference[i].len > 1000);
	kg_pdf_workers *w = kg_pdf_workers_start(2, 2, worker_command);
	assert_non_null(w);
	for (int round = 0; round < 2; round++) {
		kg_buf outs[5];
		render_set(w, &s, outs);
		for (int i = 0; i < 5; i++) {
			assert_true(same(&outs[i], &reference[i]));
			kg_buf_release(&outs[i]);
		}
	}
	/* One caller at a time never waits: one worker is all it needs. */
	assert_int_equal(kg_pdf_workers_started(w), 1);
	kg_pdf_workers_stop(w);
	/* One worker is no pool: the set is drawn here. */
	assert_null(kg_pdf_workers_start(1, 2, worker_command));
	assert_null(kg_pdf_workers_start(2, 2, NULL));
	set_release(&s);
}

typedef struct thread_arg {
	kg_pdf_workers *w;
	int rounds, mismatches;
	pthread_barrier_t *start; /* waited on before the first set, when set */
} thread_arg;

static void *thread_main(void *p)
{
	thread_arg *a = p;
	set s;
	set_init(&s);
	if (a->start)
		pthread_barrier_wait(a->start);
	for (int r = 0; r < a->rounds; r++) {
		kg_buf outs[5];
		for (int i = 0; i < 5; i++)
			kg_buf_init(&outs[i]);
		kg_diags diags;
		kg_diags_init(&diags);
		if (kg_pdf_render_set(a->w, s.reqs, 5, outs, NULL, &diags) < 0)
			a->mismatches++;
		for (int i = 0; i < 5; i++) {
			a->mismatches += !same(&outs[i], &reference[i]);
			kg_buf_release(&outs[i]);
		}
		kg_diags_release(&diags);
	}
	set_release(&s);
	return NULL;
}

/* Three threads share two workers: each waits for a free one. 39 sets
 * of five Japanese PDFs (about 20 ms each once a worker has drawn one,
 * so far more than the 300 ms a new worker must save) start the second
 * worker. */
static void test_threads_share_the_workers(void **state)
{
	kg_pdf_workers *w = kg_pdf_workers_start(2, 39, worker_command);
	assert_non_null(w);
	pthread_t threads[3];
	thread_arg args[3];
	for (int t = 0; t < 3; t++) {
		args[t] = (thread_arg){w, 13, 0, NULL};
		assert_int_equal(pthread_create(&threads[t], NULL, thread_main, &args[t]), 0);
	}
	for (int t = 0; t < 3; t++) {
		pthread_join(threads[t], NULL);
		assert_int_equal(args[t].mismatches, 0);
	}
	assert_int_equal(kg_pdf_workers_started(w), 2);
	kg_pdf_workers_stop(w);
}

/* Two threads send their first sets at the same moment, before any set
 * has been timed; the first worker is still starting (about 130 ms) when
 * the second thread asks. With 100 sets to come, the second worker
 * starts at once (until sets are timed, a set is taken to cost 25 ms:
 * 99 x 25 ms is worth a worker); with 2 sets it does not, and the second thread waits.
 * Fails when the pool waits for timings before starting another. */
static void test_a_large_build_starts_its_second_worker_at_once(void **state)
{
	size_t expected[] = {100, 2};
	int started[] = {2, 1};
	for (int k = 0; k < 2; k++) {
		kg_pdf_workers *w = kg_pdf_workers_start(2, expected[k], worker_command);
		assert_non_null(w);
		pthread_barrier_t barrier;
		pthread_barrier_init(&barrier, NULL, 2);
		thread_arg args[2] = {{w, 1, 0, &barrier}, {w, 1, 0, &barrier}};
		pthread_t threads[2];
		for (int t = 0; t < 2; t++)
			assert_int_equal(pthread_create(&threads[t], NULL, thread_main, &args[t]), 0);
		for (int t = 0; t < 2; t++) {
			pthread_join(threads[t], NULL);
			assert_int_equal(args[t].mismatches, 0);
		}
		pthread_barrier_destroy(&barrier);
		assert_int_equal(kg_pdf_workers_started(w), started[k]);
		kg_pdf_workers_stop(w);
	}
}

static void *draw_here_main(void *p)
{
	thread_arg *a = p;
	thread_arg here = {NULL, a->rounds, 0, NULL};
	thread_main(&here); /* in this process: Pango and fontconfig busy */
	a->mismatches = here.mismatches;
	return NULL;
}

/* Layouts kept between handouts (layout_cache.c) change no byte: the set
 * made with every layout made anew, on a thread of its own, is the
 * reference made with them kept (the bilingual handout takes the standard
 * one's, and the second round takes all of them, the framed draft notice
 * and the fitted SAMPLE band among them). A key that left out what tells
 * the large print from the standard handout (its size and line spacing: it
 * would get the standard one's lines), or the width of a framed copy (the
 * booklet's is narrower), fails here (tried). */
static void test_kept_layouts_change_no_byte(void **state)
{
	pdf_layout_cache_use(0);
	thread_arg off = {NULL, 1, 0, NULL};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, draw_here_main, &off), 0);
	pthread_join(t, NULL);
	pdf_layout_cache_use(1);
	assert_int_equal(off.mismatches, 0);
	thread_arg on = {NULL, 2, 0, NULL};
	assert_int_equal(pthread_create(&t, NULL, draw_here_main, &on), 0);
	pthread_join(t, NULL);
	assert_int_equal(on.mismatches, 0);
}

static PangoLayout *layout_of(PangoContext *context, const char *font, const char *text)
{
	PangoLayout *l = pango_layout_new(context);
	PangoFontDescription *desc = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, desc);
	pango_font_description_free(desc);
	pango_layout_set_width(l, 400 * PANGO_SCALE);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* A framed block's narrower copy (pdf_layout_cache_at_width) is made once
 * per text, font and width, and is what a copy set to that width lays
 * out: the same width and text and font give the kept copy; another
 * width, text or size, a copy of its own. */
static void test_a_narrower_copy_is_kept_per_text_font_and_width(void **state)
{
	PangoContext *context = pango_font_map_create_context(kg_pdf_font_map());
	const char *text = "この翻訳は下書きです。ネイティブスピーカーによる確認はまだ行われていません。";
	PangoLayout *a = layout_of(context, "Noto Sans CJK JP 11", text);
	PangoLayout *a_again = layout_of(context, "Noto Sans CJK JP 11", text);
	PangoLayout *larger = layout_of(context, "Noto Sans CJK JP 18", text);
	PangoLayout *other = layout_of(context, "Noto Sans CJK JP 11", "下書き");
	PangoLayout *n1 = pdf_layout_cache_at_width(a, 300 * PANGO_SCALE);
	PangoLayout *n2 = pdf_layout_cache_at_width(a_again, 300 * PANGO_SCALE);
	PangoLayout *wider = pdf_layout_cache_at_width(a, 350 * PANGO_SCALE);
	PangoLayout *n_larger = pdf_layout_cache_at_width(larger, 300 * PANGO_SCALE);
	PangoLayout *n_other = pdf_layout_cache_at_width(other, 300 * PANGO_SCALE);
	assert_ptr_equal(n1, n2);
	assert_ptr_not_equal(n1, wider);
	assert_ptr_not_equal(n1, n_larger);
	assert_ptr_not_equal(n1, n_other);
	assert_int_equal(pango_layout_get_width(n1), 300 * PANGO_SCALE);
	assert_int_equal(pango_layout_get_width(wider), 350 * PANGO_SCALE);
	assert_string_equal(pango_layout_get_text(n_other), "下書き");
	/* What was kept lays out as a copy made now. */
	PangoLayout *fresh = pango_layout_copy(a);
	pango_layout_set_width(fresh, 300 * PANGO_SCALE);
	assert_int_equal(pango_layout_get_line_count(n1), pango_layout_get_line_count(fresh));
	int w1, h1, w2, h2;
	pango_layout_get_size(n1, &w1, &h1);
	pango_layout_get_size(fresh, &w2, &h2);
	assert_int_equal(w1, w2);
	assert_int_equal(h1, h2);
	assert_true(pango_layout_get_line_count(n1) >= pango_layout_get_line_count(a));
	PangoLayout *all[] = {a, a_again, larger, other, n1, n2, wider, n_larger, n_other, fresh};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		g_object_unref(all[i]);
	g_object_unref(context);
	pdf_layout_cache_release();
}

/* Workers start (five times) while another thread draws PDFs in this
 * process, holding Pango's and fontconfig's locks at times: every pool
 * answers with the same bytes. */
static void test_workers_start_while_another_thread_draws(void **state)
{
	thread_arg busy = {NULL, 3, 0, NULL};
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, draw_here_main, &busy), 0);
	for (int round = 0; round < 5; round++) {
		kg_pdf_workers *w = kg_pdf_workers_start(2, 1, worker_command);
		assert_non_null(w);
		thread_arg use = {w, 1, 0, NULL};
		thread_main(&use);
		assert_int_equal(use.mismatches, 0);
		kg_pdf_workers_stop(w);
	}
	pthread_join(thread, NULL);
	assert_int_equal(busy.mismatches, 0);
}

/* A worker that is not one (it exits at once) is reported as stopped,
 * the set fails, and nothing hangs. */
static void test_a_dead_worker_is_reported(void **state)
{
	static const char *const not_a_worker[] = {"/bin/true", NULL};
	kg_pdf_workers *w = kg_pdf_workers_start(2, 1, not_a_worker);
	assert_non_null(w);
	set s;
	set_init(&s);
	kg_buf outs[5];
	for (int i = 0; i < 5; i++)
		kg_buf_init(&outs[i]);
	kg_diags diags;
	kg_diags_init(&diags);
	assert_int_equal(kg_pdf_render_set(w, s.reqs, 5, outs, NULL, &diags), -1);
	assert_true(diags.count >= 1);
	assert_non_null(strstr(diags.items[0].message, "stopped before it finished"));
	for (int i = 0; i < 5; i++)
		kg_buf_release(&outs[i]);
	kg_diags_release(&diags);
	set_release(&s);
	kg_pdf_workers_stop(w);
}

/* The Japanese handout embeds a subset of Noto Sans CJK: small, every
 * font a subset, the text (placeholders filled) extracts, and 如, which
 * Cairo 1.16's own CFF subsetting left blank, is drawn (its raster
 * comparison is in test_pdf.c; here: present in the text and the font). */
static void test_cjk_handout_embeds_small_subsets(void **state)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/ja-handout.pdf", work_dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(reference[0].data, 1, reference[0].len, f), reference[0].len);
	fclose(f);
	assert_true(reference[0].len < 120 * 1024); /* Cairo alone: about 1.8 MB */
	char *fonts = run("pdffonts '%s'", path);
	assert_non_null(strstr(fonts, "NotoSansCJKjp"));
	int rows = 0;
	char *save = NULL;
	for (char *line = strtok_r(fonts, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "name ", 5) || !strncmp(line, "----", 4))
			continue;
		rows++;
		char *plus = strchr(line, '+');
		assert_true(plus && plus - line == 6); /* ABCDEF+: a subset */
	}
	assert_true(rows >= 1);
	free(fonts);
	char *text = run("pdftotext '%s' - | tr -d ' \\n'", path);
	assert_non_null(strstr(text, "誰かが危険なとき"));
	assert_non_null(strstr(text, "電話：(555)010-4477"));
	assert_non_null(strstr(text, "如果你看到"));
	free(text);
}

static int setup(void **state)
{
	snprintf(work_dir, sizeof(work_dir), "/tmp/kitgen-test-workers.XXXXXX");
	return mkdtemp(work_dir) ? 0 : -1;
}

static int teardown(void **state)
{
	for (int i = 0; i < 5; i++)
		kg_buf_release(&reference[i]);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", work_dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], worker_command[1]))
		return kg_pdf_worker_main(KG_PDF_WORKER_FD);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_workers_draw_the_same_bytes_as_this_process),
	    cmocka_unit_test(test_kept_layouts_change_no_byte),
	    cmocka_unit_test(test_a_narrower_copy_is_kept_per_text_font_and_width),
	    cmocka_unit_test(test_threads_share_the_workers),
	    cmocka_unit_test(test_a_large_build_starts_its_second_worker_at_once),
	    cmocka_unit_test(test_workers_start_while_another_thread_draws),
	    cmocka_unit_test(test_a_dead_worker_is_reported),
	    cmocka_unit_test(test_cjk_handout_embeds_small_subsets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
