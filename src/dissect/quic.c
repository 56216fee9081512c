/*
 * quic.c: QUIC packets as far as the TLS handshake needs them (RFC 9000,
 * 17 and 19; RFC 9001, 5; RFC 9369).
 *
 * A datagram holds one or more packets (coalesced, RFC 9000, 12.2): long
 * headers carry their length, a short header (1-RTT) runs to the end.
 * Initial packets are opened with keys every observer can derive (RFC
 * 9001, 5.2): HKDF of the client's original Destination Connection ID with
 * the version's salt. Their CRYPTO frames are put back in offset order per
 * direction and level; complete handshake messages go to hs_parse_body, as
 * DTLS's do. With the key log's secrets (RFC 9001, 5.1) Handshake packets
 * are opened too, and the first 1-RTT packets for the NewSessionTickets
 * they carry; 0-RTT packets and the rest are counted (quicframe.c reads
 * the frames).
 *
 * The state lives in tls_state.quic: no process-wide mutable state.
 */
#include "dissect/quic.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/limits.h"
#include "dissect/hs.h"
#include "dissect/keylog.h"
#include "dissect/keys.h"
#include "dissect/quicint.h"


/* A received piece of a CRYPTO stream: [lo, hi), merged with neighbours. */
struct qrange {
	uint64_t	 lo, hi;
};

/* Where a piece started, and in which frame (for first_frame). */
struct qstart {
	uint64_t	 off;
	uint32_t	 frame;
};

/* One CRYPTO stream: a direction at a level. */
struct qstream {
	uint8_t		*buf;
	size_t		 cap;
	uint64_t	 next;		/* offset of the next message */
	struct qrange	 r[LIM_QUIC_RANGES];
	uint32_t	 nr;
	struct qstart	 s[LIM_QUIC_RANGES];
	uint32_t	 ns;
	bool		 capped;	/* ANOM_QUIC_CRYPTO_CAP recorded */
	bool		 dead;		/* a message too large: read no more */
};

/* A direction's keys at a level, keyed on need. */
struct qkeys {
	bool		 ok;
	struct quic_keys k;
	struct crypto_key *aead;
	bool		 any_pn;
	uint64_t	 largest_pn;
};

struct quic_state {
	bool		 odcid_set;
	uint8_t		 odcid_len;
	uint8_t		 odcid[20];
	uint32_t	 version;	/* the keys' version */
	struct qkeys	 keys[QL_N][2];
	struct qstream	*cs[QL_N][2];	/* made at their first CRYPTO frame */
	bool		 undec_noted[2];
	/* the CID length each end chose (RFC 9000, 5.1): short headers */
	bool		 cid_known[2];	/* by the end, enum dir of its sends */
	uint8_t		 cid_len[2];
	uint32_t	 app_opened[2];	/* 1-RTT packets opened */
};

/* Versions and their Initial salts (RFC 9001, 5.2; RFC 9369, 3.3.1). */
struct qversion {
	uint32_t	 lo, hi;	/* a range of version numbers */
	const char	*name;
	bool		 v2;		/* RFC 9369 labels and type bits */
	uint8_t		 salt[20];
};

static const struct qversion versions[] = {
	{ 0x00000001, 0x00000001, "1", false,
	    { 0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
	      0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a } },
	{ 0x6b3343cf, 0x6b3343cf, "2", true,
	    { 0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
	      0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9 } },
	/* draft-ietf-quic-tls-29 to -32 */
	{ 0xff00001d, 0xff000020, "draft-29", false,
	    { 0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97,
	      0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99 } },
	/* draft-ietf-quic-tls-23 to -28; mvfst's draft-27 version */
	{ 0xff000017, 0xff00001c, "draft-23", false,
	    { 0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7,
	      0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02 } },
	{ 0xfaceb002, 0xfaceb002, "mvfst-27", false,
	    { 0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7,
	      0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02 } },
	/* draft-22, mvfst's first version */
	{ 0xfaceb001, 0xfaceb001, "mvfst-22", false,
	    { 0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a,
	      0x96, 0xcd, 0x21, 0x51, 0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a } },
};

static const char *const ptype_names[QP_N] = {
	"initial", "0rtt", "handshake", "retry", "vn", "1rtt"
};

static bool	quic_packet(struct conn *, struct quic_state *, enum dir,
		    struct cur *, bool, uint64_t, uint32_t);
