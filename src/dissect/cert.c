/*
 * cert.c: X.509 through libcrypto. The X509 lives only inside cert_parse:
 * what the model keeps is copied into the certstore entry's arena
 * (STYLE.md, section 4), so no libcrypto type leaves this file.
 *
 * Names and subjectAltName entries are wire strings: they may hold control
 * characters, escape sequences or bytes that are not UTF-8. They are kept
 * as they are (the views escape them), capped at LIM_STR bytes.
 *
 * Chains are verified as a browser would, at the capture time and for
 * the SNI, against one trust store loaded at start-up (cert_trust, shared
 * by the pipelines of -j N under its lock: libcrypto's hashed-directory
 * lookup adds the CA certificates it reads to the store while a chain is
 * verified); each dissector context caches the results per (chain, SNI,
 * day) in its cert_check, a table emptied when full.
 */
#include "dissect/cert.h"

#include <sys/socket.h>
#include <arpa/inet.h>

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "common/arena.h"
#include "common/cur.h"
#include "common/limits.h"
#include "dissect/crypto.h"
#include "model/certstore.h"
#include "model/conn.h"

/*
 * subjectAltName entries kept per certificate: enough for the largest
 * multi-domain certificates in use (CAs cap them at 100 to 250); more
 * only costs memory. Belongs in common/limits.h as LIM_SAN.
 */
#define CERT_MAX_SAN	256

#define ERR_TRAILING	"bytes after the certificate's DER"
#define ERR_MEM_CAP	"certificate fields past the memory cap"

/* What a fill step needs: where to copy, and whether anything was lost. */
struct fill {
	struct arena	*a;
	bool		 lost;	/* an arena allocation failed */
};

static const char *fill_bytes(struct fill *, const void *, size_t);
static const char *fill_name_line(struct fill *, const X509_NAME *);
static const char *fill_cn(struct fill *, const X509_NAME *);
static const char *fill_serial(struct fill *, const ASN1_INTEGER *);
static const char *fill_obj(struct fill *, const ASN1_OBJECT *, bool);
static const char *fill_ip(struct fill *, const ASN1_OCTET_STRING *);
static int64_t	asn1_time_unix(const ASN1_TIME *);
static void	fill_key(struct fill *, struct cert_info *, X509 *);
static void	fill_san(struct fill *, struct cert_info *, X509 *);
static void	cert_fill(struct cert *, X509 *);
static const char *ossl_reason(const char *);

/*
 * fill_bytes copies a wire string into the arena: at most LIM_STR bytes
 * (cut at a UTF-8 character boundary) and a NUL. cert_info strings carry
 * no length, so an embedded NUL becomes U+FFFD: "good.example\0.evil" must
 * not read as "good.example". Returns "" past the arena's cap.
 */
static const char *
fill_bytes(struct fill *f, const void *src, size_t len)
{
	static const uint8_t repl[3] = { 0xef, 0xbf, 0xbd };	/* U+FFFD */
	size_t n_nul = 0, back = 0, o = 0;
	struct cur in, scan;
	uint8_t ch, *out;

	cur_init(&in, src, len);
	if (len > LIM_STR) {
		/* Do not cut inside a UTF-8 sequence. */
		while (back < 3 && cur_peek_at_u8(&in, LIM_STR - back, &ch) &&
		    (ch & 0xc0) == 0x80)
			back++;
		(void)cur_get_bytes(&in, &scan, LIM_STR - back);
		in = scan;
	}
	scan = in;
	while (cur_get_u8(&scan, &ch))
		if (ch == 0)
			n_nul++;
	if ((out = arena_alloc(f->a, cur_len(&in) + 2 * n_nul + 1)) == NULL) {
		f->lost = true;
		return "";
	}
	while (cur_get_u8(&in, &ch)) {
		if (ch == 0) {
			memcpy(out + o, repl, sizeof(repl));
			o += sizeof(repl);
		} else
			out[o++] = ch;
	}
	out[o] = '\0';
	return (const char *)out;
}

