/*
 * report.c: --report. Counts every finished connection into compact
 * aggregates and a summary row, keeps at most LIM_REPORT_FULL whole
 * connections for their sections (failed first, then anomalous, then the
 * rest; within a class the earliest closed), and writes the report at the
 * end of the input as text, Markdown or JSON; html.c writes HTML.
 */
#include "view/report.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/esc.h"
#include "dissect/suite.h"
#include "model/certstore.h"
#include "view/diff.h"
#include "view/json.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/repdata.h"

/* Output is written out in pieces of about this size. */
#define SPILL_BYTES	(1024 * 1024)

static FILE	*spill_fp;
static bool	 spill_ok;

static void	free_srv(void *);
static enum rep_class classify(const struct conn *);
static void	add_row(struct report *, const struct conn *,
		    const struct tls_hs *);
static void	add_server(struct report *, const struct conn *,
		    const struct tls_hs *);
static void	keep_full(struct report *, struct conn *);
static void	spill(struct buf *);
static void	md_str(struct buf *, const void *, size_t);
static void	emit_text(struct report *, struct buf *, bool);
static int	cmp_row(const void *, const void *);
static int	cmp_conn(const void *, const void *);

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
		fp = hs->ja4 != NULL ? hs->ja4 : hs->ja3;
		if (fp != NULL && (e = tally_get(&r->clients, fp, strlen(fp),
		    &created)) != NULL) {
			if (created) {
				struct rep_cli *k = x_calloc(1, sizeof(*k));

				snprintf(k->ja3, sizeof(k->ja3), "%s",
				    hs->ja3 != NULL ? hs->ja3 : "");
				snprintf(k->ja4, sizeof(k->ja4), "%s",
				    hs->ja4 != NULL ? hs->ja4 : "");
				e->data = k;
			}
			e->n++;
		}
		add_server(r, c, hs);
	}
	keep_full(r, c);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct rep_row *x = *(const struct rep_row *const *)a;
	const struct rep_row *y = *(const struct rep_row *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

static int
cmp_conn(const void *a, const void *b)
{
	const struct conn *x = *(const struct conn *const *)a;
	const struct conn *y = *(const struct conn *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

struct rep_row **
report_sorted_rows(struct report *r)
{
	struct rep_row **v = x_calloc(r->n_rows + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < r->n_rows; i++)
		v[i] = &r->rows[i];
	qsort(v, r->n_rows, sizeof(*v), cmp_row);
	return v;
}

struct conn **
report_sorted_full(struct report *r, size_t *n)
{
	struct conn **v;
	size_t k, i, at = 0;

	v = x_calloc(LIM_REPORT_FULL + 1, sizeof(*v));
	for (k = 0; k < RC_N; k++) {
		for (i = 0; i < r->n_full[k]; i++)
			v[at + i] = r->full[k][i];
		qsort(v + at, r->n_full[k], sizeof(*v), cmp_conn);
		at += r->n_full[k];
	}
	*n = at;
	return v;
}

const char *
report_time(int64_t secs, char *buf, size_t len)
{
	time_t t = (time_t)secs;
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	return buf;
}

static void
spill(struct buf *b)
{
	char last;

	if (b->len < SPILL_BYTES || spill_fp == NULL)
		return;
	/* The JSON writers look at the last byte to place commas: keep it. */
	last = b->p[b->len - 1];
	if (fwrite(b->p, 1, b->len - 1, spill_fp) != b->len - 1)
		spill_ok = false;
	buf_reset(b);
	buf_addc(b, last);
}

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

#define PUT_STR(b, md, p, n) do {					\
	if (md)								\
		md_str((b), (p), (n));					\
	else								\
		esc_term((b), (p), (n), 0);				\
} while (0)

/* emit_text: the text report, or Markdown when "md". */
static void
emit_text(struct report *r, struct buf *b, bool md)
{
	const char *h2 = md ? "\n## " : "\n== ", *li = md ? "- " : "  ";
	struct tally_ent **v;
	struct rep_row **rows;
	struct conn **full;
	char t1[40], t2[40], tmp[32];
	size_t i, n_full;
	unsigned k;

	buf_addf(b, "%stlshake report: ", md ? "# " : "");
	PUT_STR(b, md, r->source, strlen(r->source));
	buf_addc(b, '\n');
	if (r->conns > 0) {
		label_time_iso(r->t_min, t1, sizeof(t1));
		label_time_iso(r->t_max, t2, sizeof(t2));
		buf_addf(b, "%sfirst packet %s, last %s\n", md ? "\n" : "",
		    t1, t2);
	}
	buf_addf(b, "%s%llu connections: %llu completed, %llu failed, %llu "
	    "reset, %llu incomplete, %llu without TLS\n", md ? "\n" : "",
	    (unsigned long long)r->conns, (unsigned long long)r->completed,
	    (unsigned long long)r->failed, (unsigned long long)r->reset,
	    (unsigned long long)r->incomplete, (unsigned long long)r->notls);

	buf_addf(b, "%sFailed handshakes by alert\n%s", h2, md ? "\n" : "");
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

	buf_addf(b, "%sVersions chosen\n%s", h2, md ? "\n" : "");
	v = tally_sorted(&r->versions);
	for (i = 0; v[i] != NULL; i++) {
		uint16_t ver;

		memcpy(&ver, v[i]->key, sizeof(ver));
		buf_addf(b, "%s%s: %llu%s\n", li, label_version(ver, tmp,
		    sizeof(tmp)), (unsigned long long)v[i]->n,
		    policy_deprecated(ver) ? " (deprecated)" : "");
	}
	free(v);

	buf_addf(b, "%sCipher suites chosen\n%s", h2, md ? "\n" : "");
	v = tally_sorted(&r->suites);
	for (i = 0; v[i] != NULL; i++) {
		uint16_t id;

		memcpy(&id, v[i]->key, sizeof(id));
		buf_addf(b, "%s%s: %llu (%s)\n", li, suite_name(id),
		    (unsigned long long)v[i]->n,
		    suite_strength_name(policy_strength(id)));
	}
	free(v);
	buf_addf(b, "%sStrength classes of the chosen suites\n%s", h2,
	    md ? "\n" : "");
	buf_addf(b, "%ssecure %llu, weak %llu, insecure %llu, unknown %llu\n",
	    li, (unsigned long long)r->strength[STRENGTH_SECURE],
	    (unsigned long long)r->strength[STRENGTH_WEAK],
	    (unsigned long long)r->strength[STRENGTH_INSECURE],
	    (unsigned long long)r->strength[STRENGTH_UNKNOWN]);

	buf_addf(b, "%sServers\n%s", h2, md ? "\n" : "");
	for (i = 0; i < r->servers.n; i++) {
		const struct rep_srv *s = r->servers.v[i].data;

		buf_addf(b, "%s%s", li, s->ep);
		if (s->sni != NULL) {
			buf_adds(b, " sni=");
			PUT_STR(b, md, s->sni, s->sni_len);
		}
		buf_addf(b, ": %llu connections",
		    (unsigned long long)r->servers.v[i].n);
		if (s->has_cert) {
			buf_adds(b, "; certificate ");
			if (s->subject != NULL)
				PUT_STR(b, md, s->subject, strlen(s->subject));
			buf_adds(b, ", issuer ");
			if (s->issuer != NULL)
				PUT_STR(b, md, s->issuer, strlen(s->issuer));
			buf_addf(b, ", expires %s, key %s %u%s",
			    report_time(s->not_after, t1, sizeof(t1)),
			    s->key_type != NULL ? s->key_type : "?",
			    s->key_bits, s->self_signed ? ", self-signed" :
			    "");
			if (s->chain.checked) {
				buf_addf(b, ", chain %s", s->chain.valid ?
				    "valid" : "invalid");
				if (s->chain.error != NULL) {
					buf_adds(b, ": ");
					PUT_STR(b, md, s->chain.error,
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

	buf_addf(b, "%sClients by fingerprint\n%s", h2, md ? "\n" : "");
	v = tally_sorted(&r->clients);
	for (i = 0; v[i] != NULL; i++) {
		const struct rep_cli *k2 = v[i]->data;

		buf_addf(b, "%s%s%s%s%s: %llu\n", li, k2->ja4[0] ? "ja4 " : "",
		    k2->ja4, k2->ja3[0] ? "  ja3 " : "", k2->ja3,
		    (unsigned long long)v[i]->n);
	}
	free(v);

	buf_addf(b, "%sSNI\n%s", h2, md ? "\n" : "");
	v = tally_sorted(&r->snis);
	for (i = 0; v[i] != NULL; i++) {
		buf_adds(b, li);
		PUT_STR(b, md, v[i]->key, v[i]->key_len);
		buf_addf(b, ": %llu\n", (unsigned long long)v[i]->n);
	}
	free(v);

	buf_addf(b, "%sAnomalies by code\n%s", h2, md ? "\n" : "");
	for (k = 1, n_full = 0; k < ANOM_NCODES; k++)
		if (r->anoms[k] > 0 && ++n_full)
			buf_addf(b, "%s%s: %llu (%s)\n", li,
			    anom_name((enum anom_code)k),
			    (unsigned long long)r->anoms[k],
			    anom_meaning((enum anom_code)k));
	if (n_full == 0)
		buf_addf(b, "%snone\n", li);

	full = report_sorted_full(r, &n_full);
	buf_addf(b, "%sConnections in full (%zu; failed and anomalous "
	    "first)\n", h2, n_full);
	for (i = 0; i < n_full; i++) {
		buf_adds(b, md ? "\n```\n" : "\n");
		text_emit_conn(b, full[i], &r->o);
		diff_text_body(b, full[i], &r->o);
		if (md)
			buf_adds(b, "```\n");
		spill(b);
	}
	free(full);

	buf_addf(b, "%sAll connections\n%s", h2, md ? "\n" : "");
	if (md)
		buf_adds(b, "| # | client | server | SNI | version | suite | "
		    "status | ms | anomalies |\n|---|---|---|---|---|---|---|"
		    "---|---|\n");
	rows = report_sorted_rows(r);
	for (i = 0; i < r->n_rows; i++) {
		const struct rep_row *w = rows[i];
		const char *sep = md ? " | " : "  ";

		buf_addf(b, "%s%llu%s%s%s%s%s", md ? "| " : "  ",
		    (unsigned long long)w->id, sep, w->cli, sep, w->srv, sep);
		if (w->has_sni) {
			PUT_STR(b, md, w->sni, w->sni_len);
			if (w->sni_cut)
				buf_adds(b, "...");
		} else
			buf_adds(b, "-");
		buf_addf(b, "%s%s%s%s%s%s", sep, w->version != 0 ?
		    label_version(w->version, tmp, sizeof(tmp)) : "-", sep,
		    w->has_suite ? suite_name(w->suite) : "-", sep, w->status);
		if (w->has_alert)
			buf_addf(b, " (%s)", suite_alert_name(w->alert) != NULL ?
			    suite_alert_name(w->alert) : "alert");
		if (w->hs_ms >= 0)
			buf_addf(b, "%s%.1f", sep, w->hs_ms);
		else
			buf_addf(b, "%s-", sep);
		buf_addf(b, "%s%u%s\n", sep, w->n_anoms, md ? " |" : "");
		spill(b);
	}
	free(rows);
	if (r->rows_dropped > 0)
		buf_addf(b, "\n(%llu more connections counted above, not "
		    "listed: over %u)\n", (unsigned long long)r->rows_dropped,
		    LIM_REPORT_ROWS);
}

bool
report_write(struct report *r, FILE *fp)
{
	struct buf b;

	buf_init(&b);
	spill_fp = fp;
	spill_ok = true;
	switch (r->fmt) {
	case REPORT_TEXT:
		emit_text(r, &b, false);
		break;
	case REPORT_MD:
		emit_text(r, &b, true);
		break;
	case REPORT_HTML:
		html_emit(r, &b);
		break;
	case REPORT_JSON:
		repjson_emit(r, &b);
		break;
	}
	if (b.len > 0 && fwrite(b.p, 1, b.len, fp) != b.len)
		spill_ok = false;
	buf_cleanup(&b);
	spill_fp = NULL;
	if (fflush(fp) != 0)
		spill_ok = false;
	return spill_ok;
}

void
report_spill(struct buf *b)
{
	spill(b);
}
