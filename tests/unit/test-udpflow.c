/*
 * test-udpflow.c: the UDP connection table (capture/udpflow.c): what the
 * probe accepts opens one connection per 4-tuple, ids shared with TCP's
 * counter, the cap evicts the longest idle, idle ones expire, the end
 * closes in order of id, and a QUIC client on a new 4-tuple joins its
 * connection by connection ID.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/udpflow.h"
#include "check.h"

#define MAXC	64

static uint64_t	closed[MAXC];
static size_t	n_closed;
static uint32_t	dgrams[MAXC][2];	/* by id, direction */
static uint32_t	probes;

/* The test's probe: a first byte 0xc0 is QUIC, 0x16 DTLS. */
static enum conn_transport
probe(void *arg, const struct pkt *p, bool *cli)
{
	uint8_t b;

	(void)arg;
	probes++;
	*cli = true;
	if (!cur_peek_u8(&p->payload, &b))
		return CONN_TCP;
	return b == 0xc0 ? CONN_QUIC : b == 0x16 ? CONN_DTLS : CONN_TCP;
}

static void
datagram(void *arg, struct conn *c, enum dir d, const struct pkt *p)
{
	(void)arg; (void)p;
	if (c->id < MAXC)
		dgrams[c->id][d]++;
}

static void
on_close(void *arg, struct conn *c)
{
	(void)arg;
	if (n_closed < MAXC)
		closed[n_closed++] = c->id;
	conn_free(c);
}

static struct udpflow *
mk(uint32_t max, uint64_t *ids)
{
	struct udpflow_opts o = { max, 30, ids };
	struct udpflow_sink s = { .probe = probe, .datagram = datagram,
	    .close = on_close };

	memset(closed, 0, sizeof(closed));
	memset(dgrams, 0, sizeof(dgrams));
	n_closed = 0;
	probes = 0;
	return udpflow_new(&o, &s);
}

/* send one datagram from host "a":"ap" to "b":"bp" at "t" seconds. */
static void
dg(struct udpflow *u, uint8_t a, uint16_t ap, uint8_t b, uint16_t bp,
    const uint8_t *data, size_t n, uint64_t t)
{
	static uint32_t frame;
	struct pkt p;

	memset(&p, 0, sizeof(p));
	p.src.family = p.dst.family = 4;
	p.src.a[0] = p.dst.a[0] = 10;
	p.src.a[3] = a;
	p.dst.a[3] = b;
	p.sport = ap;
	p.dport = bp;
	p.ts = t * 1000000;
	p.frame = ++frame;
	cur_init(&p.payload, data, n);
	p.payload_len = (uint32_t)n;
	udpflow_packet(u, &p);
}

static void
test_basic(void)
{
	static const uint8_t quic[] = { 0xc0, 0, 0, 0, 1, 0, 0 };
	static const uint8_t dtls[] = { 0x16, 0xfe, 0xfd };
	static const uint8_t dns[] = { 0x12, 0x34, 0x01, 0x00 };
	uint64_t ids = 7;	/* TCP took 1..7 */
	struct udpflow *u = mk(16, &ids);
	const struct udpflow_stats *st = udpflow_stats(u);

	dg(u, 1, 5000, 2, 443, quic, sizeof(quic), 1);
	dg(u, 2, 443, 1, 5000, dns, sizeof(dns), 1);	/* the reply */
	dg(u, 1, 5001, 2, 53, dns, sizeof(dns), 1);	/* not followed */
	dg(u, 1, 5001, 2, 53, dns, sizeof(dns), 1);
	dg(u, 3, 6000, 2, 4433, dtls, sizeof(dtls), 2);
	CHECK(ids == 9);
	CHECK(dgrams[8][DIR_C2S] == 1 && dgrams[8][DIR_S2C] == 1);
	CHECK(dgrams[9][DIR_C2S] == 1);
	CHECK(probes == 4);	/* both DNS datagrams asked, then forgotten */
	CHECK(st->datagrams == 5 && st->followed == 3);
	CHECK(st->conns[CONN_QUIC] == 1 && st->conns[CONN_DTLS] == 1);
	CHECK(st->open == 2);
	/* idle past 30 s: the QUIC one (last seen at 1 s) expires first */
	udpflow_expire(u, 32 * 1000000ULL);
	CHECK(n_closed == 1 && closed[0] == 8 && st->expired == 1);
	udpflow_expire(u, 33 * 1000000ULL);
	CHECK(n_closed == 2 && closed[1] == 9);
	udpflow_free(u);
	GROUP_END("udpflow basic");
}

