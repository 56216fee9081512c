/*
 * agg.c: per-server and per-client-fingerprint aggregates for --diff.
 *
 * A server keeps its distinct client offers (the non-GREASE suites in the
 * client's order: browsers draw new GREASE values per connection), the
 * suite it chose for each, the versions it accepted and the weakest suite.
 * Whether it follows the client's preference or its own shows only when
 * two clients offered the same suites in different orders:
 *  - client order: each got the suite it ranked higher of the two chosen;
 *  - server order: the clients put different suites first, the server
 *    chose the same one for both.
 * A client fingerprint keeps the weak and insecure suites it offers and
 * its downgrade signals (RFC 7507 TLS_FALLBACK_SCSV, the RFC 8446, 4.1.3
 * sentinel, a version chosen below its highest).
 */
#include "view/agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/esc.h"
#include "common/limits.h"
#include "dissect/suite.h"
#include "view/json.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/tally.h"

#define NO_OFFER	0xffff
#define MAX_VERS	16

struct offer {
	uint64_t	 h_order, h_set;
	uint16_t	*v;		/* up to LIM_DIFF_OFFER_SUITES */
	uint32_t	 n, n_total;
	uint64_t	 count;
};

struct choice {
	uint16_t	 offer;		/* index into offers, or NO_OFFER */
	uint16_t	 suite, version;
	uint32_t	 pos;		/* in the client's list as sent */
	uint64_t	 count;
};

struct vcount {
	uint16_t	 v;
	uint64_t	 n;
};

struct srv {
	char		 ep[64];
	uint8_t		*sni;
	uint32_t	 sni_len;
	uint64_t	 conns, unchosen;
	struct offer	 offers[LIM_DIFF_OFFERS];
	uint32_t	 n_offers;
	uint64_t	 offers_dropped;
	struct choice	 ch[LIM_DIFF_CHOICES];
	uint32_t	 n_ch;
	uint64_t	 ch_dropped;
	struct vcount	 vers[MAX_VERS];
	uint32_t	 n_vers;
	uint16_t	 weakest;
	bool		 has_weakest;
	enum policy_profile profile;
};

struct cli {
	char		 ja3[40], ja4[48];
	uint64_t	 conns, fallback, sentinel, below;
	uint16_t	 highest;
	uint16_t	 weak[LIM_DIFF_CHOICES];
	uint32_t	 n_weak;
	uint64_t	 weak_dropped;
};

struct agg {
	struct tally	 srv, cli;
	uint64_t	 conns;
};

struct pref {
	int		 client, server;
	char		 why_client[200], why_server[200];
};

static void	free_srv(void *);
static uint64_t	fnv(uint64_t, uint16_t);
static int	cmp16(const void *, const void *);
static uint32_t	offer_pos(const struct offer *, uint16_t);
static uint32_t	add_offer(struct srv *, const struct tls_hs *);
static void	add_vcount(struct vcount *, uint32_t *, uint16_t);
static int	rank(uint16_t);
static void	add_srv(struct agg *, const struct conn *,
		    const struct tls_hs *);
static void	add_cli(struct agg *, const struct tls_hs *);
static const struct choice *top_choice(const struct srv *, uint32_t);
static void	infer(const struct srv *, struct pref *);
static const char *pref_name(const struct pref *);
static void	text_srv(struct buf *, const struct srv *,
		    const struct text_opts *);
static void	text_cli(struct buf *, const struct cli *,
		    const struct text_opts *);
static void	json_srv(struct buf *, const struct srv *);
static void	json_cli(struct buf *, const struct cli *);

struct agg *
agg_new(void)
{
	struct agg *a = x_calloc(1, sizeof(*a));

	tally_init(&a->srv, LIM_DIFF_KEYS, free_srv);
	tally_init(&a->cli, LIM_DIFF_KEYS, free);
	return a;
}

static void
free_srv(void *p)
{
	struct srv *s = p;
	uint32_t i;

	for (i = 0; i < s->n_offers; i++)
		free(s->offers[i].v);
	free(s->sni);
	free(s);
}

