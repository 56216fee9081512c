/*
 * fuzz-cert.c: libFuzzer harness for cert_parse (dissect/cert.c).
 *
 * Checks the invariants the views rely on: a failure carries a reason; a
 * result has every always-present string set, strings within their caps,
 * at most 256 subjectAltName entries and the input's length. The cache is
 * emptied now and then so that fresh inputs keep reaching the parser.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/cert.h"
#include "model/certstore.h"

/* fill_bytes keeps LIM_STR input bytes; a NUL grows to U+FFFD (3 bytes). */
#define STR_MAX		(3 * LIM_STR)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	check_str(const char *, bool);

static void
check_str(const char *s, bool may_be_null)
{
	if (s == NULL) {
		if (!may_be_null)
			abort();
		return;
	}
	if (strnlen(s, STR_MAX + 1) > STR_MAX)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned long runs;
	const struct cert_info *i;
	const char *err = NULL;
	struct cert *c;
	uint32_t k;

	if ((c = cert_parse(data, size, &err)) == NULL) {
		if (err == NULL)
			abort();
	} else {
		i = cert_info(c);
		check_str(i->subject, false);
		check_str(i->issuer, false);
		check_str(i->serial, false);
		check_str(i->key_type, false);
		check_str(i->sig_alg, false);
		check_str(i->subject_cn, true);
		check_str(i->issuer_cn, true);
		if (i->n_san > 256 || (i->n_san > 0 && i->san == NULL) ||
		    i->der_len != size || err != i->error)
			abort();
		for (k = 0; k < i->n_san; k++)
			check_str(i->san[k], false);
		cert_unref(c);
	}
	if (++runs % 4096 == 0)
		certstore_cleanup();
	return 0;
}
