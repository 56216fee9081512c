/*
 * hello.c: ClientHello and ServerHello (RFC 8446, 4.1.2-4.1.4; RFC 5246,
 * 7.4.1), and the SSLv2 hellos (draft-hickman-netscape-ssl-00; RFC 5246,
 * E.2).
 */
#include "dissect/hello.h"

#include <string.h>

#include "common/limits.h"
#include "dissect/cert.h"
#include "dissect/ext.h"
#include "dissect/suite.h"

/* RFC 8446, 4.1.3: SHA-256("HelloRetryRequest"). */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c
};
/* RFC 8446, 4.1.3: downgrade sentinels, the last 8 bytes of the random. */
static const uint8_t downgrd12[8] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D', 1 };
static const uint8_t downgrd11[8] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D', 0 };

static void	hello_suites(struct conn *, struct tls_hs *, enum dir,
		    uint32_t, struct cur *);
static struct hs_randoms *hello_randoms(const struct tls_state *,
		    struct tls_hs *);

/*
 * hello_randoms returns where "hs" keeps the hellos' randoms, made on
 * need, or NULL when the dissector has no key log: only decryption reads
 * them (keys.c), and the key log is known before the first packet
 * (secrets.c), so without one they need no room.
 */
static struct hs_randoms *
hello_randoms(const struct tls_state *st, struct tls_hs *hs)
{
	if (st == NULL || st->ctx->keylog == NULL)
		return NULL;
	if (hs->randoms == NULL)
		hs->randoms = x_calloc(1, sizeof(*hs->randoms));
	return hs->randoms;
}

static void
hello_suites(struct conn *c, struct tls_hs *hs, enum dir dir,
    uint32_t frame, struct cur *l)
{
	uint32_t i;

	if (!ext_u16list(c, dir, frame, l, &hs->suites_offered))
		conn_anom(c, dir, frame, ANOM_CH_INVALID,
		    "cipher_suites length is odd");
	for (i = 0; i < hs->suites_offered.n; i++) {
		if (hs->suites_offered.v[i] == TLS_FALLBACK_SCSV)
			hs->flags |= HSF_FALLBACK_SCSV;
		if (hs->suites_offered.v[i] == TLS_EMPTY_RENEGOTIATION_SCSV)
			hs->flags |= HSF_RENEG_INFO;
	}
}

/*
 * RFC 8446, 4.1.2:
 *	struct {
 *	    ProtocolVersion legacy_version = 0x0303;
 *	    Random random;
 *	    opaque legacy_session_id<0..32>;
 *	    CipherSuite cipher_suites<2..2^16-2>;
 *	    opaque legacy_compression_methods<1..2^8-1>;
 *	    Extension extensions<8..2^16-1>;
 *	} ClientHello;
 * Extensions are optional before TLS 1.3 (RFC 5246, 7.4.1.2).
 */
bool
hello_parse_client(struct conn *c, struct tls_state *st, struct tls_hs *hs,
    enum dir dir, uint32_t frame, const struct cur *b)
{
	struct cur m = *b, sid, cookie, suites, comp, exts;
	struct hs_randoms *r;
	uint8_t v, rnd[32];
	bool ok;

