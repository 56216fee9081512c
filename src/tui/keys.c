/*
 * keys.c: what each key does. Handlers change the TUI's state and set
 * dirty flags; they never draw (tui_redraw does, once per loop turn).
 */
#include "tui/keys.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "common/i18n.h"
#include "tui/detail.h"
#include "tui/diff.h"
#include "tui/filter.h"
#include "tui/state.h"
#include "tui/steps.h"

#define CTRL(c)	((c) & 0x1f)
#define KEY_ESC	27

static void	k_down(struct tui *, int);
static void	k_up(struct tui *, int);
static void	k_pgdn(struct tui *, int);
static void	k_pgup(struct tui *, int);
static void	k_top(struct tui *, int);
static void	k_bottom(struct tui *, int);
static void	k_enter(struct tui *, int);
static void	k_tab(struct tui *, int);
static void	k_btab(struct tui *, int);
static void	k_filter(struct tui *, int);
static void	k_next(struct tui *, int);
static void	k_prev(struct tui *, int);
static void	k_sort(struct tui *, int);
static void	k_diff(struct tui *, int);
static void	k_explain(struct tui *, int);
static void	k_help(struct tui *, int);
static void	k_quit(struct tui *, int);
static void	k_escape(struct tui *, int);
static void	k_redraw(struct tui *, int);
static void	k_resize(struct tui *, int);
static void	k_mouse(struct tui *, int);
static void	move_by(struct tui *, long);
static void	set_focus(struct tui *, enum tui_pane);
static bool	in_rect(const struct tui_rect *, int, int);
static long	page(const struct tui *);

const struct tui_key tui_keys[] = {
	{ 'j',		"j, Down",	k_down,	N_("next row (connection, event, line)") },
	{ KEY_DOWN,	NULL,		k_down,	NULL },
	{ 'k',		"k, Up",	k_up,	N_("previous row") },
	{ KEY_UP,	NULL,		k_up,	NULL },
	{ KEY_NPAGE,	"PgDn, Space",	k_pgdn,	N_("a page down") },
	{ ' ',		NULL,		k_pgdn,	NULL },
	{ CTRL('f'),	NULL,		k_pgdn,	NULL },
	{ KEY_PPAGE,	"PgUp, b",	k_pgup,	N_("a page up") },
	{ 'b',		NULL,		k_pgup,	NULL },
	{ CTRL('b'),	NULL,		k_pgup,	NULL },
	{ 'g',		"g, Home",	k_top,	N_("first row") },
	{ KEY_HOME,	NULL,		k_top,	NULL },
	{ 'G',		"G, End",	k_bottom, N_("last row") },
	{ KEY_END,	NULL,		k_bottom, NULL },
	{ '\n',		"Enter",	k_enter,
	    N_("open: list to ladder, ladder to detail") },
	{ '\r',		NULL,		k_enter, NULL },
	{ KEY_ENTER,	NULL,		k_enter, NULL },
	{ '\t',		"Tab, l, Right", k_tab,
	    N_("next pane: list, ladder, detail (bold border: focus)") },
	{ 'l',		NULL,		k_tab,	NULL },
	{ KEY_RIGHT,	NULL,		k_tab,	NULL },
	{ KEY_BTAB,	"S-Tab, h, Left", k_btab, N_("previous pane") },
	{ 'h',		NULL,		k_btab,	NULL },
	{ KEY_LEFT,	NULL,		k_btab,	NULL },
	{ '/',		"/",		k_filter,
	    N_("filter the list (Enter applies, Esc cancels, empty clears)") },
	{ 'n',		"n",		k_next,
	    N_("next connection matching the filter (wraps)") },
	{ 'N',		"N",		k_prev,
	    N_("previous connection matching the filter") },
	{ 's',		"s",		k_sort,
	    N_("sort: index, start time, handshake time, SNI, status") },
	{ 'd',		"d",		k_diff,
	    N_("diff: offered against chosen for the connection") },
	{ 'e',		"e",		k_explain,
	    N_("explain: the handshake in steps; j/k select a step, whose "
	    "messages the ladder marks") },
	{ '?',		"?",		k_help,	N_("this help") },
	{ KEY_F(1),	NULL,		k_help,	NULL },
	{ KEY_ESC,	"Esc",		k_escape,
	    N_("close help, diff, steps or detail; clear a message") },
	{ CTRL('l'),	"Ctrl-L",	k_redraw, N_("redraw the screen") },
	{ 'q',		"q",		k_quit,
	    N_("quit (in help or diff: close it)") },
	{ KEY_RESIZE,	NULL,		k_resize, NULL },
	{ KEY_MOUSE,	"mouse",	k_mouse,
	    N_("click selects a connection or event; wheel scrolls") },
	{ 0, NULL, NULL, NULL }
};

