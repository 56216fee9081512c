/*
 * keys.c: the keys of each direction, from the key log's secrets (RFC
 * 8446, 7.1 to 7.3; RFC 5246, 6.3; RFC 2246, 6.3; RFC 6101, 6.2.2), as
 * the handshake goes: the hooks of the handshake parser (ServerHello,
 * ChangeCipherSpec, Finished, KeyUpdate, EndOfEarlyData) install them,
 * decrypt.c opens records with them. libcrypto is reached only through
 * crypto.h.
 *
 * Each direction has the keys in use ("cur"), the keys its next
 * ChangeCipherSpec brings (TLS <= 1.2, "pend"), and for TLS 1.3 the
 * client's handshake keys while it still sends early data ("next") and
 * the application traffic secrets for after each Finished.
 */
#include "dissect/keys.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/limits.h"
#include "dissect/crypto.h"
#include "dissect/keylog.h"
#include "dissect/suite.h"

static enum crypto_cipher cc_of(const struct suite *);
static enum crypto_md md_of_hash(uint8_t);
static void	unsupported(struct conn *, struct tls_state *,
		    const struct tls_hs *);
static size_t	export_material(const struct suite *);
static enum crypto_md mac_md(const struct suite *);
static void	null_keys(struct tls_state *, const struct tls_hs *,
		    const struct suite *);
static bool	export_keys(uint16_t, const struct crypto_cipher_info *,
		    const uint8_t *, size_t, const struct tls_hs *,
		    uint8_t[2][16], uint8_t[2][16]);
static const struct hs_randoms *rnd_of(const struct tls_hs *);

/*
 * rnd_of returns the hellos' randoms of "hs": zeroes for a hello not
 * seen (hello.c keeps them, with a key log, as each hello arrives).
 */
static const struct hs_randoms *
rnd_of(const struct tls_hs *hs)
{
	static const struct hs_randoms none;

	return hs->randoms != NULL ? hs->randoms : &none;
}

struct dec_state *
keys_state(struct tls_state *st)
{
	if (st->dec == NULL)
		st->dec = x_calloc(1, sizeof(*st->dec));
	return st->dec;
}

void
keys_clear(struct dec_keys *k)
{
	crypto_key_free(k->key);
	memset(k, 0, sizeof(*k));
}

