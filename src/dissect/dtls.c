/*
 * dtls.c: DTLS records and handshake fragments (RFC 6347, 4.1-4.2;
 * RFC 9147, 4-5; RFC 9146, 4), and RFC 7983's demultiplexing.
 *
 * A datagram holds whole records (RFC 6347, 4.1.1: a record never spans
 * datagrams), so nothing of the record layer is buffered. Each record's
 * epoch and sequence number are checked against the direction's last:
 * a number seen before is a replay (counted), one far ahead a jump
 * (ANOM_DTLS_SEQ_JUMP: RFC 6347, 4.1.2.6's window is 64 records).
 *
 * Cleartext records go through record.c as TLS records do; handshake
 * records come back here (dtls_handshake, the st->udp->dtls_hs hook record.c
 * calls) for their fragments:
 *  - a fragment holding a whole message is parsed in place;
 *  - others are copied into one of LIM_DTLS_MSGS partial messages per
 *    direction, with the byte ranges received (at most LIM_DTLS_RANGES
 *    disjoint ones) and LIM_DTLS_REASM bytes held in all, and the message
 *    is parsed when the ranges cover it;
 *  - message_seq numbers completed are remembered (a 64-wide window):
 *    fragments of one of them again are its retransmission, an event with
 *    EVF_RETRANS, and the first sending's "count" says how often it came.
 * A ChangeCipherSpec, or an encrypted handshake record of an epoch whose
 * Finished was seen, sent again is a retransmission likewise.
 *
 * DTLS 1.3 records after the ServerHello have the unified header (RFC
 * 9147, 4): the low two bits of the epoch tell the handshake's (2) from
 * application data (3 and on) without keys; the sequence number is
 * itself encrypted. A side is finished when it moves on to epoch 3, or
 * when its peer answers its epoch-2 flight.
 */
#include "dissect/dtls.h"

#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/decrypt.h"
#include "dissect/hs.h"
#include "dissect/record.h"

/* RFC 6347, 4.1: type, version, epoch, sequence_number, length. */
#define DTLS_HDR_LEN	13
/* RFC 6347, 4.2.2: msg_type, length, message_seq, fragment_offset,
 * fragment_length. */
#define DTLS_HS_HDR_LEN	12
/* RFC 6347, 4.1.2.6: the replay window's (minimum) size. */
#define DTLS_WINDOW	64

struct dtls_range {
	uint32_t	 lo, hi;	/* [lo, hi) */
};

/* A handshake message being reassembled. */
struct dtls_msg {
	bool		 used;
	uint8_t		 type;
	uint16_t	 seq;		/* message_seq */
	uint32_t	 len;		/* the message's length */
	uint32_t	 first;		/* frame of its first fragment */
	uint8_t		*buf;
	uint32_t	 n_rng;
	struct dtls_range rng[LIM_DTLS_RANGES];
};

/* Per direction; it moves with its struct tls_dir when roles flip. */
struct dtls_dir {
	/* record numbers */
	bool		 seq_any;
	uint16_t	 epoch;
	uint64_t	 max_seq;
	uint64_t	 win;		/* bit i: max_seq - i seen */
	/* messages completed: bit i of "done" is message_seq base + i, and
	 * orig[i] its event's index + 1 (0: none) */
	uint32_t	 base;
	uint64_t	 done;
	uint32_t	 orig[DTLS_WINDOW];
	/* messages partial */
	struct dtls_msg	 msg[LIM_DTLS_MSGS];
	size_t		 held;
	/* flights without message numbers */
	uint32_t	 ccs_ev;	/* the CCS event's index + 1 */
	uint16_t	 ccs_epoch;
	uint32_t	 enc_ev;	/* the sealed Finished's index + 1 */
	uint16_t	 enc_epoch;
	/* DTLS 1.3 epochs sent */
	bool		 e2, e3;
};

static struct dtls_dir *dtls_dir(struct tls_state *, enum dir);
static void	dtls_handshake(struct conn *, struct tls_state *, enum dir *,
		    struct cur *, uint32_t, uint32_t, uint64_t);
