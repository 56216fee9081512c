/*
 * udpflow.c: the UDP connections that carry TLS.
 *
 * A connection ("uconn") owns up to LIM_UDP_TUPLES 4-tuples and, for QUIC, up
 * to LIM_QUIC_CIDS connection IDs, each in a hash table (flowtab.h). It is on
 * two lists: by last activity (the head expires or is evicted first) and
 * by id (the end of input closes in that order). Datagrams of 4-tuples
 * nobody follows are shown to the sink's probe and forgotten.
 */
#include "capture/udpflow.h"

#include <stdlib.h>
#include <string.h>

#include "capture/flowtab.h"
#include "common/arena.h"
#include "common/limits.h"

struct uconn;

struct tuple {
	struct endpoint	 e[2];		/* physical ends (first: flowtab_find) */
	uint32_t	 hash;
	uint8_t		 cli_side;	/* joined tuples: the client's end */
	struct uconn	*u;
};

/* A connection ID and the end it names (RFC 9000, 5.1). */
struct ucid {
	uint8_t		 len;
	uint8_t		 b[20];
	bool		 server;	/* names the server (else the client) */
	uint32_t	 hash;
	struct uconn	*u;
};

struct uconn {
	struct uconn	*pnext;		/* free pool */
	struct uconn	*lprev, *lnext;	/* by last activity */
	struct uconn	*iprev, *inext;	/* by id */
	struct conn	*conn;
	uint64_t	 t_last;
	struct tuple	 t[LIM_UDP_TUPLES];
	uint32_t	 n_t;
	struct ucid	 cid[LIM_QUIC_CIDS];
	uint32_t	 n_cid;
};

struct ulist {
	struct uconn	*head, *tail;
};

struct udpflow {
	struct udpflow_opts	 o;
	struct udpflow_sink	 sink;
	struct flowtab		 tuples;
	struct flowtab		 cids;
	uint32_t		 cid_lens;	/* bit n: a CID of n bytes */
	struct ulist		 lru, ids;
	struct uconn		*pool;
	uint64_t		 own_id;
	uint64_t		 now;
	struct udpflow_stats	 st;
};

static struct uconn	*uconn_new(struct udpflow *, const struct pkt *,
			    enum conn_transport, bool);
static void		 uconn_close(struct udpflow *, struct uconn *);
static struct uconn	*cid_join(struct udpflow *, const struct pkt *,
			    enum dir *);
static void		 cid_learn(struct udpflow *, struct uconn *, enum dir,
			    const struct cur *);
static void		 expire(struct udpflow *);

/* The lists: lprev/lnext or iprev/inext by "byid". */
#define PREV(u, byid)	((byid) ? &(u)->iprev : &(u)->lprev)
#define NEXT(u, byid)	((byid) ? &(u)->inext : &(u)->lnext)

static void
ulist_del(struct ulist *l, struct uconn *u, bool byid)
{
	struct uconn *p = *PREV(u, byid), *n = *NEXT(u, byid);

	if (p != NULL)
		*NEXT(p, byid) = n;
	else
		l->head = n;
	if (n != NULL)
		*PREV(n, byid) = p;
	else
		l->tail = p;
	*PREV(u, byid) = *NEXT(u, byid) = NULL;
}

static void
ulist_add(struct ulist *l, struct uconn *u, bool byid)
{
	*NEXT(u, byid) = NULL;
	*PREV(u, byid) = l->tail;
	if (l->tail != NULL)
		*NEXT(l->tail, byid) = u;
	else
		l->head = u;
	l->tail = u;
}

struct udpflow *
udpflow_new(const struct udpflow_opts *o, const struct udpflow_sink *sink)
{
	struct udpflow *t = x_calloc(1, sizeof(*t));

	t->o = *o;
	if (t->o.next_id == NULL)
		t->o.next_id = &t->own_id;
	if (t->o.max_flows == 0)
		t->o.max_flows = 1;
	t->sink = *sink;
	flowtab_init(&t->tuples, 256);
	flowtab_init(&t->cids, 256);
	return t;
}