void
agg_free(struct agg *a)
{
	if (a == NULL)
		return;
	tally_cleanup(&a->srv);
	tally_cleanup(&a->cli);
	free(a);
}

static uint64_t
fnv(uint64_t h, uint16_t v)
{
	h = (h ^ (v >> 8)) * 0x100000001b3ULL;
	return (h ^ (v & 0xff)) * 0x100000001b3ULL;
}

static int
cmp16(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

	return (x > y) - (x < y);
}

static uint32_t
offer_pos(const struct offer *o, uint16_t id)
{
	uint32_t i;

	for (i = 0; i < o->n; i++)
		if (o->v[i] == id)
			return i + 1;
	return 0;
}

/* add_offer finds or adds the client's offer; NO_OFFER past the cap. */
static uint32_t
add_offer(struct srv *s, const struct tls_hs *hs)
{
	const struct u16list *l = &hs->suites_offered;
	uint64_t ho = 0xcbf29ce484222325ULL, hset = ho;
	uint16_t *tmp;
	uint32_t i, n = 0;
	struct offer *o;

	tmp = x_calloc(l->n + 1, sizeof(*tmp));
	for (i = 0; i < l->n; i++)
		if (!suite_is_grease(l->v[i])) {
			tmp[n++] = l->v[i];
			ho = fnv(ho, l->v[i]);
		}
	o = NULL;
	for (i = 0; i < s->n_offers; i++)
		if (s->offers[i].h_order == ho && s->offers[i].n_total == n) {
			o = &s->offers[i];
			break;
		}
	if (o == NULL && s->n_offers == LIM_DIFF_OFFERS) {
		s->offers_dropped++;
		free(tmp);
		return NO_OFFER;
	}
	if (o == NULL) {
		o = &s->offers[s->n_offers++];
		o->h_order = ho;
		o->n_total = n;
		o->n = n < LIM_DIFF_OFFER_SUITES ? n : LIM_DIFF_OFFER_SUITES;
		o->v = x_calloc(o->n + 1, sizeof(*o->v));
		memcpy(o->v, tmp, o->n * sizeof(*o->v));
		qsort(tmp, n, sizeof(*tmp), cmp16);
		for (i = 0; i < n; i++)
			hset = fnv(hset, tmp[i]);
		o->h_set = hset;
	}
	free(tmp);
	o->count++;
	return (uint32_t)(o - s->offers);
}

static void
add_vcount(struct vcount *v, uint32_t *n, uint16_t ver)
{
	uint32_t i;

	for (i = 0; i < *n; i++)
		if (v[i].v == ver) {
			v[i].n++;
			return;
		}
	if (*n < MAX_VERS) {
		v[*n].v = ver;
		v[(*n)++].n = 1;
	}
}

/* Weakest first: insecure, unknown, weak, secure. */
static int
rank(uint16_t id)
{
	switch (policy_strength(id)) {
	case STRENGTH_INSECURE:
		return 0;
	case STRENGTH_WEAK:
		return 2;
	case STRENGTH_SECURE:
		return 3;
	default:
		return 1;
	}
}

