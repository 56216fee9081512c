/*
 * conn.c: connections, their events, handshakes and anomalies.
 */
#include "model/conn.h"

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "model/certstore.h"

/*
 * Arrays a connection rarely fills start small in its arena and grow once
 * to their cap: most connections have no anomaly, one or two alerts and a
 * chain of two or three certificates.
 */
#define ANOM_FIRST	4
#define ALERTS_FIRST	2
#define CERTS_FIRST	4

struct model_opts model_opts = { false, false, LIM_EVENTS_PER_CONN };

_Static_assert(sizeof(struct event) == 24, "struct event stays 24 bytes");
_Static_assert(LIM_EVENTS_PER_CONN < UINT16_MAX, "event.x and n_evx: 16 bits");


struct conn *
conn_new(uint64_t id)
{
	struct conn *c = x_calloc(1, sizeof(*c));

	c->id = id;
	arena_init(&c->arena, LIM_ARENA_PER_CONN);
	return c;
}

struct conn_udp *
conn_udp(struct conn *c)
{
	if (c->udp == NULL)
		c->udp = x_calloc(1, sizeof(*c->udp));
	return c->udp;
}

const struct dtls_info *
conn_dtls(const struct conn *c)
{
	static const struct dtls_info none;

	return c->udp != NULL ? &c->udp->dtls : &none;
}

const struct quic_info *
conn_quic(const struct conn *c)
{
	static const struct quic_info none;

	return c->udp != NULL ? &c->udp->quic : &none;
}

const struct tls_fp *
conn_fp(const struct tls_hs *hs)
{
	static const struct tls_fp none;

	return hs->fp != NULL ? hs->fp : &none;
}

const struct quic_tps *
conn_qtp(const struct tls_hs *hs, enum dir dir)
{
	static const struct quic_tps none;

	return hs->qtp != NULL ? &hs->qtp[dir] : &none;
}

void
conn_hs_cleanup(struct tls_hs *hs)
{
	uint32_t i;

	for (i = 0; i < hs->n_certs; i++)
		cert_unref(hs->certs[i]);
	for (i = 0; i < hs->n_client_certs; i++)
		cert_unref(hs->client_certs[i]);
	hs->n_certs = hs->n_client_certs = 0;
	free(hs->randoms);
	free(hs->fp);
	free(hs->qtp);
	hs->randoms = NULL;
	hs->fp = NULL;
	hs->qtp = NULL;
}

void
conn_free(struct conn *c)
{
	uint32_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n_hs; i++)
		conn_hs_cleanup(&c->hs[i]);
	free(c->ev);
	free(c->evx);
	free(c->udp);
	arena_cleanup(&c->arena);
	free(c);
}

struct event *
conn_add_event(struct conn *c, uint8_t dir, uint8_t type, uint64_t ts,
    uint32_t frame, uint32_t len)
{
	struct event *e;
	uint32_t ncap;

	if (c->n_ev >= model_opts.events_cap) {
		if (c->ev_dropped++ == 0)
			conn_anom(c, dir, frame, ANOM_EVENTS_CAP,
			    "more than %u events", model_opts.events_cap);
		return NULL;
	}
	if (c->n_ev == c->cap_ev) {
		/*
		 * Most ladders have 10 to 30 rows and the array lives as long
		 * as its connection: grow by a quarter, at least 4 rows (by a
		 * half, a sixth of the rows stayed unused on the bench
		 * captures; so, a twelfth).
		 */
		ncap = c->cap_ev == 0 ? 12 : c->cap_ev + (c->cap_ev / 4 > 4 ?
		    c->cap_ev / 4 : 4);
		if (ncap > model_opts.events_cap)
			ncap = model_opts.events_cap;
		c->ev = x_realloc(c->ev, ncap, sizeof(*c->ev));
		c->cap_ev = ncap;
	}
	e = &c->ev[c->n_ev++];
	memset(e, 0, sizeof(*e));
	e->dir = dir;
	e->type = type;
	e->ts = ts;
	e->frame = frame;
	e->len = len;
	e->hs_idx = c->n_hs > 0 ? (uint8_t)(c->n_hs - 1) : 0;
	return e;
}

