/*
 * charts.c: the HTML report's charts, inline SVG drawn from the report's
 * rows (no script, no font or image from elsewhere): connections over
 * time as stacked bars coloured by outcome, the distribution of handshake
 * times, the chosen versions and suite strengths, and the servers whose
 * choices were weak. Every name passes esc_html().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/esc.h"
#include "dissect/suite.h"
#include "view/label.h"
#include "view/policy.h"
#include "view/repdata.h"

/* Chart geometry (pixels). */
#define CH_W		520
#define CH_H		230
#define CH_X0		48
#define CH_X1		(CH_W - 12)
#define CH_Y0		28
#define CH_Y1		170
#define CH_BINS		48
#define CH_SERVERS	10
#define WEAK_SNI_MAX	16	/* bytes of a server name in a bar's label */

/* Outcomes, in stacking order, with their colours. */
enum outc { O_OK, O_FAILED, O_RESET, O_INCOMPLETE, O_TCP, O_N };

static const struct {
	const char	*name, *label, *color;
} outc[O_N] = {
	{ "ok", "completed", "#2e9e44" },
	{ "failed", "failed", "#d70000" },
	{ "reset", "reset", "#ff8700" },
	{ "incomplete", "incomplete", "#9e9e9e" },
	{ "tcp", "without TLS", "#0087ff" },
};

#define C_WEAK		"#ffaf5f"
#define C_INSECURE	"#d70000"
#define C_SECURE	"#2e9e44"
#define C_UNKNOWN	"#9e9e9e"
#define C_HS		"#ffd700"
#define C_HS_EDGE	"#5f4b00"

static enum outc
outc_of(const struct rep_row *w)
{
	int i;

	for (i = 0; i < O_N; i++)
		if (strcmp(w->status, outc[i].name) == 0)
			return (enum outc)i;
	return O_INCOMPLETE;
}

static void
svg_open(struct buf *b, const char *id, const char *title)
{
	buf_addf(b, "<figure class=\"chart\" id=\"%s\" style=\"margin:0\"><svg class=\"chart\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "font-family=\"sans-serif\" font-size=\"11\"><title>%s</title>"
	    "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">"
	    "%s</text>", id, CH_W, CH_H, CH_W, CH_H, title, CH_X0, title);
}

static void
svg_close(struct buf *b)
{
	buf_adds(b, "</svg></figure>");
}

/* The y axis from 0 to "max", with its top value. */
static void
y_axis(struct buf *b, uint64_t max)
{
	buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\"/><text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
	    "%llu</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>",
	    CH_X0, CH_Y0, CH_X0, CH_Y1, CH_X0, CH_Y1, CH_X1, CH_Y1,
	    CH_X0 - 4, CH_Y0 + 4, (unsigned long long)max, CH_X0 - 4, CH_Y1);
}

static void
legend(struct buf *b, int x, int y, const char *color, const char *label,
    uint64_t n)
{
	buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
	    "fill=\"%s\" stroke=\"#444\" stroke-width=\"0.5\"/>"
	    "<text x=\"%d\" y=\"%d\">%s %llu</text>", x, y - 9, color, x + 14,
	    y, label, (unsigned long long)n);
}