static void
add_srv(struct agg *a, const struct conn *c, const struct tls_hs *hs)
{
	struct tally_ent *e;
	struct srv *s;
	struct buf key;
	uint32_t off, i;
	enum policy_profile p;
	bool created;

	/* Key: "address:port" NUL SNI. */
	buf_init(&key);
	tally_server_key(&key, c, hs);
	e = tally_get(&a->srv, key.p, key.len, &created);
	if (e == NULL) {
		buf_cleanup(&key);
		return;
	}
	if (created) {
		s = e->data = x_calloc(1, sizeof(*s));
		endpoint_str(&c->srv, s->ep, sizeof(s->ep));
		if (hs->sni.p != NULL) {
			s->sni = x_malloc(hs->sni.len + 1);
			memcpy(s->sni, hs->sni.p, hs->sni.len);
			s->sni_len = hs->sni.len;
		}
		s->profile = PROF_MODERN;
	}
	buf_cleanup(&key);
	s = e->data;
	e->n++;
	s->conns++;
	if (!(hs->flags & HSF_HAS_SUITE)) {
		s->unchosen++;
		return;
	}
	off = (hs->flags & HSF_HAS_CH) && hs->suites_offered.n > 0 ?
	    add_offer(s, hs) : NO_OFFER;
	for (i = 0; i < s->n_ch; i++)
		if (s->ch[i].offer == off && s->ch[i].suite == hs->suite &&
		    s->ch[i].version == hs->version)
			break;
	if (i == s->n_ch && s->n_ch < LIM_DIFF_CHOICES) {
		s->ch[i].offer = (uint16_t)off;
		s->ch[i].suite = hs->suite;
		s->ch[i].version = hs->version;
		s->ch[i].pos = policy_position(hs);
		s->n_ch++;
	}
	if (i < s->n_ch)
		s->ch[i].count++;
	else
		s->ch_dropped++;
	if (hs->version != 0)
		add_vcount(s->vers, &s->n_vers, hs->version);
	if (!s->has_weakest || rank(hs->suite) < rank(s->weakest)) {
		s->weakest = hs->suite;
		s->has_weakest = true;
	}
	p = policy_profile_of(hs->version, hs->suite);
	if (p > s->profile)
		s->profile = p;
}

static void
add_cli(struct agg *a, const struct tls_hs *hs)
{
	const struct tls_fp *fp = conn_fp(hs);
	const char *key = fp->ja4 != NULL ? fp->ja4 : fp->ja3 != NULL ?
	    fp->ja3 : "";
	struct tally_ent *e;
	struct cli *k;
	uint16_t hi = policy_highest(hs), id;
	uint32_t i, j;
	bool created;

	if (!(hs->flags & HSF_HAS_CH))
		return;
	if ((e = tally_get(&a->cli, key, strlen(key), &created)) == NULL)
		return;
	if (created) {
		k = e->data = x_calloc(1, sizeof(*k));
		snprintf(k->ja3, sizeof(k->ja3), "%s", fp->ja3 != NULL ?
		    fp->ja3 : "");
		snprintf(k->ja4, sizeof(k->ja4), "%s", fp->ja4 != NULL ?
		    fp->ja4 : "");
		for (i = 0; i < hs->suites_offered.n; i++) {
			id = hs->suites_offered.v[i];
			if (rank(id) != 0 && rank(id) != 2)
				continue;
			for (j = 0; j < k->n_weak && k->weak[j] != id; j++)
				continue;
			if (j < k->n_weak)
				continue;
			if (k->n_weak < LIM_DIFF_CHOICES)
				k->weak[k->n_weak++] = id;
			else
				k->weak_dropped++;
		}
	}
	k = e->data;
	e->n++;
	k->conns++;
	if (hi > k->highest)
		k->highest = hi;
	k->fallback += (hs->flags & HSF_FALLBACK_SCSV) != 0;
	k->sentinel += (hs->flags & HSF_DOWNGRADE) != 0;
	k->below += hs->version >= 0x0300 && hs->version <= 0x0304 &&
	    hs->version < hi;
}

void
agg_add(struct agg *a, const struct conn *c)
{
	const struct tls_hs *hs = label_hs0(c);

	if (hs == NULL)
		return;
	a->conns++;
	add_srv(a, c, hs);
	add_cli(a, hs);
}

/* The suite most often chosen for offer "off". */
static const struct choice *
top_choice(const struct srv *s, uint32_t off)
{
	const struct choice *best = NULL;
	uint32_t i;

	for (i = 0; i < s->n_ch; i++)
		if (s->ch[i].offer == off && (best == NULL ||
		    s->ch[i].count > best->count))
			best = &s->ch[i];
	return best;
}

