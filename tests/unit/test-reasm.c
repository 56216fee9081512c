/*
 * test-reasm.c: the TCP reassembler, driven by hand-made segments. A
 * recording sink keeps what each direction delivered.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/reasm.h"
#include "common/limits.h"
#include "check.h"

#define MAXS	4096

struct rec {
	struct conn	*conn;
	char		 s[2][MAXS];
	size_t		 n[2];
	uint64_t	 gaps[2];
	int		 ends[2];
	int		 closed;
	uint64_t	 id;
	bool		 midstream;
	uint32_t	 retrans, ooo, n_anoms;
	uint16_t	 anoms[8];
	uint8_t		 ev_types[16];
	uint32_t	 n_ev;
};

static struct rec	recs[8];
static int		n_recs;

static struct rec *
rec_of(struct conn *c)
{
	int i;

	for (i = 0; i < n_recs; i++)
		if (recs[i].conn == c)
			return &recs[i];
	recs[n_recs].conn = c;
	return &recs[n_recs++];
}

static void
s_data(void *arg, struct conn *c, enum dir d, const struct cur *data,
    uint64_t ts, uint32_t frame)
{
	struct rec *r = rec_of(c);
	size_t n = cur_len(data);

	(void)arg; (void)ts; (void)frame;
	if (r->n[d] + n < MAXS) {
		memcpy(r->s[d] + r->n[d], cur_data(data), n);
		r->n[d] += n;
	}
}

static void
s_gap(void *arg, struct conn *c, enum dir d, uint64_t len, uint64_t ts,
    uint32_t frame)
{
	struct rec *r = rec_of(c);

	(void)arg; (void)ts; (void)frame;
	r->gaps[d] += len;
	/* Mark the gap in the stream so tests can see where it was. */
	if (r->n[d] + 1 < MAXS)
		r->s[d][r->n[d]++] = '#';
}

static void
s_end(void *arg, struct conn *c, enum dir d, uint64_t ts, uint32_t frame)
{
	(void)arg; (void)ts; (void)frame;
	rec_of(c)->ends[d]++;
}

static void
s_close(void *arg, struct conn *c)
{
	struct rec *r = rec_of(c);
	uint32_t i;

	(void)arg;
	r->closed++;
	r->id = c->id;
	r->midstream = c->tcp.midstream;
	r->retrans = c->tcp.retransmits;
	r->ooo = c->tcp.out_of_order;
	for (i = 0; i < c->n_anoms && i < 8; i++)
		r->anoms[i] = c->anoms[i].code;
	r->n_anoms = c->n_anoms;
	for (i = 0; i < c->n_ev && i < 16; i++)
		r->ev_types[i] = c->ev[i].type;
	r->n_ev = c->n_ev;
	r->conn = (struct conn *)(uintptr_t)(0x1000 + (r - recs));
	conn_free(c);
}

static struct reasm *
mk(uint32_t max_conns)
{
	static const uint16_t ports[] = { 443 };
	struct reasm_opts o = { max_conns, 300, 30, 2, 64, ports, 1, NULL };
	struct reasm_sink s = { NULL, s_data, s_gap, s_end, s_close, NULL };

	memset(recs, 0, sizeof(recs));
	n_recs = 0;
	return reasm_new(&o, &s);
}

static uint32_t frame;

/* seg sends one segment; "cli" picks the direction; port varies flows. */
static void
seg(struct reasm *r, int cli, uint16_t cport, uint8_t flags, uint32_t seq,
    uint32_t ack, const char *data, uint64_t ts)
{
	struct pkt p;

	memset(&p, 0, sizeof(p));
	p.ts = ts;
	p.frame = ++frame;
	p.src.family = p.dst.family = 4;
	p.src.a[0] = cli ? 10 : 192;
	p.dst.a[0] = cli ? 192 : 10;
	p.sport = cli ? cport : 443;
	p.dport = cli ? 443 : cport;
	p.flags = flags;
	p.seq = seq;
	p.ack = ack;
	cur_init(&p.payload, data, data != NULL ? strlen(data) : 0);
	p.payload_len = (uint32_t)cur_len(&p.payload);
	reasm_packet(r, &p);
}

#define C	1
#define S	0
#define A	TCPF_ACK

