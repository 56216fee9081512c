# ship.mk: tests of what tlshake is shipped with: ECS output, log files
# that logrotate rotates, the service, the package, the man page's
# examples.
TESTS += tests/ecs.sh
EXTRA_DIST += tests/ecs.sh tests/ecsfields.py
TESTS += tests/rotate.sh tests/systemd.sh
EXTRA_DIST += tests/rotate.sh tests/systemd.sh tests/netns.sh contrib/tlshake@.service \
	contrib/tlshake.logrotate contrib/tlshake.sysusers
TESTS += tests/report-charts.sh
EXTRA_DIST += tests/report-charts.sh tests/report-charts.py
TESTS += tests/examples.sh tests/debian.sh
EXTRA_DIST += tests/examples.sh tests/debian.sh
