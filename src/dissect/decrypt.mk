# decrypt.mk: decryption with key logs (keylog.c, decrypt.c; the key
# schedules and record ciphers live in crypto.c) and certificate chain
# checks (cert.c), with their tests. Included from the top Makefile.am.

libtlshake_a_SOURCES += \
	src/dissect/keylog.c src/dissect/keylog.h \
	src/dissect/decrypt.c src/dissect/decrypt.h \
	src/dissect/keys.c src/dissect/keys.h

check_PROGRAMS += tests/unit/test-crypto tests/unit/test-keylog \
	tests/unit/test-chain
TESTS += tests/unit/test-crypto tests/unit/test-keylog
tests_unit_test_crypto_SOURCES = tests/unit/test-crypto.c tests/unit/check.h
tests_unit_test_crypto_LDADD = libtlshake.a $(CRYPTO_LIBS)
tests_unit_test_keylog_SOURCES = tests/unit/test-keylog.c tests/unit/check.h
tests_unit_test_keylog_LDADD = libtlshake.a $(CRYPTO_LIBS)
tests_unit_test_chain_SOURCES = tests/unit/test-chain.c
tests_unit_test_chain_LDADD = libtlshake.a $(CRYPTO_LIBS)

TESTS += tests/decrypt-public.sh tests/decrypt-legacy.sh tests/null-cipher.sh \
	tests/e2e/decrypt-pcaps.sh \
	tests/e2e/keylog-bad.sh tests/e2e/chain.sh tests/e2e/live-decrypt.sh
EXTRA_DIST += tests/decrypt-public.sh tests/decrypt-legacy.sh tests/null-cipher.sh \
	tests/e2e/decrypt-pcaps.sh \
	tests/e2e/keylog-bad.sh tests/e2e/chain.sh tests/e2e/live-decrypt.sh
