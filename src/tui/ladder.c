/*
 * ladder.c: the ladder of the selected connection. Rows come from the
 * model through tui_ladder_rows (pure); drawing puts each row between a
 * client line and a server line, the arrow in the direction of travel.
 * TCP rows: thin line, blue. TLS: heavy line, yellow. Encrypted: dashed,
 * in brackets, dim. Alerts and RST: red. Marks in the margin: ↻ for a
 * retransmission, … for bytes missing before the row.
 */
#include "tui/ladder.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "dissect/suite.h"
#include "tui/draw.h"
#include "tui/layout.h"
#include "tui/state.h"
#include "tui/steps.h"
#include "view/label.h"

static void	row_event(struct tui_ladder_row *, const struct conn *,
		    const struct event *);
static void	row_note(struct tui_ladder_row *, const struct conn *,
		    const struct event *);
static void	draw_arrow(WINDOW *, int, const struct tui_ladder_cols *,
		    const struct tui_ladder_row *, attr_t);

static void
row_note(struct tui_ladder_row *r, const struct conn *c,
    const struct event *e)
{
	r->note[0] = '\0';
	switch (e->type) {
	case EV_SYN_ACK:
		if (c->tcp.syn && c->tcp.ack && c->tcp.t_ack >= c->tcp.t_syn) {
			double ms = (double)(c->tcp.t_ack - c->tcp.t_syn) /
			    1000.0;

			snprintf(r->note, sizeof(r->note), ms < 1 ?
			    "rtt %.3fms" : "rtt %.1fms", ms);
		}
		break;
	case EV_SYN: case EV_ACK: case EV_FIN: case EV_RST:
		if (e->len > 0)
			snprintf(r->note, sizeof(r->note), "%u B", e->len);
		break;
	default:
		snprintf(r->note, sizeof(r->note), "%u B", e->len);
		break;
	}
}

static void
row_event(struct tui_ladder_row *r, const struct conn *c,
    const struct event *e)
{
	char tmp[64];
	const char *lab;

	r->kind = TUI_ROW_EVENT;
	r->ev = e;
	r->dir = e->dir;
	r->t = (double)(int64_t)(e->ts - c->t_first) / 1e6;
	lab = label_event(c, e, tmp, sizeof(tmp));
	/* The roles of every ladder (view/role.c); the glyphs the TUI's. */
	r->role = role_event(e);
	switch (e->type) {
	case EV_RST: case EV_GAP:
	case EV_SYN: case EV_SYN_ACK: case EV_ACK: case EV_FIN:
	case EV_SEGMENT: case EV_QUIC_PACKET: case EV_QUIC_CLOSE:
	case EV_DTLS_RECORD:
		r->glyph = TUI_GLYPH_TCP;
		break;
	case EV_ENC_HANDSHAKE: case EV_ENC_ALERT: case EV_APPDATA:
	case EV_UNKNOWN_RECORD:
		r->glyph = TUI_GLYPH_ENC;
		break;
	default:
		r->glyph = TUI_GLYPH_TLS;
		break;
	}
	if (r->glyph == TUI_GLYPH_ENC && lab[0] != '[')
		snprintf(r->label, sizeof(r->label), "[%s]", lab);
	else
		snprintf(r->label, sizeof(r->label), "%s", lab);
	if (e->flags & EVF_RETRANS)
		r->marks |= TUI_MARK_RETRANS;
	row_note(r, c, e);
}

