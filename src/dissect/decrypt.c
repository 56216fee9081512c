/*
 * decrypt.c: record protection undone with logged secrets (RFC 8446, 5.2
 * and 7; RFC 5246, 6.2.3 and 6.3; RFC 4346, 6.2.3.2; RFC 2246, 6.2.3;
 * RFC 6101, 5.2.3; RFC 7366; RFC 7905; RFC 6655). libcrypto is reached
 * only through crypto.h.
 *
 * Each direction has the keys in use ("cur"), the keys its next
 * ChangeCipherSpec brings (TLS <= 1.2, "pend"), and for TLS 1.3 the
 * client's handshake keys while it still sends early data ("next") and
 * the application traffic secrets for after each Finished.
 */
#include "dissect/decrypt.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/limits.h"
#include "dissect/crypto.h"
#include "dissect/dtls.h"
#include "dissect/hs.h"
#include "dissect/keylog.h"
#include "dissect/suite.h"

/* One direction's keys. */
struct dec_keys {
	struct crypto_key *key;		/* NULL for the NULL cipher */
	uint8_t		 cc;		/* enum crypto_cipher; 0: unset */
	uint8_t		 mac_md;	/* enum crypto_md; 0 for AEAD */
	uint8_t		 mac_len;
	uint8_t		 iv_len;
	bool		 etm;		/* RFC 7366 negotiated for them */
	bool		 unverified;	/* NULL cipher without keys: the MAC
					   is stripped, not checked */
	uint8_t		 mac_key[48];
	uint8_t		 iv[16];	/* fixed IV, or TLS 1.0's chain */
	uint8_t		 sn[32];	/* DTLS 1.3 record number key */
	/* TLS 1.3: the traffic secret, for KeyUpdate */
	uint8_t		 hash;		/* enum crypto_md */
	uint8_t		 secret_len;
	uint8_t		 secret[KL_SECRET_MAX];
};

struct dec_dir {
	struct dec_keys	 cur, pend, next;
	uint64_t	 seq;
	uint16_t	 epoch;		/* DTLS 1.3: of the keys in "cur" */
	bool		 failed;	/* an authentication failure: off */
	bool		 tolerant;	/* TLS 1.3 client: skip records that
					   fail until one opens (0-RTT data
					   under keys we lack) */
	uint8_t		 ap_len;	/* TLS 1.3 application secret */
	uint8_t		 ap[KL_SECRET_MAX];
	uint8_t		 n_trial;	/* early data: suites to try */
	uint8_t		 trial[4];	/* enum crypto_cipher */
};

struct dec_state {
	struct dec_dir	 d[2];
	uint16_t	 version;	/* of the keys in "cur" and "pend";
					   DTLS: the TLS version it is based on */
	bool		 dtls;		/* labels "dtls13", epochs in nonces */
	/* Live: the client may write its secrets just after the packet
	 * that needed them was read. Until a direction passed a protected
	 * record, they are looked for again. */
	bool		 want;
	uint32_t	 want_hs;	/* the handshake without keys */
	uint32_t	 seen[2];	/* protected records passed since */
};

static struct dec_state *dec_state(struct tls_state *);
static void	keys_clear(struct dec_keys *);
static enum crypto_cipher cc_of(const struct suite *);
static enum crypto_md md_of_hash(uint8_t);
static bool	keys13(struct dec_keys *, bool, enum crypto_cipher,
		    enum crypto_md, const uint8_t *, size_t);
static void	keys_take(struct dec_dir *, struct dec_keys *);
static void	nonce13(const struct dec_keys *, uint64_t, uint8_t[12]);
static bool	open13(uint8_t *, struct dec_dir *, const struct rec_hdr *,
		    const struct cur *, struct cur *, uint8_t *, bool *);
static bool	open12(uint8_t *, struct dec_state *, struct dec_dir *,
		    uint64_t, const struct rec_hdr *, const struct cur *,
		    struct cur *);
static bool	inner13(const uint8_t *, size_t, struct cur *, uint8_t *,
		    bool *);
static enum dec_res dec_opened(struct conn *, struct tls_state *, enum dir,
		    uint32_t, uint8_t, bool);
static bool	mac12(const struct dec_state *, const struct dec_keys *,
		    uint64_t, uint8_t, uint16_t, const uint8_t *, size_t,
		    uint8_t *);
static bool	strip_pad(const struct cur *, size_t, bool, size_t *);
static void	retry(struct conn *, struct tls_state *, enum dir);
static void	unsupported(struct conn *, struct tls_state *,
		    const struct tls_hs *);
static size_t	export_material(const struct suite *);
static enum crypto_md mac_md(const struct suite *);
static void	null_keys(struct tls_state *, const struct tls_hs *,
		    const struct suite *);
static bool	export_keys(uint16_t, const struct crypto_cipher_info *,
		    const uint8_t *, size_t, const struct tls_hs *,
		    uint8_t[2][16], uint8_t[2][16]);

static struct dec_state *
dec_state(struct tls_state *st)
{
	if (st->dec == NULL)
		st->dec = x_calloc(1, sizeof(*st->dec));
	return st->dec;
}

static void
keys_clear(struct dec_keys *k)
{
	crypto_key_free(k->key);
	memset(k, 0, sizeof(*k));
}

void
dec_free(struct tls_state *st)
{
	struct dec_state *ds = st->dec;
	int i;

	if (ds == NULL)
		return;
	for (i = 0; i < 2; i++) {
		keys_clear(&ds->d[i].cur);
		keys_clear(&ds->d[i].pend);
		keys_clear(&ds->d[i].next);
	}
	memset(ds, 0, sizeof(*ds));
	free(ds);
	st->dec = NULL;
}

