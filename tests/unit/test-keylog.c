/*
 * test-keylog.c: the key log parser (dissect/keylog.c): good lines of
 * every label, and beside them garbage, truncated, wrong-length and
 * unknown lines, each giving one diagnostic and no entry; every prefix of
 * a good line; a file appended to after it was opened (a line split by
 * the writer waits for its newline); pcapng Decryption Secrets Blocks in
 * both byte orders.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dissect/keylog.h"
#include "check.h"

#define CR1 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define CR2 "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"
#define S32 "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
#define S48 S32 "2122232425262728292a2b2c2d2e2f30"

static void
cr_of(uint8_t cr[32], const char *hex)
{
	unsigned int v;
	int i;

	for (i = 0; i < 32; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		cr[i] = (uint8_t)v;
	}
}

static size_t
drain(struct keylog *kl)
{
	char msg[256];
	size_t n = 0;

	while (keylog_next_diag(kl, msg, sizeof(msg)))
		n++;
	return n;
}

static void
test_lines(void)
{
	static const char good[] =
	    "# SSL/TLS secrets log file\n"
	    "\n"
	    "CLIENT_RANDOM " CR1 " " S48 "\n"
	    "CLIENT_HANDSHAKE_TRAFFIC_SECRET " CR2 " " S32 "\r\n"
	    "SERVER_HANDSHAKE_TRAFFIC_SECRET " CR2 " " S32 "\n"
	    "CLIENT_TRAFFIC_SECRET_0 " CR2 " " S32 "\n"
	    "SERVER_TRAFFIC_SECRET_0 " CR2 " " S32 "\n"
	    "EXPORTER_SECRET " CR2 " " S32 "\n"
	    "CLIENT_EARLY_TRAFFIC_SECRET " CR2 " " S48 "\n"
	    "EARLY_EXPORTER_SECRET " CR2 " " S32 "\n"
	    "SERVER_TRAFFIC_SECRET_N " CR2 " " S32;	/* no newline */
	static const char *const bad[] = {
	    "garbage\n",
	    "\x1b[31mred\n",
	    "CLIENT_RANDOM\n",				/* truncated */
	    "CLIENT_RANDOM " CR1 "\n",			/* truncated */
	    "CLIENT_RANDOM 0011 " S48 "\n",		/* short random */
	    "CLIENT_RANDOM " CR1 " " S32 "\n",		/* 32-byte master */
	    "CLIENT_HANDSHAKE_TRAFFIC_SECRET " CR1 " 0102030\n", /* odd */
	    "CLIENT_HANDSHAKE_TRAFFIC_SECRET " CR1 " 0102\n",	/* 2 bytes */
	    "SERVER_TRAFFIC_SECRET_0 " CR1 " zz" S32 "\n",	/* not hex */
	    "CLIENT_RANDOM " CR1 " " S48 " trailing\n",
	    "NO_SUCH_LABEL " CR1 " " S32 "\n",
	};
	const struct keylog_entry *e;
	struct keylog *kl = keylog_new();
	uint8_t cr[32];
	size_t i, n;
	char line[512];

	keylog_add_text(kl, "good", good, strlen(good));
	CHECK(keylog_n_diags(kl) == 0);
	CHECK(keylog_count(kl) == 2);
	cr_of(cr, CR1);
	CHECK((e = keylog_find(kl, cr)) != NULL);
	CHECK(e != NULL && e->have == 1u << KL_MASTER &&
	    e->len[KL_MASTER] == 48 && e->secret[KL_MASTER][0] == 1 &&
	    e->secret[KL_MASTER][47] == 0x30);
	cr_of(cr, CR2);
	CHECK((e = keylog_find(kl, cr)) != NULL);
	CHECK(e != NULL && e->have == ((1u << KL_N) - 1 - 1) &&
	    e->len[KL_CLIENT_EARLY] == 48 && e->len[KL_SERVER_AP] == 32);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		keylog_add_text(kl, "bad", bad[i], strlen(bad[i]));
		CHECK(keylog_n_diags(kl) == i + 1);
		CHECK(keylog_count(kl) == 2);
	}
	/* The first LIM_KEYLOG_DIAGS are kept; each names its origin. */
	CHECK(keylog_next_diag(kl, line, sizeof(line)));
	CHECK(strncmp(line, "bad:1: not a key log line", 25) == 0);
	CHECK(drain(kl) == sizeof(bad) / sizeof(bad[0]) - 1);
	CHECK(!keylog_next_diag(kl, line, sizeof(line)));
	/* Every prefix of a good line: no entry, no crash. */
	n = keylog_n_diags(kl);
	snprintf(line, sizeof(line), "CLIENT_RANDOM %s %s", CR2, S48);
	for (i = 0; i < strlen(line); i++)
		keylog_add_text(kl, "prefix", line, i);
	CHECK(keylog_count(kl) == 2);
	CHECK(keylog_n_diags(kl) > n);
	drain(kl);
	keylog_free(kl);
	keylog_free(NULL);
	GROUP_END("key log lines");
}

