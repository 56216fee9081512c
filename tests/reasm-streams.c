/*
 * reasm-streams: a test program that runs a capture through the pipeline
 * with its TCP byte streams taken before the dissector, and prints per connection what each direction
 * delivered: "client server c2s_bytes c2s_sha256 s2c_bytes s2c_sha256
 * gaps midstream", the columns of make-bench-pcap --streams. Bytes lost in
 * gaps count in the lengths but not in the hashes ("gaps" says so).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "capture/pcapin.h"
#include "capture/reasm.h"
#include "pipeline.h"

struct st {
	EVP_MD_CTX	*md[2];
	uint64_t	 n[2];
};

static struct st *
st_of(struct conn *c)
{
	struct st *s = c->user;

	if (s == NULL) {
		s = calloc(1, sizeof(*s));
		s->md[0] = EVP_MD_CTX_new();
		s->md[1] = EVP_MD_CTX_new();
		EVP_DigestInit_ex(s->md[0], EVP_sha256(), NULL);
		EVP_DigestInit_ex(s->md[1], EVP_sha256(), NULL);
		c->user = s;
	}
	return s;
}

static void
on_data(void *arg, struct conn *c, enum dir d, const struct cur *data,
    uint64_t ts, uint32_t frame)
{
	struct st *s = st_of(c);

	(void)arg; (void)ts; (void)frame;
	EVP_DigestUpdate(s->md[d], cur_data(data), cur_len(data));
	s->n[d] += cur_len(data);
}

static void
on_gap(void *arg, struct conn *c, enum dir d, uint64_t len, uint64_t ts,
    uint32_t frame)
{
	(void)arg; (void)ts; (void)frame;
	st_of(c)->n[d] += len;
}

static void
on_close(void *arg, struct conn *c)
{
	struct st *s = st_of(c);
	unsigned char h[32];
	char cli[64], srv[64];
	unsigned int hl, i, d;

	(void)arg;
	endpoint_str(&c->cli, cli, sizeof(cli));
	endpoint_str(&c->srv, srv, sizeof(srv));
	printf("%s\t%s", cli, srv);
	for (d = 0; d < 2; d++) {
		EVP_DigestFinal_ex(s->md[d], h, &hl);
		printf("\t%llu\t", (unsigned long long)s->n[d]);
		for (i = 0; i < hl; i++)
			printf("%02x", h[i]);
		EVP_MD_CTX_free(s->md[d]);
	}
	printf("\t%u\t%d\t%d\n", c->tcp.gaps, c->tcp.midstream,
	    (c->tcp.fin[0] && c->tcp.fin[1]) || c->tcp.rst[0] || c->tcp.rst[1]);
	free(s);
	conn_free(c);
}

static void
on_frame(void *arg, const struct pcapin_frame *f)
{
	pipeline_frame(arg, f);
}

int
main(int argc, char **argv)
{
	static const uint16_t ports[] = { 443 };
	struct pcapin_opts po = { 0 };
	struct pipeline_opts o;
	struct reasm_sink streams = { .data = on_data, .gap = on_gap,
	    .close = on_close };
	struct pipeline *p;
	struct pcapin *in;
	char err[512];
	bool perm;

	if (argc != 2) {
		fprintf(stderr, "usage: reasm-streams FILE\n");
		return 2;
	}
	po.file = argv[1];
	if ((in = pcapin_open(&po, err, sizeof(err), &perm)) == NULL) {
		fprintf(stderr, "reasm-streams: %s\n", err);
		return 1;
	}
	pipeline_opts_init(&o);
	o.dlt = pcapin_dlt(in);
	o.tcp.tls_ports = ports;	/* the caps and timeouts: defaults */
	o.tcp.n_tls_ports = 1;
	o.streams = &streams;
	if ((p = pipeline_new(&o, NULL)) == NULL) {
		fprintf(stderr, "reasm-streams: link type %d not supported\n",
		    o.dlt);
		pcapin_close(in);
		return 1;
	}
	pcapin_run(in, on_frame, p, 0, 0, err, sizeof(err));
	pipeline_free(p);
	pcapin_close(in);
	return 0;
}
