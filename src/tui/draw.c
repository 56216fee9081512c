/*
 * draw.c: clipped, safe text and box drawing for the panes.
 */
#include "tui/draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "tui/theme.h"

static bool utf8 = false;

static const char *const g_utf8[G_N] = {
	[G_H] = "\xe2\x94\x80", [G_V] = "\xe2\x94\x82",
	[G_TL] = "\xe2\x94\x8c", [G_TR] = "\xe2\x94\x90",
	[G_BL] = "\xe2\x94\x94", [G_BR] = "\xe2\x94\x98",
	[G_HH] = "\xe2\x94\x81", [G_VH] = "\xe2\x94\x83",
	[G_TLH] = "\xe2\x94\x8f", [G_TRH] = "\xe2\x94\x93",
	[G_BLH] = "\xe2\x94\x97", [G_BRH] = "\xe2\x94\x9b",
	[G_DASH] = "\xe2\x94\x84",
	[G_RIGHT] = "\xe2\x96\xb6", [G_LEFT] = "\xe2\x97\x80",
	[G_RETRANS] = "\xe2\x86\xbb", [G_GAP] = "\xe2\x80\xa6",
	[G_ELLIPSIS] = "\xe2\x80\xa6", [G_SEL] = "\xe2\x96\xb6",
	[G_BOTH] = "\xe2\x87\x84", [G_TO] = "\xe2\x86\x92",
	[G_CROSS] = "\xe2\x9c\x97", [G_TIMES] = "\xc3\x97",
};

static const char *const g_ascii[G_N] = {
	[G_H] = "-", [G_V] = "|", [G_TL] = "+", [G_TR] = "+",
	[G_BL] = "+", [G_BR] = "+",
	[G_HH] = "=", [G_VH] = "#", [G_TLH] = "#", [G_TRH] = "#",
	[G_BLH] = "#", [G_BRH] = "#",
	[G_DASH] = ".",
	[G_RIGHT] = ">", [G_LEFT] = "<",
	[G_RETRANS] = "R", [G_GAP] = "~", [G_ELLIPSIS] = "~", [G_SEL] = ">",
	[G_BOTH] = "<->", [G_TO] = "->", [G_CROSS] = "x", [G_TIMES] = "x",
};

static size_t	next_char(const char *, size_t, size_t, int *, bool *);

void
tui_draw_utf8(bool on)
{
	utf8 = on;
}

const char *
tui_g(enum tui_g g)
{
	return utf8 ? g_utf8[g] : g_ascii[g];
}

/*
 * next_char returns the bytes of the character at "i", its columns in
 * "*cols" and in "*ok" whether it may be printed as is.
 */
static size_t
next_char(const char *s, size_t len, size_t i, int *cols, bool *ok)
{
	unsigned char b = (unsigned char)s[i];
	size_t n, k;
	wchar_t wc;
	mbstate_t st;
	int w;

	*cols = 1;
	*ok = true;
	if (b < 0x80) {
		*ok = b >= 0x20 && b != 0x7f;
		return 1;
	}
	n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
	if (n > len - i)
		n = len - i;
	for (k = 1; k < n; k++)
		if (((unsigned char)s[i + k] & 0xc0) != 0x80)
			break;
	n = k;
	if (!utf8) {
		*ok = false;
		return n;
	}
	memset(&st, 0, sizeof(st));
	if (mbrtowc(&wc, s + i, n, &st) != n) {
		*ok = false;
		return n;
	}
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	*ok = w >= 0;
	return n;
}

int
tui_cols(const char *s, size_t len)
{
	size_t i = 0;
	int c, cols = 0;
	bool ok;

	while (i < len) {
		i += next_char(s, len, i, &c, &ok);
		cols += ok ? c : 1;
	}
	return cols;
}

int
tui_put(WINDOW *win, int y, int x, int w, attr_t a, const char *s,
    size_t len)
{
	return tui_put_cut(win, y, x, w, a, s, len, false);
}

