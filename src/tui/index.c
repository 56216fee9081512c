/*
 * index.c: the list's filtered, sorted index of connections.
 */
#include "tui/index.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "view/label.h"

static enum tui_sort cmp_sort;

static void	grow(const struct conn ***, size_t *, size_t);
static void	count(struct tui_counts *, const struct conn *);
static int	status_rank(const struct conn *);
static int	qcmp(const void *, const void *);
static void	fin_insert(struct tui_index *, const struct conn *);

static void
grow(const struct conn ***v, size_t *cap, size_t need)
{
	size_t ncap = *cap == 0 ? 1024 : *cap;

	if (need <= *cap)
		return;
	while (ncap < need)
		ncap *= 2;
	*v = x_realloc(*v, ncap, sizeof(**v));
	*cap = ncap;
}

static void
count(struct tui_counts *n, const struct conn *c)
{
	const char *s = label_status(c);

	n->total++;
	if (strcmp(s, "ok") == 0)
		n->complete++;
	else if (strcmp(s, "failed") == 0 || strcmp(s, "reset") == 0)
		n->failed++;
	else if (strcmp(s, "tcp") == 0)
		n->notls++;
	else
		n->incomplete++;
}

/* Failed first: the sort by status brings problems to the top. */
static int
status_rank(const struct conn *c)
{
	const char *s = label_status(c);

	if (strcmp(s, "failed") == 0)
		return 0;
	if (strcmp(s, "reset") == 0)
		return 1;
	if (strcmp(s, "incomplete") == 0)
		return 2;
	if (strcmp(s, "tcp") == 0)
		return 3;
	return 4;
}

