/*
 * args.h: what the command line says (tlshake(1)), read by args_parse.
 */
#ifndef TLSHAKE_ARGS_H
#define TLSHAKE_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "capture/pcapin.h"
#include "output.h"
#include "pipeline.h"

#define EXIT_USAGE	2
#define MAX_PORTS	64

/* What the command line says. */
struct args {
	struct pcapin_opts	 po;
	struct pipeline_opts	 pio;
	struct output_opts	 oo;
	uint16_t		 ports[MAX_PORTS], force[MAX_PORTS];
	uint32_t		 n_ports, n_force;
	uint64_t		 max_packets, max_handshakes;
	const char		*keylog_path, *ca_file, *ca_path;
	bool			 no_verify, list, stats;
	unsigned int		 jobs;		/* -j: worker threads */
	bool			 max_conns_set;	/* --max-conns given */
	char			 ifbuf[256];
};

/*
 * args_parse reads the options of "argv" into "g" (zeroed storage) and
 * leaves optind at the first operand. It returns -1 to go on, or the exit
 * status after --help or --version (0) or a usage error (said on stderr).
 */
int	args_parse(struct args *, int, char **);
/* args_usage_error prints the hint after a usage error: EXIT_USAGE. */
int	args_usage_error(void);

#endif /* TLSHAKE_ARGS_H */
