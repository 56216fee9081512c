/*
 * test-suite.c: the generated registry tables and the suite.c lookups.
 * Prints one "ok" or "FAIL" line per group; exits non-zero on a failure.
 */

#include <stdio.h>
#include <string.h>

#include "dissect/suite.h"

static int failures;
static int group_failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #cond);				\
		group_failures++;					\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *got_ = (got), *want_ = (want);			\
	if (got_ == NULL || strcmp(got_, want_) != 0) {			\
		fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n",	\
		    __FILE__, __LINE__, #got,				\
		    got_ == NULL ? "(null)" : got_, want_);		\
		group_failures++;					\
	}								\
} while (0)

static void	 group_end(const char *);
static void	 check_decomp(uint16_t, const char *, const char *,
		    const char *, const char *, const char *, const char *,
		    const char *);
static void	 check_sorted(const struct suite_tok *, size_t, size_t);
static enum suite_strength strength_of(uint16_t);
static void	 test_tables(void);
static void	 test_tok_tables(void);
static void	 test_decomp(void);
static void	 test_strength(void);
static void	 test_fs_aead(void);
static void	 test_grease(void);
static void	 test_names(void);
static void	 test_versions(void);

static void
group_end(const char *name)
{
	printf("%s %s\n", group_failures == 0 ? "ok" : "FAIL", name);
	failures += group_failures;
	group_failures = 0;
}

/* Every table is sorted strictly by id, named, and decomposed. */
static void
test_tables(void)
{
	size_t i;

	CHECK(suite_tab_n > 400);
	for (i = 0; i < suite_tab_n; i++) {
		const struct suite *s = &suite_tab[i];

		if (i > 0)
			CHECK(suite_tab[i - 1].id < s->id);
		CHECK(s->name != NULL && s->name[0] != '\0');
		CHECK(!suite_is_grease(s->id));
		CHECK(s->proto < P_MAX && s->kx < KX_MAX && s->au < AU_MAX &&
		    s->enc < ENC_MAX && s->mac < MAC_MAX && s->hash < H_MAX);
		/* Only the signalling values lack a decomposition. */
		if (s->id != 0x00ff && s->id != 0x5600)
			CHECK(s->proto != P_UNKNOWN && s->kx != KX_UNKNOWN &&
			    s->au != AU_UNKNOWN && s->enc != ENC_UNKNOWN &&
			    s->mac != MAC_UNKNOWN && s->hash != H_UNKNOWN);
		CHECK(suite_find(s->id) == s);
	}
	group_end("suite table sorted, unique, decomposed, searchable");
}

static void
check_sorted(const struct suite_tok *tab, size_t n, size_t min)
{
	size_t i;

	CHECK(n >= min);
	for (i = 0; i < n; i++) {
		CHECK(tab[i].name != NULL && tab[i].name[0] != '\0');
		if (i > 0)
			CHECK(tab[i - 1].id < tab[i].id);
	}
}

static void
test_tok_tables(void)
{
	check_sorted(suite_sslv2_tab, suite_sslv2_tab_n, 10);
	check_sorted(suite_group_tab, suite_group_tab_n, 50);
	check_sorted(suite_sigalg_tab, suite_sigalg_tab_n, 40);
	check_sorted(suite_ext_tab, suite_ext_tab_n, 60);
	check_sorted(suite_alert_tab, suite_alert_tab_n, 30);
	check_sorted(suite_hs_tab, suite_hs_tab_n, 20);
	group_end("name tables sorted and unique");
}

static void
check_decomp(uint16_t id, const char *name, const char *proto,
    const char *kx, const char *au, const char *enc, const char *mac,
    const char *hash)
{
	const struct suite *s = suite_find(id);

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_STR(s->name, name);
	CHECK_STR(suite_proto_name(s->proto), proto);
	CHECK_STR(suite_kx_name(s->kx), kx);
	CHECK_STR(suite_au_name(s->au), au);
	CHECK_STR(suite_enc_name(s->enc), enc);
	CHECK_STR(suite_mac_name(s->mac), mac);
	CHECK_STR(suite_hash_name(s->hash), hash);
}

static void
test_decomp(void)
{
	const struct suite *s;

	check_decomp(0x1301, "TLS_AES_128_GCM_SHA256", "TLS1.3", "ANY", "ANY",
	    "AES_128_GCM", "AEAD", "SHA256");
	check_decomp(0x1302, "TLS_AES_256_GCM_SHA384", "TLS1.3", "ANY", "ANY",
	    "AES_256_GCM", "AEAD", "SHA384");
	check_decomp(0x1305, "TLS_AES_128_CCM_8_SHA256", "TLS1.3", "ANY",
	    "ANY", "AES_128_CCM_8", "AEAD", "SHA256");
	check_decomp(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS1.2",
	    "ECDHE", "RSA", "AES_128_GCM", "AEAD", "SHA256");
	check_decomp(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS1.2",
	    "ECDHE", "RSA", "AES_256_GCM", "AEAD", "SHA384");
	check_decomp(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "SSL3", "RSA",
	    "RSA", "AES_256_CBC", "SHA1", "SHA256");
	check_decomp(0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "SSL3", "RSA",
	    "RSA", "3DES_EDE_CBC", "SHA1", "SHA256");
	check_decomp(0x0004, "TLS_RSA_WITH_RC4_128_MD5", "SSL3", "RSA", "RSA",
	    "RC4_128", "MD5", "SHA256");
	check_decomp(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "SSL3",
	    "RSA_EXPORT", "RSA", "RC4_40", "MD5", "SHA256");
	check_decomp(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5", "SSL3", "DHE",
	    "ANON", "RC4_128", "MD5", "SHA256");
	check_decomp(0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8", "TLS1.2", "PSK",
	    "PSK", "AES_128_CCM_8", "AEAD", "SHA256");
	check_decomp(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	    "TLS1.2", "ECDHE", "RSA", "CHACHA20_POLY1305", "AEAD", "SHA256");
	check_decomp(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS1.2",
	    "DHE", "RSA", "AES_256_GCM", "AEAD", "SHA384");
	check_decomp(0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", "SSL3",
	    "ECDH", "RSA", "AES_128_CBC", "SHA1", "SHA256");
	check_decomp(0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", "TLS1.0",
	    "DHE_PSK", "PSK", "AES_256_CBC", "SHA384", "SHA384");
	check_decomp(0xc0b0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256", "TLS1.2",
	    "ECCPWD", "ECCPWD", "AES_128_GCM", "AEAD", "SHA256");
	check_decomp(0xc053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", "TLS1.2",
	    "DHE", "RSA", "ARIA_256_GCM", "AEAD", "SHA384");
	check_decomp(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", "SSL3",
	    "RSA", "RSA", "CAMELLIA_256_CBC", "SHA1", "SHA256");
	check_decomp(0x00c6, "TLS_SM4_GCM_SM3", "TLS1.3", "ANY", "ANY",
	    "SM4_GCM", "AEAD", "SM3");
	check_decomp(0xc100, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC",
	    "TLS1.2", "GOST", "GOST", "KUZNYECHIK_CTR", "OMAC", "STREEBOG256");
	check_decomp(0xc103, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L",
	    "TLS1.3", "ANY", "ANY", "KUZNYECHIK_MGM_L", "AEAD", "STREEBOG256");
	check_decomp(0x0000, "TLS_NULL_WITH_NULL_NULL", "SSL3", "NULL", "NULL",
	    "NULL", "NULL", "SHA256");

	/* Signalling values: present, named, not decomposed. */
	check_decomp(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "unknown",
	    "unknown", "unknown", "unknown", "unknown", "unknown");
	check_decomp(0x5600, "TLS_FALLBACK_SCSV", "unknown", "unknown",
	    "unknown", "unknown", "unknown", "unknown");

	/* Unassigned and GREASE values are not in the table. */
	CHECK(suite_find(0x0a0a) == NULL);
	CHECK(suite_find(0x1306 + 0x10) == NULL);
	CHECK(suite_find(0xffff) == NULL);
	CHECK((s = suite_find(0x1303)) != NULL && s->id == 0x1303);
	group_end("decomposition of known suites");
}

static enum suite_strength
strength_of(uint16_t id)
{
	return suite_strength(suite_find(id));
}

static void
test_strength(void)
{
	/* insecure: NULL, anon, EXPORT, RC4, RC2, DES, 3DES, IDEA, MD5 */
	CHECK(strength_of(0x0000) == STRENGTH_INSECURE);
	CHECK(strength_of(0x0002) == STRENGTH_INSECURE);	/* NULL enc */
	CHECK(strength_of(0xc0b4) == STRENGTH_INSECURE);	/* 1.3 NULL */
	CHECK(strength_of(0x00a6) == STRENGTH_INSECURE);	/* DH_anon */
	CHECK(strength_of(0xc018) == STRENGTH_INSECURE);	/* ECDH_anon */
	CHECK(strength_of(0x0003) == STRENGTH_INSECURE);	/* EXPORT */
	CHECK(strength_of(0x0062) == STRENGTH_INSECURE);	/* EXPORT1024 */
	CHECK(strength_of(0x0005) == STRENGTH_INSECURE);	/* RC4 */
	CHECK(strength_of(0x0006) == STRENGTH_INSECURE);	/* RC2 */
	CHECK(strength_of(0x0009) == STRENGTH_INSECURE);	/* DES */
	CHECK(strength_of(0x000a) == STRENGTH_INSECURE);	/* 3DES */
	CHECK(strength_of(0xc012) == STRENGTH_INSECURE);	/* ECDHE 3DES */
	CHECK(strength_of(0x0007) == STRENGTH_INSECURE);	/* IDEA */
	CHECK(strength_of(0x0023) == STRENGTH_INSECURE);	/* 3DES MD5 */
	CHECK(strength_of(0xff00) == STRENGTH_INSECURE);	/* MD5 MAC */

	/* weak: CBC, no forward secrecy, CCM_8 */
	CHECK(strength_of(0x002f) == STRENGTH_WEAK);	/* RSA CBC */
	CHECK(strength_of(0xc013) == STRENGTH_WEAK);	/* ECDHE CBC */
	CHECK(strength_of(0xc027) == STRENGTH_WEAK);	/* ECDHE CBC SHA256 */
	CHECK(strength_of(0x009c) == STRENGTH_WEAK);	/* RSA GCM */
	CHECK(strength_of(0xc02d) == STRENGTH_WEAK);	/* ECDH GCM */
	CHECK(strength_of(0x00a0) == STRENGTH_WEAK);	/* DH_RSA GCM */
	CHECK(strength_of(0x00a8) == STRENGTH_WEAK);	/* PSK GCM */
	CHECK(strength_of(0x00ac) == STRENGTH_WEAK);	/* RSA_PSK GCM */
	CHECK(strength_of(0xc0ae) == STRENGTH_WEAK);	/* ECDHE CCM_8 */
	CHECK(strength_of(0xc0a3) == STRENGTH_WEAK);	/* DHE CCM_8 */
	CHECK(strength_of(0xc100) == STRENGTH_WEAK);	/* GOST CTR OMAC */

	/* secure: AEAD with forward secrecy, every TLS 1.3 suite */
	CHECK(strength_of(0xc02f) == STRENGTH_SECURE);
	CHECK(strength_of(0xc02c) == STRENGTH_SECURE);
	CHECK(strength_of(0x009e) == STRENGTH_SECURE);	/* DHE GCM */
	CHECK(strength_of(0xcca9) == STRENGTH_SECURE);	/* ChaCha20 */
	CHECK(strength_of(0xccac) == STRENGTH_SECURE);	/* ECDHE_PSK */
	CHECK(strength_of(0xc0ac) == STRENGTH_SECURE);	/* ECDHE CCM */
	CHECK(strength_of(0xc05c) == STRENGTH_SECURE);	/* ARIA GCM */
	CHECK(strength_of(0xc08a) == STRENGTH_SECURE);	/* Camellia GCM */
	CHECK(strength_of(0x1301) == STRENGTH_SECURE);
	CHECK(strength_of(0x1303) == STRENGTH_SECURE);
	CHECK(strength_of(0x1305) == STRENGTH_SECURE);	/* 1.3 CCM_8 */
	CHECK(strength_of(0x00c6) == STRENGTH_SECURE);	/* SM4 */

	/* unknown: signalling values, unassigned, NULL */
	CHECK(strength_of(0x00ff) == STRENGTH_UNKNOWN);
	CHECK(strength_of(0x5600) == STRENGTH_UNKNOWN);
	CHECK(strength_of(0x0a0a) == STRENGTH_UNKNOWN);
	CHECK(suite_strength(NULL) == STRENGTH_UNKNOWN);

	CHECK_STR(suite_strength_name(STRENGTH_INSECURE), "insecure");
	CHECK_STR(suite_strength_name(STRENGTH_WEAK), "weak");
	CHECK_STR(suite_strength_name(STRENGTH_SECURE), "secure");
	CHECK_STR(suite_strength_name(STRENGTH_UNKNOWN), "unknown");
	CHECK_STR(suite_strength_name((enum suite_strength)42), "unknown");
	group_end("strength of every class");
}

static void
test_fs_aead(void)
{
	CHECK(suite_fs(suite_find(0x1301)));
	CHECK(suite_fs(suite_find(0xc02f)));
	CHECK(suite_fs(suite_find(0x0033)));	/* DHE CBC */
	CHECK(suite_fs(suite_find(0x00aa)));	/* DHE_PSK */
	CHECK(suite_fs(suite_find(0xc035)));	/* ECDHE_PSK */
	CHECK(!suite_fs(suite_find(0x002f)));	/* RSA */
	CHECK(!suite_fs(suite_find(0xc004)));	/* ECDH */
	CHECK(!suite_fs(suite_find(0x008c)));	/* PSK */
	CHECK(!suite_fs(suite_find(0x0094)));	/* RSA_PSK */
	CHECK(!suite_fs(suite_find(0x00ff)));
	CHECK(!suite_fs(NULL));
	CHECK(suite_aead(suite_find(0x1303)));
	CHECK(suite_aead(suite_find(0xc0a8)));
	CHECK(!suite_aead(suite_find(0xc027)));
	CHECK(!suite_aead(NULL));
	group_end("forward secrecy and AEAD");
}

static void
test_grease(void)
{
	unsigned int v, n = 0, bad = 0;

	for (v = 0; v <= 0xffff; v++)
		if (suite_is_grease((uint16_t)v)) {
			if ((v & 0xff) != (v >> 8) || (v & 0x0f) != 0x0a)
				bad++;
			n++;
		}
	CHECK(bad == 0);
	CHECK(n == 16);
	CHECK(suite_is_grease(0x0a0a));
	CHECK(suite_is_grease(0xfafa));
	CHECK(!suite_is_grease(0x0a1a));
	CHECK(!suite_is_grease(0x1301));
	CHECK_STR(suite_name(0x2a2a), "GREASE");
	CHECK_STR(suite_name(0x1301), "TLS_AES_128_GCM_SHA256");
	CHECK_STR(suite_name(0xfefd), "unknown");
	CHECK_STR(suite_group_name(0x3a3a), "GREASE");
	CHECK_STR(suite_ext_name(0x4a4a), "GREASE");
	CHECK_STR(suite_sigalg_name(0x5a5a), "GREASE");
	group_end("GREASE");
}

static void
test_names(void)
{
	CHECK_STR(suite_group_name(0x001d), "x25519");
	CHECK_STR(suite_group_name(0x0017), "secp256r1");
	CHECK_STR(suite_group_name(0x0100), "ffdhe2048");
	CHECK_STR(suite_group_name(0x11ec), "X25519MLKEM768");
	CHECK_STR(suite_group_name(0x6399), "X25519Kyber768Draft00");
	CHECK(suite_group_name(0x0000) == NULL);
	CHECK(suite_group_name(0x2f3a) == NULL);

	CHECK_STR(suite_sigalg_name(0x0804), "rsa_pss_rsae_sha256");
	CHECK_STR(suite_sigalg_name(0x0403), "ecdsa_secp256r1_sha256");
	CHECK_STR(suite_sigalg_name(0x0807), "ed25519");
	CHECK_STR(suite_sigalg_name(0x0201), "rsa_pkcs1_sha1");
	CHECK_STR(suite_sigalg_name(0x0301), "sha224_rsa");
	CHECK_STR(suite_sigalg_name(0x0202), "sha1_dsa");
	CHECK(suite_sigalg_name(0xfea0) == NULL);

	CHECK_STR(suite_ext_name(0), "server_name");
	CHECK_STR(suite_ext_name(10), "supported_groups");
	CHECK_STR(suite_ext_name(16),
	    "application_layer_protocol_negotiation");
	CHECK_STR(suite_ext_name(43), "supported_versions");
	CHECK_STR(suite_ext_name(51), "key_share");
	CHECK_STR(suite_ext_name(0xfe0d), "encrypted_client_hello");
	CHECK_STR(suite_ext_name(0xff01), "renegotiation_info");
	CHECK_STR(suite_ext_name(0x4469), "application_settings");
	CHECK(suite_ext_name(40) == NULL);
	CHECK(suite_ext_name(0x1234) == NULL);

	CHECK_STR(suite_alert_name(0), "close_notify");
	CHECK_STR(suite_alert_name(20), "bad_record_mac");
	CHECK_STR(suite_alert_name(21), "decryption_failed");
	CHECK_STR(suite_alert_name(41), "no_certificate");
	CHECK_STR(suite_alert_name(48), "unknown_ca");
	CHECK_STR(suite_alert_name(116), "certificate_required");
	CHECK_STR(suite_alert_name(120), "no_application_protocol");
	CHECK(suite_alert_name(1) == NULL);
	CHECK(suite_alert_name(255) == NULL);

	CHECK_STR(suite_hs_name(0), "hello_request");
	CHECK_STR(suite_hs_name(1), "client_hello");
	CHECK_STR(suite_hs_name(8), "encrypted_extensions");
	CHECK_STR(suite_hs_name(16), "client_key_exchange");
	CHECK_STR(suite_hs_name(21), "certificate_url");
	CHECK_STR(suite_hs_name(254), "message_hash");
	CHECK(suite_hs_name(7) == NULL);

	CHECK_STR(suite_sslv2_name(0x010080), "SSL_CK_RC4_128_WITH_MD5");
	CHECK_STR(suite_sslv2_name(0x0700c0),
	    "SSL_CK_DES_192_EDE3_CBC_WITH_MD5");
	CHECK(suite_sslv2_name(0x00002f) == NULL);
	CHECK(suite_sslv2_name(0xffffff) == NULL);

	CHECK_STR(suite_kx_name(KX_ECDHE), "ECDHE");
	CHECK_STR(suite_enc_name(ENC_AES128_GCM), "AES_128_GCM");
	CHECK_STR(suite_mac_name(MAC_AEAD), "AEAD");
	CHECK_STR(suite_hash_name(H_SHA256), "SHA256");
	CHECK_STR(suite_proto_name(P_TLS13), "TLS1.3");
	CHECK_STR(suite_au_name(AU_ANON), "ANON");
	CHECK_STR(suite_kx_name(KX_MAX), "unknown");
	CHECK_STR(suite_enc_name(1000), "unknown");
	CHECK_STR(suite_mac_name(0), "unknown");
	group_end("registry names");
}

static void
test_versions(void)
{
	char buf[16];

	CHECK_STR(suite_version_name(0x0002, buf), "SSLv2");
	CHECK_STR(suite_version_name(0x0300, buf), "SSLv3");
	CHECK_STR(suite_version_name(0x0301, buf), "TLSv1.0");
	CHECK_STR(suite_version_name(0x0302, buf), "TLSv1.1");
	CHECK_STR(suite_version_name(0x0303, buf), "TLSv1.2");
	CHECK_STR(suite_version_name(0x0304, buf), "TLSv1.3");
	CHECK_STR(suite_version_name(0x7f1c, buf), "TLSv1.3-draft-28");
	CHECK_STR(suite_version_name(0x7f12, buf), "TLSv1.3-draft-18");
	CHECK_STR(suite_version_name(0x7f00, buf), "TLSv1.3-draft-00");
	CHECK_STR(suite_version_name(0x7f1d, buf), "0x7f1d");
	CHECK_STR(suite_version_name(0xfefd, buf), "DTLSv1.2");
	CHECK_STR(suite_version_name(0x1a1a, buf), "GREASE");
	CHECK_STR(suite_version_name(0x0305, buf), "0x0305");
	CHECK_STR(suite_version_name(0xffff, buf), "0xffff");
	CHECK(suite_version_name(0x0305, buf) == buf);
	group_end("version names");
}

int
main(void)
{
	test_tables();
	test_tok_tables();
	test_decomp();
	test_strength();
	test_fs_aead();
	test_grease();
	test_names();
	test_versions();
	return failures == 0 ? 0 : 1;
}