/* ev_extra returns the extra of "e", made on need (its frame, count 1). */
static struct ev_extra *
ev_extra(struct conn *c, struct event *e)
{
	struct ev_extra *x;

	if (e->x != 0)
		return &c->evx[e->x - 1];
	if (c->n_evx == c->cap_evx) {
		/* At most one per event: n_ev <= LIM_EVENTS_PER_CONN. */
		c->cap_evx = c->cap_evx == 0 ? 2 : (uint16_t)(c->cap_evx +
		    (c->cap_evx / 2 > 2 ? c->cap_evx / 2 : 2));
		c->evx = x_realloc(c->evx, c->cap_evx, sizeof(*c->evx));
	}
	x = &c->evx[c->n_evx++];
	x->first_frame = e->frame;
	x->count = 1;
	e->x = c->n_evx;
	return x;
}

uint32_t
conn_ev_first(const struct conn *c, const struct event *e)
{
	return e->x != 0 ? c->evx[e->x - 1].first_frame : e->frame;
}

uint32_t
conn_ev_count(const struct conn *c, const struct event *e)
{
	return e->x != 0 ? c->evx[e->x - 1].count : 1;
}

void
conn_ev_set_first(struct conn *c, struct event *e, uint32_t first)
{
	if (e->x != 0 || first != e->frame)
		ev_extra(c, e)->first_frame = first;
}

void
conn_ev_set_count(struct conn *c, struct event *e, uint32_t n)
{
	if (e->x != 0 || n != 1)
		ev_extra(c, e)->count = n;
}

void
conn_ev_set_frame(struct conn *c, struct event *e, uint32_t frame)
{
	if (e->x == 0 && frame != e->frame)
		(void)ev_extra(c, e);
	e->frame = frame;
}

void
conn_anom(struct conn *c, int dir, uint32_t frame, enum anom_code code,
    const char *fmt, ...)
{
	struct anom *a;
	char tmp[256];
	va_list ap;
	int n;

	if (c->n_anoms >= LIM_ANOM_PER_CONN) {
		c->anoms_dropped++;
		return;
	}
	if ((a = arena_grow(&c->arena, c->anoms, c->n_anoms, ANOM_FIRST,
	    LIM_ANOM_PER_CONN, sizeof(*a))) == NULL) {
		c->anoms_dropped++;
		return;
	}
	c->anoms = a;
	a = &c->anoms[c->n_anoms++];
	a->frame = frame;
	a->code = (uint16_t)code;
	a->dir = (uint8_t)dir;
	a->detail = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
		va_end(ap);
		if (n > 0)
			a->detail = arena_dup(&c->arena, tmp,
			    strnlen(tmp, sizeof(tmp)));
	}
}

struct tls_hs *
conn_hs(struct conn *c, uint32_t i)
{
	struct tls_hs *n;
	uint32_t cap;

	if (i >= LIM_HANDSHAKES)
		return NULL;
	if (i >= c->cap_hs) {
		/* One handshake is the rule; renegotiation grows to the cap. */
		cap = i == 0 ? 1 : LIM_HANDSHAKES;
		if ((n = arena_alloc(&c->arena, sizeof(*n) * cap)) == NULL)
			return NULL;
		if (c->n_hs > 0)
			memcpy(n, c->hs, sizeof(*n) * c->n_hs);
		c->hs = n;
		c->cap_hs = cap;
	}
	if (c->n_hs <= i)
		c->n_hs = i + 1;
	return &c->hs[i];
}

void
conn_flip(struct conn *c)
{
	struct endpoint t = c->cli;
	bool b;
	uint64_t u;
	uint32_t i;

	c->cli = c->srv;
	c->srv = t;
	c->cli_side ^= 1;
	b = c->tcp.fin[0]; c->tcp.fin[0] = c->tcp.fin[1]; c->tcp.fin[1] = b;
	b = c->tcp.rst[0]; c->tcp.rst[0] = c->tcp.rst[1]; c->tcp.rst[1] = b;
	u = c->tcp.bytes[0];
	c->tcp.bytes[0] = c->tcp.bytes[1];
	c->tcp.bytes[1] = u;
	for (i = 0; i < c->n_ev; i++)
		c->ev[i].dir ^= 1;
	for (i = 0; i < c->n_anoms; i++)
		c->anoms[i].dir ^= 1;
}