static void	quic_event(struct conn *, enum dir, enum quic_ptype, size_t,
		    uint64_t, uint32_t);
static void	quic_short(struct conn *, struct quic_state *, enum dir,
		    const struct cur *, uint64_t, uint32_t);
static void	quic_open(struct conn *, struct quic_state *, enum dir,
		    enum qlevel, const struct cur *, size_t, uint64_t,
		    uint32_t);
static void	quic_deliver(struct conn *, struct qstream *, enum dir,
		    enum qlevel, uint64_t, uint32_t);

/*
 * Versions of the pattern 0x?a?a?a?a are reserved to exercise version
 * negotiation (RFC 9000, 15); a client that sends one (ngtcp2 0.12) lays
 * its Initial out as version 1 with draft-29's salt, and tshark 4.0 reads
 * it so.
 */
static const struct qversion reserved = { 0x0a0a0a0a, 0xfafafafa,
    "reserved", false,
    { 0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97,
      0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99 } };

static const struct qversion *
version_of(uint32_t v)
{
	size_t i;

	if ((v & 0x0f0f0f0f) == 0x0a0a0a0a)
		return &reserved;

	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++)
		if (v >= versions[i].lo && v <= versions[i].hi)
			return &versions[i];
	return NULL;
}

bool
quic_version_known(uint32_t v)
{
	return version_of(v) != NULL;
}

const char *
quic_version_name(uint32_t v)
{
	const struct qversion *qv = version_of(v);

	return qv != NULL ? qv->name : NULL;
}

const char *
quic_ptype_name(enum quic_ptype t)
{
	return (unsigned)t < QP_N ? ptype_names[t] : "?";
}

/*
 * ptype_of maps the two type bits of a long header: version 2 rotates them
 * (RFC 9369, 3.2).
 */
static enum quic_ptype
ptype_of(const struct qversion *qv, uint8_t b0)
{
	static const uint8_t v1[4] = { QP_INITIAL, QP_0RTT, QP_HANDSHAKE,
	    QP_RETRY };
	static const uint8_t v2[4] = { QP_RETRY, QP_INITIAL, QP_0RTT,
	    QP_HANDSHAKE };
	unsigned int bits = (b0 >> 4) & 3;

	return (enum quic_ptype)(qv != NULL && qv->v2 ? v2[bits] : v1[bits]);
}

bool
quic_initial_keys(uint32_t version, const uint8_t *dcid, size_t len,
    enum dir dir, struct quic_keys *out)
{
	const struct qversion *qv = version_of(version);
	uint8_t initial[32], secret[32];
	bool ok;

	if (qv == NULL || len > 20)
		return false;
	out->cc = CC_AES128_GCM;
	ok = crypto_hkdf_extract(CMD_SHA256, initial, qv->salt,
	    sizeof(qv->salt), dcid, len) &&
	    crypto_hkdf_expand_label(CMD_SHA256, secret, 32, initial, 32,
	    dir == DIR_C2S ? "client in" : "server in", NULL, 0) &&
	    crypto_hkdf_expand_label(CMD_SHA256, out->key, 16, secret, 32,
	    qv->v2 ? "quicv2 key" : "quic key", NULL, 0) &&
	    crypto_hkdf_expand_label(CMD_SHA256, out->iv, 12, secret, 32,
	    qv->v2 ? "quicv2 iv" : "quic iv", NULL, 0) &&
	    crypto_hkdf_expand_label(CMD_SHA256, out->hp, 16, secret, 32,
	    qv->v2 ? "quicv2 hp" : "quic hp", NULL, 0);
	return ok;
}

bool
quic_plausible(const struct cur *dg)
{
	struct cur in = *dg;
	uint8_t b0, dcil;
	uint32_t v;

	if (!cur_get_u8(&in, &b0) || (b0 & 0x80) == 0 ||
	    !cur_get_u32(&in, &v) || !cur_get_u8(&in, &dcil))
		return false;
	if (v == 0)
		return true;	/* Version Negotiation */
	return (b0 & 0x40) != 0 && dcil <= 20 && cur_len(&in) >= dcil;
}

static struct quic_state *
quic_state_of(struct tls_state *st)
{
	struct tls_udp *u = state_udp(st);

	if (u->quic == NULL)
		u->quic = x_calloc(1, sizeof(*u->quic));
	return u->quic;
}

