/* buf.c: growable output buffer. */
#include "common/buf.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"

static void	buf_grow(struct buf *, size_t);

void
buf_init(struct buf *b)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_cleanup(struct buf *b)
{
	free(b->p);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
}

static void
buf_grow(struct buf *b, size_t n)
{
	size_t cap = b->cap == 0 ? 256 : b->cap;

	if (n < b->cap - b->len)
		return;
	while (cap - b->len <= n)
		cap *= 2;
	b->p = x_realloc(b->p, cap, 1);
	b->cap = cap;
}

void
buf_add_slow(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_addc_slow(struct buf *b, char c)
{
	buf_add_slow(b, &c, 1);
}

void
buf_add_u64(struct buf *b, uint64_t v)
{
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	buf_add(b, tmp + i, sizeof(tmp) - i);
}

void
buf_add_hex16(struct buf *b, uint16_t v)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[6] = { '0', 'x', hex[v >> 12], hex[(v >> 8) & 15],
	    hex[(v >> 4) & 15], hex[v & 15] };

	buf_add(b, tmp, sizeof(tmp));
}

void
buf_add_fixed(struct buf *b, int64_t v, unsigned digits)
{
	uint64_t u, scale = 1, frac;
	char tmp[24];
	unsigned i, n;

	for (i = 0; i < digits; i++)
		scale *= 10;
	if (v < 0) {
		buf_addc(b, '-');
		u = (uint64_t)0 - (uint64_t)v;
	} else
		u = (uint64_t)v;
	buf_add_u64(b, u / scale);
	buf_addc(b, '.');
	frac = u % scale;
	for (i = digits; i > 0; i--) {
		tmp[i - 1] = (char)('0' + frac % 10);
		frac /= 10;
	}
	for (n = digits; n > 1 && tmp[n - 1] == '0'; n--)
		;
	buf_add(b, tmp, digits == 0 ? 0 : n);
	if (digits == 0)
		buf_addc(b, '0');
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}


void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
buf_pad(struct buf *b, size_t from, size_t col)
{
	while (b->len < from + col)
		buf_addc(b, ' ');
}

int
buf_write(struct buf *b, FILE *fp)
{
	int ok = 1;

	if (b->len > 0 && fwrite(b->p, 1, b->len, fp) != b->len)
		ok = 0;
	if (fflush(fp) != 0)
		ok = 0;
	b->len = 0;
	return ok;
}

const char *
buf_str(struct buf *b)
{
	if (b->p == NULL)
		buf_grow(b, 1);
	b->p[b->len] = '\0';
	return b->p;
}
