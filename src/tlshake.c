/*
 * tlshake: watch TLS handshakes on the wire and draw them as ladders.
 *
 * main wires the pipeline: capture -> TCP reassembly -> TLS dissector ->
 * connection model -> views. It owns start-up errors and exit status.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/decode.h"
#include "capture/pcapin.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "common/limits.h"
#include "common/logfile.h"
#include "dissect/cert.h"
#include "dissect/keylog.h"
#include "model/certstore.h"
#include "model/conn.h"
#include "model/store.h"
#include "tui/tui.h"
#include "view/diff.h"
#include "view/ecs.h"
#include "view/json.h"
#include "view/label.h"
#include "view/report.h"
#include "view/text.h"
#include "endrun.h"
#include "pipeline.h"

#define EXIT_USAGE	2
#define EXIT_CORRUPT	3
#define MAX_PORTS	64

enum view { V_TEXT, V_JSON, V_TUI, V_ECS };

struct app {
	enum view		 view;
	struct text_opts	 text;
	bool			 all;
	bool			 stats;
	uint64_t		 max_packets;
	uint64_t		 max_handshakes;
	struct pcapin		*in;
	struct pipeline		*pipe;
	struct buf		 out;
	bool			 out_failed;
	struct logfile		 log;		/* --log-file; fp NULL: stdout */
	struct store		 store;		/* finished, for the TUI */
	struct diff		*diff;		/* --diff */
	bool			 stdout_off;	/* --report without -o, -o -q */
	struct report		*report;	/* --report */
	bool			 input_done;
	enum pcapin_res		 res;
	char			 msg[512];
	/* counters for --stats */
	uint64_t		 reported;
	uint64_t		 hs_done;	/* completed, as they complete */
	uint64_t		 tick_us, tick_packets, tick_bytes, tick_drop;
	uint64_t		 t_begin_us;
	/* --keylog / SSLKEYLOGFILE / pcapng secrets, --export-certs */
	struct keylog		*keylog;
	uint64_t		 kl_printed;	/* diagnostics printed */
	int			 export_fd;	/* -1: not exporting */
	const char		*export_dir;
	uint64_t		 exported;
	bool			 export_failed;
};

/* Key log diagnostics printed on stderr; the rest are counted. */
#define KEYLOG_DIAGS_SHOWN	5

static volatile sig_atomic_t	stop_signal;
static volatile sig_atomic_t	hup_signal;	/* --log-file: reopen */
static struct app		*the_app;

static void	export_certs(struct app *, const struct conn *);

/*
 * usage_error ends a usage error as GNU tools do: after the one-line
 * message, a hint, never the whole help text. Returns EXIT_USAGE.
 */
static int
usage_error(void)
{
	fprintf(stderr, "Try 'tlshake --help' for more information.\n");
	return EXIT_USAGE;
}

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: tlshake [-r FILE | -i IFACE] [options] [BPF expression]\n"
"       tlshake -D | --version | --help\n"
"\n"
"input:\n"
"  -r FILE            read a pcap or pcapng file (\"-\": standard input)\n"
"  -i IFACE           capture live (\"any\" too; default: first interface)\n"
"  -w FILE            also write the packets read to FILE (pcap)\n"
"  -c N               stop after N packets\n"
"  --handshakes N     stop after N completed TLS handshakes\n"
"  -s SNAPLEN, -B KiB, -p, -y DLT, --immediate   as tcpdump\n"
"  -Z USER            drop privileges to USER after opening the capture\n"
"  -n                 accepted; tlshake never resolves names\n"
"  -D                 list capture interfaces\n"
"  --port PORT        treat PORT as a TLS port (repeatable)\n"
"decryption and certificates:\n"
"  --keylog FILE      NSS key log (default: $SSLKEYLOGFILE); pcapng\n"
"                     Decryption Secrets Blocks are used too\n"
"  --ca-file FILE, --ca-path DIR   trust store for chain checks\n"
"                     (default: the system's)\n"
"  --no-verify        no chain verification\n"
"  --export-certs DIR write each certificate seen as DIR/<sha256>.pem\n"
"views:\n"
"  (default)          a text ladder per connection\n"
"  --json             JSON Lines: one object per connection\n"
"  --ecs              JSON Lines in Elastic Common Schema field names\n"
"  --tui              the interactive ncurses interface\n"
"  --diff             offered vs chosen per connection, then per server\n"
"                     and per client fingerprint (with --json: JSON)\n"
"  --explain          the handshake told in numbered steps under each\n"
"                     connection (with --json: an \"explain\" array)\n"
"  --report FMT       a report: text, md, html or json (replaces the view)\n"
"  -o FILE            with --report: write it to FILE (never through a\n"
"                     symbolic link) while the view runs; -q quiets it\n"
"  --log-file FILE    write the view to FILE (appended; never through a\n"
"                     symbolic link), reopened on SIGHUP for logrotate\n"
"  -v, -vv, -q        more detail / every TCP segment / header line only\n"
"  -t                 absolute times (ISO 8601, UTC)\n"
"  --all              report every TCP connection, not only TLS ones\n"
"  --color=WHEN       auto (default), always, never; NO_COLOR is honoured\n"
"  --stats            statistics on stderr (live: every second), a summary\n"
"caps:\n"
"  --max-conns N      open connections tracked (default %u)\n"
"  --idle S           idle timeout in seconds (default %u)\n"
"\n"
"Exit status: 0 input read to its end, 1 nothing could be analysed,\n"
"2 usage error, 3 reading stopped at a corrupt record.\n",
	    LIM_CONNS_DEFAULT, LIM_IDLE_SECS);
}