int
tui_index_cmp(enum tui_sort s, const struct conn *a, const struct conn *b)
{
	const struct tls_hs *ha = label_hs0(a), *hb = label_hs0(b);
	double ma, mb;
	size_t n;
	int r = 0;

	switch (s) {
	case TUI_SORT_INDEX:
		break;
	case TUI_SORT_START:
		r = a->t_first < b->t_first ? -1 : a->t_first > b->t_first;
		break;
	case TUI_SORT_HSTIME:
		/* Slowest first; unknown times last. */
		ma = ha != NULL && (ha->flags & HSF_COMPLETE) ?
		    conn_handshake_ms(a, ha) : -1;
		mb = hb != NULL && (hb->flags & HSF_COMPLETE) ?
		    conn_handshake_ms(b, hb) : -1;
		r = ma > mb ? -1 : ma < mb;
		break;
	case TUI_SORT_SNI:
		/* Byte order; no SNI last. */
		if (ha == NULL || ha->sni.p == NULL)
			r = hb == NULL || hb->sni.p == NULL ? 0 : 1;
		else if (hb == NULL || hb->sni.p == NULL)
			r = -1;
		else {
			n = ha->sni.len < hb->sni.len ? ha->sni.len :
			    hb->sni.len;
			r = memcmp(ha->sni.p, hb->sni.p, n);
			if (r == 0)
				r = ha->sni.len < hb->sni.len ? -1 :
				    ha->sni.len > hb->sni.len;
		}
		break;
	case TUI_SORT_STATUS:
		r = status_rank(a) - status_rank(b);
		break;
	default:
		break;
	}
	if (r != 0)
		return r < 0 ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int
qcmp(const void *a, const void *b)
{
	return tui_index_cmp(cmp_sort, *(const struct conn *const *)a,
	    *(const struct conn *const *)b);
}

void
tui_index_init(struct tui_index *x, const struct tui_filter *f)
{
	memset(x, 0, sizeof(*x));
	x->filter = f;
	x->changed = true;
}

void
tui_index_cleanup(struct tui_index *x)
{
	free(x->fin);
	free(x->open);
	free(x->vis);
	memset(x, 0, sizeof(*x));
}

/* fin_insert keeps "fin" sorted: most arrivals go at the end. */
static void
fin_insert(struct tui_index *x, const struct conn *c)
{
	size_t lo = 0, hi = x->n_fin, mid;

	grow(&x->fin, &x->cap_fin, x->n_fin + 1);
	if (x->n_fin == 0 ||
	    tui_index_cmp(x->sort, x->fin[x->n_fin - 1], c) < 0) {
		x->fin[x->n_fin++] = c;
		return;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tui_index_cmp(x->sort, x->fin[mid], c) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(&x->fin[lo + 1], &x->fin[lo], (x->n_fin - lo) *
	    sizeof(*x->fin));
	x->fin[lo] = c;
	x->n_fin++;
}

void
tui_index_sync(struct tui_index *x, const struct store *st, bool full)
{
	size_t n = store_len(st), i, first;
	const struct conn *c;

	if (full || st->dropped != x->store_dropped || n < x->store_seen) {
		x->n_fin = 0;
		x->store_seen = 0;
		x->store_dropped = st->dropped;
		memset(&x->fin_counts, 0, sizeof(x->fin_counts));
		x->changed = true;
	}
	if (n == x->store_seen)
		return;
	first = x->store_seen;
	/* Many at once (a file, a new filter or sort): append, sort once. */
	if (n - first > 64) {
		grow(&x->fin, &x->cap_fin, x->n_fin + (n - first));
		for (i = first; i < n; i++) {
			c = store_get(st, i);
			count(&x->fin_counts, c);
			if (tui_filter_match(x->filter, c))
				x->fin[x->n_fin++] = c;
		}
		cmp_sort = x->sort;
		qsort(x->fin, x->n_fin, sizeof(*x->fin), qcmp);
	} else {
		for (i = first; i < n; i++) {
			c = store_get(st, i);
			count(&x->fin_counts, c);
			if (tui_filter_match(x->filter, c))
				fin_insert(x, c);
		}
	}
	x->store_seen = n;
	x->changed = true;
}

void
tui_index_open_begin(struct tui_index *x)
{
	if (x->n_open > 0)
		x->changed = true;
	x->n_open = 0;
	memset(&x->open_counts, 0, sizeof(x->open_counts));
}

void
tui_index_open_add(struct tui_index *x, const struct conn *c)
{
	count(&x->open_counts, c);
	x->open_counts.open++;
	if (!tui_filter_match(x->filter, c))
		return;
	grow(&x->open, &x->cap_open, x->n_open + 1);
	x->open[x->n_open++] = c;
	x->changed = true;
}

void
tui_index_open_end(struct tui_index *x)
{
	cmp_sort = x->sort;
	if (x->n_open > 1)
		qsort(x->open, x->n_open, sizeof(*x->open), qcmp);
}

bool
tui_index_merge(struct tui_index *x)
{
	size_t i = 0, j = 0, k = 0;
	const struct tui_counts *oc = &x->open_counts;

	x->counts = x->fin_counts;
	x->counts.total += oc->total;
	x->counts.complete += oc->complete;
	x->counts.failed += oc->failed;
	x->counts.incomplete += oc->incomplete;
	x->counts.notls += oc->notls;
	x->counts.open = oc->open;
	if (!x->changed)
		return false;
	grow(&x->vis, &x->cap_vis, x->n_fin + x->n_open);
	while (i < x->n_fin || j < x->n_open) {
		if (j == x->n_open || (i < x->n_fin && tui_index_cmp(x->sort,
		    x->fin[i], x->open[j]) < 0))
			x->vis[k++] = x->fin[i++];
		else
			x->vis[k++] = x->open[j++];
	}
	x->n_vis = k;
	x->changed = false;
	return true;
}

long
tui_index_find(const struct tui_index *x, uint64_t id)
{
	size_t i;

	for (i = 0; i < x->n_vis; i++)
		if (x->vis[i]->id == id)
			return (long)i;
	return -1;
}

const char *
tui_sort_name(enum tui_sort s)
{
	static const char *const names[TUI_SORT_N] = {
		"index", "start time", "handshake time", "SNI", "status",
	};

	return s < TUI_SORT_N ? names[s] : "?";
}
