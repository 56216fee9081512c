/*
 * crypto.c: libcrypto behind plain C: message digests, the TLS key
 * schedules (HKDF, the TLS PRFs, SSLv3's key block), MACs and the record
 * ciphers, through the EVP interfaces. Algorithms are fetched once.
 */
#include "dissect/crypto.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/provider.h>

static void	hex_lower(char *, const uint8_t *, size_t);
static bool	digest(const EVP_MD *, const void *, size_t, uint8_t *,
		    unsigned int);

enum { MD_MD5, MD_SHA256, MD_N };
enum { KDF_HKDF, KDF_PRF, KDF_N };

static const EVP_MD	*md_fetch(enum crypto_md);

/*
 * md_of: a digest fetched once (md_fetch): EVP_md5() and friends fetch
 * (and lock) on every use in OpenSSL 3, a measurable cost per connection.
 */
static const EVP_MD *
md_of(int which)
{
	return md_fetch(which == MD_MD5 ? CMD_MD5 : CMD_SHA256);
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

/* --- key schedules ------------------------------------------------- */

static const char *const md_names[] = {
	[CMD_NONE] = NULL, [CMD_MD5] = "MD5", [CMD_SHA1] = "SHA1",
	[CMD_SHA256] = "SHA256", [CMD_SHA384] = "SHA384",
	[CMD_MD5_SHA1] = "MD5-SHA1",
};

/*
 * The digests, KDFs and HMAC, fetched once for every thread (-j N's
 * workers hash and derive at once): written only by fetch_all, under
 * CRYPTO_THREAD_run_once, read only after it.
 */
static CRYPTO_ONCE	 fetch_once = CRYPTO_ONCE_STATIC_INIT;
static EVP_MD		*md_cache[CMD_MD5_SHA1 + 1];
static EVP_KDF		*kdf_cache[KDF_N];
static EVP_MAC		*hmac;

static void
fetch_all(void)
{
	static const char *const kdf_names[KDF_N] = { "HKDF", "TLS1-PRF" };
	int i;

	for (i = CMD_NONE + 1; i <= CMD_MD5_SHA1; i++)
		md_cache[i] = EVP_MD_fetch(NULL, md_names[i], NULL);
	for (i = 0; i < KDF_N; i++)
		kdf_cache[i] = EVP_KDF_fetch(NULL, kdf_names[i], NULL);
	hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
}

static const EVP_MD *
md_fetch(enum crypto_md md)
{
	if ((unsigned)md > CMD_MD5_SHA1 || md == CMD_NONE ||
	    !CRYPTO_THREAD_run_once(&fetch_once, fetch_all))
		return NULL;
	return md_cache[md];
}

size_t
crypto_md_len(enum crypto_md md)
{
	switch (md) {
	case CMD_MD5:
		return 16;
	case CMD_SHA1:
		return 20;
	case CMD_SHA256:
		return 32;
	case CMD_SHA384:
		return 48;
	case CMD_MD5_SHA1:
		return 36;
	default:
		return 0;
	}
}

static EVP_KDF *
kdf_fetch(int which)
{
	if (!CRYPTO_THREAD_run_once(&fetch_once, fetch_all))
		return NULL;
	return kdf_cache[which];
}

/* kdf_run derives "out_len" bytes with "params" (a terminated list). */
static bool
kdf_run(int which, uint8_t *out, size_t out_len, const OSSL_PARAM *params)
{
	EVP_KDF *kdf = kdf_fetch(which);
	EVP_KDF_CTX *ctx;
	bool ok;

	if (kdf == NULL || (ctx = EVP_KDF_CTX_new(kdf)) == NULL)
		return false;
	ok = EVP_KDF_derive(ctx, out, out_len, params) == 1;
	EVP_KDF_CTX_free(ctx);
	return ok;
}

bool
crypto_hkdf_extract(enum crypto_md md, uint8_t *out, const uint8_t *salt,
    size_t salt_len, const uint8_t *ikm, size_t ikm_len)
{
	static const uint8_t zero[1];
	int mode = EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
	OSSL_PARAM p[5];

	if (md_fetch(md) == NULL || md == CMD_MD5_SHA1)
		return false;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)md_names[md], 0);
	p[1] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	/* RFC 5869, 2.2: an absent salt is a string of zeros; libcrypto
	 * wants a non-empty key, which HMAC pads with zeros anyway. */
	p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)(ikm_len > 0 ? ikm : zero), ikm_len > 0 ? ikm_len : 1);
	p[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)(salt_len > 0 ? salt : zero), salt_len > 0 ? salt_len : 1);
	p[4] = OSSL_PARAM_construct_end();
	return kdf_run(KDF_HKDF, out, crypto_md_len(md), p);
}

