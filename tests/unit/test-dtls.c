/*
 * test-dtls.c: DTLS records and fragments (dissect/dtls.c): RFC 7983
 * demultiplexing, detection, whole handshakes of DTLS 1.2 (fragmented,
 * with a HelloVerifyRequest) and 1.3 (unified headers), fragments out of
 * order and duplicated, retransmissions, record number jumps, the caps,
 * and every prefix and bit flip of real datagrams.
 *
 * Expected messages, frames and directions are tshark's for the same
 * captures (their *.truth.jsonl): zeek__dtls1_2, illdtls__capture and
 * zeek__dtls-sequence-number-jumps.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/decrypt.h"
#include "dissect/dtls.h"
#include "dissect/fp.h"
#include "dissect/hs.h"
#include "dissect/keylog.h"
#include "dissect/tls.h"
#include "model/conn.h"
#include "common/buf.h"
#include "view/json.h"
#include "view/text.h"

#include "check.h"
#include "dtlsvec.h"
#include "tlsfix.h"

static uint8_t	buf[8192];

/* fp_is: fingerprint "got" is set and is "want". */
static bool
fp_is(const char *got, const char *want)
{
	return got != NULL && strcmp(got, want) == 0;
}

/* dgram hands one datagram to DTLS. */
static void
dgram(struct conn *c, enum dir dir, const uint8_t *p, size_t len,
    uint32_t frame)
{
	struct cur cu;

	cur_init(&cu, p, len);
	dtls_datagram(fix_ctx, c, dir, &cu, (uint64_t)frame * 1000,
	    frame);
}

static void
dgram_vec(struct conn *c, const struct vec *v)
{
	size_t len = unhex(v->hex, buf, sizeof(buf));

	dgram(c, v->dir, buf, len, v->frame);
}

static void
feed_all(struct conn *c, const struct vec *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dgram_vec(c, &v[i]);
}

/* hs_ev finds the "nth" (from 0) handshake event of "type" not resent. */
static const struct event *
hs_ev(const struct conn *c, uint8_t type, int nth)
{
	uint32_t i;

	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == EV_HANDSHAKE && c->ev[i].sub == type &&
		    !(c->ev[i].flags & EVF_RETRANS) && nth-- == 0)
			return &c->ev[i];
	return NULL;
}

static bool
ev_is(const struct conn *c, const struct event *e, enum dir dir,
    uint32_t first, uint32_t frame, uint32_t len)
{
	return e != NULL && e->dir == dir && e->frame == frame &&
	    (conn_ev_first(c, e) == first) && e->len == len;
}

static void
test_demux(void)
{
	static const struct { uint8_t b; enum dtls_demux want; } t[] = {
		{ 0, DMX_STUN }, { 1, DMX_STUN }, { 3, DMX_STUN },
		{ 4, DMX_OTHER }, { 16, DMX_ZRTP }, { 19, DMX_ZRTP },
		{ 20, DMX_DTLS }, { 22, DMX_DTLS }, { 0x2f, DMX_DTLS },
		{ 63, DMX_DTLS }, { 64, DMX_TURN }, { 79, DMX_TURN },
		{ 80, DMX_OTHER }, { 127, DMX_OTHER }, { 128, DMX_RTP },
		{ 191, DMX_RTP }, { 192, DMX_OTHER }, { 255, DMX_OTHER },
	};
	struct cur cu;
	size_t i, len, k;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cur_init(&cu, &t[i].b, 1);
		CHECK(dtls_demux(&cu) == t[i].want);
	}
	cur_init(&cu, NULL, 0);
	CHECK(dtls_demux(&cu) == DMX_OTHER);

	/* A ClientHello, a HelloVerifyRequest, a ServerHello start flows. */
	len = unhex(v_dtls12[0].hex, buf, sizeof(buf));
	cur_init(&cu, buf, len);
	CHECK(dtls_plausible(&cu));
	for (k = 0; k < 25; k++) {
		cur_init(&cu, buf, k);
		CHECK(!dtls_plausible(&cu));
	}
	len = unhex(v_dtls12[2].hex, buf, sizeof(buf));
	cur_init(&cu, buf, len);
	CHECK(dtls_plausible(&cu));
	len = unhex(v_dtls13[1].hex, buf, sizeof(buf));
	cur_init(&cu, buf, len);
	CHECK(dtls_plausible(&cu));
	/* Not: a ClientKeyExchange, a unified header, TLS over TCP. */
	len = unhex(v_dtls12[12].hex, buf, sizeof(buf));
	cur_init(&cu, buf, len);
	CHECK(!dtls_plausible(&cu));
	len = unhex(v_dtls13[2].hex, buf, sizeof(buf));
	cur_init(&cu, buf, len);
	CHECK(!dtls_plausible(&cu));
	len = unhex(v_tls12[0].hex, buf, sizeof(buf));
	cur_init(&cu, buf, len);
	CHECK(!dtls_plausible(&cu));
	/* A fragment longer than its message. */
	len = unhex(v_dtls12[0].hex, buf, sizeof(buf));
	buf[24] = 0xff;
	cur_init(&cu, buf, len);
	CHECK(!dtls_plausible(&cu));
	GROUP_END("demux and detection (RFC 7983)");
}

