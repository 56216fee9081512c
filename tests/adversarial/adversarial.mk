# adversarial.mk: hostile captures made at test time by mkpcap.py and run
# through tlshake (exit status, anomaly codes, peak memory, clean output).
TESTS += tests/adversarial.sh
EXTRA_DIST += tests/adversarial.sh tests/adversarial/mkpcap.py \
	tests/adversarial/check.py bench/adversarial.sh