static void
on_signal(int sig)
{
	stop_signal = sig;
	if (the_app != NULL && the_app->in != NULL)
		pcapin_break(the_app->in);
}

/*
 * The first SIGINT/SIGTERM stops the loop (then open connections are
 * flushed); SA_RESETHAND lets a second one end a long flush at once. No
 * SA_RESTART: a blocked read returns.
 */
static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void
on_hup(int sig)
{
	(void)sig;
	hup_signal = 1;
}

/*
 * log_reopen: after SIGHUP, --log-file is opened again (logrotate renamed
 * it); lines before went whole to the old file, lines after go to the new.
 */
static void
log_reopen(struct app *a)
{
	char err[512];

	if (!hup_signal || a->log.fp == NULL)
		return;
	hup_signal = 0;
	if (!logfile_reopen(&a->log, err, sizeof(err)))
		fprintf(stderr, "tlshake: warning: %s (writing on to the "
		    "file open before)\n", err);
}

static void
write_out(struct app *a)
{
	if (a->out_failed) {
		buf_reset(&a->out);
		return;
	}
	log_reopen(a);
	if (!buf_write(&a->out, a->log.fp != NULL ? a->log.fp : stdout)) {
		if (errno == EPIPE && a->log.fp == NULL) {
			/* SIGPIPE on the output ends quietly. */
			_exit(0);
		}
		a->out_failed = true;
	}
}

/* --handshakes stops when a handshake completes, not at its end. */
static void
on_handshakes(void *arg, const struct conn *c, uint32_t n)
{
	struct app *a = arg;

	(void)c;
	a->hs_done += n;
	if (a->hs_done >= a->max_handshakes && a->in != NULL)
		pcapin_break(a->in);
}

/* A retired connection: exported, shown, reported or dropped. */
static void
on_conn(void *arg, struct conn *c)
{
	struct app *a = arg;
	struct pipeline_stats ps;

	if (a->export_fd >= 0)
		export_certs(a, c);
	if (!label_reported(c, a->all)) {
		conn_free(c);
	} else if (a->view == V_TUI) {
		a->reported++;
		store_add(&a->store, c);
	} else {
		a->reported++;
		if (a->stdout_off)
			;
		else if (a->diff != NULL)
			diff_emit_conn(a->diff, &a->out, c);
		else if (a->view == V_JSON)
			json_emit_conn(&a->out, c);
		else if (a->view == V_ECS)
			ecs_emit_conn(&a->out, c);
		else
			text_emit_conn(&a->out, c, &a->text);
		write_out(a);
		if (a->report != NULL)
			report_add(a->report, c);	/* takes "c" */
		else
			conn_free(c);
	}
	if (a->max_handshakes != 0 && a->in != NULL) {
		pipeline_stats(a->pipe, &ps);
		if (ps.handshakes >= a->max_handshakes)
			pcapin_break(a->in);
	}
}

/*
 * keylog_diags prints the key log's new diagnostics, the first
 * KEYLOG_DIAGS_SHOWN of the run; at the end ("final") it says how many
 * more there were.
 */
static void
keylog_diags(struct app *a, bool final)
{
	char msg[256];
	uint64_t n;

	if (a->keylog == NULL)
		return;
	while (keylog_next_diag(a->keylog, msg, sizeof(msg)))
		if (a->kl_printed++ < KEYLOG_DIAGS_SHOWN)
			fprintf(stderr, "tlshake: key log: %s\n", msg);
	n = keylog_n_diags(a->keylog);
	if (final && n > KEYLOG_DIAGS_SHOWN)
		fprintf(stderr, "tlshake: key log: %llu more lines not used\n",
		    (unsigned long long)(n - KEYLOG_DIAGS_SHOWN));
}