static void
test_dtls12(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	struct tls_hs *hs;

	feed_all(c, v_dtls12, n_dtls12);
	/* tshark: frame, direction, type; fragments from first to last */
	CHECK(ev_is(c, hs_ev(c, HS_CLIENT_HELLO, 0), DIR_C2S, 1, 2, 287));
	CHECK(ev_is(c, hs_ev(c, HS_HELLO_VERIFY_REQUEST, 0), DIR_S2C, 3, 3,
	    23));
	CHECK(ev_is(c, hs_ev(c, HS_CLIENT_HELLO, 1), DIR_C2S, 4, 5, 307));
	CHECK(ev_is(c, hs_ev(c, HS_SERVER_HELLO, 0), DIR_S2C, 6, 6, 57));
	CHECK(ev_is(c, hs_ev(c, HS_CERTIFICATE, 0), DIR_S2C, 6, 10, 874));
	CHECK(ev_is(c, hs_ev(c, HS_SERVER_KEY_EXCHANGE, 0), DIR_S2C, 10, 12,
	    329));
	CHECK(ev_is(c, hs_ev(c, HS_SERVER_HELLO_DONE, 0), DIR_S2C, 12, 12, 0));
	CHECK(ev_is(c, hs_ev(c, HS_CLIENT_KEY_EXCHANGE, 0), DIR_C2S, 13, 13,
	    66));
	CHECK(ev_is(c, hs_ev(c, HS_NEW_SESSION_TICKET, 0), DIR_S2C, 14, 14,
	    166));
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 9);
	CHECK(n_ev(c, EV_CCS, -1) == 2);
	CHECK(n_ev(c, EV_ENC_HANDSHAKE, -1) == 2);
	CHECK(n_ev(c, EV_ENC_ALERT, -1) == 1);
	CHECK(c->n_anoms == 0);
	CHECK(c->is_tls);
	CHECK(conn_dtls(c)->packets == 16);
	CHECK(conn_dtls(c)->cookie);
	CHECK(conn_dtls(c)->retransmits == 0 && conn_dtls(c)->replays == 0);
	CHECK(c->n_hs == 1);
	hs = &c->hs[0];
	CHECK((hs->flags & HSF_HVR) && (hs->flags & HSF_CH2));
	CHECK(hs->client_version == 0xfefd && hs->version == 0xfefd);
	CHECK(hs->record_version == 0xfefd);
	CHECK(hs->suite == 0xc030);
	CHECK(hs->suites_offered.n == 80);
	CHECK(hs->exts_offered.n == 5);
	CHECK(hs->n_certs == 1);
	CHECK(hs->flags & HSF_SKE_GROUP);
	CHECK(hs->flags & HSF_TICKET_ISSUED);
	CHECK(hs->flags & HSF_COMPLETE);
	/* tshark's dtls.handshake.ja3 / ja3s; JA4 by FoxIO's recipe from
	 * tshark's fields of the ClientHello */
	fp_compute(c, hs);
	CHECK(fp_is(conn_fp(hs)->ja3, "3c3d129780d0066cd8936a6291a8d44f"));
	CHECK(fp_is(conn_fp(hs)->ja3s, "953c1507994f72697446de4eff6e300b"));
	CHECK(fp_is(conn_fp(hs)->ja3s_full, "65277,49200,65281-11-35"));
	CHECK(fp_is(conn_fp(hs)->ja4, "dd2i800500_9cedc1f1428b_a1e935682795"));
	done_conn(c);
	GROUP_END("DTLS 1.2: fragments, HelloVerifyRequest, cookie");
}

