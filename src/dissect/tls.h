/*
 * tls.h: the TLS dissector's entry points. TCP reassembly hands each
 * direction's in-order bytes here; the dissector turns them into records,
 * handshake messages and the connection model (events, struct tls_hs,
 * anomalies). It never prints.
 */
#ifndef TLSHAKE_DISSECT_TLS_H
#define TLSHAKE_DISSECT_TLS_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "model/conn.h"

struct cert_trust;
struct keylog;

struct tls_opts {
	const uint16_t	*force_ports;	/* --port: parse as TLS from byte 0 */
	uint32_t	 n_force_ports;
	uint32_t	 max_hs_msg;	/* LIM_HS_MSG unless raised; 0: it */
	struct keylog	*keylog;	/* secrets; NULL: none */
	struct cert_trust *trust;	/* chain checks; NULL: none */
};

struct tls_ctx;

/*
 * tls_ctx_new returns a dissector context: the options "o" and the
 * mutable state its connections share (the plaintext buffer, the chain
 * check cache). The port list, key log and trust store are borrowed and
 * must outlive it. Connections dissected in one context must be retired
 * (tls_free) before tls_ctx_free; two contexts share nothing mutable but
 * the key log.
 */
struct tls_ctx	*tls_ctx_new(const struct tls_opts *);
void		 tls_ctx_free(struct tls_ctx *);

/*
 * tls_data takes the next in-order bytes "data" of direction "dir" of "c"
 * (dissected in context "ctx" from its first byte on),
 * the last of which arrived in frame "frame" at "ts" (microseconds). It
 * may call conn_flip() when the ClientHello shows the roles were guessed
 * wrong; the caller re-reads directions from the connection afterwards.
 */
void	tls_data(struct tls_ctx *, struct conn *, enum dir, const struct cur *,
	    uint64_t, uint32_t);
/*
 * tls_gap says "len" bytes of direction "dir" will never arrive; the
 * gap was found at "ts" in "frame" (resync.h says what follows).
 */
void	tls_gap(struct tls_ctx *, struct conn *, enum dir, uint64_t, uint64_t,
	    uint32_t);
/* tls_end says direction "dir" ended (FIN, RST, end of input). */
void	tls_end(struct conn *, enum dir, uint64_t, uint32_t);
/* tls_free releases the dissector's state of "c" (c->dis). */
void	tls_free(struct conn *);

#endif /* TLSHAKE_DISSECT_TLS_H */
