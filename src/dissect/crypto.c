/*
 * crypto.c: message digests through libcrypto's EVP interface.
 */
#include "dissect/crypto.h"

#include <stdbool.h>
#include <string.h>

#include <openssl/evp.h>

static void	hex_lower(char *, const uint8_t *, size_t);
static bool	digest(const EVP_MD *, const void *, size_t, uint8_t *,
		    unsigned int);

enum { MD_MD5, MD_SHA256, MD_N };

/*
 * md_of fetches a digest once: EVP_md5() and friends fetch (and lock) on
 * every use in OpenSSL 3, a measurable cost per connection.
 */
static const EVP_MD *
md_of(int which)
{
	static EVP_MD *md[MD_N];
	static const char *const name[MD_N] = { "MD5", "SHA256" };

	if (md[which] == NULL)
		md[which] = EVP_MD_fetch(NULL, name[which], NULL);
	return md[which];
}

static void
hex_lower(char *out, const uint8_t *p, size_t len)
{
	static const char hexd[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hexd[p[i] >> 4];
		out[2 * i + 1] = hexd[p[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

/* digest hashes "p".."len" into "md" of "md_len" bytes; false on failure. */
static bool
digest(const EVP_MD *type, const void *p, size_t len, uint8_t *md,
    unsigned int md_len)
{
	unsigned int n = 0;

	if (type == NULL || EVP_MD_size(type) != (int)md_len ||
	    EVP_Digest(p, len, md, &n, type, NULL) != 1 || n != md_len) {
		memset(md, 0, md_len);
		return false;
	}
	return true;
}

void
crypto_md5_hex(const void *p, size_t len, char out[33])
{
	uint8_t md[16];

	if (digest(md_of(MD_MD5), p, len, md, sizeof(md)))
		hex_lower(out, md, sizeof(md));
	else
		out[0] = '\0';
}

void
crypto_sha256(const void *p, size_t len, uint8_t out[32])
{
	(void)digest(md_of(MD_SHA256), p, len, out, 32);
}

void
crypto_sha256_hex(const void *p, size_t len, char out[65])
{
	uint8_t md[32];

	crypto_sha256(p, len, md);
	hex_lower(out, md, sizeof(md));
}

void
crypto_sha256_hex12(const void *p, size_t len, char out[13])
{
	uint8_t md[32];

	crypto_sha256(p, len, md);
	hex_lower(out, md, 6);
}