/* The roles guessed wrong: the ClientHello flips the connection. */
static void
test_flip(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	struct vec v;
	uint16_t from;
	size_t i;

	/* The client sends from port 443, the server from 50000; each
	 * datagram's direction is read from the connection, as the UDP
	 * flow table does. */
	for (i = 0; i < n_dtls12; i++) {
		v = v_dtls12[i];
		from = v.dir == DIR_C2S ? 443 : 50000;
		v.dir = from == c->cli.port ? DIR_C2S : DIR_S2C;
		dgram_vec(c, &v);
	}
	CHECK(c->orient == ORIENT_HELLO);
	CHECK(c->cli.port == 443);
	CHECK(ev_is(c, hs_ev(c, HS_CLIENT_HELLO, 0), DIR_C2S, 1, 2, 287));
	CHECK(ev_is(c, hs_ev(c, HS_CERTIFICATE, 0), DIR_S2C, 6, 10, 874));
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 9);
	CHECK(c->n_hs == 1 && (c->hs[0].flags & HSF_COMPLETE));
	CHECK(c->n_anoms == 0);
	done_conn(c);
	GROUP_END("orientation from the first hello");
}

/* The Certificate's fragments (frames 6-10) reordered and duplicated. */
static void
test_reorder(void)
{
	static const size_t order[] = { 0, 1, 2, 3, 4, 5, 9, 8, 7, 7, 6, 10,
	    11, 12, 13, 14, 15 };
	struct conn *c = new_conn(ORIENT_GUESS);
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		dgram_vec(c, &v_dtls12[order[i]]);
	CHECK(ev_is(c, hs_ev(c, HS_CERTIFICATE, 0), DIR_S2C, 6, 7, 874));
	CHECK(n_ev(c, EV_HANDSHAKE, HS_CERTIFICATE) == 1);
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 9);
	CHECK(c->n_hs == 1 && c->hs[0].n_certs == 1);
	/* frame 8 twice: the same record number, not a new sending */
	CHECK(conn_dtls(c)->replays == 1);
	CHECK(conn_dtls(c)->retransmits == 0);
	CHECK(c->n_anoms == 0);
	done_conn(c);
	GROUP_END("fragments out of order and duplicated");
}

/* The views: a DTLS connection's JSON object, and a flight sent again
 * shown once with its count, each sending with -v. */
static void
test_views(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	struct text_opts o;
	struct buf b;
	size_t i;

	dgram_vec(c, &v_dtls12[0]);
	dgram_vec(c, &v_dtls12[1]);
	dgram_vec(c, &v_dtls12[0]);
	dgram_vec(c, &v_dtls12[1]);
	for (i = 1; i < n_dtls12; i++)
		dgram_vec(c, &v_dtls12[i]);
	buf_init(&b);
	json_emit_conn(&b, c);
	CHECK(strstr(buf_str(&b), ":443\",\"transport\":\"dtls\",") != NULL);
	CHECK(strstr(buf_str(&b), "\"tcp\"") == NULL);
	CHECK(strstr(buf_str(&b), "\"dtls\":{\"packets\":19,") != NULL);
	CHECK(strstr(buf_str(&b), "\"retransmits\":1,") != NULL);
	CHECK(strstr(buf_str(&b), "\"cookie\":true") != NULL);
	CHECK(strstr(buf_str(&b), "\"type\":\"hello_verify_request\"") != NULL);
	CHECK(strstr(buf_str(&b), "\"sent\":2") != NULL);
	CHECK(strstr(buf_str(&b), "\"retransmitted\":true") != NULL);
	buf_cleanup(&b);

	memset(&o, 0, sizeof(o));
	buf_init(&b);
	text_emit_conn(&b, c, &o);
	CHECK(strstr(buf_str(&b), "x2") != NULL);
	CHECK(strstr(buf_str(&b), "(retransmitted)") == NULL);
	buf_cleanup(&b);
	o.verbose = 1;
	buf_init(&b);
	text_emit_conn(&b, c, &o);
	CHECK(strstr(buf_str(&b), "(retransmitted)") != NULL);
	buf_cleanup(&b);
	done_conn(c);
	GROUP_END("views: the dtls object, a flight shown once");
}

