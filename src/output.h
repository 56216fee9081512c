/*
 * output.h: where retired connections go. The view on standard output (or
 * --log-file), --diff, --report (to standard output or -o), the TUI's
 * store, --export-certs, and the colour policy, chosen once from the
 * options. Views never see a packet: this module hands them connections.
 */
#ifndef TLSHAKE_OUTPUT_H
#define TLSHAKE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/pcapin.h"
#include "model/conn.h"
#include "view/report.h"
#include "view/text.h"

struct parallel_view;
struct pipeline;
struct pipeline_stats;

enum output_view { OUT_TEXT, OUT_JSON, OUT_TUI, OUT_ECS };

struct output_opts {
	enum output_view view;
	struct text_opts text;		/* -t, -v, -q; colour: from "color" */
	const char	*color;		/* --color: "auto", "always", "never" */
	bool		 all;		/* --all: every TCP connection */
	bool		 diff;		/* --diff */
	bool		 report;	/* --report */
	enum report_fmt	 report_fmt;
	const char	*report_file;	/* -o, or NULL: standard output */
	const char	*log_path;	/* --log-file, or NULL */
	const char	*export_dir;	/* --export-certs, or NULL */
	const char	*source;	/* -r FILE or -i IFACE */
	bool		 source_file;	/* it is -r FILE */
};

struct output;

/*
 * output_new sets the colour policy into a copy of "o" (NO_COLOR, TERM,
 * the locale, whether stdout is a terminal) and makes the views. It opens
 * nothing: output_open and output_start do, after privileges are dropped.
 */
struct output	*output_new(const struct output_opts *);
/*
 * output_open opens -o and --log-file (SIGHUP then reopens the log file).
 * False with the reason in "err".
 */
bool		 output_open(struct output *, char *, size_t);
/*
 * output_start makes the --export-certs directory (false with the reason
 * in "err") and starts the report.
 */
bool		 output_start(struct output *, char *, size_t);
/* output_text: the text options in force (colour decided). */
const struct text_opts *output_text(const struct output *);
/* output_fingerprints: does any view in use show fingerprints? */
bool		 output_fingerprints(const struct output *);

/* output_conn takes retired connection "c": a pipeline_sink.conn. */
void		 output_conn(struct output *, struct conn *);
/*
 * output_parallel_view: for -j N, the callbacks that let its workers print
 * what the view shows of a connection (text, --json, --ecs without --diff,
 * --report, --export-certs or -o -q), or NULL: the merge then hands every
 * connection to output_conn.
 */
const struct parallel_view *output_parallel_view(struct output *);
/* output_reported: connections reported so far. */
uint64_t	 output_reported(const struct output *);
/* output_tick: between live batches (a SIGHUP reopens --log-file). */
void		 output_tick(struct output *);

/* What the TUI reads from: the capture, the pipeline, a pump. */
struct output_source {
	struct pcapin	*in;
	/* whose open connections are shown; NULL (-j N): none until they
	 * retire */
	struct pipeline	*pipe;
	bool		(*pump)(void *);	/* false once input ended */
	/* the counts so far (frames read) */
	void		(*stats)(void *, struct pipeline_stats *);
	void		*arg;
	const bool	*input_done;
};

/* output_tui runs the TUI (--tui) until the user quits; its exit status. */
int		 output_tui(struct output *, const struct output_source *);

/*
 * output_finish writes what comes at the end (--diff's summaries, the
 * report). It returns 1 after a write error it printed, else 0. Then
 * "*report_to_stdout" says whether a report went to standard output.
 */
int		 output_finish(struct output *, bool *);
/*
 * output_free closes and frees everything; false after printing that
 * the view's output could not be written.
 */
bool		 output_free(struct output *);

#endif /* TLSHAKE_OUTPUT_H */