static bool	dtls_plain(struct conn *, struct tls_state *, enum dir *,
		    struct cur *, uint64_t, uint32_t);
static bool	dtls_unified(struct conn *, struct tls_state *, enum dir *,
		    struct cur *, uint64_t, uint32_t);
static void	dtls_seq(struct conn *, struct dtls_dir *, enum dir, uint16_t,
		    uint64_t, uint32_t);
static void	dtls_fragment(struct conn *, struct tls_state *, enum dir *,
		    uint8_t, uint32_t, uint16_t, uint32_t, struct cur *,
		    uint32_t, uint64_t);
static void	dtls_deliver(struct conn *, struct tls_state *, enum dir *,
		    uint8_t, uint32_t, uint16_t, const struct cur *, uint32_t,
		    uint32_t, uint64_t);
static bool	dtls_done(const struct dtls_dir *, uint16_t);
static void	dtls_mark(struct dtls_dir *, uint16_t, uint32_t);
static bool	dtls_add_range(struct dtls_msg *, uint32_t, uint32_t);
static void	dtls_drop(struct dtls_dir *, struct dtls_msg *);
static void	dtls_retrans(struct conn *, struct tls_state *, enum dir,
		    uint32_t, uint8_t, uint8_t, uint32_t, uint32_t, uint64_t);
static void	dtls13_record(struct conn *, struct tls_state *, enum dir,
		    uint8_t, const struct rec_hdr *, const struct cur *,
		    size_t, size_t, uint32_t, uint64_t);

bool
dtls_is_version(uint16_t v)
{
	return v == 0xfeff || v == 0xfefd || v == 0xfefc || v == 0x0100;
}

enum dtls_demux
dtls_demux(const struct cur *dg)
{
	uint8_t b;

	if (!cur_peek_u8(dg, &b))
		return DMX_OTHER;
	if (b <= 3)
		return DMX_STUN;
	if (b >= 16 && b <= 19)
		return DMX_ZRTP;
	if (b >= 20 && b <= 63)
		return DMX_DTLS;
	if (b >= 64 && b <= 79)
		return DMX_TURN;
	if (b >= 128 && b <= 191)
		return DMX_RTP;
	return DMX_OTHER;
}

/*
 * RFC 6347, 4.1:
 *	struct { ContentType type; ProtocolVersion version; uint16 epoch;
 *	    uint48 sequence_number; uint16 length;
 *	    opaque fragment[DTLSPlaintext.length]; } DTLSPlaintext;
 */
bool
dtls_plausible(const struct cur *dg)
{
	struct cur m = *dg;
	uint8_t type, mt;
	uint16_t ver, epoch, len, mseq;
	uint32_t hi, mlen, off, flen;

	return cur_get_u8(&m, &type) && type == REC_HANDSHAKE &&
	    cur_get_u16(&m, &ver) && dtls_is_version(ver) &&
	    cur_get_u16(&m, &epoch) && epoch == 0 && cur_get_u32(&m, &hi) &&
	    cur_get_u16(&m, &mseq) && cur_get_u16(&m, &len) &&
	    len <= cur_len(&m) && len >= DTLS_HS_HDR_LEN &&
	    cur_get_u8(&m, &mt) && mt >= HS_CLIENT_HELLO &&
	    mt <= HS_HELLO_VERIFY_REQUEST && cur_get_u24(&m, &mlen) &&
	    cur_get_u16(&m, &mseq) && cur_get_u24(&m, &off) &&
	    cur_get_u24(&m, &flen) && off <= mlen && flen <= mlen - off &&
	    flen <= (uint32_t)len - DTLS_HS_HDR_LEN;
}

static struct dtls_dir *
dtls_dir(struct tls_state *st, enum dir dir)
{
	if (st->d[dir].dt == NULL)
		st->d[dir].dt = x_calloc(1, sizeof(struct dtls_dir));
	return st->d[dir].dt;
}

