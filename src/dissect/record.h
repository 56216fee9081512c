/*
 * record.h: the TLS record layer (RFC 5246, 6.2; RFC 8446, 5.1) and the
 * SSLv2 record layer (draft-hickman-netscape-ssl-00, RFC 6101 E.2). The
 * dissector's state, which every file of dissect/ shares, is in state.h.
 *
 * Records are parsed whole: bytes of a record split over deliveries are
 * copied into a per-direction buffer growing geometrically to the largest
 * record a header can announce; complete records in a delivery are parsed
 * in place.
 */
#ifndef TLSHAKE_DISSECT_RECORD_H
#define TLSHAKE_DISSECT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/state.h"
#include "model/conn.h"

enum rec_hdr_res {
	REC_HDR_OK,		/* "out" is filled */
	REC_HDR_SHORT,		/* not enough bytes yet to decide */
	REC_HDR_BAD		/* impossible header */
};

/*
 * rec_parse_header reads the record header at the start of "in" without
 * moving it. SSLv2 headers are tried when "ssl2" is true and the bytes do
 * not look like a TLS header (ContentType 20..24 then major version 3).
 * A TLS header is BAD when its version is not 0x0300..0x0304.
 */
enum rec_hdr_res rec_parse_header(const struct cur *, bool, struct rec_hdr *);

/* What the first bytes of a direction say. */
enum rec_pl {
	PL_NO,			/* not a TLS start */
	PL_MAYBE,		/* a TLS start so far: more bytes decide */
	PL_YES
};
#define PL_ANY_TYPE	0x01	/* any record type 20..24 may start */
#define PL_SSL2_SERVER	0x02	/* an SSLv2 SERVER-HELLO may start */

/*
 * rec_plausible says whether "in" starts with a record a TLS peer could
 * send first: a handshake record holding a ClientHello or ServerHello
 * (with PL_ANY_TYPE, any record type 20..24), or an SSLv2 CLIENT-HELLO
 * (RFC 5246, E.2; with PL_SSL2_SERVER, also a SERVER-HELLO). The length
 * of a record of another type must be within LIM_RECORD; a handshake
 * record may announce up to 2^16-1 bytes.
 */
enum rec_pl rec_plausible(const struct cur *, unsigned int);

/*
 * rec_feed frames the bytes "in" of direction "*dir" into records and
 * dispatches each complete one; bytes of an incomplete record are kept.
 * "*dir" follows the stream when a hello flips the connection. On a bad
 * header it records ANOM_REC_INVALID and moves the direction to
 * DS_STOPPED.
 */
void	rec_feed(struct conn *, struct tls_state *, enum dir *,
	    const struct cur *, uint64_t, uint32_t);
/*
 * rec_skip_end finishes a record passed over uncopied (its last byte came
 * in "frame"): it is handled by its header, or dropped when a gap took
 * part of it (rskip_lost).
 */
void	rec_skip_end(struct conn *, struct tls_state *, enum dir *, uint32_t,
	    uint64_t);
/*
 * rec_end records ANOM_REC_INCOMPLETE / ANOM_HS_INCOMPLETE for bytes of a
 * record or message still held, then forgets them.
 */
void	rec_end(struct conn *, struct tls_state *, enum dir, uint32_t);
/*
 * rec_record handles one complete record "rec" (header of h->hdr_len
 * bytes, then h->len body bytes) of "*dir" as rec_feed does for each
 * record it frames; DTLS (dtls.c) frames datagrams itself and calls it.
 */
void	rec_record(struct conn *, struct tls_state *, enum dir *,
	    const struct rec_hdr *, const struct cur *, uint32_t, uint32_t,
	    uint64_t);
/* rec_cleanup frees a direction's buffers. */
void	rec_cleanup(struct tls_dir *);

/* rec_need_body: must the record's bytes be buffered? (record.c) */
bool	rec_need_body(const struct tls_state *, enum dir,
	    const struct rec_hdr *);
#endif /* TLSHAKE_DISSECT_RECORD_H */