void
quic_datagram(struct tls_ctx *ctx, struct conn *c, enum dir dir,
    const struct cur *dg, uint64_t ts, uint32_t frame)
{
	struct tls_state *st = state_of(ctx, c);
	struct quic_state *qs = quic_state_of(st);
	struct cur in = *dg;
	bool first = true;
	struct quic_info *q = &conn_udp(c)->quic;

	st->d[dir].last_frame = frame;
	if (q->t_first[dir] == 0)
		q->t_first[dir] = ts;
	q->datagrams++;
	q->bytes += cur_len(dg);
	/* Each turn consumes a packet, or ends the datagram. */
	while (cur_len(&in) > 0) {
		if (!quic_packet(c, qs, dir, &in, first, ts, frame))
			break;
		first = false;
	}
}

/* set_odcid keys the Initial level anew from a (new) original DCID. */
static void
set_odcid(struct quic_state *qs, const struct cur *cid, uint32_t version)
{
	int d;

	qs->odcid_set = true;
	qs->odcid_len = (uint8_t)cur_len(cid);
	memset(qs->odcid, 0, sizeof(qs->odcid));
	if (cur_len(cid) > 0)
		memcpy(qs->odcid, cur_data(cid), cur_len(cid));
	qs->version = version;
	for (d = 0; d < 2; d++) {
		crypto_key_free(qs->keys[QL_INITIAL][d].aead);
		memset(&qs->keys[QL_INITIAL][d], 0,
		    sizeof(qs->keys[QL_INITIAL][d]));
	}
}

/*
 * quic_packet reads one packet at the start of "in" and moves past it.
 * False when the rest of the datagram cannot be read as packets.
 */
static bool
quic_packet(struct conn *c, struct quic_state *qs, enum dir dir,
    struct cur *in, bool first, uint64_t ts, uint32_t frame)
{
	const struct qversion *qv;
	struct cur start = *in, pkt, dcid, scid, token;
	uint8_t b0, dcil, scil;
	uint32_t version;
	uint64_t tlen, len;
	size_t hdr;
	enum quic_ptype pt;
	int d;
	struct quic_info *q = &conn_udp(c)->quic;

	if (!cur_peek_u8(in, &b0))
		return false;
	if ((b0 & 0x80) == 0) {
		/* a short header: 1-RTT, to the end of the datagram */
		quic_event(c, dir, QP_1RTT, cur_len(in), ts, frame);
		q->packets[QP_1RTT]++;
		if (!first)
			q->coalesced++;
		quic_short(c, qs, dir, in, ts, frame);
		return false;
	}
	if (!cur_skip(in, 1) || !cur_get_u32(in, &version) ||
	    !cur_get_u8(in, &dcil) || !cur_get_bytes(in, &dcid, dcil) ||
	    !cur_get_u8(in, &scil) || !cur_get_bytes(in, &scid, scil)) {
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "long header cut short");
		return false;
	}
	/* the first version, or the one tried after Version Negotiation */
	if (version != 0 && (q->version == 0 || (!q->known &&
	    quic_version_known(version)))) {
		q->version = version;
		q->known = quic_version_known(version);
	}
	if (!first)
		q->coalesced++;
	if (version == 0) {
		/* Version Negotiation (RFC 9000, 17.2.1): the rest */
		quic_event(c, dir, QP_VN, cur_len(&start), ts, frame);
		q->packets[QP_VN]++;
		q->vn = true;
		return false;
	}
	if ((qv = version_of(version)) == NULL) {
		/* counted, not parsed: its layout is unknown */
		return false;
	}
	if (dcil > 20 || scil > 20) {
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "connection ID of %u bytes", dcil > 20 ? dcil : scil);
		return false;
	}
	pt = ptype_of(qv, b0);
	q->packets[pt]++;
	if (pt == QP_RETRY)
		quic_event(c, dir, pt, cur_len(&start), ts, frame);
	if (pt != QP_RETRY) {
		/* its SCID: what the peer puts in its short headers */
		qs->cid_known[dir] = true;
		qs->cid_len[dir] = (uint8_t)cur_len(&scid);
	}
	if (pt == QP_RETRY) {
		/*
		 * RFC 9000, 17.2.5: the client's next Initial goes to the
		 * Retry's SCID, and its keys come from that (RFC 9001, 5.2).
		 */
		q->retry = true;
		set_odcid(qs, &scid, version);
		/* the client starts its CRYPTO stream again (17.2.5.2) */
		for (d = 0; d < 2; d++) {
			if (qs->cs[QL_INITIAL][d] != NULL)
				free(qs->cs[QL_INITIAL][d]->buf);
			free(qs->cs[QL_INITIAL][d]);
			qs->cs[QL_INITIAL][d] = NULL;
		}
		/* the connection's odcid keeps the original one */
		return false;
	}
	if (pt == QP_INITIAL && (!quic_varint(in, &tlen) || tlen > cur_len(in) ||
	    !cur_get_bytes(in, &token, (size_t)tlen))) {
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "token overruns the datagram");
		return false;
	}
	if (!quic_varint(in, &len) || len > cur_len(in)) {
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "Length overruns the datagram");
		return false;
	}
	hdr = cur_len(&start) - cur_len(in);
	if (!cur_get_bytes(&start, &pkt, hdr + (size_t)len) ||
	    !cur_skip(in, (size_t)len))
		return false;	/* cannot happen: checked above */
	quic_event(c, dir, pt, cur_len(&pkt), ts, frame);
	if (pt == QP_HANDSHAKE) {
		/* RFC 9001, 4.1.4: opened with the key log's secrets */
		quic_open(c, qs, dir, QL_HANDSHAKE, &pkt, hdr, ts, frame);
	} else if (pt == QP_INITIAL) {
		if (dir == DIR_C2S && !qs->odcid_set) {
			set_odcid(qs, &dcid, version);
			q->odcid_len = qs->odcid_len;
			memcpy(q->odcid, qs->odcid, sizeof(q->odcid));
			q->scid_len = (uint8_t)cur_len(&scid);
			(void)cur_copy(&scid, q->scid, cur_len(&scid));
		} else if (dir == DIR_C2S &&
		    !cur_equal(&dcid, qs->odcid, qs->odcid_len))
			q->cid_changed = true;
		if (qs->odcid_set)
			quic_open(c, qs, dir, QL_INITIAL, &pkt, hdr, ts, frame);
		else
			q->undecryptable++;
	}
	return true;
}

