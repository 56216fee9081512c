/*
 * theme.h: colour roles. Code names roles, never colours; one table gives
 * each role a 256-colour value, an 8-colour value and a monochrome
 * attribute, and theme_attr() the curses attribute for the chosen mode.
 */
#ifndef TLSHAKE_TUI_THEME_H
#define TLSHAKE_TUI_THEME_H

#include <stdbool.h>

#include <curses.h>

#include "tui/tui.h"

enum theme_role {
	TH_NORMAL,
	TH_TCP,		/* TCP events: blue */
	TH_TLS,		/* TLS events: yellow */
	TH_BAD,		/* alerts, RST, gaps, failed: red */
	TH_DIM,		/* encrypted or not decoded */
	TH_TITLE,	/* title bar */
	TH_STATUS,	/* status bar */
	TH_BORDER,
	TH_FOCUS,	/* border of the focused pane */
	TH_HEAD,	/* column headings, field names */
	TH_SELECT,	/* the selected row */
	TH_CHOSEN,	/* the chosen suite, group, version */
	TH_SECURE,
	TH_WEAK,
	TH_INSECURE,
	TH_OK,		/* a complete handshake */
	TH_MARK,	/* retransmission and gap marks */
	TH_KEY,		/* key names in help and hints */
	TH_PROMPT,
	TH_NROLES
};

enum theme_mode { THEME_MONO, THEME_8, THEME_256 };

struct theme_ent {
	enum theme_role	 role;
	short		 fg256;		/* -1: terminal default */
	short		 fg8;
	attr_t		 attr8;		/* added in 8 and 256 colours */
	attr_t		 mono;
};

/*
 * theme_pick chooses the mode: monochrome for --color=never, NO_COLOR set
 * and non-empty ("no_color" is getenv's answer) or a terminal without
 * colours; 256 colours when it has at least 256; else 8. Pure.
 */
enum theme_mode	 theme_pick(enum tui_color, const char *, bool, int);
/* theme_entry returns the table row of a role. */
const struct theme_ent *theme_entry(enum theme_role);
/* theme_init sets up the colour pairs for "mode" (after initscr). */
void		 theme_init(enum theme_mode);
/* theme_attr returns the attribute (pair included) of a role. */
attr_t		 theme_attr(enum theme_role);
/* theme_attr_mode is theme_attr for a given mode, without curses. */
attr_t		 theme_attr_mode(enum theme_role, enum theme_mode);
enum theme_mode	 theme_mode(void);

#endif /* TLSHAKE_TUI_THEME_H */
