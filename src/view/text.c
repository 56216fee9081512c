/*
 * text.c: the text ladder. One header line per connection, then one line
 * per event: time, an arrow in the direction of travel with the label, and
 * a short note. TCP is blue, TLS yellow, alerts and resets red, encrypted
 * or undecoded items dim; without colour the text is the same.
 */
#include "view/text.h"

#include <stdio.h>
#include <string.h>

#include "common/esc.h"
#include "common/limits.h"
#include "dissect/suite.h"
#include "model/certstore.h"
#include "view/explain.h"
#include "view/label.h"

#define ARROW_COLS	34

static void	emit_header(struct buf *, const struct conn *,
		    const struct text_opts *);
static void	emit_event(struct buf *, const struct conn *,
		    const struct event *, const struct text_opts *);
static void	emit_note(struct buf *, const struct conn *,
		    const struct event *);
static void	emit_detail(struct buf *, const struct conn *,
		    const struct event *, const struct text_opts *);
static void	emit_explain(struct buf *, const struct conn *);

void
text_role_on(struct buf *b, const struct text_opts *o, enum role r)
{
	if (o->color)
		role_sgr_on(b, r, o->color256 ? ROLE_256 : ROLE_8);
}

void
text_role_off(struct buf *b, const struct text_opts *o, enum role r)
{
	if (o->color)
		role_sgr_off(b, r, o->color256 ? ROLE_256 : ROLE_8);
}

static void
emit_header(struct buf *b, const struct conn *c, const struct text_opts *o)
{
	const struct tls_hs *hs = label_hs0(c);
	char cli[64], srv[64], tmp[32];
	double ms;
	uint32_t i;

	endpoint_str(&c->cli, cli, sizeof(cli));
	endpoint_str(&c->srv, srv, sizeof(srv));
	text_role_on(b, o, ROLE_HEAD);
	buf_addf(b, "#%llu  %s %s %s", (unsigned long long)c->id, cli,
	    o->utf8 ? "\xe2\x86\x92" : "->", srv);
	text_role_off(b, o, ROLE_HEAD);
	if (hs == NULL) {
		buf_addf(b, "  %s", c->is_tls ? "TLS (no hello seen)" :
		    "no TLS");
	} else {
		if (hs->version != 0)
			buf_addf(b, "  %s", label_version(hs->version, tmp,
			    sizeof(tmp)));
		if (hs->flags & HSF_HAS_SUITE)
			buf_addf(b, "  %s", suite_name(hs->suite));
		if (hs->sni.p != NULL) {
			buf_adds(b, "  sni=");
			esc_term(b, hs->sni.p, hs->sni.len, 64);
		}
		if ((hs->flags & HSF_COMPLETE) &&
		    (ms = conn_handshake_ms(c, hs)) >= 0)
			buf_addf(b, "  %.1f ms", ms);
		if (hs->flags & HSF_RESUMED)
			buf_adds(b, "  resumed");
		if (hs->flags & HSF_HRR)
			buf_adds(b, "  HRR");
		if (hs->flags & HSF_CLEARTEXT) {
			/* A NULL cipher: everything readable on the wire. */
			text_role_on(b, o, ROLE_BAD);
			buf_adds(b, "  in the clear");
			text_role_off(b, o, ROLE_BAD);
		}
		if (hs->flags & HSF_FAILED) {
			text_role_on(b, o, ROLE_BAD);
			buf_adds(b, "  failed");
			for (i = 0; i < hs->n_alerts; i++)
				if (hs->alerts[i].level == 2 &&
				    !hs->alerts[i].encrypted) {
					const char *n = suite_alert_name(
					    hs->alerts[i].desc);

					if (n != NULL)
						buf_addf(b, ": %s", n);
					break;
				}
			text_role_off(b, o, ROLE_BAD);
		} else if (!(hs->flags & HSF_COMPLETE))
			buf_addf(b, "  %s", label_status(c));
	}
	if (c->starttls != STARTTLS_NONE)
		buf_adds(b, "  starttls");
	if (c->n_anoms > 0)
		buf_addf(b, "  anomalies=%u", c->n_anoms + c->anoms_dropped);
	buf_addc(b, '\n');
}

