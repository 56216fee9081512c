/*
 * suite.h: the TLS registries as const tables: cipher suites decomposed
 * into their algorithms, SSLv2 cipher specs, and the names of groups,
 * signature schemes, extensions, alerts, handshake types and versions.
 *
 * The tables are generated at build time (gentab.awk) from the TSV files
 * in src/dissect/data.  gentab.awk reads the enums below: the comment
 * after each enumerator is the token the TSV files use for it, and the
 * name the *_name() functions return.  Keep one enumerator per line.
 * Views include this header; it needs nothing beyond libc.
 */

#ifndef TLSHAKE_DISSECT_SUITE_H
#define TLSHAKE_DISSECT_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Oldest protocol version a suite works with. */
enum suite_proto {
	P_UNKNOWN,		/* - */
	P_SSL2,			/* SSL2 */
	P_SSL3,			/* SSL3 */
	P_TLS10,		/* TLS1.0 */
	P_TLS11,		/* TLS1.1 */
	P_TLS12,		/* TLS1.2 */
	P_TLS13,		/* TLS1.3 */
	P_MAX
};

/* Key exchange; *_EXPORT marks the export-grade variants. */
enum suite_kx {
	KX_UNKNOWN,		/* - */
	KX_NULL,		/* NULL */
	KX_RSA,			/* RSA */
	KX_RSA_EXPORT,		/* RSA_EXPORT */
	KX_DH,			/* DH */
	KX_DH_EXPORT,		/* DH_EXPORT */
	KX_DHE,			/* DHE */
	KX_DHE_EXPORT,		/* DHE_EXPORT */
	KX_ECDH,		/* ECDH */
	KX_ECDHE,		/* ECDHE */
	KX_PSK,			/* PSK */
	KX_DHE_PSK,		/* DHE_PSK */
	KX_ECDHE_PSK,		/* ECDHE_PSK */
	KX_RSA_PSK,		/* RSA_PSK */
	KX_SRP,			/* SRP */
	KX_KRB5,		/* KRB5 */
	KX_KRB5_EXPORT,		/* KRB5_EXPORT */
	KX_FORTEZZA,		/* FORTEZZA */
	KX_GOST,		/* GOST */
	KX_ECCPWD,		/* ECCPWD */
	KX_ECJPAKE,		/* ECJPAKE */
	KX_CECPQ1,		/* CECPQ1 */
	KX_SM2,			/* SM2 */
	KX_IBSDH,		/* IBSDH */
	KX_IBC,			/* IBC */
	KX_ANY,			/* ANY */
	KX_MAX
};

/* Server authentication. */
enum suite_au {
	AU_UNKNOWN,		/* - */
	AU_NULL,		/* NULL */
	AU_ANON,		/* ANON */
	AU_RSA,			/* RSA */
	AU_DSS,			/* DSS */
	AU_ECDSA,		/* ECDSA */
	AU_PSK,			/* PSK */
	AU_SRP,			/* SRP */
	AU_KRB5,		/* KRB5 */
	AU_FORTEZZA,		/* FORTEZZA */
	AU_GOST,		/* GOST */
	AU_ECCPWD,		/* ECCPWD */
	AU_ECJPAKE,		/* ECJPAKE */
	AU_SM2,			/* SM2 */
	AU_IBC,			/* IBC */
	AU_ANY,			/* ANY */
	AU_MAX
};