/* Connections over time: CH_BINS stacked bars between first and last. */
static void
chart_timeline(const struct report *r, struct buf *b)
{
	static uint64_t bins[CH_BINS][O_N];
	uint64_t span, total[O_N], max = 1, s;
	char t1[40], t2[40];
	double bw = (double)(CH_X1 - CH_X0) / CH_BINS, y, hgt;
	size_t i;
	int k, o, x;

	memset(bins, 0, sizeof(bins));
	memset(total, 0, sizeof(total));
	span = r->t_max > r->t_min ? r->t_max - r->t_min : 1;
	for (i = 0; i < r->n_rows; i++) {
		const struct rep_row *w = &r->rows[i];
		uint64_t t = w->t_first > r->t_min ? w->t_first - r->t_min : 0;

		k = (int)(t * CH_BINS / span);
		if (k >= CH_BINS)
			k = CH_BINS - 1;
		o = (int)outc_of(w);
		bins[k][o]++;
		total[o]++;
	}
	for (k = 0; k < CH_BINS; k++) {
		for (s = 0, o = 0; o < O_N; o++)
			s += bins[k][o];
		if (s > max)
			max = s;
	}
	svg_open(b, "chart-time", "Connections over time, by outcome");
	y_axis(b, max);
	for (k = 0; k < CH_BINS; k++) {
		y = CH_Y1;
		for (o = 0; o < O_N; o++) {
			if (bins[k][o] == 0)
				continue;
			hgt = (double)bins[k][o] * (CH_Y1 - CH_Y0) /
			    (double)max;
			y -= hgt;
			buf_addf(b, "<rect class=\"o-%s\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
			    "<title>%llu %s</title></rect>", outc[o].name,
			    CH_X0 + k * bw + 0.5, y, bw - 1, hgt,
			    outc[o].color, (unsigned long long)bins[k][o],
			    outc[o].label);
		}
	}
	if (r->n_rows == 0) {
		buf_addf(b, "<text class=\"none\" x=\"%d\" y=\"%d\">No "
		    "connection.</text>", CH_X0, CH_Y1 + 14);
	} else {
		label_time_iso(r->t_min, t1, sizeof(t1));
		label_time_iso(r->t_max, t2, sizeof(t2));
		buf_addf(b, "<text x=\"%d\" y=\"%d\">%s</text><text "
		    "x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", CH_X0,
		    CH_Y1 + 14, t1, CH_X1, CH_Y1 + 14, t2);
	}
	for (x = CH_X0, o = 0; o < O_N; o++, x += 92)
		legend(b, x, CH_H - 14, outc[o].color, outc[o].label,
		    total[o]);
	svg_close(b);
}

/* Handshake times: counts in bins whose edges grow 1-2-5 per decade. */
static void
chart_hstimes(const struct report *r, struct buf *b)
{
	static const double edge[] = {
		0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
		2000, 5000,
	};
	static const char *const lab[] = {
		"<0.1", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50",
		"100", "200", "500", "1k", "2k", "5k+",
	};
	enum { NB = sizeof(lab) / sizeof(lab[0]) };
	uint64_t n[NB], max = 1, done = 0;
	double bw = (double)(CH_X1 - CH_X0) / NB, hgt;
	size_t i, k;

	memset(n, 0, sizeof(n));
	for (i = 0; i < r->n_rows; i++) {
		double ms = r->rows[i].hs_ms;

		if (ms < 0)
			continue;
		for (k = 0; k < NB - 1 && ms >= edge[k]; k++)
			;
		n[k]++;
		done++;
	}
	for (k = 0; k < NB; k++)
		if (n[k] > max)
			max = n[k];
	svg_open(b, "chart-hs", "Handshake times (ms)");
	y_axis(b, max);
	for (k = 0; k < NB; k++) {
		hgt = (double)n[k] * (CH_Y1 - CH_Y0) / (double)max;
		if (n[k] > 0)
			buf_addf(b, "<rect class=\"hs\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" fill=\"" C_HS "\" "
			    "stroke=\"" C_HS_EDGE "\"><title>%llu handshakes "
			    "from %s ms</title></rect>", CH_X0 + k * bw + 1,
			    CH_Y1 - hgt, bw - 2, hgt,
			    (unsigned long long)n[k], lab[k]);
		buf_addf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
		    "%s</text>", CH_X0 + k * bw + bw / 2, CH_Y1 + 14, lab[k]);
	}
	buf_addf(b, "<text x=\"%d\" y=\"%d\">%llu completed handshakes; a "
	    "bar counts those from its label's time to the next "
	    "label's</text>", CH_X0, CH_H - 14, (unsigned long long)done);
	svg_close(b);
}

