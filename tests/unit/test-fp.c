/*
 * test-fp.c: dissect/fp.c (JA3, JA3S, JA4).
 *
 * Hello fields are typed in from the public captures and the expected
 * fingerprints come from independent tools:
 *
 * - illtls13__capture.pcap.truth.jsonl, frames 5 and 7 (tshark 4.0's
 *   ja3_full/ja3/ja3s_full/ja3s); the groups and point formats from
 *   `tshark -r illtls13__capture.pcap -Y tls.handshake.type==1 -T fields
 *   -e tls.handshake.extensions_supported_group
 *   -e tls.handshake.extensions_ec_point_format`.
 * - ja4__tls-alpn-h2.pcap (`tshark -r ... -Y tls.handshake.type==1 -V`)
 *   against ja4-expected.jsonl (FoxIO's tool) and its truth file (ja3).
 * - ja4__browsers-x509.pcapng, tcp.stream 0 (Chrome, with GREASE in the
 *   suites, extensions, groups and supported_versions), against
 *   ja4-expected.jsonl and the truth file.
 * - The ALPN examples of FoxIO's JA4.md, "ALPN Extension Value", except
 *   for values not ASCII alphanumeric at an end: "99", as in
 *   ja4-expected.jsonl (ja4__tls-non-ascii-alpn.pcapng).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dissect/fp.h"
#include "model/conn.h"

#include "check.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static bool	streq(const char *, const char *);
static void	set16(struct conn *, struct u16list *, const uint16_t *,
		    size_t);
static void	set8(struct conn *, struct u8list *, const uint8_t *,
		    size_t);
static void	set_alpn(struct conn *, struct tls_hs *, const char *const *,
		    const uint32_t *, size_t);
static struct tls_hs *new_hs(struct conn **);
static struct tls_hs *chrome_hs(struct conn **);
static void	test_ja3_illtls13(void);
static void	test_ja3_grease(void);
static void	test_ja4_alpn_h2(void);
static void	test_ja4_grease(void);
static void	test_ja4_alpn_rules(void);
static void	test_ja4_edges(void);
static void	test_once_and_cap(void);

static bool
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
set16(struct conn *c, struct u16list *l, const uint16_t *v, size_t n)
{
	CHECK(conn_u16list(c, l, (uint32_t)n));
	if (l->v == NULL)
		return;
	memcpy(l->v, v, n * sizeof(*v));
	l->n = (uint32_t)n;
}

static void
set8(struct conn *c, struct u8list *l, const uint8_t *v, size_t n)
{
	CHECK(conn_u8list(c, l, (uint32_t)n));
	if (l->v == NULL)
		return;
	memcpy(l->v, v, n);
	l->n = (uint32_t)n;
}

static void
set_alpn(struct conn *c, struct tls_hs *hs, const char *const *v,
    const uint32_t *len, size_t n)
{
	size_t i;

	hs->alpn_offered.v = arena_alloc(&c->arena, (n + 1) *
	    sizeof(*hs->alpn_offered.v));
	for (i = 0; i < n; i++)
		CHECK(conn_bstr(c, &hs->alpn_offered.v[i], v[i], len[i]));
	hs->alpn_offered.n = (uint32_t)n;
}

static struct tls_hs *
new_hs(struct conn **c)
{
	struct tls_hs *hs;

	*c = conn_new(1);
	hs = conn_hs(*c, 0);
	hs->flags |= HSF_HAS_CH;
	return hs;
}

/* illtls13 frame 5 (ClientHello) and 7 (ServerHello). */
static void
test_ja3_illtls13(void)
{
	static const uint16_t suites[] = { 0x1302, 0x1303, 0x1301, 0x00ff };
	static const uint16_t exts[] = { 0, 11, 10, 35, 22, 23, 13, 43, 45,
	    51 };
	static const uint16_t groups[] = { 0x001d, 0x0017, 0x001e, 0x0019,
	    0x0018, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104 };
	static const uint8_t pf[] = { 0, 1, 2 };
	static const uint16_t sh_exts[] = { 43, 51 };
	struct tls_hs *hs;
	struct conn *c;

	hs = new_hs(&c);
	hs->client_version = 0x0303;
	set16(c, &hs->suites_offered, suites, N(suites));
	set16(c, &hs->exts_offered, exts, N(exts));
	set16(c, &hs->groups_offered, groups, N(groups));
	set8(c, &hs->ec_point_formats, pf, N(pf));
	hs->flags |= HSF_HAS_SH | HSF_HAS_SUITE;
	hs->server_version = 0x0303;
	hs->suite = 0x1302;
	set16(c, &hs->exts_chosen, sh_exts, N(sh_exts));
	fp_compute(c, hs);
	CHECK(streq(conn_fp(hs)->ja3_full,
	    "771,4866-4867-4865-255,0-11-10-35-22-23-"
	    "13-43-45-51,29-23-30-25-24-256-257-258-259-260,0-1-2"));
	CHECK(streq(conn_fp(hs)->ja3, "f146948b4a599d4d7ddf071b74696983"));
	CHECK(streq(conn_fp(hs)->ja3s_full, "771,4866,43-51"));
	CHECK(streq(conn_fp(hs)->ja3s, "15af977ce25de452b96affa2addb1036"));
	conn_free(c);
	GROUP_END("ja3/ja3s: illtls13 against tshark");
}

