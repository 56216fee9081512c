/*
 * tlshake: watch TLS handshakes on the wire and draw them as ladders.
 *
 * main reads the options and wires capture (reader.h) -> pipeline
 * (pipeline.h: reassembly, dissector, connection model) -> output
 * (output.h: views, reports, exports); it owns start-up errors and the
 * exit status.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/decode.h"
#include "capture/pcapin.h"
#include "common/i18n.h"
#include "dissect/cert.h"
#include "model/certstore.h"
#include "model/conn.h"
#include "args.h"
#include "live.h"
#include "output.h"
#include "parallel.h"
#include "pipeline.h"
#include "reader.h"
#include "secrets.h"
#include "stats.h"

/* What runs. */
struct app {
	struct reader		 r;
	struct secrets		 sec;
	struct cert_trust	*trust;
	struct stats		 st;
};

/* usage_conflict: options that exclude each other; false if none. */
static bool
usage_conflict(const struct args *g)
{
	const struct output_opts *oo = &g->oo;
	const char *msg = NULL;

	if (oo->view == OUT_TUI && (oo->diff || oo->report))
		msg = "--tui excludes --diff and --report";
	else if (oo->view == OUT_ECS && oo->diff)
		msg = "--ecs excludes --diff";
	else if (g->no_verify && (g->ca_file != NULL || g->ca_path != NULL))
		msg = "--no-verify excludes --ca-file and --ca-path";
	else if (oo->log_path != NULL && oo->view == OUT_TUI)
		msg = "--tui excludes --log-file";
	else if (oo->report_file != NULL && !oo->report)
		msg = "-o goes with --report";
	if (msg != NULL)
		fprintf(stderr, "tlshake: %s\n", msg);
	return msg != NULL;
}

/* check_args settles the input and the options: -1, or the exit status. */
static int
check_args(struct args *g)
{
	struct pcapin_opts *po = &g->po;
	char err[512];

	if (g->list) {
		if (!pcapin_list_ifaces(stdout, err, sizeof(err))) {
			fprintf(stderr, "tlshake: %s\n", err);
			return 1;
		}
		return 0;
	}
	if (po->file != NULL && po->iface != NULL) {
		fprintf(stderr, _("tlshake: -r and -i exclude each other\n"));
		return args_usage_error();
	}
	if (po->file == NULL && po->iface == NULL &&
	    (po->iface = pcapin_default_iface(g->ifbuf,
	    sizeof(g->ifbuf))) == NULL) {
		fprintf(stderr, _("tlshake: no capture interface found "
		    "(capturing needs root or CAP_NET_RAW)\n"));
		return 1;
	}
	if (usage_conflict(g))
		return args_usage_error();
	g->oo.source = po->file != NULL ? po->file : po->iface;
	g->oo.source_file = po->file != NULL;
	if (g->oo.view == OUT_TUI && po->iface != NULL)
		po->immediate = true;
	if (g->oo.text.verbose >= 2)
		model_opts.keep_segments = true;
	if (g->oo.text.verbose >= 1)
		model_opts.appdata_each = true;
	return -1;
}

/* jobs_apply: -j N is taken (--handshakes, --max-conns and the TUI of a
 * live capture, which shows connections still open, run one pipeline). */
static bool
jobs_apply(const struct args *g)
{
	return g->jobs > 1 && g->max_handshakes == 0 && !g->max_conns_set &&
	    !(g->oo.view == OUT_TUI && g->po.file == NULL);
}

/*
 * start opens the capture, then (after -Z dropped privileges) the output
 * files, secrets, trust store and export directory, and makes the
 * pipeline: false after saying why.
 */
