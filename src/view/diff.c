/*
 * diff.c: offered versus chosen, per connection (--diff).
 *
 * Text: a header, then one block per negotiated item: the client's offer
 * (cipher suites one per line, decomposed, with their strength) and the
 * server's choice, highlighted. JSON: one object of type "connection".
 * Colour is never the only cue: the chosen suite is also marked in words.
 */
#include "view/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/esc.h"
#include "view/agg.h"
#include "view/json.h"
#include "view/label.h"

#define TLS_EMPTY_RENEGOTIATION_INFO_SCSV	0x00ff
#define TLS_FALLBACK_SCSV			0x5600
#define WRAP_COLS				100
#define INDENT					17

struct diff {
	bool			 json;
	const struct text_opts	*o;
	struct agg		*agg;
};

static const char *decomp(uint16_t, char *, size_t);
static void	add_names(struct buf *, size_t, const struct u16list *,
		    const char *(*)(uint16_t, char *, size_t),
		    const struct text_opts *);
static const char *version_label(uint16_t, char *, size_t);
static bool	has16(const struct u16list *, uint16_t);
static void	text_suites(struct buf *, const struct conn *,
		    const struct tls_hs *, const struct text_opts *);
static void	text_versions(struct buf *, const struct tls_hs *,
		    const struct text_opts *);
static void	text_rest(struct buf *, const struct tls_hs *,
		    const struct text_opts *);
static void	json_suite(struct buf *, const char *, uint16_t);
static void	json_alpn(struct buf *, const struct tls_hs *);

struct diff *
diff_new(bool json, const struct text_opts *o)
{
	struct diff *d = x_calloc(1, sizeof(*d));

	d->json = json;
	d->o = o;
	d->agg = agg_new();
	return d;
}

void
diff_free(struct diff *d)
{
	if (d == NULL)
		return;
	agg_free(d->agg);
	free(d);
}

void
diff_emit_conn(struct diff *d, struct buf *b, const struct conn *c)
{
	if (label_hs0(c) == NULL)
		return;
	if (d->json)
		diff_json_conn(b, c);
	else
		diff_text_conn(b, c, d->o);
	agg_add(d->agg, c);
}

void
diff_emit_end(struct diff *d, struct buf *b)
{
	if (d->json)
		agg_emit_json(d->agg, b);
	else
		agg_emit_text(d->agg, b, d->o);
}

/* "TLS1.2 ECDHE/RSA AES_128_GCM AEAD SHA256", or what the id is. */
static const char *
decomp(uint16_t id, char *buf, size_t len)
{
	const struct suite *s = suite_find(id);

	if (suite_is_grease(id))
		snprintf(buf, len, "GREASE");
	else if (id == TLS_EMPTY_RENEGOTIATION_INFO_SCSV ||
	    id == TLS_FALLBACK_SCSV)
		snprintf(buf, len, "signalling value");
	else if (s == NULL)
		snprintf(buf, len, "not in the registry");
	else
		snprintf(buf, len, "%s %s/%s %s %s", suite_proto_name(s->proto),
		    suite_kx_name(s->kx), suite_au_name(s->au),
		    suite_enc_name(s->enc), suite_mac_name(s->mac));
	return buf;
}

static const char *
version_label(uint16_t v, char *buf, size_t len)
{
	return label_version_any(v, buf, len);
}

static bool
has16(const struct u16list *l, uint16_t v)
{
	uint32_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return true;
	return false;
}

/* add_names appends a comma list wrapped under column "indent". */
static void
add_names(struct buf *b, size_t indent, const struct u16list *l,
    const char *(*fn)(uint16_t, char *, size_t), const struct text_opts *o)
{
	char tmp[32];
	size_t col = indent, n;
	uint32_t i;
	bool dep;

	for (i = 0; i < l->n; i++) {
		const char *name = fn(l->v[i], tmp, sizeof(tmp));

		n = strlen(name);
		if (i > 0 && col + n + 2 > WRAP_COLS) {
			buf_addf(b, ",\n%*s", (int)indent, "");
			col = indent;
		} else if (i > 0) {
			buf_adds(b, ", ");
			col += 2;
		}
		dep = fn == version_label && policy_deprecated(l->v[i]);
		text_role_on(b, o, dep ? ROLE_BAD : ROLE_NORMAL);
		buf_adds(b, name);
		text_role_off(b, o, dep ? ROLE_BAD : ROLE_NORMAL);
		col += n;
	}
	if (l->dropped > 0)
		buf_addf(b, ", +%u not kept", l->dropped);
}

