/*
 * dtls.h: TLS over UDP (DTLS 1.0 and 1.2, RFC 6347; DTLS 1.3, RFC 9147).
 * The UDP dispatch hands each datagram of a flow to dtls_datagram: its
 * records are read by epoch and sequence number, handshake fragments are
 * reassembled by message_seq and offset into the messages hs.c parses as
 * for TCP, retransmitted messages and flights become events marked
 * EVF_RETRANS (the first sending counts them), and datagrams of STUN,
 * TURN, ZRTP or RTP on the same port are told apart as RFC 7983 says.
 * It never prints.
 */
#ifndef TLSHAKE_DISSECT_DTLS_H
#define TLSHAKE_DISSECT_DTLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/state.h"
#include "model/conn.h"

/* What the first byte of a datagram says (RFC 7983, 7; RFC 9443, 3). */
enum dtls_demux {
	DMX_DTLS,		/* 20..63 */
	DMX_STUN,		/* 0..3 */
	DMX_ZRTP,		/* 16..19 */
	DMX_TURN,		/* 64..79: TURN channel */
	DMX_RTP,		/* 128..191: RTP and RTCP */
	DMX_OTHER		/* empty, or a value no protocol claims */
};

/* dtls_demux classifies a datagram by its first byte. */
enum dtls_demux dtls_demux(const struct cur *);

/*
 * dtls_plausible says whether a datagram may open a DTLS flow: it begins
 * with a DTLSPlaintext record of epoch 0 and a DTLS version holding the
 * start of a ClientHello, HelloVerifyRequest or ServerHello whose
 * fragment fits its message. It reads nothing else and keeps no state.
 */
bool	dtls_plausible(const struct cur *);

/*
 * dtls_datagram takes the UDP payload "dg" of direction "dir" of "c"
 * (dissected in context "ctx", tls_ctx_new)
 * (frame "frame" at "ts", microseconds). Each record is handled whole; a
 * record header that is bad or cut short records ANOM_REC_INVALID or
 * ANOM_REC_INCOMPLETE and ends the datagram, the next one is read again.
 * It may call conn_flip() when the first hello shows the roles were
 * guessed wrong.
 */
void	dtls_datagram(struct tls_ctx *, struct conn *, enum dir,
	    const struct cur *, uint64_t, uint32_t);

/*
 * dtls_end (for tls.c) records ANOM_HS_INCOMPLETE for messages still
 * partial and frees the DTLS state of both directions.
 */
void	dtls_end(struct conn *, struct tls_state *);

/* dtls_held returns the fragment bytes "dir" holds (for tests, fuzzers). */
size_t	dtls_held(const struct tls_state *, enum dir);

/* dtls_is_version: 0xfeff (1.0), 0xfefd (1.2), 0xfefc (1.3), 0x0100. */
bool	dtls_is_version(uint16_t);

#endif /* TLSHAKE_DISSECT_DTLS_H */
