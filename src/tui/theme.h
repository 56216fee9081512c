/*
 * theme.h: colour roles on the terminal. Code names roles, never colours
 * (view/role.h has the one table); theme_attr() gives a role's curses
 * attribute for the chosen mode.
 */
#ifndef TLSHAKE_TUI_THEME_H
#define TLSHAKE_TUI_THEME_H

#include <stdbool.h>

#include <curses.h>

#include "tui/tui.h"
#include "view/role.h"

enum theme_mode { THEME_MONO, THEME_8, THEME_256 };

/*
 * theme_pick chooses the mode: monochrome for --color=never, NO_COLOR set
 * and non-empty ("no_color" is getenv's answer) or a terminal without
 * colours; 256 colours when it has at least 256; else 8. Pure.
 */
enum theme_mode	 theme_pick(enum tui_color, const char *, bool, int);
/* theme_init sets up the colour pairs for "mode" (after initscr). */
void		 theme_init(enum theme_mode);
/* theme_attr returns the attribute (pair included) of a role. */
attr_t		 theme_attr(enum role);
/* theme_attr_mode is theme_attr for a given mode, without curses. */
attr_t		 theme_attr_mode(enum role, enum theme_mode);
enum theme_mode	 theme_mode(void);

#endif /* TLSHAKE_TUI_THEME_H */
