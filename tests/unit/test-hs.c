/*
 * test-hs.c: handshake messages (dissect/hs.c, dissect/hello.c):
 * reassembly over records and deliveries, several messages per record,
 * every prefix of the hellos and of a Certificate, contradictory lengths,
 * HelloRetryRequest, the size cap, renegotiation and resumption.
 *
 * Vectors: TCP payloads of the "illustrated" TLS 1.2 and 1.3 connections
 * (tls12.xargs.org, tls13.xargs.org) and of Zeek's hrr.pcap.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/tls.h"
#include "model/certstore.h"
#include "model/conn.h"

#include "check.h"
#include "tlsfix.h"

static uint8_t	buf[8192];

/* zeek__hrr.pcap: frame, direction, TCP payload (hex) */
static const struct vec v_hrr[] = {
	{ 4, DIR_C2S,
	    "16030100e7010000e3030330f1903e37d4f598a70d696a9172b296c96852c9da"
	    "e4a3c9ca6b49d2021668a1201a6bb8368add0e28015bd6cced648236f49e2407"
	    "f19653ac1fdd1ffa48bfaecd000813021303130100ff01000092000b00040300"
	    "0102000a00080006001500170018002300000016000000170000000d001e001c"
	    "040305030603080708080809080a080b080408050806040105010601002b0003"
	    "020304002d000201010033003f003d0015003904742beee2f40d71fd7de442c4"
	    "829450b081225514e22c5d87b47fc5958bccc7ff69835d7731166b62e92de516"
	    "b8af90fe45cbb056ce364f40" },
	{ 6, DIR_S2C,
	    "1603030058020000540303cf21ad74e59a6111be1d8c021e65b891c2a211167a"
	    "bb8c5e079e09e2c8a8339c201a6bb8368add0e28015bd6cced648236f49e2407"
	    "f19653ac1fdd1ffa48bfaecd130200000c002b00020304003300020017140303"
	    "000101" },
	{ 8, DIR_C2S,
	    "14030300010116030300ef010000eb030330f1903e37d4f598a70d696a9172b2"
	    "96c96852c9dae4a3c9ca6b49d2021668a1201a6bb8368add0e28015bd6cced64"
	    "8236f49e2407f19653ac1fdd1ffa48bfaecd000813021303130100ff0100009a"
	    "000b000403000102000a00080006001500170018002300000016000000170000"
	    "000d001e001c040305030603080708080809080a080b08040805080604010501"
	    "0601002b0003020304002d000201010033004700450017004104770706eba5d9"
	    "0622e4115a2843afeba4b1f4ed9b39eb099398580d4ee221f81d794dc569ecc7"
	    "d73a27bebd24490423234aa153cb870dbd2ce5a7583e6cbc3d01" },
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static uint8_t	out[16384];

/* record wraps "body" in records of "type" of at most "max" bytes. */
static size_t
record(uint8_t *o, uint8_t type, const uint8_t *body, size_t len, size_t max)
{
	size_t n = 0, off, k;

	for (off = 0; off < len; off += k) {
		k = len - off < max ? len - off : max;
		o[n++] = type;
		o[n++] = 3;
		o[n++] = 3;
		o[n++] = (uint8_t)(k >> 8);
		o[n++] = (uint8_t)k;
		memcpy(o + n, body + off, k);
		n += k;
	}
	return n;
}

/* msg writes a handshake header claiming "claim" bytes, then "body". */
static size_t
msg(uint8_t *o, uint8_t type, uint32_t claim, const uint8_t *body,
    size_t len)
{
	o[0] = type;
	o[1] = (uint8_t)(claim >> 16);
	o[2] = (uint8_t)(claim >> 8);
	o[3] = (uint8_t)claim;
	memcpy(o + 4, body, len);
	return 4 + len;
}

/* feed_msg sends one handshake message in one record. */
static void
feed_msg(struct conn *c, enum dir dir, uint8_t type, uint32_t claim,
    const uint8_t *body, size_t len, uint32_t frame)
{
	static uint8_t m[16384], r[17000];
	size_t n;

	n = msg(m, type, claim, body, len);
	n = record(r, 22, m, n, 16384);
	feed(c, dir, r, n, frame);
}

static void
test_tls12(void)
{
	struct conn *c = new_conn(ORIENT_SYN);
	static const uint8_t types[] = { 1, 2, 11, 12, 14, 16 };
	static const uint32_t lens[] = { 161, 45, 811, 296, 0, 33 };
	const struct tls_hs *hs;
	uint32_t i, k = 0;

	feed_vecs(c, v_tls12, n_tls12, 0);
	CHECK(c->n_anoms == 0);
	for (i = 0; i < c->n_ev && k < N(types); i++) {
		if (c->ev[i].type != EV_HANDSHAKE)
			continue;
		CHECK(c->ev[i].sub == types[k] && c->ev[i].len == lens[k]);
		CHECK(c->ev[i].frame == (k == 0 ? 5u : k < 5 ? 7u : 9u));
		k++;
	}
	CHECK(k == N(types));
	CHECK(n_ev(c, EV_CCS, -1) == 2 && n_ev(c, EV_ENC_HANDSHAKE, -1) == 2);
	CHECK(n_ev(c, EV_ENC_ALERT, -1) == 1);
	hs = &c->hs[0];
	CHECK(hs->version == 0x0303 && hs->suite == 0xc013);
	CHECK(hs->group == 0x001d && (hs->flags & HSF_SKE_GROUP));
	CHECK(hs->ske_sig_alg == 0x0401);
	CHECK(hs->n_certs == 1 && hs->certs_source == CERTS_CLEARTEXT);
	CHECK((hs->flags & HSF_COMPLETE) && !(hs->flags & HSF_RESUMED));
	CHECK(hs->t_start == 5000 && hs->t_done == 11000);
	done_conn(c);
	GROUP_END("hs: TLS 1.2, several messages per record");
}

/* hsbytes concatenates the bodies of the records of vector "v". */
static size_t
hsbytes(const struct vec *v, uint8_t *o)
{
	size_t len = unhex(v->hex, buf, sizeof(buf)), n = 0;
	struct cur cu, r;

	cur_init(&cu, buf, len);
	while (cur_skip(&cu, 3) && cur_get_u16_prefixed(&cu, &r)) {
		len = cur_len(&r);
		cur_copy(&r, o + n, len);
		n += len;
	}
	return n;
}

/* body_of copies the body of message "skip" (from 0) of vector "v". */
static size_t
body_of(const struct vec *v, uint8_t *o, size_t skip)
{
	static uint8_t all[4096];
	size_t len = hsbytes(v, all);
	struct cur cu, m;

	cur_init(&cu, all, len);
	while (skip-- > 0) {
		cur_skip(&cu, 1);
		cur_get_u24_prefixed(&cu, &m);
	}
	cur_skip(&cu, 1);
	cur_get_u24_prefixed(&cu, &m);
	len = cur_len(&m);
	cur_copy(&m, o, len);
	return len;
}

/* reframe: the server flight's handshake bytes in records of "k" bytes. */
static void
test_reframe(void)
{
	static const size_t ks[] = { 1, 2, 3, 5, 100, 1000 };
	uint8_t flight[2048];
	size_t flen, off, rl, i, j, n;
	struct conn *c;
	const struct event *e;

	flen = hsbytes(&v_tls12[1], flight);
	for (i = 0; i < N(ks); i++) {
		c = new_conn(ORIENT_SYN);
		feed_vecs(c, v_tls12, 1, 0);
		/* Each record in its own frame, 1000 + index. */
		for (off = 0, j = 0; off < flen; off += ks[i], j++) {
			n = flen - off < ks[i] ? flen - off : ks[i];
			rl = record(out, 22, flight + off, n, 16384);
			feed(c, DIR_S2C, out, rl, (uint32_t)(1000 + j));
		}
		CHECK(c->n_anoms == 0 && n_ev(c, EV_HANDSHAKE, -1) == 5);
		e = find_ev(c, EV_HANDSHAKE, 11);
		/* Certificate: bytes 49 .. 49+815-1 of the flight. */
		CHECK(e != NULL && e->len == 811 &&
		    conn_ev_first(c, e) == 1000 + 49 / ks[i] &&
		    e->frame == 1000 + (49 + 815 - 1) / ks[i]);
		CHECK(c->hs[0].n_certs == 1 && c->hs[0].group == 0x001d);
		done_conn(c);
	}
	GROUP_END("hs: messages split over records of 1..1000 bytes");
}

static void
test_prefixes(void)
{
	static uint8_t ch[1024], sh[1024], crt[2048], sh12[64];
	size_t chl, shl, crtl, sh12l, p, ok_at;
	struct conn *c;
	const struct event *e;
	bool anom;

	chl = body_of(&v_tls13[0], ch, 0);
	/* 2 + 32 + 1 + 32 + 2 + 8 + 1 + 1: then extensions are optional. */
	ok_at = 79;
	for (p = 0; p < chl; p++) {
		c = new_conn(ORIENT_SYN);
		feed_msg(c, DIR_C2S, 1, (uint32_t)p, ch, p, 5);
		anom = n_anom(c, ANOM_CH_INVALID) == 1;
		e = find_ev(c, EV_HANDSHAKE, 1);
		CHECK(e != NULL && e->len == p);
		CHECK(p == ok_at ? !anom && c->n_anoms == 0 : anom);
		CHECK(e != NULL && !!(e->flags & EVF_BAD) == (p != ok_at));
		done_conn(c);
	}
	shl = body_of(&v_tls13[1], sh, 0);
	for (p = 0; p < shl; p++) {
		c = new_conn(ORIENT_SYN);
		feed_vecs(c, v_tls13, 1, 0);
		feed_msg(c, DIR_S2C, 2, (uint32_t)p, sh, p, 7);
		/* 2 + 32 + 1 + 32 + 2 + 1: a valid extensionless hello. */
		CHECK(n_anom(c, ANOM_SH_INVALID) == (p == 70 ? 0u : 1u));
		done_conn(c);
	}
	crtl = body_of(&v_tls12[1], crt, 1);
	sh12l = body_of(&v_tls12[1], sh12, 0);
	CHECK(crtl == 811 && sh12l == 45);
	for (p = 0; p < crtl; p++) {
		c = new_conn(ORIENT_SYN);
		feed_vecs(c, v_tls12, 1, 0);
		feed_msg(c, DIR_S2C, 2, (uint32_t)sh12l, sh12, sh12l, 7);
		feed_msg(c, DIR_S2C, 11, (uint32_t)p, crt, p, 7);
		CHECK(n_anom(c, ANOM_CERT_INVALID) == 1 && c->n_anoms == 1);
		CHECK(c->hs[0].n_certs == 0);
		done_conn(c);
	}
	GROUP_END("hs: every prefix of ClientHello, ServerHello, Certificate");
}

static void
test_lengths(void)
{
	static uint8_t crt[2048];
	uint8_t m[64];
	size_t crtl, n;
	struct conn *c;

	/* A message claiming more than arrives: incomplete at the end. */
	c = new_conn(ORIENT_SYN);
	feed_vecs(c, v_tls12, 1, 0);
	memset(m, 0, sizeof(m));
	feed_msg(c, DIR_S2C, 2, 60, m, 20, 7);
	CHECK(n_ev(c, EV_HANDSHAKE, 2) == 0);
	tls_end(c, DIR_S2C, 0, 8);
	tls_free(c);
	CHECK(n_anom(c, ANOM_HS_INCOMPLETE) == 1);
	CHECK(n_anom(c, ANOM_REC_INCOMPLETE) == 0);
	done_conn(c);

	/* certificate_list longer than the message, entry longer than list. */
	crtl = body_of(&v_tls12[1], crt, 1);
	c = new_conn(ORIENT_SYN);
	feed_vecs(c, v_tls12, 2, 0);
	crt[2]++;
	feed_msg(c, DIR_S2C, 11, (uint32_t)crtl, crt, crtl, 8);
	crt[2]--;
	crt[5]++;
	feed_msg(c, DIR_S2C, 11, (uint32_t)crtl, crt, crtl, 9);
	crt[5]--;
	CHECK(n_anom(c, ANOM_CERT_INVALID) == 2);
	/* A bad DER entry: parsed framing, anomaly from cert_parse. */
	crt[6] = 0x99;
	feed_msg(c, DIR_S2C, 11, (uint32_t)crtl, crt, crtl, 10);
	CHECK(n_anom(c, ANOM_CERT_PARSE) == 1);
	/* session_id of 33 bytes. */
	n = 0;
	m[n++] = 3;
	m[n++] = 3;
	memset(m + n, 0, 32);
	n += 32;
	m[n++] = 33;
	feed_msg(c, DIR_C2S, 1, (uint32_t)n, m, n, 11);
	CHECK(n_anom(c, ANOM_CH_INVALID) == 1);
	done_conn(c);
	GROUP_END("hs: contradictory lengths");
}

static void
test_hrr(void)
{
	struct conn *c = new_conn(ORIENT_SYN);
	const struct event *e;
	const struct tls_hs *hs;
	uint32_t nsuites, nexts;

	feed_vecs(c, v_hrr, 1, 0);
	nsuites = c->hs[0].suites_offered.n;
	nexts = c->hs[0].exts_offered.n;
	feed_vecs(c, v_hrr + 1, N(v_hrr) - 1, 0);
	e = find_ev(c, EV_HANDSHAKE, 2);
	CHECK(e != NULL && (e->flags & EVF_HRR) && e->len == 84);
	hs = &c->hs[0];
	CHECK(c->n_hs == 1);
	CHECK((hs->flags & HSF_HRR) && (hs->flags & HSF_HAS_HRR_GROUP) &&
	    hs->hrr_group == 23);
	CHECK(hs->flags & HSF_CH2);
	CHECK(!(hs->flags & HSF_HAS_SH));
	CHECK(n_ev(c, EV_HANDSHAKE, 1) == 2);
	CHECK(hs->suites_offered.n == nsuites && hs->exts_offered.n == nexts);
	CHECK(n_anom(c, ANOM_HS_UNEXPECTED) == 0);
	CHECK(n_ev(c, EV_CCS, -1) == 2);
	done_conn(c);
	GROUP_END("hs: HelloRetryRequest and the second ClientHello");
}

static void
test_cap(void)
{
	struct tls_opts o = { .max_hs_msg = 300 };
	struct conn *c, *d;
	const struct event *e;

	fix_init(&o);
	c = new_conn(ORIENT_SYN);
	feed_vecs(c, v_tls12, 2, 0);
	CHECK(n_anom(c, ANOM_HS_TOO_LARGE) == 1);
	e = find_ev(c, EV_HANDSHAKE, 11);
	CHECK(e != NULL && (e->flags & EVF_BAD) && e->len == 811);
	CHECK(n_ev(c, EV_HANDSHAKE, 12) == 1 && n_ev(c, EV_HANDSHAKE, 14) == 1);
	CHECK(c->hs[0].n_certs == 0 && c->hs[0].group == 0x001d);
	/* The same, byte by byte. */
	d = new_conn(ORIENT_SYN);
	feed_vecs(d, v_tls12, 2, 1);
	CHECK(same_events(c, d));
	done_conn(c);
	done_conn(d);
	o.max_hs_msg = LIM_HS_MSG;
	fix_init(&o);
	GROUP_END("hs: a message over the cap is skipped");
}

static void
test_bytewise12(void)
{
	struct conn *a = new_conn(ORIENT_SYN), *b = new_conn(ORIENT_SYN);

	feed_vecs(a, v_tls12, n_tls12, 0);
	feed_vecs(b, v_tls12, n_tls12, 1);
	CHECK(same_events(a, b));
	CHECK(b->hs[0].flags & HSF_COMPLETE);
	done_conn(a);
	done_conn(b);
	GROUP_END("hs: 1-byte deliveries of a TLS 1.2 handshake");
}

static void
test_reneg(void)
{
	static const uint8_t hello_req[] = { 22, 3, 3, 0, 4, 0, 0, 0, 0 };
	struct conn *c = new_conn(ORIENT_SYN);

	feed_vecs(c, v_tls12, 2, 0);
	feed(c, DIR_S2C, hello_req, sizeof(hello_req), 8);
	feed_vecs(c, v_tls12, 1, 0);
	CHECK(c->n_hs == 2);
	CHECK(c->ev[c->n_ev - 1].sub == 1 && c->ev[c->n_ev - 1].hs_idx == 1);
	CHECK(c->hs[1].flags & HSF_HAS_CH);
	CHECK(c->hs[0].suite == 0xc013 && !(c->hs[1].flags & HSF_HAS_SH));
	done_conn(c);
	GROUP_END("hs: renegotiation after a HelloRequest");
}

static void
test_resume(void)
{
	static const uint8_t ccs[] = { 20, 3, 3, 0, 1, 1 };
	uint8_t sh[128];
	size_t n = 0;
	struct conn *c;

	/* TLS 1.2 ServerHello echoing the ClientHello's session id. */
	sh[n++] = 3;
	sh[n++] = 3;
	memset(sh + n, 0x11, 32);
	n += 32;
	sh[n++] = 32;
	n += unhex("e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
	    sh + n, 32);
	sh[n++] = 0xc0;
	sh[n++] = 0x2f;
	sh[n++] = 0;
	c = new_conn(ORIENT_SYN);
	feed_vecs(c, v_tls13, 1, 0);
	feed_msg(c, DIR_S2C, 2, (uint32_t)n, sh, n, 7);
	CHECK(c->hs[0].flags & HSF_RESUMED);
	CHECK(c->hs[0].version == 0x0303 && c->n_anoms == 0);
	done_conn(c);

	/* Another id, but ChangeCipherSpec right after: abbreviated. */
	sh[40] ^= 1;
	c = new_conn(ORIENT_SYN);
	feed_vecs(c, v_tls13, 1, 0);
	feed_msg(c, DIR_S2C, 2, (uint32_t)n, sh, n, 7);
	CHECK(!(c->hs[0].flags & HSF_RESUMED));
	feed(c, DIR_S2C, ccs, sizeof(ccs), 8);
	CHECK(c->hs[0].flags & HSF_RESUMED);
	done_conn(c);
	GROUP_END("hs: TLS 1.2 resumption");
}

/*
 * RFC 4492, 5.4: ServerKeyExchange with explicit curve parameters, those
 * of secp256r1 and sect163k1 (SEC 2, 2.4.2 and 3.2.1), then the point,
 * SignatureAndHashAlgorithm rsa_pkcs1_sha256 and a 16-byte signature.
 */
static const char ske_prime[] =
    "01" "20ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
    "20ffffffff00000001000000000000000000000000fffffffffffffffffffffffc"
    "205ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"
    "41046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
    "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"
    "20ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
    "0101"
    "41046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
    "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"
    "0401" "0010" "000102030405060708090a0b0c0d0e0f";
static const char ske_char2[] =
    "02" "00a3" "01" "0103" "0106" "0107" "0101" "0101"
    "2b0402fe13c0537bbc11acaa07d793de4e6d5e5c94eee8"
    "0289070fb05d38ff58321f2e800536d538ccdaa3d9"
    "1504000000000000000000020108a2e0cc0d99f8a5ef" "0102"
    "2b0402fe13c0537bbc11acaa07d793de4e6d5e5c94eee8"
    "0289070fb05d38ff58321f2e800536d538ccdaa3d9"
    "0401" "0010" "000102030405060708090a0b0c0d0e0f";

/* ske_explicit: ClientHello, a ServerHello choosing ECDHE-RSA (0xc013),
 * then "ske" cut to "cut" bytes (0: whole); the handshake's anomalies. */
static struct conn *
ske_explicit(const char *ske, size_t cut)
{
	static const uint8_t sh_tail[] = { 0, 0xc0, 0x13, 0 };
	uint8_t sh[2 + 32 + 4], b[1024];
	struct conn *c = new_conn(ORIENT_SYN);
	size_t n = unhex(ske, b, sizeof(b));

	memset(sh, 0x11, sizeof(sh));
	sh[0] = 3;
	sh[1] = 3;
	memcpy(sh + 34, sh_tail, sizeof(sh_tail));
	feed_vecs(c, v_tls12, 1, 0);
	feed_msg(c, DIR_S2C, 2, sizeof(sh), sh, sizeof(sh), 7);
	if (cut != 0)
		n = cut;
	feed_msg(c, DIR_S2C, 12, (uint32_t)n, b, n, 7);
	return c;
}

static void
test_ske_explicit(void)
{
	struct conn *c;

	c = ske_explicit(ske_prime, 0);
	CHECK(c->n_anoms == 0);
	CHECK(c->hs[0].group == 0xff01 && (c->hs[0].flags & HSF_SKE_GROUP));
	CHECK(c->hs[0].ske_sig_alg == 0x0401);
	done_conn(c);
	c = ske_explicit(ske_char2, 0);
	CHECK(c->n_anoms == 0);
	CHECK(c->hs[0].group == 0xff02 && c->hs[0].ske_sig_alg == 0x0401);
	done_conn(c);
	/* cut inside the curve, the point and the signature */
	c = ske_explicit(ske_prime, 100);
	CHECK(n_anom(c, ANOM_SKE_INVALID) == 1 && c->hs[0].ske_sig_alg == 0);
	done_conn(c);
	c = ske_explicit(ske_char2, 30);
	CHECK(n_anom(c, ANOM_SKE_INVALID) == 1);
	done_conn(c);
	c = ske_explicit(ske_char2, 130);
	CHECK(n_anom(c, ANOM_SKE_INVALID) == 1);
	done_conn(c);
	GROUP_END("hs: ServerKeyExchange with explicit curves (RFC 4492)");
}

int
main(void)
{
	struct tls_opts o = { .max_hs_msg = LIM_HS_MSG };

	fix_init(&o);
	test_tls12();
	test_reframe();
	test_prefixes();
	test_lengths();
	test_hrr();
	test_cap();
	test_bytewise12();
	test_reneg();
	test_resume();
	test_ske_explicit();
	certstore_cleanup();
	return CHECK_EXIT();
}