bool
tui_key_dispatch(struct tui *ui, int key)
{
	const struct tui_key *k;

	for (k = tui_keys; k->fn != NULL; k++)
		if (k->key == key) {
			k->fn(ui, key);
			return true;
		}
	return false;
}

void
tui_help_build(struct tui_lines *l)
{
	const struct tui_key *k;

	tui_lines_reset(l);
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_HEAD, _(" Keys"));
	for (k = tui_keys; k->fn != NULL; k++) {
		if (k->name == NULL || k->help == NULL)
			continue;
		tui_lines_new(l, ROLE_NORMAL);
		tui_lines_addf(l, ROLE_KEY, "   %-16s", k->name);
		tui_lines_add(l, ROLE_NORMAL, _(k->help));
	}
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_HEAD, _(" Filter"));
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_NORMAL, _("   words match the SNI, addresses, "
	    "suite and version (substring);"));
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_NORMAL, _("   key=value matches exactly, "
	    "key~text by substring, !term negates;"));
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_addf(l, ROLE_NORMAL, _("   keys: %s;"), tui_filter_keys);
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_NORMAL, _("   terms are ANDed, case is ignored. "
	    "Example: version=TLSv1.2 status=failed"));
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_HEAD, _(" Ladder"));
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_TCP, _("   TCP: thin line, blue  "));
	tui_lines_add(l, ROLE_TLS, _("TLS: heavy line, yellow  "));
	tui_lines_add(l, ROLE_DIM, _("[encrypted]: dashed, dim  "));
	tui_lines_add(l, ROLE_BAD, _("alert, RST: red"));
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_NORMAL, _("   margin: "));
	tui_lines_add(l, ROLE_MARK, _("retransmission mark, "));
	tui_lines_add(l, ROLE_BAD, _("gap mark (bytes missing before the row)"));
}

static void
set_focus(struct tui *ui, enum tui_pane p)
{
	if (ui->lay.place == TUI_DETAIL_SWAP) {
		bool open = p == TUI_PANE_DETAIL;

		if (open != ui->detail_open)
			ui->dirty |= TUI_DIRTY_LADDER | TUI_DIRTY_DETAIL;
		ui->detail_open = open;
	}
	if (p != ui->focus)
		ui->dirty |= TUI_DIRTY_LIST | TUI_DIRTY_LADDER |
		    TUI_DIRTY_DETAIL;
	ui->focus = p;
}

static void
move_by(struct tui *ui, long d)
{
	size_t n;
	long v;

	if (ui->overlay != TUI_OV_NONE) {
		v = (long)ui->ov_top + d;
		ui->ov_top = v < 0 ? 0 : (size_t)v;
		ui->dirty |= TUI_DIRTY_OVERLAY;
		return;
	}
	if (ui->ex_on && ui->focus == TUI_PANE_DETAIL) {
		tui_steps_move(ui, d);
		return;
	}
	switch (ui->focus) {
	case TUI_PANE_LIST:
		n = ui->idx.n_vis;
		if (n == 0)
			return;
		v = (long)ui->sel + d;
		tui_select_conn(ui, v < 0 ? 0 : (size_t)v >= n ? n - 1 :
		    (size_t)v);
		break;
	case TUI_PANE_LADDER:
		n = ui->n_rows;
		if (n == 0)
			return;
		v = (long)ui->row_sel + d;
		tui_select_row(ui, v < 0 ? 0 : (size_t)v >= n ? n - 1 :
		    (size_t)v);
		break;
	case TUI_PANE_DETAIL:
		v = (long)ui->detail_top + d;
		ui->detail_top = v < 0 ? 0 : (size_t)v;
		ui->dirty |= TUI_DIRTY_DETAIL;
		break;
	}
}

static long
page(const struct tui *ui)
{
	int h;

	if (ui->overlay != TUI_OV_NONE)
		h = ui->w_ov != NULL ? getmaxy(ui->w_ov) - 2 : 10;
	else if (ui->focus == TUI_PANE_LIST)
		h = tui_list_rows(ui);
	else if (ui->focus == TUI_PANE_LADDER)
		h = tui_ladder_rows_visible(ui);
	else
		h = tui_detail_rows(ui);
	return h > 1 ? h - 1 : 1;
}

