/*
 * tally.h: bounded tables keyed by byte strings, for the views that look
 * back over a whole capture (--diff's servers and clients, the report's
 * summary). Entries keep insertion order; past the cap, new keys are
 * counted in "dropped" and not kept.
 */
#ifndef TLSHAKE_VIEW_TALLY_H
#define TLSHAKE_VIEW_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "model/conn.h"

struct tally_ent {
	uint8_t		*key;		/* owned copy, NUL-terminated */
	size_t		 key_len;
	uint64_t	 n;		/* caller's count */
	void		*data;		/* caller's, freed by tally_cleanup */
};

struct tally {
	struct tally_ent *v;
	size_t		  n, cap, max;
	uint32_t	 *idx;		/* open addressing: entry + 1, 0 free */
	size_t		  idx_cap;
	uint64_t	  dropped;	/* new keys refused past "max" */
	void		(*free_data)(void *);
};

/* tally_init: at most "max" keys; "free_data" (may be NULL) frees data. */
void		 tally_init(struct tally *, size_t, void (*)(void *));
void		 tally_cleanup(struct tally *);
/*
 * tally_get returns the entry for "key", adding it (n = 0, data = NULL,
 * *created true) when new; NULL past the cap (then "dropped" counts it).
 */
struct tally_ent *tally_get(struct tally *, const void *, size_t, bool *);
/*
 * tally_server_key writes the key that names a server in the per-server
 * tables: "address:port", a NUL, then the SNI's bytes (if any).
 */
void		 tally_server_key(struct buf *, const struct conn *,
		    const struct tls_hs *);
/* tally_sorted returns a new array of the entries, most counted first
 * (ties in insertion order); the caller frees the array only. */
struct tally_ent **tally_sorted(const struct tally *);

#endif /* TLSHAKE_VIEW_TALLY_H */
