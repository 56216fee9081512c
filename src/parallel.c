/*
 * parallel.c: -j N on a file (see parallel.h): a reader, N workers with a
 * pipeline each, and a merge that restores -j 1's order.
 *
 * Threads talk through bounded FIFOs of batches taken from fixed pools:
 * the reader fills one input batch per worker and hands them all over at
 * once (so every worker's batches end at the same frame), then waits for
 * free ones; a worker gives back what it read and fills output batches of
 * retirements, each ending with a watermark (no later record of it sorts
 * before); the merge emits the smallest record of all workers once no
 * worker can still send a smaller one.
 */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/flowtab.h"
#include "common/arena.h"

#define IN_BATCH	(256 * 1024)	/* bytes of records per input batch */
#define IN_POOL		4		/* input batches per worker */
#define OUT_BATCH	512		/* records per output batch */
#define OUT_POOL	4		/* output batches per worker */
#define OUT_TEXT	(128 * 1024)	/* rendered bytes per output batch */
/* Ids of a worker's latest connections, told back by the merge: an older
 * one is printed by the merge itself. */
#define ID_RING		16384
#define FIFO_CAP	8		/* >= each pool: a push never waits */

/* Sort classes within one frame: retire (enum retire order), then open. */
#define K_REUSED	3
#define K_OPEN		4
#define K_END		UINT64_MAX

struct fifo {
	pthread_mutex_t	 m;
	pthread_cond_t	 cv;
	void		*v[FIFO_CAP];
	unsigned int	 head, n;
};

/* An input record: a tick (time of another worker's TCP packet), or a
 * packet (followed by its struct pkt and payload bytes). */
struct in_rec {
	uint32_t	 size;		/* of the whole record, 8-aligned */
	uint32_t	 frame;
	uint64_t	 ts;
	uint32_t	 res;		/* enum decode_res: DEC_TCP, DEC_UDP */
	uint32_t	 pad;
};

struct in_batch {
	uint8_t		*buf;
	size_t		 len, cap;
	bool		 last;		/* the input ended after it */
};

enum { O_OPEN, O_CONN, O_TEXT };

/* A place in -j 1's sequence and what happened there: a connection was
 * created, retired ("c", for the merge to print) or printed (text). */
struct out_rec {
	uint64_t	 k1, k2;
	struct conn	*c;
	size_t		 off, len;	/* O_TEXT: in the batch's text */
	uint32_t	 first;		/* the connection's first frame */
	uint32_t	 local;		/* O_OPEN: its id in the worker */
	uint8_t		 kind;
	bool		 tcp;		/* a TCP connection */
	bool		 reported;
};

struct out_batch {
	struct out_rec	 r[OUT_BATCH];
	unsigned int	 n;
	struct buf	 text;
	uint64_t	 wm;		/* later records have k1 >= wm */
	bool		 end;		/* the worker's last */
};

struct worker {
	struct parallel	*par;
	pthread_t	 th;
	struct pipeline	*pipe;
	struct fifo	 in, in_free, out, out_free;
	struct in_batch	 ib[IN_POOL];
	struct out_batch ob[OUT_POOL];
	struct out_batch *cur;		/* being filled by the worker */
	uint32_t	 frame;		/* of the record at hand */
	struct in_batch	*fill;		/* being filled by the reader */
	/* the merge's view of this worker's output */
	struct out_batch *mb;
	unsigned int	 mi;
	uint64_t	 mwm;
	bool		 mended;
	/* ids by local id % ID_RING: local << 32 | id, written by the merge */
	_Atomic uint64_t *ring;
};

struct parallel {
	unsigned int	 n;
	struct worker	*w;
	struct pipeline	*reader;	/* decodes only */
	struct pipeline_sink sink;
	struct parallel_view view;	/* render NULL: none */
	pthread_t	 merger;
	bool		 finished;
	/* the merge: ids by first frame of the connections still open */
	struct flowtab	 ids;
	uint64_t	 next_id, open, open_max;
};

