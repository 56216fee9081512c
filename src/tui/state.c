/*
 * state.c: the TUI's state without curses: pane heights, the selection,
 * the ladder rows of the selected connection, the list index and filter,
 * and following the source. The drawing files and the keys read and move
 * it through these functions; tui.c owns the terminal and the loop.
 */
#include "tui/state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void	open_cb(void *, const struct conn *);
static void	reselect(struct tui *);

int
tui_list_rows(const struct tui *ui)
{
	return ui->lay.list.h - 3;
}

int
tui_ladder_rows_visible(const struct tui *ui)
{
	return ui->lay.ladder.h - 3;
}

int
tui_detail_rows(const struct tui *ui)
{
	return ui->lay.detail.h - 2;
}

void
tui_set_msg(struct tui *ui, bool bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_bad = bad;
	ui->dirty |= TUI_DIRTY_STATUS;
}

void
tui_select_conn(struct tui *ui, size_t i)
{
	if (i >= ui->idx.n_vis)
		return;
	if (i != ui->sel || ui->idx.vis[i]->id != ui->sel_id)
		ui->dirty |= TUI_DIRTY_LIST | TUI_DIRTY_LADDER |
		    TUI_DIRTY_DETAIL;
	ui->sel = i;
	ui->sel_id = ui->idx.vis[i]->id;
	if (ui->overlay == TUI_OV_DIFF)
		ui->dirty |= TUI_DIRTY_OVERLAY;
	tui_sync_ladder(ui);
}

void
tui_select_row(struct tui *ui, size_t i)
{
	if (i >= ui->n_rows)
		return;
	if (i != ui->row_sel) {
		ui->row_sel = i;
		ui->detail_top = 0;
		ui->dirty |= TUI_DIRTY_LADDER | TUI_DIRTY_DETAIL;
	}
	ui->row_chosen = true;
}

/*
 * tui_sync_ladder rebuilds the rows of the selected connection. It runs
 * after every read as well: events of an open connection may have moved
 * (the array grows) and the rows point into it.
 */
void
tui_sync_ladder(struct tui *ui)
{
	const struct conn *c = tui_selected(ui);
	size_t need;

	if (c == NULL) {
		if (ui->lad_conn != NULL)
			ui->dirty |= TUI_DIRTY_LADDER | TUI_DIRTY_DETAIL;
		ui->lad_conn = NULL;
		ui->lad_id = 0;
		ui->n_rows = 0;
		return;
	}
	need = tui_ladder_rows(c, NULL, 0);
	if (need > ui->cap_rows) {
		free(ui->rows);
		ui->cap_rows = need + 64;
		ui->rows = calloc(ui->cap_rows, sizeof(*ui->rows));
		if (ui->rows == NULL) {
			ui->cap_rows = ui->n_rows = 0;
			return;
		}
	}
	ui->n_rows = tui_ladder_rows(c, ui->rows, ui->cap_rows);
	if (c->id != ui->lad_id) {
		ui->row_sel = tui_ladder_default(ui->rows, ui->n_rows);
		ui->row_top = 0;
		ui->detail_top = 0;
		ui->row_chosen = false;
		ui->dirty |= TUI_DIRTY_LADDER | TUI_DIRTY_DETAIL;
	} else if (c->n_ev != ui->lad_nev || c->n_anoms != ui->lad_nanom) {
		/* Live: the same connection grew. Keep the user's row; move
		 * the default to the ClientHello once it is there. */
		if (!ui->row_chosen)
			ui->row_sel = tui_ladder_default(ui->rows, ui->n_rows);
		ui->dirty |= TUI_DIRTY_LADDER | TUI_DIRTY_DETAIL;
	}
	if (ui->row_sel >= ui->n_rows)
		ui->row_sel = ui->n_rows > 0 ? ui->n_rows - 1 : 0;
	ui->lad_conn = c;
	ui->lad_id = c->id;
	ui->lad_nev = c->n_ev;
	ui->lad_nanom = c->n_anoms;
}

/* reselect finds the selected connection again by its id. */
static void
reselect(struct tui *ui)
{
	long pos;
	size_t n = ui->idx.n_vis;

	ui->dirty |= TUI_DIRTY_LIST | TUI_DIRTY_TITLE;
	if (n == 0) {
		ui->sel = 0;
		tui_sync_ladder(ui);
		return;
	}
	pos = ui->sel_id != 0 ? tui_index_find(&ui->idx, ui->sel_id) : -1;
	if (pos >= 0)
		ui->sel = (size_t)pos;
	else if (ui->sel >= n)
		ui->sel = n - 1;
	ui->sel_id = ui->idx.vis[ui->sel]->id;
	tui_sync_ladder(ui);
}

static void
open_cb(void *arg, const struct conn *c)
{
	struct tui *ui = arg;

	tui_index_open_add(&ui->idx, c);
}

void
tui_reindex(struct tui *ui)
{
	tui_index_sync(&ui->idx, ui->src->store, true);
	tui_index_open_begin(&ui->idx);
	if (ui->src->foreach_open != NULL && !ui->input_done)
		ui->src->foreach_open(ui->src->arg, open_cb, ui);
	tui_index_open_end(&ui->idx);
	ui->idx.changed = true;
	tui_index_merge(&ui->idx);
	reselect(ui);
}

bool
tui_apply_filter(struct tui *ui, const char *s)
{
	struct tui_filter nf;
	char err[160];

	if (!tui_filter_parse(&nf, s, err, sizeof(err))) {
		tui_set_msg(ui, true, "filter: %s", err);
		return false;
	}
	tui_filter_cleanup(&ui->filter);
	ui->filter = nf;
	tui_reindex(ui);
	ui->dirty |= TUI_DIRTY_TITLE | TUI_DIRTY_LIST;
	if (ui->filter.n > 0)
		tui_set_msg(ui, false, "%zu of %llu connections match",
		    ui->idx.n_vis, (unsigned long long)ui->idx.counts.total);
	else
		tui_set_msg(ui, false, "filter cleared");
	return true;
}

/* tui_sync_source follows the model after a read. */
void
tui_sync_source(struct tui *ui)
{
	struct tui_source *s = ui->src;
	uint64_t pkts = ui->pkts, dropped = ui->dropped;
	int progress = ui->progress;

	if (s->counts != NULL)
		s->counts(s->arg, &ui->pkts, &ui->dropped, &ui->progress);
	if (pkts != ui->pkts || dropped != ui->dropped ||
	    progress != ui->progress)
		ui->dirty |= TUI_DIRTY_STATUS;
	tui_index_sync(&ui->idx, s->store, false);
	tui_index_open_begin(&ui->idx);
	if (s->foreach_open != NULL && !ui->input_done)
		s->foreach_open(s->arg, open_cb, ui);
	tui_index_open_end(&ui->idx);
	if (tui_index_merge(&ui->idx))
		reselect(ui);
	else
		tui_sync_ladder(ui);
	/* Open connections change under the same pointers. */
	if (ui->idx.n_open > 0)
		ui->dirty |= TUI_DIRTY_LIST;
	ui->dirty |= TUI_DIRTY_TITLE;
}
