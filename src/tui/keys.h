/*
 * keys.h: the key table. One table { key, "name", handler, "help" } gives
 * the bindings, the help screen ("?") and the man page's list. An entry
 * whose name is NULL is another key for the entry above it.
 */
#ifndef TLSHAKE_TUI_KEYS_H
#define TLSHAKE_TUI_KEYS_H

#include <stdbool.h>

#include "tui/lines.h"

struct tui;

struct tui_key {
	int		 key;
	const char	*name;
	void		(*fn)(struct tui *, int);
	const char	*help;
};

extern const struct tui_key tui_keys[];

/* tui_key_dispatch runs the handler of "key"; false when unbound. */
bool	tui_key_dispatch(struct tui *, int);
/* tui_help_build writes the help screen from the table. */
void	tui_help_build(struct tui_lines *);
/* tui_prompt_key edits the filter prompt (the "/" line). */
void	tui_prompt_key(struct tui *, int);

#endif /* TLSHAKE_TUI_KEYS_H */