/* add_line: "n" of the arrow's line, a run of at most 16 at a time. */
static void
add_line(struct buf *b, const struct text_opts *o, size_t n)
{
	static const char dashes[] = "----------------";
	static const char lines[] = "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80";
	size_t k;

	while (n > 0) {
		k = n < 16 ? n : 16;
		if (o->utf8)
			buf_add(b, lines, 3 * k);
		else
			buf_add(b, dashes, k);
		n -= k;
	}
}

static void
emit_note(struct buf *b, const struct conn *c, const struct event *e)
{
	const struct tls_hs *hs = e->hs_idx < c->n_hs ? &c->hs[e->hs_idx] :
	    NULL;
	char tmp[32];
	uint32_t i;
	const struct quic_info *q = conn_quic(c);

	switch (e->type) {
	case EV_SYN_ACK:
		if (c->tcp.syn && c->tcp.ack && c->tcp.t_ack >= c->tcp.t_syn) {
			double ms = (double)(c->tcp.t_ack - c->tcp.t_syn) /
			    1000.0;

			/* Loopback and LAN times need the microseconds. */
			buf_addf(b, ms < 10 ? "   rtt %.3f ms" :
			    "   rtt %.1f ms", ms);
		}
		return;
	case EV_HANDSHAKE:
		break;
	case EV_DTLS_RECORD:
		buf_add(b, "   ", 3);
		buf_add_u64(b, e->len);
		buf_add(b, " B", 2);
		return;
	case EV_QUIC_PACKET:
		buf_add(b, "   ", 3);
		buf_add_u64(b, e->len);
		buf_add(b, " B", 2);
		/* SPEC.md: the first Initial and the first reply */
		if (e->dir == DIR_S2C && e->ts == q->t_first[DIR_S2C] &&
		    q->t_first[DIR_C2S] != 0 &&
		    e->ts >= q->t_first[DIR_C2S] && (e == c->ev ||
		    e[-1].ts != e->ts || e[-1].dir != DIR_S2C)) {
			double ms = (double)(e->ts - q->t_first[DIR_C2S]) /
			    1000.0;

			buf_addf(b, ms < 10 ? ", rtt %.3f ms" :
			    ", rtt %.1f ms", ms);
		}
		return;
	case EV_QUIC_CLOSE:
		if (e->frame == q->close_frame && q->closed) {
			buf_addf(b, "   %s error 0x%llx", q->close_app ?
			    "application" : "transport",
			    (unsigned long long)q->close_code);
			if (q->close_reason.len > 0) {
				buf_add(b, " ", 1);
				esc_term(b, q->close_reason.p,
				    q->close_reason.len, 48);
			}
		}
		return;
	case EV_ENC_HANDSHAKE: case EV_APPDATA: case EV_ENC_ALERT:
	case EV_HEARTBEAT: case EV_UNKNOWN_RECORD:
		buf_add(b, "   ", 3);
		buf_add_u64(b, e->len);
		buf_add(b, " B", 2);
		return;
	default:
		return;
	}
	if (hs == NULL)
		return;
	if (e->sub == 1 && hs->suites_offered.n > 0 &&
	    !(e->flags & EVF_HRR)) {
		buf_addf(b, "   %u suites", hs->suites_offered.n);
		if (hs->versions_offered.n > 0) {
			buf_adds(b, ", ");
			for (i = 0; i < hs->versions_offered.n && i < 4; i++)
				if (!suite_is_grease(hs->versions_offered.v[i]))
					buf_addf(b, "%s%s", i > 0 &&
					    !suite_is_grease(
					    hs->versions_offered.v[i - 1]) ?
					    "/" : "", label_version_any(
					    hs->versions_offered.v[i], tmp,
					    sizeof(tmp)));
		}
		for (i = 0; i < hs->key_shares_offered.n; i++)
			if (!suite_is_grease(hs->key_shares_offered.v[i])) {
				buf_addf(b, ", %s", label_group(
				    hs->key_shares_offered.v[i], tmp,
				    sizeof(tmp)));
				break;
			}
		if (hs->alpn_offered.n > 0) {
			buf_adds(b, ", alpn ");
			for (i = 0; i < hs->alpn_offered.n && i < 4; i++) {
				if (i > 0)
					buf_addc(b, ',');
				esc_term(b, hs->alpn_offered.v[i].p,
				    hs->alpn_offered.v[i].len, 24);
			}
		}
	} else if (e->sub == 2 && (hs->flags & HSF_HAS_SUITE)) {
		if (e->flags & EVF_HRR) {
			if (hs->flags & HSF_HAS_HRR_GROUP)
				buf_addf(b, "   retry with %s", label_group(
				    hs->hrr_group, tmp, sizeof(tmp)));
			return;
		}
		buf_addf(b, "   %s", suite_name(hs->suite));
		if ((hs->flags & HSF_HAS_GROUP) &&
		    !(hs->flags & HSF_SKE_GROUP))
			buf_addf(b, ", %s", label_group(hs->group, tmp,
			    sizeof(tmp)));
		if (hs->alpn.p != NULL) {
			buf_adds(b, ", alpn ");
			esc_term(b, hs->alpn.p, hs->alpn.len, 24);
		}
	} else if (e->sub == 11 && e->dir == DIR_S2C && hs->n_certs > 0) {
		const struct cert_info *ci = cert_info(hs->certs[0]);

		buf_addf(b, "   %u cert%s", hs->n_certs,
		    hs->n_certs == 1 ? "" : "s");
		if (ci->subject_cn != NULL) {
			buf_adds(b, ", CN=");
			esc_term(b, ci->subject_cn, strlen(ci->subject_cn),
			    48);
		}
	} else if (e->sub == 12 && (hs->flags & HSF_SKE_GROUP)) {
		buf_addf(b, "   %s", label_group(hs->group, tmp,
		    sizeof(tmp)));
	} else if (e->len > 0) {
		buf_adds(b, "   ");
		buf_add_u64(b, e->len);
		buf_adds(b, " B");
	}
}