static bool
start(struct app *a, struct args *g)
{
	struct reader *r = &a->r;
	struct pipeline_opts *pio = &g->pio;
	struct pipeline_sink sink = { .conn = reader_conn,
	    .handshakes = reader_handshakes, .arg = r };
	char err[512];
	bool perm;
	int dlt;

	reader_signals(r);	/* before "listening on": scripts signal then */
	if (jobs_apply(g))
		g->po.handles = g->jobs;	/* live: a fanout group */
	if ((r->in = pcapin_open(&g->po, err, sizeof(err), &perm)) == NULL) {
		fprintf(stderr, "tlshake: %s\n", err);
		return false;
	}
	if (!output_open(r->out, err, sizeof(err)))
		goto bad;
	if (!secrets_open(&a->sec, g->keylog_path, g->po.file))
		goto out;
	r->sec = &a->sec;
	if (!g->no_verify && (a->trust = cert_trust_new(g->ca_file,
	    g->ca_path, err, sizeof(err))) == NULL)
		goto bad;
	if (!output_start(r->out, err, sizeof(err)))
		goto bad;
	if (pcapin_warning(r->in) != NULL)
		fprintf(stderr, _("tlshake: warning: %s\n"),
		    pcapin_warning(r->in));
	if (pcapin_is_live(r->in) && g->po.write_file != NULL &&
	    g->po.user == NULL && geteuid() == 0)
		fprintf(stderr, _("tlshake: warning: running as root: %s is "
		    "written and packets are parsed with root privileges "
		    "(-Z USER drops them)\n"), g->po.write_file);
	dlt = pcapin_dlt(r->in);
	if (!decode_dlt_supported(dlt)) {
		snprintf(err, sizeof(err), "link type %s (%d) is not "
		    "supported", pcapin_dlt_name(dlt), dlt);
		goto bad;
	}
	if (pcapin_is_live(r->in) && g->oo.view != OUT_TUI)
		/* As tcpdump says it: scripts wait for this line. */
		fprintf(stderr, "tlshake: listening on %s, link-type %s\n",
		    g->po.iface, pcapin_dlt_name(dlt));
	pio->dlt = dlt;
	pio->tcp.tls_ports = g->ports;
	pio->tcp.n_tls_ports = g->n_ports;
	pio->tls.force_ports = g->force;
	pio->tls.n_force_ports = g->n_force;
	pio->tls.keylog = a->sec.kl;
	pio->tls.trust = a->trust;
	pio->fingerprints = output_fingerprints(r->out);
	pio->watch_handshakes = g->max_handshakes != 0;
	/* -j N: workers on a file, or on the handles of a fanout group;
	 * the rest runs one pipeline (tlshake(1)). */
	if (pcapin_handles(r->in) > 1)
		r->live = live_new(r->in, pio, &sink, a->sec.path != NULL);
	else if (jobs_apply(g) && !pcapin_is_live(r->in)) {
		if (g->oo.view == OUT_TUI) {
			reader_handoffs(r);
			sink.conn = reader_handoff;
		}
		r->par = parallel_new(g->jobs, pio, &sink,
		    output_parallel_view(r->out));
	}
	else
		r->pipe = pipeline_new(pio, &sink);
	if (r->pipe != NULL && pcapin_is_live(r->in) && a->sec.path != NULL)
		reader_lag(r);
	return true;
bad:
	fprintf(stderr, "tlshake: %s\n", err);
out:
	pcapin_close(r->in);
	return false;
}

/* finish says how the run ended and frees it: the exit status. */
static int
finish(struct app *a, struct args *g, int rc)
{
	struct reader *r = &a->r;
	struct pipeline_stats ps;
	struct endrun e;
	bool to_stdout;

	secrets_diags(&a->sec, true);
	if (output_finish(r->out, &to_stdout) != 0)
		rc = 1;
	if (g->oo.view != OUT_TUI && rc != 1) {
		memset(&e, 0, sizeof(e));
		e.source = g->oo.source;
		e.filter = g->po.filter;
		e.max_packets = g->max_packets;
		e.max_handshakes = g->max_handshakes;
		e.all = g->oo.all;
		e.stdout_content = to_stdout;
		e.quiet = g->oo.text.quiet;
		secrets_endrun(&a->sec, &e);
		reader_stats(r, &ps);
		stats_endrun(&e, r->in, &ps, output_reported(r->out));
	}
	reader_stats(r, &ps);
	if (g->stats)
		stats_print(&a->st, r->in, &ps, output_reported(r->out));
	else if (pcapin_is_live(r->in))
		stats_pcap(r->in);
	reader_free(r);
	parallel_free(r->par);
	pipeline_free(r->pipe);
	pcapin_close(r->in);
	secrets_cleanup(&a->sec);
	cert_trust_free(a->trust);
	free((void *)g->po.filter);
	if (!output_free(r->out))
		rc = 1;
	certstore_cleanup();
	return rc;
}

int
main(int argc, char **argv)
{
	static struct args g;
	static struct app a;
	int rc;

	i18n_init();
	if ((rc = args_parse(&g, argc, argv)) >= 0 ||
	    (rc = check_args(&g)) >= 0)
		return rc;
	a.r.out = output_new(&g.oo);
	a.r.st = &a.st;
	a.r.max_packets = g.max_packets;
	a.r.max_handshakes = g.max_handshakes;
	if (!start(&a, &g))
		return 1;
	stats_start(&a.st, g.stats);
	rc = reader_run(&a.r, g.oo.view == OUT_TUI, g.oo.source);
	return finish(&a, &g, rc);
}
