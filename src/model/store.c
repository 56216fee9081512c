/* store.c: a bounded ring of finished connections. */
#include "model/store.h"

#include <stdlib.h>

#include "common/arena.h"

void
store_init(struct store *s, size_t max)
{
	s->v = NULL;
	s->n = s->cap = s->head = 0;
	s->max = max == 0 ? 1 : max;
	s->dropped = 0;
}

void
store_cleanup(struct store *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		conn_free(store_get(s, i));
	free(s->v);
	store_init(s, s->max);
}

void
store_add(struct store *s, struct conn *c)
{
	size_t ncap, i;
	struct conn **nv;

	/* Compact: the event arrays shrink to their lengths. */
	if (c->cap_ev > c->n_ev && c->n_ev > 0) {
		c->ev = x_realloc(c->ev, c->n_ev, sizeof(*c->ev));
		c->cap_ev = c->n_ev;
	}
	if (c->cap_evx > c->n_evx && c->n_evx > 0) {
		c->evx = x_realloc(c->evx, c->n_evx, sizeof(*c->evx));
		c->cap_evx = c->n_evx;
	}
	if (s->n == s->max) {
		conn_free(s->v[s->head]);
		s->v[s->head] = c;
		s->head = (s->head + 1) % s->cap;
		s->dropped++;
		return;
	}
	if (s->n == s->cap) {
		ncap = s->cap == 0 ? 256 : s->cap * 2;
		if (ncap > s->max)
			ncap = s->max;
		nv = x_calloc(ncap, sizeof(*nv));
		for (i = 0; i < s->n; i++)
			nv[i] = s->v[(s->head + i) % s->cap];
		free(s->v);
		s->v = nv;
		s->cap = ncap;
		s->head = 0;
	}
	s->v[(s->head + s->n) % s->cap] = c;
	s->n++;
}

size_t
store_len(const struct store *s)
{
	return s->n;
}

struct conn *
store_get(const struct store *s, size_t i)
{
	if (i >= s->n)
		return NULL;
	return s->v[(s->head + i) % s->cap];
}