static enum crypto_cipher
cc_of(const struct suite *s)
{
	static const struct {
		uint8_t	enc;
		uint8_t	cc;
	} map[] = {
		{ ENC_NULL, CC_NULL }, { ENC_RC4_128, CC_RC4_128 },
		{ ENC_DES_CBC, CC_DES_CBC }, { ENC_3DES_EDE_CBC, CC_3DES_CBC },
		{ ENC_AES128_CBC, CC_AES128_CBC },
		{ ENC_AES256_CBC, CC_AES256_CBC },
		{ ENC_AES128_GCM, CC_AES128_GCM },
		{ ENC_AES256_GCM, CC_AES256_GCM },
		{ ENC_AES128_CCM, CC_AES128_CCM },
		{ ENC_AES256_CCM, CC_AES256_CCM },
		{ ENC_AES128_CCM8, CC_AES128_CCM8 },
		{ ENC_AES256_CCM8, CC_AES256_CCM8 },
		{ ENC_CHACHA20_POLY1305, CC_CHACHA20_POLY1305 },
		{ ENC_CAMELLIA128_CBC, CC_CAMELLIA128_CBC },
		{ ENC_CAMELLIA256_CBC, CC_CAMELLIA256_CBC },
		{ ENC_ARIA128_CBC, CC_ARIA128_CBC },
		{ ENC_ARIA256_CBC, CC_ARIA256_CBC },
		{ ENC_ARIA128_GCM, CC_ARIA128_GCM },
		{ ENC_ARIA256_GCM, CC_ARIA256_GCM },
		{ ENC_SEED_CBC, CC_SEED_CBC }, { ENC_IDEA_CBC, CC_IDEA_CBC },
		/* export: 40/56-bit key material expanded (export_keys) */
		{ ENC_RC4_40, CC_RC4_128 }, { ENC_RC4_56, CC_RC4_128 },
		{ ENC_RC2_CBC_40, CC_RC2_CBC }, { ENC_RC2_CBC_56, CC_RC2_CBC },
		{ ENC_DES40_CBC, CC_DES_CBC },
	};
	size_t i;

	if (s == NULL)
		return CC_NONE;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].enc == s->enc)
			return (enum crypto_cipher)map[i].cc;
	return CC_NONE;
}

static enum crypto_md
md_of_hash(uint8_t h)
{
	return h == H_SHA384 ? CMD_SHA384 : h == H_SHA256 ? CMD_SHA256 :
	    CMD_NONE;
}

bool
dec_secret(const struct tls_state *st, const struct tls_hs *hs, int kind,
    uint8_t *out, size_t *len, enum crypto_cipher *cc, enum crypto_md *md)
{
	const struct keylog_entry *e;
	const struct suite *s = suite_find(hs->suite);
	struct keylog *kl = st->ctx->keylog;

	if (kl == NULL || s == NULL || kind < 0 || kind >= KL_N ||
	    !(hs->flags & HSF_HAS_SUITE) || s->proto != P_TLS13 ||
	    (*cc = cc_of(s)) == CC_NONE || !crypto_cipher_available(*cc) ||
	    (*md = md_of_hash(s->hash)) == CMD_NONE ||
	    (e = keylog_find(kl, hs->client_random)) == NULL ||
	    !(e->have & (1u << kind)))
		return false;
	*len = e->len[kind];
	memcpy(out, e->secret[kind], e->len[kind]);
	return true;
}

/*
 * keys13 makes TLS 1.3 traffic keys (RFC 8446, 7.3):
 *	[sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *	[sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 * DTLS 1.3 (RFC 9147, 4.2.3 and 5.9) labels them "dtls13" and adds
 *	[sender]_sn_key    = HKDF-Expand-Label(Secret, "sn", "", key_length)
 */
static bool
keys13(struct dec_keys *k, bool dtls, enum crypto_cipher cc,
    enum crypto_md md, const uint8_t *secret, size_t len)
{
	const struct crypto_cipher_info *ci = crypto_cipher_info(cc);
	const char *pre = dtls ? "dtls13" : "tls13 ";
	uint8_t key[32];

	keys_clear(k);
	if (ci == NULL || ci->mode != CM_AEAD || len != crypto_md_len(md) ||
	    len > sizeof(k->secret))
		return false;
	if (!crypto_hkdf_expand_label_p(md, key, ci->key_len, secret, len,
	    pre, "key", NULL, 0) || !crypto_hkdf_expand_label_p(md, k->iv, 12,
	    secret, len, pre, "iv", NULL, 0) || (dtls &&
	    !crypto_hkdf_expand_label_p(md, k->sn, ci->key_len, secret, len,
	    pre, "sn", NULL, 0)) ||
	    (k->key = crypto_key_new(cc, key)) == NULL) {
		keys_clear(k);
		return false;
	}
	memset(key, 0, sizeof(key));
	k->cc = (uint8_t)cc;
	k->iv_len = 12;
	k->hash = (uint8_t)md;
	k->secret_len = (uint8_t)len;
	memcpy(k->secret, secret, len);
	return true;
}

/* keys_take makes "k" the direction's keys from its next record on. */
static void
keys_take(struct dec_dir *d, struct dec_keys *k)
{
	keys_clear(&d->cur);
	d->cur = *k;
	memset(k, 0, sizeof(*k));
	d->seq = 0;
}

