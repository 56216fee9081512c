/*
 * layout.h: the geometry of the screen, pure (no curses), unit-tested.
 * Title row, connection list (top third), ladder and detail side by side
 * below when the width allows, else the detail under the ladder or, on
 * small screens, in the ladder's place behind Enter; a status row.
 */
#ifndef TLSHAKE_TUI_LAYOUT_H
#define TLSHAKE_TUI_LAYOUT_H

#include <stdbool.h>

#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24
/* Side by side from this width; detail under the ladder from that height. */
#define TUI_SIDE_COLS	110
#define TUI_BELOW_ROWS	40

struct tui_rect {
	int	y, x, h, w;
};

enum tui_detail_place {
	TUI_DETAIL_SIDE,	/* right of the ladder */
	TUI_DETAIL_BELOW,	/* under the ladder */
	TUI_DETAIL_SWAP		/* in the ladder's place, behind Enter */
};

struct tui_layout {
	bool			 too_small;
	int			 rows, cols;
	enum tui_detail_place	 place;
	struct tui_rect		 title, list, ladder, detail, status;
};

/*
 * tui_layout_compute fills "out" for a terminal of "rows" x "cols"; below
 * TUI_MIN_ROWS x TUI_MIN_COLS it sets out->too_small and only the screen
 * size. In TUI_DETAIL_SWAP the ladder and detail rectangles are the same.
 */
void	tui_layout_compute(struct tui_layout *, int, int);

/* Columns of the connection list (widths; 0 hides a column). */
struct tui_list_cols {
	int	mark, idx, client, server, sni, version, suite, ms, status;
};

/*
 * tui_list_columns splits an inner width "w" between the columns, with
 * one space between each; "idx_digits" is the width of the largest index.
 * The SNI takes what is left; the addresses and the suite shrink first.
 */
void	tui_list_columns(struct tui_list_cols *, int, int);

/* Columns of a ladder row (x positions inside the pane). */
struct tui_ladder_cols {
	int	mark, time, time_w, cli, srv, note, note_w;
};

/* tui_ladder_columns places the client and server lines in width "w". */
void	tui_ladder_columns(struct tui_ladder_cols *, int);

#endif /* TLSHAKE_TUI_LAYOUT_H */