/*
 * fill_name_line prints a Name on one line, RFC 2253 style ("CN=a,O=b",
 * most specific first), with UTF-8 kept as UTF-8. OpenSSL escapes control
 * characters as \XX there. A string that claims UTF-8 but is not valid
 * makes the UTF-8 conversion fail: it is then printed without conversion.
 */
static const char *
fill_name_line(struct fill *f, const X509_NAME *name)
{
	static const unsigned long flags[2] = {
		XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB,
		XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB &
		    ~ASN1_STRFLGS_UTF8_CONVERT,
	};
	const char *ret = "";
	char *data;
	long n = -1;
	size_t i;
	BIO *bio;

	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		goto out;
	for (i = 0; i < 2; i++) {
		(void)BIO_reset(bio);
		if (X509_NAME_print_ex(bio, name, 0, flags[i]) >= 0)
			break;
	}
	if (i < 2 && (n = BIO_get_mem_data(bio, &data)) >= 0)
		ret = fill_bytes(f, data, (size_t)n);
out:
	BIO_free(bio);
	return ret;
}

/*
 * fill_cn returns the first commonName of "name" in DER order (tshark's
 * choice, which the truth files record), as UTF-8 when its string type
 * converts, else as its raw bytes; NULL when there is none.
 */
static const char *
fill_cn(struct fill *f, const X509_NAME *name)
{
	const X509_NAME_ENTRY *ent;
	const ASN1_STRING *s;
	unsigned char *utf8 = NULL;
	const char *ret = NULL;
	int idx, n;

	if ((idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1)) < 0 ||
	    (ent = X509_NAME_get_entry(name, idx)) == NULL ||
	    (s = X509_NAME_ENTRY_get_data(ent)) == NULL)
		goto out;
	if ((n = ASN1_STRING_to_UTF8(&utf8, s)) >= 0)
		ret = fill_bytes(f, utf8, (size_t)n);
	else
		ret = fill_bytes(f, ASN1_STRING_get0_data(s),
		    (size_t)ASN1_STRING_length(s));
out:
	OPENSSL_free(utf8);
	return ret;
}

/* fill_serial returns "0x" and the serial's bytes in lower-case hex. */
static const char *
fill_serial(struct fill *f, const ASN1_INTEGER *serial)
{
	static const char hexd[] = "0123456789abcdef";
	size_t len = (size_t)ASN1_STRING_length(serial), o = 0;
	bool neg = ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER;
	struct cur in;
	uint8_t ch;
	char *out;

	if (len > (LIM_STR - 4) / 2)
		len = (LIM_STR - 4) / 2;
	cur_init(&in, ASN1_STRING_get0_data(serial), len);
	if ((out = arena_alloc(f->a, 2 * len + 5)) == NULL) {
		f->lost = true;
		return "";
	}
	if (neg)
		out[o++] = '-';
	out[o++] = '0';
	out[o++] = 'x';
	if (len == 0) {
		out[o++] = '0';
		out[o++] = '0';
	}
	while (cur_get_u8(&in, &ch)) {
		out[o++] = hexd[ch >> 4];
		out[o++] = hexd[ch & 0x0f];
	}
	out[o] = '\0';
	return out;
}

/*
 * fill_obj names an OID: its long or short name when libcrypto knows it,
 * else its dotted numbers.
 */
static const char *
fill_obj(struct fill *f, const ASN1_OBJECT *obj, bool long_name)
{
	const char *name = NULL;
	char txt[128];
	int nid, n;

	if (obj == NULL)
		return "";
	if ((nid = OBJ_obj2nid(obj)) != NID_undef)
		name = long_name ? OBJ_nid2ln(nid) : OBJ_nid2sn(nid);
	if (name != NULL)
		return fill_bytes(f, name, strlen(name));
	if ((n = OBJ_obj2txt(txt, sizeof(txt), obj, 1)) <= 0)
		return "";
	return fill_bytes(f, txt, strnlen(txt, sizeof(txt)));
}

