/*
 * repjson.c: the JSON report, one document with the content of the text
 * and HTML ones (tlshake-json(5), "REPORT"); the sections are the objects
 * --json writes for those connections.
 */
#include <stdlib.h>
#include <string.h>

#include "dissect/suite.h"
#include "view/json.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/repdata.h"

void
repjson_emit(struct report *r, struct buf *b)
{
	struct tally_ent **v;
	struct rep_row **rows;
	struct conn **full;
	char t[40], tmp[32];
	size_t i, n_full;
	unsigned k;

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
	if (r->failed > 0) {
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
	if (r->versions.n > 0) {
		json_key(b, "versions");
		buf_addc(b, '[');
		v = tally_sorted(&r->versions);
		for (i = 0; v[i] != NULL; i++) {
			uint16_t ver;

			memcpy(&ver, v[i]->key, sizeof(ver));
			json_key(b, NULL);
			buf_addc(b, '{');
			json_cstr(b, "version", label_version(ver, tmp,
			    sizeof(tmp)));
			json_u64(b, "count", v[i]->n);
			json_bool(b, "deprecated", policy_deprecated(ver));
			buf_addc(b, '}');
		}
		free(v);
		buf_addc(b, ']');
	}
	if (r->suites.n > 0) {
		json_key(b, "cipher_suites");
		buf_addc(b, '[');
		v = tally_sorted(&r->suites);
		for (i = 0; v[i] != NULL; i++) {
			uint16_t id;

			memcpy(&id, v[i]->key, sizeof(id));
			json_key(b, NULL);
			buf_addc(b, '{');
			json_hex16(b, "id", id);
			json_cstr(b, "name", suite_name(id));
			json_cstr(b, "strength", suite_strength_name(
			    policy_strength(id)));
			json_u64(b, "count", v[i]->n);
			buf_addc(b, '}');
		}
		free(v);
		buf_addc(b, ']');
	}
	json_key(b, "strength");
	buf_addc(b, '{');
	for (k = STRENGTH_UNKNOWN; k <= STRENGTH_SECURE; k++)
		json_u64(b, suite_strength_name((enum suite_strength)k),
		    r->strength[k]);
	buf_addc(b, '}');
	if (r->servers.n > 0) {
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
				json_cstr(b, "not_after", report_time(
				    s->not_after, t, sizeof(t)));
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
	if (r->clients.n > 0) {
		json_key(b, "clients");
		buf_addc(b, '[');
		v = tally_sorted(&r->clients);
		for (i = 0; v[i] != NULL; i++) {
			const struct rep_cli *c = v[i]->data;

			json_key(b, NULL);
			buf_addc(b, '{');
			if (c->ja4[0] != '\0')
				json_cstr(b, "ja4", c->ja4);
			if (c->ja3[0] != '\0')
				json_cstr(b, "ja3", c->ja3);
			json_u64(b, "connections", v[i]->n);
			buf_addc(b, '}');
		}
		free(v);
		buf_addc(b, ']');
	}
	if (r->snis.n > 0) {
		json_key(b, "sni");
		buf_addc(b, '[');
		v = tally_sorted(&r->snis);
		for (i = 0; v[i] != NULL; i++) {
			json_key(b, NULL);
			buf_addc(b, '{');
			json_str(b, "sni", v[i]->key, v[i]->key_len);
			json_u64(b, "count", v[i]->n);
			buf_addc(b, '}');
		}
		free(v);
		buf_addc(b, ']');
	}
	for (k = 1; k < ANOM_NCODES && r->anoms[k] == 0; k++)
		continue;
	if (k < ANOM_NCODES) {
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
	if (r->servers.dropped > 0)
		json_u64(b, "servers_dropped", r->servers.dropped);
	if (r->clients.dropped > 0)
		json_u64(b, "clients_dropped", r->clients.dropped);
	if (r->snis.dropped > 0)
		json_u64(b, "sni_dropped", r->snis.dropped);
	rows = report_sorted_rows(r);
	if (r->n_rows > 0) {
		json_key(b, "rows");
		buf_addc(b, '[');
		for (i = 0; i < r->n_rows; i++) {
			const struct rep_row *w = rows[i];

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
				json_cstr(b, "version", label_version(
				    w->version, tmp, sizeof(tmp)));
			if (w->has_suite) {
				json_cstr(b, "cipher_suite",
				    suite_name(w->suite));
				json_cstr(b, "strength", suite_strength_name(
				    (enum suite_strength)w->strength));
			}
			json_cstr(b, "status", w->status);
			if (w->has_alert && suite_alert_name(w->alert) != NULL)
				json_cstr(b, "alert",
				    suite_alert_name(w->alert));
			if (w->hs_ms >= 0)
				json_num(b, "handshake_ms", w->hs_ms);
			json_u64(b, "anomaly_count", w->n_anoms);
			json_bool(b, "full", w->full);
			buf_addc(b, '}');
			report_spill(b);
		}
		buf_addc(b, ']');
	}
	free(rows);
	if (r->rows_dropped > 0)
		json_u64(b, "rows_dropped", r->rows_dropped);
	full = report_sorted_full(r, &n_full);
	if (n_full > 0) {
		json_key(b, "sections");
		buf_addc(b, '[');
		for (i = 0; i < n_full; i++) {
			json_key(b, NULL);
			json_emit_conn(b, full[i]);
			/* One document: the line's newline goes. */
			if (b->len > 0 && b->p[b->len - 1] == '\n')
				b->p[--b->len] = '\0';
			report_spill(b);
		}
		buf_addc(b, ']');
	}
	free(full);
	buf_adds(b, "}\n");
}
