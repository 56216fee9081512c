# cert.mk: X.509 certificates (cert.c), libcrypto hash wrappers (crypto.c)
# and TLS fingerprints (fp.c), with their unit tests. Included from the
# top Makefile.am. The libFuzzer harness fuzz/fuzz-cert.c is built by the
# fuzzing rules (./configure --enable-fuzzing).

libtlshake_a_SOURCES += \
	src/dissect/cert.c src/dissect/cert.h \
	src/dissect/crypto.c src/dissect/crypto.h \
	src/dissect/fp.c src/dissect/fp.h

check_PROGRAMS += tests/unit/test-cert tests/unit/test-fp
TESTS += tests/unit/test-cert tests/unit/test-fp
tests_unit_test_cert_SOURCES = tests/unit/test-cert.c tests/unit/check.h
tests_unit_test_cert_LDADD = libtlshake.a $(CRYPTO_LIBS)
tests_unit_test_fp_SOURCES = tests/unit/test-fp.c tests/unit/check.h
tests_unit_test_fp_LDADD = libtlshake.a $(CRYPTO_LIBS)
