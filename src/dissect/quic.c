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
 * DTLS's do. Handshake, 0-RTT and 1-RTT packets are counted.
 *
 * The state lives in tls_state.quic: no process-wide mutable state.
 */
#include "dissect/quic.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/limits.h"
#include "dissect/decrypt.h"
#include "dissect/hs.h"
#include "dissect/keylog.h"

/* Encryption levels with CRYPTO streams tlshake reads. */
enum qlevel { QL_INITIAL, QL_HANDSHAKE, QL_N };

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
	struct qstream	 cs[QL_N][2];
	bool		 undec_noted[2];
	uint8_t		*scratch;	/* a packet being opened */
	size_t		 scap;
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
static void	quic_open(struct conn *, struct quic_state *, enum dir,
		    enum qlevel, const struct cur *, size_t, uint64_t,
		    uint32_t);
static void	quic_frames(struct conn *, enum dir, enum qlevel,
		    struct cur *, uint64_t, uint32_t);
static void	quic_crypto(struct conn *, enum dir, enum qlevel, uint64_t,
		    const struct cur *, uint64_t, uint32_t);
static void	quic_deliver(struct conn *, struct qstream *, enum dir,
		    enum qlevel, uint64_t, uint32_t);

static const struct qversion *
version_of(uint32_t v)
{
	size_t i;

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

/* get_varint reads a variable-length integer (RFC 9000, 16). */
static bool
get_varint(struct cur *c, uint64_t *out)
{
	struct cur t = *c;
	uint8_t b;
	uint64_t v;
	size_t n, i;

	if (!cur_get_u8(&t, &b))
		return false;
	n = (size_t)1 << (b >> 6);
	v = b & 0x3f;
	for (i = 1; i < n; i++) {
		if (!cur_get_u8(&t, &b))
			return false;
		v = v << 8 | b;
	}
	*c = t;
	*out = v;
	return true;
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
	if (st->quic == NULL)
		st->quic = x_calloc(1, sizeof(*st->quic));
	return st->quic;
}

void
quic_datagram(struct tls_ctx *ctx, struct conn *c, enum dir dir,
    const struct cur *dg, uint64_t ts, uint32_t frame)
{
	struct tls_state *st = tls_state_of(ctx, c);
	struct quic_state *qs = quic_state_of(st);
	struct cur in = *dg;
	bool first = true;

	st->d[dir].last_frame = frame;
	if (c->quic.t_first[dir] == 0)
		c->quic.t_first[dir] = ts;
	c->quic.datagrams++;
	c->quic.bytes += cur_len(dg);
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

	if (!cur_peek_u8(in, &b0))
		return false;
	if ((b0 & 0x80) == 0) {
		/* a short header: 1-RTT, to the end of the datagram */
		c->quic.packets[QP_1RTT]++;
		if (!first)
			c->quic.coalesced++;
		return false;
	}
	if (!cur_skip(in, 1) || !cur_get_u32(in, &version) ||
	    !cur_get_u8(in, &dcil) || !cur_get_bytes(in, &dcid, dcil) ||
	    !cur_get_u8(in, &scil) || !cur_get_bytes(in, &scid, scil)) {
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "long header cut short");
		return false;
	}
	if (c->quic.version == 0 && version != 0) {
		c->quic.version = version;
		c->quic.known = quic_version_known(version);
	}
	if (!first)
		c->quic.coalesced++;
	if (version == 0) {
		/* Version Negotiation (RFC 9000, 17.2.1): the rest */
		c->quic.packets[QP_VN]++;
		c->quic.vn = true;
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
	c->quic.packets[pt]++;
	if (pt == QP_RETRY) {
		/*
		 * RFC 9000, 17.2.5: the client's next Initial goes to the
		 * Retry's SCID, and its keys come from that (RFC 9001, 5.2).
		 */
		c->quic.retry = true;
		set_odcid(qs, &scid, version);
		/* the client starts its CRYPTO stream again (17.2.5.2) */
		for (d = 0; d < 2; d++) {
			free(qs->cs[QL_INITIAL][d].buf);
			memset(&qs->cs[QL_INITIAL][d], 0,
			    sizeof(qs->cs[QL_INITIAL][d]));
		}
		/* c->quic.odcid keeps the original one */
		return false;
	}
	if (pt == QP_INITIAL && (!get_varint(in, &tlen) || tlen > cur_len(in) ||
	    !cur_get_bytes(in, &token, (size_t)tlen))) {
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "token overruns the datagram");
		return false;
	}
	if (!get_varint(in, &len) || len > cur_len(in)) {
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "Length overruns the datagram");
		return false;
	}
	hdr = cur_len(&start) - cur_len(in);
	if (!cur_get_bytes(&start, &pkt, hdr + (size_t)len) ||
	    !cur_skip(in, (size_t)len))
		return false;	/* cannot happen: checked above */
	if (pt == QP_HANDSHAKE) {
		/* RFC 9001, 4.1.4: opened with the key log's secrets */
		quic_open(c, qs, dir, QL_HANDSHAKE, &pkt, hdr, ts, frame);
	} else if (pt == QP_INITIAL) {
		if (dir == DIR_C2S && !qs->odcid_set) {
			set_odcid(qs, &dcid, version);
			c->quic.odcid_len = qs->odcid_len;
			memcpy(c->quic.odcid, qs->odcid, sizeof(c->quic.odcid));
			c->quic.scid_len = (uint8_t)cur_len(&scid);
			(void)cur_copy(&scid, c->quic.scid, cur_len(&scid));
		} else if (dir == DIR_C2S &&
		    !cur_equal(&dcid, qs->odcid, qs->odcid_len))
			c->quic.cid_changed = true;
		if (qs->odcid_set)
			quic_open(c, qs, dir, QL_INITIAL, &pkt, hdr, ts, frame);
		else
			c->quic.undecryptable++;
	}
	return true;
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
 * handshake_keys derives the Handshake packet keys of "dir" from the key
 * log's handshake traffic secret (RFC 9001, 5.1; RFC 9369, 3.3.2):
 *	key = HKDF-Expand-Label(secret, "quic key", "", key_length)
 *	iv  = HKDF-Expand-Label(secret, "quic iv", "", 12)
 *	hp  = HKDF-Expand-Label(secret, "quic hp", "", key_length)
 */
