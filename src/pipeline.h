/*
 * pipeline.h: the one path from captured frames to finished connections:
 * link and IP decoding, IP fragments, TCP reassembly, the TLS dissector,
 * fingerprints, retirement (close, eviction, expiry, flush) and the
 * counts of it all. Whoever reads frames (tlshake.c, a worker thread, a
 * fuzz harness) owns one pipeline and hands it frames or packets; what
 * comes out is connections, whatever their transport, through one sink.
 *
 * A pipeline keeps all its state in its own objects (decoder, flow
 * table, dissector context with its plaintext buffer and chain-check
 * cache): two pipelines in two threads share nothing mutable but what
 * their options lend them (the key log; the trust store, locked by its
 * chain checks).
 */
#ifndef TLSHAKE_PIPELINE_H
#define TLSHAKE_PIPELINE_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/decode.h"
#include "capture/pcapin.h"
#include "capture/reasm.h"
#include "capture/udpflow.h"
#include "dissect/tls.h"
#include "model/conn.h"

/*
 * What leaves the pipeline. Every callback runs on the thread that
 * called into the pipeline, from inside pipeline_frame, pipeline_packet,
 * pipeline_expire, pipeline_flush or pipeline_free.
 */
struct pipeline_sink {
	/*
	 * A connection was created (its id and frame_first are set); NULL:
	 * not told. For -j N, which numbers connections across workers.
	 */
	void	(*open)(void *, struct conn *);
	/*
	 * "c" retired (closed, evicted, expired, flushed): dissected, its
	 * handshakes fingerprinted when opts.fingerprints. The sink owns it
	 * from now on (conn_free, or keep it). Any transport.
	 */
	void	(*conn)(void *, struct conn *);
	/*
	 * "n" handshakes of open connection "c" completed just now (only
	 * when opts.watch_handshakes): for --handshakes, which stops as a
	 * handshake completes, not when its connection ends.
	 */
	void	(*handshakes)(void *, const struct conn *, uint32_t);
	void	*arg;
};

struct pipeline_opts {
	int			 dlt;		/* link type (pcapin_dlt) */
	/* TCP: caps, timeouts, server-port guesses (tcp.tls_ports) */
	struct reasm_opts	 tcp;
	/* the dissector: ports forced, message cap, key log, trust */
	struct tls_opts		 tls;
	bool			 fingerprints;	/* fp_compute at retirement */
	bool			 watch_handshakes; /* sink.handshakes */
	/*
	 * Non-NULL: the TCP byte streams go to this sink instead of the
	 * dissector (a tool that wants them, tests/reasm-streams.c); it
	 * then owns the connections and "sink" is not called.
	 */
	const struct reasm_sink	*streams;
};

/*
 * pipeline_opts_init fills "o" with the defaults: the caps and timeouts
 * of common/limits.h, the default TLS ports in o->tcp.tls_ports (static
 * storage), nothing forced, no key log, no chain verification, no
 * fingerprints. Callers then set the fields they want by name.
 */
void	pipeline_opts_init(struct pipeline_opts *);

struct pipeline_stats {
	uint64_t		frames;		/* given to pipeline_decode */
	uint64_t		bytes;		/* their length on the wire */
	uint64_t		last_ts;	/* time of the last frame */
	uint64_t		handshakes;	/* completed, in retired conns */
	struct decode_stats	dec;		/* per decoding outcome */
	struct reasm_stats	tcp;		/* TCP connections */
	struct udpflow_stats	udp;		/* QUIC and DTLS ones */
	uint64_t		conns;		/* of any transport */
	uint64_t		undecryptable;	/* QUIC Initials not opened */
};

struct pipeline;

/*
 * pipeline_new returns a pipeline for link type o->dlt, or NULL when it
 * is not supported (decode_dlt_supported says so first). The options'
 * port lists, key log and trust store are borrowed: they must outlive
 * the pipeline.
 */
struct pipeline	*pipeline_new(const struct pipeline_opts *,
		    const struct pipeline_sink *);
/* pipeline_free retires every open connection, then frees. */
void		 pipeline_free(struct pipeline *);

/* pipeline_frame = pipeline_decode, then pipeline_packet. */
void		 pipeline_frame(struct pipeline *, const struct pcapin_frame *);
/*
 * pipeline_decode counts frame "f" and decodes it (link, tunnels, IP,
 * fragments) into "out". out->payload points into f->data or into this
 * pipeline's fragment buffer: valid until its next pipeline_decode, so a
 * packet handed to another thread must be copied first.
 */
enum decode_res	 pipeline_decode(struct pipeline *, const struct pcapin_frame *,
		    struct pkt *);
/*
 * pipeline_packet takes a decoded packet "p" whose decoding gave "res"
 * (possibly by another pipeline's pipeline_decode): DEC_TCP goes to TCP
 * reassembly, DEC_UDP to the UDP flows (QUIC and DTLS found by content:
 * udpflow.h); other results were counted by the decoder and end here.
 */
void		 pipeline_packet(struct pipeline *, enum decode_res,
		    const struct pkt *);
/* pipeline_expire retires connections idle at "now" (microseconds). */
void		 pipeline_expire(struct pipeline *, uint64_t);
/*
 * pipeline_tick: what a packet of "res" at time "ts" does to its
 * transport's clock (expiring what is idle), without the packet: -j N's
 * workers see each other's packets so.
 */
void		 pipeline_tick(struct pipeline *, enum decode_res, uint64_t);
/*
 * pipeline_flush retires every open connection in order of id, TCP and
 * UDP ones interleaved.
 */
void		 pipeline_flush(struct pipeline *);
/* pipeline_foreach_open calls "fn" for every open connection. */
void		 pipeline_foreach_open(struct pipeline *,
		    void (*)(void *, struct conn *), void *);
/* pipeline_stats copies the counts so far into "out". */
void		 pipeline_stats(const struct pipeline *,
		    struct pipeline_stats *);

#endif /* TLSHAKE_PIPELINE_H */
