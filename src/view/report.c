/*
 * report.c: --report. Counts every finished connection into compact
 * aggregates and a summary row, keeps at most LIM_REPORT_FULL whole
 * connections for their sections (failed first, then anomalous, then the
 * rest; within a class the earliest closed), and at the end of the input
 * writes the report from one table of sections, each with a text (and
 * Markdown), a JSON and an HTML writer (reptext.c, repjson.c, html.c).
 */
#include "view/report.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/certstore.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/repdata.h"

static void	free_srv(void *);
static enum rep_class classify(const struct conn *);
static void	add_row(struct report *, const struct conn *,
		    const struct tls_hs *);
static void	add_server(struct report *, const struct conn *,
		    const struct tls_hs *);
static void	keep_full(struct report *, struct conn *);

bool
report_fmt_parse(const char *s, enum report_fmt *out)
{
	static const char *const names[] = { "text", "md", "html", "json" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum report_fmt)i;
			return true;
		}
	return false;
}

FILE *
report_open(const char *path)
{
	FILE *fp;
	int fd;

	/* O_NOFOLLOW: a symbolic link at "path" fails with ELOOP. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
	if (fd < 0)
		return NULL;
	if ((fp = fdopen(fd, "w")) == NULL)
		close(fd);
	return fp;
}

static void
free_srv(void *p)
{
	struct rep_srv *s = p;

	free(s->sni);
	free(s->subject);
	free(s->issuer);
	free(s->key_type);
	free((void *)s->chain.error);
	free(s);
}

struct report *
report_new(enum report_fmt fmt, const char *source, const struct text_opts *o)
{
	struct report *r = x_calloc(1, sizeof(*r));

	r->fmt = fmt;
	r->source = x_strdup(source != NULL ? source : "-");
	r->o = *o;
	r->o.color = false;
	r->o.quiet = false;
	r->o.verbose = 0;
	tally_init(&r->versions, LIM_DIFF_KEYS, NULL);
	tally_init(&r->suites, LIM_DIFF_KEYS, NULL);
	tally_init(&r->servers, LIM_DIFF_KEYS, free_srv);
	tally_init(&r->clients, LIM_DIFF_KEYS, free);
	tally_init(&r->snis, LIM_DIFF_KEYS, NULL);
	return r;
}

void
report_free(struct report *r)
{
	size_t k, i;

	if (r == NULL)
		return;
	for (k = 0; k < RC_N; k++) {
		for (i = 0; i < r->n_full[k]; i++)
			conn_free(r->full[k][i]);
		free(r->full[k]);
	}
	tally_cleanup(&r->versions);
	tally_cleanup(&r->suites);
	tally_cleanup(&r->servers);
	tally_cleanup(&r->clients);
	tally_cleanup(&r->snis);
	free(r->rows);
	free(r->source);
	free(r);
}

static enum rep_class
classify(const struct conn *c)
{
	const char *st = label_status(c);

	if (strcmp(st, "failed") == 0 || strcmp(st, "reset") == 0)
		return RC_FAILED;
	if (c->n_anoms > 0 || c->anoms_dropped > 0 ||
	    strcmp(st, "incomplete") == 0)
		return RC_ANOMALOUS;
	return RC_OK;
}

static void
add_row(struct report *r, const struct conn *c, const struct tls_hs *hs)
{
	struct rep_row *w;
	uint32_t i;

	if (r->n_rows >= LIM_REPORT_ROWS) {
		r->rows_dropped++;
		return;
	}
	if (r->n_rows == r->cap_rows) {
		r->cap_rows = r->cap_rows == 0 ? 256 : r->cap_rows * 2;
		r->rows = x_realloc(r->rows, r->cap_rows, sizeof(*r->rows));
	}
	w = &r->rows[r->n_rows++];
	memset(w, 0, sizeof(*w));
	w->id = c->id;
	w->t_first = c->t_first;
	endpoint_str(&c->cli, w->cli, sizeof(w->cli));
	endpoint_str(&c->srv, w->srv, sizeof(w->srv));
	w->status = label_status(c);
	w->n_anoms = c->n_anoms + c->anoms_dropped;
	w->hs_ms = -1;
	if (hs == NULL)
		return;
	if (hs->sni.p != NULL) {
		w->has_sni = true;
		w->sni_len = (uint8_t)(hs->sni.len < LIM_REPORT_SNI ?
		    hs->sni.len : LIM_REPORT_SNI);
		w->sni_cut = hs->sni.len > LIM_REPORT_SNI;
		memcpy(w->sni, hs->sni.p, w->sni_len);
	}
	w->version = hs->version;
	if (hs->flags & HSF_HAS_SUITE) {
		w->has_suite = true;
		w->suite = hs->suite;
		w->strength = (uint8_t)policy_strength(hs->suite);
	}
	for (i = 0; i < hs->n_alerts; i++)
		if (!hs->alerts[i].encrypted && hs->alerts[i].level == 2) {
			w->has_alert = true;
			w->alert = hs->alerts[i].desc;
			break;
		}
	if (hs->flags & HSF_COMPLETE)
		w->hs_ms = conn_handshake_ms(c, hs);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? x_strdup(s) : NULL;
}

static void
add_server(struct report *r, const struct conn *c, const struct tls_hs *hs)
{
	const struct cert_info *ci;
	struct tally_ent *e;
	struct rep_srv *s;
	struct buf key;
	bool created;

	buf_init(&key);
	tally_server_key(&key, c, hs);
	e = tally_get(&r->servers, key.p, key.len, &created);
	buf_cleanup(&key);
	if (e == NULL)
		return;
	e->n++;
	if (created) {
		s = e->data = x_calloc(1, sizeof(*s));
		endpoint_str(&c->srv, s->ep, sizeof(s->ep));
		if (hs->sni.p != NULL) {
			s->sni = x_malloc(hs->sni.len + 1);
			memcpy(s->sni, hs->sni.p, hs->sni.len);
			s->sni_len = hs->sni.len;
		}
	}
	s = e->data;
	if (s->has_cert || hs->n_certs == 0)
		return;
	/* The first leaf seen stands for the server. */
	ci = cert_info(hs->certs[0]);
	s->has_cert = true;
	s->subject = dup_or_null(ci->subject);
	s->issuer = dup_or_null(ci->issuer);
	s->key_type = dup_or_null(ci->key_type);
	s->key_bits = ci->key_bits;
	s->not_after = ci->not_after;
	s->self_signed = ci->self_signed;
	s->chain = hs->chain;
	s->chain.error = dup_or_null(hs->chain.error);
}

