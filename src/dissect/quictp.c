/*
 * quictp.c: the quic_transport_parameters extension of a ClientHello or
 * EncryptedExtensions (RFC 9001, 8.2; RFC 9000, 18), kept on the
 * handshake: integers by value, the others (connection IDs, the stateless
 * reset token, preferred_address, version_information) as bytes.
 */
#include "dissect/quicint.h"

#include "common/limits.h"

/*
 * is_int: the parameters whose value is one variable-length integer
 * (RFC 9000, 18.2; RFC 9221, 3: max_datagram_frame_size).
 */
static bool
is_int(uint64_t id)
{
	switch (id) {
	case 0x01: case 0x03: case 0x04: case 0x05: case 0x06: case 0x07:
	case 0x08: case 0x09: case 0x0a: case 0x0b: case 0x0e: case 0x20:
		return true;
	default:
		return false;
	}
}

/*
 * RFC 9000, 18:
 *
 *	Transport Parameters {
 *	  Transport Parameter (..) ...,
 *	}
 *	Transport Parameter {
 *	  Transport Parameter ID (i),
 *	  Transport Parameter Length (i),
 *	  Transport Parameter Value (..),
 *	}
 *
 * A later extension of the same sender (a ClientHello sent again after a
 * Retry) replaces what the first one left.
 */
bool
quic_tp_parse(struct conn *c, struct quic_tps *out, enum dir dir,
    uint32_t frame, struct cur *in)
{
	struct quic_tp *p;
	struct cur val, t;
	uint64_t id, len, v;

	if (out->v == NULL && (out->v = arena_alloc(&c->arena, LIM_QUIC_TPS *
	    sizeof(*out->v))) == NULL) {
		conn_anom(c, dir, frame, ANOM_MEM_CAP,
		    "transport parameters dropped");
		return true;
	}
	out->n = out->dropped = 0;
	/* Each turn consumes two bytes at least, or fails. */
	while (cur_len(in) > 0) {
		if (!quic_varint(in, &id) || !quic_varint(in, &len) ||
		    len > cur_len(in) || !cur_get_bytes(in, &val, (size_t)len))
			return false;
		if (out->n >= LIM_QUIC_TPS) {
			out->dropped++;
			continue;
		}
		p = &out->v[out->n++];
		p->id = id;
		t = val;
		p->is_int = is_int(id) && quic_varint(&t, &v) &&
		    cur_len(&t) == 0;
		p->value = p->is_int ? v : 0;
		p->bytes.p = NULL;
		p->bytes.len = 0;
		if (!p->is_int && cur_len(&val) > 0)
			(void)conn_bstr(c, &p->bytes, cur_data(&val),
			    cur_len(&val) > LIM_QUIC_TP_BYTES ?
			    LIM_QUIC_TP_BYTES : cur_len(&val));
	}
	return true;
}
