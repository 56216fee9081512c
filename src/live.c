/*
 * live.c: -j N on an interface (see live.h): a worker per handle of the
 * fanout group, each with its own pipeline; the calling thread gives the
 * sink what they retire.
 *
 * A worker hands its retirements over through a bounded queue (full: it
 * waits, and the kernel's ring holds the packets meanwhile); what it
 * retires at the end of the capture it keeps in a list of its own, in
 * order of id, and the lists are merged by id once every worker is done,
 * as one pipeline flushes (SPEC.md: at the end of input, in order of
 * conn).
 */
#include "live.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/arena.h"

#include "lag.h"
#include "stats.h"

#define QUEUE_CAP	4096		/* retirements waiting for the sink */
#define TICK_US		100000		/* live_run's "tick" */
#define DROPS_US	1000000		/* how often a worker reads pcap_stats */

struct worker {
	struct live	*lv;
	pthread_t	 th;
	struct pcapin	*in;		/* its handle */
	struct pipeline	*pipe;
	struct lag	*lag;		/* NULL: frames go on at once */
	bool		 flushing;	/* the capture ended: keep in "fl" */
	struct conn	**fl;		/* retired by the flush, by id */
	size_t		 n_fl, cap_fl, i_fl;
	enum pcapin_res	 res;
	char		 msg[512];
	uint64_t	 drops_us;
	/* published under lv->m */
	struct pipeline_stats ps;
	uint64_t	 recv, drop, ifdrop;
};

struct live {
	unsigned int	 n;
	struct worker	*w;
	struct pipeline_sink sink;
	uint64_t	 max;
	_Atomic uint64_t next_id;
	bool		 joined;
	pthread_mutex_t	 m;
	pthread_cond_t	 cv;		/* to the sink's thread */
	pthread_cond_t	 room;		/* to the workers: the queue has room */
	struct conn	*q[QUEUE_CAP];
	unsigned int	 head, nq, running;
};

static void	 w_open(void *, struct conn *);
static void	 w_conn(void *, struct conn *);
static void	 on_frame(void *, const struct pcapin_frame *);
static void	*work(void *);

struct live *
live_new(struct pcapin *in, const struct pipeline_opts *o,
    const struct pipeline_sink *sink, bool lag)
{
	struct pipeline_sink ws;
	struct live *lv;
	struct worker *w;
	pthread_condattr_t ca;
	unsigned int i;

	lv = x_calloc(1, sizeof(*lv));
	lv->n = pcapin_handles(in);
	lv->sink = *sink;
	lv->w = x_calloc(lv->n, sizeof(*lv->w));
	pthread_mutex_init(&lv->m, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&lv->cv, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&lv->room, NULL);
	for (i = 0; i < lv->n; i++) {
		w = &lv->w[i];
		w->lv = lv;
		w->in = pcapin_handle(in, i);
		memset(&ws, 0, sizeof(ws));
		ws.open = w_open;
		ws.conn = w_conn;
		ws.arg = w;
		if ((w->pipe = pipeline_new(o, &ws)) == NULL) {
			live_free(lv);
			return NULL;
		}
		if (lag)
			w->lag = lag_new();
	}
	return lv;
}

void
live_free(struct live *lv)
{
	unsigned int i;
	size_t k;

	if (lv == NULL)
		return;
	for (i = 0; i < lv->n; i++) {
		lag_free(lv->w[i].lag);
		pipeline_free(lv->w[i].pipe);
		for (k = lv->w[i].i_fl; k < lv->w[i].n_fl; k++)
			conn_free(lv->w[i].fl[k]);
		free(lv->w[i].fl);
	}
	while (lv->nq > 0) {
		conn_free(lv->q[lv->head]);
		lv->head = (lv->head + 1) % QUEUE_CAP;
		lv->nq--;
	}
	pthread_mutex_destroy(&lv->m);
	pthread_cond_destroy(&lv->cv);
	pthread_cond_destroy(&lv->room);
	free(lv->w);
	free(lv);
}