/*
 * setup_keylog reads --keylog or $SSLKEYLOGFILE, and the Decryption
 * Secrets Blocks of a pcapng file "-r" names (not standard input: it
 * can be read only once). False after printing why.
 */
static bool
setup_keylog(struct app *a, const char *path, const char *file)
{
	char err[512];
	const char *env;
	size_t n_dsb = 0;

	if (path == NULL && (env = getenv("SSLKEYLOGFILE")) != NULL &&
	    *env != '\0') {
		path = env;
		fprintf(stderr, "tlshake: using the key log SSLKEYLOGFILE=%s\n",
		    path);
	}
	a->keylog = keylog_new();
	if (path != NULL && !keylog_open(a->keylog, path, err, sizeof(err))) {
		fprintf(stderr, "tlshake: key log %s\n", err);
		return false;
	}
	/* Reading a file, nobody is still writing its key log. */
	if (path != NULL && file != NULL)
		keylog_poll(a->keylog, true);
	if (file != NULL && strcmp(file, "-") != 0 &&
	    !keylog_add_pcapng(a->keylog, file, &n_dsb, err, sizeof(err))) {
		fprintf(stderr, "tlshake: %s\n", err);
		return false;
	}
	keylog_diags(a, false);
	if (path == NULL && n_dsb == 0) {
		keylog_free(a->keylog);
		a->keylog = NULL;
	}
	return true;
}

/* export_certs writes the certificates of "c" not written yet. */
static void
export_certs(struct app *a, const struct conn *c)
{
	const struct tls_hs *hs;
	struct cert *const *v;
	uint32_t i, j, n;
	char err[512];
	int side;

	for (i = 0; i < c->n_hs; i++) {
		hs = &c->hs[i];
		for (side = 0; side < 2; side++) {
			v = side == 0 ? hs->certs : hs->client_certs;
			n = side == 0 ? hs->n_certs : hs->n_client_certs;
			for (j = 0; j < n; j++) {
				switch (cert_export_pem(v[j], a->export_fd,
				    err, sizeof(err))) {
				case CERT_EXPORT_WRITTEN:
					a->exported++;
					break;
				case CERT_EXPORT_EXISTS:
					break;
				case CERT_EXPORT_ERROR:
					if (!a->export_failed)
						fprintf(stderr, "tlshake: "
						    "--export-certs %s/%s\n",
						    a->export_dir, err);
					a->export_failed = true;
					break;
				}
			}
		}
	}
}

static void
on_frame(void *arg, const struct pcapin_frame *fr)
{
	struct app *a = arg;

	pipeline_frame(a->pipe, fr);
}

static uint32_t
parse_uint(const char *s, const char *what, uint32_t max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v > max) {
		fprintf(stderr, "tlshake: %s: bad number \"%s\"\n", what, s);
		exit(usage_error());
	}
	return (uint32_t)v;
}

