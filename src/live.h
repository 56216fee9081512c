/*
 * live.h: -j N on an interface. The capture's N handles, joined in one
 * AF_PACKET fanout group by pcapin (the kernel hands each flow to one of
 * them), are each read by a worker thread running its own pipeline, so
 * no packet is copied between threads. Retired connections come back to
 * the calling thread, which gives them to the sink: as they retire while
 * the capture runs (numbered in the order they were created, across the
 * workers), then, at the end, the ones still open, in that order.
 */
#ifndef TLSHAKE_LIVE_H
#define TLSHAKE_LIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/pcapin.h"
#include "pipeline.h"

struct live;

/*
 * live_new makes a pipeline from "o" for each handle of "in" (key log
 * and trust store shared, see pipeline.h); "lag": frames wait as
 * reader_lag says (a key log file). NULL when the link type is not
 * supported. sink->conn is called on live_run's thread; sink->open and
 * sink->handshakes are not called.
 */
struct live	*live_new(struct pcapin *, const struct pipeline_opts *,
		    const struct pipeline_sink *, bool);
/*
 * live_run starts the workers, each reading its handle "max" frames in
 * all (-c; 0: no limit) until the capture ends, fails or is broken
 * (pcapin_break, e.g. from a signal), and gives the sink the retired
 * connections; "tick" runs about every 100 ms meanwhile. It returns when
 * every worker has ended and every connection has been given: the first
 * failure's result with its message in "msg", else PCAPIN_BREAK or
 * PCAPIN_EOF.
 */
enum pcapin_res	 live_run(struct live *, uint64_t, void (*)(void *), void *,
		    char *, size_t);
/*
 * live_stats sums the workers' counts: while live_run runs, as each
 * published them last (every batch); after it, complete.
 */
void		 live_stats(struct live *, struct pipeline_stats *);
/*
 * live_drops sums the kernel's counts of the handles, as the workers
 * read them last (each second): received, dropped by the kernel, by the
 * interface.
 */
void		 live_drops(struct live *, uint64_t *, uint64_t *, uint64_t *);
void		 live_free(struct live *);

#endif /* TLSHAKE_LIVE_H */
