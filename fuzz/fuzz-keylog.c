/*
 * fuzz-keylog.c: the NSS key log parser (dissect/keylog.c) on any text.
 * The input is parsed as a key log twice (a second origin, as a file and
 * a pcapng block would add), then each line's client random, when it is
 * 64 hex digits, is looked up. Invariants: the entries held never exceed
 * LIM_KEYLOG_ENTRIES, at most LIM_KEYLOG_DIAGS diagnostics wait and each
 * is one NUL-terminated line without control bytes, a found entry's
 * secrets are within KL_SECRET_MAX and belong to the client random asked.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/keylog.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* try_random looks up the 64 hex digits at "p", if they are that. */
static void
try_random(struct keylog *kl, const uint8_t *p, size_t len)
{
	const struct keylog_entry *e;
	uint8_t cr[32];
	size_t i;
	int hi, lo, k;

	if (len < 64)
		return;
	for (i = 0; i < 32; i++) {
		if ((hi = hexval(p[2 * i])) < 0 ||
		    (lo = hexval(p[2 * i + 1])) < 0)
			return;
		cr[i] = (uint8_t)(hi << 4 | lo);
	}
	if ((e = keylog_find(kl, cr)) == NULL)
		return;
	assert(memcmp(e->cr, cr, 32) == 0);
	for (k = 0; k < KL_N; k++)
		if (e->have & (1u << k))
			assert(e->len[k] > 0 && e->len[k] <= KL_SECRET_MAX);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keylog *kl = keylog_new();
	char diag[512];
	size_t i, start, n = 0, sp;

	keylog_add_text(kl, "fuzz", data, size);
	keylog_add_text(kl, "fuzz2", data, size);
	assert(keylog_count(kl) <= LIM_KEYLOG_ENTRIES);
	while (keylog_next_diag(kl, diag, sizeof(diag))) {
		assert(memchr(diag, '\0', sizeof(diag)) != NULL);
		for (i = 0; diag[i] != '\0'; i++)
			assert((unsigned char)diag[i] >= 0x20 &&
			    diag[i] != 0x7f);
		assert(++n <= LIM_KEYLOG_DIAGS);
	}
	/* Each line: LABEL SP random SP secret. */
	for (start = 0; start < size; start = i + 1) {
		for (i = start; i < size && data[i] != '\n'; i++)
			;
		for (sp = start; sp < i && data[sp] != ' '; sp++)
			;
		if (sp < i)
			try_random(kl, data + sp + 1, i - sp - 1);
	}
	keylog_free(kl);
	return 0;
}
