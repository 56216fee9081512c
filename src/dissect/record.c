/*
 * record.c: TLS and SSLv2 records (RFC 5246, 6.2; RFC 8446, 5.1; RFC 6101,
 * E.2; draft-hickman-netscape-ssl-00, 1.2) and what each content type
 * means for the ladder: ChangeCipherSpec, alerts, application data runs,
 * heartbeats (RFC 6520), encrypted handshake records.
 *
 * Encryption is inferred, not seen:
 *  - TLS <= 1.2: a side's records are encrypted after its ChangeCipherSpec;
 *    its first handshake record after it stands for its Finished.
 *  - TLS 1.3 (and drafts): after the ServerHello every handshake record is
 *    encrypted. Records of type 23 from the server are its encrypted
 *    handshake flight until the client sends its first type-23 record.
 *    The client's first type-23 records are its flight (Finished, and
 *    Certificate/CertificateVerify with client authentication): the flight
 *    ends with the record whose length is that of an encrypted Finished
 *    (4 + hash + 1 + tag: 16 bytes, 8 for CCM_8), with the third record,
 *    or when the server sends again. Then the handshake is complete; later
 *    type-23 records are application data.
 *  - An alert record is encrypted when its length is not 2 or its side
 *    sent ChangeCipherSpec (TLS <= 1.2).
 *
 * With keys (decrypt.h) a protected record is opened first and its
 * plaintext handled as a cleartext record of its inner type: the events
 * then carry EVF_DECRYPTED, and the inference above is for the records
 * that could not be opened.
 */
#include "dissect/record.h"

#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/decrypt.h"
#include "dissect/keys.h"
#include "dissect/hello.h"
#include "dissect/hs.h"

static void	rec_bad(struct conn *, struct tls_dir *, enum dir,
		    const struct cur *, uint32_t);
static void	rec_dispatch(struct conn *, struct tls_state *, enum dir *,
		    const struct rec_hdr *, struct cur *, uint32_t, uint32_t,
		    uint64_t);
static void	rec_ssl2(struct conn *, struct tls_state *, enum dir *,
		    const struct rec_hdr *, struct cur *, uint32_t, uint32_t,
		    uint64_t);
static void	rec_ccs(struct conn *, struct tls_state *, enum dir,
		    const struct rec_hdr *, struct cur *, uint32_t, uint32_t,
		    uint64_t);
static void	rec_alert(struct conn *, struct tls_state *, enum dir,
		    const struct rec_hdr *, struct cur *, uint32_t, uint32_t,
		    uint64_t);
static void	rec_handshake(struct conn *, struct tls_state *, enum dir *,
		    const struct rec_hdr *, struct cur *, uint32_t, uint32_t,
		    uint64_t);
static void	rec_appdata(struct conn *, struct tls_state *, enum dir,
		    const struct rec_hdr *, uint32_t, uint32_t, uint64_t);
static void	rec_heartbeat(struct conn *, struct tls_state *, enum dir,
		    const struct rec_hdr *, struct cur *, uint32_t, uint32_t,
		    uint64_t);
static void	rec_enc_hs(struct conn *, struct tls_state *, enum dir,
		    uint32_t, uint32_t, uint32_t, uint64_t);

/*
 * rec_need_body says whether a record's bytes must be kept to parse it.
 * Application data is counted by its length only, unless it is to be
 * decrypted (then it is needed) or SSLv2-framed.
 */
bool
rec_need_body(const struct tls_state *st, enum dir dir,
    const struct rec_hdr *h)
{
	return h->ssl2 || h->type != REC_APPDATA ||
	    dec_need_body(st, dir, h->type);
}

void
rec_cleanup(struct tls_dir *d)
{
	free(d->rbuf);
	free(d->hbuf);
	d->rbuf = d->hbuf = NULL;
	d->rlen = d->rcap = d->hlen = d->hcap = 0;
}

/*
 * RFC 8446, 5.1:
 *	struct { ContentType type; ProtocolVersion legacy_record_version;
 *	    uint16 length; opaque fragment[TLSPlaintext.length]; }
 * SSLv2 (draft-hickman-netscape-ssl-00, 1.2): a 2-byte header when the
 * first byte has its high bit set (15-bit length), else 3 bytes (14-bit
 * length and a padding count).
 */
