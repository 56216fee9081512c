/*
 * hs.c: handshake message reassembly and the parsers of the messages other
 * than the hellos (RFC 8446, 4.3-4.6; RFC 5246, 7.4; RFC 6066, 8;
 * RFC 5077, 3.3; RFC 8422, 5.4).
 *
 * A message is buffered only when it is split over records; a message in
 * one record is parsed in place. The message event's "len" is the body
 * length (the u24 of the header, tshark's tls.handshake.length); its
 * frame is the one that completed the record holding the message's last
 * byte, its first_frame the one that began the record holding its first.
 */
#include "dissect/hs.h"

#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/cert.h"
#include "dissect/keys.h"
#include "dissect/ext.h"
#include "dissect/hello.h"
#include "dissect/suite.h"

#define HS_HDR_LEN	4

static void	hs_message(struct conn *, struct tls_state *, enum dir *,
		    struct cur *, uint32_t, uint32_t, uint64_t);
static struct tls_hs *hs_client_hello(struct conn *, struct tls_state *,
		    enum dir, uint32_t, uint64_t, const struct cur *, uint8_t *);
static void	hs_server_hello(struct conn *, struct tls_state *,
		    struct tls_hs *, enum dir, uint32_t, const struct cur *,
		    uint8_t *);
static bool	hs_certificate(struct conn *, struct tls_state *,
		    struct tls_hs *, enum dir, uint32_t, uint64_t,
		    const struct cur *);
static bool	hs_ec_params(struct cur *, uint16_t *);
static bool	hs_server_key_exchange(struct conn *, struct tls_state *,
		    struct tls_hs *, enum dir, uint32_t, const struct cur *);
static bool	hs_certificate_request(struct conn *, struct tls_state *,
		    struct tls_hs *, enum dir, uint32_t, const struct cur *);
static bool	hs_new_session_ticket(struct conn *, struct tls_state *,
		    struct tls_hs *, enum dir, uint32_t, const struct cur *);
static bool	hs_certificate_status(struct conn *, struct tls_hs *,
		    enum dir, uint32_t, const struct cur *);
static bool	hs_hello_verify(struct conn *, struct tls_hs *, enum dir,
		    uint32_t, const struct cur *);
static bool	hs_empty(struct conn *, enum dir, uint32_t, const struct cur *,
		    uint8_t);
static void	hs_add_cert(struct conn *, struct tls_hs *, enum dir,
		    uint32_t, const struct cur *);

struct event *
hs_event(struct conn *c, struct tls_state *st, enum dir dir, uint8_t type,
    uint64_t ts, uint32_t first, uint32_t frame, uint32_t len)
{
	struct event *e;

	if ((e = conn_add_event(c, (uint8_t)dir, type, ts, frame, len)) ==
	    NULL)
		return NULL;
	conn_ev_set_first(c, e, first);
	e->hs_idx = (uint8_t)(st->cur_hs > 255 ? 255 : st->cur_hs);
	if (st->rec_dec)
		e->flags |= EVF_DECRYPTED;
	return e;
}

void
hs_finished(struct conn *c, struct tls_state *st, enum dir dir, uint64_t ts)
{
	struct tls_hs *hs;

	st->d[dir].finished = true;
	if (!st->d[DIR_C2S].finished || !st->d[DIR_S2C].finished ||
	    (hs = state_hs(c, st)) == NULL || (hs->flags & HSF_FAILED))
		return;
	if (!(hs->flags & HSF_COMPLETE)) {
		hs->flags |= HSF_COMPLETE;
		hs->t_done = ts;
	}
}

void
hs_server_next(struct conn *c, struct tls_state *st, bool resumed)
{
	struct tls_hs *hs;

	if (!st->sh_next)
		return;
	st->sh_next = false;
	if (resumed && (hs = state_hs(c, st)) != NULL)
		hs->flags |= HSF_RESUMED;
}

/*
 * RFC 8446, 4:
 *	struct {
 *	    HandshakeType msg_type;
 *	    uint24 length;
 *	    select (Handshake.msg_type) { ... };
 *	} Handshake;
 * RFC 8446, 5.1: messages may be split over records and coalesced into
 * one record.
 */
