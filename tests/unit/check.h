/*
 * check.h: the unit tests' tiny harness. CHECK records a failure with its
 * line and goes on; GROUP_END prints one "ok"/"FAIL" line per group;
 * CHECK_EXIT is main's return value.
 */
#ifndef TLSHAKE_TESTS_CHECK_H
#define TLSHAKE_TESTS_CHECK_H

#include <stdio.h>

static int check_fails, check_group_fails;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
		check_fails++;						\
		check_group_fails++;					\
	}								\
} while (0)

#define GROUP_END(name) do {						\
	printf("%s %s\n", check_group_fails ? "FAIL" : "ok", (name));	\
	check_group_fails = 0;						\
} while (0)

#define CHECK_EXIT() (check_fails ? 1 : 0)

#endif /* TLSHAKE_TESTS_CHECK_H */