bool
conn_bstr(struct conn *c, struct bstr *out, const void *p, size_t len)
{
	char *s;

	if (len > LIM_STR)
		len = LIM_STR;
	if ((s = arena_dup(&c->arena, p, len)) == NULL) {
		out->p = NULL;
		out->len = 0;
		return false;
	}
	out->p = (const uint8_t *)s;
	out->len = (uint32_t)len;
	return true;
}

bool
conn_u16list(struct conn *c, struct u16list *l, uint32_t n)
{
	l->dropped = 0;
	if (n > LIM_LIST) {
		l->dropped = n - LIM_LIST;
		n = LIM_LIST;
	}
	l->n = 0;
	l->v = arena_alloc(&c->arena, (size_t)n * sizeof(uint16_t));
	return l->v != NULL;
}

bool
conn_u8list(struct conn *c, struct u8list *l, uint32_t n)
{
	if (n > LIM_LIST)
		n = LIM_LIST;
	l->n = 0;
	l->v = arena_alloc(&c->arena, n);
	return l->v != NULL;
}

void
conn_add_alert(struct conn *c, struct tls_hs *hs, const struct alert *a)
{
	struct alert *v;

	if ((v = arena_grow(&c->arena, hs->alerts, hs->n_alerts,
	    ALERTS_FIRST, LIM_ALERTS, sizeof(*v))) == NULL)
		return;
	hs->alerts = v;
	hs->alerts[hs->n_alerts++] = *a;
}

bool
conn_add_cert(struct conn *c, struct tls_hs *hs, bool client,
    struct cert *crt)
{
	struct cert ***v = client ? &hs->client_certs : &hs->certs;
	uint32_t *n = client ? &hs->n_client_certs : &hs->n_certs;
	struct cert **nv;

	if ((nv = arena_grow(&c->arena, *v, *n, CERTS_FIRST,
	    LIM_CERTS_PER_MSG, sizeof(*nv))) == NULL) {
		if (!client)
			hs->certs_dropped++;
		cert_unref(crt);
		return false;
	}
	*v = nv;
	(*v)[(*n)++] = crt;
	return true;
}

double
conn_handshake_ms(const struct conn *c, const struct tls_hs *hs)
{
	(void)c;
	if (!(hs->flags & HSF_HAS_CH) || hs->t_done < hs->t_start ||
	    hs->t_done == 0)
		return -1;
	return (double)(hs->t_done - hs->t_start) / 1000.0;
}

void
addr_str(const struct addr *a, char *out, size_t n)
{
	if (a->family == 6)
		inet_ntop(AF_INET6, a->a, out, (socklen_t)n);
	else
		inet_ntop(AF_INET, a->a, out, (socklen_t)n);
}

/* put_dec writes "v" in decimal at "p": its length. */
static size_t
put_dec(char *p, unsigned int v)
{
	char t[10];
	size_t n = 0, i;

	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (i = 0; i < n; i++)
		p[i] = t[n - 1 - i];
	return n;
}

void
endpoint_str(const struct endpoint *e, char *out, size_t n)
{
	char a[64];
	size_t k = 0;
	int i;

	if (e->ip.family != 6 && n >= sizeof("255.255.255.255:65535")) {
		/* As inet_ntop and "%s:%u" write it, without them: every
		 * JSON line and ladder header has two. */
		for (i = 0; i < 4; i++) {
			k += put_dec(out + k, e->ip.a[i]);
			out[k++] = i < 3 ? '.' : ':';
		}
		k += put_dec(out + k, e->port);
		out[k] = '\0';
		return;
	}
	addr_str(&e->ip, a, sizeof(a));
	if (e->ip.family == 6)
		snprintf(out, n, "[%s]:%u", a, e->port);
	else
		snprintf(out, n, "%s:%u", a, e->port);
}