bool
crypto_hkdf_expand(enum crypto_md md, uint8_t *out, size_t out_len,
    const uint8_t *prk, size_t prk_len, const uint8_t *info, size_t info_len)
{
	static const uint8_t zero[1];
	int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
	OSSL_PARAM p[5];

	if (md_fetch(md) == NULL || md == CMD_MD5_SHA1 || prk_len == 0 ||
	    out_len == 0 || out_len > 255 * crypto_md_len(md))
		return false;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)md_names[md], 0);
	p[1] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)prk, prk_len);
	p[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    (void *)(info_len > 0 ? info : zero), info_len);
	p[4] = OSSL_PARAM_construct_end();
	return kdf_run(KDF_HKDF, out, out_len, p);
}

/*
 * RFC 8446, 7.1:
 *	struct { uint16 length = Length;
 *	    opaque label<7..255> = "tls13 " + Label;
 *	    opaque context<0..255> = Context; } HkdfLabel;
 */
bool
crypto_hkdf_expand_label(enum crypto_md md, uint8_t *out, size_t out_len,
    const uint8_t *secret, size_t secret_len, const char *label,
    const uint8_t *ctx, size_t ctx_len)
{
	return crypto_hkdf_expand_label_p(md, out, out_len, secret,
	    secret_len, "tls13 ", label, ctx, ctx_len);
}

bool
crypto_hkdf_expand_label_p(enum crypto_md md, uint8_t *out, size_t out_len,
    const uint8_t *secret, size_t secret_len, const char *prefix,
    const char *label, const uint8_t *ctx, size_t ctx_len)
{
	uint8_t info[2 + 1 + 255 + 1 + 255];
	size_t llen = strlen(label), plen = strlen(prefix), o = 0;

	if (out_len > 0xffff || plen > 255 || llen > 255 - plen ||
	    ctx_len > 255)
		return false;
	info[o++] = (uint8_t)(out_len >> 8);
	info[o++] = (uint8_t)out_len;
	info[o++] = (uint8_t)(plen + llen);
	memcpy(info + o, prefix, plen);
	o += plen;
	memcpy(info + o, label, llen);
	o += llen;
	info[o++] = (uint8_t)ctx_len;
	if (ctx_len > 0)
		memcpy(info + o, ctx, ctx_len);
	o += ctx_len;
	return crypto_hkdf_expand(md, out, out_len, secret, secret_len, info,
	    o);
}

bool
crypto_tls_prf(enum crypto_md md, uint8_t *out, size_t out_len,
    const uint8_t *secret, size_t secret_len, const char *label,
    const uint8_t *seed, size_t seed_len)
{
	uint8_t ls[64 + 128];
	size_t llen = strlen(label);
	OSSL_PARAM p[4];

	if ((md != CMD_MD5_SHA1 && md != CMD_SHA256 && md != CMD_SHA384) ||
	    llen > 64 || seed_len > 128 || md_fetch(md) == NULL)
		return false;
	/* RFC 5246, 5: PRF(secret, label, seed) = P_<hash>(secret,
	 * label + seed). */
	memcpy(ls, label, llen);
	if (seed_len > 0)
		memcpy(ls + llen, seed, seed_len);
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)md_names[md], 0);
	p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
	    (void *)secret, secret_len);
	p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, ls,
	    llen + seed_len);
	p[3] = OSSL_PARAM_construct_end();
	return kdf_run(KDF_PRF, out, out_len, p);
}