/* Connections are numbered as they are created, across the workers. */
static void
w_open(void *arg, struct conn *c)
{
	struct worker *w = arg;

	c->id = atomic_fetch_add(&w->lv->next_id, 1) + 1;
}

static void
w_conn(void *arg, struct conn *c)
{
	struct worker *w = arg;
	struct live *lv = w->lv;

	if (w->flushing) {
		if (w->n_fl == w->cap_fl) {
			w->cap_fl = w->cap_fl > 0 ? w->cap_fl * 2 : 256;
			w->fl = x_realloc(w->fl, w->cap_fl, sizeof(*w->fl));
		}
		w->fl[w->n_fl++] = c;
		return;
	}
	pthread_mutex_lock(&lv->m);
	while (lv->nq == QUEUE_CAP)
		pthread_cond_wait(&lv->room, &lv->m);
	lv->q[(lv->head + lv->nq++) % QUEUE_CAP] = c;
	pthread_cond_signal(&lv->cv);
	pthread_mutex_unlock(&lv->m);
}

static void
on_frame(void *arg, const struct pcapin_frame *f)
{
	struct worker *w = arg;

	if (w->lag != NULL)
		lag_push(w->lag, w->pipe, f);
	else
		pipeline_frame(w->pipe, f);
}

/* publish: the counts for live_stats and live_drops ("drops": read the
 * kernel's now). */
static void
publish(struct worker *w, bool drops)
{
	struct pipeline_stats ps;
	uint64_t recv = 0, drop = 0, ifdrop = 0;

	pipeline_stats(w->pipe, &ps);
	if (drops)
		drops = pcapin_stats(w->in, &recv, &drop, &ifdrop);
	pthread_mutex_lock(&w->lv->m);
	w->ps = ps;
	if (drops) {
		w->recv = recv;
		w->drop = drop;
		w->ifdrop = ifdrop;
	}
	pthread_mutex_unlock(&w->lv->m);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct live *lv = w->lv;
	struct pipeline_stats ps;
	enum pcapin_res res;
	uint64_t now;

	do {
		res = pcapin_run(w->in, on_frame, w, lv->max, 1024, w->msg,
		    sizeof(w->msg));
		lag_drain(w->lag, w->pipe, false, NULL);
		now = stats_now_us(true);
		pipeline_stats(w->pipe, &ps);
		if (ps.last_ts != 0)
			pipeline_expire(w->pipe, now);
		publish(w, now - w->drops_us >= DROPS_US);
		if (now - w->drops_us >= DROPS_US)
			w->drops_us = now;
	} while (res == PCAPIN_AGAIN);
	/* One handle failed or was stopped: so is the capture. */
	pcapin_break(w->in);
	lag_drain(w->lag, w->pipe, true, NULL);
	w->flushing = true;
	pipeline_flush(w->pipe);
	publish(w, true);
	pthread_mutex_lock(&lv->m);
	w->res = res;
	lv->running--;
	pthread_cond_signal(&lv->cv);
	pthread_mutex_unlock(&lv->m);
	return NULL;
}

/* drain gives the sink what is queued; lv->m held (released meanwhile). */
static void
drain(struct live *lv)
{
	struct conn *c;

	while (lv->nq > 0) {
		c = lv->q[lv->head];
		lv->head = (lv->head + 1) % QUEUE_CAP;
		lv->nq--;
		pthread_cond_broadcast(&lv->room);
		pthread_mutex_unlock(&lv->m);
		lv->sink.conn(lv->sink.arg, c);
		pthread_mutex_lock(&lv->m);
	}
}

