/*
 * pipeline.c: frames -> decode (IP fragments, tunnels) -> TCP reassembly
 * -> the TLS dissector -> fingerprints -> a retired connection for the
 * sink. The reassembler's sink (struct reasm_sink) is installed here:
 * capture never calls the dissector.
 *
 * Where a transport joins: pipeline_packet dispatches on the decoder's
 * result. TCP segments go to reasm; UDP datagrams to udpflow, whose probe
 * here says which datagram opens a QUIC or DTLS connection and whose
 * datagrams go to the dissector's datagram entry points. Both retire
 * their connections through pipeline_retire, so the sink sees one kind of
 * connection whatever carried it; both take their ids from one counter.
 */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/limits.h"
#include "dissect/dtls.h"
#include "dissect/fp.h"
#include "dissect/quic.h"

struct pipeline {
	struct pipeline_opts	 o;
	struct pipeline_sink	 sink;
	struct decode		*dec;
	struct reasm		*tcp;
	struct udpflow		*udp;		/* NULL with o.streams */
	struct tls_ctx		*tls;
	uint64_t		 frames, bytes, last_ts, handshakes;
	uint64_t		 next_id;	/* conn ids of every transport */
	uint64_t		 undecryptable;
	bool			 flushing;
};

static const uint16_t default_tls_ports[] = {
	443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 5061, 8443,
};

static uint32_t	n_complete(const struct conn *);
static void	pipeline_retire(struct pipeline *, struct conn *);
static void	conn_open(void *, struct conn *);
static void	tcp_data(void *, struct conn *, enum dir, const struct cur *,
		    uint64_t, uint32_t);
static void	tcp_gap(void *, struct conn *, enum dir, uint64_t, uint64_t,
		    uint32_t);
static void	tcp_end(void *, struct conn *, enum dir, uint64_t, uint32_t);
static void	retire_tcp(void *, struct conn *);
static enum conn_transport udp_probe(void *, const struct pkt *, bool *);
static void	udp_datagram(void *, struct conn *, enum dir,
		    const struct pkt *);
static void	retire_udp(void *, struct conn *);

void
pipeline_opts_init(struct pipeline_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->tcp.max_conns = LIM_CONNS_DEFAULT;
	o->tcp.idle_s = LIM_IDLE_SECS;
	o->tcp.halfopen_s = LIM_IDLE_HALFOPEN_SECS;
	o->tcp.linger_s = LIM_LINGER_SECS;
	o->tcp.ooo_bytes = LIM_OOO_BYTES;
	o->tcp.tls_ports = default_tls_ports;
	o->tcp.n_tls_ports = sizeof(default_tls_ports) /
	    sizeof(default_tls_ports[0]);
	o->tls.max_hs_msg = LIM_HS_MSG;
}

struct pipeline *
pipeline_new(const struct pipeline_opts *o, const struct pipeline_sink *sink)
{
	struct pipeline *p;
	struct reasm_sink rs;
	struct reasm_opts ro;
	struct udpflow_opts uo;
	struct udpflow_sink us;
	struct decode *dec;

	if ((dec = decode_new(o->dlt)) == NULL)
		return NULL;
	p = x_calloc(1, sizeof(*p));
	p->o = *o;
	if (sink != NULL)
		p->sink = *sink;
	p->dec = dec;
	if (o->streams != NULL)
		rs = *o->streams;
	else {
		p->tls = tls_ctx_new(&o->tls);
		memset(&rs, 0, sizeof(rs));
		rs.open = p->sink.open != NULL ? conn_open : NULL;
		rs.data = tcp_data;
		rs.gap = tcp_gap;
		rs.end = tcp_end;
		rs.close = retire_tcp;
		rs.arg = p;
		/* UDP: as many as TCP's cap allows, up to their own */
		memset(&uo, 0, sizeof(uo));
		uo.max_flows = o->tcp.max_conns < LIM_UDP_CONNS_DEFAULT ?
		    o->tcp.max_conns : LIM_UDP_CONNS_DEFAULT;
		uo.idle_s = o->tcp.idle_s;
		uo.next_id = &p->next_id;
		us.open = p->sink.open != NULL ? conn_open : NULL;
		us.probe = udp_probe;
		us.datagram = udp_datagram;
		us.close = retire_udp;
		us.arg = p;
		p->udp = udpflow_new(&uo, &us);
	}
	ro = o->tcp;
	ro.next_id = &p->next_id;
	p->tcp = reasm_new(&ro, &rs);
	return p;
}