static void
handshake(struct reasm *r, uint16_t port, uint32_t ci, uint32_t si)
{
	seg(r, C, port, TCPF_SYN, ci, 0, NULL, 1000);
	seg(r, S, port, TCPF_SYN | A, si, ci + 1, NULL, 2000);
	seg(r, C, port, A, ci + 1, si + 1, NULL, 3000);
}

static void
test_inorder_ooo_retrans(void)
{
	struct reasm *r = mk(100);
	uint32_t ci = 1000, si = 5000;

	handshake(r, 40000, ci, si);
	seg(r, C, 40000, A, ci + 1, si + 1, "hello ", 4000);
	seg(r, C, 40000, A, ci + 13, si + 1, "again", 5000);	/* ooo */
	seg(r, C, 40000, A, ci + 7, si + 1, "world ", 6000);	/* fills */
	seg(r, C, 40000, A, ci + 1, si + 1, "hello ", 7000);	/* retrans */
	seg(r, S, 40000, A, si + 1, ci + 18, "ok", 8000);
	seg(r, C, 40000, A | TCPF_FIN, ci + 18, si + 3, NULL, 9000);
	seg(r, S, 40000, A | TCPF_FIN, si + 3, ci + 19, NULL, 9100);
	reasm_free(r);
	CHECK(n_recs == 1);
	CHECK(recs[0].n[DIR_C2S] == 17 &&
	    memcmp(recs[0].s[DIR_C2S], "hello world again", 17) == 0);
	CHECK(recs[0].n[DIR_S2C] == 2);
	CHECK(recs[0].retrans >= 1 && recs[0].ooo == 1);
	CHECK(recs[0].ends[0] == 1 && recs[0].ends[1] == 1);
	CHECK(recs[0].closed == 1 && !recs[0].midstream);
	CHECK(recs[0].n_ev >= 5 && recs[0].ev_types[0] == EV_SYN &&
	    recs[0].ev_types[1] == EV_SYN_ACK &&
	    recs[0].ev_types[2] == EV_ACK);
	GROUP_END("in order, out of order, retransmission, FIN");
}

static void
test_overlap(void)
{
	struct reasm *r = mk(100);
	uint32_t ci = 1, si = 1;

	handshake(r, 40001, ci, si);
	seg(r, C, 40001, A, ci + 5, si + 1, "EFGH", 4000);	/* ooo */
	seg(r, C, 40001, A, ci + 7, si + 1, "XXIJ", 4100);	/* conflict */
	seg(r, C, 40001, A, ci + 1, si + 1, "ABCDEF", 4200);	/* overlap */
	reasm_free(r);
	CHECK(recs[0].n[DIR_C2S] == 10 &&
	    memcmp(recs[0].s[DIR_C2S], "ABCDEFGHIJ", 10) == 0);
	CHECK(recs[0].n_anoms >= 1 &&
	    recs[0].anoms[0] == ANOM_TCP_OVERLAP_CONFLICT);
	GROUP_END("overlap: first copy wins, conflict recorded");
}

static void
test_gap_and_wrap(void)
{
	struct reasm *r = mk(100);
	uint32_t ci = 0xfffffffa, si = 7;

	handshake(r, 40002, ci, si);
	seg(r, C, 40002, A, ci + 1, si + 1, "abcd", 4000);	/* wraps */
	seg(r, C, 40002, A, ci + 5, si + 1, "efgh", 4100);
	seg(r, C, 40002, A, ci + 13, si + 1, "mnop", 4200);	/* hole */
	/* The server acknowledges past the hole: it is lost here. */
	seg(r, S, 40002, A, si + 1, ci + 17, NULL, 4300);
	seg(r, C, 40002, A, ci + 17, si + 1, "qr", 4400);
	reasm_free(r);
	CHECK(recs[0].n[DIR_C2S] == 15 &&
	    memcmp(recs[0].s[DIR_C2S], "abcdefgh#mnopqr", 15) == 0);
	CHECK(recs[0].gaps[DIR_C2S] == 4);
	CHECK(recs[0].n_anoms >= 1 && recs[0].anoms[0] == ANOM_TCP_GAP);
	GROUP_END("gap, sequence wraparound");
}

