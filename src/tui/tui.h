/*
 * tui.h: the ncurses interface (--tui). It reads the connection model
 * only: finished connections from a store, open ones (live) through a
 * callback. It never sees packet bytes and never changes the model.
 */
#ifndef TLSHAKE_TUI_TUI_H
#define TLSHAKE_TUI_TUI_H

#include <stdbool.h>
#include <stdint.h>

#include "model/conn.h"
#include "model/store.h"

enum tui_color { TUI_COLOR_AUTO, TUI_COLOR_ALWAYS, TUI_COLOR_NEVER };

struct tui_opts {
	const char	*source;	/* file or interface, for the title */
	bool		 live;
	enum tui_color	 color;
};

typedef void	(*tui_conn_fn)(void *, const struct conn *);

struct tui_source {
	struct store	*store;		/* finished connections */
	/*
	 * pump reads what input is there now and returns false once the
	 * input has ended (a file read to its end). For a file it reads a
	 * batch and returns, so the interface stays responsive; for a live
	 * capture "fd" is the descriptor to poll before calling it.
	 */
	bool		(*pump)(void *);
	int		 fd;		/* -1 for a file */
	/* foreach_open calls "fn" for each connection still open. */
	void		(*foreach_open)(void *, tui_conn_fn, void *);
	/* counts: packets read, packets dropped (live), progress 0..100
	 * of a file (-1 unknown) */
	void		(*counts)(void *, uint64_t *, uint64_t *, int *);
	void		*arg;
};

/*
 * tui_run runs the interface until the user quits and returns the exit
 * status (0). The terminal is restored on every exit path, signals
 * included. It returns 1 with a message on stderr when the terminal
 * cannot be used.
 */
int	tui_run(const struct tui_opts *, struct tui_source *);

#endif /* TLSHAKE_TUI_TUI_H */
