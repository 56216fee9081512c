/*
 * reasm.c: TCP connection table and per-direction stream reassembly.
 *
 * Flows are kept in a hash table keyed by the 4-tuple (the two ends in a
 * canonical order: "side" 0 and 1 are physical ends, the connection's
 * cli_side says which is the client) and on one of three lists ordered by
 * last activity, one per timeout: half-open, established, closing. The
 * head of each list is the next to expire, so expiry is O(1) per packet.
 */
#include "capture/reasm.h"

#include <stdlib.h>
#include <string.h>

#include "capture/flowtab.h"
#include "common/arena.h"
#include "common/limits.h"

enum { L_HALFOPEN, L_EST, L_CLOSING, L_N };

struct seg {
	struct seg	*next;
	/* In the head of a half's list only: its last segment, so that
	 * data arriving past every hole is appended in O(1). */
	struct seg	*tail;
	uint32_t	 seq;
	uint32_t	 len;		/* sequence space covered */
	uint32_t	 cap;		/* bytes present (<= len) */
	uint64_t	 ts;
	uint32_t	 frame;
	uint8_t		 data[];
};

/* One per direction of every open flow: grouped by size, no holes. */
struct half {
	struct seg	*ooo;
	uint64_t	 offset;	/* stream bytes accounted for */
	uint32_t	 isn, next, fin_seq;
	uint32_t	 ooo_bytes;
	uint16_t	 ooo_n;		/* at most LIM_OOO_SEGS */
	bool		 seen, syn, isn_known, fin_seen, ended;
};
_Static_assert(LIM_OOO_SEGS <= UINT16_MAX, "half.ooo_n counts in 16 bits");

struct flow {
	struct endpoint	 e[2];		/* physical ends (first: flowtab_find) */
	struct flow	*pnext;		/* free pool */
	struct flow	*lprev, *lnext;
	uint8_t		 list;
	bool		 closing;
	uint32_t	 hash;
	struct half	 h[2];
	struct conn	*conn;
	uint64_t	 t_last;
};

struct flist {
	struct flow	*head, *tail;
	uint64_t	 timeout;	/* microseconds */
};

struct reasm {
	struct reasm_opts	 o;
	struct reasm_sink	 sink;
	struct flowtab		 tab;
	struct flist		 lists[L_N];
	struct flow		*pool;		/* free flows */
	uint64_t		 own_id;
	uint64_t		 now;
	struct reasm_stats	 st;
};

static struct flow *flow_find(struct reasm *, const struct pkt *, int *);
static struct flow *flow_new(struct reasm *, const struct pkt *, int *);
static void	 flow_close(struct reasm *, struct flow *);
static void	 list_del(struct reasm *, struct flow *);
static void	 list_add(struct reasm *, struct flow *, int);
static void	 list_move(struct reasm *, struct flow *, int);
static bool	 is_tls_port(const struct reasm *, uint16_t);
static enum dir	 dir_of(const struct flow *, int);
static void	 half_data(struct reasm *, struct flow *, int, uint32_t,
		    struct cur, uint32_t, uint64_t, uint32_t);
static void	 deliver(struct reasm *, struct flow *, int, struct cur,
		    uint32_t, uint64_t, uint32_t);
static void	 drain(struct reasm *, struct flow *, int);
static void	 force_gap(struct reasm *, struct flow *, int, uint32_t,
		    uint64_t, uint32_t);
static void	 ooo_insert(struct reasm *, struct flow *, int, uint32_t,
		    struct cur, uint32_t, uint64_t, uint32_t);
static void	 half_end(struct reasm *, struct flow *, int, uint64_t,
		    uint32_t);
static void	 expire(struct reasm *);

/* Sequence arithmetic (RFC 9293, 3.4): differences taken modulo 2^32. */
static inline int32_t
seq_diff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

struct reasm *
reasm_new(const struct reasm_opts *o, const struct reasm_sink *sink)
{
	struct reasm *r = x_calloc(1, sizeof(*r));

	r->o = *o;
	if (r->o.next_id == NULL)
		r->o.next_id = &r->own_id;
	r->sink = *sink;
	flowtab_init(&r->tab, 1024);
	r->lists[L_HALFOPEN].timeout = (uint64_t)o->halfopen_s * 1000000;
	r->lists[L_EST].timeout = (uint64_t)o->idle_s * 1000000;
	r->lists[L_CLOSING].timeout = (uint64_t)o->linger_s * 1000000;
	return r;
}

