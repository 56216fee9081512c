/*
 * crypto.h: libcrypto wrappers for the rest of the project: hashes, the
 * TLS key schedules and record ciphers.
 * libcrypto types never leave crypto.c and cert.c (STYLE.md, section 4).
 */
#ifndef TLSHAKE_DISSECT_CRYPTO_H
#define TLSHAKE_DISSECT_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * crypto_md5_hex writes the MD5 of "p".."len" as 32 lower-case hex digits
 * and a NUL into "out" (for JA3). Hash failures are not input-driven (MD5
 * is in the default provider); should one happen "out" is left empty.
 */
void	crypto_md5_hex(const void *, size_t, char[33]);
/* crypto_sha256 writes the SHA-256 of "p".."len" (zeros on failure). */
void	crypto_sha256(const void *, size_t, uint8_t[32]);
/* crypto_sha256_hex writes the SHA-256 as 64 lower-case hex digits. */
void	crypto_sha256_hex(const void *, size_t, char[65]);
/* crypto_sha256_hex12 writes the first 12 hex digits of it (for JA4). */
void	crypto_sha256_hex12(const void *, size_t, char[13]);

/*
 * Record protection and key schedules (RFC 8446, 5.2 and 7; RFC 5246, 5,
 * 6.2.3 and 6.3; RFC 2246, 5; RFC 6101, 5.2.3 and 6.2.2). The cipher
 * contexts are opaque: libcrypto types stay in this file.
 */
enum crypto_md {
	CMD_NONE = 0, CMD_MD5, CMD_SHA1, CMD_SHA256, CMD_SHA384,
	CMD_MD5_SHA1		/* the TLS 1.0/1.1 PRF's pair */
};

/* crypto_md_len is the output length of "md" in bytes (0 for CMD_NONE). */
size_t	crypto_md_len(enum crypto_md);

/* One piece of a message to MAC or hash, in order. */
struct crypto_iov {
	const void	*p;
	size_t		 len;
};

/*
 * crypto_digest writes the hash of the concatenated pieces into "out"
 * (crypto_md_len bytes; not CMD_MD5_SHA1). False when libcrypto fails.
 */
bool	crypto_digest(enum crypto_md, uint8_t *, const struct crypto_iov *,
	    size_t);

/*
 * crypto_hkdf_extract writes HKDF-Extract(salt, ikm) (RFC 5869, 2.2), one
 * hash output long, into "out". crypto_hkdf_expand writes "out_len" bytes
 * of HKDF-Expand(prk, info) (RFC 5869, 2.3). False when libcrypto fails
 * or "out_len" is beyond 255 hash lengths.
 */
bool	crypto_hkdf_extract(enum crypto_md, uint8_t *, const uint8_t *,
	    size_t, const uint8_t *, size_t);
bool	crypto_hkdf_expand(enum crypto_md, uint8_t *, size_t,
	    const uint8_t *, size_t, const uint8_t *, size_t);
/*
 * crypto_hkdf_expand_label writes "out_len" bytes of
 * HKDF-Expand-Label(secret, label, context, out_len) (RFC 8446, 7.1):
 * "label" without its "tls13 " prefix.
 */
bool	crypto_hkdf_expand_label(enum crypto_md, uint8_t *, size_t,
	    const uint8_t *, size_t, const char *, const uint8_t *, size_t);
/*
 * crypto_hkdf_expand_label_p is crypto_hkdf_expand_label with another
 * prefix than "tls13 ": DTLS 1.3 uses "dtls13" (RFC 9147, 5.9).
 */
bool	crypto_hkdf_expand_label_p(enum crypto_md, uint8_t *, size_t,
	    const uint8_t *, size_t, const char *, const char *,
	    const uint8_t *, size_t);
/*
 * crypto_tls_prf writes "out_len" bytes of PRF(secret, label, seed): TLS
 * 1.2's P_<hash> for CMD_SHA256/CMD_SHA384 (RFC 5246, 5), TLS 1.0/1.1's
 * P_MD5 xor P_SHA1 for CMD_MD5_SHA1 (RFC 2246, 5).
 */
bool	crypto_tls_prf(enum crypto_md, uint8_t *, size_t, const uint8_t *,
	    size_t, const char *, const uint8_t *, size_t);
/*
 * crypto_ssl3_key_block writes "out_len" bytes of SSLv3's key_block
 * (RFC 6101, 6.2.2) from the 48-byte master secret and the randoms.
 */
bool	crypto_ssl3_key_block(uint8_t *, size_t, const uint8_t[48],
	    const uint8_t[32], const uint8_t[32]);