void
keys_free(struct tls_state *st)
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
keys_secret(const struct tls_state *st, const struct tls_hs *hs, int kind,
    uint8_t *out, size_t *len, enum crypto_cipher *cc, enum crypto_md *md)
{
	const struct keylog_entry *e;
	const struct suite *s = suite_find(hs->suite);
	struct keylog *kl = st->ctx->keylog;

	if (kl == NULL || s == NULL || kind < 0 || kind >= KL_N ||
	    !(hs->flags & HSF_HAS_SUITE) || s->proto != P_TLS13 ||
	    (*cc = cc_of(s)) == CC_NONE || !crypto_cipher_available(*cc) ||
	    (*md = md_of_hash(s->hash)) == CMD_NONE ||
	    (e = keylog_find(kl, rnd_of(hs)->client)) == NULL ||
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
bool
keys_tls13(struct dec_keys *k, bool dtls, enum crypto_cipher cc,
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
void
keys_take(struct dec_dir *d, struct dec_keys *k)
{
	keys_clear(&d->cur);
	d->cur = *k;
	memset(k, 0, sizeof(*k));
	d->seq = 0;
}

/*
 * keys_client_hello: a client offering early data (RFC 8446, 4.2.10)
 * sends it under client_early_traffic_secret before any ServerHello. The
 * suite is the resumed session's, not yet known: the secret's length
 * names the hash, and the first record is tried with each offered suite
 * of that hash.
 */
void
keys_client_hello(struct conn *c, struct tls_state *st, struct tls_hs *hs)
{
	const struct keylog_entry *e;
	const struct suite *s;
	struct keylog *kl;
	struct dec_dir *d;
	uint32_t i;

	(void)c;
	if ((kl = st->ctx->keylog) == NULL || !(hs->flags & HSF_EARLY_DATA) ||
	    (e = keylog_find(kl, rnd_of(hs)->client)) == NULL ||
	    !(e->have & (1u << KL_CLIENT_EARLY)))
		return;
	/* Only TLS 1.3 has early data (RFC 8446, 4.2.10). */
	keys_state(st)->version = 0x0304;
	d = &keys_state(st)->d[DIR_C2S];
	d->n_trial = 0;
	for (i = 0; i < hs->suites_offered.n && d->n_trial < 4; i++) {
		s = suite_find(hs->suites_offered.v[i]);
		if (s != NULL && s->proto == P_TLS13 && cc_of(s) != CC_NONE &&
		    crypto_md_len(md_of_hash(s->hash)) ==
		    e->len[KL_CLIENT_EARLY])
			d->trial[d->n_trial++] = (uint8_t)cc_of(s);
	}
	if (d->n_trial == 0 || !keys_tls13(&d->cur, st->dtls, d->trial[0],
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
	uint16_t version = state_version(st, hs->version);
	int i;

	if (cc_of(s) != CC_NULL || version < 0x0300 || version > 0x0303 ||
	    md == CMD_NONE || md == CMD_MD5_SHA1)
		return;
	keys_state(st)->version = version;
	for (i = 0; i < 2; i++) {
		k = &st->dec->d[i].pend;
		keys_clear(k);
		k->cc = CC_NULL;
		k->mac_md = (uint8_t)md;
		k->mac_len = (uint8_t)crypto_md_len(md);
		k->unverified = true;
	}
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
	memcpy(cs, rnd_of(hs)->client, 32);
	memcpy(cs + 32, rnd_of(hs)->server, 32);
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
		const uint8_t *r1 = i == 0 ? rnd_of(hs)->client :
		    rnd_of(hs)->server;
		const uint8_t *r2 = i == 0 ? rnd_of(hs)->server :
		    rnd_of(hs)->client;

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
 * keys_server_hello derives what the ServerHello makes possible: TLS 1.3
 * handshake keys (used at once), or TLS <= 1.2 keys for after each
 * ChangeCipherSpec (RFC 5246, 6.3):
 *	key_block = PRF(master_secret, "key expansion",
 *	    server_random + client_random);
 * then client/server MAC keys, keys and IVs, in that order.
 */
void
keys_server_hello(struct conn *c, struct tls_state *st, struct tls_hs *hs)
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
	if ((e = keylog_find(kl, rnd_of(hs)->client)) == NULL) {
		/* Appended just now? Read again, once per ServerHello. */
		keylog_poll(kl, false);
		e = keylog_find(kl, rnd_of(hs)->client);
	}
	ds = keys_state(st);
	ds->dtls = st->dtls;
	ds->version = state_version(st, hs->version);
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
			keys_tls13(&ds->d[DIR_S2C].cur, ds->dtls, cc, md,
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
			keys_tls13(k, ds->dtls, cc, md, e->secret[KL_CLIENT_HS],
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
	memcpy(seed, rnd_of(hs)->server, 32);
	memcpy(seed + 32, rnd_of(hs)->client, 32);
	prf = ds->version < 0x0303 ? CMD_MD5_SHA1 :
	    s->hash == H_SHA384 ? CMD_SHA384 : CMD_SHA256;
	if (ds->version == 0x0300 ? !crypto_ssl3_key_block(kb, need,
	    e->secret[KL_MASTER], rnd_of(hs)->client, rnd_of(hs)->server) :
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
keys_ccs(struct conn *c, struct tls_state *st, enum dir dir)
{
	struct dec_dir *d;

	/* RFC 8446, D.4: a TLS 1.3 client's CCS (before the ServerHello
	 * when it sends early data) changes nothing. */
	if (st->dec == NULL || st->dec->version == 0x0304)
		return;
	/* The master secret is logged before the client's CCS is sent. */
	if (st->dec->want && st->dec->seen[dir] == 0)
		keys_retry(c, st, dir);
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
keys_message(struct conn *c, struct tls_state *st, enum dir dir,
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
		    keys_tls13(&nk, st->dec->dtls, d->cur.cc, d->cur.hash, d->ap,
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
		    0) || !keys_tls13(&nk, st->dec->dtls, d->cur.cc, d->cur.hash,
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

/*
 * retry looks the wanted secrets up again before the first protected
 * record of "dir" (dec_state's "want").
 */
void
keys_retry(struct conn *c, struct tls_state *st, enum dir dir)
{
	struct dec_state *ds = st->dec;
	struct tls_hs *hs = conn_hs(c, ds->want_hs);
	int i;

	if (hs != NULL && (hs->flags & HSF_HAS_SH))
		keys_server_hello(c, st, hs);
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