/* RFC 8446, 5.3: the 64-bit sequence number, left-padded, XOR the IV. */
static void
nonce13(const struct dec_keys *k, uint64_t seq, uint8_t nonce[12])
{
	int i;

	memcpy(nonce, k->iv, 12);
	for (i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
}

/*
 * dec_client_hello: a client offering early data (RFC 8446, 4.2.10)
 * sends it under client_early_traffic_secret before any ServerHello. The
 * suite is the resumed session's, not yet known: the secret's length
 * names the hash, and the first record is tried with each offered suite
 * of that hash.
 */
void
dec_client_hello(struct conn *c, struct tls_state *st, struct tls_hs *hs)
{
	const struct keylog_entry *e;
	const struct suite *s;
	struct keylog *kl;
	struct dec_dir *d;
	uint32_t i;

	(void)c;
	if ((kl = st->ctx->keylog) == NULL || !(hs->flags & HSF_EARLY_DATA) ||
	    (e = keylog_find(kl, hs->client_random)) == NULL ||
	    !(e->have & (1u << KL_CLIENT_EARLY)))
		return;
	/* Only TLS 1.3 has early data (RFC 8446, 4.2.10). */
	dec_state(st)->version = 0x0304;
	d = &dec_state(st)->d[DIR_C2S];
	d->n_trial = 0;
	for (i = 0; i < hs->suites_offered.n && d->n_trial < 4; i++) {
		s = suite_find(hs->suites_offered.v[i]);
		if (s != NULL && s->proto == P_TLS13 && cc_of(s) != CC_NONE &&
		    crypto_md_len(md_of_hash(s->hash)) ==
		    e->len[KL_CLIENT_EARLY])
			d->trial[d->n_trial++] = (uint8_t)cc_of(s);
	}
	if (d->n_trial == 0 || !keys13(&d->cur, st->dtls, d->trial[0],
	    md_of_hash(e->len[KL_CLIENT_EARLY] == 48 ? H_SHA384 : H_SHA256),
	    e->secret[KL_CLIENT_EARLY], e->len[KL_CLIENT_EARLY]))
		d->n_trial = 0;
	d->seq = 0;
}

/* mac_md is the record MAC of "s"; CMD_MD5_SHA1 for none we know. */
static enum crypto_md
mac_md(const struct suite *s)
{
	switch (s->mac) {
	case MAC_MD5: return CMD_MD5;
	case MAC_SHA1: return CMD_SHA1;
	case MAC_SHA256: return CMD_SHA256;
	case MAC_SHA384: return CMD_SHA384;
	case MAC_AEAD: return CMD_NONE;
	default: return CMD_MD5_SHA1;
	}
}

/*
 * null_keys: a TLS <= 1.2 suite with NULL encryption sends its records
 * after ChangeCipherSpec as plaintext and a MAC (RFC 5246, 6.2.3.1), so
 * without its secrets they are read as they are, the MAC length
 * stripped and not checked. Secrets found later replace these keys.
 */
static void
null_keys(struct tls_state *st, const struct tls_hs *hs,
    const struct suite *s)
{
	struct dec_keys *k;
	enum crypto_md md = mac_md(s);
	uint16_t version = st->dtls ? dtls_tls_version(hs->version) :
	    hs->version;
	int i;

	if (cc_of(s) != CC_NULL || version < 0x0300 || version > 0x0303 ||
	    md == CMD_NONE || md == CMD_MD5_SHA1)
		return;
	dec_state(st)->version = version;
	for (i = 0; i < 2; i++) {
		k = &st->dec->d[i].pend;
		keys_clear(k);
		k->cc = CC_NULL;
		k->mac_md = (uint8_t)md;
		k->mac_len = (uint8_t)crypto_md_len(md);
		k->unverified = true;
	}
}

bool
dec_clear(const struct tls_state *st, enum dir dir)
{
	return st->dec != NULL && st->dec->d[dir].cur.cc == CC_NULL;
}

/*
 * unsupported says once per handshake that the key log has its secrets
 * but the suite's cipher or MAC cannot be opened here (not implemented,
 * or OpenSSL's legacy provider missing): its records stay encrypted.
 */
static void
unsupported(struct conn *c, struct tls_state *st, const struct tls_hs *hs)
{
	conn_anom(c, DIR_S2C, st->d[DIR_S2C].last_frame,
	    ANOM_DECRYPT_UNSUPPORTED, "%s (0x%04x): keys logged, cipher not "
	    "available to open its records", suite_name(hs->suite),
	    hs->suite);
}

/*
 * export_material is the key material length of an export suite's write
 * keys (RFC 2246, 6.3: 5 bytes for the 40-bit ciphers; 7 for the 56-bit
 * EXPORT1024 ones, 8 for their DES, as OpenSSL sent them), 0 for a suite
 * that is not export-grade.
 */
static size_t
export_material(const struct suite *s)
{
	if (s->kx != KX_RSA_EXPORT && s->kx != KX_DH_EXPORT &&
	    s->kx != KX_DHE_EXPORT && s->kx != KX_KRB5_EXPORT)
		return 0;
	switch (s->enc) {
	case ENC_RC4_40: case ENC_RC2_CBC_40: case ENC_DES40_CBC:
		return 5;
	case ENC_RC4_56: case ENC_RC2_CBC_56:
		return 7;
	case ENC_DES_CBC:
		return 8;
	default:
		return 0;
	}
}

/*
 * export_keys expands the two "km"-byte write keys at "kb" (client's
 * first) into final keys of ci->key_len bytes and makes the IVs, which
 * export suites do not take from the key block.
 * TLS 1.0 (RFC 2246, 6.3):
 *	final_client_write_key = PRF(client_write_key, "client write key",
 *	    client_random + server_random)
 *	final_server_write_key = PRF(server_write_key, "server write key",
 *	    client_random + server_random)
 *	iv_block = PRF("", "IV block", client_random + server_random)
 *	    (client_write_IV, then server_write_IV)
 * SSLv3 (RFC 6101, 6.2.2.1):
 *	final_client_write_key = MD5(client_write_key +
 *	    ClientHello.random + ServerHello.random)
 *	final_server_write_key = MD5(server_write_key +
 *	    ServerHello.random + ClientHello.random)
 *	client_write_IV = MD5(ClientHello.random + ServerHello.random)
 *	server_write_IV = MD5(ServerHello.random + ClientHello.random)
 */
static bool
export_keys(uint16_t version, const struct crypto_cipher_info *ci,
    const uint8_t *kb, size_t km, const struct tls_hs *hs,
    uint8_t key[2][16], uint8_t iv[2][16])
{
	static const char *const label[2] = { "client write key",
	    "server write key" };
	uint8_t cs[64], md[16], ivb[32];
	struct crypto_iov v[3];
	size_t i;

	if (ci->key_len > 16 || ci->iv_len > 16)
		return false;
	memcpy(cs, hs->client_random, 32);
	memcpy(cs + 32, hs->server_random, 32);
	if (version == 0x0301) {
		for (i = 0; i < 2; i++)
			if (!crypto_tls_prf(CMD_MD5_SHA1, key[i], ci->key_len,
			    kb + i * km, km, label[i], cs, sizeof(cs)))
				return false;
		if (ci->iv_len > 0 && !crypto_tls_prf(CMD_MD5_SHA1, ivb,
		    2 * (size_t)ci->iv_len, NULL, 0, "IV block", cs,
		    sizeof(cs)))
			return false;
		for (i = 0; i < 2; i++)
			memcpy(iv[i], ivb + i * ci->iv_len, ci->iv_len);
		return true;
	}
	if (version != 0x0300)
		return false;	/* RFC 4346, A.5: no export after TLS 1.0 */
	for (i = 0; i < 2; i++) {
		const uint8_t *r1 = i == 0 ? hs->client_random :
		    hs->server_random;
		const uint8_t *r2 = i == 0 ? hs->server_random :
		    hs->client_random;

		v[0] = (struct crypto_iov){ kb + i * km, km };
		v[1] = (struct crypto_iov){ r1, 32 };
		v[2] = (struct crypto_iov){ r2, 32 };
		if (!crypto_digest(CMD_MD5, md, v, 3))
			return false;
		memcpy(key[i], md, ci->key_len);
		if (!crypto_digest(CMD_MD5, md, v + 1, 2))
			return false;
		memcpy(iv[i], md, ci->iv_len);
	}
	return true;
}

/*
 * dec_server_hello derives what the ServerHello makes possible: TLS 1.3
 * handshake keys (used at once), or TLS <= 1.2 keys for after each
 * ChangeCipherSpec (RFC 5246, 6.3):
 *	key_block = PRF(master_secret, "key expansion",
 *	    server_random + client_random);
 * then client/server MAC keys, keys and IVs, in that order.
 */
void
dec_server_hello(struct conn *c, struct tls_state *st, struct tls_hs *hs)
{
	const struct keylog_entry *e;
	const struct suite *s = suite_find(hs->suite);
	const struct crypto_cipher_info *ci;
	struct keylog *kl;
	struct dec_state *ds;
	struct dec_dir *cd;
	struct dec_keys *k;
	enum crypto_cipher cc = cc_of(s);
	enum crypto_md md, prf;
	uint8_t kb[2 * (48 + 32 + 16)], seed[64], xkey[2][16], xiv[2][16];
	size_t need, o = 0, i, mac_len, km, ivk;
	bool exp;
	uint32_t j;

	if (s == NULL)
		return;
	if ((kl = st->ctx->keylog) == NULL) {
		null_keys(st, hs, s);
		return;
	}
	if ((e = keylog_find(kl, hs->client_random)) == NULL) {
		/* Appended just now? Read again, once per ServerHello. */
		keylog_poll(kl, false);
		e = keylog_find(kl, hs->client_random);
	}
	ds = dec_state(st);
	ds->dtls = st->dtls;
	ds->version = st->dtls ? dtls_tls_version(hs->version) : hs->version;
	if (e == NULL) {
		if (!ds->want || ds->want_hs != (uint32_t)(hs - c->hs))
			ds->seen[0] = ds->seen[1] = 0;	/* a new wait */
		ds->want = true;
		ds->want_hs = (uint32_t)(hs - c->hs);
		null_keys(st, hs, s);
		return;
	}
	ds->want = false;
	if (ds->version == 0x0304 && (cc == CC_NONE ||
	    !crypto_cipher_available(cc))) {
		unsupported(c, st, hs);
		return;
	}
	if (ds->version == 0x0304) {
		md = md_of_hash(s->hash);
		if (e->have & (1u << KL_SERVER_HS))
			keys13(&ds->d[DIR_S2C].cur, ds->dtls, cc, md,
			    e->secret[KL_SERVER_HS], e->len[KL_SERVER_HS]);
		ds->d[DIR_S2C].seq = 0;
		/* RFC 9147, 6.1: epoch 2 protects the handshake. */
		ds->d[DIR_S2C].epoch = ds->d[DIR_C2S].epoch = 2;
		cd = &ds->d[DIR_C2S];
		if (cd->failed) {
			/* Early data that did not open: the handshake keys
			 * are another chance (the anomaly stays). */
			cd->failed = false;
			keys_clear(&cd->cur);
		}
		if (e->have & (1u << KL_CLIENT_HS)) {
			/* Still sending early data: its handshake keys come
			 * with its EndOfEarlyData. */
			k = cd->cur.cc != 0 ? &cd->next : &cd->cur;
			keys13(k, ds->dtls, cc, md, e->secret[KL_CLIENT_HS],
			    e->len[KL_CLIENT_HS]);
			if (k == &cd->cur) {
				cd->seq = 0;
				cd->tolerant = (hs->flags & HSF_EARLY_DATA) != 0;
			}
		}
		for (i = 0; i < 2; i++) {
			int kind = i == DIR_C2S ? KL_CLIENT_AP : KL_SERVER_AP;

			ds->d[i].ap_len = 0;
			if (e->have & (1u << kind)) {
				ds->d[i].ap_len = e->len[kind];
				memcpy(ds->d[i].ap, e->secret[kind],
				    e->len[kind]);
			}
		}
		return;
	}
	if (ds->version < 0x0300 || ds->version > 0x0303 ||
	    !(e->have & (1u << KL_MASTER)))
		return;
	md = mac_md(s);
	if ((ci = crypto_cipher_info(cc)) == NULL || md == CMD_MD5_SHA1 ||
	    (md == CMD_NONE) != (ci->mode == CM_AEAD) ||
	    !crypto_cipher_available(cc)) {
		unsupported(c, st, hs);
		return;
	}
	mac_len = crypto_md_len(md);
	/* Export suites take short keys and no IVs from the key block. */
	km = export_material(s);
	exp = km != 0;
	ivk = exp ? 0 : ci->iv_len;
	if (!exp)
		km = ci->key_len;
	need = 2 * (mac_len + km + ivk);
	memcpy(seed, hs->server_random, 32);
	memcpy(seed + 32, hs->client_random, 32);
	prf = ds->version < 0x0303 ? CMD_MD5_SHA1 :
	    s->hash == H_SHA384 ? CMD_SHA384 : CMD_SHA256;
	if (ds->version == 0x0300 ? !crypto_ssl3_key_block(kb, need,
	    e->secret[KL_MASTER], hs->client_random, hs->server_random) :
	    !crypto_tls_prf(prf, kb, need, e->secret[KL_MASTER], 48,
	    "key expansion", seed, sizeof(seed)))
		return;
	if (exp && !export_keys(ds->version, ci,
	    kb + 2 * mac_len, km, hs, xkey, xiv))
		return;
	for (i = 0; i < 2; i++) {
		k = &ds->d[i].pend;
		keys_clear(k);
		/* RFC 7366, 3: encrypt_then_mac, when the server echoed
		 * it (CBC suites only). */
		for (j = 0; j < hs->exts_chosen.n; j++)
			if (hs->exts_chosen.v[j] == 22)
				k->etm = ci->mode == CM_CBC;
		k->cc = (uint8_t)cc;
		k->mac_md = (uint8_t)md;
		k->mac_len = (uint8_t)mac_len;
		memcpy(k->mac_key, kb + i * mac_len, mac_len);
	}
	o = 2 * mac_len;
	for (i = 0; i < 2; i++, o += km) {
		k = &ds->d[i].pend;
		if (cc != CC_NULL && (k->key = crypto_key_new(cc,
		    exp ? xkey[i] : kb + o)) == NULL)
			k->cc = 0;	/* not in this libcrypto */
	}
	for (i = 0; i < 2; i++, o += ivk) {
		k = &ds->d[i].pend;
		k->iv_len = ci->iv_len;
		memcpy(k->iv, exp ? xiv[i] : kb + o,
		    ci->iv_len);
	}
	memset(kb, 0, sizeof(kb));
	memset(xkey, 0, sizeof(xkey));
}

void
dec_ccs(struct conn *c, struct tls_state *st, enum dir dir)
{
	struct dec_dir *d;

	/* RFC 8446, D.4: a TLS 1.3 client's CCS (before the ServerHello
	 * when it sends early data) changes nothing. */
	if (st->dec == NULL || st->dec->version == 0x0304)
		return;
	/* The master secret is logged before the client's CCS is sent. */
	if (st->dec->want && st->dec->seen[dir] == 0)
		retry(c, st, dir);
	d = &st->dec->d[dir];
	/* RFC 5246, 7.1: the pending state becomes current; without one
	 * (keys unknown) nothing more of this direction can be read. */
	if (d->pend.cc != 0)
		keys_take(d, &d->pend);
	else
		keys_clear(&d->cur);
	d->seq = 0;
}

void
dec_message(struct conn *c, struct tls_state *st, enum dir dir,
    uint8_t type)
{
	struct dec_dir *d;
	struct dec_keys nk;
	uint8_t up[KL_SECRET_MAX];

	(void)c;
	if (st->dec == NULL || st->dec->version != 0x0304 || !st->rec_dec)
		return;
	d = &st->dec->d[dir];
	memset(&nk, 0, sizeof(nk));
	switch (type) {
	case HS_FINISHED:
		/* RFC 8446, 7.3: application traffic keys after it. */
		if (dir == DIR_C2S)
			st->flight13_done = true;
		if (d->ap_len != 0 && d->cur.cc != 0 &&
		    keys13(&nk, st->dec->dtls, d->cur.cc, d->cur.hash, d->ap,
		    d->ap_len))
			keys_take(d, &nk);
		else
			keys_clear(&d->cur);
		d->ap_len = 0;
		d->epoch = 3;
		break;
	case HS_KEY_UPDATE:
		/* RFC 8446, 7.2: application_traffic_secret_N+1 =
		 *  HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length) */
		if (d->cur.cc == 0 || !crypto_hkdf_expand_label_p(d->cur.hash,
		    up, d->cur.secret_len, d->cur.secret, d->cur.secret_len,
		    st->dec->dtls ? "dtls13" : "tls13 ", "traffic upd", NULL,
		    0) || !keys13(&nk, st->dec->dtls, d->cur.cc, d->cur.hash,
		    up, d->cur.secret_len))
			keys_clear(&d->cur);
		else
			keys_take(d, &nk);
		d->epoch++;
		memset(up, 0, sizeof(up));
		break;
	case HS_END_OF_EARLY_DATA:
		/* RFC 8446, 4.5: then the handshake traffic keys. */
		if (dir == DIR_C2S && d->next.cc != 0)
			keys_take(d, &d->next);
		d->n_trial = 0;
		break;
	default:
		break;
	}
}

bool
dec_need_body(const struct tls_state *st, enum dir dir, uint8_t type)
{
	const struct dec_state *ds = st->dec;
	const struct crypto_cipher_info *ci;

	if (ds == NULL || ds->d[dir].cur.cc == 0 || ds->d[dir].failed)
		return false;
	if (ds->version == 0x0304)
		return type == REC_APPDATA;
	ci = crypto_cipher_info(ds->d[dir].cur.cc);
	/* A stream cipher and TLS 1.0's chained IV need every byte; NULL
	 * records are read to give application data its size. */
	return ci != NULL && (ci->mode == CM_STREAM || ci->mode == CM_NULL ||
	    (ci->mode == CM_CBC && ds->version <= 0x0301));
}

/*
 * retry looks the wanted secrets up again before the first protected
 * record of "dir" (dec_state's "want").
 */
static void
retry(struct conn *c, struct tls_state *st, enum dir dir)
{
	struct dec_state *ds = st->dec;
	struct tls_hs *hs = conn_hs(c, ds->want_hs);
	int i;

	if (hs != NULL && (hs->flags & HSF_HAS_SH))
		dec_server_hello(c, st, hs);
	/* A direction that already passed protected records cannot be
	 * followed: its record numbers and epoch are lost. */
	for (i = 0; i < 2 && !ds->want; i++)
		if (ds->seen[i] > 0) {
			keys_clear(&ds->d[i].cur);
			keys_clear(&ds->d[i].pend);
			keys_clear(&ds->d[i].next);
			ds->d[i].ap_len = 0;
		}
	if (!ds->want && ds->version != 0x0304 && st->d[dir].ccs &&
	    ds->d[dir].pend.cc != 0)
		keys_take(&ds->d[dir], &ds->d[dir].pend);
}

void
dec_skip(struct tls_state *st, enum dir dir, uint8_t type)
{
	struct dec_state *ds = st->dec;

	if (ds != NULL && ds->want)
		ds->seen[dir]++;
	if (ds == NULL || ds->d[dir].cur.cc == 0 || ds->d[dir].failed ||
	    (ds->version == 0x0304 && type != REC_APPDATA))
		return;
	ds->d[dir].seq++;
}

/*
 * open13 opens a TLS 1.3 record (RFC 8446, 5.2): the additional data is
 * the record header; the plaintext is content, its type, then zeros.
 * "*empty" is set when no non-zero byte is left (no type).
 */
static bool
open13(uint8_t *plain, struct dec_dir *d, const struct rec_hdr *h,
    const struct cur *body, struct cur *out, uint8_t *type, bool *empty)
{
	const struct crypto_cipher_info *ci = crypto_cipher_info(d->cur.cc);
	uint8_t aad[5], nonce[12];

	if (ci == NULL || cur_len(body) < ci->tag_len ||
	    cur_len(body) > REC_MAX_WIRE)
		return false;
	aad[0] = h->type;
	aad[1] = (uint8_t)(h->version >> 8);
	aad[2] = (uint8_t)h->version;
	aad[3] = (uint8_t)(h->len >> 8);
	aad[4] = (uint8_t)h->len;
	nonce13(&d->cur, d->seq, nonce);
	if (!crypto_aead_open(d->cur.key, plain, nonce, aad, sizeof(aad),
	    cur_data(body), cur_len(body)))
		return false;
	return inner13(plain, cur_len(body) - ci->tag_len, out, type, empty);
}

/*
 * inner13 finds the content and its type in the "n" bytes of plaintext
 * just opened (RFC 8446, 5.4; RFC 9147, 4: DTLSInnerPlaintext): the type
 * is the last non-zero byte. "*empty" is set when there is none.
 */
static bool
inner13(const uint8_t *plain, size_t n, struct cur *out, uint8_t *type,
    bool *empty)
{
	struct cur scan;
	size_t pos = 0, last = 0;
	uint8_t b;

	*empty = true;
	cur_init(&scan, plain, n);
	while (cur_get_u8(&scan, &b)) {
		if (b != 0) {
			*empty = false;
			*type = b;
			last = pos;
		}
		pos++;
	}
	cur_init(out, plain, *empty ? 0 : last);
	return true;
}

/*
 * RFC 9147, 4.2.3: the record number in the unified header "hdr" (its
 * "sn_len" bytes at "sn_off") is masked with the sn_key applied to the
 * ciphertext's first 16 bytes; the AEAD's additional data is the header
 * with the number unmasked, its nonce the IV XOR the full record number,
 * rebuilt from its low bits as the one nearest the next expected.
 */
enum dec_res
dec_dtls13(struct conn *c, struct tls_state *st, enum dir dir, uint8_t ee,
    const struct cur *hdr, size_t sn_off, size_t sn_len,
    const struct cur *body, uint32_t frame, struct cur *out, uint8_t *type)
{
	const struct crypto_cipher_info *ci;
	struct dec_state *ds = st->dec;
	struct dec_dir *d;
	struct cur m;
	uint8_t *plain = st->ctx->plain;
	uint8_t aad[1 + 255 + 2 + 2], mask[16], sample[16], nonce[12];
	uint64_t low = 0, span, full, next;
	size_t i, alen = cur_len(hdr);
	bool empty = false;

	if (ds == NULL || !ds->dtls || ds->version != 0x0304)
		return DEC_NONE;
	d = &ds->d[dir];
	if (d->cur.cc == 0 || d->failed || (d->epoch & 3) != ee ||
	    (ci = crypto_cipher_info(d->cur.cc)) == NULL ||
	    alen > sizeof(aad) || sn_len < 1 || sn_len > 2 ||
	    sn_off > alen - sn_len || cur_len(body) < ci->tag_len ||
	    cur_len(body) > REC_MAX_WIRE)
		return DEC_NONE;
	m = *body;
	if (!cur_copy(&m, sample, sizeof(sample)) ||
	    !crypto_hp_mask(d->cur.cc, d->cur.sn, sample, mask))
		return DEC_NONE;
	m = *hdr;
	cur_copy(&m, aad, alen);
	for (i = 0; i < sn_len; i++) {
		aad[sn_off + i] ^= mask[i];
		low = low << 8 | aad[sn_off + i];
	}
	/* RFC 9147, 4.2.2: the candidate closest to the next expected. */
	span = (uint64_t)1 << (8 * sn_len);
	next = d->seq;
	full = (next & ~(span - 1)) | low;
	if (full + span / 2 < next)
		full += span;
	else if (full > next + span / 2 && full >= span)
		full -= span;
	nonce13(&d->cur, full, nonce);
	if (!crypto_aead_open(d->cur.key, plain, nonce, aad, alen,
	    cur_data(body), cur_len(body))) {
		conn_anom(c, dir, frame, ANOM_DECRYPT_FAIL,
		    "record %llu of epoch %u of the %s did not authenticate",
		    (unsigned long long)full, d->epoch, dir == DIR_C2S ?
		    "client" : "server");
		d->failed = true;
		keys_clear(&d->cur);
		return DEC_FAIL;
	}
	if (full + 1 > d->seq)
		d->seq = full + 1;
	inner13(plain, cur_len(body) - ci->tag_len, out, type, &empty);
	return dec_opened(c, st, dir, frame, *type, empty);
}

/* dec_opened notes what an opened record holds. */
static enum dec_res
dec_opened(struct conn *c, struct tls_state *st, enum dir dir,
    uint32_t frame, uint8_t type, bool empty)
{
	struct tls_hs *hs;

	if (empty) {
		conn_anom(c, dir, frame, ANOM_REC_INVALID,
		    "decrypted record holds no content type");
		return DEC_FAIL;
	}
	if ((hs = hs_cur(c, st)) == NULL)
		return DEC_OK;
	if (st->dec->d[dir].cur.cc == CC_NULL)
		hs->flags |= HSF_CLEARTEXT;
	/* Read without the secrets (NULL cipher) is not decrypted. */
	if (type == REC_HANDSHAKE && !st->dec->d[dir].cur.unverified)
		hs->flags |= HSF_DECRYPTED;
	return DEC_OK;
}

/*
 * mac12 computes a TLS <= 1.2 record MAC into "out" (RFC 5246, 6.2.3.1):
 *	MAC(MAC_write_key, seq_num + TLSCompressed.type +
 *	    TLSCompressed.version + TLSCompressed.length +
 *	    TLSCompressed.fragment);
 * SSLv3 (RFC 6101, 5.2.3.1) has no version and its own construction.
 */
static bool
mac12(const struct dec_state *ds, const struct dec_keys *k, uint64_t seq,
    uint8_t type, uint16_t version, const uint8_t *p, size_t len,
    uint8_t *out)
{
	uint8_t hdr[13];
	struct crypto_iov iov[2];
	int i;

	for (i = 0; i < 8; i++)
		hdr[i] = (uint8_t)(seq >> (56 - 8 * i));
	hdr[8] = type;
	if (ds->version == 0x0300) {
		hdr[9] = (uint8_t)(len >> 8);
		hdr[10] = (uint8_t)len;
		iov[0] = (struct crypto_iov){ hdr, 11 };
		iov[1] = (struct crypto_iov){ p, len };
		return crypto_ssl3_mac(k->mac_md, out, k->mac_key, k->mac_len,
		    iov, 2);
	}
	hdr[9] = (uint8_t)(version >> 8);
	hdr[10] = (uint8_t)version;
	hdr[11] = (uint8_t)(len >> 8);
	hdr[12] = (uint8_t)len;
	iov[0] = (struct crypto_iov){ hdr, 13 };
	iov[1] = (struct crypto_iov){ p, len };
	return crypto_hmac(k->mac_md, out, k->mac_key, k->mac_len, iov, 2);
}

/*
 * strip_pad checks CBC padding at the end of "pt" (RFC 5246, 6.2.3.2:
 * padding_length + 1 bytes, each holding padding_length; SSLv3: any
 * bytes, shorter than a block) and sets "*n" to the length before it.
 */
static bool
strip_pad(const struct cur *pt, size_t block, bool ssl3, size_t *n)
{
	struct cur padc;
	uint8_t pad, b;

	if (cur_len(pt) == 0 || !cur_peek_at_u8(pt, cur_len(pt) - 1, &pad) ||
	    (size_t)pad + 1 > cur_len(pt) || (ssl3 && pad >= block))
		return false;
	*n = cur_len(pt) - pad - 1;
	if (ssl3)
		return true;
	cur_sub(pt, &padc, *n, (size_t)pad + 1);
	while (cur_get_u8(&padc, &b))
		if (b != pad)
			return false;
	return true;
}

/* open12 opens a TLS <= 1.2 or SSLv3 record into "out". */
static bool
open12(uint8_t *plain, struct dec_state *ds, struct dec_dir *d, uint64_t seq,
    const struct rec_hdr *h, const struct cur *body, struct cur *out)
{
	struct dec_keys *k = &d->cur;
	const struct crypto_cipher_info *ci = crypto_cipher_info(k->cc);
	uint8_t aad[13], nonce[12], mac[48], iv[16];
	struct cur m = *body, x, pt, tag;
	size_t n, clen, ml = k->mac_len;
	int i;

	if (ci == NULL || cur_len(body) > REC_MAX_WIRE)
		return false;
	for (i = 0; i < 8; i++)
		aad[i] = (uint8_t)(seq >> (56 - 8 * i));
	aad[8] = h->type;
	aad[9] = (uint8_t)(h->version >> 8);
	aad[10] = (uint8_t)h->version;
	switch (ci->mode) {
	case CM_AEAD:
		if (k->cc == CC_CHACHA20_POLY1305) {
			/* RFC 7905, 2: the 12-byte IV XOR the sequence. */
			nonce13(k, seq, nonce);
		} else {
			/* RFC 5288, 3; RFC 6655, 3: salt + explicit 8. */
			memcpy(nonce, k->iv, 4);
			if (!cur_copy(&m, nonce + 4, 8))
				return false;
		}
		if (cur_len(&m) < ci->tag_len)
			return false;
		n = cur_len(&m) - ci->tag_len;
		aad[11] = (uint8_t)(n >> 8);
		aad[12] = (uint8_t)n;
		if (!crypto_aead_open(k->key, plain, nonce, aad, sizeof(aad),
		    cur_data(&m), cur_len(&m)))
			return false;
		cur_init(out, plain, n);
		return true;
	case CM_NULL:
	case CM_STREAM:
		if (cur_len(&m) < ml)
			return false;
		n = cur_len(&m) - ml;
		if (ci->mode == CM_STREAM && !crypto_stream_apply(k->key,
		    plain, cur_data(&m), cur_len(&m)))
			return false;
		if (ci->mode == CM_NULL)
			cur_copy(&m, plain, cur_len(&m));
		cur_init(&pt, plain, n);
		cur_init(&tag, plain + n, ml);
		/* Without the MAC key (NULL cipher, no secrets) the MAC
		 * is only stripped. */
		if (!k->unverified && (!mac12(ds, k, seq, h->type,
		    h->version, plain, n, mac) || !cur_equal(&tag, mac, ml)))
			return false;
		*out = pt;
		return true;
	case CM_CBC:
		break;
	default:
		return false;
	}
	if (k->etm) {
		/* RFC 7366, 3: the MAC covers IV and ciphertext. */
		if (cur_len(&m) < ml)
			return false;
		cur_sub(&m, &x, 0, cur_len(&m) - ml);
		cur_sub(&m, &tag, cur_len(&m) - ml, ml);
		if (!mac12(ds, k, seq, h->type, h->version, cur_data(&x),
		    cur_len(&x), mac) || !cur_equal(&tag, mac, ml))
			return false;
		m = x;
	}
	if (ds->version >= 0x0302) {
		/* RFC 4346, 6.2.3.2: an explicit IV per record. */
		if (!cur_copy(&m, iv, ci->block))
			return false;
	} else
		memcpy(iv, k->iv, ci->block);
	clen = cur_len(&m);
	if (clen == 0 || clen % ci->block != 0 ||
	    !crypto_cbc_decrypt(k->key, plain, iv, cur_data(&m), clen))
		return false;
	if (ds->version < 0x0302) {
		/* RFC 2246, 6.2.3.2: the next IV is this last block. */
		cur_sub(&m, &x, clen - ci->block, ci->block);
		cur_copy(&x, k->iv, ci->block);
	}
	cur_init(&pt, plain, clen);
	if (!strip_pad(&pt, ci->block, ds->version == 0x0300, &n))
		return false;
	if (k->etm) {
		cur_init(out, plain, n);
		return true;
	}
	if (n < ml)
		return false;
	n -= ml;
	cur_init(&tag, plain + n, ml);
	if (!mac12(ds, k, seq, h->type, h->version, plain, n, mac) ||
	    !cur_equal(&tag, mac, ml))
		return false;
	cur_init(out, plain, n);
	return true;
}

enum dec_res
dec_record(struct conn *c, struct tls_state *st, enum dir dir,
    const struct rec_hdr *h, const struct cur *body, uint32_t frame,
    struct cur *out, uint8_t *type)
{
	struct dec_state *ds = st->dec;
	struct dec_dir *d;
	struct dec_keys nk;
	uint8_t i;
	bool ok, empty = false;

	if (ds == NULL || h->ssl2)
		return DEC_NONE;
	d = &ds->d[dir];
	if (ds->want && d->cur.cc == 0 && (ds->version == 0x0304 ?
	    h->type == REC_APPDATA : st->d[dir].ccs)) {
		if (ds->seen[dir] == 0)
			retry(c, st, dir);
		if (d->cur.cc == 0) {
			ds->seen[dir]++;
			return DEC_NONE;
		}
	}
	if (d->cur.cc == 0 || d->failed)
		return DEC_NONE;
	if (ds->version == 0x0304) {
		/* RFC 8446, 5.2: only application_data records are;
		 * RFC 9147, 4: DTLS 1.3 protects under the unified
		 * header (dec_dtls13). */
		if (h->type != REC_APPDATA || ds->dtls)
			return DEC_NONE;
		ok = open13(st->ctx->plain, d, h, body, out, type, &empty);
		/* 0-RTT: the early suite is one of those offered. */
		for (i = 1; !ok && i < d->n_trial && d->seq == 0; i++) {
			memset(&nk, 0, sizeof(nk));
			if (keys13(&nk, ds->dtls, d->trial[i], d->cur.hash,
			    d->cur.secret, d->cur.secret_len)) {
				keys_take(d, &nk);
				ok = open13(st->ctx->plain, d, h, body,
				    out, type, &empty);
			}
		}
		if (!ok && d->next.cc != 0) {
			/* Early data ended unseen: the handshake keys. */
			keys_take(d, &d->next);
			d->n_trial = 0;
			ok = open13(st->ctx->plain, d, h, body, out, type, &empty);
		}
		if (!ok && d->tolerant)
			return DEC_NONE;	/* 0-RTT under unknown keys */
	} else {
		*type = h->type;
		/* RFC 6347, 4.1.2.1: DTLS puts epoch and record number
		 * where TLS has its implicit sequence number. */
		ok = open12(st->ctx->plain, ds, d, ds->dtls ?
		    (uint64_t)st->dtls_epoch << 48 | st->dtls_seq : d->seq, h,
		    body, out);
	}
	if (!ok) {
		conn_anom(c, dir, frame, ANOM_DECRYPT_FAIL,
		    "record %llu of the %s did not authenticate",
		    (unsigned long long)d->seq, dir == DIR_C2S ? "client" :
		    "server");
		d->failed = true;
		keys_clear(&d->cur);
		return DEC_FAIL;
	}
	d->seq++;
	d->n_trial = 0;
	d->tolerant = false;
	if (dec_opened(c, st, dir, frame, *type, empty) != DEC_OK)
		return DEC_FAIL;
	if (ds->version == 0x0304 && dir == DIR_C2S &&
	    *type == REC_HANDSHAKE)
		st->cli_enc13 = true;
	return DEC_OK;
}