	ok = cur_get_u16(&m, &hs->client_version) &&
	    cur_copy(&m, rnd, sizeof(rnd));
	if (ok && (r = hello_randoms(st, hs)) != NULL)
		memcpy(r->client, rnd, sizeof(rnd));
	if (!ok || !cur_get_u8_prefixed(&m, &sid) || cur_len(&sid) > 32) {
		conn_anom(c, dir, frame, ANOM_CH_INVALID,
		    "version, random or session_id overruns (%zu bytes)",
		    cur_len(b));
		return false;
	}
	hs->session_id_len = (uint8_t)cur_len(&sid);
	cur_copy(&sid, hs->session_id, hs->session_id_len);
	/* RFC 6347, 4.2.1: DTLS adds opaque cookie<0..2^8-1>; here. */
	if (st->dtls && !cur_get_u8_prefixed(&m, &cookie)) {
		conn_anom(c, dir, frame, ANOM_CH_INVALID,
		    "cookie overruns the ClientHello");
		return false;
	}
	if (st->dtls && cur_len(&cookie) > 0)
		conn_udp(c)->dtls.cookie = true;
	if (!cur_get_u16_prefixed(&m, &suites) || cur_len(&suites) < 2) {
		conn_anom(c, dir, frame, ANOM_CH_INVALID,
		    "cipher_suites overruns or is empty");
		return false;
	}
	hello_suites(c, hs, dir, frame, &suites);
	if (!cur_get_u8_prefixed(&m, &comp) || cur_len(&comp) < 1) {
		conn_anom(c, dir, frame, ANOM_CH_INVALID,
		    "compression_methods overruns or is empty");
		return false;
	}
	if (conn_u8list(c, &hs->compressions_offered, (uint32_t)cur_len(&comp)))
		while (cur_get_u8(&comp, &v))
			hs->compressions_offered.v[hs->compressions_offered.n++]
			    = v;
	if (cur_len(&m) == 0)
		return true;
	if (!cur_get_u16_prefixed(&m, &exts)) {
		conn_anom(c, dir, frame, ANOM_CH_INVALID,
		    "extensions length overruns the message");
		return false;
	}
	if (!ext_parse_block(c, st, hs, dir, frame, EXT_IN_CH, &exts,
	    &hs->exts_offered))
		return false;
	if (cur_len(&m) != 0) {
		conn_anom(c, dir, frame, ANOM_HS_TRAILING,
		    "%zu bytes after the ClientHello extensions", cur_len(&m));
		return false;
	}
	return true;
}

/*
 * RFC 8446, 4.1.3:
 *	struct {
 *	    ProtocolVersion legacy_version = 0x0303;
 *	    Random random;
 *	    opaque legacy_session_id_echo<0..32>;
 *	    CipherSuite cipher_suite;
 *	    uint8 legacy_compression_method = 0;
 *	    Extension extensions<6..2^16-1>;
 *	} ServerHello;
 * Drafts up to 21 (version 0x7fNN here) had no session id and no
 * compression method (draft-ietf-tls-tls13-21, 4.1.3).
 */
bool
hello_parse_server(struct conn *c, struct tls_state *st, struct tls_hs *hs,
    enum dir dir, uint32_t frame, const struct cur *b, bool *is_hrr)
{
	struct cur m = *b, sid, exts;
	struct hs_randoms *r;
	uint8_t rnd[32], comp = 0;
	uint16_t ver, suite;
	bool draft, echo;
	const struct suite *s;