static void
emit_u16names(struct buf *b, const char *title, const struct u16list *l,
    const char *(*fn)(uint16_t, char *, size_t))
{
	char tmp[32];
	uint32_t i;
	size_t col;

	if (l->n == 0)
		return;
	buf_addf(b, "%14s%-16s", "", title);
	col = 30;
	for (i = 0; i < l->n; i++) {
		const char *n = fn(l->v[i], tmp, sizeof(tmp));

		if (i > 0 && col + strlen(n) + 2 > 100) {
			buf_addf(b, ",\n%30s", "");
			col = 30;
		} else if (i > 0) {
			buf_adds(b, ", ");
			col += 2;
		}
		buf_adds(b, n);
		col += strlen(n);
	}
	buf_addc(b, '\n');
}

static const char *
suite_label(uint16_t id, char *buf, size_t len)
{
	const struct suite *s = suite_find(id);

	if (s == NULL)
		snprintf(buf, len, "%s(0x%04x)", suite_name(id), id);
	else
		snprintf(buf, len, "%s", s->name);
	return buf;
}

static const char *
version_label(uint16_t v, char *buf, size_t len)
{
	return label_version_any(v, buf, len);
}

/* emit_flags writes a line naming the CERTF_* bits of "f", if any. */
/* emit_qtps lists QUIC transport parameters, "name=value" each. */
static void
emit_qtps(struct buf *b, const struct quic_tps *l)
{
	const struct quic_tp *p;
	char tmp[32];
	uint32_t i, j;
	size_t col = 30, w;

	if (l->n == 0)
		return;
	buf_addf(b, "%14s%-16s", "", "quic params");
	for (i = 0; i < l->n; i++) {
		p = &l->v[i];
		w = strlen(label_quic_tp(p->id, tmp, sizeof(tmp))) + 24;
		if (i > 0 && col + w > 100) {
			buf_addf(b, ",\n%30s", "");
			col = 30;
		} else if (i > 0) {
			buf_adds(b, ", ");
			col += 2;
		}
		buf_adds(b, label_quic_tp(p->id, tmp, sizeof(tmp)));
		if (p->is_int)
			buf_addf(b, "=%llu", (unsigned long long)p->value);
		else if (p->bytes.len > 0) {
			buf_adds(b, "=");
			for (j = 0; j < p->bytes.len && j < 20; j++)
				buf_addf(b, "%02x", p->bytes.p[j]);
		}
		col += w;
	}
	buf_addc(b, '\n');
}

