/*
 * tls.c: the TLS dissector's entry points: per-direction state, detection
 * by content, STARTTLS, orientation from the hellos.
 *
 * Detection: a direction becomes TLS when its first bytes are a plausible
 * first record (rec_plausible: a handshake record with a ClientHello or
 * ServerHello, or an SSLv2 CLIENT-HELLO; once the connection is TLS, any
 * record type 20..24, or an SSLv2 SERVER-HELLO after an SSLv2 client), or
 * at once on a --port. Bytes too few to decide are held (at most 5).
 * Otherwise the direction is cleartext: the start of each later delivery,
 * and inside it every offset holding 0x16, is tried again, and the
 * cleartext is searched for STARTTLS markers, until TLS_CLEAR_MAX bytes
 * of the direction were scanned; then the direction is left alone.
 *
 * Orientation: the first hello of a connection fixes the TLS roles. A
 * ClientHello from the server side, or a ServerHello from the client side,
 * flips the connection (conn_flip, and the two direction states swap)
 * when the roles were guessed from ports (ORIENT_GUESS). When they came
 * from the SYN (ORIENT_SYN), only a ClientHello from the accepting side
 * flips them: that is unambiguous (e.g. FTP active data connections),
 * while a lone ServerHello from the connecting side may just mean the
 * ClientHello was lost. Either way the connection is then ORIENT_HELLO.
 */
#include "dissect/tls.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/limits.h"
#include "dissect/cert.h"
#include "dissect/dtls.h"
#include "dissect/keys.h"
#include "dissect/quic.h"
#include "dissect/record.h"
#include "dissect/resync.h"

/* Cleartext scanned per direction for STARTTLS and a later TLS start. */
#define TLS_CLEAR_MAX	(64 * 1024)

/* Markers seen in cleartext (struct tls_dir marks). */
#define M_STARTTLS	0x0001	/* "STARTTLS" (SMTP, IMAP, NNTP) */
#define M_STLS		0x0002	/* POP3 "STLS" */
#define M_AUTH_TLS	0x0004	/* FTP "AUTH TLS" / "AUTH SSL" */
#define M_XMPP		0x0008	/* "<starttls" */
#define M_LDAP		0x0010	/* StartTLS OID */
#define M_PGSQL		0x0020	/* SSLRequest */
#define M_CONNECT	0x0040	/* "CONNECT " */
#define M_SOCKS		0x0080	/* SOCKS greeting */
#define M_MYSQL		0x0100	/* server greeting, protocol 10 */
#define M_IMAP_OK	0x0200	/* "* OK" greeting */
#define M_POP_OK	0x0400	/* "+OK" greeting */
#define M_NNTP_OK	0x0800	/* "200 " / "201 " greeting */
#define M_SMTP		0x1000	/* "220" greeting or "EHLO" / "HELO" */

struct marker {
	const char	*s;
	size_t		 len;
	uint32_t	 mark;
	bool		 at_start;	/* only at the direction's start */
};

#define MK(s, m, a)	{ s, sizeof(s) - 1, m, a }
static const struct marker markers[] = {
	MK("STARTTLS", M_STARTTLS, false),
	MK("STLS", M_STLS, false),
	MK("AUTH TLS", M_AUTH_TLS, false),
	MK("AUTH SSL", M_AUTH_TLS, false),
	MK("<starttls", M_XMPP, false),
	MK("1.3.6.1.4.1.1466.20037", M_LDAP, false),
	MK("\x00\x00\x00\x08\x04\xd2\x16\x2f", M_PGSQL, true),
	MK("CONNECT ", M_CONNECT, true),
	MK("* OK", M_IMAP_OK, true),
	MK("+OK", M_POP_OK, true),
	MK("200 ", M_NNTP_OK, true),
	MK("201 ", M_NNTP_OK, true),
	MK("220", M_SMTP, true),
	MK("EHLO", M_SMTP, true),
	MK("HELO", M_SMTP, true),
};
#define N_MARKERS	(sizeof(markers) / sizeof(markers[0]))

static bool	tls_forced(const struct tls_state *, const struct conn *);
static unsigned int tls_pl_flags(const struct conn *, struct tls_state *,
		    enum dir);
