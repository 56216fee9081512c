/*
 * certstore.c: hash table of parsed certificates with reference counts
 * and an LRU list of the unreferenced ones, evicted past LIM_CERT_CACHE.
 */
#include "model/certstore.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/cur.h"
#include "common/limits.h"

#define CS_BUCKETS	8192	/* power of two */

struct cert {
	struct cert	*hnext;		/* hash chain by SHA-256 */
	struct cert	*dnext;		/* hash chain by sampled DER */
	uint32_t	 dhash;
	struct cert	*lprev, *lnext;	/* LRU of unreferenced entries */
	uint32_t	 refs;
	uint8_t		 sha[32];
	uint8_t		*der;
	size_t		 der_len;
	struct arena	 arena;
	struct cert_info info;
};

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static struct cert	*buckets[CS_BUCKETS];
static struct cert	*dbuckets[CS_BUCKETS];
static struct cert	*lru_head, *lru_tail;	/* head = oldest */
static size_t		 n_held, n_parsed;

static size_t	bucket_of(const uint8_t *);
static uint32_t	der_hash(const void *, size_t);
static void	lru_remove(struct cert *);
static void	cert_destroy(struct cert *);
static void	cache(struct cert *);

static size_t
bucket_of(const uint8_t *sha)
{
	return ((size_t)sha[0] << 8 | sha[1]) & (CS_BUCKETS - 1);
}

/*
 * der_hash mixes the length and up to 64 bytes sampled across the DER;
 * entries it matches are confirmed byte for byte.
 */
static uint32_t
der_hash(const void *der, size_t len)
{
	struct cur c;
	uint64_t h = 0xcbf29ce484222325ULL ^ len;
	size_t i, step = len / 64 + 1;
	uint8_t b;

	cur_init(&c, der, len);
	for (i = 0; i < len; i += step) {
		if (!cur_peek_at_u8(&c, i, &b))
			break;
		h = (h ^ b) * 0x100000001b3ULL;
	}
	return (uint32_t)(h ^ h >> 32);
}

static void
lru_remove(struct cert *c)
{
	if (c->lprev != NULL)
		c->lprev->lnext = c->lnext;
	else if (lru_head == c)
		lru_head = c->lnext;
	if (c->lnext != NULL)
		c->lnext->lprev = c->lprev;
	else if (lru_tail == c)
		lru_tail = c->lprev;
	c->lprev = c->lnext = NULL;
}

static void
cert_destroy(struct cert *c)
{
	struct cert **pp = &buckets[bucket_of(c->sha)];

	while (*pp != NULL && *pp != c)
		pp = &(*pp)->hnext;
	if (*pp == c)
		*pp = c->hnext;
	pp = &dbuckets[c->dhash & (CS_BUCKETS - 1)];
	while (*pp != NULL && *pp != c)
		pp = &(*pp)->dnext;
	if (*pp == c)
		*pp = c->dnext;
	lru_remove(c);
	arena_cleanup(&c->arena);
	free(c->der);
	free(c);
	n_held--;
}

struct cert *
certstore_get(const uint8_t sha[32])
{
	struct cert *c;

	for (c = buckets[bucket_of(sha)]; c != NULL; c = c->hnext)
		if (memcmp(c->sha, sha, 32) == 0) {
			cert_ref(c);
			return c;
		}
	return NULL;
}

struct cert *
certstore_find_der(const void *der, size_t len)
{
	uint32_t h = der_hash(der, len);
	struct cur want;
	struct cert *c;

	cur_init(&want, der, len);
	for (c = dbuckets[h & (CS_BUCKETS - 1)]; c != NULL; c = c->dnext)
		if (c->dhash == h && c->der_len == len &&
		    cur_equal(&want, c->der, len)) {
			cert_ref(c);
			return c;
		}
	return NULL;
}

struct cert *
certstore_new(const uint8_t sha[32], const void *der, size_t len)
{
	struct cert *c;
	size_t b;

	while (n_held >= LIM_CERT_CACHE && lru_head != NULL)
		cert_destroy(lru_head);
	c = x_calloc(1, sizeof(*c));
	memcpy(c->sha, sha, 32);
	c->der = x_malloc(len);
	memcpy(c->der, der, len);
	c->der_len = len;
	c->refs = 1;
	arena_init(&c->arena, 64 * 1024);
	memcpy(c->info.sha256, sha, 32);
	c->info.der_len = (uint32_t)len;
	b = bucket_of(sha);
	c->hnext = buckets[b];
	buckets[b] = c;
	c->dhash = der_hash(der, len);
	c->dnext = dbuckets[c->dhash & (CS_BUCKETS - 1)];
	dbuckets[c->dhash & (CS_BUCKETS - 1)] = c;
	n_held++;
	n_parsed++;
	return c;
}

void
cert_ref(struct cert *c)
{
	if (c->refs++ == 0)
		lru_remove(c);
}

void
certstore_lock(void)
{
	pthread_mutex_lock(&lock);
}

void
certstore_unlock(void)
{
	pthread_mutex_unlock(&lock);
}

void
cert_unref(struct cert *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&lock);
	if (c->refs > 0 && --c->refs == 0)
		cache(c);
	pthread_mutex_unlock(&lock);
}

/* cache keeps an unreferenced entry, newest at the tail of the LRU. */
static void
cache(struct cert *c)
{
	/* Keep it cached, newest at the tail. */
	c->lprev = lru_tail;
	c->lnext = NULL;
	if (lru_tail != NULL)
		lru_tail->lnext = c;
	else
		lru_head = c;
	lru_tail = c;
	while (n_held > LIM_CERT_CACHE && lru_head != NULL)
		cert_destroy(lru_head);
}

const struct cert_info *
cert_info(const struct cert *c)
{
	return &c->info;
}

struct cert_info *
cert_info_mut(struct cert *c)
{
	return &c->info;
}

struct arena *
cert_arena(struct cert *c)
{
	return &c->arena;
}

const uint8_t *
cert_der(const struct cert *c, size_t *len)
{
	*len = c->der_len;
	return c->der;
}

size_t
certstore_parsed(void)
{
	return n_parsed;
}

size_t
certstore_held(void)
{
	return n_held;
}

void
certstore_cleanup(void)
{
	size_t i;

	for (i = 0; i < CS_BUCKETS; i++)
		while (buckets[i] != NULL)
			cert_destroy(buckets[i]);
	lru_head = lru_tail = NULL;
}
