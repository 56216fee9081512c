/*
 * layout.c: screen geometry, pure (tmux layout.c keeps geometry apart from
 * drawing the same way). Everything here is integer arithmetic on the
 * terminal size, so the unit test can check every size.
 */
#include "tui/layout.h"

#include <string.h>

static struct tui_rect	rect(int, int, int, int);

static struct tui_rect
rect(int y, int x, int h, int w)
{
	struct tui_rect r;

	r.y = y;
	r.x = x;
	r.h = h < 0 ? 0 : h;
	r.w = w < 0 ? 0 : w;
	return r;
}

void
tui_layout_compute(struct tui_layout *l, int rows, int cols)
{
	int body, list_h, lower, lw;

	memset(l, 0, sizeof(*l));
	l->rows = rows;
	l->cols = cols;
	if (rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS) {
		l->too_small = true;
		return;
	}
	l->title = rect(0, 0, 1, cols);
	l->status = rect(rows - 1, 0, 1, cols);
	body = rows - 2;
	/* The list takes the top third: at least its border, heading and
	 * three rows. */
	list_h = body / 3;
	if (list_h < 6)
		list_h = 6;
	l->list = rect(1, 0, list_h, cols);
	lower = body - list_h;
	if (cols >= TUI_SIDE_COLS) {
		l->place = TUI_DETAIL_SIDE;
		/* The ladder needs about 60 columns; the detail the rest. */
		lw = cols * 53 / 100;
		if (lw < 62)
			lw = 62;
		l->ladder = rect(1 + list_h, 0, lower, lw);
		l->detail = rect(1 + list_h, lw, lower, cols - lw);
	} else if (rows >= TUI_BELOW_ROWS) {
		l->place = TUI_DETAIL_BELOW;
		l->ladder = rect(1 + list_h, 0, lower / 2, cols);
		l->detail = rect(1 + list_h + lower / 2, 0, lower - lower / 2,
		    cols);
	} else {
		l->place = TUI_DETAIL_SWAP;
		l->ladder = rect(1 + list_h, 0, lower, cols);
		l->detail = l->ladder;
	}
}

void
tui_list_columns(struct tui_list_cols *c, int w, int idx_digits)
{
	int rest;

	memset(c, 0, sizeof(*c));
	c->mark = 1;
	c->idx = idx_digits < 3 ? 3 : idx_digits;
	c->client = 21;		/* "255.255.255.255:65535" */
	c->server = 21;
	c->version = 7;		/* "TLSv1.3" */
	c->suite = 24;
	c->ms = 6;
	c->status = 10;		/* "incomplete" */
	/* Eight single spaces between the nine columns. */
	rest = w - (c->mark + c->idx + c->client + c->server + c->version +
	    c->suite + c->ms + c->status + 8);
	/* Narrow: shrink the suite and the status, then drop the client
	 * (the server and SNI say more), until the SNI gets 12 columns. */
	while (rest < 12 && c->suite > 16) {
		c->suite--;
		rest++;
	}
	if (rest < 12) {
		rest += c->status - 6;
		c->status = 6;
	}
	if (rest < 12) {
		rest += c->client + 1;
		c->client = 0;
	}
	while (rest < 12 && c->server > 15) {
		c->server--;
		rest++;
	}
	/* Wide: the suite grows to its common names, then the addresses
	 * (IPv6), the SNI keeps the rest. */
	while (rest > 28 && c->suite < 40) {
		c->suite++;
		rest--;
	}
	while (rest > 40 && c->client < 30) {
		c->client++;
		c->server++;
		rest -= 2;
	}
	c->sni = rest < 1 ? 1 : rest;
}

void
tui_ladder_columns(struct tui_ladder_cols *c, int w)
{
	memset(c, 0, sizeof(*c));
	c->mark = 0;		/* two columns: retransmission, gap */
	c->time = 2;
	c->time_w = 10;
	c->cli = c->time + c->time_w + 1;
	c->note_w = w - c->cli - 44;
	if (c->note_w > 16)
		c->note_w = 16;
	if (c->note_w < 11)
		c->note_w = 11;
	c->note = w - c->note_w;
	c->srv = c->note - 2;
	if (c->srv < c->cli + 12)
		c->srv = c->cli + 12;
}