/* fill_ip formats an iPAddress entry; other lengths print as hex. */
static const char *
fill_ip(struct fill *f, const ASN1_OCTET_STRING *ip)
{
	static const char hexd[] = "0123456789abcdef";
	size_t len = (size_t)ASN1_STRING_length(ip), o = 2;
	char txt[INET6_ADDRSTRLEN + 1], hex[2 + 2 * 32 + 1];
	uint8_t addr[16], ch;
	struct cur in;

	cur_init(&in, ASN1_STRING_get0_data(ip), len);
	if (len == 4 && cur_copy(&in, addr, 4) &&
	    inet_ntop(AF_INET, addr, txt, sizeof(txt)) != NULL)
		return fill_bytes(f, txt, strlen(txt));
	if (len == 16 && cur_copy(&in, addr, 16) &&
	    inet_ntop(AF_INET6, addr, txt, sizeof(txt)) != NULL)
		return fill_bytes(f, txt, strlen(txt));
	/* Not an address (RFC 5280, 4.2.1.6: 4 or 16 octets): show it. */
	cur_init(&in, ASN1_STRING_get0_data(ip), len > 32 ? 32 : len);
	hex[0] = '0';
	hex[1] = 'x';
	while (cur_get_u8(&in, &ch)) {
		hex[o++] = hexd[ch >> 4];
		hex[o++] = hexd[ch & 0x0f];
	}
	return fill_bytes(f, hex, o);
}

/*
 * asn1_time_unix converts UTCTime or GeneralizedTime (RFC 5280, 4.1.2.5)
 * to UNIX seconds; 0 when it does not parse.
 */
static int64_t
asn1_time_unix(const ASN1_TIME *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return (int64_t)timegm(&tm);
}

/*
 * fill_key names the subjectPublicKeyInfo algorithm and its size. A key
 * libcrypto cannot decode still gets its algorithm's short name.
 */
static void
fill_key(struct fill *f, struct cert_info *info, X509 *x)
{
	static const struct {
		const char	*ossl;	/* libcrypto key type name */
		const char	*name;	/* ours */
	} types[] = {
		{ "RSA-PSS", "RSA-PSS" }, { "RSA", "RSA" }, { "EC", "EC" },
		{ "ED25519", "ED25519" }, { "ED448", "ED448" },
		{ "DSA", "DSA" }, { "DH", "DH" }, { "DHX", "DH" },
	};
	ASN1_OBJECT *alg = NULL;
	EVP_PKEY *pk;
	size_t i;
	int bits;

	info->key_type = NULL;
	info->key_bits = 0;
	if ((pk = X509_get0_pubkey(x)) != NULL) {
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (EVP_PKEY_is_a(pk, types[i].ossl)) {
				info->key_type = types[i].name;
				break;
			}
		if ((bits = EVP_PKEY_get_bits(pk)) > 0)
			info->key_bits = (uint32_t)bits;
	}
	if (info->key_type == NULL) {
		if (X509_PUBKEY_get0_param(&alg, NULL, NULL,
		    NULL, X509_get_X509_PUBKEY(x)) != 1)
			alg = NULL;
		info->key_type = fill_obj(f, alg, false);
	}
}

/*
 * fill_san keeps the dNSName, rfc822Name, URI and iPAddress entries of
 * subjectAltName (RFC 5280, 4.2.1.6), in order, at most CERT_MAX_SAN.
 * A malformed or repeated extension leaves the list empty.
 */
static void
fill_san(struct fill *f, struct cert_info *info, X509 *x)
{
	GENERAL_NAMES *gens;
	const GENERAL_NAME *g;
	const ASN1_STRING *s;
	const char **v;
	int i, n;

	info->san = NULL;
	info->n_san = 0;
	if ((gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL,
	    NULL)) == NULL)
		goto out;
	if ((n = sk_GENERAL_NAME_num(gens)) <= 0)
		goto out;
	if ((v = arena_alloc(f->a, (size_t)(n < CERT_MAX_SAN ? n :
	    CERT_MAX_SAN) * sizeof(*v))) == NULL) {
		f->lost = true;
		goto out;
	}
	info->san = v;
	for (i = 0; i < n && info->n_san < CERT_MAX_SAN; i++) {
		g = sk_GENERAL_NAME_value(gens, i);
		switch (g->type) {
		case GEN_DNS:
		case GEN_EMAIL:
		case GEN_URI:
			s = g->d.ia5;
			v[info->n_san++] = fill_bytes(f,
			    ASN1_STRING_get0_data(s),
			    (size_t)ASN1_STRING_length(s));
			break;
		case GEN_IPADD:
			v[info->n_san++] = fill_ip(f, g->d.ip);
			break;
		default:
			break;
		}
	}
