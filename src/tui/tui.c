/*
 * tui.c: terminal setup, the main loop, signals and resize (tmux
 * server-loop.c and screen-redraw.c split the same way). Keys and model
 * updates only set dirty flags; tui_redraw repaints the dirty panes once
 * per loop turn with wnoutrefresh and a single doupdate.
 */
#include "tui/tui.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "common/i18n.h"
#include "tui/detail.h"
#include "tui/diff.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/list.h"
#include "tui/state.h"
#include "tui/steps.h"
#include "tui/theme.h"

/* How long a file is read between looks at the keyboard. */
#define PUMP_MS		40
/* How often the list follows a live capture. */
#define SYNC_MS		100

static volatile sig_atomic_t tui_sig;

static void	on_signal(int);
static uint64_t	now_ms(void);
static void	relayout(struct tui *);
static void	free_windows(struct tui *);
static void	draw_overlay(struct tui *);
static void	draw_too_small(struct tui *);
static void	tui_redraw(struct tui *);
static void	loop(struct tui *);
static void	clamp_top(size_t *, size_t, size_t, int);
static WINDOW	*rect_win(const struct tui_rect *);

static void
on_signal(int sig)
{
	tui_sig = sig;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* clamp_top keeps "sel" inside the "h" rows shown from "*top". */
static void
clamp_top(size_t *top, size_t sel, size_t n, int h)
{
	size_t hh = h > 0 ? (size_t)h : 1;

	if (sel < *top)
		*top = sel;
	else if (sel >= *top + hh)
		*top = sel - hh + 1;
	if (*top > 0 && *top + hh > n)
		*top = n > hh ? n - hh : 0;
}

static void
free_windows(struct tui *ui)
{
	WINDOW **w[] = { &ui->w_title, &ui->w_list, &ui->w_ladder,
	    &ui->w_detail, &ui->w_status, &ui->w_ov };
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (*w[i] != NULL) {
			delwin(*w[i]);
			*w[i] = NULL;
		}
}

static WINDOW *
rect_win(const struct tui_rect *r)
{
	return newwin(r->h, r->w, r->y, r->x);
}

static void
relayout(struct tui *ui)
{
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	free_windows(ui);
	tui_layout_compute(&ui->lay, rows, cols);
	werase(stdscr);
	wnoutrefresh(stdscr);
	if (ui->lay.too_small)
		return;
	ui->w_title = rect_win(&ui->lay.title);
	ui->w_list = rect_win(&ui->lay.list);
	ui->w_ladder = rect_win(&ui->lay.ladder);
	ui->w_detail = rect_win(&ui->lay.detail);
	ui->w_status = rect_win(&ui->lay.status);
	if (ui->w_title == NULL || ui->w_list == NULL ||
	    ui->w_ladder == NULL || ui->w_detail == NULL ||
	    ui->w_status == NULL) {
		free_windows(ui);
		ui->lay.too_small = true;
		return;
	}
	/* Leaving the side-by-side layouts closes a swapped detail. */
	if (ui->lay.place != TUI_DETAIL_SWAP)
		ui->detail_open = false;
	else if (ui->focus == TUI_PANE_DETAIL)
		ui->detail_open = true;
}

static void
draw_too_small(struct tui *ui)
{
	char line[96];
	int y = ui->lay.rows / 2 - 1, x;

	werase(stdscr);
	snprintf(line, sizeof(line), "terminal too small: %dx%d",
	    ui->lay.cols, ui->lay.rows);
	x = (ui->lay.cols - (int)strlen(line)) / 2;
	tui_puts(stdscr, y < 0 ? 0 : y, x < 0 ? 0 : x, ui->lay.cols,
	    theme_attr(ROLE_BAD), line);
	snprintf(line, sizeof(line), "tlshake needs at least %dx%d",
	    TUI_MIN_COLS, TUI_MIN_ROWS);
	x = (ui->lay.cols - (int)strlen(line)) / 2;
	if (y + 1 < ui->lay.rows)
		tui_puts(stdscr, y + 1, x < 0 ? 0 : x, ui->lay.cols,
		    A_NORMAL, line);
	if (y + 2 < ui->lay.rows)
		tui_puts(stdscr, y + 2, x < 0 ? 0 : x, ui->lay.cols,
		    A_NORMAL, "q quits");
	wnoutrefresh(stdscr);
}

static void
draw_overlay(struct tui *ui)
{
	int h = ui->lay.rows - 4, w = ui->lay.cols - 8;
	const char *title;

	if (w > 110)
		w = 110;
	if (ui->overlay == TUI_OV_HELP) {
		tui_help_build(&ui->ol);
		title = _("Help");
	} else {
		tui_diff_build(&ui->ol, tui_selected(ui), w - 2);
		title = _("Diff: offered against chosen");
	}
	/* As tall as the text, within the screen. */
	if ((size_t)h > ui->ol.n_line + 2)
		h = (int)ui->ol.n_line + 2 < 8 ? 8 : (int)ui->ol.n_line + 2;
	if (ui->w_ov != NULL)
		delwin(ui->w_ov);
	ui->w_ov = newwin(h, w, 2, (ui->lay.cols - w) / 2);
	if (ui->w_ov == NULL)
		return;
	if (ui->ov_top + (size_t)(h - 2) > ui->ol.n_line)
		ui->ov_top = ui->ol.n_line > (size_t)(h - 2) ?
		    ui->ol.n_line - (size_t)(h - 2) : 0;
	werase(ui->w_ov);
	tui_box(ui->w_ov, true, title, _("Esc closes"));
	tui_lines_draw(ui->w_ov, 1, 1, h - 2, w - 2, &ui->ol, ui->ov_top);
	touchwin(ui->w_ov);
	wnoutrefresh(ui->w_ov);
}

static void
tui_redraw(struct tui *ui)
{
	bool swap_detail;

	if (ui->dirty & TUI_DIRTY_LAYOUT) {
		relayout(ui);
		ui->dirty = TUI_DIRTY_ALL & ~TUI_DIRTY_LAYOUT;
	}
	if (ui->dirty == 0)
		return;
	if (ui->lay.too_small) {
		draw_too_small(ui);
		doupdate();
		ui->dirty = 0;
		return;
	}
	swap_detail = ui->lay.place == TUI_DETAIL_SWAP && ui->detail_open;
	if (ui->dirty & TUI_DIRTY_TITLE) {
		tui_title_draw(ui);
		wnoutrefresh(ui->w_title);
	}
	if (ui->dirty & TUI_DIRTY_LIST) {
		clamp_top(&ui->list_top, ui->sel, ui->idx.n_vis,
		    tui_list_rows(ui));
		tui_list_draw(ui);
		wnoutrefresh(ui->w_list);
	}
	if ((ui->dirty & TUI_DIRTY_LADDER) && !swap_detail) {
		clamp_top(&ui->row_top, ui->row_sel, ui->n_rows,
		    tui_ladder_rows_visible(ui));
		tui_ladder_draw(ui);
		wnoutrefresh(ui->w_ladder);
	}
	if ((ui->dirty & TUI_DIRTY_DETAIL) && (ui->lay.place !=
	    TUI_DETAIL_SWAP || swap_detail)) {
		if (ui->ex_on)
			tui_steps_draw(ui);
		else
			tui_detail_draw(ui);
		wnoutrefresh(ui->w_detail);
	}
	if (ui->dirty & TUI_DIRTY_STATUS) {
		tui_status_draw(ui);
		wnoutrefresh(ui->w_status);
	}
	if (ui->overlay != TUI_OV_NONE)
		draw_overlay(ui);
	else if (ui->w_ov != NULL) {
		delwin(ui->w_ov);
		ui->w_ov = NULL;
	}
	doupdate();
	ui->dirty = 0;
}

static void
loop(struct tui *ui)
{
	struct tui_source *s = ui->src;
	struct pollfd pfd[2];
	uint64_t t0, last_sync = 0;
	int ch, nfd, timeout;
	bool more;

	while (!ui->quit && tui_sig == 0) {
		nfd = 0;
		pfd[nfd].fd = STDIN_FILENO;
		pfd[nfd++].events = POLLIN;
		if (ui->input_done)
			timeout = 1000;
		else if (ui->opts->live) {
			timeout = 100;
			if (s->fd >= 0) {
				pfd[nfd].fd = s->fd;
				pfd[nfd].revents = 0;
				pfd[nfd++].events = POLLIN;
			} else
				timeout = 20;
		} else
			timeout = 0;
		pfd[0].revents = 0;
		if (poll(pfd, (nfds_t)nfd, timeout) == -1 && errno != EINTR)
			break;
		if (tui_sig != 0)
			break;
		while (!ui->quit && (ch = getch()) != ERR) {
			if (ui->prompting)
				tui_prompt_key(ui, ch);
			else
				tui_key_dispatch(ui, ch);
		}
		if (ui->quit)
			break;
		if (!ui->input_done) {
			t0 = now_ms();
			/* A file: batches for PUMP_MS; live: what is there
			 * (the pump also expires idle connections). */
			do {
				more = s->pump(s->arg);
			} while (more && !ui->opts->live &&
			    now_ms() - t0 < PUMP_MS && tui_sig == 0);
			if (!more) {
				ui->input_done = true;
				ui->dirty |= TUI_DIRTY_ALL & ~TUI_DIRTY_LAYOUT;
			}
			if (!more || now_ms() - last_sync >= SYNC_MS ||
			    !ui->opts->live) {
				tui_sync_source(ui);
				last_sync = now_ms();
			}
		}
		tui_redraw(ui);
	}
}

int
tui_run(const struct tui_opts *opts, struct tui_source *src)
{
	struct sigaction sa, old_int, old_term, old_hup;
	struct tui *ui;
	SCREEN *scr;
	const char *term = getenv("TERM");
	int sig;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "tlshake: --tui needs a terminal on standard "
		    "input and output\n");
		return 1;
	}
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "tlshake: --tui: cannot use terminal type "
		    "\"%s\"\n", term != NULL ? term : "(unset)");
		return 1;
	}
	set_term(scr);
	ui = calloc(1, sizeof(*ui));
	if (ui == NULL) {
		endwin();
		delscreen(scr);
		fprintf(stderr, "tlshake: --tui: out of memory\n");
		return 1;
	}
	ui->opts = opts;
	ui->src = src;
	ui->progress = -1;
	ui->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	tui_draw_utf8(ui->utf8);
	tui_index_init(&ui->idx, &ui->filter);
	tui_lines_init(&ui->dl);
	tui_lines_init(&ui->ol);

	/* Signals only set a flag; the loop ends and endwin runs. */
	tui_sig = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);

	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	/* COLORS is only set by start_color: ask terminfo. */
	theme_init(theme_pick(opts->color, getenv("NO_COLOR"), has_colors(),
	    tigetnum("colors")));

	ui->dirty = TUI_DIRTY_ALL;
	tui_sync_source(ui);
	tui_redraw(ui);
	loop(ui);

	free_windows(ui);
	curs_set(1);
	endwin();
	delscreen(scr);
	sig = tui_sig;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	tui_lines_cleanup(&ui->dl);
	tui_lines_cleanup(&ui->ol);
	tui_steps_free(ui);
	tui_filter_cleanup(&ui->filter);
	tui_index_cleanup(&ui->idx);
	free(ui->rows);
	free(ui);
	/* Hand the signal on: the caller's handler (flush, statistics). */
	if (sig != 0)
		raise(sig);
	return 0;
}