/* md_pieces hashes the concatenation of "iov" into "out". */
static bool
md_pieces(enum crypto_md md, uint8_t *out, const struct crypto_iov *iov,
    size_t n)
{
	const EVP_MD *type = md_fetch(md);
	EVP_MD_CTX *ctx;
	bool ok;
	size_t i;

	if (type == NULL || (ctx = EVP_MD_CTX_new()) == NULL)
		return false;
	ok = EVP_DigestInit_ex(ctx, type, NULL) == 1;
	for (i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, iov[i].p, iov[i].len) == 1;
	ok = ok && EVP_DigestFinal_ex(ctx, out, NULL) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}

bool
crypto_digest(enum crypto_md md, uint8_t *out, const struct crypto_iov *iov,
    size_t n)
{
	return md != CMD_MD5_SHA1 && md_pieces(md, out, iov, n);
}

/*
 * RFC 6101, 6.2.2:
 *	key_block = MD5(master_secret + SHA('A' + master_secret +
 *	    ServerHello.random + ClientHello.random)) +
 *	  MD5(master_secret + SHA('BB' + master_secret + ...)) + ...
 */
bool
crypto_ssl3_key_block(uint8_t *out, size_t out_len, const uint8_t ms[48],
    const uint8_t cr[32], const uint8_t sr[32])
{
	uint8_t letters[26], sha[20], md5[16];
	struct crypto_iov iov[4];
	size_t i, o = 0, take;

	if (out_len > 26 * sizeof(md5))
		return false;
	for (i = 0; o < out_len; i++) {
		memset(letters, 'A' + (int)i, i + 1);
		iov[0] = (struct crypto_iov){ letters, i + 1 };
		iov[1] = (struct crypto_iov){ ms, 48 };
		iov[2] = (struct crypto_iov){ sr, 32 };
		iov[3] = (struct crypto_iov){ cr, 32 };
		if (!md_pieces(CMD_SHA1, sha, iov, 4))
			return false;
		iov[0] = (struct crypto_iov){ ms, 48 };
		iov[1] = (struct crypto_iov){ sha, sizeof(sha) };
		if (!md_pieces(CMD_MD5, md5, iov, 2))
			return false;
		take = out_len - o < sizeof(md5) ? out_len - o : sizeof(md5);
		memcpy(out + o, md5, take);
		o += take;
	}
	return true;
}

bool
crypto_hmac(enum crypto_md md, uint8_t *out, const uint8_t *key,
    size_t key_len, const struct crypto_iov *iov, size_t n)
{
	EVP_MAC *mac;
	EVP_MAC_CTX *ctx;
	OSSL_PARAM p[2];
	size_t i, olen = 0;
	bool ok;

	if (md == CMD_MD5_SHA1 || md_fetch(md) == NULL)
		return false;
	if ((mac = hmac) == NULL)
		return false;
	if ((ctx = EVP_MAC_CTX_new(mac)) == NULL)
		return false;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)md_names[md], 0);
	p[1] = OSSL_PARAM_construct_end();
	ok = EVP_MAC_init(ctx, key, key_len, p) == 1;
	for (i = 0; ok && i < n; i++)
		ok = EVP_MAC_update(ctx, iov[i].p, iov[i].len) == 1;
	ok = ok && EVP_MAC_final(ctx, out, &olen, crypto_md_len(md)) == 1 &&
	    olen == crypto_md_len(md);
	EVP_MAC_CTX_free(ctx);
	return ok;
}

bool
crypto_ssl3_mac(enum crypto_md md, uint8_t *out, const uint8_t *secret,
    size_t secret_len, const struct crypto_iov *iov, size_t n)
{
	/* RFC 6101, 5.2.3.1: 48 bytes of pad for MD5, 40 for SHA. */
	uint8_t pad1[48], pad2[48], inner[20];
	struct crypto_iov in[8];
	size_t padn = md == CMD_MD5 ? 48 : 40, i;

	if ((md != CMD_MD5 && md != CMD_SHA1) || n > 6)
		return false;
	memset(pad1, 0x36, sizeof(pad1));
	memset(pad2, 0x5c, sizeof(pad2));
	in[0] = (struct crypto_iov){ secret, secret_len };
	in[1] = (struct crypto_iov){ pad1, padn };
	for (i = 0; i < n; i++)
		in[2 + i] = iov[i];
	if (!md_pieces(md, inner, in, 2 + n))
		return false;
	in[1] = (struct crypto_iov){ pad2, padn };
	in[2] = (struct crypto_iov){ inner, crypto_md_len(md) };
	return md_pieces(md, out, in, 3);
}

