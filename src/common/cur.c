/*
 * cur.c: the only file that indexes untrusted memory.
 * Modelled on BoringSSL's CBS (crypto/bytestring/cbs.cc).
 */
#include "common/cur.h"

#include <string.h>

static bool	cur_take(struct cur *, size_t, const uint8_t **);
static bool	cur_get_be(struct cur *, size_t, uint32_t *);

void
cur_init(struct cur *c, const void *p, size_t len)
{
	c->p = p;
	c->len = p == NULL ? 0 : len;
}



static bool
cur_take(struct cur *c, size_t n, const uint8_t **out)
{
	if (n > c->len)
		return false;
	*out = c->p;
	/* An empty cursor may hold NULL: no arithmetic on it (C11 6.5.6). */
	if (n > 0) {
		c->p += n;
		c->len -= n;
	}
	return true;
}

static bool
cur_get_be(struct cur *c, size_t n, uint32_t *out)
{
	const uint8_t *p;
	uint32_t v = 0;
	size_t i;

	if (!cur_take(c, n, &p))
		return false;
	for (i = 0; i < n; i++)
		v = (v << 8) | p[i];
	*out = v;
	return true;
}





bool
cur_get_u16le(struct cur *c, uint16_t *out)
{
	const uint8_t *p;

	if (!cur_take(c, 2, &p))
		return false;
	*out = (uint16_t)(p[0] | (p[1] << 8));
	return true;
}

bool
cur_get_u32le(struct cur *c, uint32_t *out)
{
	const uint8_t *p;

	if (!cur_take(c, 4, &p))
		return false;
	*out = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
	return true;
}

bool
cur_get_u64le(struct cur *c, uint64_t *out)
{
	struct cur save = *c;
	uint32_t lo, hi;

	if (!cur_get_u32le(c, &lo) || !cur_get_u32le(c, &hi)) {
		*c = save;
		return false;
	}
	*out = (uint64_t)hi << 32 | lo;
	return true;
}

bool
cur_peek_u8(const struct cur *c, uint8_t *out)
{
	if (c->len < 1)
		return false;
	*out = c->p[0];
	return true;
}

bool
cur_peek_u16(const struct cur *c, uint16_t *out)
{
	if (c->len < 2)
		return false;
	*out = (uint16_t)(c->p[0] << 8 | c->p[1]);
	return true;
}

bool
cur_peek_at_u8(const struct cur *c, size_t off, uint8_t *out)
{
	if (off >= c->len)
		return false;
	*out = c->p[off];
	return true;
}


bool
cur_copy(struct cur *c, void *dst, size_t n)
{
	const uint8_t *p;

	if (!cur_take(c, n, &p))
		return false;
	if (n > 0)
		memcpy(dst, p, n);
	return true;
}

static bool
cur_get_prefixed(struct cur *c, struct cur *out, size_t width)
{
	struct cur save = *c;
	uint32_t n;

	if (!cur_get_be(c, width, &n) || !cur_get_bytes(c, out, n)) {
		*c = save;
		return false;
	}
	return true;
}

bool
cur_get_u8_prefixed(struct cur *c, struct cur *out)
{
	return cur_get_prefixed(c, out, 1);
}

bool
cur_get_u16_prefixed(struct cur *c, struct cur *out)
{
	return cur_get_prefixed(c, out, 2);
}

bool
cur_get_u24_prefixed(struct cur *c, struct cur *out)
{
	return cur_get_prefixed(c, out, 3);
}


bool
cur_sub(const struct cur *c, struct cur *out, size_t off, size_t n)
{
	if (off > c->len || n > c->len - off)
		return false;
	cur_init(out, off > 0 ? c->p + off : c->p, n);
	return true;
}

size_t
cur_span(const struct cur *c, const uint8_t set[256])
{
	size_t i;

	for (i = 0; i < c->len && set[c->p[i]]; i++)
		;
	return i;
}

bool
cur_equal(const struct cur *c, const void *p, size_t len)
{
	return c->len == len && (len == 0 || memcmp(c->p, p, len) == 0);
}