/* merge_flushed: the connections open at the end, all workers', by id. */
static void
merge_flushed(struct live *lv)
{
	struct worker *w, *best;
	unsigned int i;

	for (;;) {
		best = NULL;
		for (i = 0; i < lv->n; i++) {
			w = &lv->w[i];
			if (w->i_fl < w->n_fl && (best == NULL ||
			    w->fl[w->i_fl]->id < best->fl[best->i_fl]->id))
				best = w;
		}
		if (best == NULL)
			return;
		lv->sink.conn(lv->sink.arg, best->fl[best->i_fl++]);
	}
}

enum pcapin_res
live_run(struct live *lv, uint64_t max, void (*tick)(void *), void *arg,
    char *msg, size_t msglen)
{
	enum pcapin_res res = PCAPIN_EOF;
	struct timespec ts;
	uint64_t last = stats_now_us(false), now;
	unsigned int i;

	lv->max = max;
	lv->running = lv->n;
	for (i = 0; i < lv->n; i++)
		pthread_create(&lv->w[i].th, NULL, work, &lv->w[i]);
	pthread_mutex_lock(&lv->m);
	for (;;) {
		drain(lv);
		if (lv->running == 0)
			break;
		now = stats_now_us(false);
		if (now - last >= TICK_US) {
			pthread_mutex_unlock(&lv->m);
			tick(arg);
			pthread_mutex_lock(&lv->m);
			last = now;
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += (long)(last + TICK_US - now) * 1000;
		while (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		if (lv->nq == 0 && lv->running > 0)
			pthread_cond_timedwait(&lv->cv, &lv->m, &ts);
	}
	pthread_mutex_unlock(&lv->m);
	for (i = 0; i < lv->n; i++)
		pthread_join(lv->w[i].th, NULL);
	lv->joined = true;
	merge_flushed(lv);
	msg[0] = '\0';
	for (i = 0; i < lv->n; i++) {
		if (lv->w[i].res == PCAPIN_ERROR || lv->w[i].res ==
		    PCAPIN_CORRUPT) {
			snprintf(msg, msglen, "%s", lv->w[i].msg);
			return lv->w[i].res;
		}
		if (lv->w[i].res == PCAPIN_BREAK)
			res = PCAPIN_BREAK;
	}
	return res;
}

/* add: "b" into "a", as one pipeline would count both (all uint64_t). */
static void
add(struct pipeline_stats *a, const struct pipeline_stats *b)
{
	uint64_t *pa = (uint64_t *)(void *)a;
	const uint64_t *pb = (const uint64_t *)(const void *)b;
	uint64_t last = a->last_ts > b->last_ts ? a->last_ts : b->last_ts;
	size_t i;

	_Static_assert(sizeof(*a) % sizeof(uint64_t) == 0,
	    "pipeline_stats holds uint64_t counts only");
	for (i = 0; i < sizeof(*a) / sizeof(uint64_t); i++)
		pa[i] += pb[i];
	/* The latest time, not a sum; the peaks are an upper bound. */
	a->last_ts = last;
}

void
live_stats(struct live *lv, struct pipeline_stats *out)
{
	struct pipeline_stats ps;
	unsigned int i;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&lv->m);
	for (i = 0; i < lv->n; i++) {
		if (lv->joined)
			pipeline_stats(lv->w[i].pipe, &ps);
		else
			ps = lv->w[i].ps;
		add(out, &ps);
	}
	pthread_mutex_unlock(&lv->m);
}

void
live_drops(struct live *lv, uint64_t *recv, uint64_t *drop, uint64_t *ifdrop)
{
	unsigned int i;

	*recv = *drop = *ifdrop = 0;
	pthread_mutex_lock(&lv->m);
	for (i = 0; i < lv->n; i++) {
		*recv += lv->w[i].recv;
		*drop += lv->w[i].drop;
		/* The interface's count: each handle has all of it. */
		if (lv->w[i].ifdrop > *ifdrop)
			*ifdrop = lv->w[i].ifdrop;
	}
	pthread_mutex_unlock(&lv->m);
}
