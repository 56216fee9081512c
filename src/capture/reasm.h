/*
 * reasm.h: TCP connection tracking and stream reassembly.
 *
 * Connections are keyed by their 4-tuple. Each direction's payload is
 * delivered to the sink in order, exactly once: retransmissions dropped,
 * out-of-order segments buffered up to a cap, overlaps resolved (the first
 * copy wins), holes reported as gaps. The SYN / SYN-ACK / ACK, FIN and RST
 * become events of the connection. Capture never calls the dissector:
 * tlshake.c installs the sink.
 */
#ifndef TLSHAKE_CAPTURE_REASM_H
#define TLSHAKE_CAPTURE_REASM_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/decode.h"
#include "common/cur.h"
#include "model/conn.h"

struct reasm_sink {
	/* A new connection: orientation and id are set. */
	void	(*open)(void *, struct conn *);
	/* In-order bytes of "dir"; the last arrived in "frame" at "ts". */
	void	(*data)(void *, struct conn *, enum dir, const struct cur *,
		    uint64_t, uint32_t);
	/* "len" bytes of "dir" that will never be delivered. */
	void	(*gap)(void *, struct conn *, enum dir, uint64_t, uint64_t,
		    uint32_t);
	/* Direction "dir" ended (FIN reached in order, RST, or input end). */
	void	(*end)(void *, struct conn *, enum dir, uint64_t, uint32_t);
	/* The connection retires; the sink owns it from now on. */
	void	(*close)(void *, struct conn *);
	void	*arg;
};

struct reasm_opts {
	uint32_t	max_conns;	/* evict the longest idle past it */
	uint32_t	idle_s;		/* established connections */
	uint32_t	halfopen_s;	/* before the handshake completes */
	uint32_t	linger_s;	/* after FIN exchange or RST */
	uint32_t	ooo_bytes;	/* out-of-order bytes per direction */
	const uint16_t	*tls_ports;	/* server-port guesses */
	uint32_t	n_tls_ports;
	/* connection ids, shared with udpflow; NULL: reasm's own */
	uint64_t	*next_id;
};

struct reasm_stats {
	uint64_t	conns;		/* connections created */
	uint64_t	open;		/* open now */
	uint64_t	open_max;	/* most open at once */
	uint64_t	evicted;	/* closed by the max_conns cap */
	uint64_t	expired;	/* closed by idle timeouts */
	uint64_t	ooo_held;	/* out-of-order bytes held now */
	uint64_t	ooo_held_max;
};

struct reasm;

struct reasm	*reasm_new(const struct reasm_opts *, const struct reasm_sink *);
/* reasm_free closes every open connection in order of id, then frees. */
void		 reasm_free(struct reasm *);
/* reasm_packet takes one decoded TCP segment. */
void		 reasm_packet(struct reasm *, const struct pkt *);
/* reasm_expire closes connections idle at time "now" (microseconds). */
void		 reasm_expire(struct reasm *, uint64_t);
/* reasm_flush closes every open connection in order of id. */
void		 reasm_flush(struct reasm *);
const struct reasm_stats *reasm_stats(const struct reasm *);
/* reasm_foreach calls "fn" for every open connection (any order). */
void		 reasm_foreach(struct reasm *, void (*)(void *, struct conn *),
		    void *);

#endif /* TLSHAKE_CAPTURE_REASM_H */
