/*
 * reader.h: the capture loop. It reads frames from the capture into the
 * pipeline (a file at once, a live capture in batches so that idle
 * connections expire on time, or as the TUI pumps it) until the input
 * ends, a signal comes, -c frames were read or --handshakes completed.
 */
#ifndef TLSHAKE_READER_H
#define TLSHAKE_READER_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/pcapin.h"
#include "model/conn.h"

struct handoff;
struct lag;
struct live;
struct output;
struct parallel;
struct pipeline;
struct pipeline_stats;
struct secrets;
struct stats;

struct reader {
	struct pcapin	*in;
	struct pipeline	*pipe;		/* -j 1 */
	struct parallel	*par;		/* -j N on a file: instead of "pipe" */
	struct live	*live;		/* -j N live: instead of "pipe" */
	struct output	*out;		/* where retired connections go */
	struct secrets	*sec;		/* key log diagnostics, or NULL */
	struct stats	*st;
	uint64_t	 max_packets;	/* -c, or 0 */
	uint64_t	 max_handshakes; /* --handshakes, or 0 */
	uint64_t	 hs_done;	/* completed, as they complete */
	bool		 hs_stop;	/* --handshakes reached */
	struct lag	*lag;		/* frames held back (reader_lag), or NULL */
	struct handoff	*handoff;	/* reader_handoff's, or NULL */
	bool		 input_done;
	enum pcapin_res	 res;
	char		 msg[512];
};

/*
 * reader_signals makes SIGINT and SIGTERM stop "r" (before the capture is
 * open: scripts signal as soon as it says it listens) and ignores SIGPIPE.
 */
void	reader_signals(struct reader *);
/*
 * reader_lag holds live frames back before the pipeline sees them (with
 * a key log file: lag.h says why and how long).
 */
void	reader_lag(struct reader *);
/* The pipeline's sink callbacks: to output_conn, and --handshakes. */
void	reader_conn(void *, struct conn *);
/*
 * reader_handoff is reader_conn for -j N under the TUI: the merging
 * thread hands the connection over, and the TUI's thread gives it to
 * output_conn after its next batch. reader_handoffs starts it.
 */
void	reader_handoff(void *, struct conn *);
void	reader_handoffs(struct reader *);
void	reader_handshakes(void *, const struct conn *, uint32_t);
/*
 * reader_run reads the whole input (through the TUI with "tui"), retires
 * what is still open and returns the exit status so far: the TUI's, 3 for
 * a corrupt file, 1 for a read error (each said on stderr), else 0.
 */
int	reader_run(struct reader *, bool, const char *);
void	reader_free(struct reader *);
/* reader_stats: the pipeline's counts, or the -j N workers' summed. */
void	reader_stats(const struct reader *, struct pipeline_stats *);

#endif /* TLSHAKE_READER_H */