/*
 * quic_event adds a packet to the ladder; consecutive 1-RTT packets of a
 * direction make one event with their count (one each with -v).
 */
static void
quic_event(struct conn *c, enum dir dir, enum quic_ptype pt, size_t len,
    uint64_t ts, uint32_t frame)
{
	struct event *e;
	uint32_t n = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;

	if (pt == QP_1RTT && !model_opts.appdata_each && c->n_ev > 0) {
		e = &c->ev[c->n_ev - 1];
		if (e->type == EV_QUIC_PACKET && e->sub == QP_1RTT &&
		    e->dir == dir) {
			conn_ev_set_count(c, e, conn_ev_count(c, e) + 1);
			e->len = e->len > UINT32_MAX - n ? UINT32_MAX :
			    e->len + n;
			conn_ev_set_frame(c, e, frame);
			return;
		}
	}
	if ((e = conn_add_event(c, (uint8_t)dir, EV_QUIC_PACKET, ts, frame,
	    n)) == NULL)
		return;
	e->sub = (uint8_t)pt;
}

/* decode_pn expands a truncated packet number (RFC 9000, A.3). */
static uint64_t
decode_pn(const struct qkeys *k, uint64_t trunc, unsigned int bits)
{
	uint64_t expected = k->any_pn ? k->largest_pn + 1 : 0;
	uint64_t win = (uint64_t)1 << bits, hwin = win / 2, mask = win - 1;
	uint64_t cand = (expected & ~mask) | trunc;

	if (cand + hwin <= expected && cand < ((uint64_t)1 << 62) - win)
		return cand + win;
	if (cand > expected + hwin && cand >= win)
		return cand - win;
	return cand;
}

/*
 * secret_keys derives the Handshake or 1-RTT packet keys of "dir" from the
 * key log's handshake or application traffic secret (RFC 9001, 5.1; RFC
 * 9369, 3.3.2):
 *	key = HKDF-Expand-Label(secret, "quic key", "", key_length)
 *	iv  = HKDF-Expand-Label(secret, "quic iv", "", 12)
 *	hp  = HKDF-Expand-Label(secret, "quic hp", "", key_length)
 */