	*is_hrr = false;
	if (!cur_get_u16(&m, &ver) || !cur_copy(&m, rnd, sizeof(rnd))) {
		conn_anom(c, dir, frame, ANOM_SH_INVALID,
		    "version or random overruns (%zu bytes)", cur_len(b));
		return false;
	}
	draft = (ver >> 8) == 0x7f || (ver >> 8) == 0x7e;
	cur_init(&sid, NULL, 0);
	if ((!draft && !cur_get_u8_prefixed(&m, &sid)) ||
	    cur_len(&sid) > 32 || !cur_get_u16(&m, &suite) ||
	    (!draft && !cur_get_u8(&m, &comp))) {
		conn_anom(c, dir, frame, ANOM_SH_INVALID,
		    "session_id, cipher_suite or compression overruns");
		return false;
	}
	if (memcmp(rnd, hrr_random, sizeof(rnd)) == 0) {
		/* RFC 8446, 4.1.4: a HelloRetryRequest. */
		*is_hrr = true;
		hs->flags |= HSF_HRR;
		st->tls13 = true;
		if (cur_len(&m) > 0 && (!cur_get_u16_prefixed(&m, &exts) ||
		    !ext_parse_block(c, st, hs, dir, frame, EXT_IN_HRR, &exts,
		    NULL))) {
			conn_anom(c, dir, frame, ANOM_SH_INVALID,
			    "HelloRetryRequest extensions overrun");
			return false;
		}
		return true;
	}
	hs->server_version = ver;
	if ((r = hello_randoms(st, hs)) != NULL)
		memcpy(r->server, rnd, sizeof(rnd));
	hs->suite = suite;
	hs->compression = comp;
	hs->flags |= HSF_HAS_SH | HSF_HAS_SUITE;
	hs->version = 0;
	if (cur_len(&m) > 0) {
		if (!cur_get_u16_prefixed(&m, &exts)) {
			conn_anom(c, dir, frame, ANOM_SH_INVALID,
			    "extensions length overruns the message");
		} else {
			ext_parse_block(c, st, hs, dir, frame, EXT_IN_SH, &exts,
			    &hs->exts_chosen);
			if (cur_len(&m) != 0)
				conn_anom(c, dir, frame, ANOM_HS_TRAILING,
				    "%zu bytes after the ServerHello "
				    "extensions", cur_len(&m));
		}
	}
	/* RFC 8446, 4.2.1: supported_versions overrides legacy_version. */
	if (hs->version == 0)
		hs->version = ver;
	/* DTLS versions count down: the TLS version each is based on. */
	st->version = state_version(st, hs->version);
	st->tls13 = state_is_tls13(st->version);
	if (memcmp(rnd + 24, downgrd12, 8) == 0 ||
	    memcmp(rnd + 24, downgrd11, 8) == 0)
		hs->flags |= HSF_DOWNGRADE;
	echo = cur_len(&sid) > 0 && cur_len(&sid) == hs->session_id_len &&
	    cur_equal(&sid, hs->session_id, hs->session_id_len);
	if (st->tls13) {
		st->sh13 = true;
		s = suite_find(suite);
		st->fin_hash_len = s != NULL && s->hash == H_SHA384 ? 48 : 32;
		/* RFC 6655, 3: CCM_8 suites carry an 8-byte tag. */
		st->fin_tag_len = s != NULL && (s->enc == ENC_AES128_CCM8 ||
		    s->enc == ENC_AES256_CCM8) ? 8 : 16;
	} else {
		/* RFC 5246, 7.4.1.3: an echoed session id resumes. */
		if (echo)
			hs->flags |= HSF_RESUMED;
		st->sh_next = true;
	}
	return cur_len(&m) == 0;
}

/*
 * draft-hickman-netscape-ssl-00, appendix A; RFC 5246, E.2:
 *	uint8 msg_type;			(1)
 *	Version version;
 *	uint16 cipher_spec_length;	(a multiple of 3)
 *	uint16 session_id_length;	(0 or 16)
 *	uint16 challenge_length;	(16..32)
 *	V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
 *	opaque session_id[V2ClientHello.session_id_length];
 *	opaque challenge[V2ClientHello.challenge_length];
 */
