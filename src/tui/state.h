/*
 * state.h: the TUI's own state (struct tui), shared by its files. The
 * TUI reads the model and this state; it never changes the model.
 * Handlers only change this state and set dirty flags; tui_redraw paints.
 */
#ifndef TLSHAKE_TUI_STATE_H
#define TLSHAKE_TUI_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "tui/filter.h"
#include "tui/index.h"
#include "tui/ladder.h"
#include "tui/layout.h"
#include "tui/lines.h"
#include "tui/tui.h"
#include "view/explain.h"

#define TUI_DIRTY_TITLE		0x01
#define TUI_DIRTY_LIST		0x02
#define TUI_DIRTY_LADDER	0x04
#define TUI_DIRTY_DETAIL	0x08
#define TUI_DIRTY_STATUS	0x10
#define TUI_DIRTY_OVERLAY	0x20
#define TUI_DIRTY_LAYOUT	0x40	/* recompute geometry, new windows */
#define TUI_DIRTY_ALL		0x7f

enum tui_pane { TUI_PANE_LIST, TUI_PANE_LADDER, TUI_PANE_DETAIL };
enum tui_overlay { TUI_OV_NONE, TUI_OV_HELP, TUI_OV_DIFF };

struct tui {
	const struct tui_opts	*opts;
	struct tui_source	*src;
	bool			 utf8;
	bool			 quit;
	unsigned		 dirty;

	struct tui_layout	 lay;
	WINDOW			*w_title, *w_list, *w_ladder, *w_detail;
	WINDOW			*w_status, *w_ov;

	enum tui_pane		 focus;
	bool			 detail_open;	/* TUI_DETAIL_SWAP: shown */
	enum tui_overlay	 overlay;
	size_t			 ov_top;

	/* The list: an index of connection pointers, selection by id. */
	struct tui_index	 idx;
	struct tui_filter	 filter;
	uint64_t		 sel_id;
	size_t			 sel, list_top;

	/* The ladder of the selected connection. */
	const struct conn	*lad_conn;
	uint64_t		 lad_id;
	uint32_t		 lad_nev, lad_nanom;
	struct tui_ladder_row	*rows;
	size_t			 n_rows, cap_rows;
	size_t			 row_sel, row_top;
	bool			 row_chosen;	/* the user moved it */

	/* The detail pane and overlays draw from built lines. */
	struct tui_lines	 dl, ol;
	size_t			 detail_top;

	/* The --explain steps ('e'): shown in the detail pane. */
	bool			 ex_on;
	struct explain		*ex;		/* built for connection ex_id */
	uint64_t		 ex_id;
	uint32_t		 ex_nev, ex_sel;

	/* The filter prompt and a one-line message. */
	bool			 prompting;
	char			 prompt[256];
	size_t			 prompt_len;
	char			 msg[160];
	bool			 msg_bad;

	/* Counts from the source. */
	uint64_t		 pkts, dropped;
	int			 progress;
	bool			 input_done;
};

/* Pane heights inside borders, for paging. */
int	tui_list_rows(const struct tui *);
int	tui_ladder_rows_visible(const struct tui *);
int	tui_detail_rows(const struct tui *);

/* Selection moves (keys and mouse). */
void	tui_select_conn(struct tui *, size_t);
void	tui_select_row(struct tui *, size_t);
/* tui_sync_ladder rebuilds the ladder rows when the connection changed. */
void	tui_sync_ladder(struct tui *);
/* tui_sync_source follows the model after a read from the source. */
void	tui_sync_source(struct tui *);
/* tui_reindex rebuilds the list after a new filter or sort order. */
void	tui_reindex(struct tui *);
/* tui_apply_filter parses "s"; false (message set) on a bad filter. */
bool	tui_apply_filter(struct tui *, const char *);
void	tui_set_msg(struct tui *, bool, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* tui_selected: the selected connection, or NULL. */
static inline const struct conn *
tui_selected(const struct tui *ui)
{
	return ui->sel < ui->idx.n_vis ? ui->idx.vis[ui->sel] : NULL;
}

#endif /* TLSHAKE_TUI_STATE_H */
