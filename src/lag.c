/*
 * lag.c: live frames held back before analysis (lag.h).
 */
#include "lag.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"

#include "pipeline.h"
#include "stats.h"

#define LAG_US		250000
#define LAG_FRAMES	8192
#define LAG_BYTES	(32u << 20)

struct lag {
	struct pcapin_frame	 q[LAG_FRAMES];	/* data: a copy, owned */
	size_t			 head, n, bytes;
};

struct lag *
lag_new(void)
{
	return x_calloc(1, sizeof(struct lag));
}

/* pop hands the oldest held frame to "p" (NULL: drops it). */
static void
pop(struct lag *l, struct pipeline *p)
{
	struct pcapin_frame *f = &l->q[l->head];

	if (p != NULL)
		pipeline_frame(p, f);
	l->bytes -= f->caplen;
	free((void *)f->data);
	f->data = NULL;
	l->head = (l->head + 1) % LAG_FRAMES;
	l->n--;
}

void
lag_push(struct lag *l, struct pipeline *p, const struct pcapin_frame *fr)
{
	struct pcapin_frame *f;
	uint8_t *data;

	while (l->n > 0 && (l->n == LAG_FRAMES ||
	    l->bytes + fr->caplen > LAG_BYTES))
		pop(l, p);
	data = x_malloc(fr->caplen > 0 ? fr->caplen : 1);
	memcpy(data, fr->data, fr->caplen);
	f = &l->q[(l->head + l->n) % LAG_FRAMES];
	*f = *fr;
	f->data = data;
	l->bytes += fr->caplen;
	l->n++;
}

void
lag_drain(struct lag *l, struct pipeline *p, bool all, const bool *drop)
{
	uint64_t now;

	if (l == NULL)
		return;
	now = stats_now_us(true);
	while (l->n > 0 && (all || l->q[l->head].ts + LAG_US <= now))
		pop(l, drop != NULL && *drop ? NULL : p);
}

void
lag_free(struct lag *l)
{
	if (l == NULL)
		return;
	while (l->n > 0)
		pop(l, NULL);
	free(l);
}
