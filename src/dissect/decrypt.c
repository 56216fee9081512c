/*
 * decrypt.c: record protection undone with the keys of keys.c (RFC 8446,
 * 5.2; RFC 9147, 4; RFC 5246, 6.2.3; RFC 4346, 6.2.3.2; RFC 2246, 6.2.3;
 * RFC 6101, 5.2.3; RFC 7366; RFC 7905; RFC 6655). libcrypto is reached
 * only through crypto.h.
 */
#include "dissect/decrypt.h"

#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/crypto.h"
#include "dissect/keys.h"

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

bool
dec_clear(const struct tls_state *st, enum dir dir)
{
	return st->dec != NULL && st->dec->d[dir].cur.cc == CC_NULL;
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
	if ((hs = state_hs(c, st)) == NULL)
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
			keys_retry(c, st, dir);
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
			if (keys_tls13(&nk, ds->dtls, d->trial[i], d->cur.hash,
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
		    (uint64_t)state_udp(st)->dtls_epoch << 48 |
		    state_udp(st)->dtls_seq : d->seq, h,
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
