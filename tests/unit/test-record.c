/*
 * test-record.c: the record layer and the entry points (dissect/tls.c,
 * dissect/record.c): framing, reassembly across deliveries, detection,
 * STARTTLS, orientation, gaps, and each content type.
 *
 * The vectors are TCP payloads of public captures (tshark -T fields -e
 * tcp.payload): the "illustrated" TLS 1.3 and TLS 1.2 connections
 * (tls13.xargs.org, tls12.xargs.org, where every byte is explained) and
 * suricata-verify's SSLv2-compatible ClientHello.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/resync.h"
#include "dissect/tls.h"
#include "model/certstore.h"
#include "model/conn.h"

#include "check.h"
#include "tlsfix.h"

static uint8_t	buf[8192];

/* suricata__sslv2-tls-upgrade-01__ssl-v2-s1.pcap: frame, direction, TCP payload (hex) */
static const struct vec v_ssl2[] = {
	{ 4, DIR_C2S,
	    "8067010301004e000000100100800300800700c0060040020080040080000039"
	    "00003800003500003300003200000400000500002f00001600001300feff0000"
	    "0a00001500001200fefe0000090000640000620000030000063143c465d52771"
	    "e466a42be1701787fd" },
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static struct conn *
run13(size_t chunk)
{
	struct conn *c = new_conn(ORIENT_SYN);

	feed_vecs(c, v_tls13, n_tls13, chunk);
	tls_end(c, DIR_C2S, 0, 99);
	tls_end(c, DIR_S2C, 0, 99);
	return c;
}

static void
test_whole(void)
{
	struct conn *c = run13(0);
	const struct event *e;
	const struct tls_hs *hs;

	CHECK(c->is_tls);
	CHECK(c->n_anoms == 0);
	e = find_ev(c, EV_HANDSHAKE, 1);
	CHECK(e != NULL && e->frame == 5 && e->len == 244 &&
	    e->dir == DIR_C2S);
	e = find_ev(c, EV_HANDSHAKE, 2);
	CHECK(e != NULL && e->frame == 7 && e->len == 118 &&
	    e->dir == DIR_S2C && !(e->flags & EVF_HRR));
	CHECK(n_ev(c, EV_CCS, -1) == 2);
	/* Server: EE+Certificate+CV+Finished in 4 records; client: 1. */
	CHECK(n_ev(c, EV_ENC_HANDSHAKE, -1) == 5);
	e = &c->ev[c->n_ev - 1];
	CHECK(e->type == EV_APPDATA && conn_ev_count(c, e) == 3 &&
	    e->frame == 17 && conn_ev_first(c, e) == 13 && e->dir == DIR_S2C);
	hs = &c->hs[0];
	CHECK(c->n_hs == 1);
	CHECK(hs->version == 0x0304 && hs->suite == 0x1302 &&
	    hs->group == 0x001d && hs->record_version == 0x0301);
	CHECK(hs->flags & HSF_COMPLETE);
	CHECK(!(hs->flags & HSF_RESUMED));	/* TLS 1.3 echoes the id */
	CHECK(hs->t_start == 5000 && hs->t_done == 9000);
	done_conn(c);
	GROUP_END("record: whole TLS 1.3 exchange");
}

static void
test_chunks(void)
{
	static const size_t chunks[] = { 1, 2, 3, 4, 5, 6, 7, 13, 100 };
	struct conn *a = run13(0), *b;
	size_t i;

	for (i = 0; i < N(chunks); i++) {
		b = run13(chunks[i]);
		CHECK(same_events(a, b));
		CHECK(b->hs[0].flags & HSF_COMPLETE);
		done_conn(b);
	}
	done_conn(a);
	GROUP_END("record: deliveries of 1..100 bytes give the same ladder");
}

static void
test_truncated(void)
{
	struct conn *c;
	size_t len, p;

	len = unhex(v_tls13[0].hex, buf, sizeof(buf));
	for (p = 1; p < len; p++) {
		c = new_conn(ORIENT_SYN);
		feed(c, DIR_C2S, buf, p, 5);
		tls_end(c, DIR_C2S, 0, 6);
		tls_free(c);	/* judges what the end cut short */
		CHECK(n_ev(c, EV_HANDSHAKE, -1) == 0);
		/* Six bytes decide detection; then the record is cut. */
		CHECK(n_anom(c, ANOM_REC_INCOMPLETE) == (p >= 6 ? 1u : 0u));
		CHECK(n_anom(c, ANOM_HS_INCOMPLETE) == 0);
		done_conn(c);
	}
	GROUP_END("record: every prefix of a ClientHello record");
}

/* ch starts a connection with the TLS 1.2 ClientHello. */
static struct conn *
ch(uint8_t orient)
{
	struct conn *c = new_conn(orient);

	feed_vecs(c, v_tls12, 1, 0);
	return c;
}

static void
test_oversized(void)
{
	static uint8_t big[5 + 18433];
	struct conn *c = ch(ORIENT_SYN);
	const struct event *e;

	memset(big, 0xaa, sizeof(big));
	big[0] = 23;
	big[1] = 3;
	big[2] = 3;
	big[3] = 18433 >> 8;
	big[4] = 18433 & 0xff;
	feed(c, DIR_C2S, big, sizeof(big), 6);
	CHECK(n_anom(c, ANOM_REC_LENGTH) == 1);
	e = find_ev(c, EV_APPDATA, -1);
	CHECK(e != NULL && e->len == 18433);
	done_conn(c);
	GROUP_END("record: longer than 2^14+2048 is noted and parsed");
}

static void
test_bad(void)
{
	static const uint8_t unknown[] = { 48, 3, 3, 0, 1, 0 };
	static const uint8_t badver[] = { 23, 5, 5, 0, 1, 0 };
	static const uint8_t app[] = { 23, 3, 3, 0, 1, 0 };
	static const uint8_t empty[] = { 22, 3, 3, 0, 0 };
	struct conn *c = ch(ORIENT_SYN);
	const struct event *e;

	feed(c, DIR_C2S, unknown, sizeof(unknown), 6);
	e = find_ev(c, EV_UNKNOWN_RECORD, -1);
	CHECK(e != NULL && e->sub == 48 && e->len == 1);
	CHECK(n_anom(c, ANOM_REC_INVALID) == 1);
	feed(c, DIR_C2S, empty, sizeof(empty), 7);
	CHECK(n_anom(c, ANOM_REC_EMPTY) == 1);
	feed(c, DIR_C2S, badver, sizeof(badver), 8);
	CHECK(n_anom(c, ANOM_REC_INVALID) == 2);
	/* Stopped: nothing more from this direction. */
	feed(c, DIR_C2S, app, sizeof(app), 9);
	CHECK(n_ev(c, EV_APPDATA, -1) == 0);
	tls_end(c, DIR_C2S, 0, 10);
	tls_free(c);
	CHECK(n_anom(c, ANOM_REC_INCOMPLETE) == 0);
	done_conn(c);
	GROUP_END("record: unknown type, empty record, bad header");
}

static void
test_gap(void)
{
	static const uint8_t junk[] = { 0x12, 0x99, 0x00, 0x7f, 0x01, 0x02 };
	static const uint8_t app[] = { 23, 3, 3, 0, 2, 0, 0 };
	struct conn *c = ch(ORIENT_SYN);

	feed(c, DIR_C2S, app, 3, 6);		/* a record cut by the gap */
	tls_gap(fix_ctx, c, DIR_C2S, 100, 0, 7);
	CHECK(n_anom(c, ANOM_REC_AFTER_GAP) == 1);
	feed(c, DIR_C2S, junk, sizeof(junk), 8);
	CHECK(n_ev(c, EV_APPDATA, -1) == 0);
	feed(c, DIR_C2S, app, sizeof(app), 9);
	CHECK(n_ev(c, EV_APPDATA, -1) == 1);
	tls_gap(fix_ctx, c, DIR_C2S, 100, 0, 10);
	feed(c, DIR_C2S, app, sizeof(app), 11);
	CHECK(n_anom(c, ANOM_REC_AFTER_GAP) == 1);	/* once */
	CHECK(n_ev(c, EV_APPDATA, -1) == 1 &&
	    conn_ev_count(c, &c->ev[c->n_ev - 1]) == 2);
	CHECK(n_anom(c, ANOM_REC_INVALID) == 0);
	done_conn(c);
	GROUP_END("record: resynchronisation after a gap");
}

/* resync_plausible: a header confirmed by the next one or the boundary. */
static bool
plaus(const uint8_t *p, size_t n)
{
	struct cur in;

	cur_init(&in, p, n);
	return resync_plausible(&in);
}

static void
test_resync_plausible(void)
{
	/* CKE of 6, CCS, the start of a third header */
	static const uint8_t good[] = { 22, 3, 3, 0, 6, 16, 0, 0, 2, 1, 2,
	    20, 3, 3, 0, 1, 1, 22, 3 };
	/* a Certificate record running past the segment */
	static const uint8_t span[] = { 22, 3, 3, 0x10, 0, 11, 0, 0x0f };
	static const uint8_t span_bad[] = { 22, 3, 3, 0x10, 0, 99, 0, 0x0f };
	static const uint8_t span_app[] = { 23, 3, 3, 0x10, 0, 11, 0, 0x0f };
	static const uint8_t junk_after[] = { 23, 3, 3, 0, 1, 0, 0x41, 0x42 };
	static const uint8_t badver[] = { 23, 3, 5, 0, 1, 0 };
	static const uint8_t badtype[] = { 19, 3, 3, 0, 1, 0 };
	static const uint8_t zero[] = { 23, 3, 3, 0, 0, 23, 3, 3, 0, 0 };
	static const uint8_t huge[] = { 23, 3, 3, 0x48, 0x01, 0 };
	/* SSLv2 SERVER-HELLO filling the segment, and one that does not */
	static uint8_t ssl2[2 + 11] = { 0x80, 11, 4 };

	CHECK(plaus(good, sizeof(good)));
	CHECK(plaus(good, 11));			/* ends with the segment */
	CHECK(plaus(good, 17));
	CHECK(plaus(good, 10));		/* runs past: a known type */
	CHECK(!plaus(good, 4));
	CHECK(plaus(span, sizeof(span)));
	CHECK(!plaus(span_bad, sizeof(span_bad)));
	CHECK(!plaus(span_app, sizeof(span_app)));
	CHECK(!plaus(junk_after, sizeof(junk_after)));
	CHECK(plaus(junk_after, 6));
	CHECK(!plaus(badver, sizeof(badver)));
	CHECK(!plaus(badtype, sizeof(badtype)));
	CHECK(!plaus(zero, sizeof(zero)));
	CHECK(!plaus(huge, sizeof(huge)));
	CHECK(plaus(ssl2, sizeof(ssl2)));
	CHECK(!plaus(ssl2, sizeof(ssl2) - 1));
	GROUP_END("resync: plausible record headers after lost bytes");
}

static void
test_gap_in_record(void)
{
	/* a handshake record of 10 bytes: 4 arrive, 3 are lost, 3 arrive
	 * with an application data record after them */
	static const uint8_t head[] = { 22, 3, 3, 0, 10, 12, 0, 0, 6 };
	static const uint8_t tail[] = { 7, 8, 9, 23, 3, 3, 0, 2, 0, 0 };
	static const uint8_t app[] = { 23, 3, 3, 0, 4, 0, 0 };
	struct conn *c = ch(ORIENT_SYN);

	feed(c, DIR_S2C, head, sizeof(head), 6);
	tls_gap(fix_ctx, c, DIR_S2C, 3, 0, 7);
	feed(c, DIR_S2C, tail, sizeof(tail), 8);
	CHECK(n_anom(c, ANOM_HS_INCOMPLETE) == 1);
	CHECK(n_anom(c, ANOM_REC_AFTER_GAP) == 0);
	CHECK(n_ev(c, EV_APPDATA, -1) == 1);
	CHECK(n_ev(c, EV_HANDSHAKE, 12) == 0);
	/* a gap inside an application data record passed over: counted */
	feed(c, DIR_S2C, app, sizeof(app), 9);
	tls_gap(fix_ctx, c, DIR_S2C, 2, 0, 10);
	CHECK(c->ev[c->n_ev - 1].type == EV_APPDATA &&
	    conn_ev_count(c, &c->ev[c->n_ev - 1]) == 2);
	CHECK(n_anom(c, ANOM_REC_AFTER_GAP) == 0);
	/* a gap longer than the record: the boundary is lost */
	feed(c, DIR_S2C, app, 5, 11);
	tls_gap(fix_ctx, c, DIR_S2C, 100, 0, 12);
	CHECK(n_anom(c, ANOM_REC_AFTER_GAP) == 1);
	done_conn(c);
	GROUP_END("resync: a gap inside a record keeps the next boundary");
}

static void
test_heartbeat(void)
{
	uint8_t hb[5 + 19];
	struct conn *c = ch(ORIENT_SYN);
	const struct event *e;

	memset(hb, 0, sizeof(hb));
	hb[0] = 24;
	hb[1] = 3;
	hb[2] = 3;
	hb[4] = 19;
	hb[5] = 1;
	feed(c, DIR_C2S, hb, sizeof(hb), 6);	/* payload_length 0: fine */
	CHECK(n_anom(c, ANOM_HEARTBEAT_OVERRUN) == 0);
	hb[6] = 0x40;				/* 16384: Heartbleed */
	feed(c, DIR_C2S, hb, sizeof(hb), 7);
	CHECK(n_anom(c, ANOM_HEARTBEAT_OVERRUN) == 1);
	hb[6] = 0;
	hb[7] = 1;				/* 1 + 3 + 16 > 19 */
	feed(c, DIR_C2S, hb, sizeof(hb), 8);
	CHECK(n_anom(c, ANOM_HEARTBEAT_OVERRUN) == 2);
	CHECK(n_ev(c, EV_HEARTBEAT, 1) == 3);
	e = find_ev(c, EV_HEARTBEAT, -1);
	CHECK(e != NULL && e->len == 19);
	done_conn(c);
	GROUP_END("record: heartbeat payload_length overrun");
}

static void
test_ssl2(void)
{
	struct conn *c = new_conn(ORIENT_SYN);
	const struct tls_hs *hs;
	const struct event *e;
	uint32_t i;
	bool has39 = false;

	feed_vecs(c, v_ssl2, N(v_ssl2), 0);
	CHECK(c->is_tls && c->n_anoms == 0);
	e = find_ev(c, EV_SSL2, 1);
	CHECK(e != NULL && e->frame == 4 && e->dir == DIR_C2S);
	hs = &c->hs[0];
	CHECK(hs->flags & HSF_SSL2_CH);
	CHECK(hs->client_version == 0x0301 && hs->record_version == 0x0002);
	CHECK(hs->ssl2_n_specs == 26);
	CHECK(hs->ssl2_specs != NULL && hs->ssl2_specs[0] == 0x010080);
	for (i = 0; i < hs->suites_offered.n; i++)
		if (hs->suites_offered.v[i] == 0x0039)
			has39 = true;
	CHECK(has39 && hs->suites_offered.n == 20);
	done_conn(c);
	GROUP_END("record: SSLv2-compatible ClientHello");
}

static void
say(struct conn *c, enum dir dir, const char *s, uint32_t frame)
{
	feed(c, dir, (const uint8_t *)s, strlen(s), frame);
}

static void
test_starttls(void)
{
	struct conn *c = new_conn(ORIENT_SYN);
	uint8_t both[600];
	size_t len;

	c->srv.port = 25;
	say(c, DIR_S2C, "220 mx.example ESMTP\r\n", 4);
	say(c, DIR_C2S, "EHLO client.example\r\n", 5);
	say(c, DIR_S2C, "250-mx.example\r\n250-STARTTLS\r\n250 OK\r\n", 6);
	say(c, DIR_C2S, "STARTTLS\r\n", 7);
	say(c, DIR_S2C, "220 2.0.0 Ready to start TLS\r\n", 8);
	CHECK(!c->is_tls && c->starttls == STARTTLS_NONE);
	feed_vecs(c, v_tls12, 2, 0);
	CHECK(c->is_tls && c->starttls == STARTTLS_SMTP);
	CHECK(n_ev(c, EV_HANDSHAKE, 1) == 1 && n_ev(c, EV_HANDSHAKE, 2) == 1);
	CHECK(c->n_anoms == 0);
	done_conn(c);

	/* POP3, with the ClientHello in the same delivery as "STLS". */
	c = new_conn(ORIENT_SYN);
	say(c, DIR_S2C, "+OK POP3 ready\r\n", 4);
	memcpy(both, "STLS\r\n", 6);
	len = unhex(v_tls12[0].hex, both + 6, sizeof(both) - 6);
	feed(c, DIR_C2S, both, 6 + len, 5);
	CHECK(c->is_tls && c->starttls == STARTTLS_POP3);
	CHECK(n_ev(c, EV_HANDSHAKE, 1) == 1);
	done_conn(c);

	/* PostgreSQL SSLRequest, then 'S'. */
	c = new_conn(ORIENT_SYN);
	feed(c, DIR_C2S, (const uint8_t *)"\0\0\0\x08\x04\xd2\x16\x2f", 8, 4);
	say(c, DIR_S2C, "S", 5);
	feed_vecs(c, v_tls12, 1, 0);
	CHECK(c->is_tls && c->starttls == STARTTLS_POSTGRES);
	done_conn(c);

	/* TLS from the first byte is not STARTTLS. */
	c = ch(ORIENT_SYN);
	CHECK(c->is_tls && c->starttls == STARTTLS_NONE);
	done_conn(c);
	GROUP_END("record: STARTTLS detection (SMTP, POP3, PostgreSQL)");
}

static void
test_orient(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	const struct event *e;
	size_t len;

	/* The ClientHello comes from the side guessed to be the server. */
	len = unhex(v_tls12[0].hex, buf, sizeof(buf));
	feed(c, DIR_S2C, buf, len, 5);
	CHECK(c->orient == ORIENT_HELLO && c->cli.port == 443);
	e = find_ev(c, EV_HANDSHAKE, 1);
	CHECK(e != NULL && e->dir == DIR_C2S);
	/* The caller re-reads directions: that stream is now DIR_S2C. */
	len = unhex(v_tls12[1].hex, buf, sizeof(buf));
	feed(c, DIR_S2C, buf, len, 7);
	e = find_ev(c, EV_HANDSHAKE, 2);
	CHECK(e != NULL && e->dir == DIR_S2C);
	CHECK(c->hs[0].suite == 0xc013);
	done_conn(c);

	/* From the SYN, a lone ServerHello from the client side stays. */
	c = new_conn(ORIENT_SYN);
	feed(c, DIR_C2S, buf, len, 7);
	CHECK(c->orient == ORIENT_SYN && c->cli.port == 50000);
	done_conn(c);
	GROUP_END("record: orientation from the hellos");
}

static void
test_alerts(void)
{
	static const uint8_t fatal[] = { 21, 3, 3, 0, 2, 2, 40 };
	static const uint8_t badlvl[] = { 21, 3, 3, 0, 2, 3, 0 };
	static const uint8_t ccs2[] = { 20, 3, 3, 0, 2, 1, 1 };
	struct conn *c = ch(ORIENT_SYN);
	const struct event *e;

	feed(c, DIR_S2C, fatal, sizeof(fatal), 6);
	e = find_ev(c, EV_ALERT, 2);
	CHECK(e != NULL && e->sub2 == 40 && e->dir == DIR_S2C);
	CHECK(c->hs[0].flags & HSF_FAILED);
	CHECK(c->hs[0].n_alerts == 1 && c->hs[0].alerts[0].desc == 40);
	feed(c, DIR_S2C, badlvl, sizeof(badlvl), 7);
	CHECK(n_anom(c, ANOM_ALERT_INVALID) == 1);
	feed(c, DIR_C2S, ccs2, sizeof(ccs2), 8);
	CHECK(n_anom(c, ANOM_CCS_INVALID) == 1 && n_ev(c, EV_CCS, -1) == 1);
	feed(c, DIR_C2S, fatal, sizeof(fatal), 9);	/* after CCS */
	CHECK(n_ev(c, EV_ENC_ALERT, -1) == 1);
	done_conn(c);
	GROUP_END("record: alerts and ChangeCipherSpec");
}

static void
test_split_frames(void)
{
	struct conn *c = ch(ORIENT_SYN);
	const struct event *e;
	size_t len;

	len = unhex(v_tls12[1].hex, buf, sizeof(buf));
	feed(c, DIR_S2C, buf, 30, 100);	/* inside the ServerHello */
	feed(c, DIR_S2C, buf + 30, len - 30, 101);
	e = find_ev(c, EV_HANDSHAKE, 2);
	CHECK(e != NULL && e->frame == 101 && conn_ev_first(c, e) == 100);
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 5 && c->n_anoms == 0);
	done_conn(c);

	/* An end (RST) before in-flight bytes: they still count. */
	c = ch(ORIENT_SYN);
	len = unhex(v_tls12[1].hex, buf, sizeof(buf));
	feed(c, DIR_S2C, buf, 30, 100);
	tls_end(c, DIR_S2C, 0, 100);
	tls_end(c, DIR_C2S, 0, 100);
	feed(c, DIR_S2C, buf + 30, len - 30, 101);
	tls_free(c);
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 5 && c->n_anoms == 0);
	done_conn(c);
	c = ch(ORIENT_SYN);
	feed(c, DIR_S2C, buf, 30, 100);
	tls_end(c, DIR_S2C, 0, 102);
	tls_free(c);
	CHECK(n_anom(c, ANOM_REC_INCOMPLETE) == 1 && c->anoms[0].frame == 102);
	done_conn(c);
	GROUP_END("record: a record split over frames, and over an end");
}

int
main(void)
{
	struct tls_opts o = { .max_hs_msg = LIM_HS_MSG };

	fix_init(&o);
	test_whole();
	test_chunks();
	test_truncated();
	test_oversized();
	test_bad();
	test_gap();
	test_resync_plausible();
	test_gap_in_record();
	test_heartbeat();
	test_ssl2();
	test_starttls();
	test_orient();
	test_alerts();
	test_split_frames();
	certstore_cleanup();
	return CHECK_EXIT();
}