/* One horizontal bar of width n/max with a label before and the count. */
static void
hbar(struct buf *b, int y, const char *label, uint64_t n, uint64_t max,
    const char *color, int x0, int w)
{
	double len = max > 0 ? (double)n * w / (double)max : 0;

	buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
	    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" "
	    "fill=\"%s\" stroke=\"#444\" stroke-width=\"0.5\"/>"
	    "<text x=\"%.1f\" y=\"%d\">%llu</text>", x0 - 4, y + 10, label,
	    x0, y, len, color, x0 + len + 4, y + 10, (unsigned long long)n);
}

/* Chosen versions (left) and suite strengths (right). */
static void
chart_choices(const struct report *r, struct buf *b)
{
	static const uint16_t vers[] = {
		0x0304, 0x0303, 0x0302, 0x0301, 0x0300, 0x0002,
	};
	static const struct {
		int		 s;
		const char	*color;
	} str[] = {
		{ STRENGTH_SECURE, C_SECURE }, { STRENGTH_WEAK, C_WEAK },
		{ STRENGTH_INSECURE, C_INSECURE },
		{ STRENGTH_UNKNOWN, C_UNKNOWN },
	};
	enum { NV = sizeof(vers) / sizeof(vers[0]) };
	uint64_t nv[NV + 1], ns[4], maxv = 0, maxs = 0;
	char tmp[16];
	size_t i, k;
	int y;

	memset(nv, 0, sizeof(nv));
	memset(ns, 0, sizeof(ns));
	for (i = 0; i < r->n_rows; i++) {
		const struct rep_row *w = &r->rows[i];

		if (w->version != 0) {
			for (k = 0; k < NV && vers[k] != w->version; k++)
				;
			nv[k]++;
		}
		if (w->has_suite && w->strength < 4)
			ns[w->strength]++;
	}
	for (k = 0; k <= NV; k++)
		if (nv[k] > maxv)
			maxv = nv[k];
	for (k = 0; k < 4; k++)
		if (ns[k] > maxs)
			maxs = ns[k];
	svg_open(b, "chart-choices", "Chosen versions and suite strengths");
	for (k = 0, y = CH_Y0 + 4; k <= NV; k++) {
		if (k == NV && nv[k] == 0)
			break;
		hbar(b, y, k < NV ? suite_version_name(vers[k], tmp) : "other",
		    nv[k], maxv, k < NV && policy_deprecated(vers[k]) ?
		    C_INSECURE : C_SECURE, 70, 150);
		y += 20;
	}
	for (k = 0, y = CH_Y0 + 4; k < 4; k++, y += 20)
		hbar(b, y, suite_strength_name((enum suite_strength)str[k].s),
		    ns[str[k].s], maxs, str[k].color, 320, 150);
	buf_addf(b, "<text x=\"%d\" y=\"%d\">versions below TLS 1.2 in red "
	    "(deprecated, RFC 8996); strength of the chosen suite</text>",
	    CH_X0, CH_H - 14);
	svg_close(b);
}

/* A server whose choices were weak: key (address, SNI) and counts. */
struct weak_srv {
	const struct rep_row	*w;
	uint64_t		 n, insecure, weak, deprecated;
};

static int
row_cmp_srv(const void *a, const void *b)
{
	const struct rep_row *x = *(const struct rep_row *const *)a;
	const struct rep_row *y = *(const struct rep_row *const *)b;
	int d = strcmp(x->srv, y->srv);

	if (d != 0)
		return d;
	if (x->sni_len != y->sni_len)
		return x->sni_len < y->sni_len ? -1 : 1;
	return memcmp(x->sni, y->sni, x->sni_len);
}

static int
weak_cmp(const void *a, const void *b)
{
	const struct weak_srv *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return row_cmp_srv(&x->w, &y->w);
}

