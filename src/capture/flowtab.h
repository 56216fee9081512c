/*
 * flowtab.h: an open-addressed table of flows keyed by a 32-bit hash.
 *
 * Linear probing over an array of hashes, with the entries in a parallel
 * array: a lookup reads hashes only and touches an entry's memory only
 * when its hash matches, so a busy table costs one or two cache lines per
 * packet whatever the number of open flows. Removal shifts the following
 * run back (no tombstones), so lookups never slow down with churn.
 */
#ifndef TLSHAKE_CAPTURE_FLOWTAB_H
#define TLSHAKE_CAPTURE_FLOWTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/conn.h"

struct flowtab {
	uint32_t	*hash;		/* 0: empty slot */
	void		**ent;
	size_t		 size;		/* power of two */
	size_t		 n;
};

/* flowtab_key turns any hash into the table's (never 0). */
static inline uint32_t
flowtab_key(uint32_t h)
{
	return h == 0 ? 1 : h;
}

/* flowtab_ep_cmp orders endpoints (family, address, port): memcmp-like. */
int	 flowtab_ep_cmp(const struct endpoint *, const struct endpoint *);
/*
 * flowtab_hash hashes a flow's two ends given in flowtab_ep_cmp order, so
 * both directions hash alike; never 0.
 */
uint32_t flowtab_hash(const struct endpoint *, const struct endpoint *);
/*
 * flowtab_find returns the entry under "key" whose two ends are "a" and
 * "b" (in flowtab_ep_cmp order), for tables whose entries begin with
 * "struct endpoint e[2]"; NULL when there is none.
 */
void	*flowtab_find(const struct flowtab *, uint32_t,
	    const struct endpoint *, const struct endpoint *);
/*
 * flowtab_ends fills "e" with the two ends of a packet from "src" to "dst"
 * in flowtab_ep_cmp order and returns the side of "src" (0 or 1).
 */
int	 flowtab_ends(struct endpoint e[2], const struct addr *, uint16_t,
	    const struct addr *, uint16_t);
void	 flowtab_init(struct flowtab *, size_t);
void	 flowtab_cleanup(struct flowtab *);
/* flowtab_add inserts "e" under "key" (growing at half full). */
void	 flowtab_add(struct flowtab *, uint32_t, void *);
/* flowtab_del removes "e", stored under "key"; false when absent. */
bool	 flowtab_del(struct flowtab *, uint32_t, const void *);

/*
 * Lookup: for (i = flowtab_first(t, key); flowtab_more(t, i);
 * i = flowtab_next(t, i)) if (t->hash[i] == key && match(t->ent[i])) ...
 */
static inline size_t
flowtab_first(const struct flowtab *t, uint32_t key)
{
	return key & (t->size - 1);
}

static inline bool
flowtab_more(const struct flowtab *t, size_t i)
{
	return t->hash[i] != 0;
}

static inline size_t
flowtab_next(const struct flowtab *t, size_t i)
{
	return (i + 1) & (t->size - 1);
}

#endif /* TLSHAKE_CAPTURE_FLOWTAB_H */
