/*
 * test-view.c: the pure parts of --diff and --report: Mozilla profiles
 * (SPEC.md, guidelines 5.7), strength reasons (testssl.sh categories),
 * deprecated versions (RFC 8996), the chosen suite's position, the
 * bounded tally tables and the colour roles.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "dissect/suite.h"
#include "model/conn.h"
#include "common/buf.h"
#include "view/agg.h"
#include "view/diff.h"
#include "view/json.h"
#include "view/role.h"
#include "view/tally.h"
#include "view/text.h"

#include "check.h"

static void
test_profiles(void)
{
	/* modern: TLS 1.3 with its three suites only */
	CHECK(policy_profile_of(0x0304, 0x1301) == PROF_MODERN);
	CHECK(policy_profile_of(0x0304, 0x1303) == PROF_MODERN);
	CHECK(policy_profile_of(0x0304, 0x1304) == PROF_NONE);	/* CCM */
	/* intermediate: ECDHE-ECDSA/RSA, DHE-RSA with GCM or ChaCha20 */
	CHECK(policy_profile_of(0x0303, 0xc02f) == PROF_INTERMEDIATE);
	CHECK(policy_profile_of(0x0303, 0xcca9) == PROF_INTERMEDIATE);
	CHECK(policy_profile_of(0x0303, 0x009e) == PROF_INTERMEDIATE);
	/* ... but TLS 1.0 with the same suite is old */
	CHECK(policy_profile_of(0x0301, 0xc013) == PROF_OLD);
	/* old: ECDHE CBC, static RSA GCM/CBC, 3DES */
	CHECK(policy_profile_of(0x0303, 0xc013) == PROF_OLD);
	CHECK(policy_profile_of(0x0303, 0x009c) == PROF_OLD);
	CHECK(policy_profile_of(0x0303, 0x002f) == PROF_OLD);
	CHECK(policy_profile_of(0x0303, 0x000a) == PROF_OLD);
	/* none: RC4, DHE-DSS, SSLv3 */
	CHECK(policy_profile_of(0x0303, 0x0005) == PROF_NONE);
	CHECK(policy_profile_of(0x0303, 0x00a2) == PROF_NONE);
	CHECK(policy_profile_of(0x0300, 0x002f) == PROF_NONE);
	CHECK(strcmp(policy_profile_name(PROF_INTERMEDIATE), "intermediate") ==
	    0);
	GROUP_END("diff: Mozilla profiles");
}

static void
test_reasons(void)
{
	char buf[96];

	CHECK(strcmp(policy_reasons(suite_find(0x000a), buf, sizeof(buf)),
	    "3DES") == 0);
	CHECK(strcmp(policy_reasons(suite_find(0x0004), buf, sizeof(buf)),
	    "RC4, MD5") == 0);
	CHECK(strcmp(policy_reasons(suite_find(0x0035), buf, sizeof(buf)),
	    "no FS, CBC") == 0);
	CHECK(strcmp(policy_reasons(suite_find(0xc013), buf, sizeof(buf)),
	    "CBC") == 0);
	CHECK(strcmp(policy_reasons(suite_find(0x009c), buf, sizeof(buf)),
	    "no FS") == 0);
	CHECK(strcmp(policy_reasons(suite_find(0x0018), buf, sizeof(buf)),
	    "anonymous, RC4, MD5") == 0);
	CHECK(*policy_reasons(suite_find(0x1301), buf, sizeof(buf)) == '\0');
	CHECK(*policy_reasons(NULL, buf, sizeof(buf)) == '\0');
	/* A short buffer is cut, never overrun. */
	CHECK(strlen(policy_reasons(suite_find(0x0018), buf, 5)) == 4);
	CHECK(policy_strength(0x0a0a) == STRENGTH_UNKNOWN);
	CHECK(policy_deprecated(0x0301) && policy_deprecated(0x0300) &&
	    policy_deprecated(0x0002) && !policy_deprecated(0x0303));
	GROUP_END("diff: reasons, strength, deprecated versions");
}

static void
test_position(void)
{
	static const uint16_t offer[] = { 0x2a2a, 0x1301, 0xc02f, 0x00ff };
	struct conn *c = conn_new(1);
	struct tls_hs *hs = conn_hs(c, 0);
	uint32_t i;

	CHECK(conn_u16list(c, &hs->suites_offered, 4));
	for (i = 0; i < 4; i++)
		hs->suites_offered.v[hs->suites_offered.n++] = offer[i];
	hs->flags = HSF_HAS_CH;
	CHECK(policy_position(hs) == 0);		/* nothing chosen */
	hs->flags |= HSF_HAS_SUITE;
	hs->suite = 0xc02f;
	CHECK(policy_position(hs) == 3);		/* GREASE counted */
	hs->suite = 0x009c;
	CHECK(policy_position(hs) == 0);		/* not offered */
	hs->client_version = 0x0303;
	CHECK(policy_highest(hs) == 0x0303);
	CHECK(conn_u16list(c, &hs->versions_offered, 3));
	hs->versions_offered.v[0] = 0x3a3a;
	hs->versions_offered.v[1] = 0x0304;
	hs->versions_offered.v[2] = 0x0303;
	hs->versions_offered.n = 3;
	CHECK(policy_highest(hs) == 0x0304);
	conn_free(c);
	GROUP_END("diff: position in the client's list, highest version");
}

