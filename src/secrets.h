/*
 * secrets.h: the key log of a run: --keylog FILE or $SSLKEYLOGFILE, and
 * the Decryption Secrets Blocks of a pcapng file, with the diagnostics of
 * lines that could not be used (the first few on stderr, then a count).
 */
#ifndef TLSHAKE_SECRETS_H
#define TLSHAKE_SECRETS_H

#include <stdbool.h>
#include <stdint.h>

#include "endrun.h"

struct keylog;

struct secrets {
	struct keylog	*kl;		/* NULL: no secrets at all */
	const char	*path;		/* the key log file read, or NULL */
	uint64_t	 printed;	/* diagnostics printed */
};

/*
 * secrets_open reads key log "path" (NULL: $SSLKEYLOGFILE, if set) and
 * the Decryption Secrets Blocks of "file" (-r, NULL when live; not "-",
 * standard input can be read only once). False after printing why.
 */
bool	secrets_open(struct secrets *, const char *, const char *);
/* secrets_diags prints new diagnostics; at the end ("final") a count. */
void	secrets_diags(struct secrets *, bool);
/* secrets_endrun fills the key log part of the end-of-run line. */
void	secrets_endrun(const struct secrets *, struct endrun *);
void	secrets_cleanup(struct secrets *);

#endif /* TLSHAKE_SECRETS_H */