void
pipeline_free(struct pipeline *p)
{
	if (p == NULL)
		return;
	pipeline_flush(p);	/* retires what is still open */
	reasm_free(p->tcp);
	udpflow_free(p->udp);
	decode_free(p->dec);
	tls_ctx_free(p->tls);
	free(p);
}

enum decode_res
pipeline_decode(struct pipeline *p, const struct pcapin_frame *f,
    struct pkt *out)
{
	p->frames++;
	p->bytes += f->wirelen;
	p->last_ts = f->ts;
	return decode_packet(p->dec, out, f->data, f->caplen, f->wirelen,
	    f->ts, f->frame);
}

void
pipeline_packet(struct pipeline *p, enum decode_res res, const struct pkt *pk)
{
	switch (res) {
	case DEC_TCP:
		reasm_packet(p->tcp, pk);
		break;
	case DEC_UDP:
		if (p->udp != NULL)
			udpflow_packet(p->udp, pk);
		break;
	default:
		/* Not for a transport of ours: the decoder counted it. */
		break;
	}
}

void
pipeline_frame(struct pipeline *p, const struct pcapin_frame *f)
{
	struct pkt pk;
	enum decode_res res;

	res = pipeline_decode(p, f, &pk);
	pipeline_packet(p, res, &pk);
}

void
pipeline_expire(struct pipeline *p, uint64_t now)
{
	reasm_expire(p->tcp, now);
	if (p->udp != NULL)
		udpflow_expire(p->udp, now);
}

void
pipeline_tick(struct pipeline *p, enum decode_res res, uint64_t ts)
{
	if (res == DEC_TCP)
		reasm_expire(p->tcp, ts);
	else if (res == DEC_UDP && p->udp != NULL)
		udpflow_expire(p->udp, ts);
}

void
pipeline_flush(struct pipeline *p)
{
	/* retire_tcp closes the UDP ones of lower ids first */
	p->flushing = true;
	reasm_flush(p->tcp);
	if (p->udp != NULL)
		udpflow_flush(p->udp);
	p->flushing = false;
}

void
pipeline_foreach_open(struct pipeline *p, void (*fn)(void *, struct conn *),
    void *arg)
{
	reasm_foreach(p->tcp, fn, arg);
	if (p->udp != NULL)
		udpflow_foreach(p->udp, fn, arg);
}

void
pipeline_stats(const struct pipeline *p, struct pipeline_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->frames = p->frames;
	out->bytes = p->bytes;
	out->last_ts = p->last_ts;
	out->handshakes = p->handshakes;
	out->dec = *decode_stats(p->dec);
	out->tcp = *reasm_stats(p->tcp);
	if (p->udp != NULL)
		out->udp = *udpflow_stats(p->udp);
	out->conns = p->next_id;
	out->undecryptable = p->undecryptable;
}

static uint32_t
n_complete(const struct conn *c)
{
	uint32_t i, n = 0;

	for (i = 0; i < c->n_hs; i++)
		n += (c->hs[i].flags & HSF_COMPLETE) != 0;
	return n;
}

/*
 * pipeline_retire ends the dissection of "c" (what its ends cut short is
 * judged), fingerprints its handshakes, counts those completed, and hands
 * it to the sink, which owns it then.
 */