static void
emit_flags(struct buf *b, const char *what, int indent, uint16_t f)
{
	unsigned int i;
	bool first = true;

	if (f == 0)
		return;
	buf_addf(b, "%*s%s", indent, "", what);
	for (i = 0; i < CERTF_N; i++)
		if (f & (1u << i)) {
			buf_adds(b, first ? "" : ", ");
			buf_adds(b, label_cert_flag(i));
			first = false;
		}
	buf_addc(b, '\n');
}

/* emit_chain says what the chain check found (tlshake-json(5) "chain"). */
static void
emit_chain(struct buf *b, const struct tls_hs *hs)
{
	const struct chain_result *r = &hs->chain;

	if (r->checked) {
		buf_addf(b, "%14s%-16s", "", "chain");
		if (r->valid)
			buf_adds(b, "valid");
		else {
			buf_adds(b, "not valid: ");
			if (r->error != NULL)
				esc_term(b, r->error, strlen(r->error), 120);
		}
		buf_addc(b, '\n');
	}
	if (r->hostname_checked) {
		buf_addf(b, "%14s%-16s", "", "host name");
		esc_term(b, (const char *)hs->sni.p, hs->sni.len, 120);
		buf_adds(b, r->hostname_match ? " matches the leaf\n" :
		    " does not match the leaf\n");
	}
}