static void
infer(const struct srv *s, struct pref *p)
{
	const struct offer *oi, *oj;
	const struct choice *ci, *cj;
	uint32_t i, j, a1, a2, b1, b2;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < s->n_offers; i++)
		for (j = i + 1; j < s->n_offers; j++) {
			oi = &s->offers[i];
			oj = &s->offers[j];
			if (oi->h_set != oj->h_set || oi->n_total != oj->n_total
			    || oi->h_order == oj->h_order || oi->n == 0)
				continue;
			if ((ci = top_choice(s, i)) == NULL ||
			    (cj = top_choice(s, j)) == NULL)
				continue;
			if (ci->suite != cj->suite) {
				a1 = offer_pos(oi, ci->suite);
				a2 = offer_pos(oi, cj->suite);
				b1 = offer_pos(oj, cj->suite);
				b2 = offer_pos(oj, ci->suite);
				if (a1 && a2 && b1 && b2 && a1 < a2 && b1 < b2 &&
				    p->client++ == 0)
					snprintf(p->why_client,
					    sizeof(p->why_client), "clients "
					    "ranking %s and %s higher each got "
					    "the one they ranked higher",
					    suite_name(ci->suite),
					    suite_name(cj->suite));
			} else if (oi->v[0] != oj->v[0] &&
			    p->server++ == 0)
				snprintf(p->why_server, sizeof(p->why_server),
				    "clients listing %s first and %s first "
				    "both got %s", suite_name(oi->v[0]),
				    suite_name(oj->v[0]),
				    suite_name(ci->suite));
		}
}

static const char *
pref_name(const struct pref *p)
{
	if (p->client > 0 && p->server > 0)
		return "mixed";
	if (p->client > 0)
		return "client";
	if (p->server > 0)
		return "server";
	return "unknown";
}