enum rec_hdr_res
rec_parse_header(const struct cur *in, bool ssl2, struct rec_hdr *out)
{
	struct cur m = *in;
	uint8_t b0, b1 = 0, b2 = 0;
	uint16_t v, len;

	if (!cur_peek_u8(&m, &b0))
		return REC_HDR_SHORT;
	if (ssl2) {
		if (!(b0 >= REC_CCS && b0 <= REC_HEARTBEAT))
			goto sslv2;
		if (!cur_peek_at_u8(&m, 1, &b1))
			return REC_HDR_SHORT;
		if (b1 != 3)
			goto sslv2;
	}
	if (cur_len(&m) < REC_HDR_LEN)
		return REC_HDR_SHORT;
	cur_get_u8(&m, &b0);
	cur_get_u16(&m, &v);
	cur_get_u16(&m, &len);
	if ((v >> 8) != 3 || (v & 0xff) > 4)
		return REC_HDR_BAD;
	memset(out, 0, sizeof(*out));
	out->type = b0;
	out->version = v;
	out->len = len;
	out->hdr_len = REC_HDR_LEN;
	return REC_HDR_OK;
sslv2:
	if (!cur_peek_at_u8(&m, 1, &b1) ||
	    (!(b0 & 0x80) && !cur_peek_at_u8(&m, 2, &b2)))
		return REC_HDR_SHORT;
	memset(out, 0, sizeof(*out));
	out->ssl2 = true;
	out->version = 0x0002;
	if (b0 & 0x80) {
		out->len = (uint32_t)(b0 & 0x7f) << 8 | b1;
		out->hdr_len = 2;
	} else {
		out->len = (uint32_t)(b0 & 0x3f) << 8 | b1;
		out->hdr_len = 3;
		out->pad = b2;
	}
	return out->len == 0 ? REC_HDR_BAD : REC_HDR_OK;
}

enum rec_pl
rec_plausible(const struct cur *in, unsigned int flags)
{
	uint8_t b0, b1, b2, b3, b4, b5;
	uint32_t len;

	if (!cur_peek_at_u8(in, 0, &b0))
		return PL_MAYBE;
	if (b0 >= REC_CCS && b0 <= REC_HEARTBEAT) {
		if (b0 != REC_HANDSHAKE && !(flags & PL_ANY_TYPE))
			return PL_NO;
		if (!cur_peek_at_u8(in, 1, &b1))
			return PL_MAYBE;
		if (b1 != 3)
			return PL_NO;
		if (!cur_peek_at_u8(in, 2, &b2))
			return PL_MAYBE;
		if (b2 > 4)
			return PL_NO;
		if (!cur_peek_at_u8(in, 3, &b3) || !cur_peek_at_u8(in, 4, &b4))
			return PL_MAYBE;
		len = (uint32_t)b3 << 8 | b4;
		/* A hello record may run to 2^16-1 bytes: peers send and
		 * accept it (rec_record notes ANOM_REC_LENGTH). */
		if (len == 0 || (len > LIM_RECORD && b0 != REC_HANDSHAKE))
			return PL_NO;
		if (b0 != REC_HANDSHAKE)
			return PL_YES;
		if (!cur_peek_at_u8(in, 5, &b5))
			return PL_MAYBE;
		return b5 == 1 || b5 == 2 || (flags & PL_ANY_TYPE) ? PL_YES :
		    PL_NO;
	}
	if (!(b0 & 0x80))
		return PL_NO;
	if (!cur_peek_at_u8(in, 1, &b1) || !cur_peek_at_u8(in, 2, &b2))
		return PL_MAYBE;
	len = (uint32_t)(b0 & 0x7f) << 8 | b1;
	if (b2 == SSL2_SERVER_HELLO && (flags & PL_SSL2_SERVER))
		return len >= 11 ? PL_YES : PL_NO;
	/* RFC 5246, E.2: msg_type 1, then version 0x0002 or 0x03xx. */
	if (b2 != SSL2_CLIENT_HELLO || len < 9)
		return PL_NO;
	if (!cur_peek_at_u8(in, 3, &b3) || !cur_peek_at_u8(in, 4, &b4))
		return PL_MAYBE;
	return (b3 == 0 && b4 == 2) || (b3 == 3 && b4 <= 4) ? PL_YES : PL_NO;
}

