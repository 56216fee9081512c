/*
 * repdata.c: what the report's sections share: the data sorted once for
 * all of them, the output they write to, and the time format.
 */
#include "view/repdata.h"

#include <stdlib.h>
#include <time.h>

#include "common/arena.h"

/* Output is written out in pieces of about this size. */
#define SPILL_BYTES	(1024 * 1024)

static int	cmp_row(const void *, const void *);
static int	cmp_conn(const void *, const void *);

static int
cmp_row(const void *a, const void *b)
{
	const struct rep_row *x = *(const struct rep_row *const *)a;
	const struct rep_row *y = *(const struct rep_row *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

static int
cmp_conn(const void *a, const void *b)
{
	const struct conn *x = *(const struct conn *const *)a;
	const struct conn *y = *(const struct conn *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

void
repdata_view_init(struct rep_view *v, const struct report *r)
{
	size_t k, i, at = 0;

	v->versions = tally_sorted(&r->versions);
	v->suites = tally_sorted(&r->suites);
	v->clients = tally_sorted(&r->clients);
	v->snis = tally_sorted(&r->snis);
	v->rows = x_calloc(r->n_rows + 1, sizeof(*v->rows));
	for (i = 0; i < r->n_rows; i++)
		v->rows[i] = &r->rows[i];
	qsort(v->rows, r->n_rows, sizeof(*v->rows), cmp_row);
	/* Failed first, then anomalous, then the rest; by number within. */
	v->full = x_calloc(LIM_REPORT_FULL + 1, sizeof(*v->full));
	for (k = 0; k < RC_N; k++) {
		for (i = 0; i < r->n_full[k]; i++)
			v->full[at + i] = r->full[k][i];
		qsort(v->full + at, r->n_full[k], sizeof(*v->full), cmp_conn);
		at += r->n_full[k];
	}
	v->n_full = at;
}

void
repdata_view_cleanup(struct rep_view *v)
{
	free(v->versions);
	free(v->suites);
	free(v->clients);
	free(v->snis);
	free(v->rows);
	free(v->full);
}

void
repdata_spill(struct rep_out *o)
{
	struct buf *b = &o->b;
	char last;

	if (b->len < SPILL_BYTES || o->fp == NULL)
		return;
	/* The JSON writers look at the last byte to place commas: keep it. */
	last = b->p[b->len - 1];
	if (fwrite(b->p, 1, b->len - 1, o->fp) != b->len - 1)
		o->ok = false;
	buf_reset(b);
	buf_addc(b, last);
}

const char *
repdata_time(int64_t secs, char *buf, size_t len)
{
	time_t t = (time_t)secs;
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	return buf;
}
