/*
 * index.h: the list's index of connection pointers, filtered and sorted.
 * Finished connections (the store) are filtered once, when they arrive,
 * and kept sorted; open ones (live) are enumerated again after each read.
 * The visible list is the merge of the two, rebuilt only when something
 * changed, so drawing 100,000 connections touches only the visible rows.
 */
#ifndef TLSHAKE_TUI_INDEX_H
#define TLSHAKE_TUI_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/conn.h"
#include "model/store.h"
#include "tui/filter.h"

enum tui_sort {
	TUI_SORT_INDEX, TUI_SORT_START, TUI_SORT_HSTIME, TUI_SORT_SNI,
	TUI_SORT_STATUS, TUI_SORT_N
};

struct tui_counts {
	uint64_t	 total, complete, failed, incomplete, notls, open;
};

struct tui_index {
	const struct conn **fin;	/* finished, passing the filter */
	size_t		  n_fin, cap_fin;
	const struct conn **open;	/* open, passing the filter */
	size_t		  n_open, cap_open;
	const struct conn **vis;	/* the merge: what the list shows */
	size_t		  n_vis, cap_vis;
	size_t		  store_seen;	/* store entries looked at */
	uint64_t	  store_dropped;
	struct tui_counts fin_counts, open_counts, counts;
	enum tui_sort	  sort;
	const struct tui_filter *filter;
	bool		  changed;
};

void	 tui_index_init(struct tui_index *, const struct tui_filter *);
void	 tui_index_cleanup(struct tui_index *);
/*
 * tui_index_sync takes in new store entries (all of them again when the
 * store dropped some or "full" is set) and sets "changed" when the
 * finished part moved. Pointers from the store stay valid until the store
 * drops them, which the next sync notices.
 */
void	 tui_index_sync(struct tui_index *, const struct store *, bool);
/* tui_index_open_begin/add/end replace the open connections. */
void	 tui_index_open_begin(struct tui_index *);
void	 tui_index_open_add(struct tui_index *, const struct conn *);
void	 tui_index_open_end(struct tui_index *);
/* tui_index_merge rebuilds "vis" when something changed; true if so. */
bool	 tui_index_merge(struct tui_index *);
/* tui_index_find returns the position of connection "id" in vis, or -1. */
long	 tui_index_find(const struct tui_index *, uint64_t);
/* tui_sort_name names a sort order for the title bar. */
const char *tui_sort_name(enum tui_sort);
/* tui_index_cmp compares two connections in sort order "s" (for tests). */
int	 tui_index_cmp(enum tui_sort, const struct conn *,
	    const struct conn *);

#endif /* TLSHAKE_TUI_INDEX_H */