/* The client's first flight and the server's last sent again. */
static void
test_retrans(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	const struct event *e;
	size_t i;

	dgram_vec(c, &v_dtls12[0]);
	dgram_vec(c, &v_dtls12[1]);
	dgram_vec(c, &v_dtls12[0]);
	dgram_vec(c, &v_dtls12[1]);
	dgram_vec(c, &v_dtls12[0]);
	for (i = 1; i < n_dtls12; i++)
		dgram_vec(c, &v_dtls12[i]);
	dgram_vec(c, &v_dtls12[13]);
	dgram_vec(c, &v_dtls12[14]);
	e = hs_ev(c, HS_CLIENT_HELLO, 0);
	CHECK(ev_is(c, e, DIR_C2S, 1, 2, 287));
	/* sent three times: again in four datagrams */
	CHECK(e != NULL && conn_ev_count(c, e) == 3);
	CHECK(n_ev(c, EV_HANDSHAKE, HS_CLIENT_HELLO) == 2 + 4);
	CHECK(conn_dtls(c)->retransmits == 2 + 3);
	/* NewSessionTicket, CCS and the sealed Finished again */
	e = hs_ev(c, HS_NEW_SESSION_TICKET, 0);
	CHECK(e != NULL && conn_ev_count(c, e) == 2);
	CHECK(n_ev(c, EV_CCS, -1) == 3);
	CHECK(n_ev(c, EV_ENC_HANDSHAKE, -1) == 3);
	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == EV_CCS && c->ev[i].dir == DIR_S2C)
			break;
	CHECK(i < c->n_ev && conn_ev_count(c, &c->ev[i]) == 2 &&
	    !(c->ev[i].flags & EVF_RETRANS));
	CHECK(c->n_hs == 1 && (c->hs[0].flags & HSF_COMPLETE));
	CHECK(n_anom(c, ANOM_HS_UNEXPECTED) == 0);
	done_conn(c);
	GROUP_END("retransmitted messages and flights");
}

static void
test_jumps(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);

	feed_all(c, v_dtlsjump, n_dtlsjump);
	CHECK(ev_is(c, hs_ev(c, HS_CLIENT_HELLO, 0), DIR_C2S, 1, 3, 81));
	CHECK(ev_is(c, hs_ev(c, HS_SERVER_HELLO, 0), DIR_S2C, 4, 4, 46));
	CHECK(n_anom(c, ANOM_DTLS_SEQ_JUMP) == 2);
	CHECK(conn_dtls(c)->seq_jumps == 2);
	CHECK(c->n_anoms == 2);
	done_conn(c);
	GROUP_END("record number jumps");
}

static void
test_dtls13(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	struct tls_hs *hs;

	feed_all(c, v_dtls13, n_dtls13);
	CHECK(ev_is(c, hs_ev(c, HS_CLIENT_HELLO, 0), DIR_C2S, 1, 1, 145));
	CHECK(ev_is(c, hs_ev(c, HS_SERVER_HELLO, 0), DIR_S2C, 2, 2, 86));
	/* epoch 2: frames 3-6 from the server, 7 from the client */
	CHECK(n_ev(c, EV_ENC_HANDSHAKE, -1) == 5);
	CHECK(conn_dtls(c)->unified);
	CHECK(conn_dtls(c)->records == 11);
	CHECK(c->n_hs == 1);
	hs = &c->hs[0];
	CHECK(hs->version == 0xfefc);
	CHECK(hs->suite == 0x1301);
	CHECK(hs->flags & HSF_COMPLETE);
	CHECK(c->n_anoms == 0);
	fp_compute(c, hs);
	CHECK(fp_is(conn_fp(hs)->ja3_full,
	    "65277,4865-4866-4867,51-43-13-22-10,29,"));
	CHECK(fp_is(conn_fp(hs)->ja3, "a8e674b659403926e0fc263a59eff1cf"));
	CHECK(fp_is(conn_fp(hs)->ja3s, "c2c89a8b10ca74ec5a350a59fb762fb6"));
	CHECK(fp_is(conn_fp(hs)->ja4, "dd3i030500_55b375c5d22e_06a427f2011b"));
	done_conn(c);
	GROUP_END("DTLS 1.3: unified headers");
}

