/*
 * theme.c: colour roles (view/role.c's table) to curses attributes,
 * degrading from 256 colours to 8 to monochrome. In 8 colours a bright
 * colour is the base colour with A_BOLD, which most terminals show as
 * the bright one.
 */
#include "tui/theme.h"

#include <stddef.h>

static attr_t	curses_attr(uint8_t);

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

static attr_t
curses_attr(uint8_t a)
{
	return ((a & ROLE_A_BOLD) ? A_BOLD : 0) |
	    ((a & ROLE_A_DIM) ? A_DIM : 0) |
	    ((a & ROLE_A_UNDERLINE) ? A_UNDERLINE : 0) |
	    ((a & ROLE_A_REVERSE) ? A_REVERSE : 0);
}

void
theme_init(enum theme_mode m)
{
	const struct role_ent *t;
	int r;

	cur_mode = m;
	if (m == THEME_MONO)
		return;
	start_color();
	use_default_colors();
	for (r = 0; r < ROLE_N; r++) {
		t = role_entry((enum role)r);
		init_pair((short)(r + 1), m == THEME_256 ? t->fg256 : t->fg8,
		    -1);
	}
}

attr_t
theme_attr_mode(enum role r, enum theme_mode m)
{
	const struct role_ent *t = role_entry(r);
	attr_t a;
	short fg;

	if (m == THEME_MONO)
		return curses_attr(t->mono);
	a = curses_attr(t->attr);
	fg = m == THEME_256 ? t->fg256 : t->fg8;
	if (m == THEME_8 && t->bright8)
		a |= A_BOLD;
	/* No distinct 8-colour grey: the attributes say it. */
	if (fg < 0)
		return a;
	return a | (attr_t)COLOR_PAIR(r + 1);
}

attr_t
theme_attr(enum role r)
{
	return theme_attr_mode(r, cur_mode);
}

enum theme_mode
theme_mode(void)
{
	return cur_mode;
}