/* ja4__browsers-x509.pcapng, tcp.stream 0: Chrome, GREASE everywhere. */
static const uint16_t chrome_suites[] = { 0xaaaa, 0x1301, 0x1302, 0x1303,
    0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c,
    0x009d, 0x002f, 0x0035 };
static const uint16_t chrome_exts[] = { 27242, 13, 0, 10, 5, 11, 43, 27,
    65281, 51, 17513, 45, 35, 23, 18, 16, 2570, 21 };
static const uint16_t chrome_groups[] = { 0x4a4a, 0x001d, 0x0017, 0x0018 };
static const uint8_t chrome_pf[] = { 0 };
static const uint16_t chrome_versions[] = { 0x9a9a, 0x0304, 0x0303 };
static const uint16_t chrome_sigs[] = { 0x0403, 0x0804, 0x0401, 0x0503,
    0x0805, 0x0501, 0x0806, 0x0601 };
static const char *const chrome_alpn[] = { "h2", "http/1.1" };
static const uint32_t chrome_alpn_len[] = { 2, 8 };

static struct tls_hs *
chrome_hs(struct conn **c)
{
	struct tls_hs *hs = new_hs(c);

	hs->client_version = 0x0303;
	set16(*c, &hs->suites_offered, chrome_suites, N(chrome_suites));
	set16(*c, &hs->exts_offered, chrome_exts, N(chrome_exts));
	set16(*c, &hs->groups_offered, chrome_groups, N(chrome_groups));
	set8(*c, &hs->ec_point_formats, chrome_pf, N(chrome_pf));
	set16(*c, &hs->versions_offered, chrome_versions,
	    N(chrome_versions));
	set16(*c, &hs->sig_algs_offered, chrome_sigs, N(chrome_sigs));
	set_alpn(*c, hs, chrome_alpn, chrome_alpn_len, N(chrome_alpn));
	return hs;
}

static void
test_ja3_grease(void)
{
	struct tls_hs *hs;
	struct conn *c;

	hs = chrome_hs(&c);
	fp_compute(c, hs);
	CHECK(streq(conn_fp(hs)->ja3_full,
	    "771,4865-4866-4867-49195-49199-49196-"
	    "49200-52393-52392-49171-49172-156-157-47-53,13-0-10-5-11-43-27-"
	    "65281-51-17513-45-35-23-18-16-21,29-23-24,0"));
	CHECK(streq(conn_fp(hs)->ja3, "34fcb8e0ef812f18e760b52314a54fd0"));
	CHECK(conn_fp(hs)->ja3s == NULL && conn_fp(hs)->ja3s_full == NULL);
	conn_free(c);
	GROUP_END("ja3: GREASE removed (browsers-x509 against tshark)");
}

static void
test_ja4_grease(void)
{
	struct tls_hs *hs;
	struct conn *c;

	hs = chrome_hs(&c);
	fp_compute(c, hs);
	CHECK(streq(conn_fp(hs)->ja4, "t13d1516h2_8daaf6152771_e5627efa2ab1"));
	CHECK(streq(conn_fp(hs)->ja4_r,
	    "t13d1516h2_002f,0035,009c,009d,1301,1302,"
	    "1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,"
	    "000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,"
	    "0804,0401,0503,0805,0501,0806,0601"));
	conn_free(c);
	/* JA4.md: GREASE is ignored anywhere, signature algorithms too. */
	{
		static const uint16_t sigs[] = { 0x3a3a, 0x0403, 0x0804,
		    0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601 };

		hs = chrome_hs(&c);
		set16(c, &hs->sig_algs_offered, sigs, N(sigs));
		fp_compute(c, hs);
		CHECK(streq(conn_fp(hs)->ja4,
		    "t13d1516h2_8daaf6152771_e5627efa2ab1"));
		conn_free(c);
	}
	GROUP_END("ja4: browsers-x509 stream 0 against FoxIO");
}