static void
emit_detail(struct buf *b, const struct conn *c, const struct event *e,
    const struct text_opts *o)
{
	const struct tls_hs *hs = e->hs_idx < c->n_hs ? &c->hs[e->hs_idx] :
	    NULL;
	char tmp[96];
	uint32_t i, j;

	if (e->type == EV_APPDATA && (e->flags & EVF_DECRYPTED)) {
		/* The record's inner content type (RFC 8446, 5.2). */
		buf_addf(b, "%14s%-16s%s (%s)\n", "", "content type",
		    e->sub == 23 ? "application_data" : e->sub == 24 ?
		    "heartbeat" : "other", hs != NULL &&
		    (hs->flags & HSF_CLEARTEXT) ? "in the clear, MAC removed" :
		    "decrypted");
		return;
	}
	if (hs == NULL || e->type != EV_HANDSHAKE)
		return;
	if (e->sub == 1 && !(e->flags & EVF_HRR)) {
		buf_addf(b, "%14s%-16s%s\n", "", "legacy version",
		    label_version_any(hs->client_version, tmp, sizeof(tmp)));
		emit_u16names(b, "versions", &hs->versions_offered,
		    version_label);
		if (hs->sni.p != NULL) {
			buf_addf(b, "%14s%-16s", "", "SNI");
			esc_term(b, hs->sni.p, hs->sni.len, 0);
			buf_addc(b, '\n');
		}
		if (hs->alpn_offered.n > 0) {
			buf_addf(b, "%14s%-16s", "", "ALPN");
			for (i = 0; i < hs->alpn_offered.n; i++) {
				if (i > 0)
					buf_adds(b, ", ");
				esc_term(b, hs->alpn_offered.v[i].p,
				    hs->alpn_offered.v[i].len, 0);
			}
			buf_addc(b, '\n');
		}
		buf_addf(b, "%14scipher suites   %u offered\n", "",
		    hs->suites_offered.n);
		for (i = 0; i < hs->suites_offered.n; i++) {
			uint16_t id = hs->suites_offered.v[i];
			const struct suite *s = suite_find(id);
			bool chosen = (hs->flags & HSF_HAS_SUITE) &&
			    hs->suite == id;
			enum role r = s == NULL ? ROLE_NORMAL :
			    suite_strength(s) == STRENGTH_INSECURE ? ROLE_BAD :
			    ROLE_NORMAL;

			buf_addf(b, "%16s%3u ", "", i + 1);
			text_role_on(b, o, chosen ? ROLE_HEAD : r);
			buf_addf(b, "%-44s", suite_label(id, tmp,
			    sizeof(tmp)));
			text_role_off(b, o, chosen ? ROLE_HEAD : r);
			buf_addf(b, " %-7s %s\n", chosen ? "chosen" : "",
			    s != NULL ? suite_strength_name(
			    suite_strength(s)) : "");
		}
		emit_u16names(b, "groups", &hs->groups_offered, label_group);
		emit_u16names(b, "key shares", &hs->key_shares_offered,
		    label_group);
		emit_u16names(b, "signature algs", &hs->sig_algs_offered,
		    label_sigalg);
		emit_u16names(b, "extensions", &hs->exts_offered, label_ext);
		emit_qtps(b, conn_qtp(hs, DIR_C2S));
	} else if (e->sub == 8 && e->dir == DIR_S2C) {
		emit_qtps(b, conn_qtp(hs, DIR_S2C));
	} else if (e->sub == 2 && !(e->flags & EVF_HRR)) {
		const struct suite *s;

		if (hs->flags & HSF_HAS_SUITE) {
			s = suite_find(hs->suite);
			buf_addf(b, "%14s%-16s%s\n", "", "cipher suite",
			    suite_label(hs->suite, tmp, sizeof(tmp)));
			if (s != NULL)
				buf_addf(b, "%30sprotocol %s, kx %s, auth %s, "
				    "enc %s, mac %s, hash %s, %s\n", "",
				    suite_proto_name(s->proto),
				    suite_kx_name(s->kx), suite_au_name(s->au),
				    suite_enc_name(s->enc),
				    suite_mac_name(s->mac),
				    suite_hash_name(suite_prf_hash(s,
				    hs->version)),
				    suite_strength_name(suite_strength(s)));
		}
		buf_addf(b, "%14s%-16s%s\n", "", "version",
		    label_version_any(hs->version, tmp, sizeof(tmp)));
		emit_u16names(b, "extensions", &hs->exts_chosen, label_ext);
	} else if (e->sub == 11) {
		struct cert *const *v = e->dir == DIR_S2C ? hs->certs :
		    hs->client_certs;
		uint32_t n = e->dir == DIR_S2C ? hs->n_certs :
		    hs->n_client_certs;

		for (i = 0; i < n; i++) {
			const struct cert_info *ci = cert_info(v[i]);

			buf_addf(b, "%14scert %u  subject ", "", i);
			if (ci->subject != NULL)
				esc_term(b, ci->subject, strlen(ci->subject),
				    200);
			buf_addf(b, "\n%22sissuer  ", "");
			if (ci->issuer != NULL)
				esc_term(b, ci->issuer, strlen(ci->issuer),
				    200);
			buf_addc(b, '\n');
			if (ci->n_san > 0) {
				buf_addf(b, "%22sSAN     ", "");
				for (j = 0; j < ci->n_san && j < 16; j++) {
					if (j > 0)
						buf_adds(b, ", ");
					esc_term(b, ci->san[j],
					    strlen(ci->san[j]), 80);
				}
				if (ci->n_san > 16)
					buf_addf(b, ", +%u", ci->n_san - 16);
				buf_addc(b, '\n');
			}
			buf_addf(b, "%22skey     %s %u, %s\n", "",
			    ci->key_type != NULL ? ci->key_type : "?",
			    ci->key_bits, ci->sig_alg != NULL ? ci->sig_alg :
			    "?");
			if (e->dir == DIR_S2C && hs->cert_flags != NULL &&
			    i < LIM_CERTS_PER_MSG)
				emit_flags(b, "flags   ", 22,
				    hs->cert_flags[i]);
		}
		if (e->dir == DIR_S2C)
			emit_chain(b, hs);
	}
}

/* add_time writes "  %10.6f  " of microseconds without printf. */
static void
add_time(struct buf *b, int64_t us)
{
	char tmp[32];
	uint64_t u = us < 0 ? (uint64_t)0 - (uint64_t)us : (uint64_t)us;
	size_t i = sizeof(tmp), n;
	int d;

	tmp[--i] = ' ';
	tmp[--i] = ' ';
	for (d = 0; d < 6; d++) {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	}
	tmp[--i] = '.';
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0 && i > 1);
	if (us < 0)
		tmp[--i] = '-';
	n = sizeof(tmp) - i;
	buf_add(b, "            ", n < 14 ? 14 - n : 0);
	buf_add(b, tmp + i, n);
}