/*
 * keep_full keeps "c" for a full section while there is room; past
 * LIM_REPORT_FULL a connection of a more important class takes the place
 * of the latest one of the least important class.
 */
static void
keep_full(struct report *r, struct conn *c)
{
	enum rep_class k = classify(c), low;
	size_t total = r->n_full[0] + r->n_full[1] + r->n_full[2], i;
	struct conn *old;

	if (total >= LIM_REPORT_FULL) {
		for (low = RC_N - 1; low > k && r->n_full[low] == 0; low--)
			continue;
		if (low <= k) {
			conn_free(c);
			return;
		}
		old = r->full[low][--r->n_full[low]];
		i = (size_t)(uintptr_t)old->user;
		if (i > 0)
			r->rows[i - 1].full = false;
		conn_free(old);
	}
	if (r->full[k] == NULL)
		r->full[k] = x_calloc(LIM_REPORT_FULL, sizeof(*r->full[k]));
	r->full[k][r->n_full[k]++] = c;
	i = (size_t)(uintptr_t)c->user;
	if (i > 0)
		r->rows[i - 1].full = true;
}

void
report_add(struct report *r, struct conn *c)
{
	const struct tls_hs *hs = label_hs0(c);
	struct tally_ent *e;
	const char *st = label_status(c), *fp;
	const struct tls_fp *hf;
	bool created;
	uint16_t v;
	uint32_t i;

	r->conns++;
	if (r->t_min == 0 || c->t_first < r->t_min)
		r->t_min = c->t_first;
	if (c->t_last > r->t_max)
		r->t_max = c->t_last;
	if (strcmp(st, "ok") == 0)
		r->completed++;
	else if (strcmp(st, "failed") == 0)
		r->failed++;
	else if (strcmp(st, "reset") == 0)
		r->reset++;
	else if (strcmp(st, "tcp") == 0)
		r->notls++;
	else
		r->incomplete++;
	for (i = 0; i < c->n_anoms; i++)
		if (c->anoms[i].code < ANOM_NCODES)
			r->anoms[c->anoms[i].code]++;
	c->user = NULL;
	add_row(r, c, hs);
	if (r->rows_dropped == 0)
		c->user = (void *)(uintptr_t)r->n_rows;
	if (hs != NULL) {
		if (hs->flags & HSF_FAILED) {
			for (i = 0; i < hs->n_alerts; i++)
				if (!hs->alerts[i].encrypted &&
				    hs->alerts[i].level == 2)
					break;
			if (i < hs->n_alerts)
				r->by_alert[hs->alerts[i].desc]++;
			else
				r->failed_no_alert++;
		}
		if (hs->version != 0) {
			v = hs->version;
			if ((e = tally_get(&r->versions, &v, sizeof(v),
			    &created)) != NULL)
				e->n++;
		}
		if (hs->flags & HSF_HAS_SUITE) {
			v = hs->suite;
			if ((e = tally_get(&r->suites, &v, sizeof(v),
			    &created)) != NULL)
				e->n++;
			r->strength[policy_strength(hs->suite)]++;
		}
		if (hs->sni.p != NULL && (e = tally_get(&r->snis, hs->sni.p,
		    hs->sni.len, &created)) != NULL)
			e->n++;
		hf = conn_fp(hs);
		fp = hf->ja4 != NULL ? hf->ja4 : hf->ja3;
		if (fp != NULL && (e = tally_get(&r->clients, fp, strlen(fp),
		    &created)) != NULL) {
			if (created) {
				struct rep_cli *k = x_calloc(1, sizeof(*k));

				snprintf(k->ja3, sizeof(k->ja3), "%s",
				    hf->ja3 != NULL ? hf->ja3 : "");
				snprintf(k->ja4, sizeof(k->ja4), "%s",
				    hf->ja4 != NULL ? hf->ja4 : "");
				e->data = k;
			}
			e->n++;
		}
		add_server(r, c, hs);
	}
	keep_full(r, c);
}

