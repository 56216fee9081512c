# decode.mk: link, IP and TCP decoding (src/capture/decode.c and friends).
libtlshake_a_SOURCES += src/capture/decode.c src/capture/decode.h \
	src/capture/frag.c src/capture/frag.h \
	src/capture/tunnel.c src/capture/tunnel.h
check_PROGRAMS += tests/unit/test-decode
TESTS += tests/unit/test-decode
tests_unit_test_decode_SOURCES = tests/unit/test-decode.c
tests_unit_test_decode_LDADD = libtlshake.a
