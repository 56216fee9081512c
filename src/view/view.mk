# view.mk: --diff and --report (src/view), and their tests.
libtlshake_a_SOURCES += \
	src/view/tally.c src/view/tally.h \
	src/view/role.c src/view/role.h \
	src/view/policy.c src/view/policy.h \
	src/view/diff.c src/view/diff.h \
	src/view/agg.c src/view/agg.h \
	src/view/report.c src/view/report.h src/view/repdata.h \
	src/view/repdata.c src/view/reptext.c src/view/repjson.c \
	src/view/html.c src/view/charts.c \
	src/view/ecs.c src/view/ecs.h

check_PROGRAMS += tests/unit/test-view
TESTS += tests/unit/test-view
tests_unit_test_view_SOURCES = tests/unit/test-view.c tests/unit/check.h
tests_unit_test_view_LDADD = $(LDADD_ALL)

TESTS += tests/fingerprints.sh tests/diff.sh tests/man-keys.sh tests/explain.sh \
	tests/hostile.sh tests/report-html.sh
EXTRA_DIST += tests/fingerprints.sh tests/fingerprints.py \
	tests/explain.sh tests/explain.py tests/mkexplain.py \
	tests/known-fp-differences.txt tests/diff.sh tests/diffpeers.py \
	tests/man-keys.sh tests/jsonkeys.py tests/hostile.sh \
	tests/mkhostile.py tests/report-html.sh