out:
	GENERAL_NAMES_free(gens);
}

/*
 * cert_fill copies what the model keeps of "x" into the entry. Cheap,
 * always-present fields come first so that a full arena loses the least.
 */
static void
cert_fill(struct cert *c, X509 *x)
{
	struct cert_info *info = cert_info_mut(c);
	struct fill f = { cert_arena(c), false };
	const X509_ALGOR *sig = NULL;
	const ASN1_OBJECT *sig_obj = NULL;

	info->serial = fill_serial(&f, X509_get0_serialNumber(x));
	info->not_before = asn1_time_unix(X509_get0_notBefore(x));
	info->not_after = asn1_time_unix(X509_get0_notAfter(x));
	X509_get0_signature(NULL, &sig, x);
	if (sig != NULL)
		X509_ALGOR_get0(&sig_obj, NULL, NULL, sig);
	info->sig_alg = fill_obj(&f, sig_obj, true);
	fill_key(&f, info, x);
	/* RFC 5280, 6.1: self-issued, and its own key verifies it. */
	info->self_signed = X509_self_signed(x, 1) == 1;
	info->is_ca = X509_check_ca(x) != 0;
	info->subject_cn = fill_cn(&f, X509_get_subject_name(x));
	info->issuer_cn = fill_cn(&f, X509_get_issuer_name(x));
	info->subject = fill_name_line(&f, X509_get_subject_name(x));
	info->issuer = fill_name_line(&f, X509_get_issuer_name(x));
	fill_san(&f, info, x);
	if (f.lost && info->error == NULL)
		info->error = ERR_MEM_CAP;
}

/* ossl_reason returns the first (deepest) reason libcrypto queued. */
static const char *
ossl_reason(const char *fallback)
{
	unsigned long e = ERR_peek_error();
	const char *r = e != 0 ? ERR_reason_error_string(e) : NULL;

	return r != NULL ? r : fallback;
}

struct cert *
cert_parse(const uint8_t *der, size_t len, const char **err)
{
	struct cert *c = NULL;
	const unsigned char *p = der;
	X509 *x = NULL;
	uint8_t sha[32];
	size_t used;

	*err = NULL;
	if (len == 0 || len > LONG_MAX) {
		*err = "empty or oversized certificate";
		return NULL;
	}
	/* Seen before: no hashing, no parsing, no OpenSSL error queue. */
	certstore_lock();
	if ((c = certstore_find_der(der, len)) != NULL) {
		certstore_unlock();
		*err = cert_info(c)->error;
		return c;
	}
	crypto_sha256(der, len, sha);
	if ((c = certstore_get(sha)) != NULL) {
		*err = cert_info(c)->error;
		goto out;
	}
	ERR_clear_error();
	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL) {
		*err = ossl_reason("invalid X.509 DER");
		goto out;
	}
	/* d2i_X509 moved "p" past what it decoded. */
	used = (size_t)(p - der);
	c = certstore_new(sha, der, len);
	if (used != len)
		cert_info_mut(c)->error = ERR_TRAILING;
	cert_fill(c, x);
	*err = cert_info(c)->error;
out:
	certstore_unlock();
	X509_free(x);
	ERR_clear_error();
	return c;
}

/* --- chain checks --------------------------------------------------- */

/* RFC 5280 has no limit; CA/Browser Forum BR 6.3.2: 398 days. */
#define LONG_VALIDITY	(398LL * 86400)
#define SOON		(30LL * 86400)

