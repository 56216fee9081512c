/* test-common.c: the cursor, the arena, the buffer and the escapers. */
#include <stdint.h>
#include <string.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/cur.h"
#include "common/esc.h"
#include "check.h"

static void
test_cur(void)
{
	static const uint8_t d[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
	    0x00, 0x02, 0xaa, 0xbb, 0x00, 0x05, 0xcc };
	struct cur c, sub, save;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	cur_init(&c, d, sizeof(d));
	CHECK(cur_get_u8(&c, &u8) && u8 == 0x01);
	CHECK(cur_get_u16(&c, &u16) && u16 == 0x0203);
	CHECK(cur_get_u24(&c, &u32) && u32 == 0x040506);
	CHECK(cur_len(&c) == 7);
	CHECK(cur_get_u16_prefixed(&c, &sub) && cur_len(&sub) == 2);
	CHECK(cur_get_u8(&sub, &u8) && u8 == 0xaa);
	/* A lying length leaves cursor and output untouched. */
	save = c;
	sub.len = 99;
	CHECK(!cur_get_u16_prefixed(&c, &sub));
	CHECK(c.p == save.p && c.len == save.len && sub.len == 99);
	CHECK(!cur_get_u32(&c, &u32) && cur_len(&c) == 3);
	CHECK(cur_skip(&c, 3) && cur_len(&c) == 0);
	CHECK(!cur_get_u8(&c, &u8));
	CHECK(!cur_skip(&c, 1));
	/* Every prefix fails cleanly. */
	for (size_t n = 0; n < 4; n++) {
		cur_init(&c, d, n);
		CHECK(!cur_get_u32(&c, &u32) && cur_len(&c) == n);
	}
	cur_init(&c, d, sizeof(d));
	CHECK(cur_sub(&c, &sub, 2, 3) && cur_len(&sub) == 3);
	CHECK(!cur_sub(&c, &sub, 12, 2));
	CHECK(!cur_sub(&c, &sub, SIZE_MAX, 2));
	cur_init(&c, NULL, 5);
	CHECK(cur_len(&c) == 0);
	/* Zero-length steps on an empty (NULL) cursor: no arithmetic on
	 * the null pointer (UBSan; found by fuzz-pcap: a truncated
	 * out-of-order segment copied with cur_copy(..., 0)). */
	{
		uint8_t z = 0x55;

		CHECK(cur_copy(&c, &z, 0) && z == 0x55);
		CHECK(cur_skip(&c, 0) && cur_get_bytes(&c, &sub, 0));
		CHECK(cur_sub(&c, &sub, 0, 0) && cur_len(&sub) == 0);
		CHECK(cur_len(&c) == 0);
	}
	GROUP_END("cur");
}

static void
test_arena(void)
{
	struct arena a;
	char *s;
	void *p;
	int i;

	arena_init(&a, 4096);
	s = arena_dup(&a, "abc", 3);
	CHECK(s != NULL && strcmp(s, "abc") == 0);
	for (i = 0; i < 100 && (p = arena_alloc(&a, 100)) != NULL; i++)
		;
	CHECK(i < 100);		/* the cap stops it */
	CHECK(a.used <= 4096);
	CHECK(arena_alloc(&a, SIZE_MAX) == NULL);
	arena_cleanup(&a);
	CHECK(a.used == 0 && a.head == NULL);
	GROUP_END("arena");
}

static void
test_esc(void)
{
	struct buf b;

	buf_init(&b);
	/* Terminal: ESC, CSI, OSC, C1, bidi are made visible. */
	esc_term(&b, "a\x1b[31mb", 7, 0);
	CHECK(strcmp(buf_str(&b), "a\\x1B[31mb") == 0);
	buf_reset(&b);
	esc_term(&b, "\xc2\x9b" "x", 3, 0);		/* C1 CSI */
	CHECK(strcmp(buf_str(&b), "\\x9Bx") == 0);
	buf_reset(&b);
	esc_term(&b, "\xe2\x80\xae" "abc", 6, 0);	/* RLO */
	CHECK(strcmp(buf_str(&b), "\\u{202E}abc") == 0);
	buf_reset(&b);
	esc_term(&b, "caf\xc3\xa9", 5, 0);		/* UTF-8 kept */
	CHECK(strcmp(buf_str(&b), "caf\xc3\xa9") == 0);
	buf_reset(&b);
	esc_term(&b, "\xff\xc0\x80", 3, 0);		/* invalid, overlong */
	CHECK(strcmp(buf_str(&b), "\\xFF\\xC0\\x80") == 0);
	buf_reset(&b);
	CHECK(esc_term(&b, "abcdefghij", 10, 5) == 5);
	CHECK(strcmp(buf_str(&b), "abcd~") == 0);
	/* The last character may take the last column, never more
	 * (fuzz-esc: a wide character ending a cut string overran). */
	buf_reset(&b);
	CHECK(esc_term(&b, "abcde", 5, 5) == 5);
	CHECK(strcmp(buf_str(&b), "abcde") == 0);
	buf_reset(&b);
	CHECK(esc_term(&b, "abc\xe7\x8a\x9d", 6, 4) == 4);
	CHECK(strcmp(buf_str(&b), "abc~") == 0);
	buf_reset(&b);
	CHECK(esc_term(&b, "ab\xe7\x8a\x9d", 5, 4) == 4);
	CHECK(strcmp(buf_str(&b), "ab\xe7\x8a\x9d") == 0);
	buf_reset(&b);
	CHECK(esc_term(&b, "a\x01", 2, 5) == 5);
	CHECK(strcmp(buf_str(&b), "a\\x01") == 0);
	buf_reset(&b);
	CHECK(esc_term(&b, "a\x01", 2, 4) == 2);
	CHECK(strcmp(buf_str(&b), "a~") == 0);
	/* JSON: controls escaped, invalid UTF-8 replaced. */
	buf_reset(&b);
	esc_json(&b, "a\"\\\n\x01\xff", 6);
	CHECK(strcmp(buf_str(&b), "a\\\"\\\\\\n\\u0001\xef\xbf\xbd") == 0);
	buf_reset(&b);
	esc_json(&b, "x\0y", 3);
	CHECK(strcmp(buf_str(&b), "x\\u0000y") == 0);
	/* HTML: markup characters escaped. */
	buf_reset(&b);
	esc_html(&b, "<b a='1'>&", 10);
	CHECK(strcmp(buf_str(&b), "&lt;b a=&#39;1&#39;&gt;&amp;") == 0);
	buf_cleanup(&b);
	GROUP_END("esc");
}

