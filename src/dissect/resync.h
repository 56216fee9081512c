/*
 * resync.h: finding TLS records again where their boundaries were lost:
 * after a gap in the stream, or in a capture that began inside the
 * conversation (its first records were never seen).
 */
#ifndef TLSHAKE_DISSECT_RESYNC_H
#define TLSHAKE_DISSECT_RESYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/record.h"
#include "model/conn.h"

/*
 * resync_plausible says whether the delivery "in", which starts at a
 * segment boundary, starts with a TLS record (RFC 5246, 6.2.1: content
 * type 20..24, version 0x0300..0x0304, length 1..LIM_RECORD) confirmed
 * by what follows: the record ends where the delivery ends, or the next
 * bytes are another such header (or its start, at the delivery's end).
 * A record running past the delivery is taken only when it is a
 * handshake record whose first message header names a known handshake
 * type (RFC 8446, 4). An SSLv2 SERVER-HELLO or CLIENT-MASTER-KEY
 * filling the delivery is taken too. It reads "in" only.
 */
bool	resync_plausible(const struct cur *);

/*
 * resync_gap handles "len" bytes of direction "dir" that will never
 * arrive. A gap inside the record being read leaves the record boundary
 * known: the rest of that record is passed over and parsing goes on at
 * the next record (the record is lost; a handshake message in it is
 * recorded ANOM_HS_INCOMPLETE). Otherwise the boundary is lost: the
 * direction waits for resync_plausible at a later delivery
 * (ANOM_REC_AFTER_GAP, once per direction).
 */
void	resync_gap(struct conn *, struct tls_state *, enum dir, uint64_t,
	    uint64_t, uint32_t);

#endif /* TLSHAKE_DISSECT_RESYNC_H */