void
hs_feed(struct conn *c, struct tls_state *st, enum dir *dirp, struct cur *b,
    uint32_t first, uint32_t frame, uint64_t ts)
{
	struct tls_dir *d;
	struct cur peek, msg;
	struct event *e;
	uint8_t type = 0;
	uint32_t len = 0;
	size_t take, want;

	/* Each turn consumes at least one byte of "b". */
	while (cur_len(b) > 0) {
		d = &st->d[*dirp];
		if (d->hskip > 0) {
			take = cur_len(b) < d->hskip ? cur_len(b) : d->hskip;
			cur_skip(b, take);
			d->hskip -= (uint32_t)take;
			if (d->hskip == 0 && (e = hs_event(c, st, *dirp,
			    EV_HANDSHAKE, ts, d->hfirst, frame,
			    d->hskip_len)) != NULL) {
				e->sub = d->hskip_type;
				e->flags |= EVF_BAD;
			}
			continue;
		}
		if (d->hlen == 0) {
			peek = *b;
			if (cur_get_u8(&peek, &type) && cur_get_u24(&peek, &len)) {
				if (len > st->max_hs_msg) {
					conn_anom(c, *dirp, frame,
					    ANOM_HS_TOO_LARGE,
					    "handshake type %u of %u bytes",
					    type, len);
					cur_skip(b, HS_HDR_LEN);
					d->hskip = len;
					d->hskip_len = len;
					d->hskip_type = type;
					d->hfirst = first;
					continue;
				}
				if (cur_len(&peek) >= len) {
					cur_get_bytes(b, &msg, HS_HDR_LEN + len);
					hs_message(c, st, dirp, &msg, first,
					    frame, ts);
					continue;
				}
			}
			d->hfirst = first;
		}
		/* Buffer: the header first, then the rest of the message. */
		want = HS_HDR_LEN;
		if (d->hlen >= HS_HDR_LEN) {
			cur_init(&peek, d->hbuf, d->hlen);
			cur_get_u8(&peek, &type);
			cur_get_u24(&peek, &len);
			want = HS_HDR_LEN + (size_t)len;
		}
		take = want - d->hlen;
		if (take > cur_len(b))
			take = cur_len(b);
		if (!state_grow(&d->hbuf, &d->hcap, d->hlen + take,
		    HS_HDR_LEN + (size_t)st->max_hs_msg))
			return;	/* not reached: lengths are capped above */
		cur_copy(b, d->hbuf + d->hlen, take);
		d->hlen += take;
		cur_init(&peek, d->hbuf, d->hlen);
		if (d->hlen < HS_HDR_LEN)
			continue;
		cur_get_u8(&peek, &type);
		cur_get_u24(&peek, &len);
		if (len > st->max_hs_msg) {
			conn_anom(c, *dirp, frame, ANOM_HS_TOO_LARGE,
			    "handshake type %u of %u bytes", type, len);
			d->hskip = len;
			d->hskip_len = len;
			d->hskip_type = type;
			d->hlen = 0;
			continue;
		}
		if (d->hlen < HS_HDR_LEN + (size_t)len)
			continue;
		cur_init(&msg, d->hbuf, d->hlen);
		hs_message(c, st, dirp, &msg, d->hfirst, frame, ts);
		st->d[*dirp].hlen = 0;
		state_trim(&st->d[*dirp].hbuf, &st->d[*dirp].hcap);
	}
}

/*
 * hs_client_hello picks the handshake a ClientHello belongs to: the first;
 * the same one for the second ClientHello after a HelloRetryRequest
 * (RFC 8446, 4.1.2: offered lists stay from the first); a new one
 * (renegotiation, RFC 5246, 7.4.1.1) after a complete handshake, a
 * HelloRequest or a ServerHello. A second ClientHello is parsed into a
 * scratch handshake so its anomalies are seen.
 */
