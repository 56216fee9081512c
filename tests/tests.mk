# tests.mk: unit tests of the common and capture code, golden and
# end-to-end tests. Tests run with TZ=UTC LC_ALL=C and find the build and
# source trees in the environment.
AM_TESTS_ENVIRONMENT = \
	TZ=UTC LC_ALL=C; export TZ LC_ALL; \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	export top_srcdir top_builddir; \
	TLSHAKE='$(abs_top_builddir)/src/tlshake'; export TLSHAKE; \
	TSHARK='$(TSHARK)'; export TSHARK;
# Every test runs under tests/reap, which fails it if a process it started
# is still running when it ends (and kills that process).
LOG_COMPILER = $(SHELL) $(abs_top_srcdir)/tests/reap

check_PROGRAMS += tests/unit/test-common tests/unit/test-reasm tests/unit/test-endrun \
	tests/unit/test-udpflow \
	tests/reasm-streams
TESTS += tests/unit/test-common tests/unit/test-reasm tests/unit/test-endrun \
	tests/unit/test-udpflow
tests_unit_test_endrun_SOURCES = tests/unit/test-endrun.c tests/unit/check.h \
	src/endrun.c src/endrun.h
tests_unit_test_common_SOURCES = tests/unit/test-common.c tests/unit/check.h
tests_unit_test_common_LDADD = $(LDADD_ALL)
tests_unit_test_reasm_SOURCES = tests/unit/test-reasm.c tests/unit/check.h
tests_unit_test_reasm_LDADD = $(LDADD_ALL)
tests_unit_test_udpflow_SOURCES = tests/unit/test-udpflow.c tests/unit/check.h
tests_unit_test_udpflow_LDADD = $(LDADD_ALL)
tests_reasm_streams_SOURCES = tests/reasm-streams.c
tests_reasm_streams_LDADD = $(LDADD_ALL)

TESTS += tests/check-deps.sh tests/check-deps-fail.sh tests/reap-check.sh tests/exit-status.sh tests/golden.sh tests/conformance-pcaps.sh \
	tests/conformance-public.sh tests/tcp-events.sh tests/reasm-oracle.sh \
	tests/tunnels.sh tests/udp-conformance.sh tests/resync.sh \
	tests/ja4-quic.sh tests/ssl2.sh tests/flight13.sh tests/parallel.sh
EXTRA_DIST += tests/parallel.sh
EXTRA_DIST += tests/check-deps.sh tests/check-deps-fail.sh tests/lib.sh tests/reap tests/reap-check.sh tests/exit-status.sh tests/golden.sh \
	tests/conformance-pcaps.sh tests/conformance-public.sh \
	tests/tcp-events.sh tests/reasm-oracle.sh tests/conformance.py \
	tests/tunnels.sh tests/mktunnels.py \
	$(wildcard $(srcdir)/tests/tunnels/*.jsonl) \
	tests/udp-conformance.sh tests/udp-conformance.py \
	tests/resync.sh tests/mkresync.py tests/cutpcap.py tests/ssl2.sh \
	tests/flight13.sh tests/flight13.py \
	$(wildcard $(srcdir)/tests/resync/*.jsonl) \
	tests/ja4-quic.sh tests/ja4-quic.py \
	tests/tcp-events.py tests/known-differences.txt tests/golden/LIST \
	tests/golden/update $(wildcard $(srcdir)/tests/golden/*.out) \
	$(wildcard $(srcdir)/pcaps/*.pcap $(srcdir)/pcaps/*.keys \
	$(srcdir)/pcaps/*.jsonl $(srcdir)/pcaps/*.txt \
	$(srcdir)/pcaps/certs/*.pem) pcaps/README pcaps/MANIFEST.tsv \
	$(wildcard $(srcdir)/pcaps/udp/*.pcap $(srcdir)/pcaps/udp/*.keys \
	$(srcdir)/pcaps/udp/*.jsonl $(srcdir)/pcaps/udp/*.txt \
	$(srcdir)/pcaps/udp/certs/*.pem) pcaps/udp/README pcaps/udp/MANIFEST.tsv \
	pcaps/make-pcaps.sh pcaps/make-udp-pcaps.sh README.md .ci/run
# The pcap library of the Python writers (tests/, tests/tui/,
# tests/adversarial/) and of fuzz/seed.py, and its test.
TESTS += tests/pcapgen.sh
EXTRA_DIST += tests/lib/pcapgen.py tests/pcapgen.sh