/* record_event: with -vv each record is a transport event too. */
static void
record_event(struct conn *c, enum dir dir, uint8_t type, uint16_t epoch,
    size_t len, uint64_t ts, uint32_t frame)
{
	struct event *e;

	if (!model_opts.keep_segments || (e = conn_add_event(c, (uint8_t)dir,
	    EV_DTLS_RECORD, ts, frame, len > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)len)) == NULL)
		return;
	e->sub = type;
	e->sub2 = epoch > 255 ? 255 : (uint8_t)epoch;
}

void
dtls_datagram(struct tls_ctx *ctx, struct conn *c, enum dir dir,
    const struct cur *dg, uint64_t ts, uint32_t frame)
{
	struct tls_state *st = state_of(ctx, c);
	struct cur in = *dg;
	uint8_t b;

	st->dtls = true;
	state_udp(st)->dtls_hs = dtls_handshake;
	st->d[dir].last_frame = frame;
	conn_udp(c)->dtls.packets++;
	conn_udp(c)->dtls.bytes += cur_len(dg);
	if (dtls_demux(dg) != DMX_DTLS) {
		conn_udp(c)->dtls.demuxed++;
		return;
	}
	/* Each turn consumes a record header at least, or ends. */
	while (cur_peek_u8(&in, &b)) {
		if ((b & 0xe0) == 0x20) {
			if (!dtls_unified(c, st, &dir, &in, ts, frame))
				return;
		} else if (!dtls_plain(c, st, &dir, &in, ts, frame))
			return;
	}
}

/* dtls_seq follows the record numbers of a direction, epoch by epoch. */
static void
dtls_seq(struct conn *c, struct dtls_dir *dt, enum dir dir, uint16_t epoch,
    uint64_t seq, uint32_t frame)
{
	uint64_t d;

	if (!dt->seq_any || epoch > dt->epoch) {
		dt->seq_any = true;
		dt->epoch = epoch;
		dt->max_seq = seq;
		dt->win = 1;
		return;
	}
	if (epoch < dt->epoch)
		return;		/* an earlier flight sent again */
	if (seq > dt->max_seq) {
		d = seq - dt->max_seq;
		if (d > DTLS_WINDOW) {
			conn_udp(c)->dtls.seq_jumps++;
			conn_anom(c, dir, frame, ANOM_DTLS_SEQ_JUMP,
			    "record %llu of epoch %u after %llu",
			    (unsigned long long)seq, epoch,
			    (unsigned long long)dt->max_seq);
		}
		dt->win = d >= DTLS_WINDOW ? 1 : dt->win << d | 1;
		dt->max_seq = seq;
		return;
	}
	d = dt->max_seq - seq;
	if (d >= DTLS_WINDOW)
		return;
	if (dt->win & (1ULL << d))
		conn_udp(c)->dtls.replays++;
	dt->win |= 1ULL << d;
}

/*
 * dtls_plain reads one record with the full header (RFC 6347, 4.1; RFC
 * 9146, 4 for tls12_cid, whose CID sits before the length):
 *	struct { ContentType outer_type = tls12_cid; ProtocolVersion version;
 *	    uint16 epoch; uint48 sequence_number; opaque cid[cid_length];
 *	    uint16 length; opaque enc_content[length]; } DTLSCiphertext;
 */
static bool
dtls_plain(struct conn *c, struct tls_state *st, enum dir *dirp,
    struct cur *in, uint64_t ts, uint32_t frame)
{
	struct cur m = *in, rec;
	struct dtls_dir *dt;
	struct tls_dir *d;
	struct rec_hdr h;
	uint8_t type;
	uint16_t ver, epoch, hi, len;
	uint32_t lo, n0;
	size_t hdr = DTLS_HDR_LEN;