static bool
secret_keys(const struct conn *c, const struct quic_state *qs, enum qlevel lv,
    enum dir dir, struct quic_keys *out)
{
	static const int kinds[QL_N][2] = {
		{ -1, -1 },
		{ KL_CLIENT_HS, KL_SERVER_HS },
		{ KL_CLIENT_AP, KL_SERVER_AP },
	};
	const struct qversion *qv = version_of(qs->version);
	const struct crypto_cipher_info *ci;
	uint8_t secret[KL_SECRET_MAX];
	enum crypto_md md;
	size_t len;
	bool ok;

	if (qv == NULL || c->n_hs == 0 ||
	    !(c->hs[c->n_hs - 1].flags & HSF_HAS_SH) ||
	    !keys_secret(c->dis, &c->hs[c->n_hs - 1], kinds[lv][dir], secret,
	    &len, &out->cc, &md) ||
	    (ci = crypto_cipher_info(out->cc)) == NULL || ci->mode != CM_AEAD ||
	    ci->key_len > sizeof(out->key))
		return false;
	ok = crypto_hkdf_expand_label(md, out->key, ci->key_len, secret, len,
	    qv->v2 ? "quicv2 key" : "quic key", NULL, 0) &&
	    crypto_hkdf_expand_label(md, out->iv, 12, secret, len,
	    qv->v2 ? "quicv2 iv" : "quic iv", NULL, 0) &&
	    crypto_hkdf_expand_label(md, out->hp, ci->key_len, secret, len,
	    qv->v2 ? "quicv2 hp" : "quic hp", NULL, 0);
	memset(secret, 0, sizeof(secret));
	return ok;
}

static bool
keys_ready(const struct conn *c, struct quic_state *qs, enum qlevel lv,
    enum dir dir)
{
	struct qkeys *k = &qs->keys[lv][dir];

	if (k->ok)
		return true;
	if (!(lv == QL_INITIAL ? quic_initial_keys(qs->version, qs->odcid,
	    qs->odcid_len, dir, &k->k) : secret_keys(c, qs, lv, dir, &k->k)) ||
	    (k->aead = crypto_key_new(k->k.cc, k->k.key)) == NULL)
		return false;
	k->ok = true;
	return true;
}

/*
 * quic_open removes header protection from "pkt" (its header "hdr" bytes
 * long, up to the packet number), opens it and reads its frames.
 */
static void
quic_open(struct conn *c, struct quic_state *qs, enum dir dir,
    enum qlevel lv, const struct cur *pkt, size_t hdr, uint64_t ts,
    uint32_t frame)
{
	struct tls_state *st = c->dis;
	struct qkeys *k = &qs->keys[lv][dir];
	const struct crypto_cipher_info *ci;
	struct cur t, sample, body;
	uint8_t mask[16], nonce[12], smp[16], *p, *out;
	size_t n = cur_len(pkt), pnlen, i, plen;
	uint64_t trunc = 0, pn;

	if (!keys_ready(c, qs, lv, dir) ||
	    (ci = crypto_cipher_info(k->k.cc)) == NULL)
		goto undec;
	/* RFC 9001, 5.4.2: the sample starts 4 bytes past the PN's start. */
	if (cur_sub(pkt, &sample, hdr + 4, 16) == false ||
	    !cur_copy(&sample, smp, 16) ||
	    !crypto_hp_mask(k->k.cc, k->k.hp, smp, mask)) {
		if (lv != QL_APP)
			conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
			    "packet too short for its header protection "
			    "sample");
		return;
	}
	/* opened in the context's buffer: a datagram fits it */
	if (n > sizeof(st->ctx->plain))
		return;
	p = st->ctx->plain;
	t = *pkt;
	if (!cur_copy(&t, p, n))
		return;
	p[0] ^= mask[0] & ((p[0] & 0x80) ? 0x0f : 0x1f);
	/* RFC 9001, 6: a key update; the key log has phase 0 only */
	if (lv == QL_APP && (p[0] & 0x04))
		return;
	pnlen = (size_t)(p[0] & 3) + 1;
	if (hdr + pnlen + ci->tag_len > n)
		goto undec;
	for (i = 0; i < pnlen; i++) {
		p[hdr + i] ^= mask[1 + i];
		trunc = trunc << 8 | p[hdr + i];
	}
	pn = decode_pn(k, trunc, (unsigned int)(pnlen * 8));
	memcpy(nonce, k->k.iv, 12);
	for (i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(pn >> (8 * i));
	plen = n - hdr - pnlen;
	out = p + hdr + pnlen;	/* opened in place: the tag is dropped */
	if (!crypto_aead_open(k->aead, out, nonce, p, hdr + pnlen, out, plen))
		goto undec;
	if (!k->any_pn || pn > k->largest_pn)
		k->largest_pn = pn;
	k->any_pn = true;
	cur_init(&body, out, plen - ci->tag_len);
	quic_frames(c, dir, lv, &body, ts, frame, quic_crypto);
	return;
undec:
	if (lv == QL_INITIAL) {
		conn_udp(c)->quic.undecryptable++;
		if (!qs->undec_noted[dir]) {
			qs->undec_noted[dir] = true;
			conn_anom(c, dir, frame, ANOM_QUIC_UNDECRYPTABLE, NULL);
		}
	}
}

