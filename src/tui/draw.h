/*
 * draw.h: drawing helpers shared by the panes: clipped strings with an
 * ellipsis, boxes, and the glyph table (UTF-8 line drawing when the
 * locale's codeset is UTF-8, ASCII otherwise).
 */
#ifndef TLSHAKE_TUI_DRAW_H
#define TLSHAKE_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

enum tui_g {
	G_H, G_V, G_TL, G_TR, G_BL, G_BR,		/* light box */
	G_HH, G_VH, G_TLH, G_TRH, G_BLH, G_BRH,		/* heavy box */
	G_DASH,						/* encrypted */
	G_RIGHT, G_LEFT,				/* arrowheads */
	G_RETRANS, G_GAP, G_ELLIPSIS, G_SEL, G_BOTH, G_TO,
	G_CROSS, G_TIMES,
	G_N
};

/* tui_draw_utf8 selects the glyph set (once, from the locale). */
void		 tui_draw_utf8(bool);
const char	*tui_g(enum tui_g);
/*
 * tui_put draws "len" bytes of "s" at (y, x), at most "w" columns; a cut
 * string ends in an ellipsis. "s" must be safe (literals, esc_term
 * output): bytes below 0x20 still print as "?", and outside UTF-8
 * locales so does anything not ASCII. Returns the columns drawn.
 */
int		 tui_put(WINDOW *, int, int, int, attr_t, const char *, size_t);
/* tui_put_cut is tui_put with the ellipsis forced when "cut" is set. */
int		 tui_put_cut(WINDOW *, int, int, int, attr_t, const char *,
		    size_t, bool);
int		 tui_puts(WINDOW *, int, int, int, attr_t, const char *);
int		 tui_putf(WINDOW *, int, int, int, attr_t, const char *, ...)
		    __attribute__((format(printf, 6, 7)));
/* tui_cols: columns "s" takes (same rules as tui_put). */
int		 tui_cols(const char *, size_t);
/* tui_fill draws "w" spaces with "a". */
void		 tui_fill(WINDOW *, int, int, int, attr_t);
/* tui_hline repeats glyph "g" "n" times. */
void		 tui_hline(WINDOW *, int, int, int, attr_t, enum tui_g);
/*
 * tui_box draws the border of "win" (heavy and bold when focused) with a
 * title (safe text) and an optional right-hand note.
 */
void		 tui_box(WINDOW *, bool, const char *, const char *);

#endif /* TLSHAKE_TUI_DRAW_H */