static char *
join_args(int argc, char **argv)
{
	size_t n = 0;
	char *s;
	int i;

	if (argc == 0)
		return NULL;
	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	s = x_malloc(n);
	s[0] = '\0';
	for (i = 0; i < argc; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static uint64_t
wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static uint64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* As tcpdump at the end of a live capture. */
static void
print_pcap_stats(struct app *a)
{
	uint64_t recv, drop, ifdrop;

	if (a->in != NULL && pcapin_stats(a->in, &recv, &drop, &ifdrop))
		fprintf(stderr, "tlshake: %llu packets received, %llu dropped "
		    "by kernel, %llu dropped by interface\n",
		    (unsigned long long)recv, (unsigned long long)drop,
		    (unsigned long long)ifdrop);
}

static void
print_stats(struct app *a)
{
	struct pipeline_stats ps;
	const struct reasm_stats *rs = &ps.tcp;
	const struct udpflow_stats *us = &ps.udp;
	const struct decode_stats *ds = &ps.dec;
	struct rusage ru;
	double secs = (double)(now_us() - a->t_begin_us) / 1e6;

	pipeline_stats(a->pipe, &ps);
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
	    (unsigned long long)a->reported,
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
	print_pcap_stats(a);
}

/* The end-of-run line (endrun.c): what was seen when nothing was said. */
static void
print_endrun(struct app *a, const struct pcapin_opts *po,
    const char *keylog_path, bool report_to_stdout)
{
	struct pipeline_stats ps;
	const struct decode_stats *ds = &ps.dec;
	struct endrun e;
	char buf[1024];

	pipeline_stats(a->pipe, &ps);
	memset(&e, 0, sizeof(e));
	e.source = po->file != NULL ? po->file : po->iface;
	e.filter = po->filter;
	e.packets = ps.frames;
	e.tcp = ds->tcp;
	e.udp = ds->udp;
	e.other = ds->other + ds->invalid + ds->trunc;
	e.conns = ps.conns;
	e.reported = a->reported;
	e.handshakes = ps.handshakes;
	e.max_packets = a->max_packets;
	e.max_handshakes = a->max_handshakes;
	e.live = pcapin_is_live(a->in);
	e.all = a->all;
	e.stdout_content = a->report != NULL && report_to_stdout;
	e.quiet = a->text.quiet;
	if (a->keylog != NULL) {
		e.keylog = keylog_path != NULL ? keylog_path :
		    getenv("SSLKEYLOGFILE") != NULL &&
		    getenv("SSLKEYLOGFILE")[0] != '\0' ?
		    getenv("SSLKEYLOGFILE") : "(the capture's secrets)";
		e.kl_entries = keylog_count(a->keylog);
		keylog_lookups(a->keylog, &e.kl_found, &e.kl_missed);
	}
	endrun_lines(&e, buf, sizeof(buf));
	fputs(buf, stderr);
}

/*
 * live_tick runs after each live batch: once a second, --stats prints a
 * line; without it, new kernel drops are warned about (never silent).
 */
static void
live_tick(struct app *a)
{
	struct pipeline_stats ps;
	const struct reasm_stats *rs = &ps.tcp;
	uint64_t now = now_us(), dt, recv, drop = 0, ifdrop = 0;

	if (now - a->tick_us < 1000000)
		return;
	dt = now - a->tick_us;
	pcapin_stats(a->in, &recv, &drop, &ifdrop);
	pipeline_stats(a->pipe, &ps);
	if (a->stats) {
		fprintf(stderr, "tlshake: %llu s: packets %llu (%llu/s), "
		    "bytes %llu (%llu/s), connections %llu open, %llu seen, "
		    "%llu reported, dropped %llu by kernel, %llu by "
		    "interface\n",
		    (unsigned long long)((now - a->t_begin_us) / 1000000),
		    (unsigned long long)ps.frames,
		    (unsigned long long)((ps.frames - a->tick_packets) *
		    1000000 / dt),
		    (unsigned long long)ps.bytes,
		    (unsigned long long)((ps.bytes - a->tick_bytes) *
		    1000000 / dt),
		    (unsigned long long)(rs->open + ps.udp.open),
		    (unsigned long long)ps.conns,
		    (unsigned long long)a->reported, (unsigned long long)drop,
		    (unsigned long long)ifdrop);
	} else if (drop > a->tick_drop)
		fprintf(stderr, "tlshake: warning: %llu packets dropped by "
		    "the kernel in the last second (%llu in all); analysis "
		    "is not keeping up (try a larger -B)\n",
		    (unsigned long long)(drop - a->tick_drop),
		    (unsigned long long)drop);
	a->tick_us = now;
	a->tick_packets = ps.frames;
	a->tick_bytes = ps.bytes;
	a->tick_drop = drop;
}

/*
 * read_some reads one batch of input (batch 0: all of a file) and handles
 * the end of the input; false once it has ended.
 */
static bool
read_some(struct app *a, int batch)
{
	struct pipeline_stats ps;

	if (a->input_done)
		return false;
	a->res = pcapin_run(a->in, on_frame, a, a->max_packets, batch,
	    a->msg, sizeof(a->msg));
	pipeline_stats(a->pipe, &ps);
	if (pcapin_is_live(a->in) && ps.last_ts != 0)
		pipeline_expire(a->pipe, wall_us());
	if (a->res == PCAPIN_AGAIN && !stop_signal)
		return true;
	a->input_done = true;
	pipeline_flush(a->pipe);
	return false;
}

static bool
tui_pump(void *arg)
{
	struct app *a = arg;

	return read_some(a, pcapin_is_live(a->in) ? 1024 : 4096);
}

struct open_ctx {
	tui_conn_fn	 fn;
	void		*arg;
	bool		 all;
};

static void
open_cb(void *arg, struct conn *c)
{
	struct open_ctx *o = arg;

	if (label_reported(c, o->all))
		o->fn(o->arg, c);
}

static void
tui_foreach_open(void *arg, tui_conn_fn fn, void *fnarg)
{
	struct app *a = arg;
	struct open_ctx o = { fn, fnarg, a->all };

	pipeline_foreach_open(a->pipe, open_cb, &o);
}

static void
tui_counts(void *arg, uint64_t *pkts, uint64_t *dropped, int *progress)
{
	struct app *a = arg;
	uint64_t recv, drop, ifdrop;
	struct pipeline_stats ps;

	pipeline_stats(a->pipe, &ps);
	*pkts = ps.frames;
	*dropped = 0;
	if (pcapin_stats(a->in, &recv, &drop, &ifdrop))
		*dropped = drop + ifdrop;
	*progress = a->input_done ? 100 : pcapin_progress(a->in);
}

enum {
	OPT_JSON = 256, OPT_TUI, OPT_DIFF, OPT_REPORT, OPT_KEYLOG, OPT_CAFILE,
	OPT_CAPATH, OPT_NOVERIFY, OPT_PORT, OPT_ALL, OPT_STATS, OPT_MAXCONNS,
	OPT_IDLE, OPT_COLOR, OPT_HANDSHAKES, OPT_IMMEDIATE, OPT_VERSION,
	OPT_HELP, OPT_EXPORT_CERTS, OPT_ECS, OPT_LOGFILE, OPT_EXPLAIN,
};

static const struct option longopts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "ecs", no_argument, NULL, OPT_ECS },
	{ "log-file", required_argument, NULL, OPT_LOGFILE },
	{ "tui", no_argument, NULL, OPT_TUI },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "keylog", required_argument, NULL, OPT_KEYLOG },
	{ "ca-file", required_argument, NULL, OPT_CAFILE },
	{ "ca-path", required_argument, NULL, OPT_CAPATH },
	{ "no-verify", no_argument, NULL, OPT_NOVERIFY },
	{ "export-certs", required_argument, NULL, OPT_EXPORT_CERTS },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "max-conns", required_argument, NULL, OPT_MAXCONNS },
	{ "idle", required_argument, NULL, OPT_IDLE },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "handshakes", required_argument, NULL, OPT_HANDSHAKES },
	{ "immediate", no_argument, NULL, OPT_IMMEDIATE },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char **argv)
{
	static struct app app;
	struct app *a = &app;
	struct pcapin_opts po;
	struct pipeline_opts pio;
	struct reasm_opts *ro = &pio.tcp;
	struct pipeline_sink sink;
	struct cert_trust *trust = NULL;
	uint16_t ports[MAX_PORTS];
	uint32_t n_ports = 0, n_force = 0;
	uint16_t force[MAX_PORTS];
	const char *color = "auto", *env;
	char err[512], ifbuf[256];
	bool perm, list = false, want_diff = false;
	const char *report_file = NULL, *source, *log_path = NULL;
	enum report_fmt report_fmt = REPORT_TEXT;
	bool want_report = false;
	FILE *report_fp = NULL;
	const char *keylog_path = NULL, *ca_file = NULL, *ca_path = NULL;
	bool no_verify = false;
	int ch, rc = 0, dlt;
	size_t i;

	i18n_init();
	memset(&po, 0, sizeof(po));
	pipeline_opts_init(&pio);
	for (i = 0; i < ro->n_tls_ports; i++)
		ports[n_ports++] = ro->tls_ports[i];

	opterr = 0;	/* the messages below name the option as typed */
	while ((ch = getopt_long(argc, argv, ":r:i:w:c:s:B:py:Z:ntvqDo:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': po.file = optarg; break;
		case 'i': po.iface = optarg; break;
		case 'w': po.write_file = optarg; break;
		case 'c':
			a->max_packets = parse_uint(optarg, "-c", UINT32_MAX);
			break;
		case 's':
			po.snaplen = (int)parse_uint(optarg, "-s", 262144);
			break;
		case 'B':
			po.buffer_kib = (int)parse_uint(optarg, "-B",
			    4 * 1024 * 1024);
			break;
		case 'p': po.no_promisc = true; break;
		case 'y': po.dlt = optarg; break;
		case 'Z': po.user = optarg; break;
		case 'n': break;
		case 't': a->text.abs_time = true; break;
		case 'v': a->text.verbose++; break;
		case 'q': a->text.quiet = true; break;
		case 'D': list = true; break;
		case OPT_PORT:
			if (n_ports >= MAX_PORTS || n_force >= MAX_PORTS) {
				fprintf(stderr, "tlshake: too many --port\n");
				return usage_error();
			}
			force[n_force] = (uint16_t)parse_uint(optarg,
			    "--port", 65535);
			ports[n_ports++] = force[n_force++];
			break;
		case OPT_ALL: a->all = true; break;
		case OPT_EXPLAIN:
			a->text.explain = true;
			json_set_explain(true);
			break;
		case OPT_STATS: a->stats = true; break;
		case OPT_MAXCONNS:
			ro->max_conns = parse_uint(optarg, "--max-conns",
			    UINT32_MAX);
			if (ro->max_conns == 0)
				ro->max_conns = 1;
			break;
		case OPT_IDLE:
			ro->idle_s = parse_uint(optarg, "--idle", 86400 * 365);
			if (ro->idle_s < ro->halfopen_s)
				ro->halfopen_s = ro->idle_s;
			break;
		case OPT_COLOR:
			color = optarg != NULL ? optarg : "always";
			if (strcmp(color, "auto") != 0 &&
			    strcmp(color, "always") != 0 &&
			    strcmp(color, "never") != 0) {
				fprintf(stderr, "tlshake: --color: auto, "
				    "always or never\n");
				return usage_error();
			}
			break;
		case OPT_HANDSHAKES:
			a->max_handshakes = parse_uint(optarg, "--handshakes",
			    UINT32_MAX);
			break;
		case OPT_IMMEDIATE: po.immediate = true; break;
		case OPT_VERSION:
			printf("tlshake %s\n", PACKAGE_VERSION);
			return 0;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_TUI:
		case OPT_JSON:
		case OPT_ECS:
			/* --tui excludes the other views (SPEC.md). */
			if (a->view != V_TEXT && a->view != (ch == OPT_TUI ?
			    V_TUI : ch == OPT_JSON ? V_JSON : V_ECS)) {
				fprintf(stderr, "tlshake: --tui, --json and "
				    "--ecs exclude each other\n");
				return usage_error();
			}
			a->view = ch == OPT_TUI ? V_TUI : ch == OPT_JSON ?
			    V_JSON : V_ECS;
			break;
		case OPT_DIFF: want_diff = true; break;
		case OPT_REPORT:
			if (!report_fmt_parse(optarg, &report_fmt)) {
				fprintf(stderr, "tlshake: --report: text, md, "
				    "html or json\n");
				return usage_error();
			}
			want_report = true;
			break;
		case 'o': report_file = optarg; break;
		case OPT_LOGFILE: log_path = optarg; break;
		case OPT_KEYLOG: keylog_path = optarg; break;
		case OPT_CAFILE: ca_file = optarg; break;
		case OPT_CAPATH: ca_path = optarg; break;
		case OPT_NOVERIFY: no_verify = true; break;
		case OPT_EXPORT_CERTS: a->export_dir = optarg; break;
		case ':':
			fprintf(stderr, "tlshake: option '%s' needs a value\n",
			    argv[optind - 1]);
			return usage_error();
		default:
			if (optopt != 0 && optopt != '?')
				fprintf(stderr, "tlshake: unknown option "
				    "'-%c'\n", optopt);
			else
				fprintf(stderr, "tlshake: unknown or ambiguous "
				    "option '%s'\n", argv[optind - 1]);
			return usage_error();
		}
	}
	if (list) {
		if (!pcapin_list_ifaces(stdout, err, sizeof(err))) {
			fprintf(stderr, "tlshake: %s\n", err);
			return 1;
		}
		return 0;
	}
	if (po.file != NULL && po.iface != NULL) {
		fprintf(stderr, "tlshake: -r and -i exclude each other\n");
		return usage_error();
	}
	if (po.file == NULL && po.iface == NULL) {
		if ((po.iface = pcapin_default_iface(ifbuf,
		    sizeof(ifbuf))) == NULL) {
			fprintf(stderr, "tlshake: no capture interface found "
			    "(capturing needs root or CAP_NET_RAW)\n");
			return 1;
		}
	}
	po.filter = join_args(argc - optind, argv + optind);

	if (strcmp(color, "always") == 0)
		a->text.color = true;
	else if (strcmp(color, "auto") == 0)
		a->text.color = isatty(STDOUT_FILENO) &&
		    ((env = getenv("NO_COLOR")) == NULL || *env == '\0') &&
		    ((env = getenv("TERM")) == NULL || strcmp(env, "dumb"));
	if ((env = getenv("NO_COLOR")) != NULL && *env != '\0')
		a->text.color = false;
	env = getenv("TERM");
	a->text.color256 = env != NULL && strstr(env, "256") != NULL;
	a->text.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (a->view == V_TUI && (want_diff || want_report)) {
		fprintf(stderr, "tlshake: --tui excludes --diff and "
		    "--report\n");
		return usage_error();
	}
	if (a->view == V_ECS && want_diff) {
		fprintf(stderr, "tlshake: --ecs excludes --diff\n");
		return usage_error();
	}
	if (no_verify && (ca_file != NULL || ca_path != NULL)) {
		fprintf(stderr, "tlshake: --no-verify excludes --ca-file and "
		    "--ca-path\n");
		return usage_error();
	}
	if (log_path != NULL && a->view == V_TUI) {
		fprintf(stderr, "tlshake: --tui excludes --log-file\n");
		return usage_error();
	}
	if (report_file != NULL && !want_report) {
		fprintf(stderr, "tlshake: -o goes with --report\n");
		return usage_error();
	}
	/* The report replaces the stdout view, or runs beside it (-o). */
	a->stdout_off = want_report && (report_file == NULL ||
	    a->text.quiet);
	if (want_diff)
		a->diff = diff_new(a->view == V_JSON, &a->text);
	if (a->view == V_TUI && po.iface != NULL)
		po.immediate = true;
	if (a->text.verbose >= 2)
		model_opts.keep_segments = true;
	if (a->text.verbose >= 1)
		model_opts.appdata_each = true;

	the_app = a;
	catch_signals();	/* before "listening on": scripts signal then */
	a->in = pcapin_open(&po, err, sizeof(err), &perm);
	if (a->in == NULL) {
		fprintf(stderr, "tlshake: %s\n", err);
		return 1;
	}
	if (want_report && report_file != NULL &&
	    (report_fp = report_open(report_file)) == NULL) {
		/* After the capture is open: -Z has dropped privileges. */
		fprintf(stderr, "tlshake: -o %s: %s%s\n", report_file,
		    strerror(errno), errno == ELOOP ? " (a symbolic link: "
		    "-o never follows one)" : errno == ENOENT ? " (its "
		    "directory does not exist: create it first)" : "");
		pcapin_close(a->in);
		return 1;
	}
	if (log_path != NULL) {
		struct sigaction sa;

		/* After -Z too: the reopened file is the same user's. */
		if (!logfile_open(&a->log, log_path, err, sizeof(err))) {
			fprintf(stderr, "tlshake: %s\n", err);
			pcapin_close(a->in);
			return 1;
		}
		memset(&sa, 0, sizeof(sa));
		sigemptyset(&sa.sa_mask);
		sa.sa_handler = on_hup;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGHUP, &sa, NULL);
	}
	/* Secrets, trust store and export directory: after -Z too. */
	a->export_fd = -1;
	if (!setup_keylog(a, keylog_path, po.file)) {
		pcapin_close(a->in);
		return 1;
	}
	if (!no_verify && (trust = cert_trust_new(ca_file, ca_path, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "tlshake: %s\n", err);
		pcapin_close(a->in);
		return 1;
	}
	if (a->export_dir != NULL) {
		if (mkdir(a->export_dir, 0755) != 0 && errno != EEXIST)
			a->export_fd = -1;
		else
			a->export_fd = open(a->export_dir, O_RDONLY |
			    O_DIRECTORY | O_CLOEXEC);
		if (a->export_fd < 0) {
			fprintf(stderr, "tlshake: --export-certs %s: %s\n",
			    a->export_dir, strerror(errno));
			pcapin_close(a->in);
			return 1;
		}
	}
	if (want_report) {
		source = po.file != NULL ? strrchr(po.file, '/') : NULL;
		source = source != NULL ? source + 1 : po.file != NULL ?
		    po.file : po.iface;
		a->report = report_new(report_fmt, source, &a->text);
	}
	if (pcapin_warning(a->in) != NULL)
		fprintf(stderr, "tlshake: warning: %s\n", pcapin_warning(a->in));
	if (pcapin_is_live(a->in) && po.write_file != NULL &&
	    po.user == NULL && geteuid() == 0)
		fprintf(stderr, "tlshake: warning: running as root: %s is "
		    "written and packets are parsed with root privileges "
		    "(-Z USER drops them)\n", po.write_file);
	dlt = pcapin_dlt(a->in);
	if (!decode_dlt_supported(dlt)) {
		fprintf(stderr, "tlshake: link type %s (%d) is not "
		    "supported\n", pcapin_dlt_name(dlt), dlt);
		pcapin_close(a->in);
		return 1;
	}
	if (pcapin_is_live(a->in) && a->view != V_TUI)
		/* As tcpdump says it: scripts wait for this line. */
		fprintf(stderr, "tlshake: listening on %s, link-type %s\n",
		    po.iface, pcapin_dlt_name(dlt));
	pio.dlt = dlt;
	ro->tls_ports = ports;
	ro->n_tls_ports = n_ports;
	pio.tls.force_ports = force;
	pio.tls.n_force_ports = n_force;
	pio.tls.keylog = a->keylog;
	pio.tls.trust = trust;
	/* Fingerprints only for the views that show them. */
	pio.fingerprints = a->view != V_TEXT || a->diff != NULL ||
	    a->report != NULL;
	pio.watch_handshakes = a->max_handshakes != 0;
	memset(&sink, 0, sizeof(sink));
	sink.conn = on_conn;
	sink.handshakes = on_handshakes;
	sink.arg = a;
	a->pipe = pipeline_new(&pio, &sink);
	buf_init(&a->out);
	store_init(&a->store, LIM_SUMMARIES);

	a->t_begin_us = a->tick_us = now_us();

	if (a->view == V_TUI) {
		struct tui_opts tuo;
		struct tui_source src;

		memset(&tuo, 0, sizeof(tuo));
		tuo.source = po.file != NULL ? po.file : po.iface;
		tuo.live = pcapin_is_live(a->in);
		tuo.color = strcmp(color, "never") == 0 ? TUI_COLOR_NEVER :
		    strcmp(color, "always") == 0 ? TUI_COLOR_ALWAYS :
		    TUI_COLOR_AUTO;
		memset(&src, 0, sizeof(src));
		src.store = &a->store;
		src.pump = tui_pump;
		src.fd = pcapin_fd(a->in);
		if (src.fd >= 0)
			pcapin_set_nonblock(a->in, true);
		src.foreach_open = tui_foreach_open;
		src.counts = tui_counts;
		src.arg = a;
		rc = tui_run(&tuo, &src);
		a->input_done = true;
	} else if (pcapin_is_live(a->in)) {
		/* Live: batches, so idle connections expire on time. */
		while (read_some(a, 1024)) {
			live_tick(a);
			log_reopen(a);
			keylog_diags(a, false);
		}
	} else
		read_some(a, 0);
	switch (a->res) {
	case PCAPIN_CORRUPT:
		fprintf(stderr, "tlshake: %s: %s\n", po.file, a->msg);
		rc = EXIT_CORRUPT;
		break;
	case PCAPIN_ERROR:
		fprintf(stderr, "tlshake: %s\n", a->msg);
		rc = 1;
		break;
	default:
		if (a->msg[0] != '\0')
			fprintf(stderr, "tlshake: %s: %s\n",
			    po.file != NULL ? po.file : po.iface, a->msg);
		break;
	}
	pipeline_flush(a->pipe);
	keylog_diags(a, true);
	if (a->diff != NULL && !a->stdout_off) {
		/* --diff: per server and per client, at the end. */
		diff_emit_end(a->diff, &a->out);
		write_out(a);
	}
	if (a->report != NULL && !report_write(a->report,
	    report_fp != NULL ? report_fp : stdout)) {
		if (report_fp == NULL && errno == EPIPE)
			_exit(0);
		fprintf(stderr, "tlshake: write error on %s\n",
		    report_file != NULL ? report_file : "standard output");
		rc = 1;
	}
	if (report_fp != NULL && fclose(report_fp) != 0) {
		fprintf(stderr, "tlshake: write error on %s\n", report_file);
		rc = 1;
	}
	if (a->view != V_TUI && rc != 1)
		print_endrun(a, &po, keylog_path, report_fp == NULL);
	if (a->stats)
		print_stats(a);
	else if (pcapin_is_live(a->in))
		print_pcap_stats(a);
	pipeline_free(a->pipe);
	pcapin_close(a->in);
	store_cleanup(&a->store);
	diff_free(a->diff);
	report_free(a->report);
	keylog_free(a->keylog);
	cert_trust_free(trust);
	if (a->export_fd >= 0)
		close(a->export_fd);
	certstore_cleanup();
	buf_cleanup(&a->out);
	free((void *)po.filter);
	if (!logfile_close(&a->log))
		a->out_failed = true;
	if (a->out_failed) {
		fprintf(stderr, "tlshake: write error on %s\n", log_path !=
		    NULL ? log_path : "standard output");
		return 1;
	}
	return rc;
}