struct chain_ent {
	uint8_t		 key[32];	/* SHA-256 of chain, SNI and day */
	bool		 used;
	struct chain_result res;	/* flags: the time-free ones */
	uint16_t	 flags[LIM_CERTS_PER_MSG];
};

/*
 * The trust store. Not read-only once loaded: X509_STORE_set_default_paths
 * and --ca-path look CA certificates up in a hashed directory as chains
 * need them and add them to the store, so a verification holds "lock".
 */
struct cert_trust {
	X509_STORE	*store;		/* NULL: the defaults, not loaded yet */
	pthread_mutex_t	 lock;
};

/* The chain checks of one pipeline: the trust store and a cache. */
struct cert_check {
	struct cert_trust *trust;	/* borrowed; NULL: no verification */
	struct chain_ent *cache;
	size_t		 cache_n;
};

static X509	*x509_of(const struct cert *);
static uint16_t	 flags_fixed(X509 *, const struct cert_info *);
static void	 chain_verify(X509_STORE *, X509 **, uint32_t, const uint8_t *,
		    size_t, int64_t, struct chain_result *);

struct cert_trust *
cert_trust_new(const char *ca_file, const char *ca_path, char *err,
    size_t errlen)
{
	struct cert_trust *tr = x_calloc(1, sizeof(*tr));

	pthread_mutex_init(&tr->lock, NULL);
	/* The system's defaults wait for the first chain (trust_store):
	 * reading its bundle costs 50 ms, more than many captures. */
	if (ca_file == NULL && ca_path == NULL)
		return tr;
	if ((tr->store = X509_STORE_new()) == NULL)
		goto bad;
	if (ca_file != NULL && X509_STORE_load_file(tr->store, ca_file) !=
	    1) {
		snprintf(err, errlen, "--ca-file %s: %s; it must hold "
		    "certificates in PEM (-----BEGIN CERTIFICATE-----)",
		    ca_file, ossl_reason("no certificate in it"));
		goto bad;
	}
	if (ca_path != NULL && X509_STORE_load_path(tr->store, ca_path) !=
	    1) {
		snprintf(err, errlen, "--ca-path %s: %s", ca_path,
		    ossl_reason("cannot be used"));
		goto bad;
	}
	ERR_clear_error();
	return tr;
bad:
	ERR_clear_error();
	cert_trust_free(tr);
	return NULL;
}

void
cert_trust_free(struct cert_trust *tr)
{
	if (tr == NULL)
		return;
	X509_STORE_free(tr->store);
	pthread_mutex_destroy(&tr->lock);
	free(tr);
}

/*
 * trust_store: the store, the system's defaults read at the first call (a
 * machine without a CA bundle verifies nothing: no error); NULL when out
 * of memory. tr->lock held.
 */
static X509_STORE *
trust_store(struct cert_trust *tr)
{
	if (tr->store == NULL && (tr->store = X509_STORE_new()) != NULL)
		(void)X509_STORE_set_default_paths(tr->store);
	ERR_clear_error();
	return tr->store;
}

struct cert_check *
cert_check_new(struct cert_trust *tr)
{
	struct cert_check *ck = x_calloc(1, sizeof(*ck));

	ck->trust = tr;
	return ck;
}

void
cert_check_free(struct cert_check *ck)
{
	if (ck == NULL)
		return;
	free(ck->cache);
	free(ck);
}

static X509 *
x509_of(const struct cert *c)
{
	const unsigned char *p;
	size_t len;

	p = cert_der(c, &len);
	if (p == NULL || len == 0 || len > LONG_MAX)
		return NULL;
	return d2i_X509(NULL, &p, (long)len);
}