static void
text_suites(struct buf *b, const struct conn *c, const struct tls_hs *hs,
    const struct text_opts *o)
{
	char tmp[96], why[96];
	uint32_t i, pos = policy_position(hs), weak = 0, insecure = 0;
	const struct suite *s;
	enum suite_strength st;
	bool chosen;

	buf_addf(b, "  %-*s", INDENT - 2, "cipher suite");
	if (hs->flags & HSF_SSL2_CH)
		buf_addf(b, "SSLv2-compatible hello, %u cipher specs; ",
		    hs->ssl2_n_specs);
	else if (!(hs->flags & HSF_HAS_CH))
		buf_adds(b, "ClientHello not seen; ");
	else
		buf_addf(b, "offered %u, ", hs->suites_offered.n);
	if (hs->flags & HSF_HAS_SUITE) {
		s = suite_find(hs->suite);
		st = policy_strength(hs->suite);
		if (pos > 0)
			buf_addf(b, "chosen #%u of the client's list: ", pos);
		else
			buf_adds(b, "chosen (not in the client's list): ");
		text_role_on(b, o, ROLE_CHOSEN);
		buf_adds(b, suite_name(hs->suite));
		text_role_off(b, o, ROLE_CHOSEN);
		buf_addf(b, "  (%s: ", decomp(hs->suite, tmp, sizeof(tmp)));
		text_role_on(b, o, role_strength(st));
		buf_adds(b, suite_strength_name(st));
		text_role_off(b, o, role_strength(st));
		if (*policy_reasons(s, why, sizeof(why)) != '\0')
			buf_addf(b, ", %s", why);
		buf_adds(b, ")\n");
	} else
		buf_addf(b, "none chosen (%s)\n", label_status(c));
	for (i = 0; i < hs->suites_offered.n; i++) {
		uint16_t id = hs->suites_offered.v[i];

		s = suite_find(id);
		st = policy_strength(id);
		weak += st == STRENGTH_WEAK;
		insecure += st == STRENGTH_INSECURE;
		chosen = i + 1 == pos;
		buf_addf(b, "%*s%4u ", INDENT - 5, "", i + 1);
		text_role_on(b, o, chosen ? ROLE_CHOSEN : ROLE_NORMAL);
		if (s != NULL)
			buf_addf(b, "%-44s", s->name);
		else
			buf_addf(b, "%-44s", suite_name(id));
		text_role_off(b, o, chosen ? ROLE_CHOSEN : ROLE_NORMAL);
		buf_addf(b, " %-40s", decomp(id, tmp, sizeof(tmp)));
		if (st != STRENGTH_UNKNOWN) {
			text_role_on(b, o, role_strength(st));
			buf_addf(b, " %-8s", suite_strength_name(st));
			text_role_off(b, o, role_strength(st));
		}
		/* No trailing blanks. */
		while (b->len > 0 && b->p[b->len - 1] == ' ')
			b->p[--b->len] = '\0';
		if (*policy_reasons(s, why, sizeof(why)) != '\0')
			buf_addf(b, " (%s)", why);
		if (chosen)
			buf_adds(b, o->utf8 ? "  \xe2\x97\x80 chosen" :
			    "  <- chosen");
		/* The id in hex when the name does not say it. */
		if (s == NULL && !suite_is_grease(id))
			buf_addf(b, "  0x%04x", id);
		buf_addc(b, '\n');
	}
	if (hs->suites_offered.dropped > 0)
		buf_addf(b, "%*s+%u suites not kept\n", INDENT, "",
		    hs->suites_offered.dropped);
	if (weak + insecure > 0) {
		buf_addf(b, "%*soffered but ", INDENT, "");
		if (insecure > 0) {
			text_role_on(b, o, ROLE_INSECURE);
			buf_addf(b, "%u insecure", insecure);
			text_role_off(b, o, ROLE_INSECURE);
			buf_adds(b, weak > 0 ? ", " : "");
		}
		if (weak > 0) {
			text_role_on(b, o, ROLE_WEAK);
			buf_addf(b, "%u weak", weak);
			text_role_off(b, o, ROLE_WEAK);
		}
		buf_addc(b, '\n');
	}
}