/* --- record ciphers ------------------------------------------------ */

struct cipher_def {
	const char			*name;	/* libcrypto's */
	struct crypto_cipher_info	 info;
	bool				 ccm;
};

static const struct cipher_def ciphers[CC_N] = {
	[CC_NONE] = { NULL, { 0, 0, 0, 0, 0 }, false },
	[CC_NULL] = { NULL, { CM_NULL, 0, 0, 0, 0 }, false },
	[CC_AES128_GCM] = { "AES-128-GCM", { CM_AEAD, 16, 4, 0, 16 }, false },
	[CC_AES256_GCM] = { "AES-256-GCM", { CM_AEAD, 32, 4, 0, 16 }, false },
	[CC_CHACHA20_POLY1305] = { "ChaCha20-Poly1305",
	    { CM_AEAD, 32, 12, 0, 16 }, false },
	[CC_AES128_CCM] = { "AES-128-CCM", { CM_AEAD, 16, 4, 0, 16 }, true },
	[CC_AES256_CCM] = { "AES-256-CCM", { CM_AEAD, 32, 4, 0, 16 }, true },
	[CC_AES128_CCM8] = { "AES-128-CCM", { CM_AEAD, 16, 4, 0, 8 }, true },
	[CC_AES256_CCM8] = { "AES-256-CCM", { CM_AEAD, 32, 4, 0, 8 }, true },
	[CC_ARIA128_GCM] = { "ARIA-128-GCM", { CM_AEAD, 16, 4, 0, 16 },
	    false },
	[CC_ARIA256_GCM] = { "ARIA-256-GCM", { CM_AEAD, 32, 4, 0, 16 },
	    false },
	[CC_AES128_CBC] = { "AES-128-CBC", { CM_CBC, 16, 16, 16, 0 }, false },
	[CC_AES256_CBC] = { "AES-256-CBC", { CM_CBC, 32, 16, 16, 0 }, false },
	[CC_3DES_CBC] = { "DES-EDE3-CBC", { CM_CBC, 24, 8, 8, 0 }, false },
	[CC_DES_CBC] = { "DES-CBC", { CM_CBC, 8, 8, 8, 0 }, false },
	[CC_CAMELLIA128_CBC] = { "CAMELLIA-128-CBC",
	    { CM_CBC, 16, 16, 16, 0 }, false },
	[CC_CAMELLIA256_CBC] = { "CAMELLIA-256-CBC",
	    { CM_CBC, 32, 16, 16, 0 }, false },
	[CC_ARIA128_CBC] = { "ARIA-128-CBC", { CM_CBC, 16, 16, 16, 0 },
	    false },
	[CC_ARIA256_CBC] = { "ARIA-256-CBC", { CM_CBC, 32, 16, 16, 0 },
	    false },
	[CC_SEED_CBC] = { "SEED-CBC", { CM_CBC, 16, 16, 16, 0 }, false },
	[CC_RC4_128] = { "RC4", { CM_STREAM, 16, 0, 0, 0 }, false },
	[CC_IDEA_CBC] = { "IDEA-CBC", { CM_CBC, 16, 8, 8, 0 }, false },
	[CC_RC2_CBC] = { "RC2-CBC", { CM_CBC, 16, 8, 8, 0 }, false },
};

/*
 * OpenSSL 3 keeps RC4, DES, IDEA, RC2 and SEED in its legacy provider.
 * They are fetched from a library context of their own that loads it, so
 * that nothing else in the process (certificate checks, hashes, the
 * default context's users) can start using legacy algorithms. The
 * context is made once, never changed after, and safe to fetch from in
 * any thread (CRYPTO_THREAD_run_once).
 */