static struct tls_hs *
hs_client_hello(struct conn *c, struct tls_state *st, enum dir dir,
    uint32_t frame, uint64_t ts, const struct cur *b, uint8_t *evf)
{
	struct tls_hs *hs = state_hs(c, st), scratch;
	bool ok;

	if (hs != NULL && (hs->flags & HSF_HAS_CH) &&
	    ((hs->flags & (HSF_COMPLETE | HSF_HAS_SH)) || st->hello_request)) {
		st->cur_hs = c->n_hs;
		st->hello_request = false;
		st->sh_next = false;
		st->d[0].finished = st->d[1].finished = false;
		st->d[0].ccs = st->d[1].ccs = false;
		hs = state_hs(c, st);
	} else if (hs != NULL && (hs->flags & HSF_HAS_CH)) {
		if ((hs->flags & (HSF_HRR | HSF_HVR)) &&
		    !(hs->flags & HSF_CH2))
			hs->flags |= HSF_CH2;
		else
			conn_anom(c, dir, frame, ANOM_HS_UNEXPECTED,
			    "ClientHello repeated before a ServerHello");
		memset(&scratch, 0, sizeof(scratch));
		if (!hello_parse_client(c, st, &scratch, dir, frame, b))
			*evf |= EVF_BAD;
		conn_hs_cleanup(&scratch);
		return hs;
	}
	if (hs == NULL) {
		memset(&scratch, 0, sizeof(scratch));
		hs = &scratch;
	}
	hs->record_version = st->rec_version;
	hs->flags |= HSF_HAS_CH;
	hs->t_start = ts;
	ok = hello_parse_client(c, st, hs, dir, frame, b);
	if (!ok)
		*evf |= EVF_BAD;
	if (hs == &scratch) {
		conn_hs_cleanup(&scratch);
		return NULL;
	}
	keys_client_hello(c, st, hs);
	return hs;
}

static void
hs_server_hello(struct conn *c, struct tls_state *st, struct tls_hs *hs,
    enum dir dir, uint32_t frame, const struct cur *b, uint8_t *evf)
{
	struct tls_hs scratch;
	bool hrr;

	if (hs == NULL || (hs->flags & HSF_HAS_SH)) {
		if (hs != NULL)
			conn_anom(c, dir, frame, ANOM_HS_UNEXPECTED,
			    "ServerHello repeated");
		memset(&scratch, 0, sizeof(scratch));
		hs = &scratch;
	}
	if (!hello_parse_server(c, st, hs, dir, frame, b, &hrr))
		*evf |= EVF_BAD;
	if (hrr)
		*evf |= EVF_HRR;
	else if (hs != &scratch && (hs->flags & HSF_HAS_SH))
		keys_server_hello(c, st, hs);
	if (hs == &scratch)
		conn_hs_cleanup(&scratch);
}

/*
 * RFC 5246, 7.4.2: opaque ASN.1Cert<1..2^24-1>;
 *	struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
 * RFC 8446, 4.4.2:
 *	struct { opaque cert_data<1..2^24-1>;
 *	    Extension extensions<0..2^16-1>; } CertificateEntry;
 *	struct { opaque certificate_request_context<0..2^8-1>;
 *	    CertificateEntry certificate_list<0..2^24-1>; } Certificate;
 */
static bool
hs_certificate(struct conn *c, struct tls_state *st, struct tls_hs *hs,
    enum dir dir, uint32_t frame, uint64_t ts, const struct cur *b)
{
	struct cur m = *b, ctx, list, der, exts;
	uint32_t n = 0;

	if ((st->tls13 && !cur_get_u8_prefixed(&m, &ctx)) ||
	    !cur_get_u24_prefixed(&m, &list) || cur_len(&m) != 0) {
		conn_anom(c, dir, frame, ANOM_CERT_INVALID,
		    "certificate_list length overruns the message");
		return false;
	}
	if (dir == DIR_S2C)
		hs->certs_source = st->rec_dec ? CERTS_DECRYPTED :
		    CERTS_CLEARTEXT;
	/* Each turn consumes at least 3 bytes or ends. */
	while (cur_len(&list) > 0) {
		if (!cur_get_u24_prefixed(&list, &der) ||
		    (st->tls13 && !cur_get_u16_prefixed(&list, &exts))) {
			conn_anom(c, dir, frame, ANOM_CERT_INVALID,
			    "certificate entry %u overruns the list", n);
			return false;
		}
		n++;
		hs_add_cert(c, hs, dir, frame, &der);
	}
	if (dir == DIR_C2S && n > 0)
		hs->flags |= HSF_CLIENT_CERT;
	/* Judged at the time the chain was on the wire. */
	if (dir == DIR_S2C && hs->n_certs > 0)
		cert_check_hs(st->ctx->check, c, hs, ts);
	return true;
}

