/*
 * html.c: the HTML report: one self-contained file (no external assets;
 * a Content-Security-Policy allows nothing from elsewhere), summary
 * tables sortable by a click on their header (a few lines of inline
 * script; without scripts they are plain tables), then one section per
 * connection kept in full: its ladder as inline SVG (TCP blue, TLS yellow
 * with a dark outline so it reads on white, alerts and resets red,
 * encrypted records grey and dashed) beside its offered versus chosen
 * tables and certificates. Every string passes esc_html().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/esc.h"
#include "common/i18n.h"
#include "dissect/suite.h"
#include "model/certstore.h"
#include "view/explain.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/repdata.h"
#include "view/role.h"

/* Ladder geometry (pixels) and the rows drawn per connection. */
#define L_ROW		26
#define L_TOP		34
#define L_CLI		200
#define L_SRV		560
#define L_W		720
#define L_MAX_ROWS	400

/* Yellow on white needs a dark edge to be seen (role.c gives the fill). */
#define C_TLS_EDGE	"#5f4b00"

static void	h(struct buf *, const char *);
static void	hn(struct buf *, const void *, size_t);
static void	th_row(struct buf *, const char *const *);
static void	emit_style(struct buf *);
static void	svg_ladder(struct buf *, const struct conn *);
static void	sec_suites(struct buf *, const struct tls_hs *);
static void	sec_certs(struct buf *, const struct tls_hs *);
static void	anom_list(struct buf *, const struct conn *);
static void	sec_explain(struct buf *, const struct conn *);

/* The page's style sheet: strength classes and "bad" in the role colours. */
static void
emit_style(struct buf *b)
{
	buf_addf(b,
	    "body{font-family:sans-serif;margin:1.5em;color:#222;"
	    "background:#fff}"
	    "table{border-collapse:collapse;margin:.5em 0 1.2em}"
	    "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;"
	    "font-size:13px;vertical-align:top}"
	    "th{background:#eee;cursor:pointer}"
	    "td.n{text-align:right}"
	    ".insecure{color:#fff;background:%s}"
	    ".weak{background:%s}.secure{background:%s}"
	    "tr.chosen td{font-weight:bold;outline:2px solid #222}"
	    ".bad{color:%s;font-weight:bold}"
	    "section{border-top:2px solid #888;margin-top:1.5em}"
	    ".cols{display:flex;flex-wrap:wrap;gap:1.5em}"
	    ".explain{max-width:40em;font-size:13px}.explain li{margin:.3em 0}"
	    ".explain code{color:#666}"
	    "code{font-size:12px}", role_css(ROLE_INSECURE),
	    role_css(ROLE_WEAK), role_css(ROLE_SECURE), role_css(ROLE_BAD));
}

/* Sort a table by the clicked column: numbers as numbers. */
static const char script[] =
"document.querySelectorAll('table.sort th').forEach(function(th){"
"th.addEventListener('click',function(){"
"var t=th.closest('table'),b=t.tBodies[0],"
"i=Array.prototype.indexOf.call(th.parentNode.children,th),"
"asc=th.getAttribute('data-dir')!=='asc';"
"th.setAttribute('data-dir',asc?'asc':'desc');"
"var r=Array.prototype.slice.call(b.rows);"
"r.sort(function(x,y){var p=x.cells[i].textContent,q=y.cells[i].textContent,"
"a=parseFloat(p),c=parseFloat(q),"
"d=(!isNaN(a)&&!isNaN(c))?a-c:p.localeCompare(q);return asc?d:-d;});"
"r.forEach(function(e){b.appendChild(e);});});});";

static void
h(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_html(b, s, strlen(s));
}

static void
hn(struct buf *b, const void *p, size_t len)
{
	esc_html(b, p, len);
}

