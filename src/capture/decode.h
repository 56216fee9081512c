/*
 * decode.h: link, IP, TCP and UDP decoding of one captured frame into a
 * struct pkt, following encapsulations (VLAN, MPLS, PPPoE, GRE/ERSPAN,
 * VXLAN, Geneve, IP in IP) to the innermost IP header, and reassembling IP
 * fragments with a bound on memory and time.
 */
#ifndef TLSHAKE_CAPTURE_DECODE_H
#define TLSHAKE_CAPTURE_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "model/conn.h"

/* TCP flags (RFC 9293, 3.1). */
#define TCPF_FIN	0x01
#define TCPF_SYN	0x02
#define TCPF_RST	0x04
#define TCPF_PSH	0x08
#define TCPF_ACK	0x10
#define TCPF_URG	0x20
#define TCPF_ECE	0x40
#define TCPF_CWR	0x80

struct pkt {
	uint64_t	ts;		/* microseconds since the epoch */
	uint32_t	frame;		/* 1-based frame number in the input */
	uint32_t	caplen, wirelen;
	struct addr	src, dst;	/* innermost IP header */
	uint16_t	sport, dport;
	uint32_t	seq, ack;
	uint8_t		flags;		/* TCPF_* */
	uint16_t	win;
	/* TCP or UDP payload bytes present in the capture */
	struct cur	payload;
	/* payload length according to the IP (UDP) header (>= captured) */
	uint32_t	payload_len;
	/* options seen on this segment */
	bool		has_mss, has_wscale, sack_ok, has_ts;
	uint16_t	mss;
	uint8_t		wscale;
	uint32_t	tsval, tsecr;
	/* an anomaly to record on the connection, or ANOM_NONE */
	uint16_t	anom;
	uint32_t	anom_arg;
};

enum decode_res {
	DEC_TCP = 0,		/* a TCP segment in "out" */
	DEC_UDP,		/* a UDP datagram (no tunnel) in "out" */
	DEC_OTHER,		/* not TCP or UDP (or not IP): counted */
	DEC_FRAG_HELD,		/* an IP fragment kept for reassembly */
	DEC_INVALID,		/* impossible headers: counted, ignored */
	DEC_TRUNC,		/* cut before the TCP header: counted */
};

struct decode_stats {
	uint64_t	tcp, udp, other, invalid, trunc, frags, frags_done,
			frags_dropped, tunnels;
};

struct decode;

/*
 * decode_new returns a decoder for DLT "dlt", or NULL when the link type
 * is not supported (decode_dlt_supported says so first).
 */
struct decode	*decode_new(int);
void		 decode_free(struct decode *);
bool		 decode_dlt_supported(int);
/*
 * decode_packet decodes one frame. On DEC_TCP "out" describes the segment,
 * on DEC_UDP the datagram (ports, payload; tunnels over UDP are followed
 * first, so DEC_UDP is the innermost datagram); out->payload points into "data" or into the decoder's fragment buffer,
 * valid until the next call. It never reads outside data..data+caplen.
 */
enum decode_res	 decode_packet(struct decode *, struct pkt *, const uint8_t *,
		    uint32_t, uint32_t, uint64_t, uint32_t);
const struct decode_stats *decode_stats(const struct decode *);
/* Bytes held by the fragment reassembler now (for --stats). */
size_t		 decode_frag_held(const struct decode *);

#endif /* TLSHAKE_CAPTURE_DECODE_H */
