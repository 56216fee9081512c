/*
 * test-ext.c: hello extensions (dissect/ext.c): the fields of a real
 * ClientHello (the "illustrated" TLS 1.3 one, tls13.xargs.org), each
 * extension's inner length lying in turn, duplicates, server_name edge
 * cases, block overruns, the server side, GREASE and unknown types.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/ext.h"
#include "dissect/record.h"
#include "dissect/tls.h"
#include "model/certstore.h"
#include "model/conn.h"

#include "check.h"
#include "tlsfix.h"

static uint8_t	buf[8192];

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* The ClientHello's extension block (after its u16 length). */
static size_t
ch_exts(uint8_t *o)
{
	size_t len = unhex(v_tls13[0].hex, buf, sizeof(buf));
	struct cur cu, e;

	cur_init(&cu, buf, len);
	/* record 5, header 4, version 2, random 32, session id 33,
	 * suites 2 + 8, compression 2 */
	cur_skip(&cu, 5 + 4 + 2 + 32 + 33 + 10 + 2);
	cur_get_u16_prefixed(&cu, &e);
	len = cur_len(&e);
	cur_copy(&e, o, len);
	return len;
}

static bool
parse(struct conn *c, struct tls_state *st, struct tls_hs *hs,
    enum ext_msg m, const uint8_t *p, size_t len, struct u16list *out)
{
	struct cur cu;

	cur_init(&cu, p, len);
	return ext_parse_block(c, st, hs, m == EXT_IN_CH ? DIR_C2S : DIR_S2C,
	    1, m, &cu, out);
}

static void
test_fields(void)
{
	static const uint16_t exts[] = { 0, 11, 10, 35, 22, 23, 13, 43, 45,
	    51 };
	static const uint16_t groups[] = { 0x1d, 0x17, 0x1e, 0x19, 0x18,
	    0x100, 0x101, 0x102, 0x103, 0x104 };
	struct conn *c = new_conn(ORIENT_SYN);
	const struct tls_hs *hs;
	uint32_t i;

	feed_vecs(c, v_tls13, 1, 0);
	hs = &c->hs[0];
	CHECK(c->n_anoms == 0);
	CHECK(hs->sni.len == 19 && memcmp(hs->sni.p, "example.ulfheim.net",
	    19) == 0);
	CHECK(hs->exts_offered.n == N(exts));
	for (i = 0; i < N(exts) && i < hs->exts_offered.n; i++)
		CHECK(hs->exts_offered.v[i] == exts[i]);
	CHECK(hs->groups_offered.n == N(groups));
	for (i = 0; i < N(groups) && i < hs->groups_offered.n; i++)
		CHECK(hs->groups_offered.v[i] == groups[i]);
	CHECK(hs->ec_point_formats.n == 3);
	CHECK(hs->versions_offered.n == 1 &&
	    hs->versions_offered.v[0] == 0x0304);
	CHECK(hs->key_shares_offered.n == 1 &&
	    hs->key_shares_offered.v[0] == 0x001d);
	CHECK(hs->sig_algs_offered.n == 14);
	CHECK(hs->suites_offered.n == 4 && hs->suites_offered.v[0] == 0x1302);
	CHECK(hs->flags & HSF_RENEG_INFO);	/* the 0x00ff SCSV */
	CHECK((hs->flags & HSF_EXT_EMS) && (hs->flags & HSF_EXT_ETM) &&
	    (hs->flags & HSF_EXT_TICKET));
	CHECK(hs->session_id_len == 32 && hs->client_version == 0x0303);
	CHECK(hs->compressions_offered.n == 1);
	done_conn(c);
	GROUP_END("ext: ClientHello extensions of a real hello");
}

static void
test_each_lies(void)
{
	static uint8_t ex[1024], bad[1024];
	size_t len, off = 0, blen;
	struct cur cu, body;
	struct conn *c;
	struct tls_state st;
	struct tls_hs hs;
	uint16_t type;
	uint32_t tested = 0;

	len = ch_exts(ex);
	cur_init(&cu, ex, len);
	while (cur_get_u16(&cu, &type) && cur_get_u16_prefixed(&cu, &body)) {
		blen = cur_len(&body);
		off = len - cur_len(&cu) - blen;
		if (blen == 0)
			continue;	/* no inner length to lie with */
		memcpy(bad, ex, len);
		/* The first inner length byte: the low byte of u16 ones. */
		bad[off + (type == 11 || type == 43 || type == 45 ? 0 : 1)] +=
		    1;
		c = new_conn(ORIENT_SYN);
		memset(&st, 0, sizeof(st));
		memset(&hs, 0, sizeof(hs));
		CHECK(parse(c, &st, &hs, EXT_IN_CH, bad, len,
		    &hs.exts_offered));
		CHECK(c->n_anoms == 1 && c->anoms[0].code == (type == 0 ?
		    ANOM_SNI_BAD_LEN : ANOM_EXT_INVALID));
		/* The walk went on: every type listed, the last parsed. */
		CHECK(hs.exts_offered.n == 10);
		CHECK(type == 51 || hs.key_shares_offered.n == 1);
		conn_free(c);
		tested++;
	}
	CHECK(tested == 7);
	GROUP_END("ext: each extension's inner length lying in turn");
}

