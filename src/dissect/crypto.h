/*
 * crypto.h: small libcrypto wrappers (hashes) for the rest of the project.
 * libcrypto types never leave crypto.c and cert.c (STYLE.md, section 4).
 */
#ifndef TLSHAKE_DISSECT_CRYPTO_H
#define TLSHAKE_DISSECT_CRYPTO_H

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

#endif /* TLSHAKE_DISSECT_CRYPTO_H */
