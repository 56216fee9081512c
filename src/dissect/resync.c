/*
 * resync.c: TLS records found again where their boundaries were lost.
 *
 * TCP numbers bytes, so a gap of known length inside a record still says
 * where the next record starts: only that record is lost. A gap at a
 * record boundary, one longer than the rest of the record, or a capture
 * that began inside the conversation leaves no boundary: a segment then
 * starts either inside a record or with a header, and a header is taken
 * when it is plausible and confirmed by what follows it, as a reader of
 * the stream would do by hand.
 */
#include "dissect/resync.h"

#include <string.h>

#include "common/limits.h"
#include "dissect/decrypt.h"
#include "dissect/hs.h"

static bool	resync_header(const struct cur *, size_t, uint8_t *,
		    uint32_t *);
static bool	resync_ssl2(const struct cur *);
static bool	resync_in_record(struct conn *, struct tls_state *, enum dir,
		    uint64_t, uint64_t, uint32_t);

/*
 * resync_header reads a plausible TLS record header at "off" of "in"
 * (RFC 5246, 6.2.1):
 *	struct { ContentType type; ProtocolVersion version; uint16 length; }
 * Bytes missing at the end of "in" are not held against it: "*len" is 0
 * then.
 */
static bool
resync_header(const struct cur *in, size_t off, uint8_t *type, uint32_t *len)
{
	uint8_t b[5];
	size_t i, n = cur_len(in) - off;

	*len = 0;
	for (i = 0; i < sizeof(b) && i < n; i++)
		cur_peek_at_u8(in, off + i, &b[i]);
	if ((n > 0 && !(b[0] >= REC_CCS && b[0] <= REC_HEARTBEAT)) ||
	    (n > 1 && b[1] != 3) || (n > 2 && b[2] > 4))
		return false;
	*type = n > 0 ? b[0] : 0;
	if (n < sizeof(b))
		return true;
	*len = (uint32_t)b[3] << 8 | b[4];
	return *len > 0 && *len <= LIM_RECORD;
}

/*
 * resync_ssl2: an SSLv2 record with a 2-byte header (draft-hickman-
 * netscape-ssl-00, 1.2) holding a message sent in the clear after the
 * CLIENT-HELLO (SERVER-HELLO, CLIENT-MASTER-KEY), ending with the segment.
 */
static bool
resync_ssl2(const struct cur *in)
{
	uint8_t b0, b1, mt;
	uint32_t len;

	if (!cur_peek_at_u8(in, 0, &b0) || !cur_peek_at_u8(in, 1, &b1) ||
	    !cur_peek_at_u8(in, 2, &mt) || !(b0 & 0x80))
		return false;
	len = (uint32_t)(b0 & 0x7f) << 8 | b1;
	return len + 2 == cur_len(in) && ((mt == SSL2_SERVER_HELLO &&
	    len >= 11) || (mt == SSL2_CLIENT_MASTER_KEY && len >= 10));
}

bool
resync_plausible(const struct cur *in)
{
	uint8_t type, next, t;
	uint32_t len, nlen;
	size_t n = cur_len(in);

	if (resync_ssl2(in))
		return true;
	if (n < REC_HDR_LEN || !resync_header(in, 0, &type, &len))
		return false;
	if (len <= n - REC_HDR_LEN) {
		/* The record fits: the boundary or the next header says. */
		return len == n - REC_HDR_LEN ||
		    resync_header(in, REC_HDR_LEN + len, &next, &nlen);
	}
	/* It runs past the segment: its first message must make sense. */
	return type == REC_HANDSHAKE && cur_peek_at_u8(in, REC_HDR_LEN, &t) &&
	    state_hs_known(t);
}

/*
 * resync_in_record passes over the rest of a record a gap fell into, when
 * the gap ends inside it or at its end; it returns false when the gap
 * reaches past it (or the record's header is not known).
 */
static bool
resync_in_record(struct conn *c, struct tls_state *st, enum dir dir,
    uint64_t len, uint64_t ts, uint32_t frame)
{
	struct tls_dir *d = &st->d[dir];
	struct rec_hdr h;
	struct cur held;
	uint64_t rest;

	if (d->state != DS_TLS || d->ssl2)
		return false;
	if (d->rskip > 0) {
		/* Counted by its length only: it is still counted. */
		if (len > d->rskip)
			return false;
		d->rskip -= (uint32_t)len;
		d->rskip_done += (uint32_t)len;
		if (d->rskip == 0)
			rec_skip_end(c, st, &dir, frame, ts);
		return true;
	}
	cur_init(&held, d->rbuf, d->rlen);
	if (d->rlen == 0 || rec_parse_header(&held, false, &h) != REC_HDR_OK)
		return false;
	rest = (uint64_t)h.hdr_len + h.len - d->rlen;
	if (len > rest)
		return false;
	if (h.type == REC_HANDSHAKE || d->hlen > 0 || d->hskip > 0)
		conn_anom(c, dir, frame, ANOM_HS_INCOMPLETE,
		    "handshake record cut by a gap");
	/* Its sequence number is spent: keys stay in step. */
	dec_skip(st, dir, h.type);
	d->rlen = 0;
	state_trim(&d->rbuf, &d->rcap);
	d->hlen = 0;
	d->hskip = 0;
	d->rskip = (uint32_t)(rest - len);
	d->rskip_done = 0;
	d->rskip_lost = d->rskip > 0;
	d->hs_lost = true;
	return true;
}

void
resync_gap(struct conn *c, struct tls_state *st, enum dir dir, uint64_t len,
    uint64_t ts, uint32_t frame)
{
	struct tls_dir *d = &st->d[dir];

	if (resync_in_record(c, st, dir, len, ts, frame))
		return;
	if (d->state == DS_TLS && (d->hlen > 0 || d->hskip > 0))
		conn_anom(c, dir, frame, ANOM_HS_INCOMPLETE,
		    "handshake message cut by a gap");
	if ((d->state == DS_TLS || d->state == DS_STOPPED) &&
	    !d->resync_noted) {
		conn_anom(c, dir, frame, ANOM_REC_AFTER_GAP, NULL);
		d->resync_noted = true;
	}
	if (d->state == DS_TLS || d->state == DS_STOPPED)
		d->state = DS_RESYNC;
	d->rlen = 0;
	d->rskip = 0;
	d->rskip_lost = false;
	d->hs_lost = true;
	d->hlen = 0;
	d->hskip = 0;
}