static void
emit_event(struct buf *b, const struct conn *c, const struct event *e,
    const struct text_opts *o)
{
	enum role r = role_event(e);
	char buf[96], ts[40];
	const char *lab;
	size_t cols, fill;

	if (o->abs_time) {
		label_time_iso(e->ts, ts, sizeof(ts));
		buf_addf(b, "  %s  ", ts);
	} else
		add_time(b, (int64_t)(e->ts - c->t_first));
	lab = label_event(c, e, buf, sizeof(buf));
	cols = strlen(lab) + 6;
	fill = cols < ARROW_COLS ? ARROW_COLS - cols : 1;
	text_role_on(b, o, r);
	if (e->dir == DIR_C2S) {
		add_line(b, o, 3);
		buf_addc(b, ' ');
		buf_adds(b, lab);
		buf_addc(b, ' ');
		add_line(b, o, fill);
		buf_adds(b, o->utf8 ? "\xe2\x96\xb6" : ">");
	} else {
		buf_adds(b, o->utf8 ? "\xe2\x97\x80" : "<");
		add_line(b, o, 2);
		buf_addc(b, ' ');
		buf_adds(b, lab);
		buf_addc(b, ' ');
		add_line(b, o, fill);
	}
	text_role_off(b, o, r);
	emit_note(b, c, e);
	/* DTLS: a message sent more than once (RFC 6347, 4.2.4). */
	if (e->type != EV_APPDATA && e->type != EV_QUIC_PACKET &&
	    conn_ev_count(c, e) > 1)
		buf_addf(b, o->utf8 ? "   \xc3\x97%u" : "   x%u",
		    conn_ev_count(c, e));
	if (e->flags & EVF_RETRANS)
		buf_adds(b, "   (retransmitted)");
	buf_addc(b, '\n');
	if (o->verbose > 0)
		emit_detail(b, c, e, o);
}

void
text_wrap(struct buf *b, const char *p, size_t len, size_t col,
    size_t indent, size_t width)
{
	size_t i = 0, j, w;
	bool first = true;

	while (i < len) {
		for (j = i; j < len && p[j] != ' '; j++)
			;
		w = esc_term_cols(p + i, j - i);
		if (!first && col + 1 + w > width) {
			buf_addc(b, '\n');
			buf_pad(b, b->len, indent);
			col = indent;
		} else if (!first) {
			buf_addc(b, ' ');
			col++;
		}
		buf_add(b, p + i, j - i);
		col += w;
		first = false;
		for (i = j; i < len && p[i] == ' '; i++)
			;
	}
	buf_addc(b, '\n');
}

static void
explain_line(void *arg, uint32_t i, const char *code, const char *text,
    size_t len)
{
	struct buf *b = arg;
	size_t from = b->len;

	(void)code;
	buf_addf(b, "  %2u. ", i + 1);
	text_wrap(b, text, len, b->len - from, 6, 100);
}

/* The --explain steps: "  1. ..." wrapped at 100 columns. */
static void
emit_explain(struct buf *b, const struct conn *c)
{
	explain_each(c, explain_line, b);
}

void
text_emit_conn(struct buf *b, const struct conn *c,
    const struct text_opts *o)
{
	uint32_t i;
	const struct dtls_info *dt = conn_dtls(c);

	emit_header(b, c, o);
	if (o->quiet) {
		if (o->explain)
			emit_explain(b, c);
		return;
	}
	for (i = 0; i < c->n_ev; i++) {
		/* A DTLS flight sent again is shown once, with its count,
		 * unless -v asks for every sending. */
		if (dt->packets > 0 && (c->ev[i].flags & EVF_RETRANS) &&
		    o->verbose == 0)
			continue;
		emit_event(b, c, &c->ev[i], o);
	}
	if (c->ev_dropped > 0)
		buf_addf(b, "  ... %u more events not kept\n", c->ev_dropped);
	if (o->explain)
		emit_explain(b, c);
	for (i = 0; i < c->n_anoms; i++) {
		const struct anom *a = &c->anoms[i];

		text_role_on(b, o, ROLE_BAD);
		buf_addf(b, "  ! frame %u %s: %s", a->frame,
		    anom_name(a->code), anom_meaning(a->code));
		if (a->detail != NULL) {
			buf_adds(b, " (");
			esc_term(b, a->detail, strlen(a->detail), 120);
			buf_addc(b, ')');
		}
		text_role_off(b, o, ROLE_BAD);
		buf_addc(b, '\n');
	}
	if (c->anoms_dropped > 0)
		buf_addf(b, "  ! %u more anomalies\n", c->anoms_dropped);
	buf_addc(b, '\n');
}
