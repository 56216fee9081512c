/*
 * quicframe.c: the frames inside an opened QUIC packet (RFC 9000, 19;
 * RFC 9221, 4). Initial and Handshake packets carry PADDING, PING, ACK,
 * CRYPTO and CONNECTION_CLOSE only (RFC 9000, 12.4, Table 3); 1-RTT
 * packets carry the rest too, which tlshake passes over by their lengths
 * to reach the CRYPTO frames of NewSessionTicket.
 */
#include "dissect/quicint.h"

#include <stddef.h>

static bool	skip_varints(struct cur *, unsigned int);
static bool	skip_app_frame(struct cur *, uint64_t);
static bool	close_frame(struct conn *, enum dir, uint64_t, struct cur *,
		    uint64_t, uint32_t);

static const uint8_t zero_set[256] = { [0] = 1 };

bool
quic_varint(struct cur *c, uint64_t *out)
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

static bool
skip_varints(struct cur *in, unsigned int n)
{
	uint64_t v;

	/* Each turn consumes a varint (one byte at least). */
	while (n-- > 0)
		if (!quic_varint(in, &v))
			return false;
	return true;
}

/*
 * skip_app_frame passes over a frame of a type 1-RTT packets may carry
 * (RFC 9000, 19.4 to 19.18 and 19.20; RFC 9221, 4); false for a type
 * not known or a frame that overruns the packet.
 *
 *	STREAM Frame {
 *	  Type (i) = 0x08..0x0f,
 *	  Stream ID (i),
 *	  [Offset (i)],		(type & 0x04)
 *	  [Length (i)],		(type & 0x02; else to the packet's end)
 *	  Stream Data (..),
 *	}
 */
static bool
skip_app_frame(struct cur *in, uint64_t type)
{
	uint64_t len;
	uint8_t n;

	switch (type) {
	case 0x04:		/* RESET_STREAM */
		return skip_varints(in, 3);
	case 0x05:		/* STOP_SENDING */
	case 0x11:		/* MAX_STREAM_DATA */
	case 0x15:		/* STREAM_DATA_BLOCKED */
		return skip_varints(in, 2);
	case 0x07:		/* NEW_TOKEN */
	case 0x31:		/* DATAGRAM with a length */
		return quic_varint(in, &len) && len <= cur_len(in) &&
		    cur_skip(in, (size_t)len);
	case 0x10:		/* MAX_DATA */
	case 0x12:		/* MAX_STREAMS, bidirectional */
	case 0x13:		/* MAX_STREAMS, unidirectional */
	case 0x14:		/* DATA_BLOCKED */
	case 0x16:		/* STREAMS_BLOCKED, bidirectional */
	case 0x17:		/* STREAMS_BLOCKED, unidirectional */
	case 0x19:		/* RETIRE_CONNECTION_ID */
		return skip_varints(in, 1);
	case 0x18:		/* NEW_CONNECTION_ID: 19.15 */
		return skip_varints(in, 2) && cur_get_u8(in, &n) &&
		    n >= 1 && n <= 20 && cur_skip(in, (size_t)n + 16);
	case 0x1a:		/* PATH_CHALLENGE */
	case 0x1b:		/* PATH_RESPONSE */
		return cur_skip(in, 8);
	case 0x1e:		/* HANDSHAKE_DONE */
		return true;
	case 0x30:		/* DATAGRAM to the packet's end */
		return cur_skip(in, cur_len(in));
	default:
		if (type < 0x08 || type > 0x0f)
			return false;
		if (!skip_varints(in, (type & 0x04) ? 2 : 1))
			return false;
		if (!(type & 0x02))
			return cur_skip(in, cur_len(in));
		return quic_varint(in, &len) && len <= cur_len(in) &&
		    cur_skip(in, (size_t)len);
	}
}

