/*
 * test-quic.c: QUIC Initial packets (dissect/quic.c): the key derivation
 * and header protection vectors of RFC 9001, Appendix A and RFC 9369,
 * Appendix A; the RFC's server Initial opened; a ClientHello carried in
 * CRYPTO frames out of order, duplicated and over several Initials; Retry;
 * Version Negotiation and unknown versions; the caps; every prefix of a
 * packet.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "common/limits.h"
#include "dissect/crypto.h"
#include "dissect/hs.h"
#include "dissect/quic.h"
#include "dissect/quicint.h"
#include "dissect/tls.h"
#include "model/conn.h"

#include "check.h"
#include "tlsfix.h"

static uint8_t	buf[70000];

static bool
eqhex(const uint8_t *p, size_t len, const char *hex)
{
	uint8_t want[64];
	size_t n = unhex(hex, want, sizeof(want));

	return n == len && memcmp(p, want, n) == 0;
}

static void
dgram(struct conn *c, enum dir dir, const uint8_t *p, size_t len,
    uint32_t frame)
{
	struct cur cu;

	cur_init(&cu, p, len);
	quic_datagram(fix_ctx, c, dir, &cu, (uint64_t)frame * 1000,
	    frame);
}

/* RFC 9001, A.1 and RFC 9369, A.1: keys of DCID 0x8394c8f03e515708. */
static void
test_keys(void)
{
	static const uint8_t dcid[8] = { 0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51,
	    0x57, 0x08 };
	struct quic_keys k;

	CHECK(quic_initial_keys(1, dcid, 8, DIR_C2S, &k));
	CHECK(eqhex(k.key, 16, "1f369613dd76d5467730efcbe3b1a22d"));
	CHECK(eqhex(k.iv, 12, "fa044b2f42a3fd3b46fb255c"));
	CHECK(eqhex(k.hp, 16, "9f50449e04a0e810283a1e9933adedd2"));
	CHECK(quic_initial_keys(1, dcid, 8, DIR_S2C, &k));
	CHECK(eqhex(k.key, 16, "cf3a5331653c364c88f0f379b6067e37"));
	CHECK(eqhex(k.iv, 12, "0ac1493ca1905853b0bba03e"));
	CHECK(eqhex(k.hp, 16, "c206b8d9b9f0f37644430b490eeaa314"));

	CHECK(quic_initial_keys(0x6b3343cf, dcid, 8, DIR_C2S, &k));
	CHECK(eqhex(k.key, 16, "8b1a0bc121284290a29e0971b5cd045d"));
	CHECK(eqhex(k.iv, 12, "91f73e2351d8fa91660e909f"));
	CHECK(eqhex(k.hp, 16, "45b95e15235d6f45a6b19cbcb0294ba9"));
	CHECK(quic_initial_keys(0x6b3343cf, dcid, 8, DIR_S2C, &k));
	CHECK(eqhex(k.key, 16, "82db637861d55e1d011f19ea71d5d2a7"));
	CHECK(eqhex(k.iv, 12, "dd13c276499c0249d3310652"));
	CHECK(eqhex(k.hp, 16, "edf6d05c83121201b436e16877593c3a"));

	/*
	 * A reserved version (RFC 9000, 15) opens as draft-29 does: what
	 * ngtcp2 sends and tshark reads (pcaps/udp/quic-vn.pcap).
	 */
	{
		struct quic_keys k29;

		CHECK(quic_initial_keys(0x1a2a3a4a, dcid, 8, DIR_C2S, &k));
		CHECK(quic_initial_keys(0xff00001d, dcid, 8, DIR_C2S, &k29));
		CHECK(memcmp(k.key, k29.key, 16) == 0 &&
		    memcmp(k.hp, k29.hp, 16) == 0);
	}
	CHECK(!quic_initial_keys(0x0a0a0a0b, dcid, 8, DIR_C2S, &k));
	CHECK(quic_version_known(0xff00001d) && quic_version_known(0xff00001c));
	CHECK(!quic_version_known(0x51303530));
	GROUP_END("initial keys (RFC 9001 A.1, RFC 9369 A.1)");
}

