/*
 * fuzz-pcap.c: the whole pipeline on one pcap or pcapng file: libpcap's
 * reader, decoding, reassembly, the TLS dissector, fingerprints and the
 * text and JSON views. Invariants: no output byte is a terminal control
 * (wire strings are escaped) and every JSON line is one line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/decode.h"
#include "capture/pcapin.h"
#include "capture/reasm.h"
#include "common/buf.h"
#include "common/limits.h"
#include "dissect/fp.h"
#include "dissect/tls.h"
#include "model/certstore.h"
#include "view/json.h"
#include "view/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct decode	*dec;
static struct reasm	*rsm;
static struct buf	 out;

static void
check_out(const struct buf *b, bool json)
{
	size_t i;
	unsigned char ch;

	for (i = 0; i < b->len; i++) {
		ch = (unsigned char)b->p[i];
		if ((ch < 0x20 && ch != '\n') || ch == 0x7f)
			abort();
		if (json && ch == '\n' && i + 1 != b->len)
			abort();
	}
}

static void
on_data(void *arg, struct conn *c, enum dir d, const struct cur *data,
    uint64_t ts, uint32_t frame)
{
	(void)arg;
	tls_data(c, d, data, ts, frame);
}

static void
on_gap(void *arg, struct conn *c, enum dir d, uint64_t len, uint64_t ts,
    uint32_t frame)
{
	(void)arg;
	tls_gap(c, d, len, ts, frame);
}

static void
on_end(void *arg, struct conn *c, enum dir d, uint64_t ts, uint32_t frame)
{
	(void)arg;
	tls_end(c, d, ts, frame);
}

static void
on_close(void *arg, struct conn *c)
{
	struct text_opts to = { false, false, true, false, 1, false };
	uint32_t i;

	(void)arg;
	tls_free(c);
	for (i = 0; i < c->n_hs; i++)
		fp_compute(c, &c->hs[i]);
	buf_reset(&out);
	json_emit_conn(&out, c);
	check_out(&out, true);
	buf_reset(&out);
	text_emit_conn(&out, c, &to);
	check_out(&out, false);
	conn_free(c);
}

static void
on_frame(void *arg, const struct pcapin_frame *f)
{
	struct pkt p;

	(void)arg;
	if (decode_packet(dec, &p, f->data, f->caplen, f->wirelen, f->ts,
	    f->frame) == DEC_TCP)
		reasm_packet(rsm, &p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t ports[] = { 443 };
	static bool init;
	struct pcapin_opts po;
	struct reasm_opts ro = { 64, 300, 30, 2, 64 * 1024, ports, 1 };
	struct reasm_sink sink = { NULL, on_data, on_gap, on_end, on_close,
	    NULL };
	struct tls_opts tlo = { NULL, 0, LIM_HS_MSG };
	struct pcapin *in;
	char err[512];
	bool perm;
	FILE *fp;

	if (!init) {
		tls_init(&tlo);
		buf_init(&out);
		init = true;
	}
	if (size == 0 || (fp = fmemopen((void *)(uintptr_t)data, size,
	    "rb")) == NULL)
		return 0;
	memset(&po, 0, sizeof(po));
	po.fp = fp;
	if ((in = pcapin_open(&po, err, sizeof(err), &perm)) == NULL) {
		fclose(fp);
		return 0;
	}
	if (decode_dlt_supported(pcapin_dlt(in))) {
		dec = decode_new(pcapin_dlt(in));
		rsm = reasm_new(&ro, &sink);
		pcapin_run(in, on_frame, NULL, 100000, 0, err, sizeof(err));
		reasm_free(rsm);
		decode_free(dec);
	}
	pcapin_close(in);	/* closes fp */
	certstore_cleanup();
	return 0;
}
