/*
 * args.c: the command line into struct args: the options table, the
 * --help text, numbers checked against their range, usage errors.
 */
#include "config.h"

#include "args.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/i18n.h"
#include "common/limits.h"
#include "parallel.h"
#include "view/json.h"

/*
 * args_usage_error ends a usage error as GNU tools do: after the one-line
 * message, a hint, never the whole help text. Returns EXIT_USAGE.
 */
int
args_usage_error(void)
{
	fputs(_("Try 'tlshake --help' for more information.\n"), stderr);
	return EXIT_USAGE;
}

static void
usage(FILE *fp)
{
	fprintf(fp,
_("usage: tlshake [-r FILE | -i IFACE] [options] [BPF expression]\n"
"       tlshake -D | --version | --help\n"
"\n"
"input:\n"
"  -r FILE            read a pcap or pcapng file (\"-\": standard input)\n"
"  -i IFACE           capture live (\"any\" too; default: first interface)\n"
"  -w FILE            also write the packets read to FILE (pcap)\n"
"  -c N               stop after N packets\n"
"  --handshakes N     stop after N completed TLS handshakes\n"
"  -j N               analyse with N worker threads (default 1; on a file\n"
"                     the output is the same bytes as with one; live, N\n"
"                     capture handles in one AF_PACKET fanout group)\n"
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
"2 usage error, 3 reading stopped at a corrupt record.\n"),
	    LIM_CONNS_DEFAULT, LIM_IDLE_SECS);
}

static uint32_t
parse_uint(const char *s, const char *what, uint32_t max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v > max) {
		fprintf(stderr, _("tlshake: %s: bad number \"%s\"\n"), what, s);
		exit(args_usage_error());
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

/* set_view: --tui, --json and --ecs exclude each other (SPEC.md). */
static bool
set_view(struct output_opts *oo, int ch)
{
	enum output_view v = ch == OPT_TUI ? OUT_TUI : ch == OPT_JSON ?
	    OUT_JSON : OUT_ECS;

	if (oo->view != OUT_TEXT && oo->view != v) {
		fprintf(stderr, _("tlshake: --tui, --json and --ecs exclude "
		    "each other\n"));
		return false;
	}
	oo->view = v;
	return true;
}

/* args_parse reads the options into "g": -1, or the exit status. */
int
args_parse(struct args *g, int argc, char **argv)
{
	struct pcapin_opts *po = &g->po;
	struct reasm_opts *ro = &g->pio.tcp;
	struct output_opts *oo = &g->oo;
	const char *s;
	uint32_t i;
	int ch;

	pipeline_opts_init(&g->pio);
	oo->color = "auto";
	for (i = 0; i < ro->n_tls_ports; i++)
		g->ports[g->n_ports++] = ro->tls_ports[i];
	opterr = 0;	/* the messages below name the option as typed */
	while ((ch = getopt_long(argc, argv, ":r:i:w:c:s:B:py:Z:ntvqDo:j:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': po->file = optarg; break;
		case 'i': po->iface = optarg; break;
		case 'w': po->write_file = optarg; break;
		case 'c':
			g->max_packets = parse_uint(optarg, "-c", UINT32_MAX);
			break;
		case 's':
			po->snaplen = (int)parse_uint(optarg, "-s", 262144);
			break;
		case 'B':
			po->buffer_kib = (int)parse_uint(optarg, "-B",
			    4 * 1024 * 1024);
			break;
		case 'p': po->no_promisc = true; break;
		case 'y': po->dlt = optarg; break;
		case 'Z': po->user = optarg; break;
		case 'n': break;
		case 't': oo->text.abs_time = true; break;
		case 'v': oo->text.verbose++; break;
		case 'q': oo->text.quiet = true; break;
		case 'D': g->list = true; break;
		case 'j':
			g->jobs = parse_uint(optarg, "-j", PARALLEL_MAX);
			if (g->jobs == 0) {
				fprintf(stderr, "tlshake: -j: at least 1\n");
				return args_usage_error();
			}
			break;
		case OPT_PORT:
			if (g->n_ports >= MAX_PORTS || g->n_force >= MAX_PORTS) {
				fprintf(stderr, _("tlshake: too many --port\n"));
				return args_usage_error();
			}
			g->force[g->n_force] = (uint16_t)parse_uint(optarg,
			    "--port", 65535);
			g->ports[g->n_ports++] = g->force[g->n_force++];
			break;
		case OPT_ALL: oo->all = true; break;
		case OPT_EXPLAIN:
			oo->text.explain = true;
			json_set_explain(true);
			break;
		case OPT_STATS: g->stats = true; break;
		case OPT_MAXCONNS:
			g->max_conns_set = true;
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
			s = optarg != NULL ? optarg : "always";
			if (strcmp(s, "auto") != 0 && strcmp(s, "always") != 0 &&
			    strcmp(s, "never") != 0) {
				fprintf(stderr, _("tlshake: --color: auto, "
				    "always or never\n"));
				return args_usage_error();
			}
			oo->color = s;
			break;
		case OPT_HANDSHAKES:
			g->max_handshakes = parse_uint(optarg, "--handshakes",
			    UINT32_MAX);
			break;
		case OPT_IMMEDIATE: po->immediate = true; break;
		case OPT_VERSION:
			printf("tlshake %s\n", PACKAGE_VERSION);
			return 0;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_TUI:
		case OPT_JSON:
		case OPT_ECS:
			if (!set_view(oo, ch))
				return args_usage_error();
			break;
		case OPT_DIFF: oo->diff = true; break;
		case OPT_REPORT:
			if (!report_fmt_parse(optarg, &oo->report_fmt)) {
				fprintf(stderr, _("tlshake: --report: text, md, "
				    "html or json\n"));
				return args_usage_error();
			}
			oo->report = true;
			break;
		case 'o': oo->report_file = optarg; break;
		case OPT_LOGFILE: oo->log_path = optarg; break;
		case OPT_KEYLOG: g->keylog_path = optarg; break;
		case OPT_CAFILE: g->ca_file = optarg; break;
		case OPT_CAPATH: g->ca_path = optarg; break;
		case OPT_NOVERIFY: g->no_verify = true; break;
		case OPT_EXPORT_CERTS: oo->export_dir = optarg; break;
		case ':':
			fprintf(stderr, _("tlshake: option '%s' needs a value\n"),
			    argv[optind - 1]);
			return args_usage_error();
		default:
			if (optopt != 0 && optopt != '?')
				fprintf(stderr, _("tlshake: unknown option "
				    "'-%c'\n"), optopt);
			else
				fprintf(stderr, _("tlshake: unknown or ambiguous "
				    "option '%s'\n"), argv[optind - 1]);
			return args_usage_error();
		}
	}
	g->po.filter = join_args(argc - optind, argv + optind);
	return -1;
}

