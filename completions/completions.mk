# completions.mk: bash and zsh completions, and their test.
dist_bashcompletion_DATA = completions/tlshake
dist_zshcompletion_DATA = completions/_tlshake

TESTS += tests/completion.sh
EXTRA_DIST += tests/completion.sh
