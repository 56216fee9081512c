/*
 * fp.c: JA3, JA3S and JA4 from the hello fields in struct tls_hs.
 *
 * JA3 (salesforce/ja3; tshark's tls.handshake.ja3_full): the decimal
 * fields "SSLVersion,Ciphers,Extensions,EllipticCurves,ECPointFormats",
 * list elements joined by '-', GREASE values (RFC 8701) left out; ja3 is
 * the MD5 of that string. JA3S: "SSLVersion,Cipher,Extensions".
 *
 * JA4 (FoxIO, technical_details/JA4.md): ja4_a "t13d1516h2", then the
 * sorted cipher list and the sorted extension list (without SNI and ALPN)
 * followed by the signature algorithms in wire order; ja4 hashes the two
 * lists (SHA-256, 12 hex digits), ja4_r shows them. GREASE is ignored
 * everywhere.
 */
#include "dissect/fp.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/cur.h"
#include "dissect/crypto.h"
#include "model/anom.h"

#define EXT_SERVER_NAME		0x0000
#define EXT_ALPN		0x0010
#define EXT_SUPPORTED_VERSIONS	0x002b
#define EXT_QUIC_PARAMS		0x0039
#define EXT_QUIC_PARAMS_DRAFT	0xffa5

/* JA4.md, "Cipher hash": an empty list is shown as zeros, not hashed. */
#define JA4_EMPTY		"000000000000"

static bool	is_grease(uint16_t);
static bool	is_alnum(uint8_t);
static bool	has_ext(const struct u16list *, uint16_t);
static void	add_dec16(struct buf *, const struct u16list *);
static void	add_dec8(struct buf *, const struct u8list *);
static void	add_hex16(struct buf *, const uint16_t *, size_t);
static void	add_2dec(struct buf *, size_t);
static size_t	degrease(const struct u16list *, uint16_t *, bool);
static int	cmp_u16(const void *, const void *);
static bool	keep(struct conn *, const char **, const char *, size_t);
static bool	fp_ja3(struct conn *, struct tls_hs *, struct buf *);
static bool	fp_ja3s(struct conn *, struct tls_hs *, struct buf *);
static char	ja4_proto(const struct tls_hs *);
static const char *ja4_version(const struct tls_hs *);
static void	ja4_alpn(const struct tls_hs *, char[3]);
static bool	fp_ja4(struct conn *, struct tls_hs *, struct buf *);
static bool	hello_unparsed(const struct conn *, const struct tls_hs *);

/* RFC 8701, 2: 0x0A0A, 0x1A1A, ... 0xFAFA. */
static bool
is_grease(uint16_t v)
{
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/* is_alnum: ASCII letters and digits only, whatever the locale. */
static bool
is_alnum(uint8_t ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= 'a' && ch <= 'z');
}

static bool
has_ext(const struct u16list *l, uint16_t type)
{
	uint32_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == type)
			return true;
	return false;
}

/* add_dec16 appends the non-GREASE elements in decimal, '-' joined. */
static void
add_dec16(struct buf *b, const struct u16list *l)
{
	bool first = true;
	uint32_t i;

	for (i = 0; i < l->n; i++) {
		if (is_grease(l->v[i]))
			continue;
		if (!first)
			buf_addc(b, '-');
		buf_add_u64(b, l->v[i]);
		first = false;
	}
}

static void
add_dec8(struct buf *b, const struct u8list *l)
{
	uint32_t i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_addc(b, '-');
		buf_add_u64(b, l->v[i]);
	}
}

/* add_hex16 appends 4-digit lower-case hex values, ',' joined. */
/* add_2dec: "%02zu" of "n" capped at 99 (JA4's counts). */
static void
add_2dec(struct buf *b, size_t n)
{
	if (n > 99)
		n = 99;
	buf_addc(b, (char)('0' + n / 10));
	buf_addc(b, (char)('0' + n % 10));
}

static void
add_hex16(struct buf *b, const uint16_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		/* "0x" dropped: JA4 lists bare 4-digit hex. */
		buf_add_hex16(b, v[i]);
		b->len -= 6;
		memmove(b->p + b->len, b->p + b->len + 2, 4);
		b->len += 4;
		b->p[b->len] = '\0';
	}
}

/*
 * degrease copies the non-GREASE elements of "l" into "out" (room for
 * l->n), without SNI and ALPN when "ja4_exts"; returns how many.
 */
static size_t
degrease(const struct u16list *l, uint16_t *out, bool ja4_exts)
{
	size_t n = 0;
	uint32_t i;

	for (i = 0; i < l->n; i++) {
		if (is_grease(l->v[i]) || (ja4_exts &&
		    (l->v[i] == EXT_SERVER_NAME || l->v[i] == EXT_ALPN)))
			continue;
		out[n++] = l->v[i];
	}
	return n;
}

static int
cmp_u16(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

	return (x > y) - (x < y);
}