void
reasm_free(struct reasm *r)
{
	struct flow *f;

	if (r == NULL)
		return;
	reasm_flush(r);
	while ((f = r->pool) != NULL) {
		r->pool = f->pnext;
		free(f);
	}
	flowtab_cleanup(&r->tab);
	free(r);
}

const struct reasm_stats *
reasm_stats(const struct reasm *r)
{
	return &r->st;
}

static struct flow *
flow_find(struct reasm *r, const struct pkt *p, int *side)
{
	struct endpoint e[2];

	*side = flowtab_ends(e, &p->src, p->sport, &p->dst, p->dport);
	return flowtab_find(&r->tab, flowtab_hash(&e[0], &e[1]), &e[0],
	    &e[1]);
}

static bool
is_tls_port(const struct reasm *r, uint16_t port)
{
	uint32_t i;

	for (i = 0; i < r->o.n_tls_ports; i++)
		if (r->o.tls_ports[i] == port)
			return true;
	return false;
}

static void
list_del(struct reasm *r, struct flow *f)
{
	struct flist *l = &r->lists[f->list];

	if (f->lprev != NULL)
		f->lprev->lnext = f->lnext;
	else
		l->head = f->lnext;
	if (f->lnext != NULL)
		f->lnext->lprev = f->lprev;
	else
		l->tail = f->lprev;
	f->lprev = f->lnext = NULL;
}

static void
list_add(struct reasm *r, struct flow *f, int which)
{
	struct flist *l = &r->lists[which];

	f->list = (uint8_t)which;
	f->lnext = NULL;
	f->lprev = l->tail;
	if (l->tail != NULL)
		l->tail->lnext = f;
	else
		l->head = f;
	l->tail = f;
}

/*
 * list_move makes "f" the newest of list "which". A flow already there
 * (a burst of one flow's packets) stays put: its neighbours, other flows'
 * memory, are not touched.
 */
static void
list_move(struct reasm *r, struct flow *f, int which)
{
	if (f->list == which && r->lists[which].tail == f)
		return;
	list_del(r, f);
	list_add(r, f, which);
}