static void
text_srv(struct buf *b, const struct srv *s, const struct text_opts *o)
{
	const char *arrow = o->utf8 ? "\xe2\x86\x92" : "->";
	const char *times = o->utf8 ? "\xc3\x97" : "x";
	struct pref p;
	char tmp[32];
	uint32_t i, j, n_ins = 0;
	const struct offer *of;

	text_role_on(b, o, ROLE_HEAD);
	buf_addf(b, "server %s", s->ep);
	if (s->sni != NULL) {
		buf_adds(b, " (");
		esc_term(b, s->sni, s->sni_len, 64);
		buf_addc(b, ')');
	}
	text_role_off(b, o, ROLE_HEAD);
	buf_addf(b, "   %llu connection%s, %u distinct client offer%s",
	    (unsigned long long)s->conns, s->conns == 1 ? "" : "s",
	    s->n_offers, s->n_offers == 1 ? "" : "s");
	if (s->offers_dropped > 0)
		buf_addf(b, " (+%llu offers not kept)",
		    (unsigned long long)s->offers_dropped);
	buf_addc(b, '\n');
	buf_addf(b, "  %-15s", "chose");
	for (i = 0; i < s->n_ch; i++) {
		uint64_t n = 0;

		for (j = 0; j < s->n_ch; j++)
			if (s->ch[j].suite == s->ch[i].suite)
				n += s->ch[j].count;
		for (j = 0; j < i && s->ch[j].suite != s->ch[i].suite; j++)
			continue;
		if (j < i)
			continue;
		buf_addf(b, "%s%s %s%llu", i > 0 ? ", " : "",
		    suite_name(s->ch[i].suite), times,
		    (unsigned long long)n);
	}
	if (s->n_ch == 0)
		buf_adds(b, "nothing");
	if (s->unchosen > 0)
		buf_addf(b, "; %llu handshake%s without a chosen suite",
		    (unsigned long long)s->unchosen,
		    s->unchosen == 1 ? "" : "s");
	buf_addc(b, '\n');
	for (i = 0; i < s->n_ch; i++) {
		const struct choice *c = &s->ch[i];

		buf_addf(b, "  %-15s", i == 0 ? "for offer" : "");
		if (c->offer != NO_OFFER) {
			of = &s->offers[c->offer];
			buf_addf(b, "#%u (%u suites, first %s) ", c->offer + 1,
			    of->n_total, of->n > 0 ? suite_name(of->v[0]) :
			    "-");
		} else
			buf_adds(b, "(offer not kept) ");
		buf_addf(b, "%s %s", arrow, suite_name(c->suite));
		if (c->pos > 0)
			buf_addf(b, ", #%u in the client's list", c->pos);
		buf_addf(b, ", %s %s%llu\n", c->version != 0 ?
		    label_version(c->version, tmp, sizeof(tmp)) : "?", times,
		    (unsigned long long)c->count);
	}
	infer(s, &p);
	buf_addf(b, "  %-15s", "preference");
	if (p.client > 0 && p.server == 0)
		buf_addf(b, "client order (%s)\n", p.why_client);
	else if (p.server > 0 && p.client == 0)
		buf_addf(b, "server order (%s)\n", p.why_server);
	else if (p.server > 0)
		buf_addf(b, "mixed (%s; %s)\n", p.why_client, p.why_server);
	else
		buf_adds(b, "unknown (no two clients offered the same suites "
		    "in different orders)\n");
	if (s->has_weakest) {
		enum suite_strength st = policy_strength(s->weakest);

		buf_addf(b, "  %-15s%s (%s)\n", "weakest",
		    suite_name(s->weakest), suite_strength_name(st));
	}
	buf_addf(b, "  %-15s", "versions");
	for (i = 0; i < s->n_vers; i++)
		buf_addf(b, "%s%s %s%llu%s", i > 0 ? ", " : "",
		    label_version(s->vers[i].v, tmp, sizeof(tmp)), times,
		    (unsigned long long)s->vers[i].n,
		    policy_deprecated(s->vers[i].v) ? " (deprecated)" : "");
	buf_adds(b, s->n_vers == 0 ? "none seen\n" : "\n");
	buf_addf(b, "  %-15s", "insecure");
	for (i = 0; i < s->n_ch; i++) {
		if (policy_strength(s->ch[i].suite) != STRENGTH_INSECURE)
			continue;
		for (j = 0; j < i && s->ch[j].suite != s->ch[i].suite; j++)
			continue;
		if (j < i)
			continue;
		text_role_on(b, o, ROLE_INSECURE);
		buf_addf(b, "%s%s", n_ins++ > 0 ? ", " : "",
		    suite_name(s->ch[i].suite));
		text_role_off(b, o, ROLE_INSECURE);
	}
	for (i = 0; i < s->n_vers; i++)
		if (policy_deprecated(s->vers[i].v))
			buf_addf(b, "%s%s", n_ins++ > 0 ? ", " : "",
			    label_version(s->vers[i].v, tmp, sizeof(tmp)));
	buf_adds(b, n_ins == 0 ? "none chosen\n" : "\n");
	buf_addf(b, "  %-15s", "profile");
	if (s->n_ch == 0)
		buf_adds(b, "unknown (no choice seen)\n");
	else if (s->profile == PROF_NONE)
		buf_adds(b, "none of Mozilla's (a choice is outside \"old\")\n");
	else
		buf_addf(b, "Mozilla %s (observed choices fit it)\n",
		    policy_profile_name(s->profile));
	buf_addc(b, '\n');
}