void
udpflow_free(struct udpflow *t)
{
	struct uconn *u;

	if (t == NULL)
		return;
	udpflow_flush(t);
	while ((u = t->pool) != NULL) {
		t->pool = u->pnext;
		free(u);
	}
	flowtab_cleanup(&t->tuples);
	flowtab_cleanup(&t->cids);
	free(t);
}

const struct udpflow_stats *
udpflow_stats(const struct udpflow *t)
{
	return &t->st;
}

/* tuple_add gives "u" the 4-tuple of "p"; false past LIM_UDP_TUPLES. */
static bool
tuple_add(struct udpflow *t, struct uconn *u, const struct pkt *p,
    bool sender_is_client)
{
	struct tuple *f;
	int side;

	if (u->n_t >= LIM_UDP_TUPLES)
		return false;
	f = &u->t[u->n_t++];
	side = flowtab_ends(f->e, &p->src, p->sport, &p->dst, p->dport);
	f->cli_side = (uint8_t)(sender_is_client ? side : side ^ 1);
	f->hash = flowtab_hash(&f->e[0], &f->e[1]);
	f->u = u;
	flowtab_add(&t->tuples, f->hash, f);
	return true;
}

/* dir_of: the direction of a datagram sent from end "side" of "f". */
static enum dir
dir_of(const struct tuple *f, int side)
{
	const struct conn *c = f->u->conn;
	/* the first 4-tuple follows conn_flip; joined ones keep theirs */
	int cli = f == &f->u->t[0] ? c->cli_side : f->cli_side;

	return side == cli ? DIR_C2S : DIR_S2C;
}

static struct uconn *
uconn_new(struct udpflow *t, const struct pkt *p, enum conn_transport tr,
    bool sender_is_client)
{
	struct uconn *u;
	struct conn *c;
	struct tuple *f;

	if (t->st.open >= t->o.max_flows && t->lru.head != NULL) {
		t->st.evicted++;
		t->lru.head->conn->retired = RET_EVICTED;
		uconn_close(t, t->lru.head);
	}
	if ((u = t->pool) != NULL)
		t->pool = u->pnext;
	else
		u = x_malloc(sizeof(*u));
	memset(u, 0, sizeof(*u));
	c = conn_new(++*t->o.next_id);
	u->conn = c;
	c->transport = (uint8_t)tr;
	(void)tuple_add(t, u, p, sender_is_client);
	f = &u->t[0];
	c->cli_side = f->cli_side;
	c->cli = f->e[f->cli_side];
	c->srv = f->e[f->cli_side ^ 1];
	c->orient = ORIENT_GUESS;
	c->t_first = c->t_last = p->ts;
	c->frame_first = p->frame;
	u->t_last = p->ts;
	ulist_add(&t->lru, u, false);
	ulist_add(&t->ids, u, true);
	t->st.conns[tr]++;
	if (++t->st.open > t->st.open_max)
		t->st.open_max = t->st.open;
	if (t->sink.open != NULL)
		t->sink.open(t->sink.arg, c);
	return u;
}

static void
uconn_close(struct udpflow *t, struct uconn *u)
{
	uint32_t i;

	for (i = 0; i < u->n_t; i++)
		flowtab_del(&t->tuples, u->t[i].hash, &u->t[i]);
	for (i = 0; i < u->n_cid; i++)
		flowtab_del(&t->cids, u->cid[i].hash, &u->cid[i]);
	ulist_del(&t->lru, u, false);
	ulist_del(&t->ids, u, true);
	t->st.open--;
	if (t->sink.close != NULL)
		t->sink.close(t->sink.arg, u->conn);
	else
		conn_free(u->conn);
	u->conn = NULL;
	u->pnext = t->pool;
	t->pool = u;
}