static void
th_row(struct buf *b, const char *const *names)
{
	buf_adds(b, "<thead><tr>");
	for (; *names != NULL; names++) {
		buf_adds(b, "<th>");
		h(b, *names);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead><tbody>");
}

/*
 * svg_ladder: the client and server as two vertical lines, one arrow per
 * event sloping down in the direction of travel, its name above it.
 */
static void
svg_ladder(struct buf *b, const struct conn *c)
{
	uint32_t n = c->n_ev < L_MAX_ROWS ? c->n_ev : L_MAX_ROWS, i;
	int height = L_TOP + (int)n * L_ROW + 20, y, x1, x2, tip, mid, w;
	char lab[96];
	const char *name;
	const struct event *e;
	const char *stroke;
	enum role r;
	size_t len;

	buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"ladder\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"monospace\" font-size=\"11\" role=\"img\">",
	    L_W, height, L_W, height);
	buf_addf(b, "<title>ladder of connection %llu</title>",
	    (unsigned long long)c->id);
	buf_addf(b, "<text x=\"%d\" y=\"14\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">client</text>", L_CLI);
	buf_addf(b, "<text x=\"%d\" y=\"14\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">server</text>", L_SRV);
	buf_addf(b, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\" stroke-width=\"2\"/>", L_CLI, L_CLI, height - 4);
	buf_addf(b, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\" stroke-width=\"2\"/>", L_SRV, L_SRV, height - 4);
	for (i = 0; i < n; i++) {
		e = &c->ev[i];
		r = role_event(e);
		stroke = role_css(r);
		y = L_TOP + (int)i * L_ROW;
		x1 = e->dir == DIR_C2S ? L_CLI : L_SRV;
		x2 = e->dir == DIR_C2S ? L_SRV : L_CLI;
		tip = e->dir == DIR_C2S ? -9 : 9;
		mid = (L_CLI + L_SRV) / 2;
		name = label_event(c, e, lab, sizeof(lab));
		len = strlen(name);
		w = (int)len * 7 + 8;
		buf_addf(b, "<text x=\"4\" y=\"%d\" fill=\"#555\">%.6f</text>",
		    y + 8, (double)(int64_t)(e->ts - c->t_first) / 1e6);
		if (r == ROLE_TLS) {
			/* Yellow on white needs an edge to be seen. */
			buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
			    "y2=\"%d\" stroke=\"" C_TLS_EDGE "\" "
			    "stroke-width=\"5\"/>", x1, y, x2, y + 8);
			buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"13\" rx=\"3\" fill=\"%s\" "
			    "stroke=\"" C_TLS_EDGE "\"/>", mid - w / 2, y - 15,
			    w, stroke);
		}
		buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"%s\" stroke-width=\"%s\"%s/>", x1, y, x2, y + 8,
		    stroke, r == ROLE_TLS ? "3" : "2", r == ROLE_DIM ?
		    " stroke-dasharray=\"5,3\"" : "");
		buf_addf(b, "<polygon points=\"%d,%d %d,%d %d,%d\" "
		    "fill=\"%s\"/>", x2, y + 8, x2 + tip, y + 3, x2 + tip,
		    y + 12, r == ROLE_TLS ? C_TLS_EDGE : stroke);
		buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "fill=\"%s\">", mid, y - 5, r == ROLE_BAD ? stroke :
		    r == ROLE_DIM ? "#777" : "#111");
		hn(b, name, len);
		buf_adds(b, "</text>");
		if (!label_transport_event(e) && e->len > 0)
			buf_addf(b, "<text x=\"%d\" y=\"%d\" fill=\"#555\">%u "
			    "B</text>", L_SRV + 14, y + 8, e->len);
	}
	if (c->n_ev > n)
		buf_addf(b, "<text x=\"4\" y=\"%d\">... %u more events"
		    "</text>", height - 6, c->n_ev - n);
	buf_adds(b, "</svg>");
}