	if (!cur_get_u8(&m, &type) || !cur_get_u16(&m, &ver) ||
	    !cur_get_u16(&m, &epoch) || !cur_get_u16(&m, &hi) ||
	    !cur_get_u32(&m, &lo)) {
		conn_anom(c, *dirp, frame, ANOM_REC_INCOMPLETE,
		    "datagram ends %zu bytes into a record header",
		    cur_len(in));
		return false;
	}
	if (type < REC_CCS || type > REC_ACK || !dtls_is_version(ver)) {
		conn_anom(c, *dirp, frame, ANOM_REC_INVALID,
		    "DTLS record of type %u, version 0x%04x", type, ver);
		return false;
	}
	if (type == REC_TLS12_CID) {
		conn_udp(c)->dtls.cid = true;
		if (!state_udp(st)->cid_known[*dirp]) {
			/* Its CID length is unknown: the rest is the record. */
			len = (uint16_t)(cur_len(&m) > 0xffff ? 0xffff :
			    cur_len(&m));
			hdr = cur_len(in) - len;
			goto have_len;
		}
		if (!cur_skip(&m, state_udp(st)->cid_len[*dirp]))
			goto short_hdr;
		hdr += state_udp(st)->cid_len[*dirp];
	}
	if (!cur_get_u16(&m, &len))
		goto short_hdr;
have_len:
	if (len > cur_len(&m)) {
		conn_anom(c, *dirp, frame, ANOM_REC_INCOMPLETE,
		    "datagram ends %zu bytes into a record of %u",
		    cur_len(&m), len);
		return false;
	}
	cur_get_bytes(in, &rec, hdr + len);
	record_event(c, *dirp, type, epoch, cur_len(&rec), ts, frame);
	dt = dtls_dir(st, *dirp);
	d = &st->d[*dirp];
	dtls_seq(c, dt, *dirp, epoch, (uint64_t)hi << 32 | lo, frame);
	conn_udp(c)->dtls.records++;
	state_udp(st)->dtls_epoch = epoch;
	state_udp(st)->dtls_seq = (uint64_t)hi << 32 | lo;
	memset(&h, 0, sizeof(h));
	h.type = type;
	h.version = ver;
	h.len = len;
	h.hdr_len = (uint8_t)hdr;
	if (type == REC_ACK) {
		/* RFC 9147, 7: acknowledgements carry no message. */
		c->is_tls = true;
		return true;
	}
	if (type == REC_TLS12_CID)
		/* Its inner type is sealed: a first record after the CCS
		 * stands for the Finished, as an encrypted handshake. */
		h.type = d->ccs && !d->finished ? REC_HANDSHAKE : REC_APPDATA;
	if (h.type == REC_CCS && dt->ccs_ev != 0 && dt->ccs_epoch == epoch) {
		dtls_retrans(c, st, *dirp, dt->ccs_ev, EV_CCS, 0, len, frame,
		    ts);
		return true;
	}
	if (h.type == REC_HANDSHAKE && epoch > 0 && st->dec == NULL &&
	    d->finished && dt->enc_ev != 0 && dt->enc_epoch == epoch) {
		dtls_retrans(c, st, *dirp, dt->enc_ev, EV_ENC_HANDSHAKE, 0,
		    len, frame, ts);
		return true;
	}
	n0 = c->n_ev;
	state_udp(st)->dtls_nodec = type == REC_TLS12_CID;
	rec_record(c, st, dirp, &h, &rec, frame, frame, ts);
	state_udp(st)->dtls_nodec = false;
	dt = st->d[*dirp].dt;
	if (c->n_ev > n0 && c->ev[c->n_ev - 1].type == EV_CCS &&
	    h.type == REC_CCS) {
		dt->ccs_ev = c->n_ev;
		dt->ccs_epoch = epoch;
	} else if (c->n_ev > n0 && c->ev[c->n_ev - 1].type ==
	    EV_ENC_HANDSHAKE && dt->enc_ev == 0) {
		dt->enc_ev = c->n_ev;
		dt->enc_epoch = epoch;
	}
	return true;
short_hdr:
	conn_anom(c, *dirp, frame, ANOM_REC_INCOMPLETE,
	    "datagram ends %zu bytes into a record header", cur_len(in));
	return false;
}

