/*
 * keylog.h: the NSS key log format (SSLKEYLOGFILE) and the secrets of
 * pcapng Decryption Secrets Blocks, keyed by client random.
 *
 * A line is "LABEL <64 hex digits: ClientHello.random> <hex secret>".
 * Lines that cannot be used become diagnostics that the caller drains
 * (keylog_next_diag): the dissector never prints.
 */
#ifndef TLSHAKE_DISSECT_KEYLOG_H
#define TLSHAKE_DISSECT_KEYLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The secrets a key log line may give. */
enum keylog_kind {
	KL_MASTER = 0,		/* CLIENT_RANDOM: TLS <= 1.2 master secret */
	KL_CLIENT_EARLY,	/* CLIENT_EARLY_TRAFFIC_SECRET */
	KL_CLIENT_HS,		/* CLIENT_HANDSHAKE_TRAFFIC_SECRET */
	KL_SERVER_HS,		/* SERVER_HANDSHAKE_TRAFFIC_SECRET */
	KL_CLIENT_AP,		/* CLIENT_TRAFFIC_SECRET_0 */
	KL_SERVER_AP,		/* SERVER_TRAFFIC_SECRET_0 */
	KL_EXPORTER,		/* EXPORTER_SECRET */
	KL_N
};

#define KL_SECRET_MAX	64

/* What the log knows about one client random. */
struct keylog_entry {
	uint8_t		 cr[32];
	uint8_t		 have;		/* 1 << enum keylog_kind */
	uint8_t		 len[KL_N];
	uint8_t		 secret[KL_N][KL_SECRET_MAX];
};

struct keylog;

/* keylog_new returns an empty key log; keylog_free(NULL) is a no-op. */
struct keylog	*keylog_new(void);
void		 keylog_free(struct keylog *);

/*
 * keylog_add_text parses the key log lines in "p".."len" ("origin" names
 * them in diagnostics). A last line without a newline is parsed as well.
 */
void		 keylog_add_text(struct keylog *, const char *, const void *,
		    size_t);

/*
 * keylog_open reads the key log file "path" and keeps it open, so that
 * lines appended later (a live capture) are read too (keylog_poll, and
 * keylog_find when a client random is unknown). False with a reason in
 * "err" when the file cannot be opened or read.
 */
bool		 keylog_open(struct keylog *, const char *, char *, size_t);

/*
 * keylog_poll reads what was appended to the open file since the last
 * read; "final" parses a last line without its newline (no writer is
 * expected to finish it).
 */
void		 keylog_poll(struct keylog *, bool);

/*
 * keylog_add_pcapng reads the Decryption Secrets Blocks of type TLSK
 * (the key log format) of the pcapng file "path" through the cursor;
 * other files and blocks are passed over. "*n_dsb" counts the blocks
 * used. False with "err" set only when the file cannot be read; a file
 * that is not pcapng is no error.
 */
bool		 keylog_add_pcapng(struct keylog *, const char *, size_t *,
		    char *, size_t);

/*
 * keylog_find returns what is known of client random "cr", or NULL.
 * When it is unknown and a file is open, new lines are read first (at
 * most once per LIM_KEYLOG_POLL_MS).
 */
const struct keylog_entry *keylog_find(struct keylog *, const uint8_t[32]);

/* keylog_count returns the client randoms held. */
size_t		 keylog_count(const struct keylog *);
/*
 * keylog_lookups: how many keylog_find calls found their client random
 * and how many did not (a key log of another capture finds none).
 */
void		 keylog_lookups(const struct keylog *, uint64_t *, uint64_t *);

/*
 * keylog_next_diag moves the oldest undrained diagnostic ("file:line:
 * reason") into "buf" and returns true; false when none is left.
 * keylog_n_diags counts every diagnostic so far, drained, kept or not
 * (only LIM_KEYLOG_DIAGS are kept between drains).
 */
bool		 keylog_next_diag(struct keylog *, char *, size_t);
uint64_t	 keylog_n_diags(const struct keylog *);

#endif /* TLSHAKE_DISSECT_KEYLOG_H */