size_t
tui_ladder_rows(const struct conn *c, struct tui_ladder_row *out,
    size_t max)
{
	struct tui_ladder_row *r;
	size_t n = 0, i, j;
	const struct anom *a;

	for (i = 0; i < c->n_ev; i++, n++) {
		if (n >= max)
			continue;
		r = &out[n];
		memset(r, 0, sizeof(*r));
		row_event(r, c, &c->ev[i]);
	}
	if (c->ev_dropped > 0) {
		if (n < max) {
			r = &out[n];
			memset(r, 0, sizeof(*r));
			r->kind = TUI_ROW_MORE;
			r->role = ROLE_DIM;
			r->glyph = TUI_GLYPH_NONE;
			snprintf(r->label, sizeof(r->label),
			    "%u more events not kept", c->ev_dropped);
		}
		n++;
	}
	/*
	 * Gaps are anomalies (tcp.gap) with the frame that revealed them:
	 * mark the first event of that direction at or after the frame.
	 */
	for (i = 0; i < c->n_anoms; i++) {
		a = &c->anoms[i];
		if (a->code != ANOM_TCP_GAP)
			continue;
		for (j = 0; j < c->n_ev && j < max; j++)
			if (out[j].kind == TUI_ROW_EVENT &&
			    out[j].ev->frame >= a->frame &&
			    out[j].ev->dir == a->dir)
				break;
		if (j == c->n_ev || j >= max) {
			/* After the last event: on the last row. */
			if (c->n_ev == 0 || c->n_ev > max)
				continue;
			j = c->n_ev - 1;
		}
		out[j].marks |= TUI_MARK_GAP;
	}
	for (i = 0; i < c->n_anoms; i++, n++) {
		if (n >= max)
			continue;
		a = &c->anoms[i];
		r = &out[n];
		memset(r, 0, sizeof(*r));
		r->kind = TUI_ROW_ANOM;
		r->anom = a;
		r->dir = a->dir;
		r->role = ROLE_BAD;
		r->glyph = TUI_GLYPH_NONE;
		snprintf(r->label, sizeof(r->label), "! %s",
		    anom_name(a->code));
		snprintf(r->note, sizeof(r->note), "frame %u", a->frame);
	}
	return n;
}

size_t
tui_ladder_default(const struct tui_ladder_row *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (r[i].kind == TUI_ROW_EVENT && r[i].ev->type == EV_HANDSHAKE &&
		    r[i].ev->sub == 1)
			return i;
	for (i = 0; i < n; i++)
		if (r[i].kind == TUI_ROW_EVENT && r[i].glyph != TUI_GLYPH_TCP)
			return i;
	return 0;
}

/*
 * draw_arrow draws "─── label ───▶" (client to server) or "◀── label ───"
 * between the two lines, the label centred-left as in the text view.
 */
static void
draw_arrow(WINDOW *w, int y, const struct tui_ladder_cols *lc,
    const struct tui_ladder_row *r, attr_t a)
{
	enum tui_g line = r->glyph == TUI_GLYPH_TLS ? G_HH :
	    r->glyph == TUI_GLYPH_ENC ? G_DASH : G_H;
	int x0 = lc->cli + 2, width = lc->srv - lc->cli - 1;
	int lw, labw, fill, x;

	if (r->glyph == TUI_GLYPH_NONE) {
		tui_puts(w, y, x0 + 1, width - 1, a, r->label);
		return;
	}
	/* Three line glyphs before the label, one when it is long. */
	labw = tui_cols(r->label, strlen(r->label));
	lw = labw > width - 7 ? 1 : 3;
	if (labw > width - 4)
		labw = width - 4;
	fill = width - lw - labw - 3;
	x = x0;
	if (r->dir == DIR_C2S) {
		tui_hline(w, y, x, lw, a, line);
		x += lw;
		tui_fill(w, y, x, 1, a);
		x += 1 + tui_put(w, y, x + 1, labw, a, r->label,
		    strlen(r->label));
		tui_fill(w, y, x, 1, a);
		x++;
		tui_hline(w, y, x, fill, a, line);
		x += fill;
		wattrset(w, a);
		mvwaddstr(w, y, x, tui_g(G_RIGHT));
	} else {
		wattrset(w, a);
		mvwaddstr(w, y, x, tui_g(G_LEFT));
		x++;
		if (lw > 1)
			tui_hline(w, y, x, lw - 1, a, line);
		x += lw - 1;
		tui_fill(w, y, x, 1, a);
		x += 1 + tui_put(w, y, x + 1, labw, a, r->label,
		    strlen(r->label));
		tui_fill(w, y, x, 1, a);
		x++;
		tui_hline(w, y, x, fill + 1, a, line);
	}
	wattrset(w, A_NORMAL);
}

