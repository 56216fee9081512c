/*
 * reptext.c: the sections of the text and Markdown reports (report.c's
 * table calls them in order). Wire strings are escaped for a terminal,
 * and in Markdown its special characters too.
 */
#include <stdlib.h>
#include <string.h>

#include "common/esc.h"
#include "dissect/suite.h"
#include "view/diff.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/repdata.h"
#include "view/text.h"

static void	md_str(struct buf *, const void *, size_t);
static void	put_str(const struct rep_out *, struct buf *, const void *,
		    size_t);
static void	heading(struct rep_out *, const char *);
static const char *item(const struct rep_out *);

/* md_str: a wire string in Markdown: terminal-safe, specials escaped. */
static void
md_str(struct buf *b, const void *p, size_t len)
{
	struct buf t;
	size_t i;

	buf_init(&t);
	esc_term(&t, p, len, 0);
	for (i = 0; i < t.len; i++) {
		if (strchr("\\`*_{}[]<>()#+-.!|~&", t.p[i]) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, t.p[i]);
	}
	buf_cleanup(&t);
}

static void
put_str(const struct rep_out *o, struct buf *b, const void *p, size_t len)
{
	if (o->md)
		md_str(b, p, len);
	else
		esc_term(b, p, len, 0);
}

/* heading: "== Title" in text, "## Title" and a blank line in Markdown. */
static void
heading(struct rep_out *o, const char *title)
{
	buf_addf(&o->b, "%s%s\n%s", o->md ? "\n## " : "\n== ", title,
	    o->md ? "\n" : "");
}

static const char *
item(const struct rep_out *o)
{
	return o->md ? "- " : "  ";
}

void
reptext_head(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	char t1[40], t2[40];

	(void)v;
	buf_addf(b, "%stlshake report: ", o->md ? "# " : "");
	put_str(o, b, r->source, strlen(r->source));
	buf_addc(b, '\n');
	if (r->conns > 0) {
		label_time_iso(r->t_min, t1, sizeof(t1));
		label_time_iso(r->t_max, t2, sizeof(t2));
		buf_addf(b, "%sfirst packet %s, last %s\n", o->md ? "\n" : "",
		    t1, t2);
	}
	buf_addf(b, "%s%llu connections: %llu completed, %llu failed, %llu "
	    "reset, %llu incomplete, %llu without TLS\n", o->md ? "\n" : "",
	    (unsigned long long)r->conns, (unsigned long long)r->completed,
	    (unsigned long long)r->failed, (unsigned long long)r->reset,
	    (unsigned long long)r->incomplete, (unsigned long long)r->notls);
}

void
reptext_alerts(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	const char *li = item(o);
	unsigned k;

	(void)v;
	heading(o, "Failed handshakes by alert");
	for (k = 0; k < 256; k++)
		if (r->by_alert[k] > 0)
			buf_addf(b, "%s%s: %llu\n", li, suite_alert_name(
			    (uint8_t)k) != NULL ? suite_alert_name((uint8_t)k) :
			    "unknown", (unsigned long long)r->by_alert[k]);
	if (r->failed_no_alert > 0)
		buf_addf(b, "%s(alert encrypted or not seen): %llu\n", li,
		    (unsigned long long)r->failed_no_alert);
	if (r->failed == 0)
		buf_addf(b, "%snone\n", li);
}

void
reptext_versions(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	char tmp[32];
	uint16_t ver;
	size_t i;

	(void)r;
	heading(o, "Versions chosen");
	for (i = 0; v->versions[i] != NULL; i++) {
		memcpy(&ver, v->versions[i]->key, sizeof(ver));
		buf_addf(&o->b, "%s%s: %llu%s\n", item(o), label_version(ver,
		    tmp, sizeof(tmp)), (unsigned long long)v->versions[i]->n,
		    policy_deprecated(ver) ? " (deprecated)" : "");
	}
}

void
reptext_suites(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	uint16_t id;
	size_t i;

	(void)r;
	heading(o, "Cipher suites chosen");
	for (i = 0; v->suites[i] != NULL; i++) {
		memcpy(&id, v->suites[i]->key, sizeof(id));
		buf_addf(&o->b, "%s%s: %llu (%s)\n", item(o), suite_name(id),
		    (unsigned long long)v->suites[i]->n,
		    suite_strength_name(policy_strength(id)));
	}
}

void
reptext_strength(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	(void)v;
	heading(o, "Strength classes of the chosen suites");
	buf_addf(&o->b, "%ssecure %llu, weak %llu, insecure %llu, unknown "
	    "%llu\n", item(o),
	    (unsigned long long)r->strength[STRENGTH_SECURE],
	    (unsigned long long)r->strength[STRENGTH_WEAK],
	    (unsigned long long)r->strength[STRENGTH_INSECURE],
	    (unsigned long long)r->strength[STRENGTH_UNKNOWN]);
}