static void
text_versions(struct buf *b, const struct tls_hs *hs,
    const struct text_opts *o)
{
	char tmp[32];
	uint16_t hi = policy_highest(hs);
	enum role r;

	buf_addf(b, "  %-*s", INDENT - 2, "version");
	if (hs->versions_offered.n > 0) {
		buf_adds(b, "offered ");
		add_names(b, INDENT + 8, &hs->versions_offered,
		    version_label, o);
	} else if (hi != 0) {
		buf_adds(b, "offered up to ");
		r = policy_deprecated(hi) ? ROLE_BAD : ROLE_NORMAL;
		text_role_on(b, o, r);
		buf_adds(b, label_version(hi, tmp, sizeof(tmp)));
		text_role_off(b, o, r);
		buf_adds(b, " (legacy_version)");
	} else
		buf_adds(b, "offer not seen");
	buf_adds(b, o->utf8 ? " \xe2\x86\x92 " : " -> ");
	if (hs->version != 0) {
		buf_adds(b, "chosen ");
		r = policy_deprecated(hs->version) ? ROLE_BAD : ROLE_HEAD;
		text_role_on(b, o, r);
		buf_adds(b, label_version(hs->version, tmp, sizeof(tmp)));
		text_role_off(b, o, r);
		if (policy_deprecated(hs->version))
			buf_adds(b, " (deprecated, RFC 8996)");
		if (hi != 0 && hs->version >= 0x0300 &&
		    hs->version <= 0x0304 && hs->version < hi) {
			text_role_on(b, o, ROLE_BAD);
			buf_addf(b, "  below the client's highest (%s)",
			    label_version(hi, tmp, sizeof(tmp)));
			text_role_off(b, o, ROLE_BAD);
		}
	} else
		buf_adds(b, "none chosen");
	buf_addc(b, '\n');
}

static void
text_rest(struct buf *b, const struct tls_hs *hs, const struct text_opts *o)
{
	const struct tls_fp *fp = conn_fp(hs);
	const char *arrow = o->utf8 ? " \xe2\x86\x92 " : " -> ";
	char tmp[32];
	uint32_t i;

	if (hs->groups_offered.n > 0 || (hs->flags & HSF_HAS_GROUP)) {
		buf_addf(b, "  %-*soffered ", INDENT - 2, "group");
		if (hs->groups_offered.n > 0)
			add_names(b, INDENT + 8, &hs->groups_offered,
			    label_group, o);
		else
			buf_adds(b, "none");
		buf_adds(b, arrow);
		if (hs->flags & HSF_HAS_GROUP) {
			buf_addf(b, "chosen %s", label_group(hs->group, tmp,
			    sizeof(tmp)));
			if (hs->flags & HSF_SKE_GROUP)
				buf_adds(b, " (ServerKeyExchange)");
			else if (hs->flags & HSF_HRR)
				buf_adds(b, " (after a HelloRetryRequest)");
			else if (has16(&hs->key_shares_offered, hs->group))
				buf_adds(b, " (key share sent, no HRR)");
		} else
			buf_adds(b, "none seen");
		if (hs->flags & HSF_HAS_HRR_GROUP)
			buf_addf(b, "; HelloRetryRequest asked for %s",
			    label_group(hs->hrr_group, tmp, sizeof(tmp)));
		buf_addc(b, '\n');
	}
	if (hs->sig_algs_offered.n > 0 || hs->ske_sig_alg != 0) {
		buf_addf(b, "  %-*soffered ", INDENT - 2, "signature alg");
		if (hs->sig_algs_offered.n > 0)
			add_names(b, INDENT + 8, &hs->sig_algs_offered,
			    label_sigalg, o);
		else
			buf_adds(b, "none");
		buf_adds(b, arrow);
		if (hs->ske_sig_alg != 0)
			buf_addf(b, "chosen %s (ServerKeyExchange)",
			    label_sigalg(hs->ske_sig_alg, tmp, sizeof(tmp)));
		else if (hs->version == 0x0304)
			buf_adds(b, "not seen (in the CertificateVerify)");
		else
			buf_adds(b, "not seen");
		buf_addc(b, '\n');
	}
	if (hs->alpn_offered.n > 0 || hs->alpn.p != NULL) {
		buf_addf(b, "  %-*soffered ", INDENT - 2, "ALPN");
		for (i = 0; i < hs->alpn_offered.n; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			esc_term(b, hs->alpn_offered.v[i].p,
			    hs->alpn_offered.v[i].len, 40);
		}
		if (hs->alpn_offered.n == 0)
			buf_adds(b, "none");
		buf_adds(b, arrow);
		if (hs->alpn.p != NULL) {
			buf_adds(b, "chosen ");
			esc_term(b, hs->alpn.p, hs->alpn.len, 40);
		} else if (hs->version == 0x0304 &&
		    !(hs->flags & HSF_DECRYPTED))
			/* RFC 8446, 4.3.1: in EncryptedExtensions. */
			buf_adds(b, "not seen (encrypted in TLS 1.3)");
		else
			buf_adds(b, "none chosen");
		buf_addc(b, '\n');
	}
	if (hs->flags & (HSF_FALLBACK_SCSV | HSF_DOWNGRADE)) {
		buf_addf(b, "  %-*s", INDENT - 2, "downgrade");
		text_role_on(b, o, ROLE_BAD);
		if (hs->flags & HSF_FALLBACK_SCSV)
			buf_adds(b, "TLS_FALLBACK_SCSV offered (a retry with a "
			    "lower version, RFC 7507)");
		if ((hs->flags & HSF_FALLBACK_SCSV) &&
		    (hs->flags & HSF_DOWNGRADE))
			buf_adds(b, "; ");
		if (hs->flags & HSF_DOWNGRADE)
			buf_adds(b, "downgrade sentinel in the server random "
			    "(RFC 8446, 4.1.3)");
		text_role_off(b, o, ROLE_BAD);
		buf_addc(b, '\n');
	}
	if (fp->ja4 != NULL || fp->ja3 != NULL) {
		buf_addf(b, "  %-*s", INDENT - 2, "fingerprint");
		if (fp->ja4 != NULL)
			buf_addf(b, "ja4 %s", fp->ja4);
		if (fp->ja3 != NULL)
			buf_addf(b, "%sja3 %s", fp->ja4 != NULL ? "  " : "",
			    fp->ja3);
		buf_addc(b, '\n');
	}
}

