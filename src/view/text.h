/*
 * text.h: the default view, a text ladder per connection (SPEC.md, "The
 * default view"; MOCKUPS.md, 2).
 */
#ifndef TLSHAKE_VIEW_TEXT_H
#define TLSHAKE_VIEW_TEXT_H

#include <stdbool.h>

#include "common/buf.h"
#include "model/conn.h"
#include "view/role.h"

struct text_opts {
	bool	color;		/* SGR escape sequences */
	bool	color256;	/* 256-colour palette */
	bool	utf8;		/* line drawing and arrows */
	bool	abs_time;	/* -t */
	int	verbose;	/* -v: 1, -vv: 2 */
	bool	quiet;		/* -q: header line only */
	bool	explain;	/* --explain: the steps under the ladder */
};

/*
 * text_role_on and text_role_off start and end role "r" in SGR when "o"
 * has colour, in its palette (the --diff and report text use them too).
 */
void	text_role_on(struct buf *, const struct text_opts *, enum role);
void	text_role_off(struct buf *, const struct text_opts *, enum role);
/*
 * text_wrap appends "p".."len" (safe text: no control characters) cut at
 * spaces into lines of at most "width" columns, the first starting at
 * column "col", the others indented by "indent" spaces.
 */
void	text_wrap(struct buf *, const char *, size_t, size_t, size_t, size_t);
void	text_emit_conn(struct buf *, const struct conn *,
	    const struct text_opts *);

#endif /* TLSHAKE_VIEW_TEXT_H */