/*
 * illdtls__capture.keys (dtls.xargs.org), its application secrets under
 * the standard labels (the file names them without "_0").
 */
static const char illdtls_keys[] =
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1"
    "f2f3f4f5f6f7f8f9fafbfcfdfeff 33e472fb8d821b0193314626bebee307ccbd1a"
    "eb3d3a17ba468888ffc5246da1\n"
    "SERVER_HANDSHAKE_TRAFFIC_SECRET e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1"
    "f2f3f4f5f6f7f8f9fafbfcfdfeff 8ad7990b9d249bcbaa0805d8d3f3ad2259e75f"
    "3a42c5d84db3ea3c6ee57b3d38\n"
    "CLIENT_TRAFFIC_SECRET_0 e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5"
    "f6f7f8f9fafbfcfdfeff a9185352f61134f1d24eaa4a930fff2edca40ce8c064208"
    "48deb27699e9baf2c\n"
    "SERVER_TRAFFIC_SECRET_0 e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5"
    "f6f7f8f9fafbfcfdfeff 4ab12ae4022fc013eca21abb071e13aa24a150e3876c660"
    "fe0ed10a8eebd8f17\n";

static void
test_decrypt13(void)
{
	struct keylog *kl = keylog_new();
	struct conn *c;
	char bad[sizeof(illdtls_keys)], *p;
	uint32_t i;

	keylog_add_text(kl, "illdtls", illdtls_keys, strlen(illdtls_keys));
	CHECK(keylog_n_diags(kl) == 0);
	fix_keylog(kl);
	c = new_conn(ORIENT_GUESS);
	feed_all(c, v_dtls13, n_dtls13);
	/* dtls.xargs.org: the server's flight in frames 3-6, the client's
	 * Finished in 7, an ACK in 8, data each way, close_notify. */
	CHECK(ev_is(c, hs_ev(c, HS_ENCRYPTED_EXTENSIONS, 0), DIR_S2C, 3, 3, 18));
	CHECK(ev_is(c, hs_ev(c, HS_CERTIFICATE, 0), DIR_S2C, 4, 4, 814));
	CHECK(ev_is(c, hs_ev(c, HS_CERTIFICATE_VERIFY, 0), DIR_S2C, 5, 5, 260));
	CHECK(ev_is(c, hs_ev(c, HS_FINISHED, 0), DIR_S2C, 6, 6, 32));
	CHECK(ev_is(c, hs_ev(c, HS_FINISHED, 1), DIR_C2S, 7, 7, 32));
	for (i = 2; i < c->n_ev; i++)
		CHECK(c->ev[i].flags & EVF_DECRYPTED);
	CHECK(n_ev(c, EV_APPDATA, -1) == 2);
	CHECK(n_ev(c, EV_ALERT, 1) == 1);
	CHECK(n_ev(c, EV_ENC_HANDSHAKE, -1) == 0);
	CHECK(c->n_ev == 10);
	CHECK(c->n_hs == 1 && (c->hs[0].flags & HSF_DECRYPTED) &&
	    (c->hs[0].flags & HSF_COMPLETE) && c->hs[0].n_certs == 1);
	CHECK(c->n_anoms == 0);
	done_conn(c);
	fix_keylog(NULL);
	keylog_free(kl);

	/* A wrong server secret: one anomaly, the server's flight sealed. */
	memcpy(bad, illdtls_keys, sizeof(bad));
	p = strstr(bad, " 8ad7990b");
	CHECK(p != NULL);
	if (p != NULL)
		p[1] = '9';
	kl = keylog_new();
	keylog_add_text(kl, "bad", bad, strlen(bad));
	fix_keylog(kl);
	c = new_conn(ORIENT_GUESS);
	feed_all(c, v_dtls13, n_dtls13);
	CHECK(n_anom(c, ANOM_DECRYPT_FAIL) == 1);
	CHECK(c->n_anoms == 1);
	CHECK(n_ev(c, EV_ENC_HANDSHAKE, -1) == 4);
	CHECK(ev_is(c, hs_ev(c, HS_FINISHED, 0), DIR_C2S, 7, 7, 32));
	done_conn(c);
	fix_keylog(NULL);
	keylog_free(kl);
	GROUP_END("DTLS 1.3 decrypted with the key log");
}

