/*
 * detail.h: the detail pane: every field of the selected ladder row (a
 * ClientHello's offered suites with the chosen one highlighted and the
 * weak or insecure ones marked, a Certificate's chain with validity).
 * tui_detail_build is pure (lines and roles); the draw functions paint.
 */
#ifndef TLSHAKE_TUI_DETAIL_H
#define TLSHAKE_TUI_DETAIL_H

#include <stddef.h>

#include <curses.h>

#include "model/conn.h"
#include "tui/ladder.h"
#include "tui/lines.h"

/*
 * tui_detail_build writes the fields of row "r" of "c" into "l" for a
 * pane "width" columns wide, and its title into "title".
 */
void	tui_detail_build(struct tui_lines *, char *, size_t,
	    const struct conn *, const struct tui_ladder_row *, int);
/* Shared list helpers, also used by the diff. */
void	tui_detail_u16(struct tui_lines *, const char *,
	    const struct u16list *, const char *(*)(uint16_t, char *, size_t),
	    int, uint16_t, bool);
const char *tui_detail_suite(uint16_t, char *, size_t);
enum role tui_detail_strength_role(uint16_t);

struct tui;
void	tui_detail_draw(struct tui *);

#endif /* TLSHAKE_TUI_DETAIL_H */