static void
sec_suites(struct buf *b, const struct tls_hs *hs)
{
	const struct tls_fp *fp = conn_fp(hs);
	static const char *const cols[] = { "#", "offered cipher suite",
	    "protocol", "kx/auth", "enc", "mac", "strength", "", NULL };
	uint32_t i, pos = policy_position(hs);
	char tmp[96];
	uint16_t hi = policy_highest(hs);

	buf_addf(b, "<table class=\"sort\">");
	th_row(b, cols);
	for (i = 0; i < hs->suites_offered.n; i++) {
		uint16_t id = hs->suites_offered.v[i];
		const struct suite *s = suite_find(id);
		enum suite_strength st = policy_strength(id);

		buf_addf(b, "<tr%s><td class=\"n\">%u</td><td>",
		    i + 1 == pos ? " class=\"chosen\"" : "", i + 1);
		h(b, suite_name(id));
		if (s == NULL)
			buf_addf(b, " (0x%04x)", id);
		buf_adds(b, "</td><td>");
		if (s != NULL) {
			h(b, suite_proto_name(s->proto));
			buf_adds(b, "</td><td>");
			h(b, suite_kx_name(s->kx));
			buf_addc(b, '/');
			h(b, suite_au_name(s->au));
			buf_adds(b, "</td><td>");
			h(b, suite_enc_name(s->enc));
			buf_adds(b, "</td><td>");
			h(b, suite_mac_name(s->mac));
		} else
			buf_adds(b, "</td><td></td><td></td><td>");
		buf_addf(b, "</td><td class=\"%s\">%s", suite_strength_name(st),
		    st == STRENGTH_UNKNOWN ? "" : suite_strength_name(st));
		if (*policy_reasons(s, tmp, sizeof(tmp)) != '\0') {
			buf_adds(b, " (");
			h(b, tmp);
			buf_addc(b, ')');
		}
		buf_addf(b, "</td><td>%s</td></tr>", i + 1 == pos ?
		    "&#9664; chosen" : "");
	}
	buf_adds(b, "</tbody></table>");
	buf_adds(b, "<table><tbody>");
	buf_adds(b, "<tr><th>chosen suite</th><td>");
	if (hs->flags & HSF_HAS_SUITE) {
		h(b, suite_name(hs->suite));
		if (pos > 0)
			buf_addf(b, " (#%u of the client's list)", pos);
	} else
		buf_adds(b, "none");
	buf_adds(b, "</td></tr><tr><th>version</th><td>offered ");
	for (i = 0; i < hs->versions_offered.n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		h(b, label_version_any(hs->versions_offered.v[i], tmp,
		    sizeof(tmp)));
	}
	if (hs->versions_offered.n == 0 && hi != 0) {
		buf_adds(b, "up to ");
		h(b, label_version(hi, tmp, sizeof(tmp)));
	}
	buf_adds(b, " &rarr; ");
	if (hs->version != 0) {
		buf_addf(b, "<span%s>", policy_deprecated(hs->version) ?
		    " class=\"bad\"" : "");
		h(b, label_version(hs->version, tmp, sizeof(tmp)));
		buf_adds(b, policy_deprecated(hs->version) ?
		    " (deprecated)</span>" : "</span>");
	} else
		buf_adds(b, "none");
	buf_adds(b, "</td></tr><tr><th>group</th><td>offered ");
	for (i = 0; i < hs->groups_offered.n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		h(b, label_group(hs->groups_offered.v[i], tmp, sizeof(tmp)));
	}
	buf_adds(b, " &rarr; ");
	h(b, (hs->flags & HSF_HAS_GROUP) ? label_group(hs->group, tmp,
	    sizeof(tmp)) : "not seen");
	buf_adds(b, "</td></tr><tr><th>signature algorithm</th><td>");
	buf_addf(b, "%u offered &rarr; ", hs->sig_algs_offered.n);
	h(b, hs->ske_sig_alg != 0 ? label_sigalg(hs->ske_sig_alg, tmp,
	    sizeof(tmp)) : "not seen");
	buf_adds(b, "</td></tr><tr><th>ALPN</th><td>offered ");
	for (i = 0; i < hs->alpn_offered.n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		hn(b, hs->alpn_offered.v[i].p, hs->alpn_offered.v[i].len);
	}
	buf_adds(b, " &rarr; ");
	if (hs->alpn.p != NULL)
		hn(b, hs->alpn.p, hs->alpn.len);
	else
		buf_adds(b, "none seen");
	buf_adds(b, "</td></tr>");
	if (hs->flags & (HSF_FALLBACK_SCSV | HSF_DOWNGRADE))
		buf_addf(b, "<tr><th>downgrade</th><td class=\"bad\">%s%s"
		    "</td></tr>", (hs->flags & HSF_FALLBACK_SCSV) ?
		    "TLS_FALLBACK_SCSV offered. " : "",
		    (hs->flags & HSF_DOWNGRADE) ? "Downgrade sentinel in "
		    "the server random." : "");
	if (fp->ja4 != NULL || fp->ja3 != NULL) {
		buf_adds(b, "<tr><th>fingerprints</th><td><code>");
		if (fp->ja4 != NULL) {
			buf_adds(b, "ja4 ");
			h(b, fp->ja4);
		}
		if (fp->ja3 != NULL) {
			buf_adds(b, fp->ja4 != NULL ? "<br>ja3 " : "ja3 ");
			h(b, fp->ja3);
		}
		buf_adds(b, "</code></td></tr>");
	}
	buf_adds(b, "</tbody></table>");
}