static void
rec_bad(struct conn *c, struct tls_dir *d, enum dir dir, const struct cur *at,
    uint32_t frame)
{
	uint8_t b[3] = { 0, 0, 0 };

	cur_peek_at_u8(at, 0, &b[0]);
	cur_peek_at_u8(at, 1, &b[1]);
	cur_peek_at_u8(at, 2, &b[2]);
	conn_anom(c, dir, frame, ANOM_REC_INVALID,
	    "record header %02x %02x %02x", b[0], b[1], b[2]);
	d->state = DS_STOPPED;
	d->rlen = 0;
	d->rskip = 0;
	d->hlen = 0;
	d->hskip = 0;
}

void
rec_skip_end(struct conn *c, struct tls_state *st, enum dir *dirp,
    uint32_t frame, uint64_t ts)
{
	struct tls_dir *d = &st->d[*dirp];
	struct rec_hdr h;
	struct cur rec;

	d->rskip_done = 0;
	if (d->rskip_lost) {
		/* The rest of a record a gap fell into: nothing to show. */
		d->rskip_lost = false;
		return;
	}
	memset(&h, 0, sizeof(h));
	h.type = d->rskip_type;
	h.hdr_len = d->rskip_hdr_len;
	h.version = d->rskip_version;
	h.len = d->rskip_len;
	cur_init(&rec, NULL, 0);
	rec_record(c, st, dirp, &h, &rec, d->rfirst, frame, ts);
}

void
rec_feed(struct conn *c, struct tls_state *st, enum dir *dirp,
    const struct cur *in, uint64_t ts, uint32_t frame)
{
	struct cur data = *in, rec, buffered;
	struct tls_dir *d;
	struct rec_hdr h;
	enum rec_hdr_res res;
	size_t want, take;

	/* Each turn consumes bytes of "data" or returns. */
	for (;;) {
		d = &st->d[*dirp];
		if (d->state != DS_TLS)
			return;
		if (d->rskip > 0) {
			/* The rest of a record passed over uncopied. */
			take = d->rskip < cur_len(&data) ? d->rskip :
			    cur_len(&data);
			if (take == 0)
				return;
			cur_skip(&data, take);
			d->rskip -= (uint32_t)take;
			d->rskip_done += (uint32_t)take;
			if (d->rskip > 0)
				return;
			rec_skip_end(c, st, dirp, frame, ts);
			continue;
		}
		if (d->rlen == 0) {
			if (cur_len(&data) == 0)
				return;
			res = rec_parse_header(&data, d->ssl2, &h);
			if (res == REC_HDR_BAD) {
				rec_bad(c, d, *dirp, &data, frame);
				return;
			}
			if (res == REC_HDR_OK &&
			    cur_len(&data) - h.hdr_len >= h.len) {
				cur_get_bytes(&data, &rec, h.hdr_len + h.len);
				rec_record(c, st, dirp, &h, &rec, frame, frame,
				    ts);
				continue;
			}
			d->rfirst = frame;
			if (res == REC_HDR_OK && !rec_need_body(st, *dirp, &h)) {
				/* Only its length matters: no copy (the bulk
				 * of a capture is application data). */
				d->rskip_type = h.type;
				d->rskip_hdr_len = (uint8_t)h.hdr_len;
				d->rskip_version = h.version;
				d->rskip_len = h.len;
				d->rskip = (uint32_t)(h.hdr_len + h.len);
				d->rskip_done = 0;
				continue;
			}
		}
		/* The record is split: copy it, the header first. */
		cur_init(&buffered, d->rbuf, d->rlen);
		res = rec_parse_header(&buffered, d->ssl2, &h);
		if (res == REC_HDR_BAD) {
			rec_bad(c, d, *dirp, &buffered, frame);
			return;
		}
		want = res == REC_HDR_SHORT ? d->rlen + 1 :
		    (size_t)h.hdr_len + h.len;
		take = want - d->rlen;
		if (take > cur_len(&data))
			take = cur_len(&data);
		if (take == 0)
			return;
		if (!state_grow(&d->rbuf, &d->rcap, d->rlen + take,
		    REC_MAX_WIRE))
			return;	/* not reached: a header bounds "want" */
		cur_copy(&data, d->rbuf + d->rlen, take);
		d->rlen += take;
		if (res == REC_HDR_SHORT || d->rlen < want)
			continue;
		cur_init(&rec, d->rbuf, d->rlen);
		rec_record(c, st, dirp, &h, &rec, d->rfirst, frame, ts);
		st->d[*dirp].rlen = 0;
		state_trim(&st->d[*dirp].rbuf, &st->d[*dirp].rcap);
	}
}

