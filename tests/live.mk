# live.mk: live capture between real TLS peers in network namespaces
# (root only; skips with a message elsewhere).
TESTS += tests/live.sh tests/live-jobs.sh
EXTRA_DIST += tests/live.sh tests/live-jobs.sh