/*
 * crypto_hmac writes HMAC-<md>(key, pieces) into "out" (crypto_md_len
 * bytes). crypto_ssl3_mac writes SSLv3's MAC (RFC 6101, 5.2.3.1):
 * hash(secret + pad_2 + hash(secret + pad_1 + pieces)).
 */
bool	crypto_hmac(enum crypto_md, uint8_t *, const uint8_t *, size_t,
	    const struct crypto_iov *, size_t);
bool	crypto_ssl3_mac(enum crypto_md, uint8_t *, const uint8_t *, size_t,
	    const struct crypto_iov *, size_t);

/* Bulk ciphers tlshake can open. */
enum crypto_cipher {
	CC_NONE = 0,
	CC_NULL,		/* no encryption (MAC only) */
	CC_AES128_GCM, CC_AES256_GCM, CC_CHACHA20_POLY1305,
	CC_AES128_CCM, CC_AES256_CCM, CC_AES128_CCM8, CC_AES256_CCM8,
	CC_ARIA128_GCM, CC_ARIA256_GCM,
	CC_AES128_CBC, CC_AES256_CBC, CC_3DES_CBC, CC_DES_CBC,
	CC_CAMELLIA128_CBC, CC_CAMELLIA256_CBC, CC_ARIA128_CBC,
	CC_ARIA256_CBC, CC_SEED_CBC,
	CC_RC4_128,
	CC_IDEA_CBC, CC_RC2_CBC,
	CC_N
};

enum crypto_mode { CM_NULL, CM_AEAD, CM_CBC, CM_STREAM };

struct crypto_cipher_info {
	uint8_t		 mode;		/* enum crypto_mode */
	uint8_t		 key_len;
	uint8_t		 iv_len;	/* AEAD: fixed IV; CBC: block IV */
	uint8_t		 block;		/* CBC block size */
	uint8_t		 tag_len;	/* AEAD tag */
};

/* crypto_cipher_info returns the sizes of "cc"; NULL for CC_NONE. */
const struct crypto_cipher_info *crypto_cipher_info(enum crypto_cipher);

/*
 * crypto_cipher_available: can "cc" be keyed here? The legacy ciphers
 * (RC4, DES, IDEA, RC2, SEED) come from OpenSSL's legacy provider,
 * loaded into a library context used for nothing else; false when that
 * provider is not installed.
 */
bool	crypto_cipher_available(enum crypto_cipher);

/* A keyed cipher context (one direction's write key). */
struct crypto_key;

/*
 * crypto_key_new keys "cc" with "key" (crypto_cipher_info()->key_len
 * bytes). NULL when libcrypto does not provide the cipher (e.g. the
 * legacy provider is missing for SEED, DES, RC4). crypto_key_free(NULL)
 * is a no-op.
 */
struct crypto_key *crypto_key_new(enum crypto_cipher, const uint8_t *);
void	crypto_key_free(struct crypto_key *);
/*
 * crypto_aead_open authenticates and decrypts "in".."in_len" (ciphertext
 * then the tag) with "nonce" (12 bytes) and "aad" into "out" (in_len -
 * tag_len bytes). False when the tag does not verify or "in_len" is
 * shorter than the tag; "out" then holds nothing useful.
 */
bool	crypto_aead_open(struct crypto_key *, uint8_t *, const uint8_t *,
	    const uint8_t *, size_t, const uint8_t *, size_t);
/*
 * crypto_cbc_decrypt decrypts "len" bytes (a multiple of the block) with
 * "iv" into "out", without removing padding. crypto_stream_apply runs a
 * stream cipher on over the next "len" bytes (its state carries over).
 */
bool	crypto_cbc_decrypt(struct crypto_key *, uint8_t *, const uint8_t *,
	    const uint8_t *, size_t);
bool	crypto_stream_apply(struct crypto_key *, uint8_t *, const uint8_t *,
	    size_t);

/*
 * crypto_hp_mask writes the 16-byte mask that hides a DTLS 1.3 record
 * number (RFC 9147, 4.2.3) or a QUIC packet number (RFC 9001, 5.4):
 * AES-ECB(key, sample) for the AES suites; for ChaCha20 the cipher keyed
 * with "key", counter and nonce from the sample, run over zeros. "cc" is
 * the suite's AEAD, "key" its key length. False for other ciphers.
 */
bool	crypto_hp_mask(enum crypto_cipher, const uint8_t *,
	    const uint8_t[16], uint8_t[16]);

#endif /* TLSHAKE_DISSECT_CRYPTO_H */