static void
text_cli(struct buf *b, const struct cli *k, const struct text_opts *o)
{
	const char *times = o->utf8 ? "\xc3\x97" : "x";
	char tmp[32], why[96];
	uint32_t i;

	text_role_on(b, o, ROLE_HEAD);
	if (k->ja4[0] != '\0')
		buf_addf(b, "client ja4 %s", k->ja4);
	else if (k->ja3[0] != '\0')
		buf_addf(b, "client ja3 %s", k->ja3);
	else
		buf_adds(b, "client without a fingerprint (SSLv2 or "
		    "unparsed hello)");
	text_role_off(b, o, ROLE_HEAD);
	if (k->ja4[0] != '\0' && k->ja3[0] != '\0')
		buf_addf(b, "  ja3 %s", k->ja3);
	buf_addf(b, "   %llu connection%s", (unsigned long long)k->conns,
	    k->conns == 1 ? "" : "s");
	if (k->highest != 0)
		buf_addf(b, ", highest offered %s",
		    label_version(k->highest, tmp, sizeof(tmp)));
	buf_addc(b, '\n');
	buf_addf(b, "  %-15s", "weak offered");
	for (i = 0; i < k->n_weak; i++) {
		const struct suite *s = suite_find(k->weak[i]);

		buf_addf(b, "%s%s (%s: %s)", i > 0 ? ",\n                 " :
		    "", suite_name(k->weak[i]), suite_strength_name(
		    policy_strength(k->weak[i])), policy_reasons(s, why,
		    sizeof(why)));
	}
	if (k->weak_dropped > 0)
		buf_addf(b, ", +%llu more", (unsigned long long)k->weak_dropped);
	buf_adds(b, k->n_weak == 0 ? "none\n" : "\n");
	buf_addf(b, "  %-15s", "downgrade");
	if (k->fallback + k->sentinel + k->below == 0)
		buf_adds(b, "no signal\n");
	else
		buf_addf(b, "TLS_FALLBACK_SCSV offered %s%llu, sentinel in "
		    "the server random %s%llu, chosen below its highest "
		    "%s%llu\n", times, (unsigned long long)k->fallback, times,
		    (unsigned long long)k->sentinel, times,
		    (unsigned long long)k->below);
	buf_addc(b, '\n');
}

void
agg_emit_text(struct agg *a, struct buf *b, const struct text_opts *o)
{
	size_t i;

	for (i = 0; i < a->srv.n; i++)
		text_srv(b, a->srv.v[i].data, o);
	if (a->srv.dropped > 0)
		buf_addf(b, "(%llu more servers not kept: over %u)\n\n",
		    (unsigned long long)a->srv.dropped, LIM_DIFF_KEYS);
	for (i = 0; i < a->cli.n; i++)
		text_cli(b, a->cli.v[i].data, o);
	if (a->cli.dropped > 0)
		buf_addf(b, "(%llu more client fingerprints not kept: over "
		    "%u)\n\n", (unsigned long long)a->cli.dropped,
		    LIM_DIFF_KEYS);
}