static void	 fifo_init(struct fifo *);
static void	 fifo_cleanup(struct fifo *);
static void	 fifo_push(struct fifo *, void *);
static void	*fifo_pop(struct fifo *, bool);
static void	 hand_over(struct parallel *, bool);
static void	*work(void *);
static void	 w_open(void *, struct conn *);
static void	 w_conn(void *, struct conn *);
static struct out_rec *out_add(struct worker *, uint64_t, uint64_t, uint8_t);
static void	 out_push(struct worker *, uint64_t, bool);
static void	*merge(void *);
static bool	 m_ready(struct worker *, bool);
static void	 m_emit(struct parallel *, struct worker *,
		    const struct out_rec *);

static void
fifo_init(struct fifo *f)
{
	pthread_mutex_init(&f->m, NULL);
	pthread_cond_init(&f->cv, NULL);
	f->head = f->n = 0;
}

static void
fifo_cleanup(struct fifo *f)
{
	pthread_mutex_destroy(&f->m);
	pthread_cond_destroy(&f->cv);
}

static void
fifo_push(struct fifo *f, void *p)
{
	pthread_mutex_lock(&f->m);
	/* Never full: it can hold its whole pool. */
	f->v[(f->head + f->n++) % FIFO_CAP] = p;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->m);
}

/* fifo_pop takes the oldest item, waiting for one when "wait"; else NULL
 * when there is none. */
static void *
fifo_pop(struct fifo *f, bool wait)
{
	void *p = NULL;

	pthread_mutex_lock(&f->m);
	while (wait && f->n == 0)
		pthread_cond_wait(&f->cv, &f->m);
	if (f->n > 0) {
		p = f->v[f->head];
		f->head = (f->head + 1) % FIFO_CAP;
		f->n--;
	}
	pthread_mutex_unlock(&f->m);
	return p;
}

struct parallel *
parallel_new(unsigned int n, const struct pipeline_opts *o,
    const struct pipeline_sink *sink, const struct parallel_view *view)
{
	struct pipeline_sink ws;
	struct parallel *par;
	struct worker *w;
	unsigned int i, j;

	par = x_calloc(1, sizeof(*par));
	if ((par->reader = pipeline_new(o, NULL)) == NULL) {
		free(par);
		return NULL;
	}
	par->n = n;
	par->sink = *sink;
	if (view != NULL)
		par->view = *view;
	flowtab_init(&par->ids, 1024);
	par->w = x_calloc(n, sizeof(*par->w));
	for (i = 0; i < n; i++) {
		w = &par->w[i];
		w->par = par;
		memset(&ws, 0, sizeof(ws));
		ws.open = w_open;
		ws.conn = w_conn;
		ws.arg = w;
		w->pipe = pipeline_new(o, &ws);
		fifo_init(&w->in);
		fifo_init(&w->in_free);
		fifo_init(&w->out);
		fifo_init(&w->out_free);
		for (j = 0; j < IN_POOL; j++) {
			w->ib[j].cap = IN_BATCH;
			w->ib[j].buf = x_malloc(IN_BATCH);
			fifo_push(&w->in_free, &w->ib[j]);
		}
		for (j = 0; j < OUT_POOL; j++) {
			buf_init(&w->ob[j].text);
			fifo_push(&w->out_free, &w->ob[j]);
		}
		w->ring = x_calloc(ID_RING, sizeof(*w->ring));
		w->fill = fifo_pop(&w->in_free, true);
	}
	for (i = 0; i < n; i++)
		pthread_create(&par->w[i].th, NULL, work, &par->w[i]);
	pthread_create(&par->merger, NULL, merge, par);
	return par;
}

void
parallel_free(struct parallel *par)
{
	struct worker *w;
	unsigned int i, j;

	if (par == NULL)
		return;
	if (!par->finished)
		parallel_finish(par);
	for (i = 0; i < par->n; i++) {
		w = &par->w[i];
		pipeline_free(w->pipe);
		for (j = 0; j < IN_POOL; j++)
			free(w->ib[j].buf);
		for (j = 0; j < OUT_POOL; j++)
			buf_cleanup(&w->ob[j].text);
		free(w->ring);
		fifo_cleanup(&w->in);
		fifo_cleanup(&w->in_free);
		fifo_cleanup(&w->out);
		fifo_cleanup(&w->out_free);
	}
	free(par->w);
	pipeline_free(par->reader);
	flowtab_cleanup(&par->ids);
	free(par);
}