void
rec_record(struct conn *c, struct tls_state *st, enum dir *dirp,
    const struct rec_hdr *h, const struct cur *rec, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	struct cur body = *rec;

	cur_skip(&body, h->hdr_len);
	c->is_tls = true;
	st->d[*dirp].first_done = true;
	if (h->ssl2) {
		rec_ssl2(c, st, dirp, h, &body, first, frame, ts);
		return;
	}
	if (h->len > LIM_RECORD)
		conn_anom(c, *dirp, frame, ANOM_REC_LENGTH,
		    "record length %u exceeds 2^14+2048", h->len);
	if (h->len == 0 && h->type >= REC_CCS && h->type <= REC_HANDSHAKE) {
		/* RFC 5246, 6.2.1: no zero-length fragments of these. */
		conn_anom(c, *dirp, frame, ANOM_REC_EMPTY,
		    "empty record of type %u", h->type);
		return;
	}
	st->rec_version = h->version;
	if (st->dec != NULL && !st->rec_dec && !state_nodec(st)) {
		struct rec_hdr inner = *h;
		struct cur plain;

		if (cur_len(&body) < h->len || (h->type == REC_APPDATA &&
		    !dec_need_body(st, *dirp, h->type))) {
			/* Passed over (uncopied, or application data that
			 * need not be read): only its number counts. */
			dec_skip(st, *dirp, h->type);
		} else if (dec_record(c, st, *dirp, h, &body, frame, &plain,
		    &inner.type) == DEC_OK) {
			/* Application data keeps its size on the wire,
			 * but for a NULL cipher: the data without its MAC. */
			if (inner.type != REC_APPDATA ||
			    dec_clear(st, *dirp))
				inner.len = (uint32_t)cur_len(&plain);
			st->rec_dec = true;
			rec_dispatch(c, st, dirp, &inner, &plain, first, frame,
			    ts);
			st->rec_dec = false;
			return;
		}
	}
	rec_dispatch(c, st, dirp, h, &body, first, frame, ts);
}

static void
rec_dispatch(struct conn *c, struct tls_state *st, enum dir *dirp,
    const struct rec_hdr *h, struct cur *bodyp, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	struct cur body = *bodyp;
	struct event *e;

	switch (h->type) {
	case REC_CCS:
		rec_ccs(c, st, *dirp, h, &body, first, frame, ts);
		break;
	case REC_ALERT:
		rec_alert(c, st, *dirp, h, &body, first, frame, ts);
		break;
	case REC_HANDSHAKE:
		rec_handshake(c, st, dirp, h, &body, first, frame, ts);
		break;
	case REC_APPDATA:
		rec_appdata(c, st, *dirp, h, first, frame, ts);
		break;
	case REC_HEARTBEAT:
		rec_heartbeat(c, st, *dirp, h, &body, first, frame, ts);
		break;
	case REC_ACK:
		/* RFC 9147, 7: a DTLS 1.3 acknowledgement, no message. */
		if (st->dtls)
			break;
		/* FALLTHROUGH */
	default:
		conn_anom(c, *dirp, frame, ANOM_REC_INVALID,
		    "unknown content type %u", h->type);
		if ((e = hs_event(c, st, *dirp, EV_UNKNOWN_RECORD, ts, first,
		    frame, h->len)) != NULL)
			e->sub = h->type;
		break;
	}
}