static void
pipeline_retire(struct pipeline *p, struct conn *c)
{
	uint32_t i;

	p->undecryptable += conn_quic(c)->undecryptable;
	tls_free(c);
	for (i = 0; i < c->n_hs; i++) {
		if (p->o.fingerprints)
			fp_compute(c, &c->hs[i]);
		if (c->hs[i].flags & HSF_COMPLETE)
			p->handshakes++;
	}
	if (p->sink.conn != NULL)
		p->sink.conn(p->sink.arg, c);
	else
		conn_free(c);
}

static void
conn_open(void *arg, struct conn *c)
{
	struct pipeline *p = arg;

	p->sink.open(p->sink.arg, c);
}

/* Reassembled TCP bytes go to the dissector. */
static void
tcp_data(void *arg, struct conn *c, enum dir d, const struct cur *data,
    uint64_t ts, uint32_t frame)
{
	struct pipeline *p = arg;
	uint32_t before;

	if (!p->o.watch_handshakes || p->sink.handshakes == NULL) {
		tls_data(p->tls, c, d, data, ts, frame);
		return;
	}
	before = n_complete(c);
	tls_data(p->tls, c, d, data, ts, frame);
	if (n_complete(c) > before)
		p->sink.handshakes(p->sink.arg, c, n_complete(c) - before);
}

static void
tcp_gap(void *arg, struct conn *c, enum dir d, uint64_t len, uint64_t ts,
    uint32_t frame)
{
	struct pipeline *p = arg;

	tls_gap(p->tls, c, d, len, ts, frame);
}

static void
tcp_end(void *arg, struct conn *c, enum dir d, uint64_t ts, uint32_t frame)
{
	(void)arg;
	tls_end(c, d, ts, frame);
}

static void
retire_tcp(void *arg, struct conn *c)
{
	struct pipeline *p = arg;

	/* SPEC.md: at the end of input, in order of conn */
	if (p->flushing && p->udp != NULL)
		udpflow_flush_before(p->udp, c->id);
	pipeline_retire(p, c);
}

/*
 * udp_probe: does the first datagram of a 4-tuple open a QUIC connection
 * (a long header of a version tlshake opens, or of another version in a
 * datagram padded as a client's Initial is, RFC 9000, 14.1) or a DTLS one
 * (RFC 7983, 7, then a hello)? The sender is the client unless it sends
 * from a well-known port to an ephemeral one; DTLS corrects that at the
 * hello.
 */
static enum conn_transport
udp_probe(void *arg, const struct pkt *pk, bool *sender_is_client)
{
	struct cur in = pk->payload;
	uint32_t v;

	(void)arg;
	*sender_is_client = !(pk->sport < 1024 && pk->dport >= 1024);
	if (quic_plausible(&pk->payload) && cur_skip(&in, 1) &&
	    cur_get_u32(&in, &v) && v != 0 &&
	    (quic_version_known(v) || pk->payload_len >= 1200))
		return CONN_QUIC;
	if (dtls_demux(&pk->payload) == DMX_DTLS &&
	    dtls_plausible(&pk->payload))
		return CONN_DTLS;
	return CONN_TCP;
}

/* A datagram of a UDP connection goes to its dissector. */
static void
udp_datagram(void *arg, struct conn *c, enum dir d, const struct pkt *pk)
{
	struct pipeline *p = arg;
	bool watch = p->o.watch_handshakes && p->sink.handshakes != NULL;
	uint32_t before = watch ? n_complete(c) : 0;

	if (c->transport == CONN_QUIC)
		quic_datagram(p->tls, c, d, &pk->payload, pk->ts, pk->frame);
	else
		dtls_datagram(p->tls, c, d, &pk->payload, pk->ts, pk->frame);
	if (watch && n_complete(c) > before)
		p->sink.handshakes(p->sink.arg, c, n_complete(c) - before);
}

static void
retire_udp(void *arg, struct conn *c)
{
	pipeline_retire(arg, c);
}
