/*
 * list.c: the connection list (one row per connection: index, client,
 * server, SNI, version, chosen suite, handshake time, status), the title
 * bar with the counts and the status bar with keys, progress and packet
 * counts. Only the visible rows are formatted.
 */
#include "tui/list.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/esc.h"
#include "dissect/suite.h"
#include "tui/draw.h"
#include "tui/state.h"
#include "view/label.h"

static void	draw_row(struct tui *, WINDOW *, int,
		    const struct tui_list_cols *, const struct conn *, bool);
static int	put_col(WINDOW *, int, int *, int, attr_t, const char *,
		    bool);
static void	thousands(char *, size_t, uint64_t);

/* put_col draws one column and moves "x" past it and its space. */
static int
put_col(WINDOW *w, int y, int *x, int width, attr_t a, const char *s,
    bool right)
{
	int n, cols;

	if (width <= 0)
		return 0;
	cols = tui_cols(s, strlen(s));
	if (right && cols < width) {
		tui_fill(w, y, *x, width - cols, a);
		n = tui_puts(w, y, *x + width - cols, cols, a, s);
	} else
		n = tui_puts(w, y, *x, width, a, s);
	*x += width + 1;
	return n;
}

static void
draw_row(struct tui *ui, WINDOW *w, int y, const struct tui_list_cols *lc,
    const struct conn *c, bool sel)
{
	const struct tls_hs *hs = label_hs0(c);
	attr_t base = sel ? A_REVERSE | (ui->focus == TUI_PANE_LIST ?
	    A_BOLD : A_NORMAL) : A_NORMAL;
	char tmp[64], vbuf[32];
	const char *st;
	struct buf b;
	int x = 1;
	double ms;
	size_t n;
	bool cut;

	tui_fill(w, y, 1, getmaxx(w) - 2, base);
	put_col(w, y, &x, lc->mark, base, sel ? tui_g(G_SEL) : " ", false);
	snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)c->id);
	put_col(w, y, &x, lc->idx, base, tmp, true);
	if (lc->client > 0) {
		endpoint_str(&c->cli, tmp, sizeof(tmp));
		put_col(w, y, &x, lc->client, base, tmp, false);
	}
	endpoint_str(&c->srv, tmp, sizeof(tmp));
	if (c->transport != CONN_TCP) {
		/* the transport's mark, as "443/udp" is written */
		n = strlen(tmp);
		snprintf(tmp + n, sizeof(tmp) - n, "/%s", label_transport(c));
	}
	put_col(w, y, &x, lc->server, base, tmp, false);
	/* The SNI is wire data: escaped; only what can show is escaped
	 * (a 4 KB name costs a column's worth), a cut ends in an ellipsis. */
	buf_init(&b);
	cut = false;
	if (hs != NULL && hs->sni.p != NULL) {
		n = hs->sni.len;
		if (n > (size_t)lc->sni * 4 + 8) {
			n = (size_t)lc->sni * 4 + 8;
			cut = true;
		}
		esc_term(&b, hs->sni.p, n, 0);
	} else
		buf_adds(&b, "-");
	tui_put_cut(w, y, x, lc->sni, base, b.p, b.len, cut);
	x += lc->sni + 1;
	buf_cleanup(&b);
	put_col(w, y, &x, lc->version, base, hs != NULL && hs->version != 0 ?
	    label_version(hs->version, vbuf, sizeof(vbuf)) : "-", false);
	put_col(w, y, &x, lc->suite, base, hs != NULL &&
	    (hs->flags & HSF_HAS_SUITE) ? suite_name(hs->suite) : "-", false);
	if (hs != NULL && (hs->flags & HSF_COMPLETE) &&
	    (ms = conn_handshake_ms(c, hs)) >= 0)
		snprintf(tmp, sizeof(tmp), "%.1f", ms);
	else
		snprintf(tmp, sizeof(tmp), "-");
	put_col(w, y, &x, lc->ms, base, tmp, true);
	st = label_status(c);
	put_col(w, y, &x, lc->status, base | theme_attr(
	    strcmp(st, "ok") == 0 ? ROLE_OK : strcmp(st, "failed") == 0 ||
	    strcmp(st, "reset") == 0 ? ROLE_BAD : ROLE_DIM), st, false);
}