/* STUN and RTP datagrams between DTLS ones are passed over. */
static void
test_mux(void)
{
	static const uint8_t stun[] = { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12,
	    0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	static const uint8_t rtp[] = { 0x80, 0x60, 0x00, 0x01, 0, 0, 0, 0 };
	struct conn *c = new_conn(ORIENT_GUESS);
	size_t i;

	dgram(c, DIR_C2S, stun, sizeof(stun), 100);
	for (i = 0; i < n_dtls12; i++) {
		dgram_vec(c, &v_dtls12[i]);
		dgram(c, v_dtls12[i].dir, i % 2 ? rtp : stun,
		    i % 2 ? sizeof(rtp) : sizeof(stun), 200 + (uint32_t)i);
	}
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 9);
	CHECK(conn_dtls(c)->demuxed == n_dtls12 + 1);
	CHECK(conn_dtls(c)->packets == 2 * n_dtls12 + 1);
	CHECK(c->n_anoms == 0);
	done_conn(c);
	GROUP_END("DTLS multiplexed with STUN and RTP");
}

/* record writes a DTLS 1.2 handshake record of one fragment. */
static size_t
frag(uint8_t *o, uint16_t rseq, uint8_t type, uint32_t len, uint16_t mseq,
    uint32_t off, uint32_t flen)
{
	size_t n = 0, i;

	o[n++] = 22;
	o[n++] = 0xfe;
	o[n++] = 0xfd;
	o[n++] = 0;
	o[n++] = 0;
	for (i = 0; i < 4; i++)
		o[n++] = 0;
	o[n++] = (uint8_t)(rseq >> 8);
	o[n++] = (uint8_t)rseq;
	o[n++] = (uint8_t)((12 + flen) >> 8);
	o[n++] = (uint8_t)(12 + flen);
	o[n++] = type;
	o[n++] = (uint8_t)(len >> 16);
	o[n++] = (uint8_t)(len >> 8);
	o[n++] = (uint8_t)len;
	o[n++] = (uint8_t)(mseq >> 8);
	o[n++] = (uint8_t)mseq;
	o[n++] = (uint8_t)(off >> 16);
	o[n++] = (uint8_t)(off >> 8);
	o[n++] = (uint8_t)off;
	o[n++] = (uint8_t)(flen >> 16);
	o[n++] = (uint8_t)(flen >> 8);
	o[n++] = (uint8_t)flen;
	memset(o + n, 0x5a, flen);
	return n + flen;
}

static void
test_caps(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	uint8_t o[2048];
	uint32_t i;
	size_t n;

	/* A flood of partial messages: LIM_DTLS_MSGS held, the rest not. */
	for (i = 0; i < 1000; i++) {
		n = frag(o, (uint16_t)i, HS_CERTIFICATE, 60000, (uint16_t)i,
		    100, 100);
		dgram(c, DIR_S2C, o, n, i + 1);
	}
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 0);
	CHECK(c->n_anoms + c->anoms_dropped == 1000 - LIM_DTLS_MSGS);
	done_conn(c);

	/* Bytes held: messages as large as allowed stop at the cap. */
	c = new_conn(ORIENT_GUESS);
	for (i = 0; i < LIM_DTLS_MSGS; i++) {
		n = frag(o, (uint16_t)i, HS_CERTIFICATE, LIM_HS_MSG,
		    (uint16_t)i, 0, 10);
		dgram(c, DIR_S2C, o, n, i + 1);
	}
	CHECK(n_anom(c, ANOM_DTLS_FRAG_CAP) ==
	    LIM_DTLS_MSGS - LIM_DTLS_REASM / LIM_HS_MSG);
	done_conn(c);

	/* Too many pieces: one byte in two. */
	c = new_conn(ORIENT_GUESS);
	for (i = 0; i < 100; i++) {
		n = frag(o, (uint16_t)i, HS_CERTIFICATE, 1000, 0, i * 2, 1);
		dgram(c, DIR_S2C, o, n, i + 1);
	}
	CHECK(n_anom(c, ANOM_DTLS_FRAG_CAP) >= 1);
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 0);
	done_conn(c);

	/* The same pieces in any order, overlapping, make the message. */
	c = new_conn(ORIENT_GUESS);
	n = frag(o, 1, HS_SERVER_HELLO_DONE + 100, 300, 0, 200, 100);
	dgram(c, DIR_S2C, o, n, 1);
	n = frag(o, 2, HS_SERVER_HELLO_DONE + 100, 300, 0, 0, 150);
	dgram(c, DIR_S2C, o, n, 2);
	CHECK(n_ev(c, EV_HANDSHAKE, -1) == 0);
	n = frag(o, 3, HS_SERVER_HELLO_DONE + 100, 300, 0, 100, 150);
	dgram(c, DIR_S2C, o, n, 3);
	CHECK(ev_is(c, hs_ev(c, HS_SERVER_HELLO_DONE + 100, 0), DIR_S2C, 1, 3,
	    300));
	CHECK(c->n_anoms == 0);
	done_conn(c);
	GROUP_END("caps on fragments");
}

