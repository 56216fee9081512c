/*
 * theme.c: colour roles to curses attributes, degrading from 256 colours
 * to 8 to monochrome (htop CRT.c colour schemes; tmux tty_check_fg).
 * Colour is never the only cue: the mono column keeps roles apart with
 * bold, dim, reverse and underline, and the ladder differs in glyphs.
 */
#include "tui/theme.h"

#include <stddef.h>

/*
 * TLS yellow is a true yellow: 226 (#ffff00), not 220 or 214 which read
 * as orange; in 8 colours COLOR_YELLOW with A_BOLD, which most terminals
 * show as the bright yellow.
 */
static const struct theme_ent theme[] = {
	/* role		256	8		8/256 extra	mono */
	{ TH_NORMAL,	-1,	-1,		A_NORMAL,	A_NORMAL },
	{ TH_TCP,	33,	COLOR_BLUE,	A_NORMAL,	A_NORMAL },
	{ TH_TLS,	226,	COLOR_YELLOW,	A_BOLD,		A_BOLD },
	{ TH_BAD,	196,	COLOR_RED,	A_BOLD,		A_BOLD | A_UNDERLINE },
	{ TH_DIM,	244,	-1,		A_DIM,		A_DIM },
	{ TH_TITLE,	-1,	-1,		A_BOLD,		A_BOLD },
	{ TH_STATUS,	-1,	-1,		A_NORMAL,	A_NORMAL },
	{ TH_BORDER,	244,	-1,		A_NORMAL,	A_NORMAL },
	{ TH_FOCUS,	-1,	-1,		A_BOLD,		A_BOLD },
	{ TH_HEAD,	-1,	-1,		A_BOLD,		A_BOLD },
	{ TH_SELECT,	-1,	-1,		A_REVERSE,	A_REVERSE },
	{ TH_CHOSEN,	-1,	-1,		A_REVERSE | A_BOLD, A_REVERSE | A_BOLD },
	{ TH_SECURE,	40,	COLOR_GREEN,	A_NORMAL,	A_NORMAL },
	{ TH_WEAK,	208,	COLOR_MAGENTA,	A_NORMAL,	A_UNDERLINE },
	{ TH_INSECURE,	196,	COLOR_RED,	A_BOLD,		A_BOLD | A_UNDERLINE },
	{ TH_OK,	40,	COLOR_GREEN,	A_NORMAL,	A_NORMAL },
	{ TH_MARK,	208,	COLOR_MAGENTA,	A_BOLD,		A_BOLD },
	{ TH_KEY,	-1,	-1,		A_BOLD,		A_BOLD },
	{ TH_PROMPT,	-1,	-1,		A_BOLD,		A_BOLD },
};

static enum theme_mode cur_mode = THEME_MONO;

enum theme_mode
theme_pick(enum tui_color c, const char *no_color, bool has, int colors)
{
	if (c == TUI_COLOR_NEVER)
		return THEME_MONO;
	/* NO_COLOR (no-color.org): set and non-empty turns colour off. */
	if (no_color != NULL && *no_color != '\0')
		return THEME_MONO;
	if (!has)
		return THEME_MONO;
	return colors >= 256 ? THEME_256 : THEME_8;
}

const struct theme_ent *
theme_entry(enum theme_role r)
{
	size_t i;

	for (i = 0; i < sizeof(theme) / sizeof(theme[0]); i++)
		if (theme[i].role == r)
			return &theme[i];
	return &theme[0];
}

void
theme_init(enum theme_mode m)
{
	const struct theme_ent *t;
	size_t i;

	cur_mode = m;
	if (m == THEME_MONO)
		return;
	start_color();
	use_default_colors();
	for (i = 0; i < sizeof(theme) / sizeof(theme[0]); i++) {
		t = &theme[i];
		init_pair((short)(t->role + 1), m == THEME_256 ? t->fg256 :
		    t->fg8, -1);
	}
}

attr_t
theme_attr_mode(enum theme_role r, enum theme_mode m)
{
	const struct theme_ent *t = theme_entry(r);
	short fg;

	if (m == THEME_MONO)
		return t->mono;
	fg = m == THEME_256 ? t->fg256 : t->fg8;
	/* No distinct 8-colour grey: dim says it. */
	if (fg < 0)
		return t->attr8;
	return t->attr8 | (attr_t)COLOR_PAIR(t->role + 1);
}

attr_t
theme_attr(enum theme_role r)
{
	return theme_attr_mode(r, cur_mode);
}

enum theme_mode
theme_mode(void)
{
	return cur_mode;
}
