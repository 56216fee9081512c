/*
 * fuzz-reasm.c: the TCP reassembler (capture/reasm.c) driven by a script
 * of segments for both directions of four connections.
 *
 * Input: one option byte (bit 0: an out-of-order cap of 64 bytes, else
 * LIM_OOO_BYTES; bit 1: at most 2 connections open), then commands:
 *   cmd	bits 0-1 connection, bit 2 from the server, bit 3 a 32-bit
 *		absolute sequence number follows (else a u16 offset from the
 *		direction's ISN, chosen near the 2^32 wrap), bits 4-5 the
 *		time step (1 ms, 1 s, 40 s, 1 s backwards), bit 6 the payload
 *		differs from earlier copies of the same sequence numbers
 *   flags	TCP flags
 *   seq	u16 or u32
 *   len	u16: payload bytes (at most 4096), a pattern made from the
 *		sequence number, so overlaps agree unless bit 6 says not
 * Invariants: bytes delivered per direction never exceed the payload
 * bytes sent that way; out-of-order bytes held stay under the cap per
 * open direction; a connection's events and anomalies stay under their
 * caps.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "capture/decode.h"
#include "capture/reasm.h"
#include "common/cur.h"
#include "common/limits.h"
#include "model/conn.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NCONN		4
#define CPORT		40000
#define MAXPAY		4096

/* Payload bytes sent [conn][from server] and delivered the same way. */
static uint64_t	sent[NCONN][2], got[NCONN][2];
static uint8_t	pay[MAXPAY];

/* script_of maps a connection to its script index and sender side. */
static int
script_of(const struct conn *c, enum dir d, int *from_srv)
{
	const struct endpoint *snd = d == DIR_C2S ? &c->cli : &c->srv;
	const struct endpoint *rcv = d == DIR_C2S ? &c->srv : &c->cli;
	int i;

	if (snd->port == 443 && rcv->port >= CPORT && rcv->port < CPORT + NCONN) {
		i = rcv->port - CPORT;
		*from_srv = 1;
	} else {
		assert(snd->port >= CPORT && snd->port < CPORT + NCONN);
		i = snd->port - CPORT;
		*from_srv = 0;
	}
	return i;
}

static void
on_data(void *arg, struct conn *c, enum dir d, const struct cur *data,
    uint64_t ts, uint32_t frame)
{
	int i, s;

	(void)arg; (void)ts; (void)frame;
	i = script_of(c, d, &s);
	got[i][s] += cur_len(data);
	assert(got[i][s] <= sent[i][s]);
}

static void
on_gap(void *arg, struct conn *c, enum dir d, uint64_t len, uint64_t ts,
    uint32_t frame)
{
	(void)arg; (void)c; (void)d; (void)len; (void)ts; (void)frame;
}

static void
on_end(void *arg, struct conn *c, enum dir d, uint64_t ts, uint32_t frame)
{
	(void)arg; (void)c; (void)d; (void)ts; (void)frame;
}

static void
on_close(void *arg, struct conn *c)
{
	(void)arg;
	assert(c->n_anoms <= LIM_ANOM_PER_CONN);
	assert(c->n_ev <= model_opts.events_cap);
	conn_free(c);
}

static void
check_ooo(const struct reasm *r, uint32_t cap)
{
	const struct reasm_stats *st = reasm_stats(r);

	assert(st->ooo_held <= (uint64_t)cap * 2 * st->open);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t ports[] = { 443 };
	static const uint32_t isn[NCONN][2] = {
		{ 0xfffff000, 0x7fffff00 }, { 1, 0xffffffff },
		{ 0x80000000, 0 }, { 0x12345678, 0xfffe0000 } };
	struct reasm_opts o = { 1024, LIM_IDLE_SECS, LIM_IDLE_HALFOPEN_SECS,
	    LIM_LINGER_SECS, LIM_OOO_BYTES, ports, 1, NULL };
	struct reasm_sink s = { NULL, on_data, on_gap, on_end, on_close,
	    NULL };
	struct reasm *r;
	struct cur in;
	struct pkt p;
	uint64_t ts = 1000000000ULL * 1000000ULL, last_exp = 0;
	uint32_t frame = 0, seq32, k;
	uint16_t seq16, len;
	uint8_t opt, cmd, flags;
	int ci, srv;

	cur_init(&in, data, size);
	if (!cur_get_u8(&in, &opt))
		return 0;
	if (opt & 1)
		o.ooo_bytes = 64;
	if (opt & 2)
		o.max_conns = 2;
	memset(sent, 0, sizeof(sent));
	memset(got, 0, sizeof(got));
	r = reasm_new(&o, &s);
	while (cur_get_u8(&in, &cmd) && cur_get_u8(&in, &flags)) {
		ci = cmd & 3;
		srv = (cmd >> 2) & 1;
		if (cmd & 8) {
			if (!cur_get_u32(&in, &seq32))
				break;
		} else {
			if (!cur_get_u16(&in, &seq16))
				break;
			seq32 = isn[ci][srv] + seq16;
		}
		if (!cur_get_u16(&in, &len))
			break;
		len %= MAXPAY + 1;
		switch ((cmd >> 4) & 3) {
		case 0: ts += 1000; break;
		case 1: ts += 1000000; break;
		case 2: ts += 40000000; break;
		default: ts -= 1000000; break;
		}
		for (k = 0; k < len; k++)
			pay[k] = (uint8_t)(seq32 + k) ^ ((cmd & 0x40) ? 0x5a : 0);
		memset(&p, 0, sizeof(p));
		p.ts = ts;
		p.frame = ++frame;
		p.src.family = p.dst.family = 4;
		p.src.a[0] = srv ? 192 : 10;
		p.dst.a[0] = srv ? 10 : 192;
		p.sport = srv ? 443 : CPORT + ci;
		p.dport = srv ? CPORT + ci : 443;
		p.flags = flags;
		p.seq = seq32;
		p.ack = isn[ci][!srv] + 1;
		p.win = 65535;
		cur_init(&p.payload, pay, len);
		p.payload_len = len;
		p.caplen = p.wirelen = 54 + len;
		sent[ci][srv] += len;
		reasm_packet(r, &p);
		check_ooo(r, o.ooo_bytes);
		if (ts > last_exp + 1000000) {
			reasm_expire(r, ts);
			last_exp = ts;
			check_ooo(r, o.ooo_bytes);
		}
	}
	reasm_free(r);
	return 0;
}
