/*
 * stats.c: the counts of a run on stderr (--stats, the drop warning,
 * tcpdump's closing line, the end-of-run line).
 */
#include "stats.h"

#include <sys/resource.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/arena.h"
#include "model/certstore.h"
#include "pipeline.h"

uint64_t
stats_now_us(bool wall)
{
	struct timespec ts;

	clock_gettime(wall ? CLOCK_REALTIME : CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

void
stats_start(struct stats *s, bool on)
{
	memset(s, 0, sizeof(*s));
	s->on = on;
	s->t_begin_us = s->tick_us = stats_now_us(false);
}

void
stats_pcap(struct pcapin *in)
{
	uint64_t recv, drop, ifdrop, r = 0, d = 0, f = 0;
	unsigned int i, n = in != NULL ? pcapin_handles(in) : 0;
	bool any = false;

	for (i = 0; i < n; i++) {
		if (!pcapin_stats(pcapin_handle(in, i), &recv, &drop, &ifdrop))
			continue;
		any = true;
		r += recv;
		d += drop;
		/* The interface's count: each handle has all of it. */
		f = ifdrop > f ? ifdrop : f;
		if (n > 1)
			fprintf(stderr, "tlshake: handle %u of %u: %llu packets "
			    "received, %llu dropped by kernel\n", i + 1, n,
			    (unsigned long long)recv,
			    (unsigned long long)drop);
	}
	if (any)
		fprintf(stderr, "tlshake: %llu packets received, %llu dropped "
		    "by kernel, %llu dropped by interface\n",
		    (unsigned long long)r, (unsigned long long)d,
		    (unsigned long long)f);
}

void
stats_print(const struct stats *s, struct pcapin *in,
    const struct pipeline_stats *pps, uint64_t reported)
{
	const struct pipeline_stats ps = *pps;
	const struct reasm_stats *rs = &ps.tcp;
	const struct udpflow_stats *us = &ps.udp;
	const struct decode_stats *ds = &ps.dec;
	struct rusage ru;
	double secs = (double)(stats_now_us(false) - s->t_begin_us) / 1e6;

	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "tlshake: packets %llu, bytes %llu, tcp %llu, "
	    "udp %llu, other %llu, invalid %llu, truncated %llu\n",
	    (unsigned long long)ps.frames, (unsigned long long)ps.bytes,
	    (unsigned long long)ds->tcp, (unsigned long long)ds->udp,
	    (unsigned long long)ds->other,
	    (unsigned long long)ds->invalid, (unsigned long long)ds->trunc);
	if (ds->frags > 0 || ds->tunnels > 0)
		/* A train that never completes belongs to no connection:
		 * it is only counted here. */
		fprintf(stderr, "tlshake: IP fragments %llu (datagrams "
		    "reassembled %llu, trains dropped incomplete %llu), "
		    "tunnelled frames %llu\n", (unsigned long long)ds->frags,
		    (unsigned long long)ds->frags_done,
		    (unsigned long long)ds->frags_dropped,
		    (unsigned long long)ds->tunnels);
	fprintf(stderr, "tlshake: connections %llu (reported %llu, most "
	    "open at once %llu, evicted %llu, expired %llu), handshakes "
	    "completed %llu\n", (unsigned long long)ps.conns,
	    (unsigned long long)reported,
	    (unsigned long long)(rs->open_max + us->open_max),
	    (unsigned long long)(rs->evicted + us->evicted),
	    (unsigned long long)(rs->expired + us->expired),
	    (unsigned long long)ps.handshakes);
	if (ds->udp > 0)
		fprintf(stderr, "tlshake: UDP datagrams %llu (on QUIC or DTLS "
		    "connections %llu), QUIC connections %llu, DTLS "
		    "connections %llu, 4-tuples joined by connection ID "
		    "%llu, QUIC Initials not opened %llu\n",
		    (unsigned long long)us->datagrams,
		    (unsigned long long)us->followed,
		    (unsigned long long)us->conns[CONN_QUIC],
		    (unsigned long long)us->conns[CONN_DTLS],
		    (unsigned long long)us->cid_joined,
		    (unsigned long long)ps.undecryptable);
	fprintf(stderr, "tlshake: memory high-water: connection arenas "
	    "%zu KiB, out-of-order buffers %llu KiB, certificates %zu "
	    "distinct; peak RSS %ld KiB\n", arena_peak_held() / 1024,
	    (unsigned long long)rs->ooo_held_max / 1024, certstore_parsed(),
	    ru.ru_maxrss);
	fprintf(stderr, "tlshake: %.3f s, %.0f packets/s\n", secs,
	    secs > 0 ? (double)ps.frames / secs : 0.0);
	stats_pcap(in);
}

void
stats_endrun(struct endrun *e, struct pcapin *in,
    const struct pipeline_stats *pps, uint64_t reported)
{
	const struct pipeline_stats ps = *pps;
	const struct decode_stats *ds = &ps.dec;
	char buf[1024];

	e->packets = ps.frames;
	e->tcp = ds->tcp;
	e->udp = ds->udp;
	e->other = ds->other + ds->invalid + ds->trunc;
	e->conns = ps.conns;
	e->reported = reported;
	e->handshakes = ps.handshakes;
	e->live = pcapin_is_live(in);
	endrun_lines(e, buf, sizeof(buf));
	fputs(buf, stderr);
}

bool
stats_due(const struct stats *s)
{
	return stats_now_us(false) - s->tick_us >= 1000000;
}

void
stats_tick(struct stats *s, struct pcapin *in, const struct pipeline *pipe,
    uint64_t reported)
{
	struct pipeline_stats ps;
	uint64_t recv, drop = 0, ifdrop = 0;

	if (!stats_due(s))
		return;
	pcapin_stats(in, &recv, &drop, &ifdrop);
	pipeline_stats(pipe, &ps);
	stats_tick_counts(s, &ps, drop, ifdrop, reported);
}

void
stats_tick_counts(struct stats *s, const struct pipeline_stats *pps,
    uint64_t drop, uint64_t ifdrop, uint64_t reported)
{
	const struct pipeline_stats ps = *pps;
	const struct reasm_stats *rs = &ps.tcp;
	uint64_t now = stats_now_us(false), dt;

	if (now - s->tick_us < 1000000)
		return;
	dt = now - s->tick_us;
	if (s->on) {
		fprintf(stderr, "tlshake: %llu s: packets %llu (%llu/s), "
		    "bytes %llu (%llu/s), connections %llu open, %llu seen, "
		    "%llu reported, dropped %llu by kernel, %llu by "
		    "interface\n",
		    (unsigned long long)((now - s->t_begin_us) / 1000000),
		    (unsigned long long)ps.frames,
		    (unsigned long long)((ps.frames - s->tick_packets) *
		    1000000 / dt),
		    (unsigned long long)ps.bytes,
		    (unsigned long long)((ps.bytes - s->tick_bytes) *
		    1000000 / dt),
		    (unsigned long long)(rs->open + ps.udp.open),
		    (unsigned long long)ps.conns,
		    (unsigned long long)reported, (unsigned long long)drop,
		    (unsigned long long)ifdrop);
	} else if (drop > s->tick_drop)
		fprintf(stderr, "tlshake: warning: %llu packets dropped by "
		    "the kernel in the last second (%llu in all); analysis "
		    "is not keeping up (try a larger -B)\n",
		    (unsigned long long)(drop - s->tick_drop),
		    (unsigned long long)drop);
	s->tick_us = now;
	s->tick_packets = ps.frames;
	s->tick_bytes = ps.bytes;
	s->tick_drop = drop;
}