/* ja4__tls-alpn-h2.pcap: TLS 1.2 only, 46 suites, no GREASE. */
static void
test_ja4_alpn_h2(void)
{
	static const uint16_t suites[] = { 0xc030, 0xc02c, 0xc028, 0xc024,
	    0xc014, 0xc00a, 0x009f, 0x006b, 0x0039, 0xcca9, 0xcca8, 0xccaa,
	    0xff85, 0x00c4, 0x0088, 0x0081, 0x009d, 0x003d, 0x0035, 0x00c0,
	    0x0084, 0xc02f, 0xc02b, 0xc027, 0xc023, 0xc013, 0xc009, 0x009e,
	    0x0067, 0x0033, 0x00be, 0x0045, 0x009c, 0x003c, 0x002f, 0x00ba,
	    0x0041, 0xc011, 0xc007, 0x0005, 0x0004, 0xc012, 0xc008, 0x0016,
	    0x000a, 0x00ff };
	static const uint16_t exts[] = { 0, 11, 10, 13, 16 };
	static const uint16_t groups[] = { 0x001d, 0x0017, 0x0018 };
	static const uint8_t pf[] = { 0 };
	static const uint16_t sigs[] = { 0x0601, 0x0603, 0xefef, 0x0501,
	    0x0503, 0x0401, 0x0403, 0xeeee, 0xeded, 0x0301, 0x0303, 0x0201,
	    0x0203 };
	static const char *const alpn[] = { "h2", "http/1.1" };
	static const uint32_t alpn_len[] = { 2, 8 };
	struct tls_hs *hs;
	struct conn *c;

	hs = new_hs(&c);
	hs->client_version = 0x0303;
	set16(c, &hs->suites_offered, suites, N(suites));
	set16(c, &hs->exts_offered, exts, N(exts));
	set16(c, &hs->groups_offered, groups, N(groups));
	set8(c, &hs->ec_point_formats, pf, N(pf));
	set16(c, &hs->sig_algs_offered, sigs, N(sigs));
	set_alpn(c, hs, alpn, alpn_len, N(alpn));
	fp_compute(c, hs);
	CHECK(streq(conn_fp(hs)->ja4, "t12d4605h2_85626a9a5f7f_aaf95bb78ec9"));
	CHECK(streq(conn_fp(hs)->ja4_r,
	    "t12d4605h2_0004,0005,000a,0016,002f,0033,"
	    "0035,0039,003c,003d,0041,0045,0067,006b,0081,0084,0088,009c,"
	    "009d,009e,009f,00ba,00be,00c0,00c4,00ff,c007,c008,c009,c00a,"
	    "c011,c012,c013,c014,c023,c024,c027,c028,c02b,c02c,c02f,c030,"
	    "cca8,cca9,ccaa,ff85_000a,000b,000d_0601,0603,efef,0501,0503,"
	    "0401,0403,eeee,eded,0301,0303,0201,0203"));
	CHECK(streq(conn_fp(hs)->ja3, "3faa4ad39f690c4ef1c3160caa375465"));
	conn_free(c);
	GROUP_END("ja4: tls-alpn-h2 against FoxIO");
}

/* JA4.md, "ALPN Extension Value", and "00" without a usable value. */
static void
test_ja4_alpn_rules(void)
{
	static const struct {
		const char	*v;
		uint32_t	 len;
		const char	*want;
	} t[] = {
		/* Not ASCII alphanumeric at an end: "99", as FoxIO's
		 * published values (ja4-expected.jsonl), not JA4.md's
		 * hex digits ("ab", "ad", "3b", "3d"). */
		{ "\xab", 1, "99" },
		{ "\xab\xcd", 2, "99" },
		{ "0\xab", 2, "99" },
		{ "01\xab\xcd", 4, "99" },
		{ "0\xab\xcd" "1", 4, "01" },
		{ "h", 1, "hh" },
		{ "http/1.1", 8, "h1" },
		{ "", 0, "00" },
		{ "\x1a\x1a", 2, "00" },	/* GREASE alone (RFC 8701) */
	};
	static const uint16_t exts[] = { 16 };
	struct tls_hs *hs;
	struct conn *c;
	size_t i;

	for (i = 0; i < N(t); i++) {
		hs = new_hs(&c);
		hs->client_version = 0x0303;
		set16(c, &hs->exts_offered, exts, N(exts));
		set_alpn(c, hs, &t[i].v, &t[i].len, 1);
		fp_compute(c, hs);
		CHECK(conn_fp(hs)->ja4 != NULL &&
		    strncmp(conn_fp(hs)->ja4 + 8, t[i].want, 2) == 0);
		if (conn_fp(hs)->ja4 != NULL &&
		    strncmp(conn_fp(hs)->ja4 + 8, t[i].want, 2))
			fprintf(stderr, "alpn %zu: %s\n", i, conn_fp(hs)->ja4);
		conn_free(c);
	}
	/* A GREASE value first: the next one counts. */
	{
		static const char *const v[] = { "\x3a\x3a", "h2" };
		static const uint32_t len[] = { 2, 2 };

		hs = new_hs(&c);
		set_alpn(c, hs, v, len, 2);
		fp_compute(c, hs);
		CHECK(conn_fp(hs)->ja4 != NULL &&
		    strncmp(conn_fp(hs)->ja4 + 8, "h2", 2) == 0);
		conn_free(c);
	}
	/* No ALPN extension at all. */
	hs = new_hs(&c);
	fp_compute(c, hs);
	CHECK(conn_fp(hs)->ja4 != NULL &&
	    strncmp(conn_fp(hs)->ja4 + 8, "00", 2) == 0);
	conn_free(c);
	GROUP_END("ja4: ALPN characters");
}