static void
sec_certs(struct buf *b, const struct tls_hs *hs)
{
	static const char *const cols[] = { "#", "subject", "issuer",
	    "not after", "key", "signature", NULL };
	char t[40];
	uint32_t i;

	if (hs->n_certs == 0)
		return;
	buf_adds(b, "<table>");
	th_row(b, cols);
	for (i = 0; i < hs->n_certs; i++) {
		const struct cert_info *ci = cert_info(hs->certs[i]);

		buf_addf(b, "<tr><td class=\"n\">%u</td><td>", i);
		h(b, ci->subject);
		buf_adds(b, "</td><td>");
		h(b, ci->issuer);
		buf_adds(b, "</td><td>");
		h(b, repdata_time(ci->not_after, t, sizeof(t)));
		buf_adds(b, "</td><td>");
		h(b, ci->key_type);
		buf_addf(b, " %u</td><td>", ci->key_bits);
		h(b, ci->sig_alg);
		buf_adds(b, "</td></tr>");
	}
	buf_adds(b, "</tbody></table>");
	if (hs->chain.checked) {
		buf_addf(b, "<p%s>chain: %s", hs->chain.valid ? "" :
		    " class=\"bad\"", hs->chain.valid ? "valid" : "invalid");
		if (hs->chain.error != NULL) {
			buf_adds(b, ": ");
			h(b, hs->chain.error);
		}
		buf_adds(b, "</p>");
	}
}

void
html_head(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	char t1[40], t2[40];

	(void)v;
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "script-src 'unsafe-inline'\">"
	    "<title>tlshake report: ");
	h(b, r->source);
	buf_adds(b, "</title><style>");
	emit_style(b);
	buf_adds(b, "</style></head><body>\n<h1>tlshake report: ");
	h(b, r->source);
	buf_adds(b, "</h1><p>");
	if (r->conns > 0) {
		label_time_iso(r->t_min, t1, sizeof(t1));
		label_time_iso(r->t_max, t2, sizeof(t2));
		buf_addf(b, "First packet %s, last %s. ", t1, t2);
	}
	buf_addf(b, "%llu connections: %llu completed, %llu failed.</p>\n",
	    (unsigned long long)r->conns, (unsigned long long)r->completed,
	    (unsigned long long)r->failed);
}

/* The summary opens with the outcomes (the head of the others). */
void
html_summary(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "outcome", "connections", NULL };
	struct buf *b = &o->b;

	(void)v;
	buf_adds(b, "<h2>Summary</h2><div class=\"cols\"><div>"
	    "<table class=\"sort\">");
	th_row(b, cols);
	buf_addf(b, "<tr><td>completed</td><td class=\"n\">%llu</td></tr>"
	    "<tr><td>failed</td><td class=\"n\">%llu</td></tr>"
	    "<tr><td>reset</td><td class=\"n\">%llu</td></tr>"
	    "<tr><td>incomplete</td><td class=\"n\">%llu</td></tr>"
	    "<tr><td>without TLS</td><td class=\"n\">%llu</td></tr>"
	    "</tbody></table>", (unsigned long long)r->completed,
	    (unsigned long long)r->failed, (unsigned long long)r->reset,
	    (unsigned long long)r->incomplete, (unsigned long long)r->notls);
}

