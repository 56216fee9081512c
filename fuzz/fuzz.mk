# fuzz.mk: libFuzzer harnesses, one per parser entry point (STYLE.md 7).
# make check replays every corpus with any compiler (fuzz/replay.c);
# ./configure --enable-fuzzing (clang) builds the fuzzers and
# "make fuzz-smoke" runs each for FUZZ_SECONDS (default 60) with the TLS
# dictionary (tls.dict), seeded from the committed corpus, the project's
# pcaps/ and, when present, ../shared/pcaps/public. fuzz-keylog needs
# dissect/keylog.c (decrypt.mk) in libtlshake.a.
FUZZ_NAMES = decode reasm record hs ext cert pcap esc keylog dtls quic
FUZZ_SECONDS = 60

check_PROGRAMS += fuzz/replay-decode fuzz/replay-record fuzz/replay-hs \
	fuzz/replay-ext fuzz/replay-cert fuzz/replay-pcap fuzz/replay-reasm \
	fuzz/replay-esc fuzz/replay-keylog fuzz/replay-dtls fuzz/replay-quic
TESTS += fuzz/replay.sh
EXTRA_DIST += fuzz/replay.sh fuzz/corpus fuzz/tls.dict fuzz/dgscript.h
fuzz_replay_reasm_SOURCES = fuzz/replay.c fuzz/fuzz-reasm.c
fuzz_replay_reasm_LDADD = $(LDADD_ALL)
fuzz_replay_esc_SOURCES = fuzz/replay.c fuzz/fuzz-esc.c
fuzz_replay_esc_LDADD = $(LDADD_ALL)
fuzz_replay_keylog_SOURCES = fuzz/replay.c fuzz/fuzz-keylog.c
fuzz_replay_keylog_LDADD = $(LDADD_ALL)
fuzz_replay_dtls_SOURCES = fuzz/replay.c fuzz/fuzz-dtls.c
fuzz_replay_dtls_LDADD = $(LDADD_ALL)
fuzz_replay_quic_SOURCES = fuzz/replay.c fuzz/fuzz-quic.c
fuzz_replay_quic_LDADD = $(LDADD_ALL)
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
	fuzz/fuzz-ext fuzz/fuzz-cert fuzz/fuzz-pcap fuzz/fuzz-reasm \
	fuzz/fuzz-esc fuzz/fuzz-keylog fuzz/fuzz-dtls fuzz/fuzz-quic
fuzz_fuzz_quic_SOURCES = fuzz/fuzz-quic.c
fuzz_fuzz_quic_LDADD = $(LDADD_ALL)
fuzz_fuzz_quic_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_dtls_SOURCES = fuzz/fuzz-dtls.c
fuzz_fuzz_dtls_LDADD = $(LDADD_ALL)
fuzz_fuzz_dtls_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_keylog_SOURCES = fuzz/fuzz-keylog.c
fuzz_fuzz_keylog_LDADD = $(LDADD_ALL)
fuzz_fuzz_keylog_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_reasm_SOURCES = fuzz/fuzz-reasm.c
fuzz_fuzz_reasm_LDADD = $(LDADD_ALL)
fuzz_fuzz_reasm_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_esc_SOURCES = fuzz/fuzz-esc.c
fuzz_fuzz_esc_LDADD = $(LDADD_ALL)
fuzz_fuzz_esc_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
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

# Corpora live in the build tree: the committed inputs plus seeds made at
# run time by seed.sh (never committed). Logs and any crash, timeout or
# out-of-memory input go to fuzz-crash/; a failing harness fails the rule.
fuzz-smoke: $(noinst_PROGRAMS)
	@set -e; rm -rf fuzz-crash; mkdir -p fuzz-crash; \
	for n in $(FUZZ_NAMES); do \
	    mkdir -p fuzz-corpus/$$n; \
	    cp -r $(srcdir)/fuzz/corpus/$$n/. fuzz-corpus/$$n/ 2>/dev/null || :; \
	    sh $(srcdir)/fuzz/seed.sh $$n fuzz-corpus/$$n "$(SHARED_DIR)"; \
	    echo "== fuzz-$$n for $(FUZZ_SECONDS) s"; \
	    st=0; ./fuzz/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) \
	        -max_len=262144 -rss_limit_mb=2048 -timeout=25 \
	        -print_final_stats=1 -dict=$(srcdir)/fuzz/tls.dict \
	        -artifact_prefix=fuzz-crash/$$n- fuzz-corpus/$$n \
	        > fuzz-crash/$$n.log 2>&1 || st=$$?; \
	    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+.*DONE|SUMMARY|ERROR)' \
	        fuzz-crash/$$n.log || :; \
	    if [ $$st -ne 0 ]; then tail -n 40 fuzz-crash/$$n.log; \
	        echo "fuzz-$$n failed (status $$st):" fuzz-crash/$$n-*; \
	        exit 1; fi; \
	done; echo "fuzz-smoke: $(FUZZ_NAMES): no crash"
else
fuzz-smoke:
	@echo "fuzz-smoke needs ./configure --enable-fuzzing (clang)"; exit 1
endif
.PHONY: fuzz-smoke
EXTRA_DIST += fuzz/seed.sh fuzz/seed.py
