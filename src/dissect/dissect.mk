# dissect.mk: the TLS dissector (records, handshake messages, hellos,
# extensions) and its unit tests. Included from the top Makefile.am.

libtlshake_a_SOURCES += \
	src/dissect/tls.c src/dissect/tls.h \
	src/dissect/record.c src/dissect/record.h \
	src/dissect/resync.c src/dissect/resync.h \
	src/dissect/hs.c src/dissect/hs.h \
	src/dissect/hello.c src/dissect/hello.h \
	src/dissect/ext.c src/dissect/ext.h \
	src/dissect/dtls.c src/dissect/dtls.h \
	src/dissect/quic.c src/dissect/quic.h src/dissect/quicint.h \
	src/dissect/quicframe.c src/dissect/quictp.c \
	src/dissect/state.c src/dissect/state.h

check_PROGRAMS += tests/unit/test-record tests/unit/test-hs \
	tests/unit/test-ext tests/unit/test-dtls tests/unit/test-quic
TESTS += tests/unit/test-record tests/unit/test-hs tests/unit/test-ext \
	tests/unit/test-dtls tests/unit/test-quic
tests_unit_test_record_SOURCES = tests/unit/test-record.c tests/unit/tlsfix.c tests/unit/tlsfix.h \
	tests/unit/check.h
tests_unit_test_record_LDADD = libtlshake.a $(CRYPTO_LIBS)
tests_unit_test_hs_SOURCES = tests/unit/test-hs.c tests/unit/tlsfix.c tests/unit/tlsfix.h \
	tests/unit/check.h
tests_unit_test_hs_LDADD = libtlshake.a $(CRYPTO_LIBS)
tests_unit_test_ext_SOURCES = tests/unit/test-ext.c tests/unit/tlsfix.c tests/unit/tlsfix.h \
	tests/unit/check.h
tests_unit_test_ext_LDADD = libtlshake.a $(CRYPTO_LIBS)
tests_unit_test_dtls_SOURCES = tests/unit/test-dtls.c tests/unit/dtlsvec.c \
	tests/unit/dtlsvec.h tests/unit/tlsfix.c tests/unit/tlsfix.h \
	tests/unit/check.h
tests_unit_test_dtls_LDADD = $(LDADD_ALL)
tests_unit_test_quic_SOURCES = tests/unit/test-quic.c tests/unit/tlsfix.c \
	tests/unit/tlsfix.h tests/unit/check.h
tests_unit_test_quic_LDADD = $(LDADD_ALL)
