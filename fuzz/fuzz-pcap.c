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
#include "common/buf.h"
#include "model/certstore.h"
#include "pipeline.h"
#include "view/json.h"
#include "view/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
on_conn(void *arg, struct conn *c)
{
	struct text_opts to;

	(void)arg;
	memset(&to, 0, sizeof(to));
	to.utf8 = true;
	to.verbose = 1;
	to.explain = true;	/* the steps of --explain too */
	buf_reset(&out);
	json_set_explain(true);
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
	pipeline_frame(arg, f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t ports[] = { 443 };
	static bool init;
	struct pcapin_opts po;
	struct pipeline_opts o;
	struct pipeline_sink sink = { .conn = on_conn };
	struct pipeline *p;
	struct pcapin *in;
	char err[512];
	bool perm;
	FILE *fp;

	if (!init) {
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
	/* Small caps, so that eviction and expiry are reached too. */
	pipeline_opts_init(&o);
	o.dlt = pcapin_dlt(in);
	o.tcp.max_conns = 64;
	o.tcp.ooo_bytes = 64 * 1024;
	o.tcp.tls_ports = ports;
	o.tcp.n_tls_ports = 1;
	o.fingerprints = true;
	if (decode_dlt_supported(o.dlt) &&
	    (p = pipeline_new(&o, &sink)) != NULL) {
		pcapin_run(in, on_frame, p, 100000, 0, err, sizeof(err));
		pipeline_free(p);
	}
	pcapin_close(in);	/* closes fp */
	certstore_cleanup();
	return 0;
}