static void
test_file(void)
{
	char path[] = "/tmp/tlshake-keylog.XXXXXX", err[256];
	struct keylog *kl = keylog_new();
	uint8_t cr[32];
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		CHECK(!"mkstemp");
		return;
	}
	CHECK(keylog_open(kl, path, err, sizeof(err)));
	cr_of(cr, CR1);
	CHECK(keylog_find(kl, cr) == NULL);
	/* A writer appends half a line, then the rest. */
	fputs("CLIENT_RANDOM " CR1 " " S32, fp);
	fflush(fp);
	keylog_poll(kl, false);
	CHECK(keylog_find(kl, cr) == NULL);
	CHECK(keylog_n_diags(kl) == 0);
	fputs("2122232425262728292a2b2c2d2e2f30\n", fp);
	fflush(fp);
	keylog_poll(kl, false);
	CHECK(keylog_find(kl, cr) != NULL);
	CHECK(keylog_n_diags(kl) == 0);
	fclose(fp);
	unlink(path);
	CHECK(!keylog_open(kl, "/nonexistent/keys", err, sizeof(err)));
	CHECK(strstr(err, "/nonexistent/keys") != NULL);
	keylog_free(kl);
	GROUP_END("key log file appended to");
}

/* put32 writes "v" in the byte order "le" chose. */
static void
put32(uint8_t *p, uint32_t v, bool le)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t)(le ? v >> (8 * i) : v >> (24 - 8 * i));
}

static void
test_dsb(void)
{
	static const char text[] = "CLIENT_RANDOM " CR1 " " S48 "\n";
	uint8_t buf[1024];
	char path[] = "/tmp/tlshake-dsb.XXXXXX", err[256];
	struct keylog *kl;
	size_t o, n_dsb, tlen = strlen(text), pad = (4 - tlen % 4) % 4;
	uint8_t cr[32];
	int fd, le;

	cr_of(cr, CR1);
	for (le = 0; le < 2; le++) {
		memset(buf, 0, sizeof(buf));
		/* Section Header Block: type, length, BOM, version, -1. */
		put32(buf, 0x0a0d0d0a, le);
		put32(buf + 4, 28, le);
		put32(buf + 8, 0x1a2b3c4d, le);
		put32(buf + 12, 0x00000001, le);	/* 1.0 */
		memset(buf + 16, 0xff, 8);
		put32(buf + 24, 28, le);
		o = 28;
		/* Decryption Secrets Block of type TLSK. */
		put32(buf + o, 0x0000000a, le);
		put32(buf + o + 4, (uint32_t)(20 + tlen + pad), le);
		put32(buf + o + 8, 0x544c534b, le);
		put32(buf + o + 12, (uint32_t)tlen, le);
		memcpy(buf + o + 16, text, tlen);
		put32(buf + o + 16 + tlen + pad, (uint32_t)(20 + tlen + pad),
		    le);
		o += 20 + tlen + pad;
		if ((fd = mkstemp(path)) < 0) {
			CHECK(!"mkstemp");
			return;
		}
		CHECK(write(fd, buf, o) == (ssize_t)o);
		close(fd);
		kl = keylog_new();
		CHECK(keylog_add_pcapng(kl, path, &n_dsb, err, sizeof(err)));
		CHECK(n_dsb == 1);
		CHECK(keylog_find(kl, cr) != NULL);
		keylog_free(kl);
		/* Cut short: read what is whole, no error. */
		fd = open(path, O_WRONLY | O_TRUNC);
		CHECK(fd >= 0 && write(fd, buf, o - 9) == (ssize_t)(o - 9));
		close(fd);
		kl = keylog_new();
		CHECK(keylog_add_pcapng(kl, path, &n_dsb, err, sizeof(err)));
		CHECK(n_dsb == 0 && keylog_count(kl) == 0);
		keylog_free(kl);
		unlink(path);
		memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	}
	/* Not pcapng: no blocks, no error. */
	kl = keylog_new();
	CHECK(keylog_add_pcapng(kl, "/dev/null", &n_dsb, err, sizeof(err)));
	CHECK(n_dsb == 0);
	CHECK(!keylog_add_pcapng(kl, "/nonexistent", &n_dsb, err,
	    sizeof(err)));
	keylog_free(kl);
	GROUP_END("pcapng decryption secrets");
}

int
main(void)
{
	test_lines();
	test_file();
	test_dsb();
	return CHECK_EXIT();
}