static void
hs_add_cert(struct conn *c, struct tls_hs *hs, enum dir dir, uint32_t frame,
    const struct cur *der)
{
	bool client = dir == DIR_C2S;
	uint32_t have = client ? hs->n_client_certs : hs->n_certs;
	struct cert *x;
	const char *err = NULL;

	if (have >= LIM_CERTS_PER_MSG) {
		if (!client)
			hs->certs_dropped++;
		return;
	}
	if ((x = cert_parse(cur_data(der), cur_len(der), &err)) == NULL) {
		conn_anom(c, dir, frame, ANOM_CERT_PARSE, "%s",
		    err != NULL ? err : "unparsable certificate");
		return;
	}
	conn_add_cert(c, hs, client, x);
}

/*
 * RFC 4492, 5.4 (explicit curves, deprecated by RFC 8422 but on the wire):
 *	enum { explicit_prime (1), explicit_char2 (2), named_curve (3) }
 *	    ECCurveType;
 *	struct { opaque a <1..2^8-1>; opaque b <1..2^8-1>; } ECCurve;
 *	struct { ECCurveType curve_type; select (curve_type) {
 *	    case explicit_prime: opaque prime_p <1..2^8-1>; ECCurve curve;
 *		ECPoint base; opaque order <1..2^8-1>;
 *		opaque cofactor <1..2^8-1>;
 *	    case explicit_char2: uint16 m; ECBasisType basis;
 *		select (basis) { case ec_trinomial: opaque k <1..2^8-1>;
 *		    case ec_pentanomial: opaque k1, k2, k3 <1..2^8-1>; };
 *		ECCurve curve; ECPoint base; opaque order <1..2^8-1>;
 *		opaque cofactor <1..2^8-1>;
 *	    case named_curve: NamedCurve namedcurve; }; } ECParameters;
 * "*group" is the NamedCurve, or for an explicit curve the value RFC 4492,
 * 5.1.1 gives it in a ClientHello (0xFF01, 0xFF02).
 */
static bool
hs_ec_params(struct cur *m, uint16_t *group)
{
	struct cur f;
	uint16_t deg;
	uint8_t ctype, basis;
	int i, n_k;

	if (!cur_get_u8(m, &ctype))
		return false;
	if (ctype == 3)
		return cur_get_u16(m, group);
	if (ctype == 1) {
		if (!cur_get_u8_prefixed(m, &f) || cur_len(&f) == 0)
			return false;
		*group = 0xFF01;
	} else if (ctype == 2) {
		if (!cur_get_u16(m, &deg) || !cur_get_u8(m, &basis) ||
		    basis > 1)
			return false;
		n_k = basis == 0 ? 1 : 3;
		for (i = 0; i < n_k; i++)
			if (!cur_get_u8_prefixed(m, &f) || cur_len(&f) == 0)
				return false;
		*group = 0xFF02;
	} else
		return false;
	/* curve a and b, base point, order, cofactor */
	for (i = 0; i < 5; i++)
		if (!cur_get_u8_prefixed(m, &f) || cur_len(&f) == 0)
			return false;
	return true;
}

/*
 * RFC 8422, 5.4:
 *	struct { ECCurveType curve_type; select (curve_type) {
 *	    case named_curve: NamedCurve namedcurve; }; } ECParameters;
 *	struct { ECParameters curve_params; ECPoint public; }
 *	    ServerECDHParams;
 * RFC 5246, 7.4.3:
 *	struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>;
 *	    opaque dh_Ys<1..2^16-1>; } ServerDHParams;
 *	digitally-signed struct { ... } signed_params;
 * TLS 1.2 prefixes the signature with its SignatureAndHashAlgorithm.
 * RFC 4279, 2: PSK suites begin with opaque psk_identity_hint<0..2^16-1>.
 */
static bool
hs_server_key_exchange(struct conn *c, struct tls_state *st,
    struct tls_hs *hs, enum dir dir, uint32_t frame, const struct cur *b)
{
	const struct suite *s = suite_find(hs->suite);
	struct cur m = *b, f, sig;
	uint16_t group, alg;
	bool ecdh, dh, rsa, psk, anon;