bool
hello_parse_ssl2_client(struct conn *c, struct tls_hs *hs, enum dir dir,
    uint32_t frame, const struct cur *b)
{
	struct cur m = *b, specs, sid, chal;
	struct hs_randoms *r;
	uint16_t slen, idlen, clen;
	uint32_t n, i, spec;
	uint8_t type;

	if (!cur_get_u8(&m, &type) || !cur_get_u16(&m, &hs->client_version) ||
	    !cur_get_u16(&m, &slen) || !cur_get_u16(&m, &idlen) ||
	    !cur_get_u16(&m, &clen) || slen % 3 != 0 || idlen > 32 ||
	    clen < 16 || clen > 32 || !cur_get_bytes(&m, &specs, slen) ||
	    !cur_get_bytes(&m, &sid, idlen) ||
	    !cur_get_bytes(&m, &chal, clen)) {
		conn_anom(c, dir, frame, ANOM_SSL2_INVALID,
		    "CLIENT-HELLO lengths overrun (%zu bytes)", cur_len(b));
		return false;
	}
	hs->flags |= HSF_SSL2_CH | HSF_HAS_CH;
	hs->record_version = 0x0002;
	hs->session_id_len = (uint8_t)idlen;
	cur_copy(&sid, hs->session_id, idlen);
	/* RFC 5246, E.2: the challenge is the right end of the random. */
	if ((r = hello_randoms(c->dis, hs)) != NULL)
		cur_copy(&chal, r->client + (32 - clen), clen);
	n = slen / 3;
	hs->ssl2_specs = arena_alloc(&c->arena, (size_t)n * sizeof(uint32_t));
	if (hs->ssl2_specs == NULL ||
	    !conn_u16list(c, &hs->suites_offered, n)) {
		conn_anom(c, dir, frame, ANOM_MEM_CAP, "cipher specs dropped");
		hs->ssl2_specs = NULL;
		return true;
	}
	for (i = 0; i < n && cur_get_u24(&specs, &spec); i++) {
		hs->ssl2_specs[hs->ssl2_n_specs++] = spec;
		/* RFC 5246, E.2: specs with a zero first byte are suites. */
		if ((spec >> 16) == 0 && hs->suites_offered.n < LIM_LIST) {
			hs->suites_offered.v[hs->suites_offered.n++] =
			    (uint16_t)spec;
			if (spec == TLS_FALLBACK_SCSV)
				hs->flags |= HSF_FALLBACK_SCSV;
			if (spec == TLS_EMPTY_RENEGOTIATION_SCSV)
				hs->flags |= HSF_RENEG_INFO;
		}
	}
	if (cur_len(&m) != 0)
		conn_anom(c, dir, frame, ANOM_SSL2_INVALID,
		    "%zu bytes after the CLIENT-HELLO", cur_len(&m));
	return cur_len(&m) == 0;
}

/*
 * draft-hickman-netscape-ssl-00, appendix A:
 *	char MSG-SERVER-HELLO		(4)
 *	char SESSION-ID-HIT
 *	char CERTIFICATE-TYPE
 *	char SERVER-VERSION-MSB, SERVER-VERSION-LSB
 *	char CERTIFICATE-LENGTH-MSB, -LSB
 *	char CIPHER-SPECS-LENGTH-MSB, -LSB
 *	char CONNECTION-ID-LENGTH-MSB, -LSB
 *	char CERTIFICATE-DATA[]
 *	char CIPHER-SPECS-DATA[]
 *	char CONNECTION-ID-DATA[]
 */
bool
hello_parse_ssl2_server(struct conn *c, struct tls_hs *hs, enum dir dir,
    uint32_t frame, const struct cur *b)
{
	struct cur m = *b, crt, specs, cid;
	uint16_t ver, certlen, slen, cidlen;
	uint8_t type, hit, ctype;
	struct cert *x;
	const char *err = NULL;

	if (!cur_get_u8(&m, &type) || !cur_get_u8(&m, &hit) ||
	    !cur_get_u8(&m, &ctype) || !cur_get_u16(&m, &ver) ||
	    !cur_get_u16(&m, &certlen) || !cur_get_u16(&m, &slen) ||
	    !cur_get_u16(&m, &cidlen) || slen % 3 != 0 ||
	    !cur_get_bytes(&m, &crt, certlen) ||
	    !cur_get_bytes(&m, &specs, slen) ||
	    !cur_get_bytes(&m, &cid, cidlen)) {
		conn_anom(c, dir, frame, ANOM_SSL2_INVALID,
		    "SERVER-HELLO lengths overrun (%zu bytes)", cur_len(b));
		return false;
	}
	hs->flags |= HSF_HAS_SH;
	hs->server_version = ver;
	hs->version = 0x0002;
	if (hit)
		hs->flags |= HSF_RESUMED;
	/* CERTIFICATE-TYPE 1 is SSL_X509_CERTIFICATE. */
	if (certlen > 0 && ctype == 1) {
		hs->certs_source = CERTS_CLEARTEXT;
		if ((x = cert_parse(cur_data(&crt), cur_len(&crt), &err)) ==
		    NULL)
			conn_anom(c, dir, frame, ANOM_CERT_PARSE, "%s",
			    err != NULL ? err : "unparsable certificate");
		else
			conn_add_cert(c, hs, false, x);
	}
	return true;
}
