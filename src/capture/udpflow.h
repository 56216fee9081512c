/*
 * udpflow.h: UDP flows that carry TLS (QUIC, DTLS), found by content on
 * any port.
 *
 * A datagram of a 4-tuple tlshake does not follow yet is shown to the
 * sink's probe, which says whether it opens a connection and of which
 * kind (capture never calls the dissector: tlshake.c installs the sink).
 * Other datagrams cost one table lookup and that probe, and are kept
 * nowhere. A QUIC connection is also found by its connection IDs (RFC
 * 8999, 5.1: the invariant long header), so a client that comes back on
 * another 4-tuple stays on its connection. Flows are capped (the longest
 * idle is evicted), expire after an idle time and are closed in order of
 * connection id at the end. Connection ids come from the same counter as
 * TCP's (reasm_opts.next_id).
 */
#ifndef TLSHAKE_CAPTURE_UDPFLOW_H
#define TLSHAKE_CAPTURE_UDPFLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/decode.h"
#include "common/cur.h"
#include "model/conn.h"

struct udpflow_sink {
	/*
	 * May datagram "p" of an unknown 4-tuple open a connection? Returns
	 * its transport (CONN_QUIC, CONN_DTLS) or CONN_TCP for no; sets
	 * "*sender_is_client" when the sender is the client.
	 */
	enum conn_transport (*probe)(void *, const struct pkt *, bool *);
	/* A connection was created (NULL: not told). */
	void	(*open)(void *, struct conn *);
	/* A datagram of "c" in direction "dir". */
	void	(*datagram)(void *, struct conn *, enum dir, const struct pkt *);
	/* The connection retires; the sink owns it from now on. */
	void	(*close)(void *, struct conn *);
	void	*arg;
};

struct udpflow_opts {
	uint32_t	 max_flows;	/* evict the longest idle past it */
	uint32_t	 idle_s;
	uint64_t	*next_id;	/* shared with reasm; NULL: own */
};

struct udpflow_stats {
	uint64_t	datagrams;	/* UDP datagrams seen */
	uint64_t	followed;	/* of them, on a followed flow */
	uint64_t	conns[3];	/* created, by enum conn_transport */
	uint64_t	open, open_max, evicted, expired;
	uint64_t	cid_joined;	/* 4-tuples joined by connection ID */
};

struct udpflow;

struct udpflow	*udpflow_new(const struct udpflow_opts *,
		    const struct udpflow_sink *);
/* udpflow_free closes every open connection in order of id, then frees. */
void		 udpflow_free(struct udpflow *);
/* udpflow_packet takes one decoded datagram (DEC_UDP). */
void		 udpflow_packet(struct udpflow *, const struct pkt *);
/* udpflow_expire closes connections idle at "now" (microseconds). */
void		 udpflow_expire(struct udpflow *, uint64_t);
/* udpflow_flush closes every open connection in order of id. */
void		 udpflow_flush(struct udpflow *);
/*
 * udpflow_flush_before closes the open connections whose id is below "id",
 * in order: the end of input interleaves them with TCP's by id.
 */
void		 udpflow_flush_before(struct udpflow *, uint64_t);
void		 udpflow_foreach(struct udpflow *,
		    void (*)(void *, struct conn *), void *);
const struct udpflow_stats *udpflow_stats(const struct udpflow *);

#endif /* TLSHAKE_CAPTURE_UDPFLOW_H */