void
diff_text_conn(struct buf *b, const struct conn *c,
    const struct text_opts *o)
{
	const struct tls_hs *hs = label_hs0(c);
	char cli[64], srv[64];

	if (hs == NULL)
		return;
	endpoint_str(&c->cli, cli, sizeof(cli));
	endpoint_str(&c->srv, srv, sizeof(srv));
	text_role_on(b, o, ROLE_HEAD);
	buf_addf(b, "#%llu  %s %s %s", (unsigned long long)c->id, cli,
	    o->utf8 ? "\xe2\x86\x92" : "->", srv);
	text_role_off(b, o, ROLE_HEAD);
	if (hs->sni.p != NULL) {
		buf_adds(b, "  sni=");
		esc_term(b, hs->sni.p, hs->sni.len, 64);
	}
	buf_addf(b, "  %s\n", label_status(c));
	diff_text_body(b, c, o);
	buf_addc(b, '\n');
}

void
diff_text_body(struct buf *b, const struct conn *c,
    const struct text_opts *o)
{
	const struct tls_hs *hs = label_hs0(c);

	if (hs == NULL)
		return;
	text_suites(b, c, hs, o);
	text_versions(b, hs, o);
	text_rest(b, hs, o);
}

/* json_suite: json_emit_suite's keys, plus "reasons" when weak/insecure. */
static void
json_suite(struct buf *b, const char *key, uint16_t id)
{
	const struct suite *s = suite_find(id);
	char why[96], *p, *q;

	json_emit_suite(b, key, id, 0);
	if (*policy_reasons(s, why, sizeof(why)) == '\0')
		return;
	b->len--;	/* reopen the object json_emit_suite closed */
	json_key(b, "reasons");
	buf_addc(b, '[');
	for (p = why; p != NULL; p = q) {
		if ((q = strstr(p, ", ")) != NULL)
			*q = '\0';
		json_cstr(b, NULL, p);
		if (q != NULL)
			q += 2;
	}
	buf_adds(b, "]}");
}

static void
json_alpn(struct buf *b, const struct tls_hs *hs)
{
	if (hs->alpn_offered.n == 0 && hs->alpn.p == NULL)
		return;
	json_key(b, "alpn");
	buf_addc(b, '{');
	json_bstrs(b, "offered", &hs->alpn_offered);
	if (hs->alpn.p != NULL)
		json_str(b, "chosen", hs->alpn.p, hs->alpn.len);
	buf_addc(b, '}');
}

