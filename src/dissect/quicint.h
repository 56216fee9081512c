/*
 * quicint.h: what quic.c (packets, keys, CRYPTO streams) and quicframe.c
 * (the frames of an opened packet) share. Private to dissect/.
 */
#ifndef TLSHAKE_DISSECT_QUICINT_H
#define TLSHAKE_DISSECT_QUICINT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "model/conn.h"

/* Encryption levels with CRYPTO streams tlshake reads. */
enum qlevel { QL_INITIAL, QL_HANDSHAKE, QL_APP, QL_N };

/* quic_varint reads a variable-length integer (RFC 9000, 16). */
bool	quic_varint(struct cur *, uint64_t *);

/*
 * What takes one CRYPTO frame's data at offset "off" of the stream of
 * level "lv" (quic.c's quic_crypto): quic_frames calls it, so that the
 * frame reader calls nothing of quic.c.
 */
typedef void	quic_crypto_fn(struct conn *, enum dir, enum qlevel, uint64_t,
		    const struct cur *, uint64_t, uint32_t);

/*
 * quic_frames reads the frames of an opened packet of level "lv" (RFC
 * 9000, 19): CRYPTO data goes to "crypto", the first CONNECTION_CLOSE
 * to c->quic, the frames only 1-RTT packets may carry are passed over in
 * those. A frame that overruns its packet, or one its level may not
 * carry, records ANOM_QUIC_FRAME_INVALID and ends the packet; in a 1-RTT
 * packet a frame type tlshake does not know ends it quietly (extensions
 * define more).
 */
void	quic_frames(struct conn *, enum dir, enum qlevel, struct cur *,
	    uint64_t, uint32_t, quic_crypto_fn *);

/*
 * quic_crypto (quic.c) puts one CRYPTO frame's data at offset "off" of
 * its stream: the "crypto" quic.c hands quic_frames.
 */
quic_crypto_fn	quic_crypto;

/*
 * quic_tp_parse reads a quic_transport_parameters extension body (RFC
 * 9001, 8.2) of "dir" into "out" (arena memory of "c"). False when a
 * parameter overruns the extension (the caller records ANOM_EXT_INVALID);
 * ANOM_MEM_CAP when the arena is full.
 */
bool	quic_tp_parse(struct conn *, struct quic_tps *, enum dir, uint32_t,
	    struct cur *);

#endif /* TLSHAKE_DISSECT_QUICINT_H */
