/*
 * repjson.c: the sections of the JSON report, one document with the
 * content of the text and HTML ones (tlshake-json(5), "REPORT"); the
 * connections in full are the objects --json writes for them.
 */
#include <stdlib.h>
#include <string.h>

#include "dissect/suite.h"
#include "view/json.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/repdata.h"

void
repjson_head(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	char t[40];

	(void)v;
	buf_addc(b, '{');
	json_cstr(b, "type", "report");
	json_cstr(b, "source", r->source);
	if (r->conns > 0) {
		label_time_iso(r->t_min, t, sizeof(t));
		json_cstr(b, "first", t);
		label_time_iso(r->t_max, t, sizeof(t));
		json_cstr(b, "last", t);
	}
	json_u64(b, "connections", r->conns);
	json_u64(b, "completed", r->completed);
	json_u64(b, "failed", r->failed);
	json_u64(b, "reset", r->reset);
	json_u64(b, "incomplete", r->incomplete);
	json_u64(b, "no_tls", r->notls);
}

void
repjson_alerts(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	unsigned k;

	(void)v;
	if (r->failed == 0)
		return;
	json_key(b, "alerts");
	buf_addc(b, '[');
	for (k = 0; k < 256; k++) {
		if (r->by_alert[k] == 0)
			continue;
		json_key(b, NULL);
		buf_addc(b, '{');
		if (suite_alert_name((uint8_t)k) != NULL)
			json_cstr(b, "description",
			    suite_alert_name((uint8_t)k));
		else
			json_u64(b, "description", k);
		json_u64(b, "count", r->by_alert[k]);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	if (r->failed_no_alert > 0)
		json_u64(b, "failed_no_alert", r->failed_no_alert);
}

void
repjson_versions(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	char tmp[32];
	uint16_t ver;
	size_t i;

	if (r->versions.n == 0)
		return;
	json_key(b, "versions");
	buf_addc(b, '[');
	for (i = 0; v->versions[i] != NULL; i++) {
		memcpy(&ver, v->versions[i]->key, sizeof(ver));
		json_key(b, NULL);
		buf_addc(b, '{');
		json_cstr(b, "version", label_version(ver, tmp, sizeof(tmp)));
		json_u64(b, "count", v->versions[i]->n);
		json_bool(b, "deprecated", policy_deprecated(ver));
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
repjson_suites(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	uint16_t id;
	size_t i;

	if (r->suites.n == 0)
		return;
	json_key(b, "cipher_suites");
	buf_addc(b, '[');
	for (i = 0; v->suites[i] != NULL; i++) {
		memcpy(&id, v->suites[i]->key, sizeof(id));
		json_key(b, NULL);
		buf_addc(b, '{');
		json_hex16(b, "id", id);
		json_cstr(b, "name", suite_name(id));
		json_cstr(b, "strength", suite_strength_name(
		    policy_strength(id)));
		json_u64(b, "count", v->suites[i]->n);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
repjson_strength(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	unsigned k;

	(void)v;
	json_key(&o->b, "strength");
	buf_addc(&o->b, '{');
	for (k = STRENGTH_UNKNOWN; k <= STRENGTH_SECURE; k++)
		json_u64(&o->b, suite_strength_name((enum suite_strength)k),
		    r->strength[k]);
	buf_addc(&o->b, '}');
}

void
repjson_servers(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	char t[40];
	size_t i;

	(void)v;
	if (r->servers.n == 0)
		return;
	json_key(b, "servers");
	buf_addc(b, '[');
	for (i = 0; i < r->servers.n; i++) {
		const struct rep_srv *s = r->servers.v[i].data;

		json_key(b, NULL);
		buf_addc(b, '{');
		json_cstr(b, "server", s->ep);
		if (s->sni != NULL)
			json_str(b, "sni", s->sni, s->sni_len);
		json_u64(b, "connections", r->servers.v[i].n);
		if (s->has_cert) {
			json_cstr(b, "subject", s->subject);
			json_cstr(b, "issuer", s->issuer);
			json_cstr(b, "not_after", repdata_time(s->not_after, t,
			    sizeof(t)));
			json_cstr(b, "key_type", s->key_type);
			if (s->key_bits > 0)
				json_u64(b, "key_bits", s->key_bits);
			json_bool(b, "self_signed", s->self_signed);
		}
		if (s->chain.checked) {
			json_key(b, "chain");
			buf_addc(b, '{');
			json_bool(b, "valid", s->chain.valid);
			json_cstr(b, "error", s->chain.error);
			if (s->chain.hostname_checked)
				json_bool(b, "hostname_match",
				    s->chain.hostname_match);
			buf_addc(b, '}');
		}
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
repjson_clients(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	size_t i;

	if (r->clients.n == 0)
		return;
	json_key(b, "clients");
	buf_addc(b, '[');
	for (i = 0; v->clients[i] != NULL; i++) {
		const struct rep_cli *c = v->clients[i]->data;

		json_key(b, NULL);
		buf_addc(b, '{');
		if (c->ja4[0] != '\0')
			json_cstr(b, "ja4", c->ja4);
		if (c->ja3[0] != '\0')
			json_cstr(b, "ja3", c->ja3);
		json_u64(b, "connections", v->clients[i]->n);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
repjson_snis(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	size_t i;

	if (r->snis.n == 0)
		return;
	json_key(b, "sni");
	buf_addc(b, '[');
	for (i = 0; v->snis[i] != NULL; i++) {
		json_key(b, NULL);
		buf_addc(b, '{');
		json_str(b, "sni", v->snis[i]->key, v->snis[i]->key_len);
		json_u64(b, "count", v->snis[i]->n);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
repjson_anoms(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	unsigned k;

	(void)v;
	for (k = 1; k < ANOM_NCODES && r->anoms[k] == 0; k++)
		continue;
	if (k == ANOM_NCODES)
		return;
	json_key(b, "anomalies");
	buf_addc(b, '[');
	for (k = 1; k < ANOM_NCODES; k++) {
		if (r->anoms[k] == 0)
			continue;
		json_key(b, NULL);
		buf_addc(b, '{');
		json_cstr(b, "code", anom_name((enum anom_code)k));
		json_u64(b, "count", r->anoms[k]);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

/* What the tables could not keep, counted (text and HTML: under each). */
void
repjson_dropped(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	(void)v;
	if (r->servers.dropped > 0)
		json_u64(&o->b, "servers_dropped", r->servers.dropped);
	if (r->clients.dropped > 0)
		json_u64(&o->b, "clients_dropped", r->clients.dropped);
	if (r->snis.dropped > 0)
		json_u64(&o->b, "sni_dropped", r->snis.dropped);
}

void
repjson_rows(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	char t[40], tmp[32];
	size_t i;

	if (r->n_rows > 0) {
		json_key(b, "rows");
		buf_addc(b, '[');
	}
	for (i = 0; i < r->n_rows; i++) {
		const struct rep_row *w = v->rows[i];

		json_key(b, NULL);
		buf_addc(b, '{');
		json_u64(b, "conn", w->id);
		json_cstr(b, "client", w->cli);
		json_cstr(b, "server", w->srv);
		label_time_iso(w->t_first, t, sizeof(t));
		json_cstr(b, "start", t);
		if (w->has_sni)
			json_str(b, "sni", w->sni, w->sni_len);
		if (w->sni_cut)
			json_bool(b, "sni_cut", true);
		if (w->version != 0)
			json_cstr(b, "version", label_version(w->version, tmp,
			    sizeof(tmp)));
		if (w->has_suite) {
			json_cstr(b, "cipher_suite", suite_name(w->suite));
			json_cstr(b, "strength", suite_strength_name(
			    (enum suite_strength)w->strength));
		}
		json_cstr(b, "status", w->status);
		if (w->has_alert && suite_alert_name(w->alert) != NULL)
			json_cstr(b, "alert", suite_alert_name(w->alert));
		if (w->hs_ms >= 0)
			json_num(b, "handshake_ms", w->hs_ms);
		json_u64(b, "anomaly_count", w->n_anoms);
		json_bool(b, "full", w->full);
		buf_addc(b, '}');
		repdata_spill(o);
	}
	if (r->n_rows > 0)
		buf_addc(b, ']');
	if (r->rows_dropped > 0)
		json_u64(b, "rows_dropped", r->rows_dropped);
}

void
repjson_full(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	size_t i;

	(void)r;
	if (v->n_full == 0)
		return;
	json_key(b, "sections");
	buf_addc(b, '[');
	for (i = 0; i < v->n_full; i++) {
		json_key(b, NULL);
		json_emit_conn(b, v->full[i]);
		/* One document: the line's newline goes. */
		if (b->len > 0 && b->p[b->len - 1] == '\n')
			b->p[--b->len] = '\0';
		repdata_spill(o);
	}
	buf_addc(b, ']');
}

void
repjson_end(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	(void)r;
	(void)v;
	buf_adds(&o->b, "}\n");
}
