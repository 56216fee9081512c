/*
 * reader.c: the capture loop, from pcapin to the pipeline.
 */
#include "reader.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"

#include "output.h"
#include "parallel.h"
#include "pipeline.h"
#include "secrets.h"
#include "stats.h"

#define EXIT_CORRUPT	3

/*
 * Frames held back live with a key log file: LAG_US after their capture,
 * at most LAG_FRAMES of them and LAG_BYTES of packet data (past either
 * the oldest goes on at once).
 */
#define LAG_US		250000
#define LAG_FRAMES	8192
#define LAG_BYTES	(32u << 20)

struct lag {
	struct pcapin_frame	 q[LAG_FRAMES];	/* data: a copy, owned */
	size_t			 head, n, bytes;
};

static volatile sig_atomic_t	stop_signal;
static struct reader		*the_reader;

static void	on_signal(int);
static void	on_frame(void *, const struct pcapin_frame *);
static void	lag_drain(struct reader *, bool);
static bool	read_some(struct reader *, int);
static bool	tui_pump(void *);

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
reader_lag(struct reader *r)
{
	r->lag = x_calloc(1, sizeof(*r->lag));
}

/* lag_pop hands the oldest held frame to the pipeline. */
static void
lag_pop(struct reader *r)
{
	struct lag *l = r->lag;
	struct pcapin_frame *f = &l->q[l->head];

	if (!r->hs_stop)
		pipeline_frame(r->pipe, f);
	l->bytes -= f->caplen;
	free((void *)f->data);
	f->data = NULL;
	l->head = (l->head + 1) % LAG_FRAMES;
	l->n--;
}

/* lag_drain passes on the frames held long enough ("all": every one). */
static void
lag_drain(struct reader *r, bool all)
{
	struct lag *l = r->lag;
	uint64_t now;

	if (l == NULL)
		return;
	now = stats_now_us(true);
	while (l->n > 0 && (all || l->q[l->head].ts + LAG_US <= now))
		lag_pop(r);
}

static void
on_frame(void *arg, const struct pcapin_frame *fr)
{
	struct reader *r = arg;
	struct lag *l = r->lag;
	struct pcapin_frame *f;
	uint8_t *data;

	if (r->par != NULL) {
		parallel_frame(r->par, fr);
		return;
	}
	if (l == NULL) {
		pipeline_frame(r->pipe, fr);
		return;
	}
	while (l->n > 0 && (l->n == LAG_FRAMES ||
	    l->bytes + fr->caplen > LAG_BYTES))
		lag_pop(r);
	data = x_malloc(fr->caplen > 0 ? fr->caplen : 1);
	memcpy(data, fr->data, fr->caplen);
	f = &l->q[(l->head + l->n) % LAG_FRAMES];
	*f = *fr;
	f->data = data;
	l->bytes += fr->caplen;
	l->n++;
}

void
reader_free(struct reader *r)
{
	if (r->lag != NULL) {
		while (r->lag->n > 0) {
			r->hs_stop = true;	/* dropped, not analysed */
			lag_pop(r);
		}
		free(r->lag);
		r->lag = NULL;
	}
}

/* flush: the input ended; retire what is open. */
static void
flush(struct reader *r)
{
	if (r->par != NULL)
		parallel_finish(r->par);
	else
		pipeline_flush(r->pipe);
}

void
reader_stats(const struct reader *r, struct pipeline_stats *ps)
{
	if (r->par != NULL)
		parallel_stats(r->par, ps);
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
	lag_drain(r, false);
	if (r->pipe != NULL && pcapin_is_live(r->in)) {
		pipeline_stats(r->pipe, &ps);
		if (ps.last_ts != 0)
			pipeline_expire(r->pipe, stats_now_us(true));
	}
	if (r->res == PCAPIN_AGAIN && !stop_signal)
		return true;
	r->input_done = true;
	lag_drain(r, true);
	flush(r);
	return false;
}

static bool
tui_pump(void *arg)
{
	struct reader *r = arg;

	return read_some(r, pcapin_is_live(r->in) ? 1024 : 4096);
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
		src.arg = r;
		src.input_done = &r->input_done;
		rc = output_tui(r->out, &src);
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