/*
 * SSLv2: CLIENT-HELLO and CLIENT-MASTER-KEY from the client and the first
 * SERVER-HELLO are in the clear; later messages are encrypted. Without
 * keys the handshake ends with the client's first encrypted message and
 * the server's second.
 */
static void
rec_ssl2(struct conn *c, struct tls_state *st, enum dir *dirp,
    const struct rec_hdr *h, struct cur *body, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	struct tls_dir *d = &st->d[*dirp];
	struct tls_hs *hs;
	struct event *e;
	uint8_t mt = 0, evf = 0;
	bool clear;

	clear = !d->enc && cur_peek_u8(body, &mt);
	if (clear && d->n_ssl2 == 0 && mt == SSL2_CLIENT_HELLO) {
		*dirp = state_orient(c, st, *dirp, 1);
		st->d[DIR_C2S].ssl2 = st->d[DIR_S2C].ssl2 = true;
		if ((hs = state_hs(c, st)) != NULL &&
		    !(hs->flags & HSF_HAS_CH)) {
			hs->t_start = ts;
			if (!hello_parse_ssl2_client(c, hs, *dirp, frame, body))
				evf = EVF_BAD;
		}
	} else if (clear && d->n_ssl2 == 0 && mt == SSL2_SERVER_HELLO) {
		*dirp = state_orient(c, st, *dirp, 2);
		if ((hs = state_hs(c, st)) != NULL &&
		    !(hs->flags & HSF_HAS_SH) &&
		    !hello_parse_ssl2_server(c, hs, *dirp, frame, body))
			evf = EVF_BAD;
		/* A session-id hit: the client sends no CLIENT-MASTER-KEY
		 * and encrypts from now on. */
		if (hs != NULL && (hs->flags & HSF_RESUMED))
			st->d[*dirp ^ 1].enc = true;
	} else if (!clear)
		evf = EVF_ENCRYPTED;
	d = &st->d[*dirp];
	if (!clear) {
		/* draft-hickman-netscape-ssl-00, 2.5 and 2.6: the client's
		 * first encrypted message is its CLIENT-FINISHED, the
		 * server's are SERVER-VERIFY then SERVER-FINISHED. */
		if ((*dirp == DIR_C2S && d->n_ssl2_enc == 0) ||
		    (*dirp == DIR_S2C && d->n_ssl2_enc == 1))
			hs_finished(c, st, *dirp, ts);
		if (d->n_ssl2_enc < UINT8_MAX)
			d->n_ssl2_enc++;
	}
	/* The server encrypts after its SERVER-HELLO, the client after its
	 * CLIENT-MASTER-KEY. */
	if (clear && (*dirp == DIR_S2C || mt == SSL2_CLIENT_MASTER_KEY))
		d->enc = true;
	d->n_ssl2++;
	if ((e = hs_event(c, st, *dirp, EV_SSL2, ts, first, frame, h->len)) !=
	    NULL) {
		e->sub = clear ? mt : 0;
		e->flags |= evf;
	}
}

/* RFC 5246, 7.1: struct { enum { change_cipher_spec(1), (255) } type; } */
static void
rec_ccs(struct conn *c, struct tls_state *st, enum dir dir,
    const struct rec_hdr *h, struct cur *body, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	struct tls_dir *d = &st->d[dir];
	/* A renegotiation's CCS travels under the current keys. */
	bool sealed = !st->tls13 && d->enc && !st->rec_dec;

	hs_event(c, st, dir, EV_CCS, ts, first, frame, h->len);
	if (sealed) {
		if (c->n_ev > 0 && c->ev[c->n_ev - 1].type == EV_CCS)
			c->ev[c->n_ev - 1].flags |= EVF_ENCRYPTED;
	} else if (!cur_equal(body, "\x01", 1))
		conn_anom(c, dir, frame, ANOM_CCS_INVALID,
		    "ChangeCipherSpec of %u bytes", h->len);
	if (dir == DIR_S2C)
		hs_server_next(c, st, true);
	/* RFC 8446, D.4: in TLS 1.3 it is only for middleboxes. */
	if (!st->tls13) {
		d->ccs = true;
		d->enc = true;
		keys_ccs(c, st, dir);
	}
}

