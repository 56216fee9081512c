# ship.mk: tests of what tlshake is shipped with: ECS output, log files
# that logrotate rotates, the service, the package, the man page's
# examples.
TESTS += tests/ecs.sh
EXTRA_DIST += tests/ecs.sh tests/ecsfields.py