void
tui_ladder_draw(struct tui *ui)
{
	WINDOW *w = ui->w_ladder;
	const struct conn *c = tui_selected(ui);
	struct tui_ladder_cols lc;
	const struct tui_ladder_row *r;
	char title[160], cli[64], srv[64], vbuf[32], note[64];
	const struct tls_hs *hs;
	int h, wd, ih, iw, y;
	size_t i;
	attr_t a, sel;
	bool focus = ui->focus == TUI_PANE_LADDER;

	werase(w);
	getmaxyx(w, h, wd);
	ih = h - 3;		/* border and heading */
	iw = wd - 2;
	if (c == NULL) {
		tui_box(w, focus, "Ladder", NULL);
		tui_puts(w, 2, 2, iw - 2, theme_attr(ROLE_DIM),
		    ui->idx.counts.total == 0 ? (ui->input_done ?
		    "no connections" : "waiting for connections") :
		    "no connection matches the filter");
		return;
	}
	endpoint_str(&c->cli, cli, sizeof(cli));
	endpoint_str(&c->srv, srv, sizeof(srv));
	hs = label_hs0(c);
	snprintf(title, sizeof(title), "Ladder #%llu  %s %s %s%s%s",
	    (unsigned long long)c->id, cli, tui_g(G_BOTH), srv,
	    hs != NULL && hs->version != 0 ? "  " : "",
	    hs != NULL && hs->version != 0 ? label_version(hs->version,
	    vbuf, sizeof(vbuf)) : "");
	note[0] = '\0';
	if (ui->n_rows > (size_t)ih && ih > 0)
		snprintf(note, sizeof(note), "%zu-%zu of %zu",
		    ui->row_top + 1, ui->row_top + (size_t)ih < ui->n_rows ?
		    ui->row_top + (size_t)ih : ui->n_rows, ui->n_rows);
	tui_box(w, focus, title, note);
	tui_ladder_columns(&lc, iw);
	/* Heading: the two ends. */
	tui_puts(w, 1, 1 + lc.time, lc.time_w, theme_attr(ROLE_HEAD),
	    "      time");
	tui_puts(w, 1, 1 + lc.cli, lc.srv - lc.cli, theme_attr(ROLE_HEAD),
	    "client");
	tui_puts(w, 1, 1 + lc.srv - 5, 6, theme_attr(ROLE_HEAD), "server");
	for (y = 0; y < ih; y++) {
		i = ui->row_top + (size_t)y;
		wattrset(w, theme_attr(ROLE_BORDER));
		if (i >= ui->n_rows) {
			/* The two lines go on to the bottom. */
			mvwaddstr(w, 2 + y, 1 + lc.cli, tui_g(G_V));
			mvwaddstr(w, 2 + y, 1 + lc.srv, tui_g(G_V));
			continue;
		}
		r = &ui->rows[i];
		sel = i == ui->row_sel ? A_REVERSE : A_NORMAL;
		if (sel != A_NORMAL && focus)
			sel |= A_BOLD;
		a = theme_attr(r->role) | sel;
		/* A message of the selected --explain step: marked in the
		 * margin and bold, underlined. */
		if (r->kind == TUI_ROW_EVENT && tui_steps_marks(ui, r->ev)) {
			a |= A_BOLD | A_UNDERLINE;
			tui_puts(w, 2 + y, 1 + lc.mark, 1,
			    theme_attr(ROLE_CHOSEN), tui_g(G_SEL));
		} else if (r->marks & TUI_MARK_RETRANS)
			tui_puts(w, 2 + y, 1 + lc.mark, 1,
			    theme_attr(ROLE_MARK), tui_g(G_RETRANS));
		if (r->marks & TUI_MARK_GAP)
			tui_puts(w, 2 + y, 2 + lc.mark, 1,
			    theme_attr(ROLE_BAD), tui_g(G_GAP));
		if (r->kind == TUI_ROW_EVENT)
			tui_putf(w, 2 + y, 1 + lc.time, lc.time_w, sel,
			    "%10.6f", r->t);
		else
			tui_fill(w, 2 + y, 1 + lc.time, lc.time_w, sel);
		wattrset(w, theme_attr(ROLE_BORDER));
		mvwaddstr(w, 2 + y, 1 + lc.cli, tui_g(G_V));
		mvwaddstr(w, 2 + y, 1 + lc.srv, tui_g(G_V));
		if (sel != A_NORMAL)
			tui_fill(w, 2 + y, 2 + lc.cli, lc.srv - lc.cli - 1,
			    sel);
		draw_arrow(w, 2 + y, &lc, r, a);
		if (r->note[0] != '\0')
			tui_putf(w, 2 + y, 1 + lc.note, lc.note_w,
			    r->kind == TUI_ROW_ANOM ? theme_attr(ROLE_BAD) :
			    theme_attr(ROLE_DIM), "%*s", lc.note_w - 1,
			    r->note);
	}
}