static void	tls_detect(struct conn *, struct tls_state *, enum dir,
		    const struct cur *, uint64_t, uint32_t);
static void	tls_start(struct conn *, struct tls_state *, enum dir);
static void	tls_scan(struct tls_dir *, const struct cur *);
static bool	tls_match(const struct cur *, size_t, const struct marker *);
static uint8_t	tls_starttls_kind(const struct tls_state *);

struct tls_ctx *
tls_ctx_new(const struct tls_opts *o)
{
	struct tls_ctx *ctx = x_calloc(1, sizeof(*ctx));

	ctx->force_ports = o->force_ports;
	ctx->n_force_ports = o->n_force_ports;
	ctx->max_hs_msg = o->max_hs_msg != 0 ? o->max_hs_msg : LIM_HS_MSG;
	ctx->keylog = o->keylog;
	ctx->check = cert_check_new(o->trust);
	return ctx;
}

void
tls_ctx_free(struct tls_ctx *ctx)
{
	if (ctx == NULL)
		return;
	cert_check_free(ctx->check);
	free(ctx);
}

static bool
tls_forced(const struct tls_state *st, const struct conn *c)
{
	const struct tls_ctx *ctx = st->ctx;
	uint32_t i;

	for (i = 0; i < ctx->n_force_ports; i++)
		if (ctx->force_ports[i] == c->srv.port ||
		    ctx->force_ports[i] == c->cli.port)
			return true;
	return false;
}

static unsigned int
tls_pl_flags(const struct conn *c, struct tls_state *st, enum dir dir)
{
	unsigned int f = 0;

	if (c->is_tls)
		f |= PL_ANY_TYPE;
	if (st->d[dir ^ 1].ssl2)
		f |= PL_SSL2_SERVER;
	return f;
}

static void
tls_start(struct conn *c, struct tls_state *st, enum dir dir)
{
	st->d[dir].state = DS_TLS;
	if (c->starttls == STARTTLS_NONE &&
	    (st->d[0].clear_len > 0 || st->d[1].clear_len > 0))
		c->starttls = tls_starttls_kind(st);
}

/* ASCII lower case, whatever the locale. */
static inline uint8_t
lc(uint8_t b)
{
	return b >= 'A' && b <= 'Z' ? (uint8_t)(b + ('a' - 'A')) : b;
}

/* tls_match compares "m" case-insensitively at offset "off" of "in". */
static bool
tls_match(const struct cur *in, size_t off, const struct marker *m)
{
	const uint8_t *p = cur_data(in);
	size_t i;

	if (off > cur_len(in) || m->len > cur_len(in) - off)
		return false;
	for (i = 0; i < m->len; i++)
		if (lc(p[off + i]) != lc((uint8_t)m->s[i]))
			return false;
	return true;
}

/*
 * tls_find says whether "m" starts, case-insensitively, at an offset below
 * "n" of "in": memchr finds the candidates for the first byte in either
 * case, so a delivery costs about one pass per marker.
 */
static bool
tls_find(const struct cur *in, size_t n, const struct marker *m)
{
	const uint8_t *p = cur_data(in), *q[2] = { NULL, NULL };
	uint8_t first[2];
	size_t len = cur_len(in), off = 0, end;
	int k, nk;

	if (m->len == 0 || m->len > len || n == 0)
		return false;
	end = len - m->len + 1;		/* offsets where "m" fits */
	if (end > n)
		end = n;
	first[0] = lc((uint8_t)m->s[0]);
	first[1] = first[0] >= 'a' && first[0] <= 'z' ?
	    (uint8_t)(first[0] - ('a' - 'A')) : first[0];
	nk = first[1] != first[0] ? 2 : 1;
	while (off < end) {
		const uint8_t *at = NULL;

		for (k = 0; k < nk; k++) {
			if (q[k] == NULL || q[k] < p + off)
				q[k] = memchr(p + off, first[k], end - off);
			if (q[k] != NULL && (at == NULL || q[k] < at))
				at = q[k];
		}
		if (at == NULL)
			return false;
		off = (size_t)(at - p);
		if (tls_match(in, off, m))
			return true;
		off++;
	}
	return false;
}

