/*
 * endrun.h: the end-of-run line. When a run reports nothing, or stops
 * short of what was asked, one line on stderr says what was seen and why,
 * so that an empty output is never a silent one (tlshake(1), "END OF RUN").
 */
#ifndef TLSHAKE_ENDRUN_H
#define TLSHAKE_ENDRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct endrun {
	const char	*source;	/* the file or interface read */
	const char	*filter;	/* the BPF expression, or NULL */
	uint64_t	 packets;	/* frames read (after the filter) */
	uint64_t	 tcp, udp, other;	/* decoded frames by kind */
	uint64_t	 conns;		/* TCP connections seen */
	uint64_t	 reported;	/* connections printed */
	uint64_t	 handshakes;	/* TLS handshakes completed */
	uint64_t	 max_packets;	/* -c, or 0 */
	uint64_t	 max_handshakes;	/* --handshakes, or 0 */
	bool		 live;
	bool		 all;		/* --all */
	bool		 stdout_content;	/* something else went to stdout */
	bool		 quiet;		/* -q: only the key log line */
	/* key log: whether one was given, its client randoms, lookups */
	const char	*keylog;
	uint64_t	 kl_entries, kl_found, kl_missed;
};

/*
 * endrun_lines writes the end-of-run lines (each ending in a newline,
 * starting with "tlshake: ") into "buf"; an empty string when there is
 * nothing to say. With -q only a key log that matched nothing is said; the
 * TUI does not call it.
 */
void	endrun_lines(const struct endrun *, char *, size_t);

#endif /* TLSHAKE_ENDRUN_H */
