/*
 * frag.c: IP fragment reassembly for the decoder.
 *
 * A train collects the fragments of one datagram in a buffer that grows
 * geometrically to the datagram's length, with a bitmap of the 8-octet
 * units filled (fragment offsets count 8-octet units: RFC 791, 3.1;
 * RFC 8200, 4.5). The first copy of a unit wins; a later copy that differs
 * marks the datagram (ANOM_IP_FRAG_OVERLAP for the decoder). Trains live
 * in a hash table and on a list in order of creation, so that the oldest
 * is dropped first when a cap is reached or LIM_FRAG_SECS have passed.
 */
#include "capture/frag.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/limits.h"

/* RFC 791, 3.1 and RFC 8200, 4.5: no datagram payload exceeds 65535. */
#define FRAG_MAX	65535
#define FRAG_UNITS	((FRAG_MAX + 7) / 8)
#define FRAG_BUCKETS	1024		/* power of two, >= LIM_FRAG_TRAINS */
#define FRAG_FIRST_CAP	2048
/* A frame completes at most one datagram per IP header it holds. */
#define FRAG_DONE_MAX	(LIM_ENCAP_DEPTH + 2)

struct train {
	struct train	*hnext;		/* hash chain */
	struct train	*older, *newer;	/* creation order */
	struct frag_key	 key;
	uint64_t	 ts;		/* first fragment */
	uint8_t		*buf;
	uint32_t	 cap;
	uint32_t	 end;		/* highest byte end stored */
	uint32_t	 total;		/* with have_last: datagram length */
	uint32_t	 units;		/* 8-octet units filled */
	uint32_t	 conflict_off;
	uint8_t		 nh;
	bool		 have_first, have_last, conflict;
	uint8_t		 map[(FRAG_UNITS + 7) / 8];
};

struct frag {
	struct train	*bucket[FRAG_BUCKETS];
	struct train	*oldest, *newest;
	size_t		 n_trains;
	size_t		 held;
	uint64_t	 dropped;
	uint8_t		*done[FRAG_DONE_MAX];
	size_t		 n_done;
};

static uint32_t	 frag_hash(const struct frag_key *);
static bool	 frag_key_eq(const struct frag_key *, const struct frag_key *);
static struct train *frag_find(struct frag *, const struct frag_key *);
static struct train *frag_create(struct frag *, const struct frag_key *,
		    uint64_t);
static void	 frag_unlink(struct frag *, struct train *);
static void	 frag_drop(struct frag *, struct train *);
static bool	 frag_grow(struct frag *, struct train *, uint32_t);
static void	 frag_conflict(struct train *, uint32_t);
static void	 frag_store(struct train *, const struct cur *, uint32_t,
		    uint32_t);

struct frag *
frag_new(void)
{
	return x_calloc(1, sizeof(struct frag));
}

void
frag_free(struct frag *f)
{
	if (f == NULL)
		return;
	frag_release(f);
	while (f->oldest != NULL)
		frag_drop(f, f->oldest);
	free(f);
}

static uint32_t
frag_hash(const struct frag_key *k)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	size_t i;

	h = (h ^ k->family) * 16777619u;
	h = (h ^ k->proto) * 16777619u;
	for (i = 0; i < 4; i++)
		h = (h ^ ((k->id >> (8 * i)) & 0xff)) * 16777619u;
	for (i = 0; i < sizeof(k->src); i++) {
		h = (h ^ k->src[i]) * 16777619u;
		h = (h ^ k->dst[i]) * 16777619u;
	}
	return h & (FRAG_BUCKETS - 1);
}

static bool
frag_key_eq(const struct frag_key *a, const struct frag_key *b)
{
	return a->family == b->family && a->proto == b->proto &&
	    a->id == b->id && memcmp(a->src, b->src, sizeof(a->src)) == 0 &&
	    memcmp(a->dst, b->dst, sizeof(a->dst)) == 0;
}

static struct train *
frag_find(struct frag *f, const struct frag_key *k)
{
	struct train *t;

	for (t = f->bucket[frag_hash(k)]; t != NULL; t = t->hnext)
		if (frag_key_eq(&t->key, k))
			return t;
	return NULL;
}

static struct train *
frag_create(struct frag *f, const struct frag_key *k, uint64_t ts)
{
	struct train *t;
	uint32_t h;

	/* Room for one more train: the oldest ones go first. */
	while (f->oldest != NULL && (f->n_trains >= LIM_FRAG_TRAINS ||
	    sizeof(*t) > LIM_FRAG_BYTES - f->held))
		frag_drop(f, f->oldest);
	if (sizeof(*t) > LIM_FRAG_BYTES - f->held)
		return NULL;

	t = x_calloc(1, sizeof(*t));
	t->key = *k;
	t->ts = ts;
	h = frag_hash(k);
	t->hnext = f->bucket[h];
	f->bucket[h] = t;
	t->older = f->newest;
	if (f->newest != NULL)
		f->newest->newer = t;
	else
		f->oldest = t;
	f->newest = t;
	f->n_trains++;
	f->held += sizeof(*t);
	return t;
}

/* frag_unlink takes "t" out of the table; its buffer stays with "t". */
static void
frag_unlink(struct frag *f, struct train *t)
{
	struct train **pp;

	for (pp = &f->bucket[frag_hash(&t->key)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == t) {
			*pp = t->hnext;
			break;
		}
	}
	if (t->older != NULL)
		t->older->newer = t->newer;
	else
		f->oldest = t->newer;
	if (t->newer != NULL)
		t->newer->older = t->older;
	else
		f->newest = t->older;
	f->n_trains--;
	f->held -= sizeof(*t) + t->cap;
}

