/*
 * reader.c: the capture loop, from pcapin to the pipeline.
 */
#include "reader.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"

#include "lag.h"
#include "live.h"
#include "output.h"
#include "parallel.h"
#include "pipeline.h"
#include "secrets.h"
#include "stats.h"

#define EXIT_CORRUPT	3

/* Connections handed from -j N's merging thread to the TUI's. Not
 * bounded: the TUI keeps every one anyway, and a merge waiting for room
 * would wait for the very thread that feeds its workers. */
struct handoff {
	pthread_mutex_t	 m;
	struct conn	**v;
	size_t		 n, cap;
};

static volatile sig_atomic_t	stop_signal;
static struct reader		*the_reader;

static void	on_signal(int);
static void	on_frame(void *, const struct pcapin_frame *);
static bool	read_some(struct reader *, int);
static bool	tui_pump(void *);
static void	tui_stats(void *, struct pipeline_stats *);
static void	live_tick(void *);

static void
on_signal(int sig)
{
	stop_signal = sig;
	if (the_reader != NULL && the_reader->in != NULL)
		pcapin_break(the_reader->in);
}

/*
 * The first SIGINT/SIGTERM stops the loop (then open connections are
 * flushed); SA_RESETHAND lets a second one end a long flush at once. No
 * SA_RESTART: a blocked read returns.
 */