static void
json_srv(struct buf *b, const struct srv *s)
{
	struct pref p;
	char tmp[32];
	uint32_t i, j, n_ins = 0;

	buf_addc(b, '{');
	json_cstr(b, "type", "server");
	json_cstr(b, "server", s->ep);
	if (s->sni != NULL)
		json_str(b, "sni", s->sni, s->sni_len);
	json_u64(b, "connections", s->conns);
	if (s->unchosen > 0)
		json_u64(b, "unchosen", s->unchosen);
	json_u64(b, "offers", s->n_offers);
	if (s->offers_dropped > 0)
		json_u64(b, "offers_dropped", s->offers_dropped);
	if (s->n_ch > 0) {
		json_key(b, "choices");
		buf_addc(b, '[');
		for (i = 0; i < s->n_ch; i++) {
			const struct choice *c = &s->ch[i];

			json_key(b, NULL);
			buf_addc(b, '{');
			if (c->offer != NO_OFFER) {
				json_u64(b, "offer", c->offer + 1u);
				json_u64(b, "suites_offered",
				    s->offers[c->offer].n_total);
				if (s->offers[c->offer].n > 0)
					json_cstr(b, "first", suite_name(
					    s->offers[c->offer].v[0]));
			}
			json_hex16(b, "id", c->suite);
			json_cstr(b, "name", suite_name(c->suite));
			if (c->pos > 0)
				json_u64(b, "position", c->pos);
			if (c->version != 0)
				json_cstr(b, "version", label_version(
				    c->version, tmp, sizeof(tmp)));
			json_u64(b, "count", c->count);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	if (s->ch_dropped > 0)
		json_u64(b, "choices_dropped", s->ch_dropped);
	infer(s, &p);
	json_cstr(b, "preference", pref_name(&p));
	if (p.client > 0)
		json_cstr(b, "preference_evidence", p.why_client);
	if (p.server > 0)
		json_cstr(b, p.client > 0 ? "preference_evidence_server" :
		    "preference_evidence", p.why_server);
	if (s->has_weakest)
		json_emit_suite(b, "weakest", s->weakest, 0);
	if (s->n_vers > 0) {
		json_key(b, "versions");
		buf_addc(b, '[');
		for (i = 0; i < s->n_vers; i++) {
			json_key(b, NULL);
			buf_addc(b, '{');
			json_cstr(b, "version", label_version(s->vers[i].v,
			    tmp, sizeof(tmp)));
			json_u64(b, "count", s->vers[i].n);
			json_bool(b, "deprecated",
			    policy_deprecated(s->vers[i].v));
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	/* Insecure suites chosen and deprecated versions accepted. */
	for (i = 0; i < s->n_ch; i++) {
		if (policy_strength(s->ch[i].suite) != STRENGTH_INSECURE)
			continue;
		for (j = 0; j < i && s->ch[j].suite != s->ch[i].suite; j++)
			continue;
		if (j == i) {
			if (n_ins++ == 0) {
				json_key(b, "insecure");
				buf_addc(b, '[');
			}
			json_cstr(b, NULL, suite_name(s->ch[i].suite));
		}
	}
	for (i = 0; i < s->n_vers; i++)
		if (policy_deprecated(s->vers[i].v)) {
			if (n_ins++ == 0) {
				json_key(b, "insecure");
				buf_addc(b, '[');
			}
			json_cstr(b, NULL, label_version(s->vers[i].v, tmp,
			    sizeof(tmp)));
		}
	if (n_ins > 0)
		buf_addc(b, ']');
	if (s->n_ch > 0)
		json_cstr(b, "profile", policy_profile_name(s->profile));
	buf_adds(b, "}\n");
}

static void
json_cli(struct buf *b, const struct cli *k)
{
	char tmp[32];
	uint32_t i;

	buf_addc(b, '{');
	json_cstr(b, "type", "client");
	if (k->ja4[0] != '\0')
		json_cstr(b, "ja4", k->ja4);
	if (k->ja3[0] != '\0')
		json_cstr(b, "ja3", k->ja3);
	json_u64(b, "connections", k->conns);
	if (k->highest != 0)
		json_cstr(b, "highest", label_version(k->highest, tmp,
		    sizeof(tmp)));
	if (k->n_weak > 0) {
		json_key(b, "weak_suites");
		buf_addc(b, '[');
		for (i = 0; i < k->n_weak; i++)
			json_emit_suite(b, NULL, k->weak[i], 0);
		buf_addc(b, ']');
	}
	if (k->weak_dropped > 0)
		json_u64(b, "weak_dropped", k->weak_dropped);
	json_u64(b, "fallback_scsv", k->fallback);
	json_u64(b, "sentinel", k->sentinel);
	json_u64(b, "below_highest", k->below);
	buf_adds(b, "}\n");
}

void
agg_emit_json(struct agg *a, struct buf *b)
{
	size_t i;

	for (i = 0; i < a->srv.n; i++)
		json_srv(b, a->srv.v[i].data);
	for (i = 0; i < a->cli.n; i++)
		json_cli(b, a->cli.v[i].data);
	buf_addc(b, '{');
	json_cstr(b, "type", "totals");
	json_u64(b, "connections", a->conns);
	json_u64(b, "servers", a->srv.n);
	json_u64(b, "clients", a->cli.n);
	if (a->srv.dropped > 0)
		json_u64(b, "servers_dropped", a->srv.dropped);
	if (a->cli.dropped > 0)
		json_u64(b, "clients_dropped", a->cli.dropped);
	buf_adds(b, "}\n");
}
