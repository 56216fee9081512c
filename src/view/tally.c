/* tally.c: bounded keyed tables with an open-addressing index. */
#include "view/tally.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"

static uint64_t	hash(const void *, size_t);
static void	reindex(struct tally *, size_t);
static int	cmp_count(const void *, const void *);

/* FNV-1a, 64 bits: keys are short and not chosen to collide cheaply. */
static uint64_t
hash(const void *p, size_t len)
{
	const uint8_t *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void
reindex(struct tally *t, size_t cap)
{
	size_t i, j;

	free(t->idx);
	t->idx = x_calloc(cap, sizeof(*t->idx));
	t->idx_cap = cap;
	for (i = 0; i < t->n; i++) {
		j = hash(t->v[i].key, t->v[i].key_len) & (cap - 1);
		while (t->idx[j] != 0)
			j = (j + 1) & (cap - 1);
		t->idx[j] = (uint32_t)(i + 1);
	}
}

void
tally_init(struct tally *t, size_t max, void (*free_data)(void *))
{
	memset(t, 0, sizeof(*t));
	t->max = max;
	t->free_data = free_data;
}

void
tally_cleanup(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].key);
		if (t->free_data != NULL && t->v[i].data != NULL)
			t->free_data(t->v[i].data);
	}
	free(t->v);
	free(t->idx);
	tally_init(t, t->max, t->free_data);
}

struct tally_ent *
tally_get(struct tally *t, const void *key, size_t len, bool *created)
{
	struct tally_ent *e;
	size_t j, ncap;
	uint32_t k;

	*created = false;
	if (t->idx_cap > 0) {
		j = hash(key, len) & (t->idx_cap - 1);
		while ((k = t->idx[j]) != 0) {
			e = &t->v[k - 1];
			if (e->key_len == len && memcmp(e->key, key, len) == 0)
				return e;
			j = (j + 1) & (t->idx_cap - 1);
		}
	}
	if (t->n >= t->max) {
		t->dropped++;
		return NULL;
	}
	if (t->n == t->cap) {
		ncap = t->cap == 0 ? 16 : t->cap * 2;
		t->v = x_realloc(t->v, ncap, sizeof(*t->v));
		t->cap = ncap;
	}
	e = &t->v[t->n++];
	e->key = x_malloc(len + 1);
	memcpy(e->key, key, len);
	e->key[len] = '\0';
	e->key_len = len;
	e->n = 0;
	e->data = NULL;
	/* Keep the index at most half full. */
	if (t->n * 2 > t->idx_cap)
		reindex(t, t->idx_cap == 0 ? 32 : t->idx_cap * 2);
	else {
		j = hash(key, len) & (t->idx_cap - 1);
		while (t->idx[j] != 0)
			j = (j + 1) & (t->idx_cap - 1);
		t->idx[j] = (uint32_t)t->n;
	}
	*created = true;
	return e;
}

static int
cmp_count(const void *a, const void *b)
{
	const struct tally_ent *x = *(const struct tally_ent *const *)a;
	const struct tally_ent *y = *(const struct tally_ent *const *)b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return (x > y) - (x < y);
}

struct tally_ent **
tally_sorted(const struct tally *t)
{
	struct tally_ent **v;
	size_t i;

	v = x_calloc(t->n + 1, sizeof(*v));
	for (i = 0; i < t->n; i++)
		v[i] = &t->v[i];
	qsort(v, t->n, sizeof(*v), cmp_count);
	return v;
}

void
tally_server_key(struct buf *key, const struct conn *c,
    const struct tls_hs *hs)
{
	char ep[64];

	endpoint_str(&c->srv, ep, sizeof(ep));
	buf_adds(key, ep);
	buf_addc(key, '\0');
	if (hs->sni.p != NULL)
		buf_add(key, hs->sni.p, hs->sni.len);
}