int
tui_put_cut(WINDOW *win, int y, int x, int w, attr_t a, const char *s,
    size_t len, bool cut)
{
	size_t i = 0, n;
	int c, cols = 0, total;
	bool ok;

	if (w <= 0)
		return 0;
	total = tui_cols(s, len);
	cut = cut || total > w;
	wattrset(win, a);
	wmove(win, y, x);
	while (i < len) {
		n = next_char(s, len, i, &c, &ok);
		if (!ok)
			c = 1;
		if (cols + c > (cut ? w - 1 : w))
			break;
		if (ok)
			waddnstr(win, s + i, (int)n);
		else
			waddch(win, '?');
		cols += c;
		i += n;
	}
	if (cut) {
		/* Wide characters may leave a column before the ellipsis. */
		while (cols < w - 1) {
			waddch(win, ' ');
			cols++;
		}
		waddstr(win, tui_g(G_ELLIPSIS));
		cols++;
	}
	wattrset(win, A_NORMAL);
	return cols;
}

int
tui_puts(WINDOW *win, int y, int x, int w, attr_t a, const char *s)
{
	return tui_put(win, y, x, w, a, s, strlen(s));
}

int
tui_putf(WINDOW *win, int y, int x, int w, attr_t a, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return tui_puts(win, y, x, w, a, tmp);
}

void
tui_fill(WINDOW *win, int y, int x, int w, attr_t a)
{
	wattrset(win, a);
	wmove(win, y, x);
	while (w-- > 0)
		waddch(win, ' ');
	wattrset(win, A_NORMAL);
}

void
tui_hline(WINDOW *win, int y, int x, int n, attr_t a, enum tui_g g)
{
	const char *s = tui_g(g);

	wattrset(win, a);
	wmove(win, y, x);
	while (n-- > 0)
		waddstr(win, s);
	wattrset(win, A_NORMAL);
}

void
tui_box(WINDOW *win, bool focus, const char *title, const char *note)
{
	attr_t a = theme_attr(focus ? ROLE_FOCUS : ROLE_BORDER);
	int h, w, y, tw, nw = 0;

	getmaxyx(win, h, w);
	if (h < 2 || w < 2)
		return;
	wattrset(win, a);
	mvwaddstr(win, 0, 0, tui_g(focus ? G_TLH : G_TL));
	tui_hline(win, 0, 1, w - 2, a, focus ? G_HH : G_H);
	wattrset(win, a);
	mvwaddstr(win, 0, w - 1, tui_g(focus ? G_TRH : G_TR));
	for (y = 1; y < h - 1; y++) {
		wattrset(win, a);
		mvwaddstr(win, y, 0, tui_g(focus ? G_VH : G_V));
		mvwaddstr(win, y, w - 1, tui_g(focus ? G_VH : G_V));
	}
	wattrset(win, a);
	mvwaddstr(win, h - 1, 0, tui_g(focus ? G_BLH : G_BL));
	tui_hline(win, h - 1, 1, w - 2, a, focus ? G_HH : G_H);
	wattrset(win, a);
	mvwaddstr(win, h - 1, w - 1, tui_g(focus ? G_BRH : G_BR));
	if (note != NULL && *note != '\0' && w > 20) {
		nw = tui_cols(note, strlen(note)) + 2;
		if (nw > w / 2)
			nw = w / 2;
		tui_fill(win, 0, w - 2 - nw, nw, a);
		tui_put(win, 0, w - 1 - nw, nw - 2, a, note, strlen(note));
	}
	if (title != NULL && w > 6) {
		tw = tui_cols(title, strlen(title)) + 2;
		if (tw > w - 4 - nw)
			tw = w - 4 - nw;
		if (tw > 2) {
			tui_fill(win, 0, 1, tw, a | A_BOLD);
			tui_put(win, 0, 2, tw - 2, a | A_BOLD, title,
			    strlen(title));
		}
	}
	wattrset(win, A_NORMAL);
}
