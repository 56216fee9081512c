/*
 * flowtab.c: open-addressed flow table (linear probing, backward-shift
 * removal; Knuth, TAOCP vol. 3, 6.4, Algorithm R).
 */
#include "capture/flowtab.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"

static void	place(struct flowtab *, uint32_t, void *);
static void	grow(struct flowtab *);

void
flowtab_init(struct flowtab *t, size_t size)
{
	t->size = size;
	t->n = 0;
	t->hash = x_calloc(size, sizeof(*t->hash));
	t->ent = x_calloc(size, sizeof(*t->ent));
}

void
flowtab_cleanup(struct flowtab *t)
{
	free(t->hash);
	free(t->ent);
	t->hash = NULL;
	t->ent = NULL;
	t->size = t->n = 0;
}

static void
place(struct flowtab *t, uint32_t key, void *e)
{
	size_t i = flowtab_first(t, key);

	while (flowtab_more(t, i))
		i = flowtab_next(t, i);
	t->hash[i] = key;
	t->ent[i] = e;
}

static void
grow(struct flowtab *t)
{
	uint32_t *oh = t->hash;
	void **oe = t->ent;
	size_t i, osize = t->size;

	flowtab_init(t, osize * 2);
	for (i = 0; i < osize; i++)
		if (oh[i] != 0) {
			place(t, oh[i], oe[i]);
			t->n++;
		}
	free(oh);
	free(oe);
}

void
flowtab_add(struct flowtab *t, uint32_t key, void *e)
{
	/* At most half full: runs stay short (Knuth: ~1.5 probes on a hit). */
	if (t->n + 1 > t->size / 2)
		grow(t);
	place(t, key, e);
	t->n++;
}

bool
flowtab_del(struct flowtab *t, uint32_t key, const void *e)
{
	size_t i, j, home, mask = t->size - 1;

	for (i = flowtab_first(t, key); flowtab_more(t, i);
	    i = flowtab_next(t, i))
		if (t->hash[i] == key && t->ent[i] == e)
			break;
	if (!flowtab_more(t, i))
		return false;
	/* Shift back each later entry of the run whose home is not in (i, j]. */
	for (j = flowtab_next(t, i); flowtab_more(t, j);
	    j = flowtab_next(t, j)) {
		home = t->hash[j] & mask;
		if (((j - home) & mask) >= ((j - i) & mask)) {
			t->hash[i] = t->hash[j];
			t->ent[i] = t->ent[j];
			i = j;
		}
	}
	t->hash[i] = 0;
	t->ent[i] = NULL;
	t->n--;
	return true;
}

int
flowtab_ep_cmp(const struct endpoint *a, const struct endpoint *b)
{
	int d;

	if (a->ip.family != b->ip.family)
		return a->ip.family < b->ip.family ? -1 : 1;
	if ((d = memcmp(a->ip.a, b->ip.a, a->ip.family == 6 ? 16 : 4)) != 0)
		return d;
	if (a->port != b->port)
		return a->port < b->port ? -1 : 1;
	return 0;
}

void *
flowtab_find(const struct flowtab *t, uint32_t key, const struct endpoint *a,
    const struct endpoint *b)
{
	const struct endpoint *e;
	size_t i;

	for (i = flowtab_first(t, key); flowtab_more(t, i);
	    i = flowtab_next(t, i)) {
		if (t->hash[i] != key)
			continue;
		e = t->ent[i];
		if (flowtab_ep_cmp(&e[0], a) == 0 &&
		    flowtab_ep_cmp(&e[1], b) == 0)
			return t->ent[i];
	}
	return NULL;
}

int
flowtab_ends(struct endpoint e[2], const struct addr *src, uint16_t sport,
    const struct addr *dst, uint16_t dport)
{
	struct endpoint s, d;
	int side;

	memset(&s, 0, sizeof(s));
	memset(&d, 0, sizeof(d));
	s.ip = *src;
	s.port = sport;
	d.ip = *dst;
	d.port = dport;
	side = flowtab_ep_cmp(&s, &d) <= 0 ? 0 : 1;
	e[side] = s;
	e[side ^ 1] = d;
	return side;
}

uint32_t
flowtab_hash(const struct endpoint *a, const struct endpoint *b)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	size_t i, n = a->ip.family == 6 ? 16 : 4;

	for (i = 0; i < n; i++)
		h = (h ^ (a->ip.a[i] + (uint64_t)b->ip.a[i] * 257)) *
		    0x100000001b3ULL;
	h ^= (uint64_t)a->port << 16 | b->port;
	/* murmur3's finaliser: linear probing needs good low bits. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return flowtab_key((uint32_t)h);
}
