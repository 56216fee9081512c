/*
 * json.c: JSON Lines output, one object per connection.
 *
 * Writers take a "key" and emit `,"key":value`, or `"key":value` right
 * after an opening brace: the buffer's last byte tells which.
 */
#include "view/json.h"

#include <stdio.h>
#include <string.h>

#include "common/esc.h"
#include "common/limits.h"
#include "dissect/suite.h"
#include "model/certstore.h"
#include "view/explain.h"
#include "view/label.h"

static void	sep(struct buf *);
static void	emit_hs(struct buf *, const struct conn *,
		    const struct tls_hs *, bool);
static void	emit_messages(struct buf *, const struct conn *);
static void	json_hexbytes(struct buf *, const char *, const uint8_t *,
		    size_t);
static bool	list_open(struct buf *, const char *, uint32_t);
static void	emit_qtps(struct buf *, const char *,
		    const struct quic_tps *);
static void	emit_anoms(struct buf *, const struct conn *);
static void	emit_certs(struct buf *, const struct tls_hs *);

static void
sep(struct buf *b)
{
	char last = b->len > 0 ? b->p[b->len - 1] : '{';

	if (last != '{' && last != '[')
		buf_addc(b, ',');
}

void
json_key(struct buf *b, const char *key)
{
	size_t n;

	sep(b);
	if (key != NULL) {
		n = strlen(key);
		buf_addc(b, '"');
		buf_add(b, key, n);
		buf_add(b, "\":", 2);
	}
}

void
json_str(struct buf *b, const char *key, const void *p, size_t len)
{
	json_key(b, key);
	buf_addc(b, '"');
	esc_json(b, p, len);
	buf_addc(b, '"');
}

void
json_cstr(struct buf *b, const char *key, const char *s)
{
	if (s != NULL)
		json_str(b, key, s, strlen(s));
}

/* Numbers: up to 6 decimals, trailing zeros cut, at least one kept. */
void
json_num(struct buf *b, const char *key, double v)
{
	char tmp[64];
	size_t n;

	json_key(b, key);
	n = (size_t)snprintf(tmp, sizeof(tmp), "%.6f", v);
	while (n > 2 && tmp[n - 1] == '0' && tmp[n - 2] != '.')
		tmp[--n] = '\0';
	buf_add(b, tmp, n);
}

void
json_u64(struct buf *b, const char *key, uint64_t v)
{
	json_key(b, key);
	buf_add_u64(b, v);
}

void
json_fixed(struct buf *b, const char *key, int64_t v, unsigned digits)
{
	json_key(b, key);
	buf_add_fixed(b, v, digits);
}

void
json_bool(struct buf *b, const char *key, bool v)
{
	json_key(b, key);
	buf_adds(b, v ? "true" : "false");
}

void
json_hex16(struct buf *b, const char *key, uint16_t v)
{
	json_key(b, key);
	buf_addc(b, '"');
	buf_add_hex16(b, v);
	buf_addc(b, '"');
}

void
json_emit_suite(struct buf *b, const char *key, uint16_t id,
    uint16_t version)
{
	const struct suite *s = suite_find(id);

	json_key(b, key);
	buf_addc(b, '{');
	json_hex16(b, "id", id);
	json_cstr(b, "name", suite_name(id));
	if (s != NULL) {
		json_cstr(b, "protocol", suite_proto_name(s->proto));
		json_cstr(b, "kx", suite_kx_name(s->kx));
		json_cstr(b, "auth", suite_au_name(s->au));
		json_cstr(b, "enc", suite_enc_name(s->enc));
		json_cstr(b, "mac", suite_mac_name(s->mac));
		json_cstr(b, "hash",
		    suite_hash_name(suite_prf_hash(s, version)));
		json_bool(b, "fs", suite_fs(s));
		json_bool(b, "aead", suite_aead(s));
		json_cstr(b, "strength",
		    suite_strength_name(suite_strength(s)));
	}
	buf_addc(b, '}');
}