/*
 * RFC 9147, 4:
 *	0 1 2 3 4 5 6 7
 *	0|0|1|C|S|L|E E		C: CID present, S: 16-bit sequence number,
 *	Connection ID		L: length present, EE: low bits of the epoch
 *	8 or 16 bit sequence number
 *	16 bit length (if present)
 * Without a length the record runs to the end of the datagram; a CID of
 * a length not negotiated in the hellos seen leaves it at that too.
 */
static bool
dtls_unified(struct conn *c, struct tls_state *st, enum dir *dirp,
    struct cur *in, uint64_t ts, uint32_t frame)
{
	struct cur m = *in, rec;
	struct rec_hdr h;
	uint8_t b = 0, s8;
	uint16_t s16, len;
	size_t sn_off = 0, sn_len = 0;
	bool whole = false;

	cur_get_u8(&m, &b);
	conn_udp(c)->dtls.unified = true;
	if (b & 0x10) {
		conn_udp(c)->dtls.cid = true;
		if (!state_udp(st)->cid_known[*dirp])
			whole = true;
		else if (!cur_skip(&m, state_udp(st)->cid_len[*dirp]))
			goto short_hdr;
	}
	sn_off = cur_len(in) - cur_len(&m);
	sn_len = (b & 0x08) ? 2 : 1;
	if (!whole && ((b & 0x08) ? !cur_get_u16(&m, &s16) :
	    !cur_get_u8(&m, &s8)))
		goto short_hdr;
	if (!whole && (b & 0x04)) {
		if (!cur_get_u16(&m, &len))
			goto short_hdr;
		if (len > cur_len(&m)) {
			conn_anom(c, *dirp, frame, ANOM_REC_INCOMPLETE,
			    "datagram ends %zu bytes into a record of %u",
			    cur_len(&m), len);
			return false;
		}
	} else {
		if (whole)
			cur_init(&m, NULL, 0);
		len = (uint16_t)(cur_len(&m) > 0xffff ? 0xffff : cur_len(&m));
	}
	memset(&h, 0, sizeof(h));
	h.len = whole ? (uint32_t)(cur_len(in) > 0xffff ? 0xffff :
	    cur_len(in)) : len;
	h.hdr_len = (uint8_t)(whole ? 0 : cur_len(in) - cur_len(&m));
	h.version = 0xfefc;
	if (!cur_get_bytes(in, &rec, (size_t)h.hdr_len + h.len))
		cur_get_bytes(in, &rec, cur_len(in));
	record_event(c, *dirp, b, b & 3, cur_len(&rec), ts, frame);
	conn_udp(c)->dtls.records++;
	dtls13_record(c, st, *dirp, b & 3, &h, &rec, whole ? 0 : sn_off,
	    whole ? 0 : sn_len, frame, ts);
	return true;
short_hdr:
	conn_anom(c, *dirp, frame, ANOM_REC_INCOMPLETE,
	    "datagram ends %zu bytes into a unified header", cur_len(in));
	return false;
}

/*
 * dtls13_record: a DTLS 1.3 record under the unified header. Epoch 2
 * (low bits 2) carries the encrypted handshake, 1 early data, the others
 * application data (RFC 9147, 6.1).
 */
