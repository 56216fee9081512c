/*
 * lines.h: text built for the detail pane and the overlays: lines of
 * segments, each with a colour role. Wire strings go in through
 * tui_lines_wire, which escapes them (esc_term) first. Only
 * tui_lines_draw paints (curses).
 */
#ifndef TLSHAKE_TUI_LINES_H
#define TLSHAKE_TUI_LINES_H

#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "common/buf.h"
#include "tui/theme.h"

struct tui_seg {
	uint32_t	 off, len;	/* in text */
	uint8_t		 role;		/* enum role */
};

struct tui_line {
	uint32_t	 seg, n_seg;
	uint8_t		 role;		/* the whole line's background role */
};

struct tui_lines {
	struct buf	 text;
	struct tui_seg	*seg;
	size_t		 n_seg, cap_seg;
	struct tui_line	*line;
	size_t		 n_line, cap_line;
};

void	tui_lines_init(struct tui_lines *);
void	tui_lines_cleanup(struct tui_lines *);
void	tui_lines_reset(struct tui_lines *);
/* tui_lines_new starts a line; "role" applies to all of it (ROLE_NORMAL). */
void	tui_lines_new(struct tui_lines *, enum role);
void	tui_lines_add(struct tui_lines *, enum role, const char *);
void	tui_lines_addf(struct tui_lines *, enum role, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* tui_lines_wire adds escaped wire bytes, at most "maxcols" (0: all). */
void	tui_lines_wire(struct tui_lines *, enum role, const void *,
	    size_t, size_t);
/* tui_lines_pad adds ASCII "s" in exactly "w" columns, cut with "ell". */
void	tui_lines_pad(struct tui_lines *, enum role, const char *, int,
	    const char *);
/* tui_lines_field starts a line "  name          " (a field heading). */
void	tui_lines_field(struct tui_lines *, const char *);
/*
 * tui_lines_draw paints lines "top".. of "l" into "w" at (y, x), "h" rows
 * of "width" columns, clipped.
 */
void	tui_lines_draw(WINDOW *, int, int, int, int, const struct tui_lines *,
	    size_t);

/* The text of line "i" without roles (tests, text captures). */
void	tui_lines_text(const struct tui_lines *, size_t, struct buf *);

#endif /* TLSHAKE_TUI_LINES_H */
