/*
 * arena.c: per-connection bump allocator. Chunks grow geometrically from a
 * small first one, so a connection that keeps little costs little; the
 * second is as small as the first, since what overflows the first is
 * most often a little (a larger handshake, or the fingerprints added as
 * the connection retires), then they double.
 */
#include "common/arena.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Holds the handshake of a TLS connection (struct tls_hs and its lists). */
#define ARENA_FIRST	704
#define ARENA_MAXCHUNK	(64 * 1024)

/* A 16-byte header: the first chunk and it make one 720-byte malloc. */
struct arena_chunk {
	struct arena_chunk	*next;
	uint32_t		 size;
	uint32_t		 off;
	max_align_t		 data[];
};

/* Held by every thread's arenas (-j N): counted, for --stats only. */
static _Atomic size_t	total_held, peak_held;

static void
oom(void)
{
	/* Allocation failure is not input-driven: every cap keeps us below. */
	fputs("tlshake: out of memory\n", stderr);
	_Exit(1);
}

void *
x_malloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		oom();
	return p;
}

void *
x_calloc(size_t n, size_t sz)
{
	void *p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz);

	if (p == NULL)
		oom();
	return p;
}

void *
x_realloc(void *old, size_t n, size_t sz)
{
	void *p;

	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	p = realloc(old, n * sz == 0 ? 1 : n * sz);
	if (p == NULL)
		oom();
	return p;
}

char *
x_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = x_malloc(n);

	memcpy(p, s, n);
	return p;
}

/* held_add counts "n" more bytes held and raises the peak to match. */
static void
held_add(size_t n)
{
	size_t now, peak;

	now = atomic_fetch_add_explicit(&total_held, n,
	    memory_order_relaxed) + n;
	peak = atomic_load_explicit(&peak_held, memory_order_relaxed);
	while (now > peak && !atomic_compare_exchange_weak_explicit(
	    &peak_held, &peak, now, memory_order_relaxed,
	    memory_order_relaxed))
		;
}

void
arena_init(struct arena *a, size_t cap)
{
	a->head = NULL;
	a->used = 0;
	a->held = 0;
	a->cap = (uint32_t)(cap > ARENA_CAP_MAX ? ARENA_CAP_MAX : cap);
}

void
arena_cleanup(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	atomic_fetch_sub_explicit(&total_held, a->held, memory_order_relaxed);
	a->head = NULL;
	a->used = 0;
	a->held = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t size;
	void *p;

	/* Overflow-safe: compare before rounding up. */
	if (n > a->cap || a->used > a->cap - n)
		return NULL;
	n = n == 0 ? 8 : (n + 7) & ~(size_t)7;
	if (n > a->cap - a->used)
		return NULL;
	if (c == NULL || c->size - c->off < n) {
		size = c == NULL || c->next == NULL ? ARENA_FIRST :
		    c->size * 2;
		if (size > ARENA_MAXCHUNK)
			size = ARENA_MAXCHUNK;
		if (size < n)
			size = n;
		c = x_malloc(sizeof(*c) + size);
		c->next = a->head;
		c->size = (uint32_t)size;
		c->off = 0;
		a->head = c;
		a->held += (uint32_t)size;
		held_add(size);
	}
	p = (char *)c->data + c->off;
	c->off += (uint32_t)n;
	a->used += (uint32_t)n;
	memset(p, 0, n);
	return p;
}

void *
arena_grow(struct arena *a, void *v, size_t n, size_t first, size_t max,
    size_t size)
{
	void *p;

	if (v != NULL && n != first)
		return n < max ? v : NULL;
	if (n >= max || (p = arena_alloc(a, (v == NULL ? first : max) *
	    size)) == NULL)
		return NULL;
	if (v != NULL)
		memcpy(p, v, n * size);
	return p;
}

char *
arena_dup(struct arena *a, const void *src, size_t len)
{
	char *p;

	if (len == SIZE_MAX || (p = arena_alloc(a, len + 1)) == NULL)
		return NULL;
	if (len > 0)
		memcpy(p, src, len);
	p[len] = '\0';
	return p;
}

size_t
arena_total_held(void)
{
	return atomic_load_explicit(&total_held, memory_order_relaxed);
}

size_t
arena_peak_held(void)
{
	return atomic_load_explicit(&peak_held, memory_order_relaxed);
}