static bool
handshake_keys(const struct conn *c, const struct quic_state *qs,
    enum dir dir, struct quic_keys *out)
{
	const struct qversion *qv = version_of(qs->version);
	const struct crypto_cipher_info *ci;
	uint8_t secret[KL_SECRET_MAX];
	enum crypto_md md;
	size_t len;
	bool ok;

	if (qv == NULL || c->n_hs == 0 ||
	    !(c->hs[c->n_hs - 1].flags & HSF_HAS_SH) ||
	    !dec_secret(c->dis, &c->hs[c->n_hs - 1], dir == DIR_C2S ?
	    KL_CLIENT_HS : KL_SERVER_HS, secret, &len, &out->cc, &md) ||
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
	    qs->odcid_len, dir, &k->k) : handshake_keys(c, qs, dir, &k->k)) ||
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
		conn_anom(c, dir, frame, ANOM_QUIC_PACKET_INVALID,
		    "packet too short for its header protection sample");
		return;
	}
	if (n > qs->scap) {
		qs->scratch = x_realloc(qs->scratch, 1, n);
		qs->scap = n;
	}
	p = qs->scratch;
	t = *pkt;
	if (!cur_copy(&t, p, n))
		return;
	p[0] ^= mask[0] & ((p[0] & 0x80) ? 0x0f : 0x1f);
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
	quic_frames(c, dir, lv, &body, ts, frame);
	return;
undec:
	if (lv == QL_INITIAL) {
		c->quic.undecryptable++;
		if (!qs->undec_noted[dir]) {
			qs->undec_noted[dir] = true;
			conn_anom(c, dir, frame, ANOM_QUIC_UNDECRYPTABLE, NULL);
		}
	}
}

static const uint8_t zero_set[256] = { [0] = 1 };

