/*
 * store.h: finished connections kept for the views that look back (the
 * TUI, --diff's per-server part, --report). Each is compacted when kept;
 * past the cap the oldest is dropped and counted.
 */
#ifndef TLSHAKE_MODEL_STORE_H
#define TLSHAKE_MODEL_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model/conn.h"

struct store {
	struct conn	**v;		/* ring, oldest first from "head" */
	size_t		  n, cap, head;
	size_t		  max;		/* LIM_SUMMARIES unless raised */
	uint64_t	  dropped;
};

void		 store_init(struct store *, size_t);
void		 store_cleanup(struct store *);
/* store_add takes over "c", compacting it; the oldest goes past the cap. */
void		 store_add(struct store *, struct conn *);
size_t		 store_len(const struct store *);
/* store_get returns the i-th kept connection, oldest first. */
struct conn	*store_get(const struct store *, size_t);

#endif /* TLSHAKE_MODEL_STORE_H */