static CRYPTO_ONCE	 legacy_once = CRYPTO_ONCE_STATIC_INIT;
static OSSL_LIB_CTX	*legacy_ctx;

static void
legacy_load(void)
{
	OSSL_LIB_CTX *lc;

	if ((lc = OSSL_LIB_CTX_new()) == NULL)
		return;
	if (OSSL_PROVIDER_load(lc, "legacy") == NULL ||
	    OSSL_PROVIDER_load(lc, "default") == NULL) {
		OSSL_LIB_CTX_free(lc);
		return;
	}
	legacy_ctx = lc;
}

/* cipher_fetch: the default context's cipher, else the legacy one's. */
static EVP_CIPHER *
cipher_fetch(const char *name)
{
	EVP_CIPHER *c;

	ERR_set_mark();
	c = EVP_CIPHER_fetch(NULL, name, NULL);
	if (c == NULL && CRYPTO_THREAD_run_once(&legacy_once, legacy_load) &&
	    legacy_ctx != NULL)
		c = EVP_CIPHER_fetch(legacy_ctx, name, NULL);
	ERR_pop_to_mark();
	return c;
}

bool
crypto_cipher_available(enum crypto_cipher cc)
{
	EVP_CIPHER *c;

	if ((unsigned)cc >= CC_N || cc == CC_NONE)
		return false;
	if (cc == CC_NULL)
		return true;
	if ((c = cipher_fetch(ciphers[cc].name)) == NULL)
		return false;
	EVP_CIPHER_free(c);
	return true;
}

struct crypto_key {
	enum crypto_cipher	 cc;
	EVP_CIPHER		*cipher;
	EVP_CIPHER_CTX		*ctx;
	uint8_t			 key[32];
};

const struct crypto_cipher_info *
crypto_cipher_info(enum crypto_cipher cc)
{
	if ((unsigned)cc >= CC_N || cc == CC_NONE)
		return NULL;
	return &ciphers[cc].info;
}