/* frag_drop abandons an incomplete train. */
static void
frag_drop(struct frag *f, struct train *t)
{
	frag_unlink(f, t);
	f->dropped++;
	free(t->buf);
	free(t);
}

/* frag_grow makes "t" hold "end" bytes, dropping older trains for room. */
static bool
frag_grow(struct frag *f, struct train *t, uint32_t end)
{
	uint32_t ncap;

	if (end <= t->cap)
		return true;
	ncap = t->cap == 0 ? FRAG_FIRST_CAP : t->cap;
	while (ncap < end)
		ncap *= 2;
	if (ncap > FRAG_MAX)
		ncap = FRAG_MAX;
	while (ncap - t->cap > LIM_FRAG_BYTES - f->held && f->oldest != t)
		frag_drop(f, f->oldest);
	if (ncap - t->cap > LIM_FRAG_BYTES - f->held)
		return false;
	t->buf = x_realloc(t->buf, ncap, 1);
	f->held += ncap - t->cap;
	t->cap = ncap;
	return true;
}

static void
frag_conflict(struct train *t, uint32_t off)
{
	if (!t->conflict) {
		t->conflict = true;
		t->conflict_off = off;
	}
}

/*
 * frag_store copies datagram bytes off..end, held by "data" from "off" on,
 * unit by unit: a unit already filled is compared, never overwritten (the
 * first copy wins).
 */
static void
frag_store(struct train *t, const struct cur *data, uint32_t off,
    uint32_t end)
{
	struct cur piece;
	uint32_t u, lo, hi;

	for (u = off / 8; u * 8 < end; u++) {
		lo = u * 8;
		hi = lo + 8 < end ? lo + 8 : end;
		if (!cur_sub(data, &piece, lo - off, hi - lo))
			return;		/* not reached: end <= off + len */
		if (t->map[u / 8] & (1u << (u % 8))) {
			if (!cur_equal(&piece, t->buf + lo, hi - lo))
				frag_conflict(t, lo);
			continue;
		}
		/* The reassembly buffer is ours; "piece" is read by cur. */
		(void)cur_copy(&piece, t->buf + lo, hi - lo);
		t->map[u / 8] |= 1u << (u % 8);
		t->units++;
	}
}

enum frag_res
frag_add(struct frag *f, struct frag_done *done, const struct frag_key *k,
    const struct frag_in *in, uint64_t ts)
{
	struct train *t;
	size_t len = cur_len(&in->data);
	uint32_t end;

	/*
	 * RFC 8200, 4.5: a fragment that is not the last must hold a
	 * multiple of 8 octets, and no datagram exceeds 65535 octets (the
	 * same follows from RFC 791, 3.2 for IPv4).
	 */
	if ((in->more && (len == 0 || len % 8 != 0)) || in->off % 8 != 0 ||
	    in->off > FRAG_MAX || len > FRAG_MAX - in->off)
		return FRAG_INVALID;
	end = in->off + (uint32_t)len;

	if ((t = frag_find(f, k)) == NULL &&
	    (t = frag_create(f, k, ts)) == NULL)
		return FRAG_INVALID;

	if (!in->more) {
		if (t->have_last) {
			if (end != t->total)
				frag_conflict(t, end < t->total ? end :
				    t->total);
		} else if (end < t->end) {
			/* Data was seen past this "last" fragment. */
			frag_conflict(t, end);
		} else {
			t->have_last = true;
			t->total = end;
		}
	}
	if (t->have_last && end > t->total) {
		frag_conflict(t, t->total);
		end = t->total;
	}
	/* Only the datagram's end may fill part of a unit. */
	if (end % 8 != 0 && !(t->have_last && end == t->total))
		end &= ~7u;
	if (in->off == 0) {
		if (!t->have_first) {
			t->have_first = true;
			t->nh = in->nh;
		} else if (t->nh != in->nh)
			frag_conflict(t, 0);
	}
	if (end > in->off) {
		if (!frag_grow(f, t, end)) {
			frag_drop(f, t);
			return FRAG_INVALID;
		}
		frag_store(t, &in->data, in->off, end);
		if (end > t->end)
			t->end = end;
	}

	if (!t->have_first || !t->have_last ||
	    t->units != (t->total + 7) / 8)
		return FRAG_HELD;
	if (f->n_done == FRAG_DONE_MAX) {
		/* Not reached: one completion per IP header of a frame. */
		frag_drop(f, t);
		return FRAG_INVALID;
	}

	frag_unlink(f, t);
	f->done[f->n_done++] = t->buf;
	cur_init(&done->data, t->buf, t->total);
	done->nh = t->nh;
	done->conflict = t->conflict;
	done->conflict_off = t->conflict_off;
	free(t);
	return FRAG_DONE;
}

void
frag_expire(struct frag *f, uint64_t now)
{
	const uint64_t max = (uint64_t)LIM_FRAG_SECS * 1000000;

	/* Creation order is time order unless the clock went back. */
	while (f->oldest != NULL && now > f->oldest->ts &&
	    now - f->oldest->ts > max)
		frag_drop(f, f->oldest);
}

void
frag_release(struct frag *f)
{
	while (f->n_done > 0)
		free(f->done[--f->n_done]);
}

size_t
frag_held(const struct frag *f)
{
	return f->held;
}

uint64_t
frag_dropped(const struct frag *f)
{
	return f->dropped;
}