void
html_alerts(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "alert", "failed", NULL };
	struct buf *b = &o->b;
	unsigned k;

	(void)v;
	buf_adds(b, "<table class=\"sort\">");
	th_row(b, cols);
	for (k = 0; k < 256; k++)
		if (r->by_alert[k] > 0) {
			buf_adds(b, "<tr><td>");
			if (suite_alert_name((uint8_t)k) != NULL)
				h(b, suite_alert_name((uint8_t)k));
			else
				buf_addf(b, "%u", k);
			buf_addf(b, "</td><td class=\"n\">%llu</td></tr>",
			    (unsigned long long)r->by_alert[k]);
		}
	if (r->failed_no_alert > 0)
		buf_addf(b, "<tr><td>(not seen or encrypted)</td>"
		    "<td class=\"n\">%llu</td></tr>",
		    (unsigned long long)r->failed_no_alert);
	buf_adds(b, "</tbody></table></div>");
}

void
html_versions(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "version", "connections", NULL };
	struct buf *b = &o->b;
	char tmp[40];
	uint16_t ver;
	size_t i;

	(void)r;
	buf_adds(b, "<div><table class=\"sort\">");
	th_row(b, cols);
	for (i = 0; v->versions[i] != NULL; i++) {
		memcpy(&ver, v->versions[i]->key, sizeof(ver));
		buf_addf(b, "<tr><td%s>", policy_deprecated(ver) ?
		    " class=\"bad\"" : "");
		h(b, label_version(ver, tmp, sizeof(tmp)));
		buf_addf(b, "%s</td><td class=\"n\">%llu</td></tr>",
		    policy_deprecated(ver) ? " (deprecated)" : "",
		    (unsigned long long)v->versions[i]->n);
	}
	buf_adds(b, "</tbody></table>");
}

/* The strength classes go under the versions, beside the suites. */
void
html_suites(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "cipher suite", "strength",
	    "connections", NULL };
	struct buf *b = &o->b;
	const char *sn;
	uint16_t id;
	size_t i;

	buf_addf(b, "<p>Strength of the chosen suites: "
	    "secure %llu, weak %llu, insecure %llu, unknown %llu</p></div>"
	    "<div><table class=\"sort\">",
	    (unsigned long long)r->strength[STRENGTH_SECURE],
	    (unsigned long long)r->strength[STRENGTH_WEAK],
	    (unsigned long long)r->strength[STRENGTH_INSECURE],
	    (unsigned long long)r->strength[STRENGTH_UNKNOWN]);
	th_row(b, cols);
	for (i = 0; v->suites[i] != NULL; i++) {
		memcpy(&id, v->suites[i]->key, sizeof(id));
		sn = suite_strength_name(policy_strength(id));
		buf_adds(b, "<tr><td>");
		h(b, suite_name(id));
		buf_addf(b, "</td><td class=\"%s\">%s</td><td class=\"n\">"
		    "%llu</td></tr>", sn, sn,
		    (unsigned long long)v->suites[i]->n);
	}
	buf_adds(b, "</tbody></table></div></div>");
}

void
html_servers(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "server", "SNI", "connections",
	    "subject", "issuer", "expires", "key", "chain", NULL };
	struct buf *b = &o->b;
	char tmp[40];
	size_t i;

	(void)v;
	buf_adds(b, "<h3>Servers</h3><table class=\"sort\">");
	th_row(b, cols);
	for (i = 0; i < r->servers.n; i++) {
		const struct rep_srv *s = r->servers.v[i].data;

		buf_adds(b, "<tr><td>");
		h(b, s->ep);
		buf_adds(b, "</td><td>");
		if (s->sni != NULL)
			hn(b, s->sni, s->sni_len);
		buf_addf(b, "</td><td class=\"n\">%llu</td><td>",
		    (unsigned long long)r->servers.v[i].n);
		if (s->has_cert) {
			h(b, s->subject);
			buf_adds(b, "</td><td>");
			h(b, s->issuer);
			buf_adds(b, "</td><td>");
			h(b, repdata_time(s->not_after, tmp, sizeof(tmp)));
			buf_adds(b, "</td><td>");
			h(b, s->key_type);
			buf_addf(b, " %u%s</td><td", s->key_bits,
			    s->self_signed ? ", self-signed" : "");
			if (s->chain.checked) {
				buf_addf(b, "%s>%s", s->chain.valid ? "" :
				    " class=\"bad\"", s->chain.valid ?
				    "valid" : "invalid");
				if (s->chain.error != NULL) {
					buf_adds(b, ": ");
					h(b, s->chain.error);
				}
			} else
				buf_adds(b, ">not checked");
		} else
			buf_adds(b, "no certificate seen</td><td></td><td>"
			    "</td><td></td><td>");
		buf_adds(b, "</td></tr>");
	}
	buf_adds(b, "</tbody></table>");
	if (r->servers.dropped > 0)
		buf_addf(b, "<p>%llu more servers not kept.</p>",
		    (unsigned long long)r->servers.dropped);
}

