/*
 * ladder.h: the ladder of one connection. tui_ladder_rows turns the
 * connection's events into rows (pure, unit-tested); tui_ladder_draw
 * paints the visible ones between the client and server lines.
 */
#ifndef TLSHAKE_TUI_LADDER_H
#define TLSHAKE_TUI_LADDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/conn.h"
#include "tui/theme.h"

enum tui_row_kind {
	TUI_ROW_EVENT,		/* ev points at the event */
	TUI_ROW_ANOM,		/* anom points at the anomaly */
	TUI_ROW_MORE		/* "N more events not kept" */
};

/* How the arrow is drawn: colour is never the only cue. */
enum tui_glyph {
	TUI_GLYPH_TCP,		/* thin line: ─── SYN ───▶, ASCII --- > */
	TUI_GLYPH_TLS,		/* heavy line: ━━━ ClientHello ━━━▶, === > */
	TUI_GLYPH_ENC,		/* dashed, label in brackets: ┄┄ [..] ┄▶ */
	TUI_GLYPH_NONE		/* no arrow (anomaly rows) */
};

/* Margin marks. */
#define TUI_MARK_RETRANS	0x01	/* ↻ */
#define TUI_MARK_GAP		0x02	/* … bytes missing before this row */

struct tui_ladder_row {
	enum tui_row_kind	 kind;
	const struct event	*ev;
	const struct anom	*anom;
	enum role		 role;
	enum tui_glyph		 glyph;
	uint8_t			 dir;	/* enum dir */
	uint8_t			 marks;	/* TUI_MARK_* */
	double			 t;	/* seconds since the first packet */
	char			 label[64];
	char			 note[24];	/* size, rtt, gap size */
};

/*
 * tui_ladder_rows writes up to "max" rows for "c" into "out" and returns
 * how many the connection has (as snprintf: call with max 0 to size).
 * Events in order, then one row per anomaly; gaps (tcp.gap anomalies)
 * and retransmissions become marks on the row they precede.
 */
size_t	tui_ladder_rows(const struct conn *, struct tui_ladder_row *, size_t);

/* tui_ladder_default is the row to select first: the ClientHello. */
size_t	tui_ladder_default(const struct tui_ladder_row *, size_t);

struct tui;
void	tui_ladder_draw(struct tui *);

#endif /* TLSHAKE_TUI_LADDER_H */
