/*
 * state.c: the helpers on the dissector's state that every file of
 * dissect/ uses (state.h). It calls no other file of dissect/.
 */
#include "dissect/state.h"

#include <stdlib.h>

#include "common/arena.h"

struct tls_state *
state_of(struct tls_ctx *ctx, struct conn *c)
{
	struct tls_state *st = c->dis;

	if (st == NULL) {
		st = x_calloc(1, sizeof(*st));
		st->ctx = ctx;
		st->max_hs_msg = ctx->max_hs_msg;
		c->dis = st;
	}
	return st;
}

struct tls_udp *
state_udp(struct tls_state *st)
{
	if (st->udp == NULL)
		st->udp = x_calloc(1, sizeof(*st->udp));
	return st->udp;
}

uint16_t
state_epoch(const struct tls_state *st)
{
	return st->udp != NULL ? st->udp->dtls_epoch : 0;
}

bool
state_nodec(const struct tls_state *st)
{
	return st->udp != NULL && st->udp->dtls_nodec;
}

enum dir
state_orient(struct conn *c, struct tls_state *st, enum dir dir, uint8_t type)
{
	struct tls_dir t;
	bool wrong;

	if (st->hello_seen || (type != 1 && type != 2))
		return dir;
	st->hello_seen = true;
	wrong = (type == 1 && dir == DIR_S2C) || (type == 2 && dir == DIR_C2S);
	if (!wrong) {
		if (c->orient == ORIENT_GUESS)
			c->orient = ORIENT_HELLO;
		return dir;
	}
	if (c->orient == ORIENT_SYN && type == 2)
		return dir;
	t = st->d[0];
	st->d[0] = st->d[1];
	st->d[1] = t;
	conn_flip(c);
	c->orient = ORIENT_HELLO;
	return dir == DIR_C2S ? DIR_S2C : DIR_C2S;
}

struct tls_hs *
state_hs(struct conn *c, struct tls_state *st)
{
	return conn_hs(c, st->cur_hs);
}

uint16_t
state_version(const struct tls_state *st, uint16_t v)
{
	if (!st->dtls)
		return v;
	switch (v) {
	case 0xfefc:
		return 0x0304;
	case 0xfefd:
		return 0x0303;
	case 0xfeff:
	case 0x0100:	/* OpenSSL's pre-RFC DTLS1_BAD_VER */
		return 0x0302;
	default:
		return v;
	}
}

bool
state_is_tls13(uint16_t v)
{
	/* IETF drafts 0x7fNN, Google's 0x7eNN and Facebook's 0xfbNN
	 * experiments (draft-based). */
	return v == 0x0304 || (v >> 8) == 0x7f || (v >> 8) == 0x7e ||
	    (v >> 8) == 0xfb;
}

bool
state_grow(uint8_t **buf, uint32_t *cap, size_t need, uint32_t max)
{
	uint32_t n;

	if (need <= *cap)
		return true;
	if (need > max)
		return false;
	n = *cap == 0 ? 512 : *cap;
	if (n > max)
		n = max;
	while (n < need)
		n = n > max / 2 ? max : n * 2;
	*buf = x_realloc(*buf, n, 1);
	*cap = n;
	return true;
}

void
state_trim(uint8_t **buf, uint32_t *cap)
{
	/* Memory follows open connections: a large buffer left empty goes
	 * back at once rather than staying with the connection. */
	if (*cap > STATE_KEEP) {
		free(*buf);
		*buf = NULL;
		*cap = 0;
	}
}

bool
state_hs_known(uint8_t t)
{
	switch (t) {
	case HS_HELLO_REQUEST: case HS_CLIENT_HELLO: case HS_SERVER_HELLO:
	case HS_NEW_SESSION_TICKET: case HS_CERTIFICATE:
	case HS_SERVER_KEY_EXCHANGE: case HS_CERTIFICATE_REQUEST:
	case HS_SERVER_HELLO_DONE: case HS_CERTIFICATE_VERIFY:
	case HS_CLIENT_KEY_EXCHANGE: case HS_FINISHED:
	case HS_CERTIFICATE_STATUS:
		return true;
	default:
		return false;
	}
}

bool
state_hs_record(struct tls_dir *d, const struct cur *body)
{
	uint8_t t;

	if (!d->hs_lost || d->hlen > 0 || d->hskip > 0)
		return true;
	if (!cur_peek_u8(body, &t) || !state_hs_known(t))
		return false;
	d->hs_lost = false;
	return true;
}
