/*
 * explain.h: a connection's handshake told in plain words (SPEC.md,
 * "Explaining a handshake"): numbered steps in the order of the ladder,
 * each with a stable code ("explain.kx.ecdhe") and a sentence or two in
 * the user's language grounded in that connection's own values. Built
 * from the connection model only; the text, JSON and HTML views and the
 * TUI print the same steps.
 */
#ifndef TLSHAKE_VIEW_EXPLAIN_H
#define TLSHAKE_VIEW_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "model/conn.h"

#define EXPLAIN_MAX_STEPS	24	/* the longest story has about 14 */
#define EXPLAIN_MAX_EV		16	/* messages one step points at */

struct explain_step {
	const char	*code;		/* static, never translated */
	size_t		 off, len;	/* the text, in explain.text */
	uint32_t	 ev[EXPLAIN_MAX_EV];	/* indices into conn.ev */
	uint32_t	 n_ev;
};

struct explain {
	struct explain_step step[EXPLAIN_MAX_STEPS];
	uint32_t	 n;
	struct buf	 text;		/* every step's text, one after another */
	bool		 full;		/* the last step was dropped: past the cap */
};

/* One code and what it tells, as tlshake(1) lists them. */
struct explain_code {
	const char	*code;
	const char	*what;
};

/* Every code, in story order; ends with a { NULL, NULL } sentinel. */
extern const struct explain_code explain_codes[];

void	explain_init(struct explain *);
void	explain_cleanup(struct explain *);
/*
 * explain_build replaces the steps of "x" with those of "c". Step texts
 * are printable UTF-8 without control characters: wire strings in them
 * (names, certificate fields) went through esc_term() and are cut to 64
 * columns, so a view needs only its own escaping (JSON, HTML).
 */
void	explain_build(struct explain *, const struct conn *);
/*
 * explain_each builds the steps of "c" and calls "fn" with "arg", the
 * step's number (from 0), code and text (as explain_build makes them).
 */
void	explain_each(const struct conn *, void (*)(void *, uint32_t,
	    const char *, const char *, size_t), void *);
/* explain_text returns step "i"'s text (NUL-terminated copy not needed). */
const char *explain_text(const struct explain *, uint32_t, size_t *);
/* explain_step_has is true when step "i" points at event "ev". */
bool	explain_step_has(const struct explain *, uint32_t, uint32_t);

#endif /* TLSHAKE_VIEW_EXPLAIN_H */