static void
test_bad(void)
{
	struct conn *c;
	uint8_t o[256];
	size_t n, len, k, i, bit;

	/* A fragment beyond its message; one contradicting an earlier. */
	c = new_conn(ORIENT_GUESS);
	n = frag(o, 0, HS_CERTIFICATE, 50, 0, 40, 20);
	dgram(c, DIR_S2C, o, n, 1);
	CHECK(n_anom(c, ANOM_DTLS_FRAG_INVALID) == 1);
	n = frag(o, 1, HS_CERTIFICATE, 50, 0, 0, 20);
	dgram(c, DIR_S2C, o, n, 2);
	n = frag(o, 2, HS_CERTIFICATE, 60, 0, 20, 20);
	dgram(c, DIR_S2C, o, n, 3);
	CHECK(n_anom(c, ANOM_DTLS_FRAG_INVALID) == 2);
	/* A fragment header cut by its record. */
	n = frag(o, 3, HS_CERTIFICATE, 50, 0, 20, 20);
	o[12] = 5;
	dgram(c, DIR_S2C, o, 18, 4);
	CHECK(n_anom(c, ANOM_DTLS_FRAG_INVALID) == 3);
	/* A record longer than its datagram; a version not DTLS's. */
	n = frag(o, 4, HS_CERTIFICATE, 50, 0, 20, 20);
	dgram(c, DIR_S2C, o, n - 1, 5);
	CHECK(n_anom(c, ANOM_REC_INCOMPLETE) == 1);
	o[2] = 0x03;
	o[1] = 0x03;
	dgram(c, DIR_S2C, o, n, 6);
	CHECK(n_anom(c, ANOM_REC_INVALID) == 1);
	done_conn(c);
	/* the message left partial is reported at the end */
	GROUP_END("bad fragments and records");

	/* Every prefix of every datagram, alone and after the rest. */
	for (i = 0; i < n_dtls12; i++) {
		len = unhex(v_dtls12[i].hex, buf, sizeof(buf));
		for (k = 0; k < len; k++) {
			c = new_conn(ORIENT_GUESS);
			dgram(c, v_dtls12[i].dir, buf, k, 1);
			done_conn(c);
		}
	}
	/* Deterministic bit flips over the whole handshake. */
	for (bit = 0; bit < 8 * 228; bit += 7) {
		c = new_conn(ORIENT_GUESS);
		for (i = 0; i < n_dtls12; i++) {
			len = unhex(v_dtls12[i].hex, buf, sizeof(buf));
			if (bit / 8 < len)
				buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			dgram(c, v_dtls12[i].dir, buf, len, (uint32_t)i + 1);
		}
		for (i = 0; i < n_dtls13; i++) {
			len = unhex(v_dtls13[i].hex, buf, sizeof(buf));
			if (bit / 8 < len)
				buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			dgram(c, v_dtls13[i].dir, buf, len, (uint32_t)i + 1);
		}
		CHECK(c->n_ev <= LIM_EVENTS_PER_CONN);
		done_conn(c);
	}
	GROUP_END("every prefix, bit flips");
}

int
main(void)
{
	struct tls_opts o;

	memset(&o, 0, sizeof(o));
	fix_init(&o);
	test_demux();
	test_dtls12();
	test_flip();
	test_reorder();
	test_retrans();
	test_views();
	test_jumps();
	test_dtls13();
	test_decrypt13();
	test_mux();
	test_caps();
	test_bad();
	return CHECK_EXIT();
}