/*
 * hand_over gives every worker its batch, all ending at the same frame,
 * and waits for a free one for each (the back-pressure).
 */
static void
hand_over(struct parallel *par, bool last)
{
	unsigned int i;

	for (i = 0; i < par->n; i++) {
		par->w[i].fill->last = last;
		fifo_push(&par->w[i].in, par->w[i].fill);
		par->w[i].fill = NULL;
	}
	if (last)
		return;
	for (i = 0; i < par->n; i++) {
		par->w[i].fill = fifo_pop(&par->w[i].in_free, true);
		par->w[i].fill->len = 0;
	}
}

static size_t
rec_size(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

void
parallel_frame(struct parallel *par, const struct pcapin_frame *f)
{
	struct endpoint s, d;
	struct in_batch *b;
	struct in_rec r;
	struct pkt pk;
	size_t need, plen;
	uint32_t h;
	unsigned int i, owner;

	enum decode_res res;

	if ((res = pipeline_decode(par->reader, f, &pk)) != DEC_TCP &&
	    res != DEC_UDP)
		return;
	/* The innermost 5-tuple, the same both ways (as capture's table). */
	memset(&s, 0, sizeof(s));
	memset(&d, 0, sizeof(d));
	s.ip = pk.src;
	s.port = pk.sport;
	d.ip = pk.dst;
	d.port = pk.dport;
	h = flowtab_ep_cmp(&s, &d) <= 0 ? flowtab_hash(&s, &d) :
	    flowtab_hash(&d, &s);
	/*
	 * The high bits pick the worker, the low ones its table slot. UDP
	 * goes to the first worker: a QUIC connection may move to another
	 * 4-tuple (RFC 9000, 9), followed there by its connection IDs.
	 */
	owner = res == DEC_UDP ? 0 : (unsigned int)(((uint64_t)h * par->n) >>
	    32);
	plen = cur_len(&pk.payload);
	need = rec_size(sizeof(r) + sizeof(pk) + plen);
	for (i = 0; i < par->n; i++) {
		b = par->w[i].fill;
		if (b->len + (i == owner ? need : res == DEC_TCP ? sizeof(r) :
		    0) > b->cap) {
			hand_over(par, false);
			break;
		}
	}
	b = par->w[owner].fill;
	if (need > b->cap) {
		/* A reassembled datagram larger than a batch: rare. */
		b->buf = x_realloc(b->buf, need, 1);
		b->cap = need;
	}
	memset(&r, 0, sizeof(r));
	for (i = 0; i < par->n; i++) {
		/* Only TCP's clock ticks: UDP flows are all the owner's. */
		if (i != owner && res != DEC_TCP)
			continue;
		b = par->w[i].fill;
		r.size = (uint32_t)(i == owner ? need : sizeof(r));
		r.frame = pk.frame;
		r.ts = pk.ts;
		r.res = (uint32_t)res;
		memcpy(b->buf + b->len, &r, sizeof(r));
		if (i == owner) {
			memcpy(b->buf + b->len + sizeof(r), &pk, sizeof(pk));
			if (plen > 0)
				memcpy(b->buf + b->len + sizeof(r) +
				    sizeof(pk), pk.payload.p, plen);
		}
		b->len += r.size;
	}
}

void
parallel_finish(struct parallel *par)
{
	unsigned int i;

	if (par->finished)
		return;
	par->finished = true;
	hand_over(par, true);
	for (i = 0; i < par->n; i++)
		pthread_join(par->w[i].th, NULL);
	pthread_join(par->merger, NULL);
}

/* --- workers ------------------------------------------------------- */

static void
work_batch(struct worker *w, struct in_batch *b)
{
	struct in_rec r;
	struct pkt pk;
	size_t off;

	for (off = 0; off < b->len; off += r.size) {
		memcpy(&r, b->buf + off, sizeof(r));
		w->frame = r.frame;
		if (r.size == sizeof(r)) {
			pipeline_tick(w->pipe, (enum decode_res)r.res, r.ts);
			continue;
		}
		memcpy(&pk, b->buf + off + sizeof(r), sizeof(pk));
		cur_init(&pk.payload, b->buf + off + sizeof(r) + sizeof(pk),
		    cur_len(&pk.payload));
		pipeline_packet(w->pipe, (enum decode_res)r.res, &pk);
	}
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct in_batch *b;
	bool last;

	w->cur = fifo_pop(&w->out_free, true);
	w->cur->n = 0;
	buf_reset(&w->cur->text);
	do {
		b = fifo_pop(&w->in, true);
		work_batch(w, b);
		last = b->last;
		fifo_push(&w->in_free, b);
		if (last)
			pipeline_flush(w->pipe);
		out_push(w, last ? K_END : ((uint64_t)w->frame + 1) << 3, last);
	} while (!last);
	return NULL;
}

static void
out_push(struct worker *w, uint64_t wm, bool end)
{
	w->cur->wm = wm;
	w->cur->end = end;
	fifo_push(&w->out, w->cur);
	if (end) {
		w->cur = NULL;
		return;
	}
	w->cur = fifo_pop(&w->out_free, true);
	w->cur->n = 0;
	buf_reset(&w->cur->text);
}

static struct out_rec *
out_add(struct worker *w, uint64_t k1, uint64_t k2, uint8_t kind)
{
	struct out_rec *r;

	if (w->cur->n == OUT_BATCH || w->cur->text.len >= OUT_TEXT)
		/* Full: what follows sorts at or after this record. */
		out_push(w, k1, false);
	r = &w->cur->r[w->cur->n++];
	memset(r, 0, sizeof(*r));
	r->k1 = k1;
	r->k2 = k2;
	r->kind = kind;
	return r;
}

static void
w_open(void *arg, struct conn *c)
{
	struct worker *w = arg;
	struct out_rec *r;

	r = out_add(w, ((uint64_t)c->frame_first << 3) | K_OPEN, 0, O_OPEN);
	r->first = c->frame_first;
	r->local = (uint32_t)c->id;
	r->tcp = c->transport == CONN_TCP;
}

/*
 * w_conn places a retirement in -j 1's sequence: at the frame at hand,
 * idle lists in capture's order, each oldest first (by latest packet);
 * then a reused 4-tuple, then an eviction; at the end, by first frame.
 * When the merge has numbered "c" already, the view prints it here.
 */
static void
w_conn(void *arg, struct conn *c)
{
	struct worker *w = arg;
	struct parallel *par = w->par;
	uint64_t f = (uint64_t)w->frame << 3, k1, k2 = 0, e;
	struct out_rec *r;
	size_t off;

	switch (c->retired) {
	case RET_IDLE_HALFOPEN:
	case RET_IDLE:
	case RET_LINGER:
		k1 = f | (uint64_t)(c->retired - RET_IDLE_HALFOPEN);
		k2 = c->frame_last;
		break;
	case RET_REUSED:
		k1 = f | K_REUSED;
		break;
	case RET_EVICTED:
		k1 = f | K_REUSED;
		k2 = 1;
		break;
	default:
		k1 = K_END;
		k2 = c->frame_first;
		break;
	}
	r = out_add(w, k1, k2, O_CONN);
	r->first = c->frame_first;
	r->tcp = c->transport == CONN_TCP;
	e = atomic_load_explicit(&w->ring[c->id % ID_RING],
	    memory_order_relaxed);
	if (par->view.render != NULL && e >> 32 == c->id) {
		off = w->cur->text.len;
		c->id = e & 0xffffffff;
		if (par->view.render(par->view.arg, c, &w->cur->text,
		    &r->reported)) {
			r->kind = O_TEXT;
			r->off = off;
			r->len = w->cur->text.len - off;
			return;
		}
	}
	r->c = c;
}

/* --- the merge ----------------------------------------------------- */

/*
 * m_ready says whether worker "w" has a record for the merge, waiting for
 * one when "wait"; false: none yet (its watermark bounds what comes) or
 * none ever (mended).
 */
static bool
m_ready(struct worker *w, bool wait)
{
	while (w->mb == NULL || w->mi == w->mb->n) {
		if (w->mb != NULL) {
			w->mwm = w->mb->wm;
			w->mended = w->mb->end;
			fifo_push(&w->out_free, w->mb);
			w->mb = NULL;
		}
		if (w->mended)
			return false;
		if ((w->mb = fifo_pop(&w->out, wait)) == NULL)
			return false;
		w->mi = 0;
	}
	return true;
}

static bool
key_lt(uint64_t a1, uint64_t a2, uint64_t b1, uint64_t b2)
{
	return a1 < b1 || (a1 == b1 && a2 < b2);
}

static void *
merge(void *arg)
{
	struct parallel *par = arg;
	struct worker *w, *best;
	const struct out_rec *r;
	uint64_t k1, k2, b1 = 0, b2 = 0;
	bool best_rec = false, any;
	unsigned int i;

	for (;;) {
		best = NULL;
		any = false;
		for (i = 0; i < par->n; i++) {
			w = &par->w[i];
			if (m_ready(w, false)) {
				r = &w->mb->r[w->mi];
				k1 = r->k1;
				k2 = r->k2;
			} else if (w->mended)
				continue;
			else {
				k1 = w->mwm;
				k2 = 0;
			}
			any = true;
			/* On a tie a record goes first: keys are unique, so
			 * a bound equal to it is no record's. */
			if (best == NULL || key_lt(k1, k2, b1, b2) ||
			    (k1 == b1 && k2 == b2 && w->mb != NULL)) {
				best = w;
				b1 = k1;
				b2 = k2;
				best_rec = w->mb != NULL;
			}
		}
		if (!any)
			break;
		if (!best_rec) {
			/* The least bound is a worker still busy: wait. */
			m_ready(best, true);
			continue;
		}
		m_emit(par, best, &best->mb->r[best->mi++]);
	}
	return NULL;
}

static void
m_emit(struct parallel *par, struct worker *w, const struct out_rec *r)
{
	uint32_t key = flowtab_key(r->first);
	void *id = NULL;
	size_t i;

	if (r->kind == O_OPEN) {
		/* -j 1 numbers connections in order of their first frame. */
		id = (void *)(uintptr_t)++par->next_id;
		flowtab_add(&par->ids, key, id);
		atomic_store_explicit(&w->ring[r->local % ID_RING],
		    (uint64_t)r->local << 32 | par->next_id,
		    memory_order_relaxed);
		/* TCP's "most open at once", as reasm counts it */
		if (r->tcp && ++par->open > par->open_max)
			par->open_max = par->open;
		return;
	}
	for (i = flowtab_first(&par->ids, key); flowtab_more(&par->ids, i);
	    i = flowtab_next(&par->ids, i))
		if (par->ids.hash[i] == key) {
			id = par->ids.ent[i];
			flowtab_del(&par->ids, key, id);
			break;
		}
	if (r->tcp)
		par->open--;
	if (r->kind == O_TEXT) {
		par->view.rendered(par->view.arg, w->mb->text.p + r->off,
		    r->len, r->reported);
		return;
	}
	r->c->id = (uint64_t)(uintptr_t)id;
	par->sink.conn(par->sink.arg, r->c);
}

void
parallel_stats(const struct parallel *par, struct pipeline_stats *out)
{
	struct pipeline_stats ws;
	unsigned int i;

	pipeline_stats(par->reader, out);
	memset(&out->tcp, 0, sizeof(out->tcp));
	memset(&out->udp, 0, sizeof(out->udp));
	out->handshakes = out->undecryptable = 0;
	/* The merge's own counts are its until it is joined. */
	out->conns = par->finished ? par->next_id : 0;
	/* The workers' own counts are theirs until they are joined. */
	for (i = 0; par->finished && i < par->n; i++) {
		pipeline_stats(par->w[i].pipe, &ws);
		out->handshakes += ws.handshakes;
		out->undecryptable += ws.undecryptable;
		if (i == 0)
			out->udp = ws.udp;	/* UDP flows are all its */
		out->tcp.conns += ws.tcp.conns;
		out->tcp.open += ws.tcp.open;
		out->tcp.evicted += ws.tcp.evicted;
		out->tcp.expired += ws.tcp.expired;
		out->tcp.ooo_held += ws.tcp.ooo_held;
		/* An upper bound: the workers' peaks need not coincide. */
		out->tcp.ooo_held_max += ws.tcp.ooo_held_max;
	}
	out->tcp.open_max = par->finished ? par->open_max : 0;
}