/* RFC 9001, A.2 (AES) and A.5 (ChaCha20) header protection masks. */
static void
test_hp(void)
{
	uint8_t hp[32], smp[16], mask[16];

	unhex("9f50449e04a0e810283a1e9933adedd2", hp, sizeof(hp));
	unhex("d1b1c98dd7689fb8ec11d242b123dc9b", smp, sizeof(smp));
	CHECK(crypto_hp_mask(CC_AES128_GCM, hp, smp, mask));
	CHECK(eqhex(mask, 5, "437b9aec36"));
	unhex("25a282b9e82f06f21f488917a4fc8f1b"
	    "73573685608597d0efcb076b0ab7a7a4", hp, sizeof(hp));
	unhex("5e5cd55c41f69080575d7999c25a5bfb", smp, sizeof(smp));
	CHECK(crypto_hp_mask(CC_CHACHA20_POLY1305, hp, smp, mask));
	CHECK(eqhex(mask, 5, "aefefe7d03"));
	CHECK(!crypto_hp_mask(CC_AES128_CBC, hp, smp, mask));
	GROUP_END("header protection masks (RFC 9001 A.2, A.5)");
}

/* RFC 9001, A.3: the server's Initial, protected. */
static const char a3[] =
    "cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a"
    "5816b6394100f37a1c69797554780bb38cc5a99f5ede4cf73c3ec2493a1839b3"
    "dbcba3f6ea46c5b7684df3548e7ddeb9c3bf9c73cc3f3bded74b562bfb19fb84"
    "022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20398c276456cbc4"
    "2158407dd074ee";

/*
 * A client Initial to DCID 0x8394c8f03e515708 that does not open (its
 * payload is zeros): it fixes the original DCID the server keys come from.
 */
static const char fake_ch[] =
    "c300000001088394c8f03e51570800004018"
    "000000000000000000000000000000000000000000000000";

static void
test_server_initial(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	const struct event *e;
	size_t n;

	n = unhex(fake_ch, buf, sizeof(buf));
	dgram(c, DIR_C2S, buf, n, 1);
	CHECK(conn_quic(c)->packets[QP_INITIAL] == 1);
	CHECK(conn_quic(c)->undecryptable == 1);
	CHECK(n_anom(c, ANOM_QUIC_UNDECRYPTABLE) == 1);
	CHECK(conn_quic(c)->odcid_len == 8);
	n = unhex(a3, buf, sizeof(buf));
	CHECK(n == 135);
	dgram(c, DIR_S2C, buf, n, 2);
	CHECK(conn_quic(c)->packets[QP_INITIAL] == 2);
	CHECK(conn_quic(c)->undecryptable == 1);
	e = find_ev(c, EV_HANDSHAKE, HS_SERVER_HELLO);
	/* A.3: a ServerHello of 0x56 bytes, TLS_AES_128_GCM_SHA256 */
	CHECK(e != NULL && e->dir == DIR_S2C && e->len == 0x56 &&
	    e->frame == 2 && conn_ev_first(c, e) == 2);
	CHECK(c->n_hs == 1 && c->hs[0].suite == 0x1301);
	CHECK(conn_quic(c)->version == 1 && conn_quic(c)->known);
	CHECK(conn_quic(c)->crypto_frames == 1);
	done_conn(c);
	GROUP_END("server Initial (RFC 9001 A.3)");
}

/*
 * seal builds a protected v1 Initial of "dir" to "dcid" (8 bytes) with
 * packet number "pn" around "frames", padded to "pad" bytes of payload,
 * as RFC 9001, 5 says; it returns the packet's length.
 */
