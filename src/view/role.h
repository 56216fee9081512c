/*
 * role.h: the colour roles of every view. Code names roles, never
 * colours: role_event gives an event its role, and one table gives each
 * role a 256-colour value, an 8-colour value, the attributes it adds in
 * colour, its monochrome attributes and its colour on the HTML report's
 * white page. The text views turn a role into SGR escape sequences
 * (role_sgr_on), the TUI into curses attributes (tui/theme.c), the HTML
 * report into CSS (role_css). No curses here.
 */
#ifndef TLSHAKE_VIEW_ROLE_H
#define TLSHAKE_VIEW_ROLE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/buf.h"
#include "dissect/suite.h"
#include "model/conn.h"

enum role {
	ROLE_NORMAL,
	ROLE_TCP,	/* TCP events: blue */
	ROLE_TLS,	/* TLS events: yellow */
	ROLE_BAD,	/* alerts, RST, gaps, failed, deprecated: red */
	ROLE_DIM,	/* encrypted or not decoded */
	ROLE_TITLE,	/* title bar */
	ROLE_STATUS,	/* status bar */
	ROLE_BORDER,
	ROLE_FOCUS,	/* border of the focused pane */
	ROLE_HEAD,	/* headers, column headings, field names */
	ROLE_SELECT,	/* the selected row */
	ROLE_CHOSEN,	/* the chosen suite, group, version */
	ROLE_SECURE,	/* strength classes (SPEC.md) */
	ROLE_WEAK,
	ROLE_INSECURE,
	ROLE_OK,	/* a complete handshake */
	ROLE_MARK,	/* retransmission and gap marks */
	ROLE_KEY,	/* key names in help and hints */
	ROLE_PROMPT,
	ROLE_N
};

/* How many colours the output has. */
enum role_mode { ROLE_MONO, ROLE_8, ROLE_256 };

/* The 8 ANSI colours: SGR 30 + n and curses COLOR_* alike. */
enum role_color {
	C8_DEFAULT = -1, C8_BLACK, C8_RED, C8_GREEN, C8_YELLOW, C8_BLUE,
	C8_MAGENTA, C8_CYAN, C8_WHITE
};

/* Attributes, as SGR has them (1, 2, 4, 7) and curses A_*. */
#define ROLE_A_BOLD		0x01
#define ROLE_A_DIM		0x02
#define ROLE_A_UNDERLINE	0x04
#define ROLE_A_REVERSE		0x08

struct role_ent {
	enum role	 role;
	short		 fg256;		/* -1: the terminal's default */
	short		 fg8;		/* enum role_color */
	bool		 bright8;	/* 8 colours: the bright variant */
	uint8_t		 attr;		/* ROLE_A_*, added in colour */
	uint8_t		 mono;		/* ROLE_A_*, without colour */
	const char	*css;		/* on white; NULL: none */
};

/* role_event: the role of an event in every ladder (text, TUI, HTML). */
enum role	 role_event(const struct event *);
/* role_strength: the role of a strength class (ROLE_NORMAL: unknown). */
enum role	 role_strength(enum suite_strength);
/* role_entry: the table row of "r" (ROLE_NORMAL's for an unknown one). */
const struct role_ent *role_entry(enum role);
/*
 * role_sgr_on appends the SGR sequence that starts "r" in "mode" (nothing
 * for a role without colour or attributes there); role_sgr_off the one
 * that ends it (nothing when role_sgr_on added nothing).
 */
void		 role_sgr_on(struct buf *, enum role, enum role_mode);
void		 role_sgr_off(struct buf *, enum role, enum role_mode);
/* role_css: the role's colour on the HTML report ("#rrggbb"), or "". */
const char	*role_css(enum role);

#endif /* TLSHAKE_VIEW_ROLE_H */