/* keep copies "s" into the arena at "*out"; false past the cap. */
static bool
keep(struct conn *c, const char **out, const char *s, size_t len)
{
	*out = arena_dup(&c->arena, s, len);
	return *out != NULL;
}

static bool
fp_ja3(struct conn *c, struct tls_hs *hs, struct buf *b)
{
	char md5[33];

	buf_reset(b);
	buf_add_u64(b, hs->client_version);
	buf_addc(b, ',');
	add_dec16(b, &hs->suites_offered);
	buf_addc(b, ',');
	add_dec16(b, &hs->exts_offered);
	buf_addc(b, ',');
	add_dec16(b, &hs->groups_offered);
	buf_addc(b, ',');
	add_dec8(b, &hs->ec_point_formats);
	crypto_md5_hex(b->p, b->len, md5);
	if (keep(c, &hs->fp->ja3_full, buf_str(b), b->len) &&
	    keep(c, &hs->fp->ja3, md5, 32))
		return true;
	hs->fp->ja3_full = hs->fp->ja3 = NULL;
	return false;
}

static bool
fp_ja3s(struct conn *c, struct tls_hs *hs, struct buf *b)
{
	struct u16list sh = hs->exts_chosen;
	char md5[33];

	buf_reset(b);
	buf_add_u64(b, hs->server_version);
	buf_addc(b, ',');
	buf_add_u64(b, hs->suite);
	buf_addc(b, ',');
	/* Only the ServerHello's: decryption appends EncryptedExtensions'. */
	sh.n = sh.n > hs->n_exts_ee ? sh.n - hs->n_exts_ee : 0;
	add_dec16(b, &sh);
	crypto_md5_hex(b->p, b->len, md5);
	if (keep(c, &hs->fp->ja3s_full, buf_str(b), b->len) &&
	    keep(c, &hs->fp->ja3s, md5, 32))
		return true;
	hs->fp->ja3s_full = hs->fp->ja3s = NULL;
	return false;
}

/*
 * ja4_proto: "q" for QUIC (its transport parameters extension, RFC 9001,
 * 8.2), "d" for DTLS (a 0xfeXX version), else "t".
 */
static char
ja4_proto(const struct tls_hs *hs)
{
	if ((hs->client_version >> 8) == 0xfe)
		return 'd';
	if (has_ext(&hs->exts_offered, EXT_QUIC_PARAMS) ||
	    has_ext(&hs->exts_offered, EXT_QUIC_PARAMS_DRAFT))
		return 'q';
	return 't';
}

/*
 * ja4_version: the highest supported_versions entry when the extension is
 * there, else ClientHello.legacy_version. DTLS counts down (0xfefc, DTLS
 * 1.3, is newer than 0xfefd).
 */
static const char *
ja4_version(const struct tls_hs *hs)
{
	static const struct {
		uint16_t	 v;
		const char	*name;
	} names[] = {
		{ 0x0304, "13" }, { 0x0303, "12" }, { 0x0302, "11" },
		{ 0x0301, "10" }, { 0x0300, "s3" }, { 0x0002, "s2" },
		{ 0xfeff, "d1" }, { 0xfefd, "d2" }, { 0xfefc, "d3" },
	};
	uint16_t best = hs->client_version, v;
	bool found = false;
	uint32_t i;

	if (has_ext(&hs->exts_offered, EXT_SUPPORTED_VERSIONS)) {
		for (i = 0; i < hs->versions_offered.n; i++) {
			v = hs->versions_offered.v[i];
			if (is_grease(v))
				continue;
			if (!found || ((v >> 8) == 0xfe && (best >> 8) == 0xfe ?
			    v < best : v > best))
				best = v;
			found = true;
		}
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].v == best)
			return names[i].name;
	return "00";
}

/*
 * ja4_alpn: first and last characters of the first ALPN value, "00"
 * without one. When either end is not an ASCII letter or digit, "99", as
 * FoxIO's published values for its sample captures have it
 * (ja4__tls-non-ascii-alpn.pcapng in ../shared/pcaps/public/
 * ja4-expected.jsonl, this project's reference). The current JA4.md
 * writes the first and last hex digits of the value instead (0xAB 0xCD
 * would give "ad"); tlshake-json(5) says which rule tlshake follows.
 */
static void
ja4_alpn(const struct tls_hs *hs, char out[3])
{
	const struct bstr *a;
	uint8_t first = 0, last = 0, second;
	struct cur v;
	uint32_t i;

	memcpy(out, "00", 3);
	for (i = 0; i < hs->alpn_offered.n; i++) {
		a = &hs->alpn_offered.v[i];
		cur_init(&v, a->p, a->len);
		/* RFC 8701, 3: GREASE ALPN ids are two equal bytes 0x?A. */
		if (cur_len(&v) == 2 && cur_peek_at_u8(&v, 0, &first) &&
		    cur_peek_at_u8(&v, 1, &second) && first == second &&
		    (first & 0x0f) == 0x0a)
			continue;
		if (!cur_peek_at_u8(&v, 0, &first) ||
		    !cur_peek_at_u8(&v, cur_len(&v) - 1, &last))
			return;	/* empty first value: "00" */
		break;
	}
	if (i == hs->alpn_offered.n)
		return;
	if (is_alnum(first) && is_alnum(last)) {
		out[0] = (char)first;
		out[1] = (char)last;
	} else
		memcpy(out, "99", 3);
}

