/*
 * parallel.h: -j N on a file. One reader (the calling thread) decodes
 * each frame far enough to find its flow (IP fragments reassembled,
 * tunnels followed to the innermost header) and hands the packet to the
 * worker owning the flow's symmetric hash; each worker runs its own
 * pipeline; a merging thread puts the retired connections back into the
 * order, numbering and timing of one pipeline reading everything (-j 1).
 *
 * What makes the result independent of N:
 * - every worker sees the time of every TCP packet (a tick when the
 *   packet is another worker's), so idle connections expire at the same
 *   packet as with -j 1;
 * - each retirement carries its place in -j 1's sequence: the frame being
 *   read, then enum retire, then the frame of the connection's latest
 *   packet (the order of capture's idle lists); the merge emits in that
 *   order, and numbers connections by the order of their first frames.
 * Queues are bounded: a full one stops the thread filling it (the reader
 * waits for the slowest worker, a worker for the merge).
 */
#ifndef TLSHAKE_PARALLEL_H
#define TLSHAKE_PARALLEL_H

#include <stdbool.h>

#include "capture/pcapin.h"
#include "common/buf.h"
#include "pipeline.h"

/* Most workers: -j beyond it is refused as a usage error. */
#define PARALLEL_MAX	64

struct parallel;

/*
 * Optional: views that keep nothing of a connection print it on the
 * workers, so the merge only copies bytes in order.
 */
struct parallel_view {
	/*
	 * On a worker, "c" numbered already: append what the view prints of
	 * it to "out", set "*reported", free "c" and return true; or return
	 * false to leave "c" to sink->conn on the merging thread.
	 */
	bool	(*render)(void *, struct conn *, struct buf *, bool *);
	/* On the merging thread, in -j 1's order: what render printed. */
	void	(*rendered)(void *, const char *, size_t, bool);
	void	*arg;
};

/*
 * parallel_new starts "n" workers, each with a pipeline made from "o"
 * (whose key log and trust store they share: see pipeline.h), and the
 * merging thread, which calls sink->conn with each retired connection in
 * -j 1's order, its id set as -j 1 sets it (or, with "view" not NULL,
 * the view's callbacks do). sink->handshakes is not called. NULL when the
 * link type is not supported.
 */
struct parallel	*parallel_new(unsigned int, const struct pipeline_opts *,
		    const struct pipeline_sink *, const struct parallel_view *);
/* parallel_frame reads one frame (the pcapin callback's). */
void		 parallel_frame(struct parallel *, const struct pcapin_frame *);
/*
 * parallel_finish ends the input: the workers retire what is open, the
 * merge emits it, and every thread is joined. Call it once.
 */
void		 parallel_finish(struct parallel *);
/*
 * parallel_stats sums the workers' counts into "out" as one pipeline
 * would have them; "most open at once" is counted by the merge, in -j 1's
 * order. Complete after parallel_finish.
 */
void		 parallel_stats(const struct parallel *, struct pipeline_stats *);
void		 parallel_free(struct parallel *);

#endif /* TLSHAKE_PARALLEL_H */