/*
 * RFC 9000, 19.19:
 *
 *	CONNECTION_CLOSE Frame {
 *	  Type (i) = 0x1c..0x1d,
 *	  Error Code (i),
 *	  [Frame Type (i)],	(0x1c only)
 *	  Reason Phrase Length (i),
 *	  Reason Phrase (..),
 *	}
 *
 * The first one is kept on the connection.
 */
static bool
close_frame(struct conn *c, enum dir dir, uint64_t type, struct cur *in,
    uint64_t ts, uint32_t frame)
{
	struct event *e;
	uint64_t code, ftype = 0, len;
	struct cur reason;
	struct quic_info *q = &conn_udp(c)->quic;

	if (!quic_varint(in, &code) || (type == 0x1c &&
	    !quic_varint(in, &ftype)) || !quic_varint(in, &len) ||
	    len > cur_len(in) || !cur_get_bytes(in, &reason, (size_t)len))
		return false;
	if (!q->closed) {
		q->closed = true;
		q->close_app = type == 0x1d;
		q->close_dir = (uint8_t)dir;
		q->close_frame = frame;
		q->close_code = code;
		q->close_ftype = ftype;
		(void)conn_bstr(c, &q->close_reason, cur_data(&reason),
		    cur_len(&reason));
	}
	if ((e = conn_add_event(c, (uint8_t)dir, EV_QUIC_CLOSE, ts, frame,
	    0)) != NULL) {
		e->sub = type == 0x1d;
		/* an error (not NO_ERROR) is bad news, drawn so */
		if (code != 0)
			e->flags |= EVF_BAD;
	}
	return true;
}

void
quic_frames(struct conn *c, enum dir dir, enum qlevel lv, struct cur *in,
    uint64_t ts, uint32_t frame, quic_crypto_fn *crypto)
{
	static const char *const where[QL_N] = { "n Initial", " Handshake",
	    " 1-RTT" };
	uint64_t type, n, i, off, len;
	struct cur data;

	/* Each turn consumes a frame (one byte at least), or ends. */
	while (cur_len(in) > 0) {
		if (!quic_varint(in, &type))
			goto bad;
		switch (type) {
		case 0x00:		/* PADDING: a run of zeros */
			(void)cur_skip(in, cur_span(in, zero_set));
			break;
		case 0x01:		/* PING */
			break;
		case 0x02:		/* ACK */
		case 0x03:		/* ACK with ECN counts: 19.3 */
			if (!skip_varints(in, 2) || !quic_varint(in, &n) ||
			    !skip_varints(in, 1))
				goto bad;
			/* each range takes two bytes at least */
			if (n > cur_len(in) / 2)
				goto bad;
			for (i = 0; i < n; i++)
				if (!skip_varints(in, 2))
					goto bad;
			if (type == 0x03 && !skip_varints(in, 3))
				goto bad;
			break;
		case 0x06:		/* CRYPTO: 19.6 */
			if (!quic_varint(in, &off) || !quic_varint(in, &len) ||
			    len > cur_len(in) ||
			    !cur_get_bytes(in, &data, (size_t)len))
				goto bad;
			conn_udp(c)->quic.crypto_frames++;
			crypto(c, dir, lv, off, &data, ts, frame);
			break;
		case 0x1c:		/* CONNECTION_CLOSE, transport */
		case 0x1d:		/* CONNECTION_CLOSE, application */
			if (!close_frame(c, dir, type, in, ts, frame))
				goto bad;
			break;
		default:
			conn_udp(c)->quic.frames_other++;
			if (lv == QL_APP) {
				if (skip_app_frame(in, type))
					break;
				if (type <= 0x31)
					goto bad;
				return;	/* an extension's: stop quietly */
			}
			/* RFC 9000, 12.4: not in Initial, Handshake */
			conn_anom(c, dir, frame, ANOM_QUIC_FRAME_INVALID,
			    "frame type 0x%llx in a%s packet",
			    (unsigned long long)type, where[lv]);
			return;
		}
	}
	return;
bad:
	conn_anom(c, dir, frame, ANOM_QUIC_FRAME_INVALID,
	    "frame overruns its packet");
}
