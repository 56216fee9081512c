/*
 * hello.h: ClientHello, ServerHello / HelloRetryRequest, and the SSLv2
 * CLIENT-HELLO and SERVER-HELLO messages.
 */
#ifndef TLSHAKE_DISSECT_HELLO_H
#define TLSHAKE_DISSECT_HELLO_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/state.h"
#include "model/conn.h"

#define TLS_FALLBACK_SCSV		0x5600
#define TLS_EMPTY_RENEGOTIATION_SCSV	0x00ff

/*
 * hello_parse_client parses a ClientHello body "b" into "hs" (a fresh
 * handshake, or a scratch one for a second ClientHello). On malformed
 * input it records one ANOM_CH_INVALID (or ANOM_HS_TRAILING) and returns
 * false; "hs" holds what parsed. Strings and lists go to the arena.
 */
bool	hello_parse_client(struct conn *, struct tls_state *, struct tls_hs *,
	    enum dir, uint32_t, const struct cur *);

/*
 * hello_parse_server parses a ServerHello body "b" into "hs" and sets
 * "*is_hrr" for a HelloRetryRequest (RFC 8446, 4.1.3), which only sets
 * HSF_HRR and hrr_group. It updates the negotiated version in "st". On
 * malformed input it records one ANOM_SH_INVALID (or ANOM_HS_TRAILING)
 * and returns false.
 */
bool	hello_parse_server(struct conn *, struct tls_state *, struct tls_hs *,
	    enum dir, uint32_t, const struct cur *, bool *);

/*
 * hello_parse_ssl2_client parses an SSLv2 CLIENT-HELLO record body (the
 * message type byte included) into "hs"; ANOM_SSL2_INVALID on overruns.
 */
bool	hello_parse_ssl2_client(struct conn *, struct tls_hs *, enum dir,
	    uint32_t, const struct cur *);
/* hello_parse_ssl2_server parses an SSLv2 SERVER-HELLO likewise. */
bool	hello_parse_ssl2_server(struct conn *, struct tls_hs *, enum dir,
	    uint32_t, const struct cur *);

#endif /* TLSHAKE_DISSECT_HELLO_H */