static void
expire(struct udpflow *t)
{
	uint64_t idle = (uint64_t)t->o.idle_s * 1000000;
	struct uconn *u;

	while ((u = t->lru.head) != NULL && u->t_last + idle < t->now) {
		t->st.expired++;
		u->conn->retired = RET_IDLE;
		uconn_close(t, u);
	}
}

void
udpflow_expire(struct udpflow *t, uint64_t now)
{
	if (now > t->now)
		t->now = now;
	expire(t);
}

void
udpflow_flush_before(struct udpflow *t, uint64_t id)
{
	/* Each turn closes the head of the id list. */
	while (t->ids.head != NULL && t->ids.head->conn->id < id) {
		t->ids.head->conn->retired = RET_END;
		uconn_close(t, t->ids.head);
	}
}

void
udpflow_flush(struct udpflow *t)
{
	/* Each turn closes the head of the id list. */
	while (t->ids.head != NULL) {
		t->ids.head->conn->retired = RET_END;
		uconn_close(t, t->ids.head);
	}
}

void
udpflow_foreach(struct udpflow *t, void (*fn)(void *, struct conn *),
    void *arg)
{
	struct uconn *u;

	for (u = t->ids.head; u != NULL; u = u->inext)
		fn(arg, u->conn);
}

void
udpflow_packet(struct udpflow *t, const struct pkt *p)
{
	struct endpoint e[2];
	struct tuple *f;
	struct uconn *u;
	enum conn_transport tr;
	enum dir dir;
	bool cli;
	int side;

	t->st.datagrams++;
	if (p->ts > t->now)
		t->now = p->ts;
	expire(t);
	side = flowtab_ends(e, &p->src, p->sport, &p->dst, p->dport);
	if ((f = flowtab_find(&t->tuples, flowtab_hash(&e[0], &e[1]), &e[0],
	    &e[1])) != NULL) {
		u = f->u;
		dir = dir_of(f, side);
	} else if ((u = cid_join(t, p, &dir)) != NULL) {
		t->st.cid_joined++;
		(void)tuple_add(t, u, p, dir == DIR_C2S);
	} else {
		if (t->sink.probe == NULL || (tr = t->sink.probe(t->sink.arg,
		    p, &cli)) == CONN_TCP)
			return;
		u = uconn_new(t, p, tr, cli);
		dir = cli ? DIR_C2S : DIR_S2C;
	}
	t->st.followed++;
	u->conn->frame_last = p->frame;
	if (p->ts > u->t_last)
		u->t_last = p->ts;
	if (p->ts > u->conn->t_last)
		u->conn->t_last = p->ts;
	if (t->lru.tail != u) {
		ulist_del(&t->lru, u, false);
		ulist_add(&t->lru, u, false);
	}
	if (p->anom != ANOM_NONE)
		conn_anom(u->conn, dir, p->frame, p->anom, p->anom_arg != 0 ?
		    "%u bytes" : NULL, p->anom_arg);
	if (u->conn->transport == CONN_QUIC)
		cid_learn(t, u, dir, &p->payload);
	if (t->sink.datagram != NULL)
		t->sink.datagram(t->sink.arg, u->conn, dir, p);
}

/*
 * RFC 8999, 5.1: the long header every QUIC version keeps.
 *
 *	Long Header Packet {
 *	  Header Form (1) = 1,
 *	  Version-Specific Bits (7),
 *	  Version (32),
 *	  Destination Connection ID Length (8),
 *	  Destination Connection ID (0..2040),
 *	  Source Connection ID Length (8),
 *	  Source Connection ID (0..2040),
 *	  Version-Specific Data (..),
 *	}
 *
 * A short header (5.2) holds only the Destination Connection ID, of a
 * length the receiver chose.
 */