/*
 * quic_short opens a 1-RTT packet (RFC 9000, 17.3.1) with the key log's
 * application traffic secret, the first LIM_QUIC_APP_OPENED of each
 * direction, for the CRYPTO frames sent after the handshake
 * (NewSessionTicket); the others are only counted.
 *
 *	1-RTT Packet {
 *	  Header Form (1) = 0,
 *	  Fixed Bit (1) = 1,
 *	  Spin Bit (1),
 *	  Reserved Bits (2),
 *	  Key Phase (1),
 *	  Packet Number Length (2),
 *	  Destination Connection ID (0..160),
 *	  Packet Number (8..32),
 *	  Packet Payload (8..),
 *	}
 *
 * The Destination Connection ID has the length its receiver chose: that
 * of the Source Connection IDs of the receiver's long headers.
 */
static void
quic_short(struct conn *c, struct quic_state *qs, enum dir dir,
    const struct cur *in, uint64_t ts, uint32_t frame)
{
	const struct tls_state *st = c->dis;
	enum dir to = dir == DIR_C2S ? DIR_S2C : DIR_C2S;

	if (st->ctx->keylog == NULL || !qs->cid_known[to] ||
	    qs->app_opened[dir] >= LIM_QUIC_APP_OPENED || c->n_hs == 0 ||
	    !(c->hs[c->n_hs - 1].flags & HSF_HAS_SH))
		return;
	qs->app_opened[dir]++;
	quic_open(c, qs, dir, QL_APP, in, 1 + (size_t)qs->cid_len[to], ts,
	    frame);
}

/* range_add merges [lo, hi) into the sorted disjoint list. */
static bool
range_add(struct qstream *s, uint64_t lo, uint64_t hi)
{
	uint32_t i, j;

	for (i = 0; i < s->nr && s->r[i].hi < lo; i++)
		continue;
	if (i == s->nr || s->r[i].lo > hi) {
		/* a new piece at i */
		if (s->nr == LIM_QUIC_RANGES)
			return false;
		memmove(&s->r[i + 1], &s->r[i], (s->nr - i) * sizeof(s->r[0]));
		s->r[i].lo = lo;
		s->r[i].hi = hi;
		s->nr++;
		return true;
	}
	if (lo < s->r[i].lo)
		s->r[i].lo = lo;
	if (hi > s->r[i].hi)
		s->r[i].hi = hi;
	/* swallow the pieces it now reaches */
	for (j = i + 1; j < s->nr && s->r[j].lo <= s->r[i].hi; j++)
		if (s->r[j].hi > s->r[i].hi)
			s->r[i].hi = s->r[j].hi;
	memmove(&s->r[i + 1], &s->r[j], (s->nr - j) * sizeof(s->r[0]));
	s->nr -= j - i - 1;
	return true;
}

static void
crypto_cap(struct conn *c, struct qstream *s, enum dir dir, uint32_t frame,
    const char *why)
{
	if (!s->capped) {
		s->capped = true;
		conn_anom(c, dir, frame, ANOM_QUIC_CRYPTO_CAP, "%s", why);
	}
}

