/*
 * filter.h: the TUI's connection filter (SPEC.md, "The TUI"). Words match
 * the SNI, the addresses, the chosen suite and the version by substring;
 * key=value matches exactly and key~substring by substring, for sni,
 * client, server, port, version, suite, status, alert, ja3, ja4. A "!"
 * before a term negates it. Terms are ANDed; case is ignored. Pure.
 */
#ifndef TLSHAKE_TUI_FILTER_H
#define TLSHAKE_TUI_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "model/conn.h"

enum tui_fkey {
	FK_WORD, FK_SNI, FK_CLIENT, FK_SERVER, FK_PORT, FK_VERSION, FK_SUITE,
	FK_STATUS, FK_ALERT, FK_JA3, FK_JA4, FK_TRANSPORT
};

struct tui_fterm {
	enum tui_fkey	 key;
	bool		 exact;		/* "=", else substring */
	bool		 negate;
	char		*val;		/* lower case */
	size_t		 len;
};

#define TUI_FILTER_MAX	16

struct tui_filter {
	struct tui_fterm t[TUI_FILTER_MAX];
	size_t		 n;
	char		 text[256];	/* as typed, for the title bar */
};

/*
 * tui_filter_parse parses "s" into "f" (an empty string: no filter). On
 * an error it writes a message into "err" and returns false; "f" is then
 * empty. Free with tui_filter_cleanup.
 */
bool	tui_filter_parse(struct tui_filter *, const char *, char *, size_t);
void	tui_filter_cleanup(struct tui_filter *);
/* tui_filter_match is true when "c" passes every term. */
bool	tui_filter_match(const struct tui_filter *, const struct conn *);
/* The keys, for messages and the help screen. */
extern const char tui_filter_keys[];

#endif /* TLSHAKE_TUI_FILTER_H */