static bool
long_header(const struct cur *dg, struct cur *dcid, struct cur *scid)
{
	struct cur in = *dg;
	uint8_t b0, n;
	uint32_t v;

	return cur_get_u8(&in, &b0) && (b0 & 0x80) != 0 &&
	    cur_get_u32(&in, &v) && cur_get_u8(&in, &n) && n <= 20 &&
	    cur_get_bytes(&in, dcid, n) && cur_get_u8(&in, &n) && n <= 20 &&
	    cur_get_bytes(&in, scid, n);
}

static uint32_t
cid_hash(const struct cur *cid)
{
	struct cur c = *cid;
	uint64_t h = 0xcbf29ce484222325ULL ^ cur_len(cid);
	uint8_t b;

	/* Each turn consumes a byte (20 at most). */
	while (cur_get_u8(&c, &b))
		h = (h ^ b) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return flowtab_key((uint32_t)h);
}

static struct ucid *
cid_find(struct udpflow *t, const struct cur *cid)
{
	uint32_t h = cid_hash(cid);
	struct ucid *e;
	size_t i;

	for (i = flowtab_first(&t->cids, h); flowtab_more(&t->cids, i);
	    i = flowtab_next(&t->cids, i)) {
		if (t->cids.hash[i] != h)
			continue;
		e = t->cids.ent[i];
		if (cur_equal(cid, e->b, e->len))
			return e;
	}
	return NULL;
}

/*
 * cid_join finds the QUIC connection a datagram of a new 4-tuple belongs
 * to by its Destination Connection ID: "*dir" is c2s when that ID names
 * the server.
 */
static struct uconn *
cid_join(struct udpflow *t, const struct pkt *p, enum dir *dir)
{
	struct cur dcid, scid, in;
	struct ucid *e = NULL;
	uint8_t b0;
	unsigned int n;

	if (t->cids.n == 0 || !cur_peek_u8(&p->payload, &b0))
		return NULL;
	if (b0 & 0x80) {
		if (long_header(&p->payload, &dcid, &scid) &&
		    cur_len(&dcid) > 0)
			e = cid_find(t, &dcid);
	} else if (b0 & 0x40) {
		/* RFC 9000, 17.3.1: a short header, fixed bit set */
		for (n = 1; e == NULL && n <= 20; n++) {
			in = p->payload;
			if ((t->cid_lens & (1u << n)) && cur_skip(&in, 1) &&
			    cur_get_bytes(&in, &dcid, n))
				e = cid_find(t, &dcid);
		}
	}
	if (e == NULL || e->u->n_t >= LIM_UDP_TUPLES)
		return NULL;
	*dir = e->server ? DIR_C2S : DIR_S2C;
	return e->u;
}

static void
cid_add(struct udpflow *t, struct uconn *u, const struct cur *cid,
    bool server)
{
	struct cur c = *cid;
	struct ucid *e;

	if (cur_len(cid) == 0 || u->n_cid >= LIM_QUIC_CIDS || cid_find(t, cid))
		return;
	e = &u->cid[u->n_cid++];
	memset(e, 0, sizeof(*e));
	e->len = (uint8_t)cur_len(cid);
	(void)cur_copy(&c, e->b, e->len);
	e->server = server;
	e->hash = cid_hash(cid);
	e->u = u;
	flowtab_add(&t->cids, e->hash, e);
	t->cid_lens |= 1u << e->len;
}

/*
 * cid_learn keeps the IDs of a long header: its Source Connection ID
 * names the sender, and a client's Destination Connection ID the server
 * (the original one, then the server's choice; RFC 9000, 7.2).
 */
static void
cid_learn(struct udpflow *t, struct uconn *u, enum dir dir,
    const struct cur *dg)
{
	struct cur dcid, scid;

	if (u->n_cid >= LIM_QUIC_CIDS || !long_header(dg, &dcid, &scid))
		return;
	cid_add(t, u, &scid, dir == DIR_S2C);
	if (dir == DIR_C2S)
		cid_add(t, u, &dcid, true);
}