static void
dtls13_record(struct conn *c, struct tls_state *st, enum dir dir,
    uint8_t ee, const struct rec_hdr *h, const struct cur *rec,
    size_t sn_off, size_t sn_len, uint32_t frame, uint64_t ts)
{
	struct dtls_dir *dt = dtls_dir(st, dir), *peer;
	enum dir other = dir == DIR_C2S ? DIR_S2C : DIR_C2S;
	struct rec_hdr a = *h;
	struct cur hdr, body, plain;
	struct event *e;

	c->is_tls = true;
	if (sn_len > 0 && st->dec != NULL && cur_sub(rec, &hdr, 0, h->hdr_len) &&
	    cur_sub(rec, &body, h->hdr_len, cur_len(rec) - h->hdr_len) &&
	    dec_dtls13(c, st, dir, ee, &hdr, sn_off, sn_len, &body, frame,
	    &plain, &a.type) == DEC_OK) {
		/* Opened: its inner type goes through record.c. */
		a.len = (uint32_t)cur_len(&plain);
		a.hdr_len = 0;
		if (a.type == REC_APPDATA) {
			st->cli_enc13 = st->flight13_done = true;
			a.len = h->len;
		}
		state_udp(st)->dtls_epoch = ee;
		st->rec_dec = true;
		rec_record(c, st, &dir, &a, &plain, frame, frame, ts);
		st->rec_dec = false;
		return;
	}
	peer = dtls_dir(st, other);
	if (ee == 2) {
		dt->e2 = true;
		/* The client's flight answers the server's whole one. */
		if (dir == DIR_C2S && peer->e2 && !st->d[other].finished)
			hs_finished(c, st, other, ts);
		if ((e = hs_event(c, st, dir, EV_ENC_HANDSHAKE, ts, frame,
		    frame, h->len)) != NULL)
			e->flags |= EVF_ENCRYPTED;
		return;
	}
	if (ee != 1) {
		dt->e3 = true;
		if (dt->e2 && !st->d[dir].finished)
			hs_finished(c, st, dir, ts);
		if (dir == DIR_S2C && peer->e2 && !st->d[other].finished)
			hs_finished(c, st, other, ts);
	}
	/* Known to be application data: record.c need not infer it. */
	st->cli_enc13 = st->flight13_done = true;
	state_udp(st)->dtls_epoch = ee;
	a.type = REC_APPDATA;
	rec_record(c, st, &dir, &a, rec, frame, frame, ts);
}

static void
dtls_retrans(struct conn *c, struct tls_state *st, enum dir dir,
    uint32_t orig, uint8_t type, uint8_t sub, uint32_t len, uint32_t frame,
    uint64_t ts)
{
	struct event *e;
	uint32_t n;

	conn_udp(c)->dtls.retransmits++;
	if (orig != 0 && orig <= c->n_ev &&
	    (n = conn_ev_count(c, &c->ev[orig - 1])) < UINT32_MAX)
		conn_ev_set_count(c, &c->ev[orig - 1], n + 1);
	if ((e = hs_event(c, st, dir, type, ts, frame, frame, len)) == NULL)
		return;
	e->sub = sub;
	e->flags |= EVF_RETRANS;
	if (type == EV_ENC_HANDSHAKE)
		e->flags |= EVF_ENCRYPTED;
}

/*
 * RFC 6347, 4.2.2:
 *	struct { HandshakeType msg_type; uint24 length; uint16 message_seq;
 *	    uint24 fragment_offset; uint24 fragment_length;
 *	    select (HandshakeType) { ... } body; } Handshake;
 *
 * dtls_handshake (st->udp->dtls_hs, for record.c) takes the body of a
 * cleartext (or opened) DTLS handshake record: its fragments. Complete
 * messages go to hs_parse_body once; a fragment of a message already
 * complete is a retransmission. ANOM_DTLS_FRAG_INVALID for a header that overruns or
 * contradicts its message, ANOM_DTLS_FRAG_CAP past LIM_DTLS_* caps.
 */
static void
dtls_handshake(struct conn *c, struct tls_state *st, enum dir *dirp,
    struct cur *body, uint32_t first, uint32_t frame, uint64_t ts)
{
	struct cur frag;
	uint8_t type;
	uint16_t mseq;
	uint32_t len, off, flen;

	(void)first;
	/* Each turn consumes a fragment header at least, or ends. */
	while (cur_len(body) > 0) {
		if (!cur_get_u8(body, &type) || !cur_get_u24(body, &len) ||
		    !cur_get_u16(body, &mseq) || !cur_get_u24(body, &off) ||
		    !cur_get_u24(body, &flen) ||
		    !cur_get_bytes(body, &frag, flen)) {
			conn_anom(c, *dirp, frame, ANOM_DTLS_FRAG_INVALID,
			    "fragment header or body overruns the record");
			return;
		}
		if (off > len || flen > len - off) {
			conn_anom(c, *dirp, frame, ANOM_DTLS_FRAG_INVALID,
			    "fragment %u+%u of message %u beyond its %u bytes",
			    off, flen, mseq, len);
			continue;
		}
		dtls_fragment(c, st, dirp, type, len, mseq, off, &frag, frame,
		    ts);
	}
}

