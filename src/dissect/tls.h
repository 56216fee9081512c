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

struct tls_opts {
	const uint16_t	*force_ports;	/* --port: parse as TLS from byte 0 */
	uint32_t	 n_force_ports;
	uint32_t	 max_hs_msg;	/* LIM_HS_MSG unless raised */
};

void	tls_init(const struct tls_opts *);

/*
 * tls_data takes the next in-order bytes "data" of direction "dir" of "c",
 * the last of which arrived in frame "frame" at "ts" (microseconds). It
 * may call conn_flip() when the ClientHello shows the roles were guessed
 * wrong; the caller re-reads directions from the connection afterwards.
 */
void	tls_data(struct conn *, enum dir, const struct cur *, uint64_t,
	    uint32_t);
/* tls_gap says "len" bytes of direction "dir" will never arrive. */
void	tls_gap(struct conn *, enum dir, uint64_t, uint64_t, uint32_t);
/* tls_end says direction "dir" ended (FIN, RST, end of input). */
void	tls_end(struct conn *, enum dir, uint64_t, uint32_t);
/* tls_free releases the dissector's state of "c" (c->dis). */
void	tls_free(struct conn *);

#endif /* TLSHAKE_DISSECT_TLS_H */