struct crypto_key *
crypto_key_new(enum crypto_cipher cc, const uint8_t *key)
{
	const struct cipher_def *d;
	struct crypto_key *k;

	if ((unsigned)cc >= CC_N || cc == CC_NONE || cc == CC_NULL)
		return NULL;
	d = &ciphers[cc];
	if ((k = calloc(1, sizeof(*k))) == NULL)
		return NULL;
	k->cc = cc;
	memcpy(k->key, key, d->info.key_len);
	if ((k->cipher = cipher_fetch(d->name)) == NULL ||
	    (k->ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto bad;
	/* A stream cipher keeps its state from record to record. */
	if (d->info.mode == CM_STREAM &&
	    EVP_DecryptInit_ex2(k->ctx, k->cipher, k->key, NULL, NULL) != 1)
		goto bad;
	return k;
bad:
	crypto_key_free(k);
	return NULL;
}

void
crypto_key_free(struct crypto_key *k)
{
	if (k == NULL)
		return;
	EVP_CIPHER_CTX_free(k->ctx);
	EVP_CIPHER_free(k->cipher);
	OPENSSL_cleanse(k->key, sizeof(k->key));
	free(k);
}

bool
crypto_aead_open(struct crypto_key *k, uint8_t *out, const uint8_t *nonce,
    const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t in_len)
{
	const struct cipher_def *d = &ciphers[k->cc];
	size_t tag = d->info.tag_len, ct_len;
	int n = 0, fin = 0;
	OSSL_PARAM p[3];
	uint8_t tagbuf[16], dummy[16];

	if (d->info.mode != CM_AEAD || in_len < tag || in_len - tag > INT_MAX)
		return false;
	ct_len = in_len - tag;
	memcpy(tagbuf, in + ct_len, tag);
	if (EVP_DecryptInit_ex2(k->ctx, k->cipher, NULL, NULL, NULL) != 1)
		return false;
	{
		size_t ivlen = 12;

		p[0] = OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN,
		    &ivlen);
		/* CCM takes the expected tag before the key; GCM and
		 * ChaCha20-Poly1305 at the end. */
		p[1] = d->ccm ? OSSL_PARAM_construct_octet_string(
		    OSSL_CIPHER_PARAM_AEAD_TAG, tagbuf, tag) :
		    OSSL_PARAM_construct_end();
		p[2] = OSSL_PARAM_construct_end();
		if (EVP_CIPHER_CTX_set_params(k->ctx, p) != 1)
			return false;
	}
	if (EVP_DecryptInit_ex2(k->ctx, NULL, k->key, nonce, NULL) != 1)
		return false;
	/* RFC 3610: CCM needs the length first. */
	if (d->ccm && EVP_DecryptUpdate(k->ctx, NULL, &n, NULL,
	    (int)ct_len) != 1)
		return false;
	if (aad_len > 0 && EVP_DecryptUpdate(k->ctx, NULL, &n, aad,
	    (int)aad_len) != 1)
		return false;
	if (d->ccm)
		/* The tag is checked by this update. */
		return EVP_DecryptUpdate(k->ctx, ct_len > 0 ? out : dummy, &n,
		    ct_len > 0 ? in : dummy, (int)ct_len) == 1;
	if (ct_len > 0 && EVP_DecryptUpdate(k->ctx, out, &n, in,
	    (int)ct_len) != 1)
		return false;
	p[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
	    tagbuf, tag);
	p[1] = OSSL_PARAM_construct_end();
	if (EVP_CIPHER_CTX_set_params(k->ctx, p) != 1)
		return false;
	return EVP_DecryptFinal_ex(k->ctx, out + ct_len, &fin) == 1;
}

bool
crypto_cbc_decrypt(struct crypto_key *k, uint8_t *out, const uint8_t *iv,
    const uint8_t *in, size_t len)
{
	const struct cipher_def *d = &ciphers[k->cc];
	int n = 0;

	if (d->info.mode != CM_CBC || len % d->info.block != 0 ||
	    len > INT_MAX)
		return false;
	if (EVP_DecryptInit_ex2(k->ctx, k->cipher, k->key, iv, NULL) != 1 ||
	    EVP_CIPHER_CTX_set_padding(k->ctx, 0) != 1)
		return false;
	return len == 0 || EVP_DecryptUpdate(k->ctx, out, &n, in,
	    (int)len) == 1;
}

bool
crypto_stream_apply(struct crypto_key *k, uint8_t *out, const uint8_t *in,
    size_t len)
{
	int n = 0;

	if (ciphers[k->cc].info.mode != CM_STREAM || len > INT_MAX)
		return false;
	return len == 0 || EVP_DecryptUpdate(k->ctx, out, &n, in,
	    (int)len) == 1;
}

bool
crypto_hp_mask(enum crypto_cipher cc, const uint8_t *key,
    const uint8_t sample[16], uint8_t mask[16])
{
	static const uint8_t zero[16];
	const char *name;
	EVP_CIPHER *ci = NULL;
	EVP_CIPHER_CTX *ctx = NULL;
	const uint8_t *iv = NULL, *in = sample;
	int n = 0;
	bool ok = false;

	switch (cc) {
	case CC_AES128_GCM:
	case CC_AES128_CCM:
	case CC_AES128_CCM8:
		name = "AES-128-ECB";
		break;
	case CC_AES256_GCM:
	case CC_AES256_CCM:
	case CC_AES256_CCM8:
		name = "AES-256-ECB";
		break;
	case CC_CHACHA20_POLY1305:
		/* RFC 9001, 5.4.4: the sample is the counter and nonce as
		 * OpenSSL's ChaCha20 takes its 16-byte IV. */
		name = "ChaCha20";
		iv = sample;
		in = zero;
		break;
	default:
		return false;
	}
	if ((ci = EVP_CIPHER_fetch(NULL, name, NULL)) == NULL ||
	    (ctx = EVP_CIPHER_CTX_new()) == NULL ||
	    EVP_EncryptInit_ex2(ctx, ci, key, iv, NULL) != 1 ||
	    EVP_CIPHER_CTX_set_padding(ctx, 0) != 1 ||
	    EVP_EncryptUpdate(ctx, mask, &n, in, 16) != 1 || n != 16)
		goto out;
	ok = true;
out:
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(ci);
	return ok;
}