/* tls_scan notes the markers in one cleartext delivery. */
static void
tls_scan(struct tls_dir *d, const struct cur *in)
{
	size_t i, n = cur_len(in);
	uint8_t b0, b1, b2;

	if (d->clear_len == 0) {
		/* MySQL: 3-byte length, sequence 0, protocol version 10. */
		if (cur_peek_at_u8(in, 3, &b0) && b0 == 0 &&
		    cur_peek_at_u8(in, 4, &b1) && b1 == 10)
			d->marks |= M_MYSQL;
		/* SOCKS5: 05, nmethods, methods; SOCKS4: 04 01. */
		if (cur_peek_at_u8(in, 0, &b0) && cur_peek_at_u8(in, 1, &b1) &&
		    ((b0 == 5 && b1 >= 1 && n == 2 + (size_t)b1) ||
		    (b0 == 4 && b1 == 1 && cur_peek_at_u8(in, 2, &b2))))
			d->marks |= M_SOCKS;
	}
	if (n > TLS_CLEAR_MAX - d->clear_len)
		n = TLS_CLEAR_MAX - d->clear_len;
	for (i = 0; i < N_MARKERS; i++) {
		if (d->marks & markers[i].mark)
			continue;
		if (markers[i].at_start) {
			if (tls_match(in, 0, &markers[i]))
				d->marks |= markers[i].mark;
			continue;
		}
		if (tls_find(in, n, &markers[i]))
			d->marks |= markers[i].mark;
	}
}

static uint8_t
tls_starttls_kind(const struct tls_state *st)
{
	uint32_t m = st->d[0].marks | st->d[1].marks;

	if (m & M_PGSQL)
		return STARTTLS_POSTGRES;
	if (m & M_LDAP)
		return STARTTLS_LDAP;
	if (m & M_XMPP)
		return STARTTLS_XMPP;
	if (st->d[DIR_S2C].marks & M_MYSQL)
		return STARTTLS_MYSQL;
	if (st->d[DIR_C2S].marks & M_SOCKS)
		return STARTTLS_SOCKS;
	if (m & M_CONNECT)
		return STARTTLS_HTTP_CONNECT;
	if (m & M_AUTH_TLS)
		return STARTTLS_FTP;
	if (m & (M_STLS | M_POP_OK))
		return STARTTLS_POP3;
	if (m & M_STARTTLS) {
		if (m & M_IMAP_OK)
			return STARTTLS_IMAP;
		if (m & M_NNTP_OK)
			return STARTTLS_NNTP;
		if (m & M_SMTP)
			return STARTTLS_SMTP;
	}
	return STARTTLS_OTHER;
}

/*
 * tls_detect handles a delivery of a direction not yet known to be TLS:
 * the held prefix plus the delivery's start decide; otherwise the bytes
 * are cleartext, scanned for markers and for a TLS start inside.
 */