/* quic_frames reads the frames of an opened packet (RFC 9000, 19). */
static void
quic_frames(struct conn *c, enum dir dir, enum qlevel lv, struct cur *in,
    uint64_t ts, uint32_t frame)
{
	uint64_t type, a, b, n, i, off, len;
	struct cur data, reason;

	/* Each turn consumes a frame (one byte at least), or ends. */
	while (cur_len(in) > 0) {
		if (!get_varint(in, &type))
			goto bad;
		switch (type) {
		case 0x00:		/* PADDING: a run of zeros */
			(void)cur_skip(in, cur_span(in, zero_set));
			break;
		case 0x01:		/* PING */
			break;
		case 0x02:		/* ACK */
		case 0x03:		/* ACK with ECN counts */
			if (!get_varint(in, &a) || !get_varint(in, &a) ||
			    !get_varint(in, &n) || !get_varint(in, &a))
				goto bad;
			/* each range takes two bytes at least */
			if (n > cur_len(in) / 2)
				goto bad;
			for (i = 0; i < n; i++)
				if (!get_varint(in, &a) || !get_varint(in, &b))
					goto bad;
			if (type == 0x03 && (!get_varint(in, &a) ||
			    !get_varint(in, &a) || !get_varint(in, &a)))
				goto bad;
			break;
		case 0x06:		/* CRYPTO */
			if (!get_varint(in, &off) || !get_varint(in, &len) ||
			    len > cur_len(in) ||
			    !cur_get_bytes(in, &data, (size_t)len))
				goto bad;
			c->quic.crypto_frames++;
			quic_crypto(c, dir, lv, off, &data, ts, frame);
			break;
		case 0x1c:		/* CONNECTION_CLOSE, transport */
		case 0x1d:		/* CONNECTION_CLOSE, application */
			b = 0;
			if (!get_varint(in, &a) || (type == 0x1c &&
			    !get_varint(in, &b)) || !get_varint(in, &len) ||
			    len > cur_len(in) ||
			    !cur_get_bytes(in, &reason, (size_t)len))
				goto bad;
			if (!c->quic.closed) {
				c->quic.closed = true;
				c->quic.close_app = type == 0x1d;
				c->quic.close_dir = (uint8_t)dir;
				c->quic.close_frame = frame;
				c->quic.close_code = a;
				c->quic.close_ftype = b;
				(void)conn_bstr(c, &c->quic.close_reason,
				    cur_data(&reason), cur_len(&reason));
			}
			break;
		default:
			/*
			 * Initial and Handshake packets carry no other frame
			 * (RFC 9000, 12.4); their layout is not known here.
			 */
			c->quic.frames_other++;
			conn_anom(c, dir, frame, ANOM_QUIC_FRAME_INVALID,
			    "frame type 0x%llx in a%s packet",
			    (unsigned long long)type,
			    lv == QL_INITIAL ? "n Initial" : " Handshake");
			return;
		}
	}
	return;
bad:
	conn_anom(c, dir, frame, ANOM_QUIC_FRAME_INVALID,
	    "frame overruns its packet");
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

/* quic_crypto puts one CRYPTO frame's data at "off" of its stream. */
static void
quic_crypto(struct conn *c, enum dir dir, enum qlevel lv, uint64_t off,
    const struct cur *data, uint64_t ts, uint32_t frame)
{
	struct quic_state *qs = ((struct tls_state *)c->dis)->quic;
	struct qstream *s = &qs->cs[lv][dir];
	struct cur d = *data;
	uint64_t lo = off, hi;
	size_t len = cur_len(data), ncap;
	uint32_t i;

	if (s->dead || len == 0)
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
		/* Handshake packets opened with the key log: decrypted */
		st->rec_dec = lv == QL_HANDSHAKE;
		hs_parse_body(c, st, &d, type, len, &body,
		    first_of(s, s->next, frame), frame, ts);
		st->rec_dec = false;
		s->next += 4 + (uint64_t)len;
	}
}

void
quic_end(struct conn *c, struct tls_state *st)
{
	struct quic_state *qs = st->quic;
	int lv, d;

	if (qs == NULL)
		return;
	for (lv = 0; lv < QL_N; lv++)
		for (d = 0; d < 2; d++) {
			struct qstream *s = &qs->cs[lv][d];

			if (s->nr > 0 && !s->dead &&
			    (s->r[0].lo != 0 || s->r[0].hi > s->next))
				conn_anom(c, d, st->d[d].last_frame,
				    ANOM_HS_INCOMPLETE,
				    "CRYPTO stream stops at %llu",
				    (unsigned long long)s->next);
			free(s->buf);
			crypto_key_free(qs->keys[lv][d].aead);
		}
	free(qs->scratch);
	free(qs);
	st->quic = NULL;
}