void
diff_json_conn(struct buf *b, const struct conn *c)
{
	const struct tls_hs *hs = label_hs0(c);
	char tmp[64];
	uint32_t i, pos, weak = 0, insecure = 0;
	uint16_t hi;

	if (hs == NULL)
		return;
	pos = policy_position(hs);
	hi = policy_highest(hs);
	buf_addc(b, '{');
	json_cstr(b, "type", "connection");
	json_u64(b, "conn", c->id);
	endpoint_str(&c->cli, tmp, sizeof(tmp));
	json_cstr(b, "client", tmp);
	endpoint_str(&c->srv, tmp, sizeof(tmp));
	json_cstr(b, "server", tmp);
	if (hs->sni.p != NULL)
		json_str(b, "sni", hs->sni.p, hs->sni.len);
	json_cstr(b, "status", label_status(c));

	json_key(b, "cipher_suites");
	buf_addc(b, '{');
	if (hs->suites_offered.n > 0) {
		json_key(b, "offered");
		buf_addc(b, '[');
		for (i = 0; i < hs->suites_offered.n; i++) {
			enum suite_strength st =
			    policy_strength(hs->suites_offered.v[i]);

			weak += st == STRENGTH_WEAK;
			insecure += st == STRENGTH_INSECURE;
			json_suite(b, NULL, hs->suites_offered.v[i]);
		}
		buf_addc(b, ']');
		json_u64(b, "weak_offered", weak);
		json_u64(b, "insecure_offered", insecure);
	}
	if (hs->flags & HSF_HAS_SUITE) {
		json_suite(b, "chosen", hs->suite);
		if (pos > 0)
			json_u64(b, "position", pos);
	}
	buf_addc(b, '}');

	json_key(b, "versions");
	buf_addc(b, '{');
	json_names(b, "offered", &hs->versions_offered, version_label);
	if (hi != 0)
		json_cstr(b, "highest", label_version(hi, tmp, sizeof(tmp)));
	if (hs->version != 0) {
		json_cstr(b, "chosen", label_version(hs->version, tmp,
		    sizeof(tmp)));
		json_bool(b, "deprecated", policy_deprecated(hs->version));
		json_bool(b, "below_highest", hi != 0 &&
		    hs->version >= 0x0300 && hs->version <= 0x0304 &&
		    hs->version < hi);
	}
	buf_addc(b, '}');

	if (hs->groups_offered.n > 0 || (hs->flags & HSF_HAS_GROUP)) {
		json_key(b, "groups");
		buf_addc(b, '{');
		json_names(b, "offered", &hs->groups_offered, label_group);
		json_names(b, "key_shares", &hs->key_shares_offered,
		    label_group);
		if (hs->flags & HSF_HAS_GROUP) {
			json_cstr(b, "chosen", label_group(hs->group, tmp,
			    sizeof(tmp)));
			json_bool(b, "key_share_sent",
			    has16(&hs->key_shares_offered, hs->group));
		}
		if (hs->flags & HSF_HAS_HRR_GROUP)
			json_cstr(b, "hrr_group", label_group(hs->hrr_group,
			    tmp, sizeof(tmp)));
		buf_addc(b, '}');
	}
	if (hs->sig_algs_offered.n > 0 || hs->ske_sig_alg != 0) {
		json_key(b, "sig_algs");
		buf_addc(b, '{');
		json_names(b, "offered", &hs->sig_algs_offered, label_sigalg);
		if (hs->ske_sig_alg != 0)
			json_cstr(b, "chosen", label_sigalg(hs->ske_sig_alg,
			    tmp, sizeof(tmp)));
		buf_addc(b, '}');
	}
	json_alpn(b, hs);
	json_key(b, "downgrade");
	buf_addc(b, '{');
	json_bool(b, "fallback_scsv", (hs->flags & HSF_FALLBACK_SCSV) != 0);
	json_bool(b, "sentinel", (hs->flags & HSF_DOWNGRADE) != 0);
	json_bool(b, "below_highest", hs->version != 0 && hi != 0 &&
	    hs->version >= 0x0300 && hs->version <= 0x0304 &&
	    hs->version < hi);
	buf_addc(b, '}');
	json_cstr(b, "ja3", conn_fp(hs)->ja3);
	json_cstr(b, "ja4", conn_fp(hs)->ja4);
	buf_adds(b, "}\n");
}