static void
k_down(struct tui *ui, int key)
{
	(void)key;
	move_by(ui, 1);
}

static void
k_up(struct tui *ui, int key)
{
	(void)key;
	move_by(ui, -1);
}

static void
k_pgdn(struct tui *ui, int key)
{
	(void)key;
	move_by(ui, page(ui));
}

static void
k_pgup(struct tui *ui, int key)
{
	(void)key;
	move_by(ui, -page(ui));
}

static void
k_top(struct tui *ui, int key)
{
	(void)key;
	move_by(ui, -(long)((size_t)-1 >> 2));
}

static void
k_bottom(struct tui *ui, int key)
{
	(void)key;
	move_by(ui, (long)((size_t)-1 >> 2));
}

static void
k_enter(struct tui *ui, int key)
{
	(void)key;
	if (ui->overlay != TUI_OV_NONE)
		return;
	if (ui->focus == TUI_PANE_LIST)
		set_focus(ui, TUI_PANE_LADDER);
	else if (ui->focus == TUI_PANE_LADDER)
		set_focus(ui, TUI_PANE_DETAIL);
	else if (ui->lay.place == TUI_DETAIL_SWAP)
		set_focus(ui, TUI_PANE_LADDER);
}

static void
k_tab(struct tui *ui, int key)
{
	(void)key;
	if (ui->overlay != TUI_OV_NONE)
		return;
	set_focus(ui, ui->focus == TUI_PANE_LIST ? TUI_PANE_LADDER :
	    ui->focus == TUI_PANE_LADDER ? TUI_PANE_DETAIL : TUI_PANE_LIST);
}

static void
k_btab(struct tui *ui, int key)
{
	(void)key;
	if (ui->overlay != TUI_OV_NONE)
		return;
	set_focus(ui, ui->focus == TUI_PANE_LIST ? TUI_PANE_DETAIL :
	    ui->focus == TUI_PANE_DETAIL ? TUI_PANE_LADDER : TUI_PANE_LIST);
}

static void
k_filter(struct tui *ui, int key)
{
	(void)key;
	ui->prompting = true;
	snprintf(ui->prompt, sizeof(ui->prompt), "%s", ui->filter.text);
	ui->prompt_len = strlen(ui->prompt);
	ui->msg[0] = '\0';
	ui->dirty |= TUI_DIRTY_STATUS;
}

void
tui_prompt_key(struct tui *ui, int key)
{
	char text[sizeof(ui->prompt)];

	ui->dirty |= TUI_DIRTY_STATUS;
	switch (key) {
	case KEY_ESC:
	case CTRL('c'):
	case CTRL('g'):
		ui->prompting = false;
		return;
	case '\n': case '\r': case KEY_ENTER:
		ui->prompting = false;
		memcpy(text, ui->prompt, ui->prompt_len);
		text[ui->prompt_len] = '\0';
		tui_apply_filter(ui, text);
		return;
	case KEY_BACKSPACE: case 127: case 8:
		if (ui->prompt_len > 0)
			ui->prompt_len--;
		return;
	case CTRL('u'):
		ui->prompt_len = 0;
		return;
	case CTRL('w'):
		while (ui->prompt_len > 0 &&
		    ui->prompt[ui->prompt_len - 1] == ' ')
			ui->prompt_len--;
		while (ui->prompt_len > 0 &&
		    ui->prompt[ui->prompt_len - 1] != ' ')
			ui->prompt_len--;
		return;
	case KEY_RESIZE:
		k_resize(ui, key);
		return;
	default:
		/* Printable ASCII only: the prompt is drawn as typed. */
		if (key >= 0x20 && key < 0x7f &&
		    ui->prompt_len + 1 < sizeof(ui->prompt))
			ui->prompt[ui->prompt_len++] = (char)key;
		return;
	}
}

static void
k_next(struct tui *ui, int key)
{
	size_t n = ui->idx.n_vis;

	(void)key;
	if (ui->filter.n == 0)
		tui_set_msg(ui, false, "no filter: / sets one");
	if (n == 0)
		return;
	/* Every row of a filtered list matches: next, wrapping. */
	tui_select_conn(ui, ui->sel + 1 < n ? ui->sel + 1 : 0);
}

static void
k_prev(struct tui *ui, int key)
{
	size_t n = ui->idx.n_vis;

	(void)key;
	if (ui->filter.n == 0)
		tui_set_msg(ui, false, "no filter: / sets one");
	if (n == 0)
		return;
	tui_select_conn(ui, ui->sel > 0 ? ui->sel - 1 : n - 1);
}

