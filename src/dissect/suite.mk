# suite.mk: the cipher-suite and name registries (src/dissect/suite.c).
# Included from the top Makefile.am; tables.c is generated from the TSV
# files by gentab.awk at build time and never committed.

SUITE_TSV = \
	$(srcdir)/src/dissect/data/suites.tsv \
	$(srcdir)/src/dissect/data/sslv2.tsv \
	$(srcdir)/src/dissect/data/groups.tsv \
	$(srcdir)/src/dissect/data/sigalgs.tsv \
	$(srcdir)/src/dissect/data/extensions.tsv \
	$(srcdir)/src/dissect/data/alerts.tsv \
	$(srcdir)/src/dissect/data/handshake.tsv

libtlshake_a_SOURCES += src/dissect/suite.c src/dissect/suite.h
nodist_libtlshake_a_SOURCES += src/dissect/tables.c
BUILT_SOURCES += src/dissect/tables.c
CLEANFILES += src/dissect/tables.c src/dissect/tables.c.tmp
EXTRA_DIST += \
	src/dissect/gentab.awk \
	src/dissect/data/README \
	src/dissect/data/derive.sh \
	src/dissect/data/suites.tsv \
	src/dissect/data/sslv2.tsv \
	src/dissect/data/groups.tsv \
	src/dissect/data/sigalgs.tsv \
	src/dissect/data/extensions.tsv \
	src/dissect/data/alerts.tsv \
	src/dissect/data/handshake.tsv

# suite.h comes first: gentab.awk reads the enum tokens from it.
src/dissect/tables.c: $(srcdir)/src/dissect/gentab.awk \
    $(srcdir)/src/dissect/suite.h $(SUITE_TSV)
	@$(MKDIR_P) src/dissect
	$(AM_V_GEN)$(AWK) -f $(srcdir)/src/dissect/gentab.awk \
	    $(srcdir)/src/dissect/suite.h $(SUITE_TSV) > $@.tmp && \
	    mv $@.tmp $@

check_PROGRAMS += tests/unit/test-suite
TESTS += tests/unit/test-suite
tests_unit_test_suite_SOURCES = tests/unit/test-suite.c
tests_unit_test_suite_LDADD = libtlshake.a