static size_t
seal(uint8_t *out, uint32_t version, const uint8_t *dcid, enum dir dir,
    uint32_t pn, const uint8_t *frames, size_t flen, size_t pad)
{
	struct quic_keys k;
	uint8_t nonce[12], mask[16], plain[2048];
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	size_t hdr, plen = flen > pad ? flen : pad, i;
	int n;
	uint8_t ptype = version == 0x6b3343cf ? 0x10 : 0x00;

	memset(plain, 0, sizeof(plain));
	memcpy(plain, frames, flen);
	(void)quic_initial_keys(version, dcid, 8, dir, &k);
	out[0] = 0xc3 | ptype;
	out[1] = version >> 24; out[2] = version >> 16;
	out[3] = version >> 8; out[4] = version;
	out[5] = 8;
	memcpy(out + 6, dcid, 8);
	out[14] = 0;			/* SCID length */
	out[15] = 0;			/* token length */
	out[16] = 0x40 | (uint8_t)((plen + 4 + 16) >> 8);
	out[17] = (uint8_t)(plen + 4 + 16);
	out[18] = pn >> 24; out[19] = pn >> 16; out[20] = pn >> 8;
	out[21] = pn;
	hdr = 22;
	memcpy(nonce, k.iv, 12);
	for (i = 0; i < 4; i++)
		nonce[11 - i] ^= (uint8_t)(pn >> (8 * i));
	EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, k.key, nonce);
	EVP_EncryptUpdate(ctx, NULL, &n, out, (int)hdr);
	EVP_EncryptUpdate(ctx, out + hdr, &n, plain, (int)plen);
	EVP_EncryptFinal_ex(ctx, out + hdr + plen, &n);
	EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out + hdr + plen);
	EVP_CIPHER_CTX_free(ctx);
	(void)crypto_hp_mask(CC_AES128_GCM, k.hp, out + 18 + 4, mask);
	out[0] ^= mask[0] & 0x0f;
	for (i = 0; i < 4; i++)
		out[18 + i] ^= mask[1 + i];
	return hdr + plen + 16;
}