static void
test_dup_sni(void)
{
	static const uint8_t dup[] = {
		0, 0, 0, 8, 0, 6, 0, 0, 3, 'a', '.', 'b',
		0, 0, 0, 8, 0, 6, 0, 0, 3, 'x', '.', 'y',
	};
	static const uint8_t empty[] = { 0, 0, 0, 5, 0, 3, 0, 0, 0 };
	static const uint8_t over[] = { 0, 0, 0, 6, 0, 4, 0, 0, 9, 'a' };
	static const uint8_t noext[] = { 0, 0, 0, 0 };
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(parse(c, &st, &hs, EXT_IN_CH, dup, sizeof(dup),
	    &hs.exts_offered));
	CHECK(n_anom(c, ANOM_EXT_DUPLICATE) == 1 && hs.exts_offered.n == 2);
	CHECK(hs.sni.len == 3 && memcmp(hs.sni.p, "a.b", 3) == 0);
	memset(&hs, 0, sizeof(hs));
	parse(c, &st, &hs, EXT_IN_CH, empty, sizeof(empty), NULL);
	parse(c, &st, &hs, EXT_IN_CH, over, sizeof(over), NULL);
	parse(c, &st, &hs, EXT_IN_CH, noext, sizeof(noext), NULL);
	CHECK(n_anom(c, ANOM_SNI_BAD_LEN) == 3 && hs.sni.p == NULL);
	conn_free(c);
	GROUP_END("ext: duplicates and server_name lengths");
}

static void
test_block(void)
{
	static const uint8_t over[] = {
		0, 23, 0, 0,			/* extended_master_secret */
		0, 22, 0, 9, 0,			/* claims 9, has 1 */
	};
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(!parse(c, &st, &hs, EXT_IN_CH, over, sizeof(over),
	    &hs.exts_offered));
	CHECK(n_anom(c, ANOM_EXT_INVALID) == 1);
	CHECK(hs.exts_offered.n == 1 && (hs.flags & HSF_EXT_EMS));
	CHECK(!(hs.flags & HSF_EXT_ETM));
	conn_free(c);
	GROUP_END("ext: a block whose framing overruns");
}

static void
test_server(void)
{
	static const uint8_t sh[] = {
		0, 43, 0, 2, 3, 4,			/* TLS 1.3 */
		0, 51, 0, 8, 0, 0x1d, 0, 4, 1, 2, 3, 4,	/* x25519 */
		0, 16, 0, 5, 0, 3, 2, 'h', '2',		/* ALPN h2 */
		0, 41, 0, 2, 0, 0,			/* PSK 0 */
	};
	static const uint8_t hrr[] = { 0, 51, 0, 2, 0, 0x17 };
	static const uint8_t badalpn[] = { 0, 16, 0, 6, 0, 4, 1, 'a', 1, 'b' };
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(parse(c, &st, &hs, EXT_IN_SH, sh, sizeof(sh), &hs.exts_chosen));
	CHECK(c->n_anoms == 0 && hs.exts_chosen.n == 4);
	CHECK(hs.version == 0x0304 && st.tls13);
	CHECK(hs.group == 0x1d && (hs.flags & HSF_HAS_GROUP));
	CHECK(hs.alpn.len == 2 && memcmp(hs.alpn.p, "h2", 2) == 0);
	CHECK((hs.flags & HSF_PSK_ACCEPTED) && (hs.flags & HSF_RESUMED));
	parse(c, &st, &hs, EXT_IN_HRR, hrr, sizeof(hrr), NULL);
	CHECK(hs.hrr_group == 0x17 && (hs.flags & HSF_HAS_HRR_GROUP));
	parse(c, &st, &hs, EXT_IN_SH, badalpn, sizeof(badalpn), NULL);
	CHECK(n_anom(c, ANOM_EXT_INVALID) == 1);
	conn_free(c);
	GROUP_END("ext: ServerHello and HelloRetryRequest extensions");
}

static void
test_grease(void)
{
	static const uint8_t ex[] = {
		0x0a, 0x0a, 0, 0,			/* GREASE */
		0x12, 0x34, 0, 2, 9, 9,			/* unknown */
		0, 16, 0, 14, 0, 12, 2, 'h', '2', 8, 'h', 't', 't', 'p',
		'/', '1', '.', '1',
		0xfe, 0x0d, 0, 1, 0,			/* ECH */
		0x56, 0x00, 0, 0,
	};
	static const uint8_t emptyname[] = { 0, 16, 0, 5, 0, 3, 1, 'h', 0 };
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(parse(c, &st, &hs, EXT_IN_CH, ex, sizeof(ex), &hs.exts_offered));
	CHECK(c->n_anoms == 0 && hs.exts_offered.n == 5);
	CHECK(hs.exts_offered.v[0] == 0x0a0a && hs.exts_offered.v[1] == 0x1234);
	CHECK(hs.alpn_offered.n == 2 && hs.alpn_offered.v[1].len == 8);
	CHECK(hs.flags & HSF_ECH);
	CHECK(ext_is_grease(0x0a0a) && ext_is_grease(0xfafa) &&
	    !ext_is_grease(0x0a1a) && !ext_is_grease(0x1234));
	memset(&hs, 0, sizeof(hs));
	parse(c, &st, &hs, EXT_IN_CH, emptyname, sizeof(emptyname), NULL);
	CHECK(n_anom(c, ANOM_EXT_INVALID) == 1 && hs.alpn_offered.n == 0);
	conn_free(c);
	GROUP_END("ext: GREASE, unknown types, ALPN, ECH");
}

int
main(void)
{
	struct tls_opts o = { .max_hs_msg = LIM_HS_MSG };

	fix_init(&o);
	test_fields();
	test_each_lies();
	test_dup_sni();
	test_block();
	test_server();
	test_grease();
	certstore_cleanup();
	return CHECK_EXIT();
}
