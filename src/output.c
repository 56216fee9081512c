/*
 * output.c: the routing of retired connections to the views, reports,
 * the TUI's store and --export-certs, with the files they write.
 */
#include "config.h"

#include "output.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/limits.h"
#include "common/logfile.h"
#include "export.h"
#include "model/store.h"
#include "parallel.h"
#include "pipeline.h"
#include "tui/tui.h"
#include "view/diff.h"
#include "view/ecs.h"
#include "view/json.h"
#include "view/label.h"

struct output {
	struct output_opts	 o;
	struct buf		 out;
	bool			 out_failed;
	struct logfile		 log;		/* --log-file; fp NULL: stdout */
	struct store		 store;		/* finished, for the TUI */
	struct diff		*diff;		/* --diff */
	bool			 stdout_off;	/* --report without -o, -o -q */
	struct report		*report;	/* --report */
	FILE			*report_fp;	/* -o */
	uint64_t		 reported;
	struct export		 ex;		/* --export-certs */
	const struct output_source *src;	/* --tui */
	struct parallel_view	 pview;		/* -j N */
};

static volatile sig_atomic_t	hup_signal;	/* --log-file: reopen */

static void	color_policy(struct text_opts *, const char *);
static void	on_hup(int);
static void	log_reopen(struct output *);
static void	write_out(struct output *);

/*
 * color_policy: --color=always, or auto on a terminal without NO_COLOR
 * and with a TERM other than "dumb"; NO_COLOR set and non-empty wins.
 */
static void
color_policy(struct text_opts *t, const char *color)
{
	const char *env;

	if (strcmp(color, "always") == 0)
		t->color = true;
	else if (strcmp(color, "auto") == 0)
		t->color = isatty(STDOUT_FILENO) &&
		    ((env = getenv("NO_COLOR")) == NULL || *env == '\0') &&
		    ((env = getenv("TERM")) == NULL || strcmp(env, "dumb"));
	if ((env = getenv("NO_COLOR")) != NULL && *env != '\0')
		t->color = false;
	env = getenv("TERM");
	t->color256 = env != NULL && strstr(env, "256") != NULL;
	t->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

struct output *
output_new(const struct output_opts *o)
{
	struct output *out = x_calloc(1, sizeof(*out));

	out->o = *o;
	color_policy(&out->o.text, o->color);
	/* The report replaces the stdout view, or runs beside it (-o). */
	out->stdout_off = o->report && (o->report_file == NULL ||
	    o->text.quiet);
	if (o->diff)
		out->diff = diff_new(o->view == OUT_JSON, &out->o.text);
	out->ex.fd = -1;
	buf_init(&out->out);
	store_init(&out->store, LIM_SUMMARIES);
	return out;
}

const struct text_opts *
output_text(const struct output *out)
{
	return &out->o.text;
}

bool
output_fingerprints(const struct output *out)
{
	return out->o.view != OUT_TEXT || out->o.diff || out->o.report;
}

uint64_t
output_reported(const struct output *out)
{
	return out->reported;
}

static void
on_hup(int sig)
{
	(void)sig;
	hup_signal = 1;
}

bool
output_open(struct output *out, char *err, size_t errlen)
{
	const char *f = out->o.report_file;
	struct sigaction sa;

	if (out->o.report && f != NULL &&
	    (out->report_fp = report_open(f)) == NULL) {
		snprintf(err, errlen, "-o %s: %s%s", f, strerror(errno),
		    errno == ELOOP ? " (a symbolic link: -o never follows "
		    "one)" : errno == ENOENT ? " (its directory does not "
		    "exist: create it first)" : "");
		return false;
	}
	if (out->o.log_path == NULL)
		return true;
	/* After -Z too: the reopened file is the same user's. */
	if (!logfile_open(&out->log, out->o.log_path, err, errlen))
		return false;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_hup;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGHUP, &sa, NULL);
	return true;
}

bool
output_start(struct output *out, char *err, size_t errlen)
{
	const char *dir = out->o.export_dir, *source;

	if (dir != NULL && !export_open(&out->ex, dir, err, errlen))
		return false;
	if (out->o.report) {
		/* A file's base name. */
		source = out->o.source_file ? strrchr(out->o.source, '/') :
		    NULL;
		source = source != NULL ? source + 1 : out->o.source;
		out->report = report_new(out->o.report_fmt, source,
		    &out->o.text);
	}
	return true;
}

/*
 * log_reopen: after SIGHUP, --log-file is opened again (logrotate renamed
 * it); lines before went whole to the old file, lines after go to the new.
 */
static void
log_reopen(struct output *out)
{
	char err[512];

	if (!hup_signal || out->log.fp == NULL)
		return;
	hup_signal = 0;
	if (!logfile_reopen(&out->log, err, sizeof(err)))
		fprintf(stderr, "tlshake: warning: %s (writing on to the "
		    "file open before)\n", err);
}

void
output_tick(struct output *out)
{
	log_reopen(out);
}

static void
write_out(struct output *out)
{
	if (out->out_failed) {
		buf_reset(&out->out);
		return;
	}
	log_reopen(out);
	if (!buf_write(&out->out, out->log.fp != NULL ? out->log.fp :
	    stdout)) {
		if (errno == EPIPE && out->log.fp == NULL) {
			/* SIGPIPE on the output ends quietly. */
			_exit(0);
		}
		out->out_failed = true;
	}
}