/*
 * RFC 8446, 6:
 *	struct { AlertLevel level; AlertDescription description; } Alert;
 */
static void
rec_alert(struct conn *c, struct tls_state *st, enum dir dir,
    const struct rec_hdr *h, struct cur *body, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	struct tls_hs *hs = state_hs(c, st);
	struct alert a;
	struct event *e;

	memset(&a, 0, sizeof(a));
	a.dir = (uint8_t)dir;
	a.frame = frame;
	if (h->len != 2 || (!st->rec_dec && (st->dtls ? state_epoch(st) > 0 :
	    st->d[dir].ccs && !st->tls13))) {
		a.encrypted = true;
		if ((e = hs_event(c, st, dir, EV_ENC_ALERT, ts, first, frame,
		    h->len)) != NULL)
			e->flags |= EVF_ENCRYPTED;
		if (hs != NULL)
			conn_add_alert(c, hs, &a);
		return;
	}
	cur_get_u8(body, &a.level);
	cur_get_u8(body, &a.desc);
	if ((e = hs_event(c, st, dir, EV_ALERT, ts, first, frame, h->len)) !=
	    NULL) {
		e->sub = a.level;
		e->sub2 = a.desc;
	}
	if (a.level != 1 && a.level != 2)
		conn_anom(c, dir, frame, ANOM_ALERT_INVALID,
		    "alert level %u", a.level);
	if (hs == NULL)
		return;
	conn_add_alert(c, hs, &a);
	/* RFC 8446, 6.2: a fatal alert ends the handshake. */
	if (a.level == 2 && !(hs->flags & HSF_COMPLETE))
		hs->flags |= HSF_FAILED;
}

static void
rec_enc_hs(struct conn *c, struct tls_state *st, enum dir dir,
    uint32_t first, uint32_t frame, uint32_t len, uint64_t ts)
{
	struct event *e;

	if ((e = hs_event(c, st, dir, EV_ENC_HANDSHAKE, ts, first, frame,
	    len)) != NULL)
		e->flags |= EVF_ENCRYPTED;
}

static void
rec_handshake(struct conn *c, struct tls_state *st, enum dir *dirp,
    const struct rec_hdr *h, struct cur *body, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	struct tls_dir *d = &st->d[*dirp];
	uint8_t t;
	/* DTLS: the record's epoch says whether it is protected. */
	bool sealed = st->dtls ? state_epoch(st) > 0 : d->enc || st->sh13;

	if (sealed && !st->rec_dec) {
		rec_enc_hs(c, st, *dirp, first, frame, h->len, ts);
		if (*dirp == DIR_S2C)
			hs_server_next(c, st, false);
		if (!st->tls13 && d->ccs && !d->finished)
			hs_finished(c, st, *dirp, ts);
		return;
	}
	if (st->dtls) {
		if (st->udp != NULL && st->udp->dtls_hs != NULL)
			st->udp->dtls_hs(c, st, dirp, body, first, frame, ts);
		return;
	}
	if (!state_hs_record(d, body))
		return;
	if (!st->hello_seen && d->hlen == 0 && d->hskip == 0 &&
	    cur_peek_u8(body, &t))
		*dirp = state_orient(c, st, *dirp, t);
	hs_feed(c, st, dirp, body, first, frame, ts);
}