static void
test_cap_and_order(void)
{
	static const uint8_t quic[] = { 0xc0, 0, 0, 0, 1, 0, 0 };
	uint64_t ids = 0;
	struct udpflow *u = mk(4, &ids);
	const struct udpflow_stats *st = udpflow_stats(u);
	uint16_t i;

	for (i = 0; i < 10; i++)
		dg(u, 1, (uint16_t)(1000 + i), 2, 443, quic, sizeof(quic), 1);
	CHECK(st->open == 4 && st->evicted == 6 && st->open_max == 4);
	/* the longest idle went first: 1..6 */
	CHECK(n_closed == 6 && closed[0] == 1 && closed[5] == 6);
	/* touch 7: it is no longer the longest idle */
	dg(u, 1, 1006, 2, 443, quic, sizeof(quic), 2);
	dg(u, 1, 2000, 2, 443, quic, sizeof(quic), 2);
	CHECK(n_closed == 7 && closed[6] == 8);
	/* the end interleaves with TCP's ids: below 10 first */
	udpflow_flush_before(u, 10);
	CHECK(n_closed == 9 && closed[7] == 7 && closed[8] == 9);
	udpflow_flush(u);
	CHECK(n_closed == 11 && closed[9] == 10 && closed[10] == 11);
	CHECK(st->open == 0);
	udpflow_free(u);
	GROUP_END("udpflow cap and order");
}

static void
test_cid(void)
{
	/* long headers: v1, DCID 8 bytes 0x11.., SCID 4 bytes 0x22.. */
	static const uint8_t ini[] = { 0xc0, 0, 0, 0, 1,
	    8, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	    4, 0x22, 0x22, 0x22, 0x22, 0 };
	/* the server: DCID = the client's SCID, SCID 5 bytes 0x33.. */
	static const uint8_t srv[] = { 0xc0, 0, 0, 0, 1,
	    4, 0x22, 0x22, 0x22, 0x22,
	    5, 0x33, 0x33, 0x33, 0x33, 0x33, 0 };
	/* a short header to the server's CID from a new port */
	static const uint8_t shrt[] = { 0x41, 0x33, 0x33, 0x33, 0x33, 0x33,
	    0xaa, 0xbb };
	/* a short header to an unknown CID: a new 4-tuple, probed */
	static const uint8_t other[] = { 0x41, 0x44, 0x44, 0x44, 0x44, 0x44 };
	/* the server answers the client at its new port */
	static const uint8_t toc[] = { 0x41, 0x22, 0x22, 0x22, 0x22, 0x01 };
	uint64_t ids = 0;
	struct udpflow *u = mk(16, &ids);
	const struct udpflow_stats *st = udpflow_stats(u);

	dg(u, 1, 5000, 2, 443, ini, sizeof(ini), 1);
	dg(u, 2, 443, 1, 5000, srv, sizeof(srv), 1);
	dg(u, 1, 5999, 2, 443, shrt, sizeof(shrt), 2);	/* rebinding */
	dg(u, 2, 443, 1, 5999, toc, sizeof(toc), 2);
	dg(u, 1, 6001, 2, 443, other, sizeof(other), 2);
	CHECK(ids == 1 && st->cid_joined == 1);
	CHECK(dgrams[1][DIR_C2S] == 2 && dgrams[1][DIR_S2C] == 2);
	CHECK(probes == 2);	/* the first Initial, the unknown CID */
	udpflow_free(u);
	CHECK(n_closed == 1);
	GROUP_END("udpflow connection IDs");
}

int
main(void)
{
	test_basic();
	test_cap_and_order();
	test_cid();
	return CHECK_EXIT();
}