void
json_emit_tcp(struct buf *b, const struct conn *c)
{
	const struct tcp_info *t = &c->tcp;

	json_key(b, "tcp");
	buf_addc(b, '{');
	json_bool(b, "syn", t->syn);
	json_bool(b, "syn_ack", t->syn_ack);
	json_bool(b, "ack", t->ack);
	if (t->syn && t->ack && t->t_ack >= t->t_syn)
		json_fixed(b, "rtt_ms", (int64_t)(t->t_ack - t->t_syn), 3);
	json_bool(b, "fin", t->fin[0] || t->fin[1]);
	json_bool(b, "rst", t->rst[0] || t->rst[1]);
	json_u64(b, "retransmits", t->retransmits);
	json_u64(b, "out_of_order", t->out_of_order);
	json_u64(b, "gaps", t->gaps);
	json_bool(b, "midstream", t->midstream);
	json_u64(b, "packets", t->packets);
	json_u64(b, "bytes", t->bytes[0] + t->bytes[1]);
	json_u64(b, "bytes_c2s", t->bytes[DIR_C2S]);
	json_u64(b, "bytes_s2c", t->bytes[DIR_S2C]);
	buf_addc(b, '}');
}

void
json_emit_dtls(struct buf *b, const struct conn *c)
{
	const struct dtls_info *d = conn_dtls(c);

	json_key(b, "dtls");
	buf_addc(b, '{');
	json_u64(b, "packets", d->packets);
	json_u64(b, "bytes", d->bytes);
	json_u64(b, "records", d->records);
	json_u64(b, "retransmits", d->retransmits);
	json_u64(b, "replays", d->replays);
	json_u64(b, "sequence_jumps", d->seq_jumps);
	json_u64(b, "demultiplexed", d->demuxed);
	json_bool(b, "cookie", d->cookie);
	json_bool(b, "connection_id", d->cid);
	buf_addc(b, '}');
}

/* json_hexbytes writes "n" bytes as a lower-case hex string. */
static void
json_hexbytes(struct buf *b, const char *key, const uint8_t *v, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[2 * LIM_QUIC_TP_BYTES + 1];
	size_t i;

	if (n == 0 || n > LIM_QUIC_TP_BYTES)
		return;
	for (i = 0; i < n; i++) {
		tmp[2 * i] = hex[v[i] >> 4];
		tmp[2 * i + 1] = hex[v[i] & 15];
	}
	json_str(b, key, tmp, 2 * n);
}

/* list_open starts the array "key" of "n" elements; false for none. */
static bool
list_open(struct buf *b, const char *key, uint32_t n)
{
	if (n == 0)
		return false;
	json_key(b, key);
	buf_addc(b, '[');
	return true;
}