void
output_conn(struct output *out, struct conn *c)
{
	export_conn(&out->ex, c);
	if (!label_reported(c, out->o.all)) {
		conn_free(c);
		return;
	}
	out->reported++;
	if (out->o.view == OUT_TUI) {
		store_add(&out->store, c);
		return;
	}
	if (out->stdout_off)
		;
	else if (out->diff != NULL)
		diff_emit_conn(out->diff, &out->out, c);
	else if (out->o.view == OUT_JSON)
		json_emit_conn(&out->out, c);
	else if (out->o.view == OUT_ECS)
		ecs_emit_conn(&out->out, c);
	else
		text_emit_conn(&out->out, c, &out->o.text);
	write_out(out);
	if (out->report != NULL)
		report_add(out->report, c);	/* takes "c" */
	else
		conn_free(c);
}

/*
 * par_render: -j N, on a worker thread. The views that keep nothing of a
 * connection print it there; the merge copies the bytes in order.
 */
static bool
par_render(void *arg, struct conn *c, struct buf *b, bool *reported)
{
	struct output *out = arg;

	*reported = label_reported(c, out->o.all);
	if (!*reported)
		;
	else if (out->o.view == OUT_JSON)
		json_emit_conn(b, c);
	else if (out->o.view == OUT_ECS)
		ecs_emit_conn(b, c);
	else
		text_emit_conn(b, c, &out->o.text);
	conn_free(c);
	return true;
}

/* par_rendered: -j N, on the merging thread, in -j 1's order. */
static void
par_rendered(void *arg, const char *p, size_t len, bool reported)
{
	struct output *out = arg;

	if (!reported)
		return;
	out->reported++;
	buf_add(&out->out, p, len);
	write_out(out);
}

const struct parallel_view *
output_parallel_view(struct output *out)
{
	if (out->o.view == OUT_TUI || out->diff != NULL ||
	    out->report != NULL || out->stdout_off || out->o.export_dir != NULL)
		return NULL;
	out->pview.render = par_render;
	out->pview.rendered = par_rendered;
	out->pview.arg = out;
	return &out->pview;
}

/* --- the TUI's source ----------------------------------------------- */

struct open_ctx {
	tui_conn_fn	 fn;
	void		*arg;
	bool		 all;
};

static void
open_cb(void *arg, struct conn *c)
{
	struct open_ctx *o = arg;

	if (label_reported(c, o->all))
		o->fn(o->arg, c);
}

static void
tui_foreach_open(void *arg, tui_conn_fn fn, void *fnarg)
{
	struct output *out = arg;
	struct open_ctx o = { fn, fnarg, out->o.all };

	if (out->src->pipe != NULL)
		pipeline_foreach_open(out->src->pipe, open_cb, &o);
}

static void
tui_counts(void *arg, uint64_t *pkts, uint64_t *dropped, int *progress)
{
	struct output *out = arg;
	const struct output_source *s = out->src;
	uint64_t recv, drop, ifdrop;
	struct pipeline_stats ps;

	s->stats(s->arg, &ps);
	*pkts = ps.frames;
	*dropped = 0;
	if (pcapin_stats(s->in, &recv, &drop, &ifdrop))
		*dropped = drop + ifdrop;
	*progress = *s->input_done ? 100 : pcapin_progress(s->in);
}

static bool
tui_pump(void *arg)
{
	struct output *out = arg;

	return out->src->pump(out->src->arg);
}

int
output_tui(struct output *out, const struct output_source *s)
{
	const char *color = out->o.color;
	struct tui_opts tuo;
	struct tui_source src;

	out->src = s;
	memset(&tuo, 0, sizeof(tuo));
	tuo.source = out->o.source;
	tuo.live = pcapin_is_live(s->in);
	tuo.color = strcmp(color, "never") == 0 ? TUI_COLOR_NEVER :
	    strcmp(color, "always") == 0 ? TUI_COLOR_ALWAYS : TUI_COLOR_AUTO;
	memset(&src, 0, sizeof(src));
	src.store = &out->store;
	src.pump = tui_pump;
	src.fd = pcapin_fd(s->in);
	if (src.fd >= 0)
		pcapin_set_nonblock(s->in, true);
	src.foreach_open = tui_foreach_open;
	src.counts = tui_counts;
	src.arg = out;
	return tui_run(&tuo, &src);
}

/* --- the end -------------------------------------------------------- */

int
output_finish(struct output *out, bool *report_to_stdout)
{
	const char *f = out->o.report_file;
	int rc = 0;

	*report_to_stdout = out->report != NULL && out->report_fp == NULL;
	if (out->diff != NULL && !out->stdout_off) {
		/* --diff: per server and per client, at the end. */
		diff_emit_end(out->diff, &out->out);
		write_out(out);
	}
	if (out->report != NULL && !report_write(out->report,
	    out->report_fp != NULL ? out->report_fp : stdout)) {
		if (out->report_fp == NULL && errno == EPIPE)
			_exit(0);
		fprintf(stderr, "tlshake: write error on %s\n",
		    f != NULL ? f : "standard output");
		rc = 1;
	}
	if (out->report_fp != NULL && fclose(out->report_fp) != 0) {
		fprintf(stderr, "tlshake: write error on %s\n", f);
		rc = 1;
	}
	out->report_fp = NULL;
	return rc;
}

bool
output_free(struct output *out)
{
	bool ok;

	store_cleanup(&out->store);
	diff_free(out->diff);
	report_free(out->report);
	export_close(&out->ex);
	buf_cleanup(&out->out);
	if (!logfile_close(&out->log))
		out->out_failed = true;
	if ((ok = !out->out_failed) == false)
		fprintf(stderr, "tlshake: write error on %s\n",
		    out->o.log_path != NULL ? out->o.log_path :
		    "standard output");
	free(out);
	return ok;
}