static void
k_sort(struct tui *ui, int key)
{
	(void)key;
	ui->idx.sort = (enum tui_sort)((ui->idx.sort + 1) % TUI_SORT_N);
	tui_reindex(ui);
	tui_set_msg(ui, false, "sorted by %s", tui_sort_name(ui->idx.sort));
	ui->dirty |= TUI_DIRTY_LIST;
}

static void
k_diff(struct tui *ui, int key)
{
	(void)key;
	ui->overlay = ui->overlay == TUI_OV_DIFF ? TUI_OV_NONE : TUI_OV_DIFF;
	ui->ov_top = 0;
	ui->dirty |= TUI_DIRTY_ALL & ~TUI_DIRTY_LAYOUT;
}

static void
k_explain(struct tui *ui, int key)
{
	(void)key;
	tui_steps_toggle(ui);
}

static void
k_help(struct tui *ui, int key)
{
	(void)key;
	ui->overlay = ui->overlay == TUI_OV_HELP ? TUI_OV_NONE : TUI_OV_HELP;
	ui->ov_top = 0;
	ui->dirty |= TUI_DIRTY_ALL & ~TUI_DIRTY_LAYOUT;
}

static void
k_quit(struct tui *ui, int key)
{
	if (ui->overlay != TUI_OV_NONE) {
		k_escape(ui, key);
		return;
	}
	ui->quit = true;
}

static void
k_escape(struct tui *ui, int key)
{
	(void)key;
	if (ui->overlay != TUI_OV_NONE) {
		ui->overlay = TUI_OV_NONE;
		ui->dirty |= TUI_DIRTY_ALL & ~TUI_DIRTY_LAYOUT;
	} else if (ui->ex_on) {
		tui_steps_toggle(ui);
		set_focus(ui, TUI_PANE_LADDER);
	} else if (ui->lay.place == TUI_DETAIL_SWAP && ui->detail_open)
		set_focus(ui, TUI_PANE_LADDER);
	ui->msg[0] = '\0';
	ui->dirty |= TUI_DIRTY_STATUS;
}

static void
k_redraw(struct tui *ui, int key)
{
	(void)key;
	clearok(curscr, TRUE);
	ui->dirty |= TUI_DIRTY_ALL & ~TUI_DIRTY_LAYOUT;
}

static void
k_resize(struct tui *ui, int key)
{
	(void)key;
	ui->dirty |= TUI_DIRTY_ALL;
}

static bool
in_rect(const struct tui_rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

static void
k_mouse(struct tui *ui, int key)
{
	MEVENT me;
	const struct tui_layout *l = &ui->lay;
	bool ladder_shown = l->place != TUI_DETAIL_SWAP || !ui->detail_open;
	int row;

	(void)key;
	if (getmouse(&me) != OK || l->too_small)
		return;
	if (ui->overlay != TUI_OV_NONE) {
		if (me.bstate & BUTTON4_PRESSED)
			move_by(ui, -3);
		else if (me.bstate & BUTTON5_PRESSED)
			move_by(ui, 3);
		return;
	}
	if (in_rect(&l->list, me.y, me.x)) {
		set_focus(ui, TUI_PANE_LIST);
		if (me.bstate & BUTTON4_PRESSED)
			move_by(ui, -3);
		else if (me.bstate & BUTTON5_PRESSED)
			move_by(ui, 3);
		else if ((row = me.y - l->list.y - 2) >= 0 &&
		    row < tui_list_rows(ui) &&
		    ui->list_top + (size_t)row < ui->idx.n_vis)
			tui_select_conn(ui, ui->list_top + (size_t)row);
	} else if (ladder_shown && in_rect(&l->ladder, me.y, me.x)) {
		set_focus(ui, TUI_PANE_LADDER);
		if (me.bstate & BUTTON4_PRESSED)
			move_by(ui, -3);
		else if (me.bstate & BUTTON5_PRESSED)
			move_by(ui, 3);
		else if ((row = me.y - l->ladder.y - 2) >= 0 &&
		    row < tui_ladder_rows_visible(ui) &&
		    ui->row_top + (size_t)row < ui->n_rows)
			tui_select_row(ui, ui->row_top + (size_t)row);
	} else if (in_rect(&l->detail, me.y, me.x)) {
		set_focus(ui, TUI_PANE_DETAIL);
		if (me.bstate & BUTTON4_PRESSED)
			move_by(ui, -3);
		else if (me.bstate & BUTTON5_PRESSED)
			move_by(ui, 3);
	}
}
