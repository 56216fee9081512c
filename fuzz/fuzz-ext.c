/*
 * fuzz-ext.c: one extension block (dissect/ext.c) parsed as the
 * ClientHello's, ServerHello's, HelloRetryRequest's or
 * EncryptedExtensions' (the input's first byte picks which), with the
 * invariants the views rely on: every kept list within LIM_LIST, every
 * string within LIM_STR, the types list no longer than the input allows.
 */
#include <stdlib.h>
#include <string.h>

#include "common/cur.h"
#include "common/limits.h"
#include "dissect/ext.h"
#include "dissect/record.h"
#include "model/conn.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_list(const struct u16list *l)
{
	if (l->n > LIM_LIST || (l->n > 0 && l->v == NULL))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ext_msg which[4] = { EXT_IN_CH, EXT_IN_SH,
	    EXT_IN_HRR, EXT_IN_EE };
	struct tls_state st;
	struct u16list types;
	struct tls_hs *hs;
	struct conn *c;
	struct cur in;
	uint8_t sel;
	uint32_t i;

	cur_init(&in, data, size);
	if (!cur_get_u8(&in, &sel))
		return 0;
	memset(&st, 0, sizeof(st));
	memset(&types, 0, sizeof(types));
	c = conn_new(1);
	hs = conn_hs(c, 0);
	if (hs != NULL && conn_u16list(c, &types, (uint32_t)size / 4 + 1)) {
		(void)ext_parse_block(c, &st, hs, (sel & 4) ? DIR_S2C :
		    DIR_C2S, 1, which[sel & 3], &in, &types);
		if (types.n > size / 4 + 1)
			abort();
		check_list(&hs->suites_offered);
		check_list(&hs->groups_offered);
		check_list(&hs->sig_algs_offered);
		check_list(&hs->versions_offered);
		check_list(&hs->key_shares_offered);
		if (hs->sni.len > LIM_STR)
			abort();
		for (i = 0; i < hs->alpn_offered.n; i++)
			if (hs->alpn_offered.v[i].len > LIM_STR)
				abort();
	}
	free(st.udp);	/* DTLS extensions make it (state_udp); tls_free's */
	conn_free(c);
	return 0;
}
