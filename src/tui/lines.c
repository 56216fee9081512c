/*
 * lines.c: lines of coloured segments for the detail pane and overlays.
 */
#include "tui/lines.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/esc.h"
#include "tui/draw.h"

#define FIELD_COLS	16

static void	seg_add(struct tui_lines *, enum role, size_t);

void
tui_lines_init(struct tui_lines *l)
{
	memset(l, 0, sizeof(*l));
	buf_init(&l->text);
}

void
tui_lines_cleanup(struct tui_lines *l)
{
	buf_cleanup(&l->text);
	free(l->seg);
	free(l->line);
	memset(l, 0, sizeof(*l));
}

void
tui_lines_reset(struct tui_lines *l)
{
	buf_reset(&l->text);
	l->n_seg = 0;
	l->n_line = 0;
}

void
tui_lines_new(struct tui_lines *l, enum role role)
{
	if (l->n_line == l->cap_line) {
		l->cap_line = l->cap_line == 0 ? 64 : l->cap_line * 2;
		l->line = x_realloc(l->line, l->cap_line, sizeof(*l->line));
	}
	l->line[l->n_line].seg = (uint32_t)l->n_seg;
	l->line[l->n_line].n_seg = 0;
	l->line[l->n_line].role = (uint8_t)role;
	l->n_line++;
}

/* seg_add closes the bytes from "from" to the end of text as a segment. */
static void
seg_add(struct tui_lines *l, enum role role, size_t from)
{
	if (l->n_line == 0)
		tui_lines_new(l, ROLE_NORMAL);
	if (l->text.len == from)
		return;
	if (l->n_seg == l->cap_seg) {
		l->cap_seg = l->cap_seg == 0 ? 256 : l->cap_seg * 2;
		l->seg = x_realloc(l->seg, l->cap_seg, sizeof(*l->seg));
	}
	l->seg[l->n_seg].off = (uint32_t)from;
	l->seg[l->n_seg].len = (uint32_t)(l->text.len - from);
	l->seg[l->n_seg].role = (uint8_t)role;
	l->n_seg++;
	l->line[l->n_line - 1].n_seg++;
}

void
tui_lines_add(struct tui_lines *l, enum role role, const char *s)
{
	size_t from = l->text.len;

	buf_adds(&l->text, s);
	seg_add(l, role, from);
}

void
tui_lines_addf(struct tui_lines *l, enum role role, const char *fmt,
    ...)
{
	size_t from = l->text.len;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&l->text, fmt, ap);
	va_end(ap);
	seg_add(l, role, from);
}

void
tui_lines_wire(struct tui_lines *l, enum role role, const void *p,
    size_t len, size_t maxcols)
{
	size_t from = l->text.len;

	esc_term(&l->text, p, len, maxcols);
	/* esc_term marks a cut with "~": show the ellipsis instead. */
	if (maxcols != 0 && l->text.len > from &&
	    esc_term_cols(p, len) > maxcols) {
		l->text.len--;
		buf_adds(&l->text, tui_g(G_ELLIPSIS));
	}
	seg_add(l, role, from);
}

void
tui_lines_pad(struct tui_lines *l, enum role role, const char *s,
    int w, const char *ell)
{
	size_t from = l->text.len, n = strlen(s);

	if (w <= 0)
		return;
	if (n > (size_t)w) {
		buf_add(&l->text, s, (size_t)w - 1);
		buf_adds(&l->text, ell);
	} else {
		buf_adds(&l->text, s);
		buf_pad(&l->text, from, (size_t)w);
	}
	seg_add(l, role, from);
}

void
tui_lines_field(struct tui_lines *l, const char *name)
{
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_addf(l, ROLE_HEAD, " %-*s", FIELD_COLS - 1, name);
}

void
tui_lines_text(const struct tui_lines *l, size_t i, struct buf *out)
{
	const struct tui_line *ln;
	size_t s;

	if (i >= l->n_line)
		return;
	ln = &l->line[i];
	for (s = ln->seg; s < ln->seg + ln->n_seg; s++)
		buf_add(out, l->text.p + l->seg[s].off, l->seg[s].len);
}

void
tui_lines_draw(WINDOW *w, int y, int x, int h, int width,
    const struct tui_lines *l, size_t top)
{
	const struct tui_line *ln;
	const struct tui_seg *s;
	attr_t la;
	size_t i, k;
	int row, col;

	for (row = 0; row < h; row++) {
		i = top + (size_t)row;
		if (i >= l->n_line)
			break;
		ln = &l->line[i];
		la = ln->role != ROLE_NORMAL ? theme_attr(ln->role) : A_NORMAL;
		if (la != A_NORMAL)
			tui_fill(w, y + row, x, width, la);
		col = 0;
		for (k = ln->seg; k < ln->seg + ln->n_seg && col < width;
		    k++) {
			s = &l->seg[k];
			col += tui_put(w, y + row, x + col, width - col,
			    la | theme_attr(s->role), l->text.p + s->off,
			    s->len);
		}
	}
}