void
tui_list_draw(struct tui *ui)
{
	WINDOW *w = ui->w_list;
	struct tui_list_cols lc;
	char note[320], tmp[32];
	int h, wd, ih, y, x, digits;
	size_t i, n = ui->idx.n_vis;
	uint64_t maxid = 0;

	werase(w);
	getmaxyx(w, h, wd);
	ih = h - 3;
	/* The widest index among the visible rows. */
	for (i = ui->list_top; i < n && i < ui->list_top + (size_t)ih; i++)
		if (ui->idx.vis[i]->id > maxid)
			maxid = ui->idx.vis[i]->id;
	digits = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)maxid);
	tui_list_columns(&lc, wd - 2, digits);
	if (n > (size_t)ih)
		snprintf(note, sizeof(note), "%zu of %zu", ui->sel + 1, n);
	else
		snprintf(note, sizeof(note), "%zu", n);
	if (ui->idx.sort != TUI_SORT_INDEX) {
		size_t o = strlen(note);

		snprintf(note + o, sizeof(note) - o, "  by %s",
		    tui_sort_name(ui->idx.sort));
	}
	tui_box(w, ui->focus == TUI_PANE_LIST, "Connections", note);
	x = 1;
	put_col(w, 1, &x, lc.mark, theme_attr(ROLE_HEAD), "", false);
	put_col(w, 1, &x, lc.idx, theme_attr(ROLE_HEAD), "#", true);
	if (lc.client > 0)
		put_col(w, 1, &x, lc.client, theme_attr(ROLE_HEAD), "client",
		    false);
	put_col(w, 1, &x, lc.server, theme_attr(ROLE_HEAD), "server", false);
	put_col(w, 1, &x, lc.sni, theme_attr(ROLE_HEAD), "SNI", false);
	put_col(w, 1, &x, lc.version, theme_attr(ROLE_HEAD), "version", false);
	put_col(w, 1, &x, lc.suite, theme_attr(ROLE_HEAD), "chosen suite",
	    false);
	put_col(w, 1, &x, lc.ms, theme_attr(ROLE_HEAD), "ms", true);
	put_col(w, 1, &x, lc.status, theme_attr(ROLE_HEAD), "status", false);
	if (n == 0) {
		tui_puts(w, 2, 3, wd - 6, theme_attr(ROLE_DIM),
		    ui->idx.counts.total > 0 ? "no connection matches the "
		    "filter (/ and Enter on an empty line clears it)" :
		    ui->input_done ? "no TLS connections in the input" :
		    "waiting for connections");
		return;
	}
	for (y = 0; y < ih; y++) {
		i = ui->list_top + (size_t)y;
		if (i >= n)
			break;
		draw_row(ui, w, 2 + y, &lc, ui->idx.vis[i], i == ui->sel);
	}
}

/* "1,203" */
static void
thousands(char *out, size_t len, uint64_t v)
{
	char tmp[32];
	size_t n, i, o = 0;

	n = (size_t)snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
}

void
tui_title_draw(struct tui *ui)
{
	WINDOW *w = ui->w_title;
	const struct tui_counts *n = &ui->idx.counts;
	char right[320], a[32];
	struct buf b;
	int wd = getmaxx(w), lw, rw;

	werase(w);
	tui_fill(w, 0, 0, wd, theme_attr(ROLE_TITLE));
	buf_init(&b);
	buf_adds(&b, " tlshake  ");
	/* The source is the user's argument, escaped all the same: a file
	 * name can hold anything. */
	if (ui->opts->source != NULL) {
		const char *base = strrchr(ui->opts->source, '/');

		base = base != NULL && base[1] != '\0' ? base + 1 :
		    ui->opts->source;
		esc_term(&b, base, strlen(base), 32);
		buf_adds(&b, "  ");
	}
	thousands(a, sizeof(a), n->total);
	buf_addf(&b, "%s connection%s: %llu %s, %llu failed, %llu "
	    "incomplete", a, n->total == 1 ? "" : "s",
	    (unsigned long long)n->complete, wd >= 100 ? "complete" : "ok",
	    (unsigned long long)n->failed,
	    (unsigned long long)n->incomplete);
	if (n->notls > 0)
		buf_addf(&b, ", %llu without TLS",
		    (unsigned long long)n->notls);
	if (n->open > 0)
		buf_addf(&b, " (%llu open)", (unsigned long long)n->open);
	snprintf(right, sizeof(right), "filter: %.200s%s",
	    ui->filter.n > 0 ? ui->filter.text : "-", wd >= 110 ?
	    "    ? help  q quit " : " ");
	rw = tui_cols(right, strlen(right));
	lw = tui_put(w, 0, 0, wd - rw > 20 ? wd - rw - 1 : wd,
	    theme_attr(ROLE_TITLE), b.p, b.len);
	if (wd - rw > lw)
		tui_puts(w, 0, wd - rw, rw, theme_attr(ROLE_TITLE), right);
	buf_cleanup(&b);
}

void
tui_status_draw(struct tui *ui)
{
	WINDOW *w = ui->w_status;
	char right[160], p[32], d[32];
	int wd = getmaxx(w), rw, x;

	werase(w);
	tui_fill(w, 0, 0, wd, theme_attr(ROLE_STATUS));
	thousands(p, sizeof(p), ui->pkts);
	thousands(d, sizeof(d), ui->dropped);
	if (!ui->input_done && !ui->opts->live && ui->progress >= 0)
		snprintf(right, sizeof(right), "reading%s %d%%  %s pkts  %s "
		    "dropped ", tui_g(G_ELLIPSIS), ui->progress, p, d);
	else if (!ui->input_done && !ui->opts->live)
		snprintf(right, sizeof(right), "reading%s  %s pkts  %s "
		    "dropped ", tui_g(G_ELLIPSIS), p, d);
	else
		snprintf(right, sizeof(right), "%s%s pkts  %s dropped ",
		    ui->opts->live ? "live  " : "", p, d);
	rw = tui_cols(right, strlen(right));
	if (ui->prompting) {
		x = tui_puts(w, 0, 0, wd, theme_attr(ROLE_PROMPT), "/");
		tui_put(w, 0, x, wd - x - 1, theme_attr(ROLE_PROMPT),
		    ui->prompt, ui->prompt_len);
		return;
	}
	if (ui->msg[0] != '\0')
		tui_puts(w, 0, 1, wd - rw - 2, theme_attr(ui->msg_bad ?
		    ROLE_BAD : ROLE_STATUS), ui->msg);
	else
		tui_puts(w, 0, 1, wd - rw - 2, theme_attr(ROLE_STATUS),
		    wd >= 110 ? "j/k move  Enter open  Tab pane  / filter  "
		    "n/N next  s sort  d diff  e explain  ? help" :
		    "j/k Enter Tab  / filter  s sort  d diff  ? help");
	tui_puts(w, 0, wd - rw, rw, theme_attr(ROLE_STATUS), right);
}
