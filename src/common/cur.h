/*
 * cur.h: a bounds-checked read cursor over untrusted bytes.
 *
 * Every byte from the wire or a file is read through a struct cur. Only
 * cur.c indexes memory. A cursor is a view: it owns nothing. A failed get
 * leaves the cursor and its output untouched.
 */
#ifndef TLSHAKE_COMMON_CUR_H
#define TLSHAKE_COMMON_CUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cur {
	const uint8_t	*p;
	size_t		 len;
};

void	cur_init(struct cur *, const void *, size_t);

/*
 * The per-byte getters are inline: they run for every field of every
 * packet. They are the cursor's own code, kept here only so the compiler
 * can inline them; nothing else indexes packet memory.
 */
static inline size_t
cur_len(const struct cur *c)
{
	return c->len;
}

static inline const uint8_t *
cur_data(const struct cur *c)
{
	return c->p;
}

static inline bool
cur_get_u8(struct cur *c, uint8_t *out)
{
	if (c->len < 1)
		return false;
	*out = c->p[0];
	c->p++;
	c->len--;
	return true;
}

/* big-endian */
static inline bool
cur_get_u16(struct cur *c, uint16_t *out)
{
	if (c->len < 2)
		return false;
	*out = (uint16_t)(c->p[0] << 8 | c->p[1]);
	c->p += 2;
	c->len -= 2;
	return true;
}

static inline bool
cur_get_u24(struct cur *c, uint32_t *out)
{
	if (c->len < 3)
		return false;
	*out = (uint32_t)c->p[0] << 16 | (uint32_t)c->p[1] << 8 | c->p[2];
	c->p += 3;
	c->len -= 3;
	return true;
}

static inline bool
cur_get_u32(struct cur *c, uint32_t *out)
{
	if (c->len < 4)
		return false;
	*out = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 |
	    (uint32_t)c->p[2] << 8 | c->p[3];
	c->p += 4;
	c->len -= 4;
	return true;
}

static inline bool
cur_skip(struct cur *c, size_t n)
{
	if (n > c->len)
		return false;
	if (n > 0) {		/* an empty cursor may hold NULL */
		c->p += n;
		c->len -= n;
	}
	return true;
}

/* cur_get_bytes sets "out" to a sub-cursor over the next "n" bytes. */
static inline bool
cur_get_bytes(struct cur *c, struct cur *out, size_t n)
{
	if (n > c->len)
		return false;
	out->p = c->p;
	out->len = n;
	if (n > 0) {		/* an empty cursor may hold NULL */
		c->p += n;
		c->len -= n;
	}
	return true;
}

bool	cur_get_u16le(struct cur *, uint16_t *);
bool	cur_get_u32le(struct cur *, uint32_t *);
bool	cur_get_u64le(struct cur *, uint64_t *);
bool	cur_peek_u8(const struct cur *, uint8_t *);
bool	cur_peek_u16(const struct cur *, uint16_t *);
bool	cur_peek_at_u8(const struct cur *, size_t, uint8_t *);

/* cur_copy copies the next "n" bytes into "dst". */
bool	cur_copy(struct cur *, void *, size_t);
bool	cur_get_u8_prefixed(struct cur *, struct cur *);
bool	cur_get_u16_prefixed(struct cur *, struct cur *);
bool	cur_get_u24_prefixed(struct cur *, struct cur *);
/* cur_sub returns a sub-cursor of "n" bytes at "off" without moving. */
bool	cur_sub(const struct cur *, struct cur *, size_t, size_t);
/* cur_span counts the leading bytes whose entry in "set" is non-zero. */
size_t	cur_span(const struct cur *, const uint8_t[256]);
/* cur_equal is true when the remaining bytes equal "p".."len". */
bool	cur_equal(const struct cur *, const void *, size_t);

#endif /* TLSHAKE_COMMON_CUR_H */
