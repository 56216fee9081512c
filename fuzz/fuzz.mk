# fuzz.mk: libFuzzer harnesses, one per parser entry point (STYLE.md 7).
# make check replays every corpus with any compiler (fuzz/replay.c);
# ./configure --enable-fuzzing (clang) builds the fuzzers and
# "make fuzz-smoke" runs each for FUZZ_SECONDS (default 60), seeded from
# the committed corpus and, when present, ../shared/pcaps/public.
FUZZ_NAMES = decode record hs ext cert pcap
FUZZ_SECONDS = 60

check_PROGRAMS += fuzz/replay-decode fuzz/replay-record fuzz/replay-hs \
	fuzz/replay-ext fuzz/replay-cert fuzz/replay-pcap
TESTS += fuzz/replay.sh
EXTRA_DIST += fuzz/replay.sh fuzz/corpus
fuzz_replay_decode_SOURCES = fuzz/replay.c fuzz/fuzz-decode.c
fuzz_replay_decode_LDADD = $(LDADD_ALL)
fuzz_replay_record_SOURCES = fuzz/replay.c fuzz/fuzz-record.c
fuzz_replay_record_LDADD = $(LDADD_ALL)
fuzz_replay_hs_SOURCES = fuzz/replay.c fuzz/fuzz-hs.c
fuzz_replay_hs_LDADD = $(LDADD_ALL)
fuzz_replay_ext_SOURCES = fuzz/replay.c fuzz/fuzz-ext.c
fuzz_replay_ext_LDADD = $(LDADD_ALL)
fuzz_replay_cert_SOURCES = fuzz/replay.c fuzz/fuzz-cert.c
fuzz_replay_cert_LDADD = $(LDADD_ALL)
fuzz_replay_pcap_SOURCES = fuzz/replay.c fuzz/fuzz-pcap.c
fuzz_replay_pcap_LDADD = $(LDADD_ALL)

if FUZZING
noinst_PROGRAMS = fuzz/fuzz-decode fuzz/fuzz-record fuzz/fuzz-hs \
	fuzz/fuzz-ext fuzz/fuzz-cert fuzz/fuzz-pcap
fuzz_fuzz_decode_SOURCES = fuzz/fuzz-decode.c
fuzz_fuzz_decode_LDADD = $(LDADD_ALL)
fuzz_fuzz_decode_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_record_SOURCES = fuzz/fuzz-record.c
fuzz_fuzz_record_LDADD = $(LDADD_ALL)
fuzz_fuzz_record_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_hs_SOURCES = fuzz/fuzz-hs.c
fuzz_fuzz_hs_LDADD = $(LDADD_ALL)
fuzz_fuzz_hs_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_ext_SOURCES = fuzz/fuzz-ext.c
fuzz_fuzz_ext_LDADD = $(LDADD_ALL)
fuzz_fuzz_ext_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_cert_SOURCES = fuzz/fuzz-cert.c
fuzz_fuzz_cert_LDADD = $(LDADD_ALL)
fuzz_fuzz_cert_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_pcap_SOURCES = fuzz/fuzz-pcap.c
fuzz_fuzz_pcap_LDADD = $(LDADD_ALL)
fuzz_fuzz_pcap_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer

# Corpora live in the build tree: the committed inputs plus seeds made
# from ../shared at run time (never committed).
fuzz-smoke: $(noinst_PROGRAMS)
	@set -e; for n in $(FUZZ_NAMES); do \
	    mkdir -p fuzz-corpus/$$n; \
	    cp -r $(srcdir)/fuzz/corpus/$$n/. fuzz-corpus/$$n/ 2>/dev/null || :; \
	    sh $(srcdir)/fuzz/seed.sh $$n fuzz-corpus/$$n "$(SHARED_DIR)"; \
	    echo "== fuzz-$$n for $(FUZZ_SECONDS) s"; \
	    ./fuzz/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) -max_len=262144 \
	        -rss_limit_mb=2048 -print_final_stats=1 fuzz-corpus/$$n \
	        2>&1 | grep -E '^(stat::|#[0-9]+.*DONE|==|SUMMARY|ERROR)' || :; \
	    test ! -e crash-* || { echo "crash found"; exit 1; }; \
	done
else
fuzz-smoke:
	@echo "fuzz-smoke needs ./configure --enable-fuzzing (clang)"; exit 1
endif
.PHONY: fuzz-smoke
EXTRA_DIST += fuzz/seed.sh
