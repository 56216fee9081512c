/*
 * esc.c: escaping wire strings for terminals, JSON and HTML.
 */
#include "common/esc.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "common/cur.h"

static bool	utf8_next(struct cur *, uint32_t *);
static bool	term_unsafe(uint32_t);
static size_t	cp_cols(uint32_t);
static void	add_utf8(struct buf *, uint32_t);

/*
 * utf8_next decodes one code point (RFC 3629, 4). On an invalid sequence
 * it consumes one byte and returns false with the byte in *cp.
 */
static bool
utf8_next(struct cur *c, uint32_t *cp)
{
	struct cur save = *c;
	uint8_t b0, b;
	uint32_t v, min;
	int n, i;

	if (!cur_get_u8(c, &b0))
		return false;
	if (b0 < 0x80) {
		*cp = b0;
		return true;
	}
	if ((b0 & 0xe0) == 0xc0) {
		n = 1; v = b0 & 0x1f; min = 0x80;
	} else if ((b0 & 0xf0) == 0xe0) {
		n = 2; v = b0 & 0x0f; min = 0x800;
	} else if ((b0 & 0xf8) == 0xf0) {
		n = 3; v = b0 & 0x07; min = 0x10000;
	} else
		goto bad;
	for (i = 0; i < n; i++) {
		if (!cur_get_u8(c, &b) || (b & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (b & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*cp = v;
	return true;
bad:
	*c = save;
	cur_skip(c, 1);
	*cp = b0;
	return false;
}

/* Code points that control a terminal or reorder text. */
static bool
term_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x061c || cp == 0x200b || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	    cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	    (cp >= 0xe0000 && cp <= 0xe007f);
}

/* Terminal columns of a safe code point (East Asian wide counted as 2). */
static size_t
cp_cols(uint32_t cp)
{
	if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200c && cp <= 0x200d))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

static void
add_utf8(struct buf *b, uint32_t cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3f)); n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | cp >> 12);
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
	} else {
		s[0] = (char)(0xf0 | cp >> 18);
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
	}
	buf_add(b, s, n);
}

size_t
esc_term(struct buf *b, const void *p, size_t len, size_t maxcols)
{
	struct cur c;
	uint32_t cp;
	size_t cols = 0, w;
	char tmp[16];
	bool ok;

	cur_init(&c, p, len);
	while (cur_len(&c) > 0) {
		ok = utf8_next(&c, &cp);
		if (!ok)
			w = (size_t)snprintf(tmp, sizeof(tmp), "\\x%02X", cp);
		else if (cp == '\\')
			w = (size_t)snprintf(tmp, sizeof(tmp), "\\\\");
		else if (term_unsafe(cp))
			w = (size_t)(cp < 0x100 ?
			    snprintf(tmp, sizeof(tmp), "\\x%02X", cp) :
			    snprintf(tmp, sizeof(tmp), "\\u{%04X}", cp));
		else
			w = 0;
		if (w == 0) {
			size_t cw = cp_cols(cp);

			/* The last character may use the last column;
			 * any other leaves room for the "~". */
			if (maxcols != 0 && cols + cw > maxcols -
			    (cur_len(&c) > 0 ? 1 : 0)) {
				buf_addc(b, '~');
				return cols + 1;
			}
			add_utf8(b, cp);
			cols += cw;
		} else {
			if (maxcols != 0 && cols + w > maxcols -
			    (cur_len(&c) > 0 ? 1 : 0)) {
				buf_addc(b, '~');
				return cols + 1;
			}
			buf_add(b, tmp, w);
			cols += w;
		}
	}
	return cols;
}

size_t
esc_term_cols(const void *p, size_t len)
{
	struct buf b;
	size_t n;

	buf_init(&b);
	n = esc_term(&b, p, len, 0);
	buf_cleanup(&b);
	return n;
}

/* Bytes JSON takes as they are: printable ASCII but '"' and '\\'. */
static _Thread_local uint8_t json_plain[256];	/* per thread: -j N */

static void
json_plain_init(void)
{
	int i;

	for (i = 0x20; i < 0x7f; i++)
		json_plain[i] = i != '"' && i != '\\';
}

/*
 * plain_span: the leading bytes of "p" that JSON takes as they are, eight
 * at a time while no byte of a word is below 0x20, 0x7f or above, '"'
 * or '\\' (the "has a byte less than / equal to" tests of Hacker's
 * Delight, 6-1: exact as "any", which is all that is asked here).
 */
static size_t
plain_span(const uint8_t *p, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, q, s, d;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		q = w ^ (ones * '"');
		s = w ^ (ones * '\\');
		d = w ^ (ones * 0x7f);
		if (((w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
		    ((s - ones) & ~s) | ((d - ones) & ~d)) & high) != 0)
			break;
	}
	while (i < len && json_plain[p[i]])
		i++;
	return i;
}

void
esc_json(struct buf *b, const void *p, size_t len)
{
	struct cur c, run = { NULL, 0 };
	uint32_t cp;
	size_t n;

	if (!json_plain['a'])
		json_plain_init();
	cur_init(&c, p, len);
	while (cur_len(&c) > 0) {
		/* The common case: a run of plain ASCII, copied at once. */
		if ((n = plain_span(cur_data(&c), cur_len(&c))) > 0) {
			cur_get_bytes(&c, &run, n);
			buf_add(b, cur_data(&run), n);
			continue;
		}
		if (!utf8_next(&c, &cp)) {
			add_utf8(b, 0xfffd);
			continue;
		}
		switch (cp) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			/* What esc_term would hide (controls, C1, bidi
			 * overrides) as \u escapes: JSON shown on a
			 * terminal stays safe. RFC 8259, 7: a pair above
			 * the BMP. */
			if (term_unsafe(cp) && cp <= 0xffff)
				buf_addf(b, "\\u%04x", cp);
			else if (term_unsafe(cp))
				buf_addf(b, "\\u%04x\\u%04x",
				    0xd800 + ((cp - 0x10000) >> 10),
				    0xdc00 + ((cp - 0x10000) & 0x3ff));
			else
				add_utf8(b, cp);
		}
	}
}

void
esc_html(struct buf *b, const void *p, size_t len)
{
	struct cur c;
	uint32_t cp;

	cur_init(&c, p, len);
	while (cur_len(&c) > 0) {
		if (!utf8_next(&c, &cp)) {
			add_utf8(b, 0xfffd);
			continue;
		}
		switch (cp) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default:
			if (term_unsafe(cp))
				buf_addf(b, "\\u{%04X}", cp);
			else
				add_utf8(b, cp);
		}
	}
}