static struct flow *
flow_new(struct reasm *r, const struct pkt *p, int *side)
{
	struct flow *f;
	struct conn *c;
	int cli;

	if (r->st.open >= r->o.max_conns) {
		/* Evict the flow idle the longest, whatever its list. */
		struct flow *old = NULL;
		int i;

		for (i = 0; i < L_N; i++)
			if (r->lists[i].head != NULL && (old == NULL ||
			    r->lists[i].head->t_last < old->t_last))
				old = r->lists[i].head;
		if (old != NULL) {
			r->st.evicted++;
			old->conn->retired = RET_EVICTED;
			flow_close(r, old);
		}
	}
	if ((f = r->pool) != NULL)
		r->pool = f->pnext;
	else
		f = x_malloc(sizeof(*f));
	memset(f, 0, sizeof(*f));
	*side = flowtab_ends(f->e, &p->src, p->sport, &p->dst, p->dport);
	f->hash = flowtab_hash(&f->e[0], &f->e[1]);
	flowtab_add(&r->tab, f->hash, f);

	c = conn_new(++*r->o.next_id);
	f->conn = c;
	c->t_first = p->ts;
	c->t_last = p->ts;
	c->frame_first = p->frame;
	/* Who is the client: the SYN says; else a TLS port; else the
	 * higher port (ephemeral ports are high). */
	if ((p->flags & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN) {
		cli = *side;
		c->orient = ORIENT_SYN;
	} else if (p->flags & TCPF_SYN) {
		cli = *side ^ 1;
		c->orient = ORIENT_SYN;
	} else if (is_tls_port(r, p->dport) != is_tls_port(r, p->sport))
		cli = is_tls_port(r, p->dport) ? *side : *side ^ 1;
	else
		cli = p->sport >= p->dport ? *side : *side ^ 1;
	c->cli_side = (uint8_t)cli;
	c->cli = f->e[cli];
	c->srv = f->e[cli ^ 1];
	c->tls_port = is_tls_port(r, c->srv.port) ||
	    is_tls_port(r, c->cli.port);
	f->t_last = p->ts;
	list_add(r, f, L_HALFOPEN);
	r->st.conns++;
	if (++r->st.open > r->st.open_max)
		r->st.open_max = r->st.open;
	if (r->sink.open != NULL)
		r->sink.open(r->sink.arg, c);
	return f;
}

static enum dir
dir_of(const struct flow *f, int side)
{
	return side == f->conn->cli_side ? DIR_C2S : DIR_S2C;
}

static void
half_end(struct reasm *r, struct flow *f, int side, uint64_t ts,
    uint32_t frame)
{
	struct half *h = &f->h[side];

	if (h->ended)
		return;
	h->ended = true;
	if (r->sink.end != NULL)
		r->sink.end(r->sink.arg, f->conn, dir_of(f, side), ts, frame);
}

static void
flow_close(struct reasm *r, struct flow *f)
{
	struct seg *s;
	int side;

	for (side = 0; side < 2; side++) {
		struct half *h = &f->h[side];

		/* Deliver what is buffered behind holes, then end. */
		while (h->ooo != NULL)
			force_gap(r, f, side, h->ooo->seq, f->t_last, 0);
		if (h->seen || h->offset > 0)
			half_end(r, f, side, f->t_last, 0);
		while ((s = h->ooo) != NULL) {
			h->ooo = s->next;
			free(s);
		}
	}
	list_del(r, f);
	flowtab_del(&r->tab, f->hash, f);
	r->st.open--;
	if (r->sink.close != NULL)
		r->sink.close(r->sink.arg, f->conn);
	else
		conn_free(f->conn);
	f->conn = NULL;
	f->pnext = r->pool;
	r->pool = f;
}

static void
expire(struct reasm *r)
{
	struct flow *f;
	int i;

	for (i = 0; i < L_N; i++) {
		struct flist *l = &r->lists[i];

		while ((f = l->head) != NULL &&
		    f->t_last + l->timeout < r->now) {
			if (i != L_CLOSING)
				r->st.expired++;
			f->conn->retired = (uint8_t)(RET_IDLE_HALFOPEN + i);
			flow_close(r, f);
		}
	}
}

void
reasm_expire(struct reasm *r, uint64_t now)
{
	if (now > r->now)
		r->now = now;
	expire(r);
}

void
reasm_foreach(struct reasm *r, void (*fn)(void *, struct conn *), void *arg)
{
	struct flow *f;
	int l;

	for (l = 0; l < L_N; l++)
		for (f = r->lists[l].head; f != NULL; f = f->lnext)
			fn(arg, f->conn);
}

static int
id_cmp(const void *a, const void *b)
{
	const struct flow *fa = *(struct flow *const *)a;
	const struct flow *fb = *(struct flow *const *)b;

	return fa->conn->id < fb->conn->id ? -1 : fa->conn->id > fb->conn->id;
}

void
reasm_flush(struct reasm *r)
{
	struct flow **v, *f;
	size_t n = 0, i;
	int l;

	if (r->st.open == 0)
		return;
	v = x_calloc(r->st.open, sizeof(*v));
	for (l = 0; l < L_N; l++)
		for (f = r->lists[l].head; f != NULL; f = f->lnext)
			v[n++] = f;
	qsort(v, n, sizeof(*v), id_cmp);
	for (i = 0; i < n; i++) {
		v[i]->conn->retired = RET_END;
		flow_close(r, v[i]);
	}
	free(v);
}

/* deliver hands in-order bytes to the sink and advances the half. */
static void
deliver(struct reasm *r, struct flow *f, int side, struct cur data,
    uint32_t len, uint64_t ts, uint32_t frame)
{
	struct half *h = &f->h[side];
	struct conn *c = f->conn;
	enum dir d = dir_of(f, side);
	size_t have = cur_len(&data);

	if (h->fin_seen && seq_diff(h->fin_seq, h->next) < (int32_t)len) {
		/* RFC 9293, 3.10.7.4: nothing is sent after FIN. */
		conn_anom(c, d, frame, ANOM_TCP_DATA_AFTER_FIN, NULL);
		len = seq_diff(h->fin_seq, h->next) > 0 ?
		    (uint32_t)seq_diff(h->fin_seq, h->next) : 0;
		if (have > len) {
			cur_get_bytes(&data, &data, len);
			have = len;
		}
	}
	if (have > 0 && r->sink.data != NULL)
		r->sink.data(r->sink.arg, c, d, &data, ts, frame);
	if (len > have && r->sink.gap != NULL) {
		/* The snap length cut the segment. */
		r->sink.gap(r->sink.arg, c, d, len - have, ts, frame);
		c->tcp.gaps++;
		c->tcp.gap_bytes += len - have;
	}
	h->next += len;
	h->offset += len;
	c->tcp.bytes[d] += len;
	if (h->fin_seen && h->next == h->fin_seq)
		half_end(r, f, side, ts, frame);
}

/* drain delivers buffered segments that have become in order. */
static void
drain(struct reasm *r, struct flow *f, int side)
{
	struct half *h = &f->h[side];
	struct seg *s;
	struct cur data;
	int32_t skip;

	while ((s = h->ooo) != NULL && seq_diff(s->seq, h->next) <= 0) {
		h->ooo = s->next;
		if (h->ooo != NULL)
			h->ooo->tail = s->tail;
		h->ooo_n--;
		h->ooo_bytes -= s->cap;
		r->st.ooo_held -= s->cap;
		skip = seq_diff(h->next, s->seq);
		if ((uint32_t)skip < s->len) {
			cur_init(&data, s->data, s->cap);
			if (!cur_skip(&data, (size_t)skip))
				cur_init(&data, NULL, 0);
			deliver(r, f, side, data, s->len - (uint32_t)skip,
			    s->ts, s->frame);
		}
		free(s);
	}
}

/* force_gap declares the bytes up to "upto" lost and delivers on. */
static void
force_gap(struct reasm *r, struct flow *f, int side, uint32_t upto,
    uint64_t ts, uint32_t frame)
{
	struct half *h = &f->h[side];
	struct conn *c = f->conn;
	enum dir d = dir_of(f, side);
	int32_t n = seq_diff(upto, h->next);

	if (n > 0) {
		c->tcp.gaps++;
		c->tcp.gap_bytes += (uint32_t)n;
		conn_anom(c, d, frame, ANOM_TCP_GAP,
		    "%d bytes missing at stream offset %llu", n,
		    (unsigned long long)h->offset);
		if (r->sink.gap != NULL)
			r->sink.gap(r->sink.arg, c, d, (uint64_t)n, ts, frame);
		h->next = upto;
		h->offset += (uint32_t)n;
	}
	drain(r, f, side);
}

static struct seg *
seg_new(uint32_t seq, struct cur data, uint32_t len, uint64_t ts,
    uint32_t frame)
{
	size_t cap = cur_len(&data);
	struct seg *s;

	if (cap > len)
		cap = len;
	s = x_malloc(sizeof(*s) + cap);
	s->next = NULL;
	s->tail = NULL;
	s->seq = seq;
	s->len = len;
	s->cap = (uint32_t)cap;
	s->ts = ts;
	s->frame = frame;
	cur_copy(&data, s->data, cap);
	return s;
}

/*
 * ooo_insert buffers a segment ahead of the next expected byte. Bytes
 * already buffered win; differing overlaps are recorded.
 */
static void
ooo_insert(struct reasm *r, struct flow *f, int side, uint32_t seq,
    struct cur data, uint32_t len, uint64_t ts, uint32_t frame)
{
	struct half *h = &f->h[side];
	struct seg **pp = &h->ooo, *e, *s, *tail;
	struct cur piece, a, b;
	uint32_t n, ov, boff;
	bool conflict = false;

	/* Past the last buffered byte (a stream running ahead of its
	 * holes): straight to the tail, no walk of up to LIM_OOO_SEGS. */
	tail = h->ooo != NULL ? h->ooo->tail : NULL;
	if (tail != NULL && seq_diff(seq, tail->seq + tail->len) >= 0)
		pp = &tail->next;
	while (len > 0) {
		e = *pp;
		if (e != NULL && seq_diff(seq, e->seq + e->len) >= 0) {
			pp = &e->next;
			continue;
		}
		if (e != NULL && seq_diff(seq, e->seq) >= 0) {
			/* Overlap with "e": compare, keep e's bytes. */
			ov = e->seq + e->len - seq;
			if (ov > len)
				ov = len;
			boff = seq - e->seq;
			cur_init(&b, e->data, e->cap);
			if (cur_sub(&b, &b, boff, ov) &&
			    cur_sub(&data, &a, 0, ov) &&
			    !cur_equal(&a, cur_data(&b), ov))
				conflict = true;
			f->conn->tcp.retransmits++;
			if (!cur_skip(&data, ov))
				cur_init(&data, NULL, 0);
			seq += ov;
			len -= ov;
			pp = &e->next;
			continue;
		}
		/* A piece before "e" (or at the tail). */
		n = len;
		if (e != NULL && seq_diff(e->seq, seq) < (int32_t)n)
			n = (uint32_t)seq_diff(e->seq, seq);
		piece = data;
		if (cur_len(&piece) > n)
			cur_get_bytes(&piece, &piece, n);
		s = seg_new(seq, piece, n, ts, frame);
		s->next = e;
		*pp = s;
		pp = &s->next;
		if (e == NULL)
			tail = s;
		h->ooo_n++;
		h->ooo_bytes += s->cap;
		r->st.ooo_held += s->cap;
		if (r->st.ooo_held > r->st.ooo_held_max)
			r->st.ooo_held_max = r->st.ooo_held;
		if (!cur_skip(&data, n))
			cur_init(&data, NULL, 0);
		seq += n;
		len -= n;
	}
	if (h->ooo != NULL)
		h->ooo->tail = tail;
	if (conflict)
		conn_anom(f->conn, dir_of(f, side), frame,
		    ANOM_TCP_OVERLAP_CONFLICT, NULL);
}

static void
half_data(struct reasm *r, struct flow *f, int side, uint32_t seq,
    struct cur data, uint32_t len, uint64_t ts, uint32_t frame)
{
	struct half *h = &f->h[side];
	struct conn *c = f->conn;
	int32_t off;

	if (len == 0)
		return;
	if (!h->isn_known) {
		/* First seen after the SYN: start where we are. */
		h->isn_known = true;
		h->next = seq;
		if (!h->syn)
			c->tcp.midstream = true;
	}
	off = seq_diff(seq, h->next);
	if (off < 0) {
		/* Unsigned: -off overflows when off is -2^31. */
		uint32_t back = h->next - seq;

		c->tcp.retransmits++;
		if (back >= len)
			return;		/* all of it seen already */
		if (!cur_skip(&data, back))
			cur_init(&data, NULL, 0);
		seq += back;
		len -= back;
		off = 0;
	}
	if (off == 0) {
		deliver(r, f, side, data, len, ts, frame);
		drain(r, f, side);
		return;
	}
	/* Ahead of the next expected byte: buffer, within the caps. */
	c->tcp.out_of_order++;
	if (h->ooo_bytes + cur_len(&data) > r->o.ooo_bytes ||
	    h->ooo_n >= LIM_OOO_SEGS) {
		conn_anom(c, dir_of(f, side), frame, ANOM_TCP_OOO_CAP,
		    "%u bytes buffered", h->ooo_bytes);
		while (h->ooo != NULL && seq_diff(seq, h->next) > 0)
			force_gap(r, f, side, h->ooo->seq, ts, frame);
		if (seq_diff(seq, h->next) > 0)
			force_gap(r, f, side, seq, ts, frame);
		half_data(r, f, side, seq, data, len, ts, frame);
		return;
	}
	ooo_insert(r, f, side, seq, data, len, ts, frame);
}

static struct event *
tcp_event(struct flow *f, int side, uint8_t type, const struct pkt *p)
{
	struct event *e;

	e = conn_add_event(f->conn, dir_of(f, side), type, p->ts, p->frame,
	    p->payload_len);
	if (e != NULL)
		e->tcp_flags = p->flags;
	return e;
}

static struct event *
find_event(struct conn *c, uint8_t type, uint8_t dir)
{
	uint32_t i;

	for (i = 0; i < c->n_ev && i < 8; i++)
		if (c->ev[i].type == type && c->ev[i].dir == dir)
			return &c->ev[i];
	return NULL;
}

static void
tcp_syn(struct reasm *r, struct flow *f, int side, const struct pkt *p)
{
	struct half *h = &f->h[side];
	struct conn *c = f->conn;
	bool synack = (p->flags & TCPF_ACK) != 0;
	struct event *e;

	(void)r;
	if (h->syn && h->isn == p->seq) {
		c->tcp.retransmits++;
		if ((e = find_event(c, synack ? EV_SYN_ACK : EV_SYN,
		    dir_of(f, side))) != NULL)
			e->flags |= EVF_RETRANS;
		return;
	}
	/* A new ISN from this end (a second SYN-ACK): follow the latest. */
	h->syn = true;
	h->isn = p->seq;
	h->isn_known = true;
	h->next = p->seq + 1;
	h->offset = 0;
	if (synack) {
		if (!c->tcp.syn_ack)
			c->tcp.t_syn_ack = p->ts;
		c->tcp.syn_ack = true;
	} else {
		c->tcp.syn = true;
		c->tcp.t_syn = p->ts;
	}
	e = tcp_event(f, side, synack ? EV_SYN_ACK : EV_SYN, p);
	if (e != NULL && p->payload_len > 0)
		e->flags |= EVF_SYN_DATA;
}

void
reasm_packet(struct reasm *r, const struct pkt *p)
{
	struct flow *f;
	struct conn *c;
	struct half *h, *o;
	struct cur data;
	enum dir d;
	int side;
	bool was_est;

	if (p->ts > r->now)
		r->now = p->ts;
	expire(r);
	f = flow_find(r, p, &side);
	if (f != NULL && (p->flags & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN &&
	    (f->closing || (f->h[side].syn && f->h[side].isn != p->seq &&
	    (f->h[side].offset > 0 || f->h[side ^ 1].offset > 0)))) {
		/* RFC 9293, 3.6.1: a new incarnation of the 4-tuple. */
		f->conn->retired = RET_REUSED;
		flow_close(r, f);
		f = NULL;
	}
	if (f == NULL)
		f = flow_new(r, p, &side);
	c = f->conn;
	h = &f->h[side];
	o = &f->h[side ^ 1];
	d = dir_of(f, side);
	h->seen = true;
	c->tcp.packets++;
	c->frame_last = p->frame;
	if (p->ts < c->t_last)
		conn_anom(c, d, p->frame, ANOM_TIME_BACKWARDS, NULL);
	else
		c->t_last = p->ts;
	if (p->anom != ANOM_NONE)
		conn_anom(c, d, p->frame, p->anom, p->anom_arg != 0 ?
		    "%u bytes" : NULL, p->anom_arg);
	was_est = c->tcp.ack || h->offset > 0 || o->offset > 0;

	if (p->flags & TCPF_SYN)
		tcp_syn(r, f, side, p);
	else if ((p->flags & TCPF_ACK) && !(p->flags & TCPF_RST) &&
	    c->tcp.syn_ack && !c->tcp.ack && d == DIR_C2S && o->syn &&
	    p->ack == o->isn + 1) {
		c->tcp.ack = true;
		c->tcp.t_ack = p->ts;
		tcp_event(f, side, EV_ACK, p);
	} else if (model_opts.keep_segments && !(p->flags &
	    (TCPF_FIN | TCPF_RST)))
		tcp_event(f, side, EV_SEGMENT, p);

	data = p->payload;
	if (p->flags & TCPF_SYN)
		half_data(r, f, side, p->seq + 1, data, p->payload_len, p->ts,
		    p->frame);
	else if (!(p->flags & TCPF_RST) || p->payload_len > 0)
		half_data(r, f, side, p->seq, data, p->payload_len, p->ts,
		    p->frame);

	/* The peer acknowledged bytes we never saw: they are lost here. */
	if ((p->flags & TCPF_ACK) && o->ooo != NULL && o->isn_known &&
	    seq_diff(p->ack, o->next) > 0) {
		uint32_t upto = seq_diff(p->ack, o->ooo->seq) < 0 ? p->ack :
		    o->ooo->seq;

		force_gap(r, f, side ^ 1, upto, p->ts, p->frame);
	}

	if (p->flags & TCPF_FIN) {
		uint32_t fseq = p->seq + p->payload_len +
		    ((p->flags & TCPF_SYN) ? 1 : 0);

		if (h->fin_seen && h->fin_seq == fseq)
			c->tcp.retransmits++;
		else if (!h->fin_seen) {
			h->fin_seen = true;
			h->fin_seq = fseq;
			c->tcp.fin[d] = true;
			tcp_event(f, side, EV_FIN, p);
			if (!h->isn_known || h->next == fseq ||
			    (h->ooo == NULL && seq_diff(fseq, h->next) < 0))
				half_end(r, f, side, p->ts, p->frame);
		}
	}
	if (p->flags & TCPF_RST) {
		if (!c->tcp.rst[d]) {
			c->tcp.rst[d] = true;
			tcp_event(f, side, EV_RST, p);
		}
		half_end(r, f, side, p->ts, p->frame);
		half_end(r, f, side ^ 1, p->ts, p->frame);
		f->closing = true;
	}
	if (h->fin_seen && o->fin_seen)
		f->closing = true;

	f->t_last = p->ts > f->t_last ? p->ts : f->t_last;
	if (f->closing)
		list_move(r, f, L_CLOSING);
	else if (was_est || c->tcp.ack || h->offset > 0 || o->offset > 0 ||
	    (!c->tcp.syn && !c->tcp.syn_ack))
		list_move(r, f, L_EST);
	else
		list_move(r, f, L_HALFOPEN);
}