/*
 * The hostile SNI through each escaper: OSC title, BEL, CSI
 * colour, markup, U+202E, bytes that are not UTF-8; then the other
 * bidirectional controls, C1 as UTF-8, surrogates and overlong forms.
 */
static void
test_esc_hostile(void)
{
	static const char sni[] = "\x1b]0;pwned\x07\x1b[31m"
	    "<script>alert(1)</script>\xe2\x80\xae\xff\xfe";
	struct buf b;

	buf_init(&b);
	esc_term(&b, sni, sizeof(sni) - 1, 0);
	CHECK(strcmp(buf_str(&b), "\\x1B]0;pwned\\x07\\x1B[31m"
	    "<script>alert(1)</script>\\u{202E}\\xFF\\xFE") == 0);
	buf_reset(&b);
	esc_json(&b, sni, sizeof(sni) - 1);
	CHECK(strcmp(buf_str(&b), "\\u001b]0;pwned\\u0007\\u001b[31m"
	    "<script>alert(1)</script>\\u202e\xef\xbf\xbd\xef\xbf\xbd") == 0 ||
	    strcmp(buf_str(&b), "\\u001B]0;pwned\\u0007\\u001B[31m"
	    "<script>alert(1)</script>\\u202E\xef\xbf\xbd\xef\xbf\xbd") == 0);
	buf_reset(&b);
	esc_html(&b, sni, sizeof(sni) - 1);
	CHECK(strchr(buf_str(&b), '<') == NULL &&
	    strchr(buf_str(&b), '\x1b') == NULL &&
	    strstr(buf_str(&b), "&lt;script&gt;") != NULL);
	/* Every bidirectional control (U+202A-202E, U+2066-2069), C1 CSI
	 * as UTF-8, a surrogate and an overlong slash: none passes raw. */
	buf_reset(&b);
	esc_term(&b, "\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9\xc2\x9b"
	    "\xed\xa0\x80\xc0\xaf", 16, 0);
	CHECK(strcmp(buf_str(&b), "\\u{202A}\\u{2066}\\u{2069}\\x9B"
	    "\\xED\\xA0\\x80\\xC0\\xAF") == 0);
	buf_reset(&b);
	esc_json(&b, "\xe2\x81\xa7\xc2\x85\xed\xa0\x80", 8);
	CHECK(strstr(buf_str(&b), "\xe2\x81\xa7") == NULL &&
	    strstr(buf_str(&b), "\xc2\x85") == NULL &&
	    strstr(buf_str(&b), "\xed\xa0") == NULL);
	buf_cleanup(&b);
	GROUP_END("esc: hostile strings, every escaper");
}

/*
 * esc_json copies runs of plain bytes eight at a time: every ASCII byte
 * and a two-byte UTF-8 character at every place of a 20-byte string of
 * 'a' must come out as the same bytes escaped one call each (calls
 * shorter than eight bytes take the byte-at-a-time path).
 */
static void
test_esc_json_runs(void)
{
	struct buf whole, parts;
	uint8_t s[21];
	size_t pos, i, len;
	int v;

	buf_init(&whole);
	buf_init(&parts);
	for (v = 0; v < 0x81; v++)
		for (pos = 0; pos < 19; pos++) {
			memset(s, 'a', sizeof(s));
			len = 20;
			s[pos] = (uint8_t)v;
			if (v == 0x80) {	/* U+00E9 as C3 A9 */
				s[pos] = 0xc3;
				s[pos + 1] = 0xa9;
			}
			buf_reset(&whole);
			buf_reset(&parts);
			esc_json(&whole, s, len);
			for (i = 0; i < len; i++) {
				if (v == 0x80 && i == pos) {
					esc_json(&parts, s + i, 2);
					i++;
				} else
					esc_json(&parts, s + i, 1);
			}
			CHECK(whole.len == parts.len &&
			    memcmp(whole.p, parts.p, whole.len) == 0);
		}
	buf_cleanup(&whole);
	buf_cleanup(&parts);
	GROUP_END("esc: JSON runs, a byte of every kind at every place");
}

static void
test_buf(void)
{
	struct buf b;
	int i;

	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	CHECK(b.len == 3890);
	CHECK(strncmp(buf_str(&b), "0,1,2,", 6) == 0);
	buf_cleanup(&b);
	GROUP_END("buf");
}

int
main(void)
{
	test_cur();
	test_arena();
	test_esc();
	test_esc_hostile();
	test_esc_json_runs();
	test_buf();
	return CHECK_EXIT();
}