static void
test_tally(void)
{
	struct tally t;
	struct tally_ent *e, **v;
	bool created;
	char key[16];
	int i;

	tally_init(&t, 100, NULL);
	for (i = 0; i < 300; i++) {
		snprintf(key, sizeof(key), "k%d", i % 150);
		e = tally_get(&t, key, strlen(key), &created);
		if (i < 100)
			CHECK(e != NULL && created);
		else if (i % 150 < 100)
			CHECK(e != NULL && !created);
		else
			CHECK(e == NULL);
		if (e != NULL)
			e->n += (uint64_t)(i % 150 == 7 ? 10 : 1);
	}
	CHECK(t.n == 100 && t.dropped == 100);
	v = tally_sorted(&t);
	CHECK(v[0] != NULL && strcmp((char *)v[0]->key, "k7") == 0 &&
	    v[0]->n == 20);
	CHECK(v[1] != NULL && strcmp((char *)v[1]->key, "k0") == 0);
	CHECK(v[100] == NULL);
	free(v);
	/* Keys are bytes: NUL inside and a prefix are different keys. */
	e = tally_get(&t, "a\0b", 3, &created);
	CHECK(e == NULL);		/* full */
	tally_cleanup(&t);
	tally_init(&t, 4, NULL);
	CHECK(tally_get(&t, "a\0b", 3, &created) != NULL && created);
	CHECK(tally_get(&t, "a", 1, &created) != NULL && created);
	CHECK(tally_get(&t, "a\0b", 3, &created) != NULL && !created);
	tally_cleanup(&t);
	GROUP_END("tally: bounded, counted, sorted");
}

/*
 * A version of 0 read from the wire (client_version, supported_versions)
 * is shown as "0x0000": fuzz-pcap found the text view passing the NULL
 * that label_version returns for 0 to strlen.
 */
static void
test_version_zero(void)
{
	struct text_opts to = { false, false, false, false, 1, false, false };
	struct conn *c = conn_new(1);
	struct tls_hs *hs = conn_hs(c, 0);
	struct event *e;
	struct buf b;

	hs->flags = HSF_HAS_CH;
	hs->client_version = 0;
	CHECK(conn_u16list(c, &hs->versions_offered, 2));
	hs->versions_offered.v[0] = 0x0000;
	hs->versions_offered.v[1] = 0x0304;
	hs->versions_offered.n = 2;
	e = conn_add_event(c, DIR_C2S, EV_HANDSHAKE, 1000, 1, 100);
	CHECK(e != NULL);
	if (e != NULL)
		e->sub = 1;
	buf_init(&b);
	text_emit_conn(&b, c, &to);
	CHECK(strstr(buf_str(&b), "0x0000") != NULL);
	buf_reset(&b);
	json_emit_conn(&b, c);
	CHECK(strstr(buf_str(&b), "\"versions_offered\":[\"0x0000\",") !=
	    NULL || strstr(buf_str(&b), "\"versions_offered\": [\"0x0000\", ")
	    != NULL);
	buf_cleanup(&b);
	conn_free(c);
	GROUP_END("views: a version of 0 from the wire is named 0x0000");
}

/* sgr: role_sgr_on's sequence for "r" in "m", as a C string. */
static const char *
sgr(struct buf *b, enum role r, enum role_mode m)
{
	buf_reset(b);
	role_sgr_on(b, r, m);
	return buf_str(b);
}

/*
 * The roles in SGR (ECMA-48 8.3.117; 38;5;N is xterm's 256-colour form):
 * SPEC.md's blue TCP, yellow TLS, red alerts, dim encrypted records.
 */
static void
test_roles(void)
{
	struct event e;
	struct buf b;

	buf_init(&b);
	CHECK(strcmp(sgr(&b, ROLE_TCP, ROLE_256), "\033[38;5;33m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_TCP, ROLE_8), "\033[34m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_TLS, ROLE_256), "\033[38;5;226m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_TLS, ROLE_8), "\033[93m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_BAD, ROLE_256), "\033[1;38;5;196m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_BAD, ROLE_8), "\033[1;31m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_DIM, ROLE_8), "\033[2m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_CHOSEN, ROLE_256), "\033[1;7m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_WEAK, ROLE_256), "\033[38;5;208m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_WEAK, ROLE_8), "\033[35m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_BAD, ROLE_MONO), "\033[1;4m") == 0);
	CHECK(strcmp(sgr(&b, ROLE_NORMAL, ROLE_256), "") == 0);
	buf_reset(&b);
	role_sgr_off(&b, ROLE_NORMAL, ROLE_8);
	CHECK(b.len == 0);
	role_sgr_off(&b, ROLE_TCP, ROLE_8);
	CHECK(strcmp(buf_str(&b), "\033[0m") == 0);
	buf_cleanup(&b);
	CHECK(role_strength(STRENGTH_WEAK) == ROLE_WEAK);
	CHECK(role_strength(STRENGTH_UNKNOWN) == ROLE_NORMAL);
	CHECK(strcmp(role_css(ROLE_TCP), "#0087ff") == 0);
	CHECK(strcmp(role_css(ROLE_HEAD), "") == 0);
	memset(&e, 0, sizeof(e));
	e.type = EV_SYN;
	CHECK(role_event(&e) == ROLE_TCP);
	e.type = EV_RST;
	CHECK(role_event(&e) == ROLE_BAD);
	e.type = EV_APPDATA;
	CHECK(role_event(&e) == ROLE_DIM);
	e.type = EV_HANDSHAKE;
	CHECK(role_event(&e) == ROLE_TLS);
	e.flags = EVF_BAD;
	CHECK(role_event(&e) == ROLE_BAD);
	GROUP_END("views: colour roles in SGR and CSS");
}

int
main(void)
{
	test_profiles();
	test_reasons();
	test_position();
	test_tally();
	test_version_zero();
	test_roles();
	return CHECK_EXIT();
}