void
html_clients(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "ja4", "ja3", "connections",
	    NULL };
	struct buf *b = &o->b;
	size_t i;

	(void)r;
	buf_adds(b, "<div class=\"cols\"><div><h3>Clients by fingerprint</h3>"
	    "<table class=\"sort\">");
	th_row(b, cols);
	for (i = 0; v->clients[i] != NULL; i++) {
		const struct rep_cli *c = v->clients[i]->data;

		buf_adds(b, "<tr><td><code>");
		h(b, c->ja4);
		buf_adds(b, "</code></td><td><code>");
		h(b, c->ja3);
		buf_addf(b, "</code></td><td class=\"n\">%llu</td></tr>",
		    (unsigned long long)v->clients[i]->n);
	}
	buf_adds(b, "</tbody></table></div>");
}

void
html_snis(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "SNI", "connections", NULL };
	struct buf *b = &o->b;
	size_t i;

	(void)r;
	buf_adds(b, "<div><h3>SNI</h3><table class=\"sort\">");
	th_row(b, cols);
	for (i = 0; v->snis[i] != NULL; i++) {
		buf_adds(b, "<tr><td>");
		hn(b, v->snis[i]->key, v->snis[i]->key_len);
		buf_addf(b, "</td><td class=\"n\">%llu</td></tr>",
		    (unsigned long long)v->snis[i]->n);
	}
	buf_adds(b, "</tbody></table></div>");
}

void
html_anoms(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "anomaly", "meaning", "count",
	    NULL };
	struct buf *b = &o->b;
	unsigned k;

	(void)v;
	buf_adds(b, "<div><h3>Anomalies</h3><table class=\"sort\">");
	th_row(b, cols);
	for (k = 1; k < ANOM_NCODES; k++)
		if (r->anoms[k] > 0) {
			buf_adds(b, "<tr><td><code>");
			h(b, anom_name((enum anom_code)k));
			buf_adds(b, "</code></td><td>");
			h(b, anom_meaning((enum anom_code)k));
			buf_addf(b, "</td><td class=\"n\">%llu</td></tr>",
			    (unsigned long long)r->anoms[k]);
		}
	buf_adds(b, "</tbody></table></div></div>");
}

void
html_rows(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	static const char *const cols[] = { "#", "client", "server", "SNI",
	    "version", "cipher suite", "status", "handshake ms", "anomalies",
	    NULL };
	struct buf *b = &o->b;
	char tmp[32];
	size_t i;

	buf_adds(b, "<h2>Connections</h2><table class=\"sort\">");
	th_row(b, cols);
	for (i = 0; i < r->n_rows; i++) {
		const struct rep_row *w = v->rows[i];

		if (w->full)
			buf_addf(b, "<tr><td class=\"n\"><a href=\"#c%llu\">"
			    "%llu</a></td><td>", (unsigned long long)w->id,
			    (unsigned long long)w->id);
		else
			buf_addf(b, "<tr><td class=\"n\">%llu</td><td>",
			    (unsigned long long)w->id);
		h(b, w->cli);
		buf_adds(b, "</td><td>");
		h(b, w->srv);
		buf_adds(b, "</td><td>");
		if (w->has_sni)
			hn(b, w->sni, w->sni_len);
		if (w->sni_cut)
			buf_adds(b, "&hellip;");
		buf_adds(b, "</td><td>");
		if (w->version != 0)
			h(b, label_version(w->version, tmp, sizeof(tmp)));
		buf_addf(b, "</td><td class=\"%s\">", w->has_suite ?
		    suite_strength_name((enum suite_strength)w->strength) :
		    "");
		if (w->has_suite)
			h(b, suite_name(w->suite));
		buf_addf(b, "</td><td%s>", strcmp(w->status, "ok") == 0 ? "" :
		    " class=\"bad\"");
		h(b, w->status);
		if (w->has_alert && suite_alert_name(w->alert) != NULL) {
			buf_adds(b, " (");
			h(b, suite_alert_name(w->alert));
			buf_addc(b, ')');
		}
		if (w->hs_ms >= 0)
			buf_addf(b, "</td><td class=\"n\">%.1f", w->hs_ms);
		else
			buf_adds(b, "</td><td class=\"n\">");
		buf_addf(b, "</td><td class=\"n\">%u</td></tr>", w->n_anoms);
		repdata_spill(o);
	}
	buf_adds(b, "</tbody></table>");
	if (r->rows_dropped > 0)
		buf_addf(b, "<p>%llu more connections are counted in the "
		    "summary, not listed (over %u).</p>",
		    (unsigned long long)r->rows_dropped, LIM_REPORT_ROWS);
}

