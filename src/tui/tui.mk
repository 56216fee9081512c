# tui.mk: the ncurses interface (--tui) and its tests.
AM_CPPFLAGS += $(NCURSES_CFLAGS)

libtlshake_a_SOURCES += \
	src/tui/tui.c src/tui/tui.h \
	src/tui/state.c src/tui/state.h \
	src/tui/layout.c src/tui/layout.h \
	src/tui/theme.c src/tui/theme.h \
	src/tui/draw.c src/tui/draw.h \
	src/tui/lines.c src/tui/lines.h \
	src/tui/filter.c src/tui/filter.h \
	src/tui/index.c src/tui/index.h \
	src/tui/list.c src/tui/list.h \
	src/tui/ladder.c src/tui/ladder.h \
	src/tui/detail.c src/tui/detail.h \
	src/tui/diff.c src/tui/diff.h \
	src/tui/keys.c src/tui/keys.h \
	src/tui/steps.c src/tui/steps.h

check_PROGRAMS += tests/unit/test-tui
TESTS += tests/unit/test-tui tests/tui/tmux.sh
tests_unit_test_tui_SOURCES = tests/tui/test-tui.c tests/unit/check.h
tests_unit_test_tui_LDADD = $(LDADD_ALL)
EXTRA_DIST += tests/tui/tmux.sh tests/tui/mkhostile.py
