/*
 * fuzz-esc.c: the escapers (common/esc.c) on any bytes. The first byte
 * picks the terminal column limit (0: none); the rest is the string.
 * Invariants, checked with a decoder of our own (strict UTF-8: no
 * overlong forms, surrogates or code points past U+10FFFF):
 *   esc_term: valid UTF-8, no C0/C1 control, DEL or bidirectional
 *	control, at most the column limit, as many columns as esc_term_cols
 *	says when unlimited;
 *   esc_json: valid UTF-8, no raw control byte, a well-formed JSON string
 *	body (quotes and backslashes escaped, \u with four hex digits);
 *   esc_html: valid UTF-8, no raw '<', '>', '"' or '\'', and '&' only
 *	opening an entity.
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/buf.h"
#include "common/esc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* utf8_at decodes one code point at "s"[*i] strictly, or returns -1. */
static long
utf8_at(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	size_t k, need;
	long cp, min;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1; cp = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2; cp = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3; cp = c & 0x07; min = 0x10000;
	} else
		return -1;
	if (need > n - *i - 1)
		return -1;
	for (k = 1; k <= need; k++) {
		if ((s[*i + k] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[*i + k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*i += need + 1;
	return cp;
}

static bool
bidi(long cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void
check_term(const struct buf *b)
{
	const unsigned char *s = (const unsigned char *)b->p;
	size_t i = 0;
	long cp;

	while (i < b->len) {
		cp = utf8_at(s, b->len, &i);
		assert(cp >= 0);
		assert(cp >= 0x20 && cp != 0x7f);
		assert(!(cp >= 0x80 && cp <= 0x9f));
		assert(!bidi(cp));
	}
}

static bool
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static void
check_json(const struct buf *b)
{
	const unsigned char *s = (const unsigned char *)b->p;
	size_t i = 0, k;
	long cp;

	while (i < b->len) {
		if (s[i] == '\\') {
			assert(i + 1 < b->len);
			if (s[i + 1] == 'u') {
				assert(b->len - i >= 6);
				for (k = 2; k < 6; k++)
					assert(is_hex(s[i + k]));
				i += 6;
			} else {
				assert(strchr("\"\\/bfnrt", s[i + 1]) != NULL &&
				    s[i + 1] != '\0');
				i += 2;
			}
			continue;
		}
		assert(s[i] != '"');
		cp = utf8_at(s, b->len, &i);
		assert(cp >= 0x20 && cp != 0x7f);
		assert(!bidi(cp));
	}
}

static void
check_html(const struct buf *b)
{
	const unsigned char *s = (const unsigned char *)b->p;
	size_t i = 0, k;
	long cp;

	while (i < b->len) {
		assert(s[i] != '<' && s[i] != '>' && s[i] != '"' &&
		    s[i] != '\'');
		if (s[i] == '&') {
			/* an entity: &name; or &#NN; */
			for (k = i + 1; k < b->len && k < i + 12 &&
			    s[k] != ';'; k++)
				assert(s[k] == '#' || (s[k] >= 'a' &&
				    s[k] <= 'z') || (s[k] >= '0' &&
				    s[k] <= '9') || (s[k] >= 'A' &&
				    s[k] <= 'Z'));
			assert(k < b->len && s[k] == ';' && k > i + 1);
			i = k + 1;
			continue;
		}
		cp = utf8_at(s, b->len, &i);
		assert(cp >= 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf b;
	static bool init;
	size_t maxcols, cols;

	if (size < 1)
		return 0;
	if (!init) {
		buf_init(&b);
		init = true;
	}
	maxcols = data[0] % 64;
	data++;
	size--;

	buf_reset(&b);
	cols = esc_term(&b, data, size, maxcols);
	check_term(&b);
	if (maxcols != 0)
		assert(cols <= maxcols);
	else
		assert(cols == esc_term_cols(data, size));

	buf_reset(&b);
	esc_json(&b, data, size);
	check_json(&b);

	buf_reset(&b);
	esc_html(&b, data, size);
	check_html(&b);
	return 0;
}