void
reader_signals(struct reader *r)
{
	struct sigaction sa;

	the_reader = r;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* --handshakes stops when a handshake completes, not at its end. */
void
reader_handshakes(void *arg, const struct conn *c, uint32_t n)
{
	struct reader *r = arg;

	(void)c;
	r->hs_done += n;
	if (r->hs_done >= r->max_handshakes && r->in != NULL) {
		r->hs_stop = true;
		pcapin_break(r->in);
	}
}

void
reader_conn(void *arg, struct conn *c)
{
	struct reader *r = arg;
	struct pipeline_stats ps;

	output_conn(r->out, c);
	if (r->max_handshakes != 0 && r->in != NULL) {
		pipeline_stats(r->pipe, &ps);
		if (ps.handshakes >= r->max_handshakes) {
			r->hs_stop = true;
			pcapin_break(r->in);
		}
	}
}

void
reader_handoffs(struct reader *r)
{
	r->handoff = x_calloc(1, sizeof(*r->handoff));
	pthread_mutex_init(&r->handoff->m, NULL);
}

void
reader_handoff(void *arg, struct conn *c)
{
	struct handoff *h = ((struct reader *)arg)->handoff;

	pthread_mutex_lock(&h->m);
	if (h->n == h->cap) {
		h->cap = h->cap > 0 ? h->cap * 2 : 256;
		h->v = x_realloc(h->v, h->cap, sizeof(*h->v));
	}
	h->v[h->n++] = c;
	pthread_mutex_unlock(&h->m);
}

/* take_handoffs gives output_conn what the merge handed over. */
static void
take_handoffs(struct reader *r)
{
	struct handoff *h = r->handoff;
	struct conn **v;
	size_t i, n;

	if (h == NULL)
		return;
	pthread_mutex_lock(&h->m);
	v = h->v;
	n = h->n;
	h->v = NULL;
	h->n = h->cap = 0;
	pthread_mutex_unlock(&h->m);
	for (i = 0; i < n; i++)
		output_conn(r->out, v[i]);
	free(v);
}

void
reader_lag(struct reader *r)
{
	r->lag = lag_new();
}

static void
on_frame(void *arg, const struct pcapin_frame *fr)
{
	struct reader *r = arg;

	if (r->par != NULL)
		parallel_frame(r->par, fr);
	else if (r->lag != NULL)
		lag_push(r->lag, r->hs_stop ? NULL : r->pipe, fr);
	else
		pipeline_frame(r->pipe, fr);
}

void
reader_free(struct reader *r)
{
	lag_free(r->lag);	/* what it holds is dropped, not analysed */
	r->lag = NULL;
	if (r->handoff != NULL) {	/* the TUI ended before them */
		while (r->handoff->n > 0)
			conn_free(r->handoff->v[--r->handoff->n]);
		free(r->handoff->v);
		pthread_mutex_destroy(&r->handoff->m);
		free(r->handoff);
		r->handoff = NULL;
	}
	live_free(r->live);
	r->live = NULL;
}

/* flush: the input ended; retire what is open. */
static void
flush(struct reader *r)
{
	if (r->par != NULL)
		parallel_finish(r->par);
	else if (r->pipe != NULL)
		pipeline_flush(r->pipe);
}

void
reader_stats(const struct reader *r, struct pipeline_stats *ps)
{
	if (r->par != NULL)
		parallel_stats(r->par, ps);
	else if (r->live != NULL)
		live_stats(r->live, ps);
	else
		pipeline_stats(r->pipe, ps);
}

/*
 * read_some reads one batch of input (batch 0: all of a file) and handles
 * the end of the input; false once it has ended.
 */
static bool
read_some(struct reader *r, int batch)
{
	struct pipeline_stats ps;

	if (r->input_done)
		return false;
	r->res = pcapin_run(r->in, on_frame, r, r->max_packets, batch,
	    r->msg, sizeof(r->msg));
	lag_drain(r->lag, r->pipe, false, &r->hs_stop);
	if (r->pipe != NULL && pcapin_is_live(r->in)) {
		pipeline_stats(r->pipe, &ps);
		if (ps.last_ts != 0)
			pipeline_expire(r->pipe, stats_now_us(true));
	}
	if (r->res == PCAPIN_AGAIN && !stop_signal)
		return true;
	r->input_done = true;
	lag_drain(r->lag, r->pipe, true, &r->hs_stop);
	flush(r);
	return false;
}

/* live_tick: -j N live, on the reading thread about every 100 ms. */
static void
live_tick(void *arg)
{
	struct reader *r = arg;
	struct pipeline_stats ps;
	uint64_t recv, drop, ifdrop;

	if (stats_due(r->st)) {
		live_stats(r->live, &ps);
		live_drops(r->live, &recv, &drop, &ifdrop);
		stats_tick_counts(r->st, &ps, drop, ifdrop,
		    output_reported(r->out));
	}
	output_tick(r->out);
	if (r->sec != NULL)
		secrets_diags(r->sec, false);
}

static void
tui_stats(void *arg, struct pipeline_stats *ps)
{
	reader_stats(arg, ps);
}

static bool
tui_pump(void *arg)
{
	struct reader *r = arg;
	bool more = read_some(r, pcapin_is_live(r->in) ? 1024 : 4096);

	take_handoffs(r);
	return more;
}

int
reader_run(struct reader *r, bool tui, const char *source)
{
	struct output_source src;
	int rc = 0;

	if (tui) {
		memset(&src, 0, sizeof(src));
		src.in = r->in;
		src.pipe = r->pipe;
		src.pump = tui_pump;
		src.stats = tui_stats;
		src.arg = r;
		src.input_done = &r->input_done;
		rc = output_tui(r->out, &src);
		r->input_done = true;
	} else if (r->live != NULL) {
		r->res = live_run(r->live, r->max_packets, live_tick, r,
		    r->msg, sizeof(r->msg));
		r->input_done = true;
	} else if (pcapin_is_live(r->in)) {
		/* Live: batches, so idle connections expire on time. */
		while (read_some(r, 1024)) {
			stats_tick(r->st, r->in, r->pipe,
			    output_reported(r->out));
			output_tick(r->out);
			if (r->sec != NULL)
				secrets_diags(r->sec, false);
		}
	} else
		read_some(r, 0);
	switch (r->res) {
	case PCAPIN_CORRUPT:
		fprintf(stderr, "tlshake: %s: %s\n", source, r->msg);
		rc = EXIT_CORRUPT;
		break;
	case PCAPIN_ERROR:
		fprintf(stderr, "tlshake: %s\n", r->msg);
		rc = 1;
		break;
	default:
		if (r->msg[0] != '\0')
			fprintf(stderr, "tlshake: %s: %s\n", source, r->msg);
		break;
	}
	flush(r);
	return rc;
}
