/*
 * buf.h: a growable output buffer for views. A view builds one
 * connection's output in a buf, then writes and flushes it at once.
 */
#ifndef TLSHAKE_COMMON_BUF_H
#define TLSHAKE_COMMON_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

#include <stdint.h>
#include <string.h>

void	buf_init(struct buf *);
void	buf_cleanup(struct buf *);
void	buf_reset(struct buf *);
void	buf_add_slow(struct buf *, const void *, size_t);
void	buf_addc_slow(struct buf *, char);
/* buf_add_u64 appends a decimal number; buf_add_hex16 "0x%04x". */
void	buf_add_u64(struct buf *, uint64_t);
void	buf_add_hex16(struct buf *, uint16_t);
/* buf_add_fixed appends v / 10^digits with trailing zeros cut (one
 * decimal kept): 30201, 3 -> "30.201"; -5, 6 -> "-0.000005". */
void	buf_add_fixed(struct buf *, int64_t, unsigned);
void	buf_adds(struct buf *, const char *);
void	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vaddf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* The output views' hot path: inline when the buffer has room. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
		b->p[b->len] = '\0';
	} else
		buf_add_slow(b, p, n);
}

static inline void
buf_addc(struct buf *b, char c)
{
	if (b->cap - b->len > 1) {
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
	} else
		buf_addc_slow(b, c);
}

/* buf_pad adds spaces until the buffer is "col" bytes past "from". */
void	buf_pad(struct buf *, size_t, size_t);
/* buf_write writes and empties the buffer; false on a write error. */
int	buf_write(struct buf *, FILE *);
/* buf_str returns a NUL-terminated view of the contents. */
const char *buf_str(struct buf *);

#endif /* TLSHAKE_COMMON_BUF_H */