/* flags_fixed: what does not depend on the time nor the host. */
static uint16_t
flags_fixed(X509 *x, const struct cert_info *ci)
{
	uint16_t f = 0;
	int md = NID_undef, pk = NID_undef;

	if (ci->self_signed)
		f |= CERTF_SELF_SIGNED;
	if (ci->key_type != NULL && (strcmp(ci->key_type, "RSA") == 0 ||
	    strcmp(ci->key_type, "RSA-PSS") == 0 ||
	    strcmp(ci->key_type, "DSA") == 0) && ci->key_bits > 0 &&
	    ci->key_bits < 2048)
		f |= CERTF_WEAK_KEY;
	/* A trust anchor's own signature is not checked by anyone. */
	if (x != NULL && !ci->self_signed &&
	    OBJ_find_sigid_algs(X509_get_signature_nid(x), &md, &pk) == 1 &&
	    (md == NID_md5 || md == NID_sha1 || md == NID_md5_sha1 ||
	    md == NID_md2 || md == NID_md4))
		f |= CERTF_WEAK_SIG;
	if (!ci->is_ca) {
		if (ci->n_san == 0)
			f |= CERTF_NO_SAN;
		if (ci->not_after - ci->not_before > LONG_VALIDITY)
			f |= CERTF_LONG_VALIDITY;
	}
	return f;
}

/*
 * chain_verify runs X509_verify_cert on the leaf with the others as
 * untrusted intermediates, at "t", for the SNI; the host is also checked
 * on its own (X509_check_host), so that a wrong host shows even when the
 * chain fails first.
 */
static void
chain_verify(X509_STORE *store, X509 **x, uint32_t n, const uint8_t *sni,
    size_t sni_len, int64_t t, struct chain_result *r)
{
	STACK_OF(X509) *untrusted = NULL;
	X509_STORE_CTX *ctx = NULL;
	X509_VERIFY_PARAM *vp;
	uint32_t i;
	int rc;

	if (sni != NULL) {
		r->hostname_checked = true;
		r->hostname_match = memchr(sni, 0, sni_len) == NULL &&
		    X509_check_host(x[0], (const char *)sni, sni_len, 0,
		    NULL) == 1;
	}
	if (store == NULL)
		return;
	r->checked = true;
	r->valid = false;
	if ((untrusted = sk_X509_new_null()) == NULL ||
	    (ctx = X509_STORE_CTX_new()) == NULL) {
		r->error = "out of memory";
		goto out;
	}
	for (i = 1; i < n; i++)
		if (x[i] != NULL && !sk_X509_push(untrusted, x[i]))
			goto out;
	if (X509_STORE_CTX_init(ctx, store, x[0], untrusted) != 1) {
		r->error = "cannot start verification";
		goto out;
	}
	vp = X509_STORE_CTX_get0_param(ctx);
	X509_VERIFY_PARAM_set_time(vp, (time_t)t);
	X509_VERIFY_PARAM_set_purpose(vp, X509_PURPOSE_SSL_SERVER);
	if (sni != NULL && memchr(sni, 0, sni_len) == NULL)
		X509_VERIFY_PARAM_set1_host(vp, (const char *)sni, sni_len);
	rc = X509_verify_cert(ctx);
	r->valid = rc == 1;
	if (!r->valid)
		r->error = X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(ctx));
out:
	X509_STORE_CTX_free(ctx);
	sk_X509_free(untrusted);
	ERR_clear_error();
}

void
cert_chain_check(struct cert_check *ck, struct cert *const *certs,
    uint32_t n, const uint8_t *sni, size_t sni_len, int64_t t,
    struct chain_result *out, uint16_t *flags)
{
	X509 *x[LIM_CERTS_PER_MSG];
	struct chain_ent *ce = NULL;
	const struct cert_info *ci;
	EVP_MD_CTX *md = NULL;
	uint8_t key[32], day[8];
	uint32_t i;
	unsigned int klen = 0;
	int64_t d = t / 86400;
	size_t slot = 0, probe;
	uint16_t f;

