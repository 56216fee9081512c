/*
 * steps.h: the --explain steps of the selected connection in the TUI
 * ('e'): shown in the detail pane, one selected; the ladder highlights
 * the rows of the selected step's messages.
 */
#ifndef TLSHAKE_TUI_STEPS_H
#define TLSHAKE_TUI_STEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/conn.h"
#include "tui/lines.h"
#include "view/explain.h"

struct tui;

/*
 * tui_steps_build writes the steps of "x" into "l", wrapped to "width"
 * columns, step "sel" in the selected role, and returns the line on
 * which step "sel" starts.
 */
size_t	tui_steps_build(struct tui_lines *, const struct explain *, uint32_t,
	    int);
/* tui_steps_sync rebuilds ui->ex when the selected connection changed. */
void	tui_steps_sync(struct tui *);
/* tui_steps_toggle opens or closes the steps ('e'). */
void	tui_steps_toggle(struct tui *);
/* tui_steps_move selects the step "d" away, clamped. */
void	tui_steps_move(struct tui *, long);
/* tui_steps_marks is true when ladder event "ev" belongs to the
 * selected step (the steps being open). */
bool	tui_steps_marks(const struct tui *, const struct event *);
void	tui_steps_draw(struct tui *);
void	tui_steps_free(struct tui *);

#endif /* TLSHAKE_TUI_STEPS_H */