void
quic_crypto(struct conn *c, enum dir dir, enum qlevel lv, uint64_t off,
    const struct cur *data, uint64_t ts, uint32_t frame)
{
	struct quic_state *qs = state_udp(c->dis)->quic;
	struct qstream *s;
	struct cur d = *data;
	uint64_t lo = off, hi;
	size_t len = cur_len(data), ncap;
	uint32_t i;

	if (len == 0)
		return;
	if ((s = qs->cs[lv][dir]) == NULL)
		s = qs->cs[lv][dir] = x_calloc(1, sizeof(*s));
	if (s->dead)
		return;
	if (off >= LIM_QUIC_CRYPTO || len > LIM_QUIC_CRYPTO - off) {
		crypto_cap(c, s, dir, frame, "bytes past the cap");
		if (off >= LIM_QUIC_CRYPTO)
			return;
		len = (size_t)(LIM_QUIC_CRYPTO - off);
	}
	hi = lo + len;
	if (hi > s->cap) {
		ncap = s->cap == 0 ? 4096 : s->cap;
		while (ncap < hi)
			ncap *= 2;
		if (ncap > LIM_QUIC_CRYPTO)
			ncap = LIM_QUIC_CRYPTO;
		s->buf = x_realloc(s->buf, 1, ncap);
		s->cap = ncap;
	}
	if (!range_add(s, lo, hi)) {
		crypto_cap(c, s, dir, frame, "too many disjoint pieces");
		return;
	}
	(void)cur_copy(&d, s->buf + lo, len);
	for (i = 0; i < s->ns && s->s[i].off != lo; i++)
		continue;
	if (i == s->ns && s->ns < LIM_QUIC_RANGES) {
		s->s[s->ns].off = lo;
		s->s[s->ns].frame = frame;
		s->ns++;
	}
	quic_deliver(c, s, dir, lv, ts, frame);
}

/* first_of is the frame of the piece holding offset "off". */
static uint32_t
first_of(const struct qstream *s, uint64_t off, uint32_t frame)
{
	uint64_t best = 0;
	uint32_t i, f = frame;
	bool any = false;

	for (i = 0; i < s->ns; i++)
		if (s->s[i].off <= off && (!any || s->s[i].off >= best)) {
			if (any && s->s[i].off == best && s->s[i].frame > f)
				continue;
			best = s->s[i].off;
			f = s->s[i].frame;
			any = true;
		}
	return f;
}

/* quic_deliver hands each complete message at the stream's start to hs.c. */
static void
quic_deliver(struct conn *c, struct qstream *s, enum dir dir, enum qlevel lv,
    uint64_t ts, uint32_t frame)
{
	struct tls_state *st = c->dis;
	struct cur all, m, body;
	uint64_t end;
	uint32_t len;
	uint8_t type;
	enum dir d = dir;

	if (s->nr == 0 || s->r[0].lo != 0)
		return;
	end = s->r[0].hi;
	/* Each turn parses a message (4 bytes at least), or ends. */
	while (!s->dead && end - s->next >= 4) {
		cur_init(&all, s->buf, (size_t)end);
		if (!cur_sub(&all, &m, (size_t)s->next,
		    (size_t)(end - s->next)) || !cur_get_u8(&m, &type) ||
		    !cur_get_u24(&m, &len))
			return;
		if (len > st->max_hs_msg || len > LIM_QUIC_CRYPTO) {
			conn_anom(c, dir, frame, ANOM_HS_TOO_LARGE,
			    "type %u, %u bytes", type, len);
			s->dead = true;
			return;
		}
		if (!cur_get_bytes(&m, &body, len))
			return;		/* the rest is still to come */
		c->is_tls = true;
		/* Handshake, 1-RTT packets opened with the key log */
		st->rec_dec = lv != QL_INITIAL;
		hs_parse_body(c, st, &d, type, len, &body,
		    first_of(s, s->next, frame), frame, ts);
		st->rec_dec = false;
		s->next += 4 + (uint64_t)len;
	}
}

void
quic_end(struct conn *c, struct tls_state *st)
{
	struct quic_state *qs = st->udp != NULL ? st->udp->quic : NULL;
	int lv, d;

	if (qs == NULL)
		return;
	for (lv = 0; lv < QL_N; lv++)
		for (d = 0; d < 2; d++) {
			struct qstream *s = qs->cs[lv][d];

			crypto_key_free(qs->keys[lv][d].aead);
			if (s == NULL)
				continue;
			if (s->nr > 0 && !s->dead &&
			    (s->r[0].lo != 0 || s->r[0].hi > s->next))
				conn_anom(c, d, st->d[d].last_frame,
				    ANOM_HS_INCOMPLETE,
				    "CRYPTO stream stops at %llu",
				    (unsigned long long)s->next);
			free(s->buf);
			free(s);
		}
	free(qs);
	st->udp->quic = NULL;
}