/* Bulk encryption, with its mode. */
enum suite_enc {
	ENC_UNKNOWN,		/* - */
	ENC_NULL,		/* NULL */
	ENC_RC4_40,		/* RC4_40 */
	ENC_RC4_56,		/* RC4_56 */
	ENC_RC4_128,		/* RC4_128 */
	ENC_RC2_CBC_40,		/* RC2_CBC_40 */
	ENC_RC2_CBC_56,		/* RC2_CBC_56 */
	ENC_DES40_CBC,		/* DES40_CBC */
	ENC_DES_CBC,		/* DES_CBC */
	ENC_3DES_EDE_CBC,	/* 3DES_EDE_CBC */
	ENC_IDEA_CBC,		/* IDEA_CBC */
	ENC_FORTEZZA_CBC,	/* FORTEZZA_CBC */
	ENC_AES128_CBC,		/* AES_128_CBC */
	ENC_AES256_CBC,		/* AES_256_CBC */
	ENC_AES128_GCM,		/* AES_128_GCM */
	ENC_AES256_GCM,		/* AES_256_GCM */
	ENC_AES128_CCM,		/* AES_128_CCM */
	ENC_AES256_CCM,		/* AES_256_CCM */
	ENC_AES128_CCM8,	/* AES_128_CCM_8 */
	ENC_AES256_CCM8,	/* AES_256_CCM_8 */
	ENC_CHACHA20_POLY1305,	/* CHACHA20_POLY1305 */
	ENC_CAMELLIA128_CBC,	/* CAMELLIA_128_CBC */
	ENC_CAMELLIA256_CBC,	/* CAMELLIA_256_CBC */
	ENC_CAMELLIA128_GCM,	/* CAMELLIA_128_GCM */
	ENC_CAMELLIA256_GCM,	/* CAMELLIA_256_GCM */
	ENC_ARIA128_CBC,	/* ARIA_128_CBC */
	ENC_ARIA256_CBC,	/* ARIA_256_CBC */
	ENC_ARIA128_GCM,	/* ARIA_128_GCM */
	ENC_ARIA256_GCM,	/* ARIA_256_GCM */
	ENC_SEED_CBC,		/* SEED_CBC */
	ENC_SM1_CBC,		/* SM1_CBC */
	ENC_SM4_CBC,		/* SM4_CBC */
	ENC_SM4_GCM,		/* SM4_GCM */
	ENC_SM4_CCM,		/* SM4_CCM */
	ENC_GOST28147_CNT,	/* GOST28147_CNT */
	ENC_KUZNYECHIK_CTR,	/* KUZNYECHIK_CTR */
	ENC_MAGMA_CTR,		/* MAGMA_CTR */
	ENC_KUZNYECHIK_MGM_L,	/* KUZNYECHIK_MGM_L */
	ENC_KUZNYECHIK_MGM_S,	/* KUZNYECHIK_MGM_S */
	ENC_MAGMA_MGM_L,	/* MAGMA_MGM_L */
	ENC_MAGMA_MGM_S,	/* MAGMA_MGM_S */
	ENC_SALSA20,		/* SALSA20 */
	ENC_ESTREAM_SALSA20,	/* ESTREAM_SALSA20 */
	ENC_AEGIS128L,		/* AEGIS_128L */
	ENC_AEGIS256,		/* AEGIS_256 */
	ENC_MAX
};

/* Record MAC; AEAD when the cipher authenticates. */
enum suite_mac {
	MAC_UNKNOWN,		/* - */
	MAC_NULL,		/* NULL */
	MAC_MD5,		/* MD5 */
	MAC_SHA1,		/* SHA1 */
	MAC_SHA256,		/* SHA256 */
	MAC_SHA384,		/* SHA384 */
	MAC_SM3,		/* SM3 */
	MAC_GOST28147,		/* GOST28147 */
	MAC_GOSTR3411,		/* GOSTR3411 */
	MAC_STREEBOG256,	/* STREEBOG256 */
	MAC_OMAC,		/* OMAC */
	MAC_AEAD,		/* AEAD */
	MAC_MAX
};

/* Hash of the TLS 1.2 PRF or TLS 1.3 HKDF (see data/suites.tsv). */
enum suite_hash {
	H_UNKNOWN,		/* - */
	H_SHA256,		/* SHA256 */
	H_SHA384,		/* SHA384 */
	H_SHA512,		/* SHA512 */
	H_SM3,			/* SM3 */
	H_GOSTR3411,		/* GOSTR3411 */
	H_STREEBOG256,		/* STREEBOG256 */
	H_MD5_SHA1,		/* MD5_SHA1 */
	H_MAX
};

enum suite_strength {
	STRENGTH_UNKNOWN,
	STRENGTH_INSECURE,
	STRENGTH_WEAK,
	STRENGTH_SECURE
};

/* One cipher suite; the fields hold the enums above. */
struct suite {
	uint16_t	 id;
	const char	*name;
	uint8_t		 proto, kx, au, enc, mac, hash;
};

/* A value and its registry name, for the small registries. */
struct suite_tok {
	uint32_t	 id;
	const char	*name;
};

/*
 * The generated tables (tables.c), each sorted by id without duplicates;
 * exported for suite.c and the unit test.  Use the functions below.
 */
extern const struct suite	suite_tab[];
extern const size_t		suite_tab_n;
extern const struct suite_tok	suite_sslv2_tab[], suite_group_tab[],
				suite_sigalg_tab[], suite_ext_tab[],
				suite_alert_tab[], suite_hs_tab[];
extern const size_t		suite_sslv2_tab_n, suite_group_tab_n,
				suite_sigalg_tab_n, suite_ext_tab_n,
				suite_alert_tab_n, suite_hs_tab_n;
