/*
 * label.h: names of events and handshakes shared by every view (text,
 * JSON, TUI, reports), so that all of them say the same thing.
 */
#ifndef TLSHAKE_VIEW_LABEL_H
#define TLSHAKE_VIEW_LABEL_H

#include <stdbool.h>
#include <stddef.h>

#include "model/conn.h"

/* label_json_type writes the JSON "type" of an event (snake_case). */
const char	*label_json_type(const struct event *, char *, size_t);
/* label_event writes the ladder label ("ClientHello", "SYN, ACK"). */
const char	*label_event(const struct conn *, const struct event *, char *,
		    size_t);
/* label_quic_tp names a QUIC transport parameter, else writes "0x..". */
const char	*label_quic_tp(uint64_t, char *, size_t);
/* label_transport: what carries the connection: "tcp", "quic", "dtls". */
const char	*label_transport(const struct conn *);
/* label_layer: the JSON "layer" of an event: "tcp", "quic" or "tls". */
const char	*label_layer(const struct event *);
/* label_transport_event: TCP segments and QUIC packets, not TLS. */
bool		 label_transport_event(const struct event *);
/* label_dir is "c2s" or "s2c". */
const char	*label_dir(unsigned);
/* label_status names the outcome: "ok", "failed", "reset", "incomplete",
 * or "tcp" for a connection without TLS. */
const char	*label_status(const struct conn *);
/* label_version names a version ("TLSv1.3"), or NULL for 0. */
const char	*label_version(uint16_t, char *, size_t);
/*
 * label_version_any names any wire value, 0 included ("0x0000"): for
 * lists and fields read from the wire. Never NULL.
 */
const char	*label_version_any(uint16_t, char *, size_t);
/* label_group/sigalg/ext: registry name, else "0x%04x". */
const char	*label_group(uint16_t, char *, size_t);
const char	*label_sigalg(uint16_t, char *, size_t);
const char	*label_ext(uint16_t, char *, size_t);
/* The first handshake, or NULL when no TLS hello was seen. */
const struct tls_hs *label_hs0(const struct conn *);
/* label_time_iso writes "2026-11-25T10:00:00.123456Z". */
void		 label_time_iso(uint64_t, char *, size_t);
/* Is the connection reported by the text/JSON views? */
bool		 label_reported(const struct conn *, bool);
/*
 * label_cert_flag names bit "i" (0 .. CERTF_N - 1) of a CERTF_* word
 * ("expired", "weak_key", ...), as tlshake-json(5) lists them.
 */
const char	*label_cert_flag(unsigned int);

#endif /* TLSHAKE_VIEW_LABEL_H */