	if (s == NULL || !(hs->flags & HSF_HAS_SUITE))
		return true;	/* the key exchange is unknown: no guess */
	ecdh = s->kx == KX_ECDHE || s->kx == KX_ECDH || s->kx == KX_ECDHE_PSK;
	dh = s->kx == KX_DHE || s->kx == KX_DH || s->kx == KX_DHE_PSK ||
	    s->kx == KX_DHE_EXPORT || s->kx == KX_DH_EXPORT;
	rsa = s->kx == KX_RSA_EXPORT || s->kx == KX_RSA;
	psk = s->kx == KX_PSK || s->kx == KX_DHE_PSK ||
	    s->kx == KX_ECDHE_PSK || s->kx == KX_RSA_PSK;
	anon = s->au == AU_ANON || s->au == AU_NULL || s->au == AU_PSK;
	if (!ecdh && !dh && !rsa && !psk)
		return true;
	if (psk && !cur_get_u16_prefixed(&m, &f))
		goto bad;
	if (ecdh) {
		if (!hs_ec_params(&m, &group) || !cur_get_u8_prefixed(&m, &f))
			goto bad;
		hs->group = group;
		hs->flags |= HSF_HAS_GROUP | HSF_SKE_GROUP;
	} else if (dh) {
		if (!cur_get_u16_prefixed(&m, &f) ||
		    !cur_get_u16_prefixed(&m, &f) ||
		    !cur_get_u16_prefixed(&m, &f))
			goto bad;
	} else if (rsa) {
		if (!cur_get_u16_prefixed(&m, &f) ||
		    !cur_get_u16_prefixed(&m, &f))
			goto bad;
	}
	if (anon || (psk && s->kx == KX_PSK))
		goto end;
	if (st->version >= 0x0303 && st->version < 0x7e00) {
		if (!cur_get_u16(&m, &alg))
			goto bad;
		hs->ske_sig_alg = alg;
	}
	if (!cur_get_u16_prefixed(&m, &sig))
		goto bad;
end:
	if (cur_len(&m) != 0) {
		conn_anom(c, dir, frame, ANOM_HS_TRAILING,
		    "%zu bytes after the ServerKeyExchange", cur_len(&m));
		return false;
	}
	return true;
bad:
	conn_anom(c, dir, frame, ANOM_SKE_INVALID,
	    "ServerKeyExchange fields overrun (%zu bytes)", cur_len(b));
	return false;
}

/*
 * RFC 5246, 7.4.4:
 *	struct { ClientCertificateType certificate_types<1..2^8-1>;
 *	    SignatureAndHashAlgorithm
 *	      supported_signature_algorithms<2^16-1>;	(TLS 1.2)
 *	    DistinguishedName certificate_authorities<0..2^16-1>;
 *	} CertificateRequest;
 * RFC 8446, 4.3.2:
 *	struct { opaque certificate_request_context<0..2^8-1>;
 *	    Extension extensions<2..2^16-1>; } CertificateRequest;
 */
static bool
hs_certificate_request(struct conn *c, struct tls_state *st,
    struct tls_hs *hs, enum dir dir, uint32_t frame, const struct cur *b)
{
	struct cur m = *b, f;
	bool ok;

	hs->flags |= HSF_CERT_REQUEST;
	if (st->tls13)
		ok = cur_get_u8_prefixed(&m, &f) &&
		    cur_get_u16_prefixed(&m, &f);
	else
		ok = cur_get_u8_prefixed(&m, &f) &&
		    (st->version < 0x0303 || cur_get_u16_prefixed(&m, &f)) &&
		    cur_get_u16_prefixed(&m, &f);
	if (!ok || cur_len(&m) != 0) {
		conn_anom(c, dir, frame, ANOM_CR_INVALID,
		    "CertificateRequest fields overrun (%zu bytes)",
		    cur_len(b));
		return false;
	}
	return true;
}