extern const char *const	suite_proto_names[];
extern const char *const	suite_kx_names[];
extern const char *const	suite_au_names[];
extern const char *const	suite_enc_names[];
extern const char *const	suite_mac_names[];
extern const char *const	suite_hash_names[];

/*
 * suite_find returns the registry entry for cipher suite "id" by binary
 * search, or NULL for an unknown or GREASE value.  Entries are static.
 */
const struct suite	*suite_find(uint16_t);

/*
 * suite_is_grease is true for the RFC 8701 GREASE values 0x0a0a, 0x1a1a,
 * ... 0xfafa, used in suites, groups, extensions, versions and sigalgs.
 */
bool		 suite_is_grease(uint16_t);

/* suite_name returns the IANA name, "GREASE" or "unknown"; never NULL. */
const char	*suite_name(uint16_t);

/*
 * The token names of the decomposition ("ECDHE", "AES_128_GCM", "AEAD",
 * "SHA256"); "unknown" for 0 or an out-of-range value.  Never NULL.
 */
const char	*suite_proto_name(unsigned int);
const char	*suite_kx_name(unsigned int);
const char	*suite_au_name(unsigned int);
const char	*suite_enc_name(unsigned int);
const char	*suite_mac_name(unsigned int);
const char	*suite_hash_name(unsigned int);

/*
 * suite_prf_hash is the hash the key schedule really used: the suite's
 * own (TLS 1.2, TLS 1.3) or H_MD5_SHA1 for a connection that negotiated
 * SSLv3, TLS 1.0 or TLS 1.1 (RFC 2246, 5; RFC 4346, 5; RFC 6101, 6.2.2),
 * whatever the suite says. "version" 0: not known, the suite's hash.
 */
unsigned int	 suite_prf_hash(const struct suite *, uint16_t);

/*
 * suite_fs is true when the key exchange is ephemeral: DHE, ECDHE (also
 * with PSK or anonymous), the ephemeral PAKEs (SRP, ECCPWD, ECJPAKE),
 * CECPQ1, and every TLS 1.3 suite.  False for NULL.
 */
bool		 suite_fs(const struct suite *);

/* suite_aead is true when the cipher authenticates (MAC_AEAD). */
bool		 suite_aead(const struct suite *);

/*
 * suite_strength grades a suite; the first rule that matches wins:
 *  unknown:  NULL, signalling values (TLS_EMPTY_RENEGOTIATION_INFO_SCSV,
 *            TLS_FALLBACK_SCSV);
 *  insecure: NULL encryption, anonymous, EXPORT, RC4, RC2, DES, 3DES,
 *            IDEA, FORTEZZA (80-bit Skipjack), MD5 MAC;
 *  secure:   every TLS 1.3 suite (CCM_8 included);
 *  weak:     no AEAD (CBC and stream suites), no forward secrecy (static
 *            RSA, static (EC)DH, plain PSK, RSA_PSK), CCM_8 (64-bit tag);
 *  secure:   the rest: AEAD with forward secrecy.
 */
enum suite_strength suite_strength(const struct suite *);

/* "insecure", "weak", "secure" or "unknown"; never NULL. */
const char	*suite_strength_name(enum suite_strength);

/*
 * suite_sslv2_name names a 3-byte SSLv2 CIPHER-SPEC, or returns NULL.
 * Specs whose first byte is 0 are TLS suites (RFC 6101, E.1): look up the
 * low 16 bits with suite_name; 0x000000 itself is SSL_CK_NULL_WITH_MD5.
 */
const char	*suite_sslv2_name(uint32_t);

/*
 * Names in the IANA registries (the data/ TSV files note exceptions); NULL
 * when unknown.  Groups, signature schemes and extensions answer "GREASE" for
 * the RFC 8701 values.
 */
const char	*suite_group_name(uint16_t);
const char	*suite_sigalg_name(uint16_t);
const char	*suite_ext_name(uint16_t);
const char	*suite_alert_name(uint8_t);
const char	*suite_hs_name(uint8_t);

/*
 * suite_version_name names a protocol version: "SSLv2" (0x0002), "SSLv3",
 * "TLSv1.0" .. "TLSv1.3", "TLSv1.3-draft-NN" (0x7f00 to 0x7f1c, the
 * drafts), "DTLSv1.0", "DTLSv1.2", "DTLSv1.3", "GREASE"; anything else is
 * written as "0x%04x" into "buf", which is returned.  Never NULL.
 */
const char	*suite_version_name(uint16_t, char buf[16]);

#endif /* TLSHAKE_DISSECT_SUITE_H */