static void
anom_list(struct buf *b, const struct conn *c)
{
	uint32_t j;

	if (c->n_anoms == 0)
		return;
	buf_adds(b, "<ul>");
	for (j = 0; j < c->n_anoms; j++) {
		buf_addf(b, "<li class=\"bad\">frame %u <code>",
		    c->anoms[j].frame);
		h(b, anom_name(c->anoms[j].code));
		buf_adds(b, "</code> ");
		h(b, anom_meaning(c->anoms[j].code));
		if (c->anoms[j].detail != NULL) {
			buf_adds(b, " (");
			h(b, c->anoms[j].detail);
			buf_addc(b, ')');
		}
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>");
}

void
html_full(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;
	const struct tls_hs *hs;
	char cli[64], srv[64];
	size_t i;

	(void)r;
	buf_addf(b, "<h2>Connections in full</h2><p>%zu connections, failed "
	    "and anomalous first; TCP is blue, TLS yellow, alerts and resets "
	    "red, encrypted records grey.</p>\n", v->n_full);
	for (i = 0; i < v->n_full; i++) {
		const struct conn *c = v->full[i];

		endpoint_str(&c->cli, cli, sizeof(cli));
		endpoint_str(&c->srv, srv, sizeof(srv));
		buf_addf(b, "<section id=\"c%llu\"><h3>#%llu ",
		    (unsigned long long)c->id, (unsigned long long)c->id);
		h(b, cli);
		buf_adds(b, " &rarr; ");
		h(b, srv);
		hs = label_hs0(c);
		if (hs != NULL && hs->sni.p != NULL) {
			buf_adds(b, " sni=");
			hn(b, hs->sni.p, hs->sni.len);
		}
		buf_adds(b, " (");
		h(b, label_status(c));
		buf_adds(b, ")</h3><div class=\"cols\"><div>");
		svg_ladder(b, c);
		buf_adds(b, "</div>");
		sec_explain(b, c);
		buf_adds(b, "<div>");
		if (hs != NULL) {
			sec_suites(b, hs);
			sec_certs(b, hs);
		}
		anom_list(b, c);
		buf_adds(b, "</div></div></section>\n");
		repdata_spill(o);
	}
}

/* The --explain steps of "c", beside its ladder (SPEC.md, "Explaining a
 * handshake"); each item carries its stable code. */
static void
explain_item(void *arg, uint32_t i, const char *code, const char *text,
    size_t len)
{
	struct buf *b = arg;

	(void)i;
	buf_addf(b, "<li data-code=\"%s\">", code);
	hn(b, text, len);
	buf_addf(b, " <code>%s</code></li>", code);
}

static void
sec_explain(struct buf *b, const struct conn *c)
{
	buf_adds(b, "<div class=\"explain\"><h4>");
	h(b, _("Step by step"));
	buf_adds(b, "</h4><ol>");
	explain_each(c, explain_item, b);
	buf_adds(b, "</ol></div>");
}

void
html_end(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	(void)r;
	(void)v;
	buf_addf(&o->b, "<script>%s</script>\n</body></html>\n", script);
}