/*
 * RFC 5077, 3.3:
 *	struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; }
 *	    NewSessionTicket;
 * RFC 8446, 4.6.1:
 *	struct { uint32 ticket_lifetime; uint32 ticket_age_add;
 *	    opaque ticket_nonce<0..255>; opaque ticket<1..2^16-1>;
 *	    Extension extensions<0..2^16-2>; } NewSessionTicket;
 * Drafts differ; only the lifetime is checked for them.
 */
static bool
hs_new_session_ticket(struct conn *c, struct tls_state *st,
    struct tls_hs *hs, enum dir dir, uint32_t frame, const struct cur *b)
{
	struct cur m = *b, f;
	uint32_t u;
	bool ok;

	hs->flags |= HSF_TICKET_ISSUED;
	if (st->tls13 && st->version != 0x0304)
		ok = cur_get_u32(&m, &u) && (cur_skip(&m, cur_len(&m)), true);
	else if (st->tls13)
		ok = cur_get_u32(&m, &u) && cur_get_u32(&m, &u) &&
		    cur_get_u8_prefixed(&m, &f) &&
		    cur_get_u16_prefixed(&m, &f) && cur_len(&f) > 0 &&
		    cur_get_u16_prefixed(&m, &f);
	else
		ok = cur_get_u32(&m, &u) && cur_get_u16_prefixed(&m, &f);
	if (!ok || cur_len(&m) != 0) {
		conn_anom(c, dir, frame, ANOM_NST_INVALID,
		    "NewSessionTicket fields overrun (%zu bytes)", cur_len(b));
		return false;
	}
	return true;
}

/*
 * RFC 6066, 8:
 *	struct { CertificateStatusType status_type; select (status_type) {
 *	    case ocsp: OCSPResponse; } response; } CertificateStatus;
 *	opaque OCSPResponse<1..2^24-1>;
 */
static bool
hs_certificate_status(struct conn *c, struct tls_hs *hs, enum dir dir,
    uint32_t frame, const struct cur *b)
{
	struct cur m = *b, f;
	uint8_t type;

	hs->flags |= HSF_CERT_STATUS;
	if (!cur_get_u8(&m, &type) || !cur_get_u24_prefixed(&m, &f) ||
	    cur_len(&m) != 0) {
		conn_anom(c, dir, frame, ANOM_HS_INVALID,
		    "CertificateStatus fields overrun (%zu bytes)", cur_len(b));
		return false;
	}
	return true;
}

/*
 * RFC 6347, 4.2.1:
 *	struct { ProtocolVersion server_version;
 *	    opaque cookie<0..2^8-1>; } HelloVerifyRequest;
 * The client answers with a second ClientHello carrying the cookie: the
 * same handshake, as after a HelloRetryRequest.
 */
static bool
hs_hello_verify(struct conn *c, struct tls_hs *hs, enum dir dir,
    uint32_t frame, const struct cur *b)
{
	struct cur m = *b, cookie;
	uint16_t ver;

	hs->flags |= HSF_HVR;
	if (!cur_get_u16(&m, &ver) || !cur_get_u8_prefixed(&m, &cookie) ||
	    cur_len(&m) != 0) {
		conn_anom(c, dir, frame, ANOM_HS_INVALID,
		    "HelloVerifyRequest fields overrun (%zu bytes)",
		    cur_len(b));
		return false;
	}
	if (cur_len(&cookie) > 0)
		conn_udp(c)->dtls.cookie = true;
	return true;
}

static bool
hs_empty(struct conn *c, enum dir dir, uint32_t frame, const struct cur *b,
    uint8_t type)
{
	if (cur_len(b) == 0)
		return true;
	conn_anom(c, dir, frame, ANOM_HS_TRAILING,
	    "%zu bytes in handshake type %u, which is empty", cur_len(b), type);
	return false;
}

/*
 * hs_message parses one complete message "msg" (header included) and adds
 * its event after the parse, so the event belongs to the handshake the
 * message started (renegotiation) and carries EVF_HRR / EVF_BAD.
 */
static void
hs_message(struct conn *c, struct tls_state *st, enum dir *dirp,
    struct cur *msg, uint32_t first, uint32_t frame, uint64_t ts)
{
	uint8_t type = 0;
	uint32_t len = 0;

	cur_get_u8(msg, &type);
	cur_get_u24(msg, &len);
	hs_parse_body(c, st, dirp, type, len, msg, first, frame, ts);
}

