/*
 * hs.h: handshake messages (RFC 8446, 4; RFC 5246, 7.4): reassembly from
 * handshake records, several per record or one over many, then one parser
 * per message type. Also the handshake's progress (resumption, completion).
 */
#ifndef TLSHAKE_DISSECT_HS_H
#define TLSHAKE_DISSECT_HS_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/state.h"
#include "model/conn.h"

/*
 * hs_feed takes the body "b" of one cleartext handshake record of "*dir"
 * whose first byte arrived in frame "first" and last in "frame" at "ts".
 * Complete messages are parsed and become EV_HANDSHAKE events (len = the
 * message body length, tshark's hs_length); a partial one is buffered up
 * to tls_opts.max_hs_msg, a larger one skipped (ANOM_HS_TOO_LARGE).
 */
void	hs_feed(struct conn *, struct tls_state *, enum dir *, struct cur *,
	    uint32_t, uint32_t, uint64_t);

/*
 * hs_parse_body parses one complete message of "type" whose body "b" is
 * "len" bytes (tshark's hs_length) and adds its EV_HANDSHAKE event, as
 * hs_feed does for each message it frames; DTLS (dtls.c) reassembles its
 * fragments itself and calls it. "*dir" follows a flip as in hs_feed.
 */
void	hs_parse_body(struct conn *, struct tls_state *, enum dir *, uint8_t,
	    uint32_t, const struct cur *, uint32_t, uint32_t, uint64_t);

/*
 * hs_finished notes that "dir" sent its Finished (or its encrypted stand-in)
 * at "ts"; with both sides done and no fatal alert, the handshake is
 * complete (HSF_COMPLETE, t_done).
 */
void	hs_finished(struct conn *, struct tls_state *, enum dir, uint64_t);

/*
 * hs_server_next tells a TLS <= 1.2 handshake what the server sent after
 * its ServerHello: a ChangeCipherSpec or NewSessionTicket ("resumed")
 * means an abbreviated handshake (RFC 5246, 7.3; RFC 5077, 3.1).
 */
void	hs_server_next(struct conn *, struct tls_state *, bool);

/* hs_event adds a TLS event of the handshake in progress, or NULL. */
struct event *hs_event(struct conn *, struct tls_state *, enum dir, uint8_t,
	    uint64_t, uint32_t, uint32_t, uint32_t);

#endif /* TLSHAKE_DISSECT_HS_H */