static void
rec_appdata(struct conn *c, struct tls_state *st, enum dir dir,
    const struct rec_hdr *h, uint32_t first, uint32_t frame, uint64_t ts)
{
	struct tls_dir *d = &st->d[dir];
	struct event *e;

	if (st->rec_dec) {
		/* Opened: it is application data, whatever the flight. */
		if (st->sh13 && dir == DIR_S2C && st->cli_enc13 &&
		    !st->flight13_done) {
			st->flight13_done = true;
			hs_finished(c, st, DIR_C2S, st->t_flight13);
		}
		goto count;
	}
	if (st->sh13 && dir == DIR_S2C && !st->cli_enc13) {
		/* The server's encrypted flight. */
		rec_enc_hs(c, st, dir, first, frame, h->len, ts);
		st->d[DIR_S2C].finished = true;
		return;
	}
	if (st->sh13 && dir == DIR_S2C && !st->flight13_done) {
		/* The server answers: the client's flight was over. */
		st->flight13_done = true;
		hs_finished(c, st, DIR_C2S, st->t_flight13);
	}
	if (st->sh13 && dir == DIR_C2S && !st->flight13_done) {
		st->cli_enc13 = true;
		st->t_flight13 = ts;
		rec_enc_hs(c, st, dir, first, frame, h->len, ts);
		if (++d->n_flight13 >= 3 ||
		    h->len == 4u + st->fin_hash_len + 1 + st->fin_tag_len) {
			st->flight13_done = true;
			hs_finished(c, st, dir, ts);
		}
		return;
	}
count:
	/* A run of application data in one direction is one event. */
	if (!model_opts.appdata_each && c->n_ev > 0) {
		e = &c->ev[c->n_ev - 1];
		if (e->type == EV_APPDATA && e->dir == dir &&
		    (e->flags & EVF_DECRYPTED) == (st->rec_dec ?
		    EVF_DECRYPTED : 0)) {
			conn_ev_set_count(c, e, conn_ev_count(c, e) + 1);
			e->len = e->len > UINT32_MAX - h->len ? UINT32_MAX :
			    e->len + h->len;
			conn_ev_set_frame(c, e, frame);
			e->ts = ts;
			return;
		}
	}
	/* -v shows a decrypted record's inner content type. */
	if ((e = hs_event(c, st, dir, EV_APPDATA, ts, first, frame,
	    h->len)) != NULL && st->rec_dec)
		e->sub = h->type;
}

/*
 * RFC 6520, 4:
 *	struct { HeartbeatMessageType type; uint16 payload_length;
 *	    opaque payload[HeartbeatMessage.payload_length];
 *	    opaque padding[padding_length]; } HeartbeatMessage;
 * "The padding_length MUST be at least 16": a payload_length beyond the
 * record minus 3 and 16 asks for memory the sender never sent.
 */
static void
rec_heartbeat(struct conn *c, struct tls_state *st, enum dir dir,
    const struct rec_hdr *h, struct cur *body, uint32_t first,
    uint32_t frame, uint64_t ts)
{
	bool sealed = (st->d[dir].enc || st->sh13) && !st->rec_dec;
	struct event *e;
	uint8_t type = 0;
	uint16_t plen;

	if ((e = hs_event(c, st, dir, EV_HEARTBEAT, ts, first, frame,
	    h->len)) != NULL && sealed) {
		e->flags |= EVF_ENCRYPTED;
		return;
	}
	if (sealed)
		return;
	if (!cur_get_u8(body, &type) || !cur_get_u16(body, &plen))
		conn_anom(c, dir, frame, ANOM_HEARTBEAT_OVERRUN,
		    "heartbeat record of %u bytes", h->len);
	else if ((uint32_t)plen + 3 + 16 > h->len)
		conn_anom(c, dir, frame, ANOM_HEARTBEAT_OVERRUN,
		    "payload_length %u in a record of %u bytes", plen, h->len);
	if (e != NULL)
		e->sub = type;
}

void
rec_end(struct conn *c, struct tls_state *st, enum dir dir, uint32_t frame)
{
	struct tls_dir *d = &st->d[dir];

	if (d->state != DS_TLS)
		return;
	if (d->rlen > 0 || d->rskip > 0)
		conn_anom(c, dir, frame, ANOM_REC_INCOMPLETE,
		    "stream ended %zu bytes into a record", d->rskip > 0 ?
		    (size_t)d->rskip_done : d->rlen);
	if (d->hlen > 0 || d->hskip > 0)
		conn_anom(c, dir, frame, ANOM_HS_INCOMPLETE,
		    "stream ended inside a handshake message");
	d->rlen = 0;
	d->rskip = 0;
	d->hlen = 0;
	d->hskip = 0;
}