	memset(out, 0, sizeof(*out));
	if (n == 0)
		return;
	if (n > LIM_CERTS_PER_MSG)
		n = LIM_CERTS_PER_MSG;
	memset(x, 0, sizeof(x));
	/* The cache key: each certificate's hash, the SNI and the day. */
	for (i = 0; i < 8; i++)
		day[i] = (uint8_t)((uint64_t)d >> (8 * i));
	if ((md = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1) {
		for (i = 0; i < n; i++)
			EVP_DigestUpdate(md, cert_info(certs[i])->sha256, 32);
		EVP_DigestUpdate(md, day, sizeof(day));
		EVP_DigestUpdate(md, "\0", sni != NULL ? 1 : 0);
		if (sni != NULL)
			EVP_DigestUpdate(md, sni, sni_len);
		EVP_DigestFinal_ex(md, key, &klen);
	}
	EVP_MD_CTX_free(md);
	if (klen == 32) {
		if (ck->cache == NULL)
			ck->cache = x_calloc(LIM_CHAIN_CACHE,
			    sizeof(*ck->cache));
		slot = ((size_t)key[0] << 8 | key[1]) % LIM_CHAIN_CACHE;
		for (probe = 0; probe < LIM_CHAIN_CACHE; probe++) {
			ce = &ck->cache[(slot + probe) % LIM_CHAIN_CACHE];
			if (!ce->used || memcmp(ce->key, key, 32) == 0)
				break;
		}
		if (probe == LIM_CHAIN_CACHE || (!ce->used &&
		    ck->cache_n >= LIM_CHAIN_CACHE * 3 / 4)) {
			/* Full: start again (bounded, and rare). */
			memset(ck->cache, 0, LIM_CHAIN_CACHE *
			    sizeof(*ck->cache));
			ck->cache_n = 0;
			ce = &ck->cache[slot];
		}
	}
	if (ce == NULL || !ce->used) {
		struct chain_result r;
		uint16_t ff[LIM_CERTS_PER_MSG];

		memset(&r, 0, sizeof(r));
		for (i = 0; i < n; i++) {
			x[i] = x509_of(certs[i]);
			ff[i] = flags_fixed(x[i], cert_info(certs[i]));
		}
		if (x[0] != NULL && ck->trust != NULL) {
			pthread_mutex_lock(&ck->trust->lock);
			chain_verify(trust_store(ck->trust), x, n, sni,
			    sni_len, t, &r);
			pthread_mutex_unlock(&ck->trust->lock);
		} else if (x[0] != NULL)
			chain_verify(NULL, x, n, sni, sni_len, t, &r);
		for (i = 0; i < n; i++)
			X509_free(x[i]);
		ERR_clear_error();
		if (ce == NULL) {
			*out = r;
			memcpy(flags, ff, n * sizeof(*flags));
			goto dated;
		}
		memcpy(ce->key, key, 32);
		ce->used = true;
		ce->res = r;
		memcpy(ce->flags, ff, sizeof(ff));
		ck->cache_n++;
	}
	*out = ce->res;
	memcpy(flags, ce->flags, n * sizeof(*flags));
dated:
	out->flags = 0;
	for (i = 0; i < n; i++) {
		ci = cert_info(certs[i]);
		f = flags[i];
		if (ci->not_after != 0 && t > ci->not_after)
			f |= CERTF_EXPIRED;
		else if (ci->not_after != 0 && ci->not_after - t < SOON)
			f |= CERTF_EXPIRES_SOON;
		if (t < ci->not_before)
			f |= CERTF_NOT_YET_VALID;
		if (i == 0 && out->hostname_checked && !out->hostname_match)
			f |= CERTF_HOST_MISMATCH;
		flags[i] = f;
		out->flags |= f;
	}
}

void
cert_check_hs(struct cert_check *ck, struct conn *c, struct tls_hs *hs,
    uint64_t ts)
{
	uint32_t n = hs->n_certs;
	uint16_t *flags;

	if (n == 0)
		return;
	if (n > LIM_CERTS_PER_MSG)
		n = LIM_CERTS_PER_MSG;
	if ((flags = arena_alloc(&c->arena, n * sizeof(*flags))) == NULL) {
		conn_anom(c, DIR_S2C, 0, ANOM_MEM_CAP,
		    "no room for certificate flags");
		return;
	}
	cert_chain_check(ck, hs->certs, n, hs->sni.p, hs->sni.len,
	    (int64_t)(ts / 1000000), &hs->chain, flags);
	hs->cert_flags = flags;
}