static bool
row_weak(const struct rep_row *w)
{
	return (w->has_suite && (w->strength == STRENGTH_WEAK ||
	    w->strength == STRENGTH_INSECURE)) ||
	    (w->version != 0 && policy_deprecated(w->version));
}

/* The servers with the most weak choices, CH_SERVERS at most. */
static void
chart_weak(const struct report *r, struct buf *b)
{
	const struct rep_row **v;
	struct weak_srv *s;
	size_t i, n = 0, ns = 0, k;
	uint64_t max = 0;
	int y;

	v = x_realloc(NULL, r->n_rows + 1, sizeof(*v));
	for (i = 0; i < r->n_rows; i++)
		if (row_weak(&r->rows[i]))
			v[n++] = &r->rows[i];
	qsort(v, n, sizeof(*v), row_cmp_srv);
	s = x_realloc(NULL, n + 1, sizeof(*s));
	for (i = 0; i < n; i++) {
		if (ns == 0 || row_cmp_srv(&v[i], &s[ns - 1].w) != 0) {
			memset(&s[ns], 0, sizeof(s[ns]));
			s[ns++].w = v[i];
		}
		s[ns - 1].n++;
		if (v[i]->has_suite && v[i]->strength == STRENGTH_INSECURE)
			s[ns - 1].insecure++;
		else if (v[i]->has_suite && v[i]->strength == STRENGTH_WEAK)
			s[ns - 1].weak++;
		if (v[i]->version != 0 && policy_deprecated(v[i]->version))
			s[ns - 1].deprecated++;
	}
	qsort(s, ns, sizeof(*s), weak_cmp);
	for (k = 0; k < ns; k++)
		if (s[k].n > max)
			max = s[k].n;
	svg_open(b, "chart-weak", "Servers whose choices were weak");
	if (ns == 0)
		buf_addf(b, "<text class=\"none\" x=\"%d\" y=\"%d\">No server "
		    "chose a weak or insecure suite or a version below TLS "
		    "1.2.</text>", CH_X0, CH_Y0 + 20);
	for (k = 0, y = CH_Y0; k < ns && k < CH_SERVERS; k++, y += 17) {
		struct buf lab;

		buf_init(&lab);
		if (s[k].w->has_sni) {
			size_t len = s[k].w->sni_len;

			/* a long name is cut where a character starts */
			if (len > WEAK_SNI_MAX) {
				len = WEAK_SNI_MAX;
				while (len > 0 &&
				    (s[k].w->sni[len] & 0xc0) == 0x80)
					len--;
			}
			esc_html(&lab, s[k].w->sni, len);
			buf_adds(&lab, len < s[k].w->sni_len ? "\u2026 " : " ");
		}
		esc_html(&lab, s[k].w->srv, strlen(s[k].w->srv));
		hbar(b, y, buf_str(&lab), s[k].n, max, s[k].insecure > 0 ?
		    C_INSECURE : C_WEAK, 250, 70);
		buf_addf(b, "<text x=\"%d\" y=\"%d\" fill=\"#444\" "
		    "font-size=\"10\">%llu insecure, %llu weak, %llu old"
		    "</text>", 356,
		    y + 10, (unsigned long long)s[k].insecure,
		    (unsigned long long)s[k].weak,
		    (unsigned long long)s[k].deprecated);
		buf_cleanup(&lab);
	}
	buf_addf(b, "<text x=\"%d\" y=\"%d\">%zu servers; connections with "
	    "a weak or insecure suite or a version below TLS 1.2</text>",
	    CH_X0, CH_H - 14, ns);
	svg_close(b);
	free(s);
	free(v);
}

void
charts_emit(const struct report *r, const struct rep_view *v,
    struct rep_out *o)
{
	struct buf *b = &o->b;

	(void)v;
	buf_adds(b, "<h2>Charts</h2><div class=\"cols\">");
	chart_timeline(r, b);
	chart_hstimes(r, b);
	chart_choices(r, b);
	chart_weak(r, b);
	buf_adds(b, "</div>\n");
}