static bool
fp_ja4(struct conn *c, struct tls_hs *hs, struct buf *b)
{
	uint16_t *ciphers, *exts, *sigs;
	size_t n_ciphers, n_exts, n_sigs, n_all, a_len, c_off, c_len;
	char alpn[3], h_ciphers[13], h_exts[13];
	bool ok = false;

	ciphers = x_calloc(hs->suites_offered.n, sizeof(*ciphers));
	exts = x_calloc(hs->exts_offered.n, sizeof(*exts));
	sigs = x_calloc(hs->sig_algs_offered.n, sizeof(*sigs));
	n_ciphers = degrease(&hs->suites_offered, ciphers, false);
	n_all = degrease(&hs->exts_offered, exts, false);
	n_exts = degrease(&hs->exts_offered, exts, true);
	n_sigs = degrease(&hs->sig_algs_offered, sigs, false);
	qsort(ciphers, n_ciphers, sizeof(*ciphers), cmp_u16);
	qsort(exts, n_exts, sizeof(*exts), cmp_u16);
	ja4_alpn(hs, alpn);

	/* ja4_r: a _ sorted ciphers _ sorted extensions [_ sig algs] */
	buf_reset(b);
	buf_addc(b, ja4_proto(hs));
	buf_adds(b, ja4_version(hs));
	buf_addc(b, has_ext(&hs->exts_offered, EXT_SERVER_NAME) ? 'd' : 'i');
	add_2dec(b, n_ciphers);
	add_2dec(b, n_all);
	buf_adds(b, alpn);
	buf_addc(b, '_');
	a_len = b->len;
	add_hex16(b, ciphers, n_ciphers);
	if (n_ciphers > 0)
		crypto_sha256_hex12(b->p + a_len, b->len - a_len, h_ciphers);
	else
		memcpy(h_ciphers, JA4_EMPTY, sizeof(h_ciphers));
	buf_addc(b, '_');
	c_off = b->len;
	add_hex16(b, exts, n_exts);
	if (n_sigs > 0) {
		buf_addc(b, '_');
		add_hex16(b, sigs, n_sigs);
	}
	c_len = b->len - c_off;
	/* JA4.md, "Extension hash": no extensions left, zeros. */
	if (n_exts > 0)
		crypto_sha256_hex12(b->p + c_off, c_len, h_exts);
	else
		memcpy(h_exts, JA4_EMPTY, sizeof(h_exts));
	if (!keep(c, &hs->fp->ja4_r, buf_str(b), b->len))
		goto out;

	buf_reset(b);
	buf_add(b, hs->fp->ja4_r, a_len);
	buf_add(b, h_ciphers, 12);
	buf_addc(b, '_');
	buf_add(b, h_exts, 12);
	if (!(ok = keep(c, &hs->fp->ja4, buf_str(b), b->len)))
		hs->fp->ja4_r = NULL;
out:
	free(ciphers);
	free(exts);
	free(sigs);
	return ok;
}

/*
 * hello_unparsed: the ClientHello that opened "hs" failed to parse before
 * its extensions (cipher_suites or compression_methods overran): its
 * fields are not a client's offer, so no fingerprint is made of them
 * (every such hello would share one). tshark is not consistent there.
 */
static bool
hello_unparsed(const struct conn *c, const struct tls_hs *hs)
{
	uint32_t i, idx;

	if (hs->compressions_offered.n > 0)
		return false;
	for (idx = 0; idx < c->n_hs && &c->hs[idx] != hs; idx++)
		continue;
	if (idx == c->n_hs)
		return false;
	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == EV_HANDSHAKE && c->ev[i].sub == 1 &&
		    c->ev[i].hs_idx == idx)
			return (c->ev[i].flags & EVF_BAD) != 0;
	return false;
}

void
fp_compute(struct conn *c, struct tls_hs *hs)
{
	struct buf b;
	bool ok = true;

	if (hs->fp == NULL)
		hs->fp = x_calloc(1, sizeof(*hs->fp));
	buf_init(&b);
	if ((hs->flags & HSF_HAS_CH) && !(hs->flags & HSF_SSL2_CH) &&
	    !hello_unparsed(c, hs)) {
		if (hs->fp->ja3 == NULL && !fp_ja3(c, hs, &b))
			ok = false;
		if (hs->fp->ja4 == NULL && !fp_ja4(c, hs, &b))
			ok = false;
	}
	if ((hs->flags & HSF_HAS_SH) && hs->fp->ja3s == NULL &&
	    !fp_ja3s(c, hs, &b))
		ok = false;
	if (!ok)
		conn_anom(c, DIR_C2S, 0, ANOM_MEM_CAP, "fingerprints dropped");
	buf_cleanup(&b);
}
