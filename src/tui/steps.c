/*
 * steps.c: the TUI's view of --explain. The steps come from
 * view/explain.c, built again when the selection moves to another
 * connection; handlers only change ui->ex_sel and set dirty flags.
 */
#include "tui/steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "common/i18n.h"
#include "tui/draw.h"
#include "tui/state.h"

size_t
tui_steps_build(struct tui_lines *l, const struct explain *x, uint32_t sel,
    int width)
{
	const char *t;
	size_t len, i, j, first = 0;
	uint32_t k;
	int col, w;
	enum role r;

	tui_lines_reset(l);
	for (k = 0; k < x->n; k++) {
		r = k == sel ? ROLE_SELECT : ROLE_NORMAL;
		if (k == sel)
			first = l->n_line;
		tui_lines_new(l, r);
		/* Colour is not the only cue: the selected step is marked. */
		tui_lines_add(l, r, k == sel ? tui_g(G_SEL) : " ");
		tui_lines_addf(l, r, "%2u. ", k + 1);
		col = 5;
		t = explain_text(x, k, &len);
		/* The text is safe (explain.h): cut it into words. */
		for (i = 0; i < len; i = j) {
			char word[512];

			while (i < len && t[i] == ' ')
				i++;
			for (j = i; j < len && t[j] != ' '; j++)
				;
			if (j == i)
				break;
			snprintf(word, sizeof(word), "%.*s", (int)(j - i),
			    t + i);
			w = tui_cols(word, strlen(word));
			if (col > 5 && col + 1 + w > width) {
				tui_lines_new(l, r);
				tui_lines_add(l, r, "     ");
				col = 5;
			} else if (col > 5) {
				tui_lines_add(l, r, " ");
				col++;
			}
			tui_lines_add(l, r, word);
			col += w;
		}
	}
	return first;
}

void
tui_steps_sync(struct tui *ui)
{
	const struct conn *c = tui_selected(ui);

	if (!ui->ex_on)
		return;
	if (ui->ex == NULL) {
		ui->ex = calloc(1, sizeof(*ui->ex));
		if (ui->ex == NULL)
			return;
		explain_init(ui->ex);
	}
	if (c == NULL) {
		ui->ex->n = 0;
		ui->ex_id = 0;
		return;
	}
	/* Live captures add events: the steps follow them. */
	if (c->id != ui->ex_id || c->n_ev != ui->ex_nev) {
		if (c->id != ui->ex_id)
			ui->ex_sel = 0;
		explain_build(ui->ex, c);
		ui->ex_id = c->id;
		ui->ex_nev = c->n_ev;
		if (ui->ex_sel >= ui->ex->n)
			ui->ex_sel = ui->ex->n > 0 ? ui->ex->n - 1 : 0;
	}
}

void
tui_steps_toggle(struct tui *ui)
{
	ui->ex_on = !ui->ex_on;
	ui->ex_id = 0;
	ui->detail_top = 0;
	if (ui->ex_on) {
		ui->overlay = TUI_OV_NONE;
		ui->focus = TUI_PANE_DETAIL;
		if (ui->lay.place == TUI_DETAIL_SWAP)
			ui->detail_open = true;
		tui_steps_sync(ui);
	}
	ui->dirty |= TUI_DIRTY_ALL & ~TUI_DIRTY_LAYOUT;
}

void
tui_steps_move(struct tui *ui, long d)
{
	long v;
	size_t i;

	if (ui->ex == NULL || ui->ex->n == 0)
		return;
	v = (long)ui->ex_sel + d;
	ui->ex_sel = v < 0 ? 0 : v >= (long)ui->ex->n ? ui->ex->n - 1 :
	    (uint32_t)v;
	/* The ladder scrolls to the step's first message. */
	for (i = 0; i < ui->n_rows; i++)
		if (tui_steps_marks(ui, ui->rows[i].ev)) {
			ui->row_sel = i;
			break;
		}
	ui->dirty |= TUI_DIRTY_LADDER | TUI_DIRTY_DETAIL;
}

bool
tui_steps_marks(const struct tui *ui, const struct event *e)
{
	const struct conn *c = tui_selected(ui);

	if (!ui->ex_on || ui->ex == NULL || c == NULL || e == NULL ||
	    c->id != ui->ex_id || e < c->ev || e >= c->ev + c->n_ev)
		return false;
	return explain_step_has(ui->ex, ui->ex_sel, (uint32_t)(e - c->ev));
}

void
tui_steps_draw(struct tui *ui)
{
	WINDOW *w = ui->w_detail;
	const struct conn *c = tui_selected(ui);
	char title[96], note[48];
	size_t first;
	int h, wd, ih;

	werase(w);
	getmaxyx(w, h, wd);
	ih = h - 2;
	tui_steps_sync(ui);
	if (c == NULL || ui->ex == NULL) {
		tui_box(w, ui->focus == TUI_PANE_DETAIL, _("Explain"), NULL);
		return;
	}
	first = tui_steps_build(&ui->dl, ui->ex, ui->ex_sel, wd - 3);
	/* Keep the selected step in view. */
	if (first < ui->detail_top)
		ui->detail_top = first;
	else if (ih > 0 && first >= ui->detail_top + (size_t)ih)
		ui->detail_top = first - (size_t)ih + 1;
	snprintf(title, sizeof(title), _("Explain #%llu  step %u of %u"),
	    (unsigned long long)c->id, ui->ex->n > 0 ? ui->ex_sel + 1 : 0,
	    ui->ex->n);
	snprintf(note, sizeof(note), "%s", _("j/k step, Esc closes"));
	tui_box(w, ui->focus == TUI_PANE_DETAIL, title, note);
	tui_lines_draw(w, 1, 1, ih, wd - 2, &ui->dl, ui->detail_top);
}

void
tui_steps_free(struct tui *ui)
{
	if (ui->ex != NULL) {
		explain_cleanup(ui->ex);
		free(ui->ex);
		ui->ex = NULL;
	}
}
