/*
 * quic.h: the TLS handshake of QUIC (RFC 9000, RFC 9001; version 2, RFC
 * 9369; drafts 23 to 32 and mvfst's versions). The UDP dispatch hands each
 * datagram of a flow to quic_datagram: coalesced packets are split, Initial
 * packets opened with the keys of the client's original Destination
 * Connection ID, their CRYPTO frames reassembled by offset into the
 * handshake messages hs.c parses as for TCP; with the key log's secrets
 * Handshake packets and the first 1-RTT packets are opened as well.
 * Retry and Version Negotiation are followed, other packets counted. It
 * never prints.
 */
#ifndef TLSHAKE_DISSECT_QUIC_H
#define TLSHAKE_DISSECT_QUIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/crypto.h"
#include "dissect/state.h"
#include "model/conn.h"


/* quic_ptype_name: "initial", "0rtt", "handshake", "retry", "vn", "1rtt". */
const char *quic_ptype_name(enum quic_ptype);

/*
 * quic_version_known: can tlshake open Initials of "version"? quic_ver_name
 * names it ("1", "2", "draft-29", "mvfst-27") or returns NULL.
 */
bool	quic_version_known(uint32_t);
const char *quic_version_name(uint32_t);

/* One direction's packet protection keys at one level. */
struct quic_keys {
	enum crypto_cipher	 cc;
	uint8_t			 key[32];
	uint8_t			 iv[12];
	uint8_t			 hp[32];
};

/*
 * quic_initial_keys derives the Initial keys of "dir" from the client's
 * original DCID "dcid".."len" (RFC 9001, 5.2; RFC 9369, 3.3). False for a
 * version tlshake does not know.
 */
bool	quic_initial_keys(uint32_t, const uint8_t *, size_t, enum dir,
	    struct quic_keys *);

/*
 * quic_plausible says whether a datagram may open a QUIC flow: a long
 * header (form and fixed bits set) with a DCID of at most 20 bytes, or a
 * Version Negotiation packet. It keeps no state.
 */
bool	quic_plausible(const struct cur *);

/*
 * quic_datagram takes the UDP payload "dg" of direction "dir" of "c"
 * (dissected in context "ctx", tls_ctx_new) (frame
 * "frame" at "ts", microseconds). A long header that overruns records
 * ANOM_QUIC_PACKET_INVALID and ends the datagram.
 */
void	quic_datagram(struct tls_ctx *, struct conn *, enum dir,
	    const struct cur *, uint64_t, uint32_t);

/*
 * quic_end (for tls.c) records ANOM_HS_INCOMPLETE for a handshake message
 * still partial and frees the QUIC state.
 */
void	quic_end(struct conn *, struct tls_state *);

#endif /* TLSHAKE_DISSECT_QUIC_H */