static void
dtls_fragment(struct conn *c, struct tls_state *st, enum dir *dirp,
    uint8_t type, uint32_t len, uint16_t mseq, uint32_t off,
    struct cur *frag, uint32_t frame, uint64_t ts)
{
	struct dtls_dir *dt = dtls_dir(st, *dirp);
	struct dtls_msg *m = NULL;
	struct cur whole;
	uint32_t i, flen = (uint32_t)cur_len(frag);
	struct event *e;

	if (dtls_done(dt, mseq)) {
		i = mseq >= dt->base ? mseq - dt->base : DTLS_WINDOW;
		if (off == 0)
			dtls_retrans(c, st, *dirp, i < DTLS_WINDOW ?
			    dt->orig[i] : 0, EV_HANDSHAKE, type, len, frame,
			    ts);
		else if ((e = hs_event(c, st, *dirp, EV_HANDSHAKE, ts, frame,
		    frame, len)) != NULL) {
			e->sub = type;
			e->flags |= EVF_RETRANS;
		}
		return;
	}
	if (len > st->max_hs_msg) {
		conn_anom(c, *dirp, frame, ANOM_HS_TOO_LARGE,
		    "handshake type %u of %u bytes", type, len);
		dtls_mark(dt, mseq, 0);
		if ((e = hs_event(c, st, *dirp, EV_HANDSHAKE, ts, frame, frame,
		    len)) != NULL) {
			e->sub = type;
			e->flags |= EVF_BAD;
		}
		return;
	}
	for (i = 0; i < LIM_DTLS_MSGS; i++)
		if (dt->msg[i].used && dt->msg[i].seq == mseq) {
			m = &dt->msg[i];
			break;
		}
	if (m == NULL && off == 0 && flen == len) {
		dtls_deliver(c, st, dirp, type, len, mseq, frag, frame, frame,
		    ts);
		return;
	}
	if (m == NULL) {
		for (i = 0; i < LIM_DTLS_MSGS && dt->msg[i].used; i++)
			;
		if (i == LIM_DTLS_MSGS || len > LIM_DTLS_REASM - dt->held) {
			conn_anom(c, *dirp, frame, ANOM_DTLS_FRAG_CAP,
			    "message %u of %u bytes not reassembled", mseq,
			    len);
			return;
		}
		m = &dt->msg[i];
		memset(m, 0, sizeof(*m));
		m->used = true;
		m->type = type;
		m->seq = mseq;
		m->len = len;
		m->first = frame;
		m->buf = x_malloc(len > 0 ? len : 1);
		dt->held += len;
	} else if (m->type != type || m->len != len) {
		conn_anom(c, *dirp, frame, ANOM_DTLS_FRAG_INVALID,
		    "fragment of message %u: type %u length %u, not %u %u",
		    mseq, type, len, m->type, m->len);
		return;
	}
	if (flen > 0) {
		cur_copy(frag, m->buf + off, flen);
		if (!dtls_add_range(m, off, off + flen)) {
			conn_anom(c, *dirp, frame, ANOM_DTLS_FRAG_CAP,
			    "message %u in more than %u pieces", mseq,
			    LIM_DTLS_RANGES);
			dtls_drop(dt, m);
			return;
		}
	}
	if (len > 0 && (m->n_rng != 1 || m->rng[0].lo != 0 ||
	    m->rng[0].hi != len))
		return;
	/* Complete: the slot is freed first, the parse may flip "dt". */
	cur_init(&whole, m->buf, len);
	i = m->first;
	m->used = false;
	dtls_deliver(c, st, dirp, type, len, mseq, &whole, i, frame, ts);
	dt->held -= len;
	free(m->buf);
	m->buf = NULL;
}