static void
tls_detect(struct conn *c, struct tls_state *st, enum dir dir,
    const struct cur *data, uint64_t ts, uint32_t frame)
{
	struct tls_dir *d = &st->d[dir];
	struct cur probe, rest;
	uint8_t tmp[8], b;
	size_t have, add, off, n;
	enum rec_pl pl;

	if (d->state == DS_NEW && tls_forced(st, c)) {
		tls_start(c, st, dir);
		rec_feed(c, st, &dir, data, ts, frame);
		return;
	}
	/* The held prefix and the first bytes of this delivery. */
	have = d->rlen;
	add = sizeof(tmp) - have;
	if (add > cur_len(data))
		add = cur_len(data);
	if (have > 0)
		memcpy(tmp, d->rbuf, have);
	probe = *data;
	cur_copy(&probe, tmp + have, add);
	cur_init(&probe, tmp, have + add);
	pl = rec_plausible(&probe, tls_pl_flags(c, st, dir));
	if (pl == PL_YES) {
		/* An SSLv2 header has its high bit set (RFC 5246, E.2). */
		if (cur_peek_u8(&probe, &b) && (b & 0x80))
			d->ssl2 = true;
		tls_start(c, st, dir);
		rec_feed(c, st, &dir, data, ts, frame);
		return;
	}
	if (pl == PL_MAYBE) {
		/* Fewer than 6 bytes in all: hold them as a record start. */
		if (!state_grow(&d->rbuf, &d->rcap, have + add, REC_MAX_WIRE))
			return;
		if (have == 0)
			d->rfirst = frame;
		probe = *data;
		cur_copy(&probe, d->rbuf + have, add);
		d->rlen = have + add;
		return;
	}
	if (have == 0 && d->state != DS_OFF && resync_plausible(data)) {
		/* Records of a conversation whose start was not seen. */
		conn_anom(c, dir, frame, ANOM_REC_AFTER_GAP,
		    "first record found inside the stream");
		d->resync_noted = true;
		d->hs_lost = true;
		if (cur_peek_u8(data, &b) && (b & 0x80))
			d->ssl2 = true;
		/* What came before was the rest of a record, not a
		 * cleartext protocol upgraded to TLS. */
		d->clear_len = 0;
		d->marks = 0;
		d->state = DS_TLS;
		rec_feed(c, st, &dir, data, ts, frame);
		return;
	}
	d->rlen = 0;
	if (d->state == DS_OFF)
		return;
	d->state = DS_CLEAR;
	tls_scan(d, data);
	/* A TLS start inside the delivery (e.g. after "220 Ready\r\n"). */
	n = cur_len(data);
	if (n > TLS_CLEAR_MAX - d->clear_len)
		n = TLS_CLEAR_MAX - d->clear_len;
	for (off = 1; off < n; off++) {
		if (!cur_peek_at_u8(data, off, &b) || b != REC_HANDSHAKE)
			continue;
		if (!cur_sub(data, &rest, off, cur_len(data) - off) ||
		    rec_plausible(&rest, 0) != PL_YES)
			continue;
		d->clear_len += off;
		tls_start(c, st, dir);
		rec_feed(c, st, &dir, &rest, ts, frame);
		return;
	}
	d->clear_len += cur_len(data);
	if (d->clear_len >= TLS_CLEAR_MAX)
		d->state = DS_OFF;
}

void
tls_data(struct tls_ctx *ctx, struct conn *c, enum dir dir,
    const struct cur *data, uint64_t ts, uint32_t frame)
{
	struct tls_state *st;
	struct tls_dir *d;
	uint8_t b;

	if (cur_len(data) == 0)
		return;
	st = state_of(ctx, c);
	d = &st->d[dir];
	d->last_frame = frame;
	switch (d->state) {
	case DS_NEW:
	case DS_CLEAR:
		tls_detect(c, st, dir, data, ts, frame);
		break;
	case DS_TLS:
		rec_feed(c, st, &dir, data, ts, frame);
		break;
	case DS_RESYNC:
		/* After a gap: only a confirmed header at a delivery start. */
		if (!resync_plausible(data))
			break;
		if (cur_peek_u8(data, &b) && (b & 0x80))
			d->ssl2 = true;
		d->state = DS_TLS;
		rec_feed(c, st, &dir, data, ts, frame);
		break;
	default:
		break;
	}
}

void
tls_gap(struct tls_ctx *ctx, struct conn *c, enum dir dir, uint64_t len,
    uint64_t ts, uint32_t frame)
{
	resync_gap(c, state_of(ctx, c), dir, len, ts, frame);
}

/*
 * tls_end only notes the frame: bytes may still come after an end (a RST
 * from one side while the other's segments are in flight, which reassembly
 * still delivers), so a record cut by the end is judged in tls_free, when
 * the connection retires and before it is reported.
 */
void
tls_end(struct conn *c, enum dir dir, uint64_t ts, uint32_t frame)
{
	struct tls_state *st = c->dis;

	(void)ts;
	if (st != NULL && frame != 0)
		st->d[dir].last_frame = frame;
}

/* tls_free records what the ends cut short, then frees the state. */
void
tls_free(struct conn *c)
{
	struct tls_state *st = c->dis;

	if (st == NULL)
		return;
	rec_end(c, st, DIR_C2S, st->d[DIR_C2S].last_frame);
	rec_end(c, st, DIR_S2C, st->d[DIR_S2C].last_frame);
	dtls_end(c, st);
	quic_end(c, st);
	rec_cleanup(&st->d[0]);
	rec_cleanup(&st->d[1]);
	keys_free(st);
	free(st->udp);
	free(st);
	c->dis = NULL;
}
