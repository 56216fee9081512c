/*
 * diff.h: the "d" overlay: what the client offered against what the
 * server chose (suites in client order with the chosen one and its
 * position, versions, groups, ALPN), for each handshake. Pure.
 */
#ifndef TLSHAKE_TUI_DIFF_H
#define TLSHAKE_TUI_DIFF_H

#include "model/conn.h"
#include "tui/lines.h"

void	tui_diff_build(struct tui_lines *, const struct conn *, int);

#endif /* TLSHAKE_TUI_DIFF_H */