static void
test_midstream_rst(void)
{
	struct reasm *r = mk(100);

	/* No SYN: the client is the side not on port 443. */
	seg(r, S, 40003, A, 500, 900, "from-server", 1000);
	seg(r, C, 40003, A, 900, 511, "from-client", 2000);
	seg(r, C, 40003, TCPF_RST, 911, 0, NULL, 3000);
	reasm_expire(r, 10000000);		/* past the 2 s linger */
	CHECK(n_recs == 1 && recs[0].closed == 1);
	CHECK(recs[0].midstream);
	CHECK(recs[0].n[DIR_S2C] == 11 && recs[0].n[DIR_C2S] == 11);
	CHECK(recs[0].ends[0] == 1 && recs[0].ends[1] == 1);
	reasm_free(r);
	GROUP_END("mid-stream start, RST, linger");
}

static void
test_evict_reuse(void)
{
	struct reasm *r = mk(2);

	handshake(r, 41000, 10, 20);
	handshake(r, 41001, 10, 20);
	handshake(r, 41002, 10, 20);	/* evicts 41000 */
	CHECK(n_recs == 1 && recs[0].closed == 1 && recs[0].id == 1);
	CHECK(reasm_stats(r)->evicted == 1);
	/* Reuse of a 4-tuple after FIN: a new connection. */
	seg(r, C, 41001, A, 11, 21, "x", 5000);
	seg(r, C, 41001, A | TCPF_FIN, 12, 21, NULL, 5100);
	seg(r, S, 41001, A | TCPF_FIN, 21, 13, NULL, 5200);
	seg(r, C, 41001, TCPF_SYN, 99999, 0, NULL, 5300);
	CHECK(n_recs == 2 && recs[1].closed == 1 && recs[1].id == 2);
	reasm_free(r);
	GROUP_END("eviction, 4-tuple reuse");
}

static void
test_syn_data(void)
{
	struct reasm *r = mk(100);

	seg(r, C, 40004, TCPF_SYN, 100, 0, "tfo", 1000);
	seg(r, S, 40004, TCPF_SYN | A, 200, 104, NULL, 2000);
	seg(r, C, 40004, A, 104, 201, "more", 3000);
	reasm_free(r);
	CHECK(recs[0].n[DIR_C2S] == 7 &&
	    memcmp(recs[0].s[DIR_C2S], "tfomore", 7) == 0);
	GROUP_END("SYN with data (TCP Fast Open)");
}

static void
test_ooo_cap(void)
{
	struct reasm *r = mk(100);
	char big[41];
	uint32_t i;

	memset(big, 'z', 40);
	big[40] = '\0';
	handshake(r, 40005, 0, 0);
	/* Cap is 64 bytes: the third out-of-order segment forces a gap. */
	for (i = 0; i < 3; i++)
		seg(r, C, 40005, A, 101 + i * 40, 1, big, 4000 + i);
	reasm_free(r);
	CHECK(recs[0].gaps[DIR_C2S] == 100);
	CHECK(recs[0].n[DIR_C2S] == 121);
	GROUP_END("out-of-order cap");
}

/*
 * A segment exactly 2^31 behind the next expected byte (fuzz-reasm found
 * the negation of INT32_MIN, undefined behaviour): it is old data, dropped.
 */
static void
test_half_window_back(void)
{
	struct reasm *r = mk(100);
	uint32_t ci = 100, si = 200;

	handshake(r, 40007, ci, si);
	seg(r, C, 40007, A, ci + 1, si + 1, "abc", 4000);
	seg(r, C, 40007, A, ci + 4 - 0x80000000u, si + 1, "zz", 5000);
	seg(r, C, 40007, A, ci + 4, si + 1, "def", 6000);
	reasm_free(r);
	CHECK(recs[0].n[DIR_C2S] == 6 &&
	    memcmp(recs[0].s[DIR_C2S], "abcdef", 6) == 0);
	CHECK(recs[0].retrans >= 1);
	GROUP_END("a segment 2^31 behind is old data");
}

int
main(void)
{
	test_inorder_ooo_retrans();
	test_overlap();
	test_gap_and_wrap();
	test_midstream_rst();
	test_evict_reuse();
	test_syn_data();
	test_ooo_cap();
	test_half_window_back();
	return CHECK_EXIT();
}
