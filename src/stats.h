/*
 * stats.h: the statistics on stderr: --stats (each second live, and a
 * summary), the kernel-drop warning of a live capture, tcpdump's closing
 * counts, and the end-of-run line (endrun.h).
 */
#ifndef TLSHAKE_STATS_H
#define TLSHAKE_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/pcapin.h"
#include "endrun.h"

struct pipeline;
struct pipeline_stats;

struct stats {
	bool		 on;		/* --stats */
	uint64_t	 t_begin_us;	/* monotonic, at the start */
	uint64_t	 tick_us, tick_packets, tick_bytes, tick_drop;
};

/* stats_now_us: microseconds, of the wall clock or a monotonic one. */
uint64_t	stats_now_us(bool);
/* stats_start starts the clock; "on" for --stats. */
void		stats_start(struct stats *, bool);
/*
 * stats_tick runs after each live batch: once a second, --stats prints a
 * line; without it, new kernel drops are warned about (never silent).
 * "reported" counts the connections reported so far.
 */
void		stats_tick(struct stats *, struct pcapin *,
		    const struct pipeline *, uint64_t);
/* stats_due: a second has passed since the last tick's line. */
bool		stats_due(const struct stats *);
/* stats_tick_counts is stats_tick with the counts given (-j N live). */
void		stats_tick_counts(struct stats *, const struct pipeline_stats *,
		    uint64_t, uint64_t, uint64_t);
/* stats_print prints the --stats summary, then stats_pcap's line. */
void		stats_print(const struct stats *, struct pcapin *,
		    const struct pipeline_stats *, uint64_t);
/* stats_pcap: as tcpdump at the end of a live capture (-j N: each
 * handle's counts, then their sum). */
void		stats_pcap(struct pcapin *);
/*
 * stats_endrun completes "e" (the options and key log filled by the
 * caller) with the counts of the pipeline and prints the end-of-run line.
 */
void		stats_endrun(struct endrun *, struct pcapin *,
		    const struct pipeline_stats *, uint64_t);

#endif /* TLSHAKE_STATS_H */
