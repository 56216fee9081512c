/*
 * list.h: the connection list pane, the title bar and the status bar.
 */
#ifndef TLSHAKE_TUI_LIST_H
#define TLSHAKE_TUI_LIST_H

struct tui;

void	tui_list_draw(struct tui *);
void	tui_title_draw(struct tui *);
void	tui_status_draw(struct tui *);

#endif /* TLSHAKE_TUI_LIST_H */