/* emit_qtps: QUIC transport parameters, {id, name, value | hex} each. */
static void
emit_qtps(struct buf *b, const char *key, const struct quic_tps *l)
{
	const struct quic_tp *p;
	char tmp[32];
	uint32_t i;

	if (!list_open(b, key, l->n))
		return;
	for (i = 0; i < l->n; i++) {
		p = &l->v[i];
		json_key(b, NULL);
		buf_addc(b, '{');
		json_u64(b, "id", p->id);
		json_cstr(b, "name", label_quic_tp(p->id, tmp, sizeof(tmp)));
		if (p->is_int)
			json_u64(b, "value", p->value);
		else
			json_hexbytes(b, "hex", p->bytes.p, p->bytes.len);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
json_emit_quic(struct buf *b, const struct conn *c)
{
	const struct quic_info *q = conn_quic(c);
	char tmp[32];

	json_key(b, "quic");
	buf_addc(b, '{');
	snprintf(tmp, sizeof(tmp), "0x%08x", q->version);
	if (q->version != 0)
		json_cstr(b, "version", tmp);
	json_hexbytes(b, "dcid", q->odcid, q->odcid_len);
	json_hexbytes(b, "scid", q->scid, q->scid_len);
	json_bool(b, "retry", q->retry);
	json_bool(b, "version_negotiation", q->vn);
	json_bool(b, "zero_rtt", q->packets[QP_0RTT] > 0);
	json_u64(b, "packets", q->datagrams);
	json_u64(b, "bytes", q->bytes);
	if (q->closed) {
		json_key(b, "close");
		buf_addc(b, '{');
		json_cstr(b, "dir", label_dir(q->close_dir));
		snprintf(tmp, sizeof(tmp), "0x%llx",
		    (unsigned long long)q->close_code);
		json_cstr(b, "error", tmp);
		if (q->close_reason.len > 0)
			json_str(b, "reason", q->close_reason.p,
			    q->close_reason.len);
		buf_addc(b, '}');
	}
	buf_addc(b, '}');
}

void
json_bstrs(struct buf *b, const char *key, const struct strlist *l)
{
	uint32_t i;

	if (l->n == 0)
		return;
	json_key(b, key);
	buf_addc(b, '[');
	for (i = 0; i < l->n; i++)
		json_str(b, NULL, l->v[i].p, l->v[i].len);
	buf_addc(b, ']');
}

void
json_cstrs(struct buf *b, const char *key, const char *const *v, uint32_t n)
{
	uint32_t i;

	if (n == 0)
		return;
	json_key(b, key);
	buf_addc(b, '[');
	for (i = 0; i < n; i++)
		json_cstr(b, NULL, v[i]);
	buf_addc(b, ']');
}

void
json_names(struct buf *b, const char *key, const struct u16list *l,
    const char *(*fn)(uint16_t, char *, size_t))
{
	char tmp[32];
	uint32_t i;

	if (!list_open(b, key, l->n))
		return;
	for (i = 0; i < l->n; i++)
		json_cstr(b, NULL, fn(l->v[i], tmp, sizeof(tmp)));
	buf_addc(b, ']');
}

static const char *
version_name(uint16_t v, char *buf, size_t len)
{
	return label_version_any(v, buf, len);
}

/* emit_cert_flags writes "key": [names] for the CERTF_* bits of "f". */
static void
emit_cert_flags(struct buf *b, const char *key, uint16_t f)
{
	unsigned int i;

	if (f == 0)
		return;
	json_key(b, key);
	buf_addc(b, '[');
	for (i = 0; i < CERTF_N; i++)
		if (f & (1u << i))
			json_cstr(b, NULL, label_cert_flag(i));
	buf_addc(b, ']');
}

static void
emit_certs(struct buf *b, const struct tls_hs *hs)
{
	const struct cert_info *ci;
	uint32_t i, j;

	if (hs->n_certs == 0)
		return;
	json_key(b, "certificates");
	buf_addc(b, '[');
	for (i = 0; i < hs->n_certs; i++) {
		ci = cert_info(hs->certs[i]);
		json_key(b, NULL);
		buf_addc(b, '{');
		json_cstr(b, "subject", ci->subject);
		json_cstr(b, "issuer", ci->issuer);
		json_cstrs(b, "san", ci->san, ci->n_san);
		json_cstr(b, "serial", ci->serial);
		if (ci->not_before != 0 || ci->not_after != 0) {
			char t[40];

			label_time_iso((uint64_t)ci->not_before * 1000000, t,
			    sizeof(t));
			/* Certificates give seconds: drop the fraction. */
			memcpy(t + 19, "Z", 2);
			json_cstr(b, "not_before", t);
			label_time_iso((uint64_t)ci->not_after * 1000000, t,
			    sizeof(t));
			memcpy(t + 19, "Z", 2);
			json_cstr(b, "not_after", t);
		}
		json_cstr(b, "key_type", ci->key_type);
		if (ci->key_bits > 0)
			json_u64(b, "key_bits", ci->key_bits);
		json_cstr(b, "sig_alg", ci->sig_alg);
		json_key(b, "sha256");
		buf_addc(b, '"');
		for (j = 0; j < 32; j++) {
			static const char hex[] = "0123456789abcdef";
			char two[2] = { hex[ci->sha256[j] >> 4],
			    hex[ci->sha256[j] & 15] };

			buf_add(b, two, 2);
		}
		buf_addc(b, '"');
		if (ci->self_signed)
			json_bool(b, "self_signed", true);
		if (hs->cert_flags != NULL && i < LIM_CERTS_PER_MSG)
			emit_cert_flags(b, "flags", hs->cert_flags[i]);
		json_cstr(b, "error", ci->error);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
json_emit_chain(struct buf *b, const char *key, const struct tls_hs *hs)
{
	if (hs->chain.checked || hs->chain.hostname_checked ||
	    hs->chain.flags != 0) {
		/* Without verification (--no-verify): host and flags. */
		json_key(b, key);
		buf_addc(b, '{');
		if (hs->chain.checked) {
			json_bool(b, "valid", hs->chain.valid);
			json_cstr(b, "error", hs->chain.error);
		}
		if (hs->chain.hostname_checked)
			json_bool(b, "hostname_match",
			    hs->chain.hostname_match);
		emit_cert_flags(b, "flags", hs->chain.flags);
		buf_addc(b, '}');
	}
}

void
json_emit_alerts(struct buf *b, const char *key, const struct tls_hs *hs)
{
	char tmp[32];
	uint32_t i;

	if (hs->n_alerts > 0) {
		json_key(b, key);
		buf_addc(b, '[');
		for (i = 0; i < hs->n_alerts; i++) {
			const struct alert *a = &hs->alerts[i];
			const char *n = suite_alert_name(a->desc);

			json_key(b, NULL);
			buf_addc(b, '{');
			json_cstr(b, "dir", label_dir(a->dir));
			if (!a->encrypted) {
				json_cstr(b, "level", a->level == 1 ?
				    "warning" : a->level == 2 ? "fatal" :
				    "unknown");
				if (n != NULL)
					json_cstr(b, "description", n);
				else {
					snprintf(tmp, sizeof(tmp), "%u",
					    a->desc);
					json_cstr(b, "description", tmp);
				}
			}
			json_bool(b, "encrypted", a->encrypted);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
}

static void
emit_hs(struct buf *b, const struct conn *c, const struct tls_hs *hs,
    bool first)
{
	char tmp[32];
	uint32_t i;
	double ms;

	(void)first;
	if (hs->record_version != 0)
		json_hex16(b, "record_version", hs->record_version);
	if (hs->client_version != 0)
		json_hex16(b, "client_version", hs->client_version);
	if (hs->version != 0)
		json_cstr(b, "version",
		    label_version(hs->version, tmp, sizeof(tmp)));
	json_names(b, "versions_offered", &hs->versions_offered,
	    version_name);
	if (hs->sni.p != NULL)
		json_str(b, "sni", hs->sni.p, hs->sni.len);
	json_bstrs(b, "alpn_offered", &hs->alpn_offered);
	if (hs->alpn.p != NULL)
		json_str(b, "alpn", hs->alpn.p, hs->alpn.len);
	if (hs->suites_offered.n > 0) {
		json_key(b, "cipher_suites_offered");
		buf_addc(b, '[');
		for (i = 0; i < hs->suites_offered.n; i++) {
			json_key(b, NULL);
			buf_addc(b, '{');
			json_hex16(b, "id", hs->suites_offered.v[i]);
			json_cstr(b, "name",
			    suite_name(hs->suites_offered.v[i]));
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	if (hs->flags & HSF_HAS_SUITE)
		json_emit_suite(b, "cipher_suite", hs->suite,
		    hs->version);
	json_names(b, "groups_offered", &hs->groups_offered, label_group);
	if (hs->flags & HSF_HAS_GROUP)
		json_cstr(b, "group", label_group(hs->group, tmp,
		    sizeof(tmp)));
	if (hs->flags & HSF_HAS_HRR_GROUP)
		json_cstr(b, "hrr_group", label_group(hs->hrr_group, tmp,
		    sizeof(tmp)));
	json_names(b, "sig_algs_offered", &hs->sig_algs_offered,
	    label_sigalg);
	if (hs->exts_offered.n > 0) {
		json_key(b, "extensions_offered");
		buf_addc(b, '[');
		for (i = 0; i < hs->exts_offered.n; i++)
			json_u64(b, NULL, hs->exts_offered.v[i]);
		buf_addc(b, ']');
	}
	if (hs->exts_chosen.n > 0) {
		json_key(b, "extensions_chosen");
		buf_addc(b, '[');
		for (i = 0; i < hs->exts_chosen.n; i++)
			json_u64(b, NULL, hs->exts_chosen.v[i]);
		buf_addc(b, ']');
	}
	emit_qtps(b, "quic_transport_parameters_offered", conn_qtp(hs, DIR_C2S));
	emit_qtps(b, "quic_transport_parameters", conn_qtp(hs, DIR_S2C));
	if (hs->flags & HSF_HAS_CH)
		json_u64(b, "session_id_len", hs->session_id_len);
	json_bool(b, "resumed", (hs->flags & HSF_RESUMED) != 0);
	json_bool(b, "hello_retry", (hs->flags & HSF_HRR) != 0);
	json_bool(b, "client_cert", (hs->flags & HSF_CLIENT_CERT) != 0);
	json_emit_alerts(b, "alerts", hs);
	json_cstr(b, "ja3", conn_fp(hs)->ja3);
	json_cstr(b, "ja3_full", conn_fp(hs)->ja3_full);
	json_cstr(b, "ja3s", conn_fp(hs)->ja3s);
	json_cstr(b, "ja3s_full", conn_fp(hs)->ja3s_full);
	json_cstr(b, "ja4", conn_fp(hs)->ja4);
	json_cstr(b, "ja4_r", conn_fp(hs)->ja4_r);
	emit_certs(b, hs);
	if (hs->certs_source != CERTS_NONE)
		json_cstr(b, "certificates_source",
		    hs->certs_source == CERTS_DECRYPTED ? "decrypted" :
		    "cleartext");
	json_emit_chain(b, "chain", hs);
	json_bool(b, "decrypted", (hs->flags & HSF_DECRYPTED) != 0);
	if (hs->flags & HSF_CLEARTEXT)
		json_bool(b, "cleartext", true);
	if ((ms = conn_handshake_ms(c, hs)) >= 0 &&
	    (hs->flags & HSF_COMPLETE))
		json_fixed(b, "handshake_ms", (int64_t)(hs->t_done -
		    hs->t_start), 3);
	json_bool(b, "complete", (hs->flags & HSF_COMPLETE) != 0);
}

static void
emit_messages(struct buf *b, const struct conn *c)
{
	const struct event *e;
	char tmp[32];
	uint32_t i, v;

	if (c->n_ev == 0)
		return;
	json_key(b, "messages");
	buf_addc(b, '[');
	for (i = 0; i < c->n_ev; i++) {
		e = &c->ev[i];
		json_key(b, NULL);
		buf_addc(b, '{');
		/* A timestamp that went backwards gives a negative t. */
		json_fixed(b, "t", (int64_t)(e->ts - c->t_first), 6);
		json_cstr(b, "dir", label_dir(e->dir));
		json_cstr(b, "layer", label_layer(e));
		json_cstr(b, "type", label_json_type(e, tmp, sizeof(tmp)));
		if (e->type == EV_ALERT) {
			const char *n = suite_alert_name(e->sub2);

			json_cstr(b, "level", e->sub == 1 ? "warning" :
			    e->sub == 2 ? "fatal" : "unknown");
			if (n != NULL)
				json_cstr(b, "description", n);
			else
				json_u64(b, "description", e->sub2);
		}
		if (e->frame != 0)
			json_u64(b, "frame", e->frame);
		if ((v = conn_ev_first(c, e)) != 0 && v != e->frame)
			json_u64(b, "first_frame", v);
		json_u64(b, "len", e->len);
		if ((v = conn_ev_count(c, e)) > 1 &&
		    (e->type == EV_APPDATA || e->type == EV_QUIC_PACKET))
			json_u64(b, "count", v);
		else if (v > 1)
			json_u64(b, "sent", v);
		if (e->flags & EVF_DECRYPTED)
			json_bool(b, "decrypted", true);
		if (e->flags & EVF_RETRANS)
			json_bool(b, "retransmitted", true);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

static void
emit_anoms(struct buf *b, const struct conn *c)
{
	const struct anom *a;
	uint32_t i;

	if (c->n_anoms == 0)
		return;
	json_key(b, "anomalies");
	buf_addc(b, '[');
	for (i = 0; i < c->n_anoms; i++) {
		a = &c->anoms[i];
		json_key(b, NULL);
		buf_addc(b, '{');
		if (a->frame != 0)
			json_u64(b, "frame", a->frame);
		json_cstr(b, "dir", label_dir(a->dir));
		json_cstr(b, "code", anom_name(a->code));
		json_cstr(b, "detail", a->detail);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	if (c->anoms_dropped > 0)
		json_u64(b, "anomalies_dropped", c->anoms_dropped);
}

static bool	with_explain;

void
json_set_explain(bool on)
{
	with_explain = on;
}

static void
explain_one(void *arg, uint32_t i, const char *code, const char *text,
    size_t len)
{
	struct buf *b = arg;

	(void)i;
	json_key(b, NULL);
	buf_addc(b, '{');
	json_cstr(b, "code", code);
	json_str(b, "text", text, len);
	buf_addc(b, '}');
}

void
json_emit_explain(struct buf *b, const struct conn *c)
{
	json_key(b, "explain");
	buf_addc(b, '[');
	explain_each(c, explain_one, b);
	buf_addc(b, ']');
}

void
json_emit_conn(struct buf *b, const struct conn *c)
{
	static const char *const starttls[] = {
		NULL, "smtp", "imap", "pop3", "ftp", "ldap", "xmpp", "mysql",
		"postgres", "nntp", "http_connect", "socks", "other",
	};
	const struct tls_hs *hs = label_hs0(c);
	char tmp[64];
	uint32_t i;

	buf_addc(b, '{');
	json_u64(b, "conn", c->id);
	endpoint_str(&c->cli, tmp, sizeof(tmp));
	json_cstr(b, "client", tmp);
	endpoint_str(&c->srv, tmp, sizeof(tmp));
	json_cstr(b, "server", tmp);
	if (strcmp(label_transport(c), "tcp") != 0)
		json_cstr(b, "transport", label_transport(c));
	label_time_iso(c->t_first, tmp, sizeof(tmp));
	json_cstr(b, "start", tmp);
	if (c->transport == CONN_QUIC)
		json_emit_quic(b, c);
	else if (c->transport == CONN_DTLS || conn_dtls(c)->packets > 0)
		json_emit_dtls(b, c);
	else
		json_emit_tcp(b, c);
	if (c->starttls != STARTTLS_NONE && c->starttls <
	    sizeof(starttls) / sizeof(starttls[0]))
		json_cstr(b, "starttls", starttls[c->starttls]);
	if (hs != NULL) {
		json_key(b, "tls");
		buf_addc(b, '{');
		emit_hs(b, c, hs, true);
		if (c->n_hs > 1) {
			json_key(b, "renegotiations");
			buf_addc(b, '[');
			for (i = 1; i < c->n_hs; i++) {
				json_key(b, NULL);
				buf_addc(b, '{');
				emit_hs(b, c, &c->hs[i], false);
				buf_addc(b, '}');
			}
			buf_addc(b, ']');
		}
		buf_addc(b, '}');
	}
	emit_messages(b, c);
	emit_anoms(b, c);
	if (c->ev_dropped > 0)
		json_u64(b, "messages_dropped", c->ev_dropped);
	if (with_explain)
		json_emit_explain(b, c);
	buf_adds(b, "}\n");
}