/*
 * The report's sections, in order, each with its writer in every format
 * (text also writes Markdown); NULL where a format has no such section
 * there. Every writer reads the same data, collected once by report_add
 * and sorted once by repdata_view_init.
 */
static const struct rep_section {
	const char	*name;
	rep_emit_fn	*text, *json, *html;
} sections[] = {
	/* name, text, json, html */
	{ "head", reptext_head, repjson_head, html_head },
	{ "charts", NULL, NULL, charts_emit },
	/* HTML gives the outcomes again, as the summary's first table. */
	{ "summary", NULL, NULL, html_summary },
	{ "alerts", reptext_alerts, repjson_alerts, html_alerts },
	{ "versions", reptext_versions, repjson_versions, html_versions },
	/* HTML says the strength classes with the suites' table. */
	{ "suites", reptext_suites, repjson_suites, html_suites },
	{ "strength", reptext_strength, repjson_strength, NULL },
	{ "servers", reptext_servers, repjson_servers, html_servers },
	{ "clients", reptext_clients, repjson_clients, html_clients },
	{ "sni", reptext_snis, repjson_snis, html_snis },
	{ "anomalies", reptext_anoms, repjson_anoms, html_anoms },
	/* Text and HTML say what was not kept under each table. */
	{ "dropped", NULL, repjson_dropped, NULL },
	/* Text: the ladders before the list; JSON and HTML: the list first,
	 * linking to the sections. */
	{ "ladders", reptext_full, NULL, NULL },
	{ "rows", reptext_rows, repjson_rows, html_rows },
	{ "sections", NULL, repjson_full, html_full },
	{ "end", NULL, repjson_end, html_end },
};

bool
report_write(struct report *r, FILE *fp)
{
	const struct rep_section *s;
	struct rep_view v;
	struct rep_out o;
	rep_emit_fn *fn;
	size_t i;

	buf_init(&o.b);
	o.fp = fp;
	o.ok = true;
	o.md = r->fmt == REPORT_MD;
	repdata_view_init(&v, r);
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		s = &sections[i];
		fn = r->fmt == REPORT_JSON ? s->json : r->fmt == REPORT_HTML ?
		    s->html : s->text;
		if (fn != NULL)
			fn(r, &v, &o);
	}
	repdata_view_cleanup(&v);
	if (o.b.len > 0 && fwrite(o.b.p, 1, o.b.len, fp) != o.b.len)
		o.ok = false;
	buf_cleanup(&o.b);
	if (fflush(fp) != 0)
		o.ok = false;
	return o.ok;
}