static const uint8_t dcid1[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

/* crypto_frame writes a CRYPTO frame of "msg"[off..off+len). */
static size_t
crypto_frame(uint8_t *out, const uint8_t *msg, size_t off, size_t len)
{
	out[0] = 0x06;
	out[1] = 0x40 | (uint8_t)(off >> 8);
	out[2] = (uint8_t)off;
	out[3] = 0x40 | (uint8_t)(len >> 8);
	out[4] = (uint8_t)len;
	memcpy(out + 5, msg + off, len);
	return 5 + len;
}

/* The ClientHello of illtls13__capture (its first record, header cut). */
static size_t
client_hello(uint8_t *msg, size_t cap)
{
	size_t n = unhex(v_tls13[0].hex, buf, sizeof(buf));

	CHECK(n > 5 && n - 5 <= cap);
	memcpy(msg, buf + 5, n - 5);
	return n - 5;
}

/* ch_fields: what the ClientHello says, read back through the model. */
static void
check_ch(const struct conn *c, size_t mlen, uint32_t frame, uint32_t first)
{
	const struct event *e = find_ev(c, EV_HANDSHAKE, HS_CLIENT_HELLO);

	CHECK(e != NULL && e->dir == DIR_C2S && e->len == mlen - 4 &&
	    e->frame == frame && conn_ev_first(c, e) == first);
	CHECK(n_ev(c, EV_HANDSHAKE, HS_CLIENT_HELLO) == 1);
	CHECK(c->n_hs == 1 && (c->hs[0].flags & HSF_HAS_CH));
}

static void
test_reassembly(uint32_t version)
{
	static const uint8_t ping[1] = { 0x01 };
	uint8_t msg[4096], fr[4096], pkt[4096];
	size_t mlen = client_hello(msg, sizeof(msg)), a, b, fl, n;
	struct conn *c = new_conn(ORIENT_GUESS);

	/* three pieces, sent last, first, first again, middle */
	a = mlen / 3;
	b = 2 * mlen / 3;
	fl = crypto_frame(fr, msg, b, mlen - b);
	n = seal(pkt, version, dcid1, DIR_C2S, 0, fr, fl, 1200);
	dgram(c, DIR_C2S, pkt, n, 1);
	CHECK(find_ev(c, EV_HANDSHAKE, HS_CLIENT_HELLO) == NULL);
	fl = crypto_frame(fr, msg, 0, a);
	n = seal(pkt, version, dcid1, DIR_C2S, 1, fr, fl, 1200);
	dgram(c, DIR_C2S, pkt, n, 2);
	dgram(c, DIR_C2S, pkt, n, 3);
	CHECK(find_ev(c, EV_HANDSHAKE, HS_CLIENT_HELLO) == NULL);
	/* the middle, with a PING and a duplicate of the end, coalesced */
	fl = crypto_frame(fr, msg, a, b - a);
	fr[fl++] = 0x01;
	fl += crypto_frame(fr + fl, msg, b, mlen - b);
	n = seal(pkt, version, dcid1, DIR_C2S, 2, fr, fl, 100);
	n += seal(pkt + n, version, dcid1, DIR_C2S, 3, ping, 1, 100);
	dgram(c, DIR_C2S, pkt, n, 4);
	check_ch(c, mlen, 4, 2);
	CHECK(conn_quic(c)->packets[QP_INITIAL] == 5 &&
	    conn_quic(c)->coalesced == 1);
	CHECK(conn_quic(c)->undecryptable == 0 && c->n_anoms == 0);
	CHECK(c->hs[0].sni.len > 0);
	done_conn(c);
}

static void
test_crypto(void)
{
	test_reassembly(1);
	GROUP_END("CRYPTO out of order, duplicated, over Initials (v1)");
	test_reassembly(0x6b3343cf);
	GROUP_END("CRYPTO out of order, duplicated, over Initials (v2)");
}

/* A Retry moves the keys to its SCID (RFC 9001, 5.2). */
static void
test_retry(void)
{
	static const uint8_t dcid2[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
	uint8_t msg[4096], fr[4096], pkt[4096];
	size_t mlen = client_hello(msg, sizeof(msg)), fl, n;
	struct conn *c = new_conn(ORIENT_GUESS);
	/* Retry: type 3, v1, DCID 0, SCID 9999..., token, 16-byte tag */
	static const char retry[] = "f0000000010008090909090909090974"
	    "6f6b656e00112233445566778899aabbccddeeff";

	fl = crypto_frame(fr, msg, 0, mlen);
	n = seal(pkt, 1, dcid1, DIR_C2S, 0, fr, fl, 1200);
	dgram(c, DIR_C2S, pkt, n, 1);
	check_ch(c, mlen, 1, 1);
	n = unhex(retry, pkt, sizeof(pkt));
	dgram(c, DIR_S2C, pkt, n, 2);
	CHECK(conn_quic(c)->retry && conn_quic(c)->packets[QP_RETRY] == 1);
	/* the ClientHello again, whole, to the Retry's SCID */
	fl = crypto_frame(fr, msg, 0, mlen);
	n = seal(pkt, 1, dcid2, DIR_C2S, 1, fr, fl, 1200);
	dgram(c, DIR_C2S, pkt, n, 3);
	CHECK(conn_quic(c)->undecryptable == 0);
	/* SPEC.md: "dcid" is the original one, not the Retry's */
	CHECK(conn_quic(c)->odcid_len == 8 &&
	    memcmp(conn_quic(c)->odcid, dcid1, 8) == 0);
	/* RFC 9000, 17.2.5.2: the ClientHello again, from offset 0 */
	CHECK(n_ev(c, EV_HANDSHAKE, HS_CLIENT_HELLO) == 2);
	CHECK(c->n_ev >= 2 && c->ev[c->n_ev - 1].sub == HS_CLIENT_HELLO &&
	    c->ev[c->n_ev - 1].frame == 3 &&
	    conn_ev_first(c, &c->ev[c->n_ev - 1]) == 3);
	done_conn(c);
	GROUP_END("Retry: the second Initial uses the new DCID");
}

static void
test_vn_unknown(void)
{
	struct conn *c = new_conn(ORIENT_GUESS);
	static const char vn[] = "80000000000401020304000000000100000001";
	static const char unk[] = "c0515030350401020304000011223344";
	static const char bad[] = "c00000000115";
	size_t n;
	struct cur cu;

	n = unhex(vn, buf, sizeof(buf));
	cur_init(&cu, buf, n);
	CHECK(quic_plausible(&cu));
	dgram(c, DIR_S2C, buf, n, 1);
	CHECK(conn_quic(c)->vn && conn_quic(c)->packets[QP_VN] == 1);
	n = unhex(unk, buf, sizeof(buf));
	dgram(c, DIR_C2S, buf, n, 2);
	CHECK(conn_quic(c)->version == 0x51503035 && !conn_quic(c)->known);
	CHECK(conn_quic(c)->packets[QP_INITIAL] == 0 && c->n_anoms == 0);
	n = unhex(bad, buf, sizeof(buf));
	cur_init(&cu, buf, n);
	CHECK(!quic_plausible(&cu));
	dgram(c, DIR_C2S, buf, n, 3);
	CHECK(n_anom(c, ANOM_QUIC_PACKET_INVALID) == 1);
	/* a short header packet: counted */
	buf[0] = 0x40;
	dgram(c, DIR_C2S, buf, 30, 4);
	CHECK(conn_quic(c)->packets[QP_1RTT] == 1);
	done_conn(c);
	GROUP_END("Version Negotiation, unknown versions, short headers");
}

/* CONNECTION_CLOSE: code, frame type and reason. */
static void
test_close(void)
{
	static const uint8_t fr[] = { 0x1c, 0x41, 0x28, 0x06, 0x04,
	    'b', 'a', 'd', '!' };
	uint8_t pkt[2048];
	struct conn *c = new_conn(ORIENT_GUESS);
	size_t n;

	n = seal(pkt, 1, dcid1, DIR_C2S, 0, fr, sizeof(fr), 40);
	dgram(c, DIR_C2S, pkt, n, 1);
	CHECK(conn_quic(c)->closed && !conn_quic(c)->close_app);
	CHECK(conn_quic(c)->close_code == 0x128 &&
	    conn_quic(c)->close_ftype == 6);
	CHECK(conn_quic(c)->close_reason.len == 4 &&
	    memcmp(conn_quic(c)->close_reason.p, "bad!", 4) == 0);
	CHECK(conn_quic(c)->close_dir == DIR_C2S &&
	    conn_quic(c)->close_frame == 1);
	done_conn(c);
	GROUP_END("CONNECTION_CLOSE code and reason");
}

/* Caps: data past the stream cap, too many disjoint pieces. */
static void
test_caps(void)
{
	uint8_t fr[64], pkt[2048];
	struct conn *c = new_conn(ORIENT_GUESS);
	size_t n, fl, i;

	/* offset 2^20: past LIM_QUIC_CRYPTO */
	fl = 0;
	fr[fl++] = 0x06;
	fr[fl++] = 0x80; fr[fl++] = 0x10; fr[fl++] = 0x00; fr[fl++] = 0x00;
	fr[fl++] = 0x01; fr[fl++] = 0xaa;
	n = seal(pkt, 1, dcid1, DIR_C2S, 0, fr, fl, 40);
	dgram(c, DIR_C2S, pkt, n, 1);
	CHECK(n_anom(c, ANOM_QUIC_CRYPTO_CAP) == 1);
	done_conn(c);

	c = new_conn(ORIENT_GUESS);
	for (i = 0; i < LIM_QUIC_RANGES + 4; i++) {
		fl = 0;
		fr[fl++] = 0x06;
		fr[fl++] = 0x40 | (uint8_t)((10 + 4 * i) >> 8);
		fr[fl++] = (uint8_t)(10 + 4 * i);
		fr[fl++] = 0x01; fr[fl++] = 0xaa;
		n = seal(pkt, 1, dcid1, DIR_C2S, (uint32_t)i, fr, fl, 40);
		dgram(c, DIR_C2S, pkt, n, (uint32_t)i + 1);
	}
	CHECK(n_anom(c, ANOM_QUIC_CRYPTO_CAP) == 1);
	CHECK(conn_quic(c)->undecryptable == 0);
	done_conn(c);
	GROUP_END("CRYPTO caps");
}

/* Every prefix and a flipped bit of each byte: no crash, no read past. */
static void
test_prefixes(void)
{
	uint8_t msg[4096], fr[4096], pkt[4096], cp[4096];
	size_t mlen = client_hello(msg, sizeof(msg)), fl, n, i;
	struct conn *c;

	fl = crypto_frame(fr, msg, 0, mlen);
	n = seal(pkt, 1, dcid1, DIR_C2S, 0, fr, fl, 1200);
	for (i = 0; i <= n; i += (i < 64 ? 1 : 37)) {
		c = new_conn(ORIENT_GUESS);
		memcpy(cp, pkt, i);
		dgram(c, DIR_C2S, cp, i, 1);
		CHECK(i == n || find_ev(c, EV_HANDSHAKE, HS_CLIENT_HELLO) == NULL);
		done_conn(c);
	}
	for (i = 0; i < n; i += 7) {
		c = new_conn(ORIENT_GUESS);
		memcpy(cp, pkt, n);
		cp[i] ^= 0x10;
		dgram(c, DIR_C2S, cp, n, 1);
		done_conn(c);
	}
	GROUP_END("every prefix, flipped bits");
}

/*
 * RFC 9000, 18: quic_transport_parameters as (id, length, value) with
 * variable-length integers (RFC 9000, 16).
 */
static void
test_tp(void)
{
	/* max_idle_timeout 30000 (0x80007530), initial_source_connection_id
	 * 0x0102030405060708, a GREASE id 27+31 (0x3a) empty,
	 * initial_max_data 1048576 (0x80100000) */
	static const char tp[] = "010480007530" "0f080102030405060708"
	    "3a00" "040480100000";
	uint8_t tpb[64];
	size_t n = unhex(tp, tpb, sizeof(tpb)), i;
	struct conn *c = conn_new(1);
	struct quic_tps out;
	struct cur in;
	int bad = 0;

	memset(&out, 0, sizeof(out));
	cur_init(&in, tpb, n);
	CHECK(quic_tp_parse(c, &out, DIR_C2S, 1, &in));
	CHECK(out.n == 4);
	CHECK(out.v[0].id == 1 && out.v[0].is_int && out.v[0].value == 30000);
	CHECK(out.v[1].id == 15 && !out.v[1].is_int &&
	    out.v[1].bytes.len == 8 && out.v[1].bytes.p[7] == 8);
	CHECK(out.v[2].id == 0x3a && out.v[2].bytes.len == 0);
	CHECK(out.v[3].id == 4 && out.v[3].is_int &&
	    out.v[3].value == 1048576);
	/* every cut inside a parameter fails; at a boundary it parses */
	for (i = 0; i < n; i++) {
		bool at = i == 0 || i == 6 || i == 16 || i == 18;

		cur_init(&in, tpb, i);
		bad += quic_tp_parse(c, &out, DIR_C2S, 1, &in) != at;
	}
	CHECK(bad == 0);
	conn_free(c);
	GROUP_END("transport parameters (RFC 9000, 18)");
}

int
main(void)
{
	struct tls_opts o = { .max_hs_msg = 0 };

	fix_init(&o);
	test_keys();
	test_hp();
	test_server_initial();
	test_crypto();
	test_retry();
	test_vn_unknown();
	test_close();
	test_caps();
	test_prefixes();
	test_tp();
	return CHECK_EXIT();
}