static void
dtls_deliver(struct conn *c, struct tls_state *st, enum dir *dirp,
    uint8_t type, uint32_t len, uint16_t mseq, const struct cur *body,
    uint32_t first, uint32_t frame, uint64_t ts)
{
	struct dtls_dir *dt = st->d[*dirp].dt;
	uint32_t n0 = c->n_ev;

	if (!st->hello_seen)
		*dirp = state_orient(c, st, *dirp, type);
	hs_parse_body(c, st, dirp, type, len, body, first, frame, ts);
	dtls_mark(dt, mseq, c->n_ev > n0 ? c->n_ev : 0);
}

static bool
dtls_done(const struct dtls_dir *dt, uint16_t mseq)
{
	if (mseq < dt->base)
		return true;
	if (mseq - dt->base >= DTLS_WINDOW)
		return false;
	return (dt->done >> (mseq - dt->base)) & 1;
}

/* dtls_mark notes message "mseq" complete; the window slides forward. */
static void
dtls_mark(struct dtls_dir *dt, uint16_t mseq, uint32_t ev)
{
	uint32_t shift;

	if (mseq < dt->base)
		return;
	if (mseq - dt->base >= DTLS_WINDOW) {
		shift = mseq - dt->base - (DTLS_WINDOW - 1);
		if (shift >= DTLS_WINDOW) {
			dt->done = 0;
			memset(dt->orig, 0, sizeof(dt->orig));
		} else {
			dt->done >>= shift;
			memmove(dt->orig, dt->orig + shift,
			    (DTLS_WINDOW - shift) * sizeof(dt->orig[0]));
			memset(dt->orig + (DTLS_WINDOW - shift), 0,
			    shift * sizeof(dt->orig[0]));
		}
		dt->base += shift;
	}
	dt->done |= 1ULL << (mseq - dt->base);
	dt->orig[mseq - dt->base] = ev;
}

/*
 * dtls_add_range merges [lo, hi) into the message's sorted disjoint
 * ranges; false when that would need more than LIM_DTLS_RANGES.
 */
static bool
dtls_add_range(struct dtls_msg *m, uint32_t lo, uint32_t hi)
{
	uint32_t i = 0, j, k;

	while (i < m->n_rng && m->rng[i].hi < lo)
		i++;
	/* ranges i..j-1 touch [lo, hi) */
	for (j = i; j < m->n_rng && m->rng[j].lo <= hi; j++) {
		if (m->rng[j].lo < lo)
			lo = m->rng[j].lo;
		if (m->rng[j].hi > hi)
			hi = m->rng[j].hi;
	}
	if (j == i) {
		if (m->n_rng == LIM_DTLS_RANGES)
			return false;
		memmove(&m->rng[i + 1], &m->rng[i],
		    (m->n_rng - i) * sizeof(m->rng[0]));
		m->n_rng++;
	} else if (j > i + 1) {
		k = j - i - 1;
		memmove(&m->rng[i + 1], &m->rng[j],
		    (m->n_rng - j) * sizeof(m->rng[0]));
		m->n_rng -= k;
	}
	m->rng[i].lo = lo;
	m->rng[i].hi = hi;
	return true;
}

static void
dtls_drop(struct dtls_dir *dt, struct dtls_msg *m)
{
	dt->held -= m->len;
	free(m->buf);
	memset(m, 0, sizeof(*m));
}

size_t
dtls_held(const struct tls_state *st, enum dir dir)
{
	return st->d[dir].dt != NULL ? st->d[dir].dt->held : 0;
}

void
dtls_end(struct conn *c, struct tls_state *st)
{
	struct dtls_dir *dt;
	uint32_t i, d;

	for (d = 0; d < 2; d++) {
		if ((dt = st->d[d].dt) == NULL)
			continue;
		for (i = 0; i < LIM_DTLS_MSGS; i++) {
			if (!dt->msg[i].used)
				continue;
			conn_anom(c, (int)d, st->d[d].last_frame,
			    ANOM_HS_INCOMPLETE, "message %u of type %u: "
			    "fragments missing", dt->msg[i].seq,
			    dt->msg[i].type);
			dtls_drop(dt, &dt->msg[i]);
		}
		free(dt);
		st->d[d].dt = NULL;
	}
}