static void
test_ja4_edges(void)
{
	static const uint16_t quic_exts[] = { 0x0039, 0x002b };
	static const uint16_t dtls_exts[] = { 0x002b };
	static const uint16_t dtls_versions[] = { 0xfefd, 0xfefc };
	static const uint16_t grease_only[] = { 0x0a0a, 0xfafa };
	static const uint16_t v13[] = { 0x0304 };
	struct tls_hs *hs;
	struct conn *c;

	/* Nothing offered: zeros instead of hashes of nothing. */
	hs = new_hs(&c);
	hs->client_version = 0x0301;
	fp_compute(c, hs);
	CHECK(streq(conn_fp(hs)->ja4, "t10i000000_000000000000_000000000000"));
	CHECK(streq(conn_fp(hs)->ja4_r, "t10i000000__"));
	CHECK(streq(conn_fp(hs)->ja3_full, "769,,,,"));
	conn_free(c);
	/* GREASE only: counted as nothing. */
	hs = new_hs(&c);
	hs->client_version = 0x0303;
	set16(c, &hs->suites_offered, grease_only, N(grease_only));
	set16(c, &hs->exts_offered, grease_only, N(grease_only));
	fp_compute(c, hs);
	CHECK(streq(conn_fp(hs)->ja4, "t12i000000_000000000000_000000000000"));
	CHECK(streq(conn_fp(hs)->ja3_full, "771,,,,"));
	conn_free(c);
	/* QUIC transport parameters: "q"; supported_versions wins. */
	hs = new_hs(&c);
	hs->client_version = 0x0303;
	set16(c, &hs->exts_offered, quic_exts, N(quic_exts));
	set16(c, &hs->versions_offered, v13, N(v13));
	fp_compute(c, hs);
	CHECK(conn_fp(hs)->ja4 != NULL &&
	    strncmp(conn_fp(hs)->ja4, "q13i0002", 8) == 0);
	conn_free(c);
	/* DTLS: "d", and 0xfefc (DTLS 1.3) is newer than 0xfefd. */
	hs = new_hs(&c);
	hs->client_version = 0xfefd;
	set16(c, &hs->exts_offered, dtls_exts, N(dtls_exts));
	set16(c, &hs->versions_offered, dtls_versions, N(dtls_versions));
	fp_compute(c, hs);
	CHECK(conn_fp(hs)->ja4 != NULL &&
	    strncmp(conn_fp(hs)->ja4, "dd3i0001", 8) == 0);
	conn_free(c);
	/* An SSLv2-compatible hello gets no JA3 or JA4. */
	hs = new_hs(&c);
	hs->flags |= HSF_SSL2_CH;
	fp_compute(c, hs);
	CHECK(conn_fp(hs)->ja3 == NULL && conn_fp(hs)->ja4 == NULL);
	conn_free(c);
	GROUP_END("ja4: empty lists, GREASE only, QUIC, DTLS, SSLv2");
}

static void
test_once_and_cap(void)
{
	const char *ja3, *ja4;
	struct tls_hs *hs;
	struct conn *c;

	/* A second call keeps what the first set. */
	hs = chrome_hs(&c);
	fp_compute(c, hs);
	ja3 = conn_fp(hs)->ja3;
	ja4 = conn_fp(hs)->ja4;
	fp_compute(c, hs);
	CHECK(ja3 != NULL && conn_fp(hs)->ja3 == ja3 &&
	    conn_fp(hs)->ja4 == ja4);
	conn_free(c);
	/* A full arena: no fingerprint, one ANOM_MEM_CAP. */
	hs = chrome_hs(&c);
	c->arena.cap = c->arena.used;
	fp_compute(c, hs);
	CHECK(conn_fp(hs)->ja3 == NULL && conn_fp(hs)->ja3_full == NULL);
	CHECK(conn_fp(hs)->ja4 == NULL && conn_fp(hs)->ja4_r == NULL);
	CHECK(c->n_anoms + c->anoms_dropped == 1);
	conn_free(c);
	GROUP_END("fp_compute: once per handshake, memory cap");
}

int
main(void)
{
	test_ja3_illtls13();
	test_ja3_grease();
	test_ja4_alpn_h2();
	test_ja4_grease();
	test_ja4_alpn_rules();
	test_ja4_edges();
	test_once_and_cap();
	return CHECK_EXIT();
}