void
reptext_servers(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	const char *li = item(o);
	char t[40];
	size_t i;

	(void)v;
	heading(o, "Servers");
	for (i = 0; i < r->servers.n; i++) {
		const struct rep_srv *s = r->servers.v[i].data;

		buf_addf(b, "%s%s", li, s->ep);
		if (s->sni != NULL) {
			buf_adds(b, " sni=");
			put_str(o, b, s->sni, s->sni_len);
		}
		buf_addf(b, ": %llu connections",
		    (unsigned long long)r->servers.v[i].n);
		if (s->has_cert) {
			buf_adds(b, "; certificate ");
			if (s->subject != NULL)
				put_str(o, b, s->subject, strlen(s->subject));
			buf_adds(b, ", issuer ");
			if (s->issuer != NULL)
				put_str(o, b, s->issuer, strlen(s->issuer));
			buf_addf(b, ", expires %s, key %s %u%s",
			    repdata_time(s->not_after, t, sizeof(t)),
			    s->key_type != NULL ? s->key_type : "?",
			    s->key_bits, s->self_signed ? ", self-signed" :
			    "");
			if (s->chain.checked) {
				buf_addf(b, ", chain %s", s->chain.valid ?
				    "valid" : "invalid");
				if (s->chain.error != NULL) {
					buf_adds(b, ": ");
					put_str(o, b, s->chain.error,
					    strlen(s->chain.error));
				}
			} else
				buf_adds(b, ", chain not checked");
		} else
			buf_adds(b, "; no certificate seen");
		buf_addc(b, '\n');
	}
	if (r->servers.dropped > 0)
		buf_addf(b, "%s(%llu more servers not kept)\n", li,
		    (unsigned long long)r->servers.dropped);
}

void
reptext_clients(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	size_t i;

	(void)r;
	heading(o, "Clients by fingerprint");
	for (i = 0; v->clients[i] != NULL; i++) {
		const struct rep_cli *k = v->clients[i]->data;

		buf_addf(&o->b, "%s%s%s%s%s: %llu\n", item(o),
		    k->ja4[0] ? "ja4 " : "", k->ja4, k->ja3[0] ? "  ja3 " : "",
		    k->ja3, (unsigned long long)v->clients[i]->n);
	}
}

void
reptext_snis(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	size_t i;

	(void)r;
	heading(o, "SNI");
	for (i = 0; v->snis[i] != NULL; i++) {
		buf_adds(&o->b, item(o));
		put_str(o, &o->b, v->snis[i]->key, v->snis[i]->key_len);
		buf_addf(&o->b, ": %llu\n", (unsigned long long)v->snis[i]->n);
	}
}

void
reptext_anoms(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	size_t n = 0;
	unsigned k;

	(void)v;
	heading(o, "Anomalies by code");
	for (k = 1; k < ANOM_NCODES; k++)
		if (r->anoms[k] > 0 && ++n)
			buf_addf(&o->b, "%s%s: %llu (%s)\n", item(o),
			    anom_name((enum anom_code)k),
			    (unsigned long long)r->anoms[k],
			    anom_meaning((enum anom_code)k));
	if (n == 0)
		buf_addf(&o->b, "%snone\n", item(o));
}

void
reptext_full(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	size_t i;

	buf_addf(b, "%sConnections in full (%zu; failed and anomalous "
	    "first)\n", o->md ? "\n## " : "\n== ", v->n_full);
	for (i = 0; i < v->n_full; i++) {
		buf_adds(b, o->md ? "\n```\n" : "\n");
		text_emit_conn(b, v->full[i], &r->o);
		diff_text_body(b, v->full[i], &r->o);
		if (o->md)
			buf_adds(b, "```\n");
		repdata_spill(o);
	}
}

void
reptext_rows(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	const char *sep = o->md ? " | " : "  ";
	char tmp[32];
	size_t i;

	heading(o, "All connections");
	if (o->md)
		buf_adds(b, "| # | client | server | SNI | version | suite | "
		    "status | ms | anomalies |\n|---|---|---|---|---|---|---|"
		    "---|---|\n");
	for (i = 0; i < r->n_rows; i++) {
		const struct rep_row *w = v->rows[i];

		buf_addf(b, "%s%llu%s%s%s%s%s", o->md ? "| " : "  ",
		    (unsigned long long)w->id, sep, w->cli, sep, w->srv, sep);
		if (w->has_sni) {
			put_str(o, b, w->sni, w->sni_len);
			if (w->sni_cut)
				buf_adds(b, "...");
		} else
			buf_adds(b, "-");
		buf_addf(b, "%s%s%s%s%s%s", sep, w->version != 0 ?
		    label_version(w->version, tmp, sizeof(tmp)) : "-", sep,
		    w->has_suite ? suite_name(w->suite) : "-", sep, w->status);
		if (w->has_alert)
			buf_addf(b, " (%s)", suite_alert_name(w->alert) !=
			    NULL ? suite_alert_name(w->alert) : "alert");
		if (w->hs_ms >= 0)
			buf_addf(b, "%s%.1f", sep, w->hs_ms);
		else
			buf_addf(b, "%s-", sep);
		buf_addf(b, "%s%u%s\n", sep, w->n_anoms, o->md ? " |" : "");
		repdata_spill(o);
	}
	if (r->rows_dropped > 0)
		buf_addf(b, "\n(%llu more connections counted above, not "
		    "listed: over %u)\n", (unsigned long long)r->rows_dropped,
		    LIM_REPORT_ROWS);
}
