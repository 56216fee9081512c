/*
 * test-endrun.c: the end-of-run line's words and counts (tlshake(1),
 * "End of run"), including the thousands separators and the cases that
 * must say nothing.
 */
#include <string.h>

#include "check.h"
#include "endrun.h"

static char buf[2048];

static const char *
say(const struct endrun *e)
{
	endrun_lines(e, buf, sizeof(buf));
	return buf;
}

static void
test_nothing(void)
{
	struct endrun e;

	memset(&e, 0, sizeof(e));
	e.source = "x.pcap";
	e.packets = 1204;
	e.tcp = 1190;
	e.conns = 12;
	e.udp = 14;
	CHECK(strcmp(say(&e), "tlshake: no TLS connections in 1,204 packets "
	    "(TCP 1,190 in 12 connections, UDP 14, other 0); --all shows "
	    "every TCP connection\n") == 0);
	e.all = true;
	CHECK(strstr(say(&e), "--all shows") == NULL);
	e.quiet = true;
	CHECK(say(&e)[0] == '\0');
	e.quiet = false;
	e.stdout_content = true;
	CHECK(say(&e)[0] == '\0');
	e.stdout_content = false;
	e.packets = 1234567;
	CHECK(strstr(say(&e), "in 1,234,567 packets") != NULL);
	memset(&e, 0, sizeof(e));
	e.source = "x.pcap";
	e.filter = "port 9";
	CHECK(strcmp(say(&e), "tlshake: the filter \"port 9\" matched no "
	    "packet of x.pcap; nothing to report\n") == 0);
	e.filter = NULL;
	CHECK(strcmp(say(&e), "tlshake: x.pcap: no packets; nothing to "
	    "report\n") == 0);
	GROUP_END("nothing reported");
}

static void
test_short(void)
{
	struct endrun e;

	memset(&e, 0, sizeof(e));
	e.source = "x.pcap";
	e.packets = e.tcp = e.max_packets = 1000;
	e.conns = 1;
	e.reported = 3;
	CHECK(strcmp(say(&e), "tlshake: no TLS handshake completed in the "
	    "first 1,000 packets (-c 1,000)\n") == 0);
	e.handshakes = 1;
	CHECK(say(&e)[0] == '\0');
	e.max_packets = 0;
	e.max_handshakes = 2;
	CHECK(strcmp(say(&e), "tlshake: 1 TLS handshake completed, fewer "
	    "than --handshakes 2 asked for: the input ended first\n") == 0);
	e.live = true;
	CHECK(strstr(say(&e), "the capture ended first") != NULL);
	e.handshakes = 2;
	CHECK(say(&e)[0] == '\0');
	GROUP_END("stopped short");
}

static void
test_keylog(void)
{
	struct endrun e;

	memset(&e, 0, sizeof(e));
	e.source = "x.pcap";
	e.reported = 1;
	e.quiet = true;		/* said even with -q */
	e.keylog = "k.log";
	e.kl_entries = 5;
	e.kl_missed = 2;
	CHECK(strstr(say(&e), "key log k.log: none of its client randoms "
	    "matches") != NULL);
	e.kl_entries = 0;
	CHECK(strstr(say(&e), "key log k.log: no usable line") != NULL);
	e.kl_found = 1;
	CHECK(say(&e)[0] == '\0');
	e.kl_found = e.kl_missed = 0;	/* nothing needed a key */
	CHECK(say(&e)[0] == '\0');
	/* a tiny buffer: cut, terminated, never overrun */
	e.kl_missed = 1;
	endrun_lines(&e, buf, 8);
	CHECK(strlen(buf) == 7);
	GROUP_END("key log");
}

int
main(void)
{
	test_nothing();
	test_short();
	test_keylog();
	return CHECK_EXIT();
}