void
hs_parse_body(struct conn *c, struct tls_state *st, enum dir *dirp,
    uint8_t type, uint32_t len, const struct cur *body, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	enum dir dir = *dirp;
	struct tls_hs *hs, scratch;
	struct cur b = *body, exts;
	struct event *e;
	uint8_t evf = 0, ku;
	uint32_t n0;
	bool ok = true;

	hs = state_hs(c, st);
	if (hs == NULL) {
		/* Past LIM_HANDSHAKES: parse for anomalies, keep nothing. */
		memset(&scratch, 0, sizeof(scratch));
		hs = &scratch;
	}
	if (dir == DIR_S2C && type != HS_SERVER_HELLO)
		hs_server_next(c, st, type == HS_NEW_SESSION_TICKET);
	switch (type) {
	case HS_HELLO_REQUEST:
		st->hello_request = true;
		ok = hs_empty(c, dir, frame, &b, type);
		break;
	case HS_CLIENT_HELLO:
		hs_client_hello(c, st, dir, frame, ts, &b, &evf);
		break;
	case HS_SERVER_HELLO:
		hs_server_hello(c, st, hs, dir, frame, &b, &evf);
		break;
	case HS_HELLO_VERIFY_REQUEST:
		ok = hs_hello_verify(c, hs, dir, frame, &b);
		break;
	case HS_HELLO_RETRY_REQUEST:
		/* draft-ietf-tls-tls13-18, 4.1.4: its own message type. */
		hs->flags |= HSF_HRR;
		st->tls13 = true;
		break;
	case HS_NEW_SESSION_TICKET:
		ok = hs_new_session_ticket(c, st, hs, dir, frame, &b);
		break;
	case HS_END_OF_EARLY_DATA:
	case HS_SERVER_HELLO_DONE:
		ok = hs_empty(c, dir, frame, &b, type);
		break;
	case HS_ENCRYPTED_EXTENSIONS:
		/* RFC 8446, 4.3.1: Extension extensions<0..2^16-1>; */
		if (!cur_get_u16_prefixed(&b, &exts) || cur_len(&b) != 0) {
			conn_anom(c, dir, frame, ANOM_HS_INVALID,
			    "EncryptedExtensions length overruns");
			ok = false;
		} else {
			n0 = hs->exts_chosen.n;
			ok = ext_parse_block(c, st, hs, dir, frame, EXT_IN_EE,
			    &exts, &hs->exts_chosen);
			/* Counted apart: JA3S is the ServerHello's alone. */
			hs->n_exts_ee += hs->exts_chosen.n - n0;
		}
		break;
	case HS_CERTIFICATE:
		ok = hs_certificate(c, st, hs, dir, frame, ts, &b);
		break;
	case HS_SERVER_KEY_EXCHANGE:
		ok = hs_server_key_exchange(c, st, hs, dir, frame, &b);
		break;
	case HS_CERTIFICATE_REQUEST:
		ok = hs_certificate_request(c, st, hs, dir, frame, &b);
		break;
	case HS_FINISHED:
		hs_finished(c, st, dir, ts);
		break;
	case HS_CERTIFICATE_STATUS:
		ok = hs_certificate_status(c, hs, dir, frame, &b);
		break;
	case HS_KEY_UPDATE:
		/* RFC 8446, 4.6.3: KeyUpdateRequest request_update; */
		if (!cur_get_u8(&b, &ku) || cur_len(&b) != 0 || ku > 1) {
			conn_anom(c, dir, frame, ANOM_HS_INVALID,
			    "KeyUpdate is not one byte 0 or 1");
			ok = false;
		}
		break;
	default:
		/* CertificateVerify, ClientKeyExchange, others: opaque. */
		break;
	}
	if (!ok)
		evf |= EVF_BAD;
	if ((e = hs_event(c, st, dir, EV_HANDSHAKE, ts, first, frame, len)) !=
	    NULL) {
		e->sub = type;
		e->flags |= evf;
	}
	/* Messages after which a direction's keys change. */
	if (ok && (type == HS_FINISHED || type == HS_KEY_UPDATE ||
	    type == HS_END_OF_EARLY_DATA))
		keys_message(c, st, dir, type);
}
