/*
 * decode.c: one captured frame to a struct pkt (see decode.h).
 *
 * The link header names the first EtherType; decode_net then loops over
 * the layers, each consuming its header from the cursor and naming the
 * next by EtherType (tunnel.c holds the tags and tunnels), until TCP or
 * something that is not followed. Tunnels (MPLS, PPPoE, GRE, VXLAN,
 * Geneve, IP in IP) count against LIM_ENCAP_DEPTH; the loop itself is
 * bounded by DEC_MAX_STEPS. IP fragments go to frag.c; a completed
 * datagram is decoded on from its payload.
 *
 * Lengths: "claimed" is what the IP header says is left of the datagram,
 * and the cursor never holds more (Ethernet padding is cut off). It may
 * hold less when the snaplen cut the frame ("cut" bytes): the TCP payload
 * then carries ANOM_TRUNC. A header claiming more than was cut is invalid.
 */
#include "capture/decode.h"

#include <stdlib.h>
#include <string.h>

#include "capture/frag.h"
#include "capture/tunnel.h"
#include "common/arena.h"
#include "common/limits.h"

/* Link types: DLT_* of <pcap/dlt.h>; only pcapin.c includes libpcap. */
#define LT_NULL		0
#define LT_EN10MB	1
#define LT_PPP		9
#define LT_RAW		12	/* DLT_RAW on most systems */
#define LT_RAW_OPENBSD	14	/* DLT_RAW on OpenBSD */
#define LT_PPP_SERIAL	50
#define LT_PPP_ETHER	51
#define LT_RAW_FILE	101	/* LINKTYPE_RAW in files */
#define LT_LOOP		108
#define LT_LINUX_SLL	113
#define LT_IPV4		228
#define LT_IPV6		229
#define LT_LINUX_SLL2	276

/* Address families in DLT_NULL and DLT_LOOP headers, by system. */
#define LAF_INET		2
#define LAF_INET6_LINUX		10
#define LAF_INET6_BSD		24	/* NetBSD, OpenBSD, BSD/OS */
#define LAF_INET6_FREEBSD	28	/* FreeBSD, DragonFly BSD */
#define LAF_INET6_DARWIN	30

/* Linux ARPHRD_NETLINK: "protocol" is a netlink family, not an EtherType. */
#define ARPHRD_NETLINK_	824

/* IP protocol numbers (IANA). */
#define IPP_HOPOPTS	0
#define IPP_IPIP	4
#define IPP_TCP		6
#define IPP_UDP		17
#define IPP_IPV6	41
#define IPP_ROUTING	43
#define IPP_FRAGMENT	44
#define IPP_GRE		47
#define IPP_AH		51
#define IPP_NONE	59
#define IPP_DSTOPTS	60
#define IPP_MOBILITY	135
#define IPP_HIP		139
#define IPP_SHIM6	140

/* TCP options (RFC 9293, 3.2; RFC 2018; RFC 7323). */
#define TCPOPT_EOL	0
#define TCPOPT_NOP	1
#define TCPOPT_MSS	2
#define TCPOPT_WSCALE	3
#define TCPOPT_SACK_OK	4
#define TCPOPT_TS	8

/* Layers per frame: a few per tunnel level (tags, link, IP). */
#define DEC_MAX_STEPS	(4 * (LIM_ENCAP_DEPTH + 2))

enum step {
	STEP_NEXT = 0,		/* go on with the EtherType named */
	STEP_TCP,
	STEP_UDP,
	STEP_OTHER,
	STEP_HELD,
	STEP_INVALID,
	STEP_TRUNC,
};

struct decode {
	int			 dlt;
	struct decode_stats	 st;
	struct frag		*frag;		/* made at the first fragment */
};

/* The state of one frame's decoding. */
struct dctx {
	struct decode	*d;
	struct pkt	*out;
	uint32_t	 cut;		/* bytes the snaplen cut off the end */
	unsigned	 depth;		/* tunnels entered */
	bool		 tunneled;
};

static enum step	step_of(enum tunnel_res);
static void		pkt_anom(struct pkt *, enum anom_code, uint32_t);
static uint32_t		len_add(size_t, uint32_t);
static enum step	decode_link(struct dctx *, struct cur *, uint16_t *);
static enum step	decode_af(uint32_t, uint16_t *);
static enum step	decode_net(struct dctx *, struct cur *, uint16_t);
static enum step	decode_limit(struct dctx *, struct cur *, uint32_t);
static enum step	decode_short(size_t, uint32_t);
static enum step	decode_frag(struct dctx *, struct cur *, uint32_t *,
			    uint8_t *, const struct frag_key *, uint32_t,
			    bool);
static enum step	decode_ip4(struct dctx *, struct cur *, uint16_t *);
static enum step	decode_ip6(struct dctx *, struct cur *, uint16_t *);
static enum step	decode_ipproto(struct dctx *, struct cur *, uint8_t,
			    uint32_t, uint16_t *);
static enum step	decode_tcp(struct dctx *, struct cur *, uint32_t);
static enum step	decode_udp(struct dctx *, const struct udp_hdr *);
static void		decode_tcpopts(struct pkt *, struct cur *);

bool
decode_dlt_supported(int dlt)
{
	switch (dlt) {
	case LT_NULL:
	case LT_EN10MB:
	case LT_PPP:
	case LT_RAW:
	case LT_RAW_OPENBSD:
	case LT_PPP_SERIAL:
	case LT_PPP_ETHER:
	case LT_RAW_FILE:
	case LT_LOOP:
	case LT_LINUX_SLL:
	case LT_IPV4:
	case LT_IPV6:
	case LT_LINUX_SLL2:
		return true;
	default:
		return false;
	}
}

struct decode *
decode_new(int dlt)
{
	struct decode *d;

	if (!decode_dlt_supported(dlt))
		return NULL;
	d = x_calloc(1, sizeof(*d));
	d->dlt = dlt;
	return d;
}

void
decode_free(struct decode *d)
{
	if (d == NULL)
		return;
	frag_free(d->frag);
	free(d);
}

const struct decode_stats *
decode_stats(const struct decode *d)
{
	return &d->st;
}

size_t
decode_frag_held(const struct decode *d)
{
	return d->frag == NULL ? 0 : frag_held(d->frag);
}

static enum step
step_of(enum tunnel_res r)
{
	switch (r) {
	case TUNNEL_NEXT:
		return STEP_NEXT;
	case TUNNEL_INVALID:
		return STEP_INVALID;
	case TUNNEL_TRUNC:
		return STEP_TRUNC;
	default:
		return STEP_OTHER;
	}
}

/*
 * pkt_anom fills the packet's one anomaly slot: the first anomaly stays,
 * except that ANOM_TRUNC (which reassembly needs) replaces any other.
 */
static void
pkt_anom(struct pkt *p, enum anom_code code, uint32_t arg)
{
	if (p->anom != ANOM_NONE && code != ANOM_TRUNC)
		return;
	p->anom = code;
	p->anom_arg = arg;
}

/* len_add is a + b, saturating at UINT32_MAX. */
static uint32_t
len_add(size_t a, uint32_t b)
{
	if (a > UINT32_MAX - b)
		return UINT32_MAX;
	return (uint32_t)a + b;
}

enum decode_res
decode_packet(struct decode *d, struct pkt *out, const uint8_t *data,
    uint32_t caplen, uint32_t wirelen, uint64_t ts, uint32_t frame)
{
	struct dctx x;
	struct cur c;
	uint16_t et = 0;
	enum step s;

	memset(out, 0, sizeof(*out));
	out->ts = ts;
	out->frame = frame;
	out->caplen = caplen;
	out->wirelen = wirelen;
	if (d->frag != NULL) {
		frag_release(d->frag);
		frag_expire(d->frag, ts);
	}

	memset(&x, 0, sizeof(x));
	x.d = d;
	x.out = out;
	x.cut = wirelen > caplen ? wirelen - caplen : 0;
	cur_init(&c, data, caplen);
	if ((s = decode_link(&x, &c, &et)) == STEP_NEXT)
		s = decode_net(&x, &c, et);

	if (x.tunneled)
		d->st.tunnels++;
	if (d->frag != NULL)
		d->st.frags_dropped = frag_dropped(d->frag);
	switch (s) {
	case STEP_TCP:
		d->st.tcp++;
		return DEC_TCP;
	case STEP_UDP:
		d->st.udp++;
		return DEC_UDP;
	case STEP_HELD:
		return DEC_FRAG_HELD;
	case STEP_INVALID:
		d->st.invalid++;
		return DEC_INVALID;
	case STEP_TRUNC:
		d->st.trunc++;
		return DEC_TRUNC;
	default:
		d->st.other++;
		return DEC_OTHER;
	}
}

/* decode_link consumes the link header and names the payload's type. */
static enum step
decode_link(struct dctx *x, struct cur *c, uint16_t *next)
{
	uint32_t af;
	uint16_t hatype;
	uint8_t b;

	switch (x->d->dlt) {
	case LT_EN10MB:
		return step_of(tunnel_parse_ether(c, next));
	case LT_LINUX_SLL:
		/*
		 * Packet type (2), ARPHRD type (2), address length (2),
		 * address (8), protocol (2): pcap-linktype(7).
		 */
		if (!cur_skip(c, 2) || !cur_get_u16(c, &hatype) ||
		    !cur_skip(c, 10) || !cur_get_u16(c, next))
			return STEP_TRUNC;
		return hatype == ARPHRD_NETLINK_ ? STEP_OTHER : STEP_NEXT;
	case LT_LINUX_SLL2:
		/*
		 * Protocol (2), reserved (2), interface index (4), ARPHRD
		 * type (2), packet type (1), address length (1), address (8).
		 */
		if (!cur_get_u16(c, next) || !cur_skip(c, 6) ||
		    !cur_get_u16(c, &hatype) || !cur_skip(c, 10))
			return STEP_TRUNC;
		return hatype == ARPHRD_NETLINK_ ? STEP_OTHER : STEP_NEXT;
	case LT_NULL:
		/*
		 * The AF value is in the capturing host's byte order; every
		 * AF value fits in 16 bits, so a larger one is the other.
		 */
		if (!cur_get_u32le(c, &af))
			return STEP_TRUNC;
		if (af > 0xffff)
			af = (af >> 24) | (af >> 8 & 0xff00) |
			    (af << 8 & 0xff0000) | (af << 24);
		return decode_af(af, next);
	case LT_LOOP:
		if (!cur_get_u32(c, &af))
			return STEP_TRUNC;
		return decode_af(af, next);
	case LT_RAW:
	case LT_RAW_OPENBSD:
	case LT_RAW_FILE:
		return step_of(tunnel_guess_ip(c, next));
	case LT_IPV4:
		*next = ETYPE_IPV4;
		return STEP_NEXT;
	case LT_IPV6:
		*next = ETYPE_IPV6;
		return STEP_NEXT;
	case LT_PPP:
		return step_of(tunnel_parse_ppp(c, next));
	case LT_PPP_SERIAL:
		/* Cisco HDLC: address 0x0f or 0x8f, control 0, EtherType. */
		if (cur_peek_u8(c, &b) && (b == 0x0f || b == 0x8f)) {
			if (!cur_skip(c, 2) || !cur_get_u16(c, next))
				return STEP_TRUNC;
			return STEP_NEXT;
		}
		return step_of(tunnel_parse_ppp(c, next));
	case LT_PPP_ETHER:
		return step_of(tunnel_parse_pppoe(c, next));
	default:
		return STEP_OTHER;
	}
}

static enum step
decode_af(uint32_t af, uint16_t *next)
{
	switch (af) {
	case LAF_INET:
		*next = ETYPE_IPV4;
		return STEP_NEXT;
	case LAF_INET6_LINUX:
	case LAF_INET6_BSD:
	case LAF_INET6_FREEBSD:
	case LAF_INET6_DARWIN:
		*next = ETYPE_IPV6;
		return STEP_NEXT;
	default:
		return STEP_OTHER;
	}
}

/* decode_net follows layers from EtherType "et" to TCP or a dead end. */
static enum step
decode_net(struct dctx *x, struct cur *c, uint16_t et)
{
	enum step s;
	unsigned i;

	for (i = 0; i < DEC_MAX_STEPS; i++) {
		switch (et) {
		case ETYPE_IPV4:
			s = decode_ip4(x, c, &et);
			break;
		case ETYPE_IPV6:
			s = decode_ip6(x, c, &et);
			break;
		case ETYPE_TEB:
			s = step_of(tunnel_parse_ether(c, &et));
			break;
		case ETYPE_VLAN:
		case ETYPE_QINQ:
		case ETYPE_QINQ_OLD:
			s = step_of(tunnel_parse_vlan(c, &et));
			break;
		case ETYPE_MPLS:
		case ETYPE_MPLS_MC:
			x->depth++;
			s = step_of(tunnel_parse_mpls(c, &et));
			break;
		case ETYPE_PPPOE:
			x->depth++;
			s = step_of(tunnel_parse_pppoe(c, &et));
			break;
		case ETYPE_PPP:
			s = step_of(tunnel_parse_ppp(c, &et));
			break;
		case ETYPE_NSH:
			x->depth++;
			s = step_of(tunnel_parse_nsh(c, &et));
			break;
		default:
			return STEP_OTHER;
		}
		if (s != STEP_NEXT)
			return s;
		if (x->depth > LIM_ENCAP_DEPTH)
			return STEP_OTHER;
	}
	return STEP_OTHER;
}

/*
 * decode_limit shortens the IP payload "c" to the "claimed" bytes the IP
 * header gives. Fewer bytes are there when the snaplen cut the frame; a
 * shortfall larger than the cut means the length field is wrong.
 */
static enum step
decode_limit(struct dctx *x, struct cur *c, uint32_t claimed)
{
	struct cur s;

	if (cur_sub(c, &s, 0, claimed)) {
		*c = s;
		return STEP_NEXT;
	}
	if (claimed - cur_len(c) > x->cut)
		return STEP_INVALID;
	return STEP_NEXT;
}

/*
 * decode_short says why a header inside an IP payload did not fit: the
 * capture ended (some of the "claimed" bytes are missing from the "have"
 * held) or the header overruns the IP length (all were there).
 */
static enum step
decode_short(size_t have, uint32_t claimed)
{
	return have < claimed ? STEP_TRUNC : STEP_INVALID;
}

/*
 * decode_frag hands a fragment to the reassembler. On STEP_NEXT "c",
 * "claimed" and "nh" describe the reassembled datagram's payload.
 */
static enum step
decode_frag(struct dctx *x, struct cur *c, uint32_t *claimed, uint8_t *nh,
    const struct frag_key *k, uint32_t off, bool more)
{
	struct decode *d = x->d;
	struct frag_done done;
	struct frag_in in;

	d->st.frags++;
	/* A cut fragment can never complete its datagram. */
	if (cur_len(c) < *claimed)
		return STEP_TRUNC;
	if (d->frag == NULL)
		d->frag = frag_new();
	in.off = off;
	in.more = more;
	in.nh = *nh;
	in.data = *c;
	switch (frag_add(d->frag, &done, k, &in, x->out->ts)) {
	case FRAG_HELD:
		return STEP_HELD;
	case FRAG_DONE:
		break;
	default:
		return STEP_INVALID;
	}
	d->st.frags_done++;
	if (done.conflict)
		pkt_anom(x->out, ANOM_IP_FRAG_OVERLAP, done.conflict_off);
	*c = done.data;
	*claimed = (uint32_t)cur_len(c);
	*nh = done.nh;
	x->cut = 0;		/* the datagram is whole */
	return STEP_NEXT;
}

/*
 * RFC 791, 3.1:
 *
 *	|Version|  IHL  |Type of Service|          Total Length         |
 *	|         Identification        |Flags|      Fragment Offset    |
 *	|  Time to Live |    Protocol   |         Header Checksum       |
 *	|                       Source Address                          |
 *	|                    Destination Address                        |
 *	|                    Options                    |    Padding    |
 */
static enum step
decode_ip4(struct dctx *x, struct cur *c, uint16_t *next)
{
	struct pkt *out = x->out;
	struct frag_key k;
	struct addr src, dst;
	uint32_t hl, claimed;
	uint16_t tot, id, fo, sum;
	uint8_t vihl, tos, ttl, proto;
	enum step s;

	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	if (!cur_get_u8(c, &vihl))
		return STEP_TRUNC;
	if (vihl >> 4 != 4 || (vihl & 0x0f) < 5)
		return STEP_INVALID;
	hl = (vihl & 0x0fu) * 4;
	if (!cur_get_u8(c, &tos) || !cur_get_u16(c, &tot) ||
	    !cur_get_u16(c, &id) || !cur_get_u16(c, &fo) ||
	    !cur_get_u8(c, &ttl) || !cur_get_u8(c, &proto) ||
	    !cur_get_u16(c, &sum) || !cur_copy(c, src.a, 4) ||
	    !cur_copy(c, dst.a, 4) || !cur_skip(c, hl - 20))
		return STEP_TRUNC;
	/* Total length 0: segmentation offload; the frame gives it. */
	if (tot == 0)
		claimed = len_add(cur_len(c), x->cut);
	else if (tot < hl)
		return STEP_INVALID;
	else
		claimed = tot - hl;
	if ((s = decode_limit(x, c, claimed)) != STEP_NEXT)
		return s;
	src.family = dst.family = 4;
	out->src = src;
	out->dst = dst;

	/* RFC 791, 3.2: MF set or an offset makes a fragment. */
	if (fo & 0x3fff) {
		memset(&k, 0, sizeof(k));
		k.family = 4;
		k.proto = proto;
		k.id = id;
		memcpy(k.src, src.a, 4);
		memcpy(k.dst, dst.a, 4);
		s = decode_frag(x, c, &claimed, &proto, &k,
		    (uint32_t)(fo & 0x1fff) * 8, (fo & 0x2000) != 0);
		if (s != STEP_NEXT)
			return s;
	}
	return decode_ipproto(x, c, proto, claimed, next);
}

/*
 * RFC 8200, 3:
 *
 *	|Version| Traffic Class |           Flow Label                  |
 *	|         Payload Length        |  Next Header  |   Hop Limit   |
 *	|                         Source Address (16)                   |
 *	|                      Destination Address (16)                 |
 *
 * then extension headers (RFC 8200, 4), at most LIM_IP6_EXT_HDRS.
 */
static enum step
decode_ip6(struct dctx *x, struct cur *c, uint16_t *next)
{
	struct pkt *out = x->out;
	struct frag_key k;
	struct addr src, dst;
	uint32_t vtf, id, claimed, hlen;
	uint16_t plen, offlg;
	size_t have;
	uint8_t nh, hlim, len, res;
	unsigned n;
	enum step s;

	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	if (!cur_get_u32(c, &vtf))
		return STEP_TRUNC;
	if (vtf >> 28 != 6)
		return STEP_INVALID;
	if (!cur_get_u16(c, &plen) || !cur_get_u8(c, &nh) ||
	    !cur_get_u8(c, &hlim) || !cur_copy(c, src.a, 16) ||
	    !cur_copy(c, dst.a, 16))
		return STEP_TRUNC;
	/* Length 0: a jumbogram (RFC 2675) or segmentation offload. */
	if (plen == 0 && nh != IPP_NONE)
		claimed = len_add(cur_len(c), x->cut);
	else
		claimed = plen;
	if ((s = decode_limit(x, c, claimed)) != STEP_NEXT)
		return s;
	src.family = dst.family = 6;
	out->src = src;
	out->dst = dst;

	/* Each header consumes at least 8 bytes of "c" and of "claimed". */
	for (n = 0; n < LIM_IP6_EXT_HDRS; n++) {
		have = cur_len(c);
		switch (nh) {
		case IPP_HOPOPTS:
			/* RFC 8200, 4.1: only right after the IPv6 header. */
			if (n != 0)
				return STEP_INVALID;
			/* FALLTHROUGH */
		case IPP_ROUTING:
		case IPP_DSTOPTS:
		case IPP_MOBILITY:
		case IPP_HIP:
		case IPP_SHIM6:
			/* RFC 8200, 4.3-4.6: length in 8-octet units - 1. */
			if (!cur_get_u8(c, &nh) || !cur_get_u8(c, &len) ||
			    !cur_skip(c, (size_t)len * 8 + 6))
				return decode_short(have, claimed);
			hlen = ((uint32_t)len + 1) * 8;
			break;
		case IPP_AH:
			/* RFC 4302, 2.2: length in 4-octet units - 2. */
			if (!cur_get_u8(c, &nh) || !cur_get_u8(c, &len) ||
			    !cur_skip(c, (size_t)len * 4 + 6))
				return decode_short(have, claimed);
			hlen = ((uint32_t)len + 2) * 4;
			break;
		case IPP_FRAGMENT:
			/*
			 * RFC 8200, 4.5:
			 * | Next Header | Reserved | Fragment Offset |Res|M|
			 * |                  Identification                |
			 */
			if (!cur_get_u8(c, &nh) || !cur_get_u8(c, &res) ||
			    !cur_get_u16(c, &offlg) || !cur_get_u32(c, &id))
				return decode_short(have, claimed);
			claimed -= 8;	/* "c" held them: claimed >= 8 */
			/* RFC 6946: offset 0 without M is no fragment. */
			if ((offlg & 0xfff9) == 0)
				continue;
			memset(&k, 0, sizeof(k));
			k.family = 6;
			k.id = id;
			memcpy(k.src, src.a, 16);
			memcpy(k.dst, dst.a, 16);
			s = decode_frag(x, c, &claimed, &nh, &k,
			    offlg & 0xfff8u, (offlg & 1) != 0);
			if (s != STEP_NEXT)
				return s;
			continue;
		case IPP_NONE:
			return STEP_OTHER;
		default:
			return decode_ipproto(x, c, nh, claimed, next);
		}
		/* Not reached: "c" held the header and never exceeds it. */
		if (hlen > claimed)
			return STEP_INVALID;
		claimed -= hlen;
	}
	return STEP_OTHER;
}

/* decode_ipproto follows the payload of an IP header. */
static enum step
decode_ipproto(struct dctx *x, struct cur *c, uint8_t proto,
    uint32_t claimed, uint16_t *next)
{
	enum tunnel_res r;
	struct udp_hdr uh;
	size_t have = cur_len(c);

	switch (proto) {
	case IPP_TCP:
		return decode_tcp(x, c, claimed);
	case IPP_IPIP:
		*next = ETYPE_IPV4;
		r = TUNNEL_NEXT;
		break;
	case IPP_IPV6:
		*next = ETYPE_IPV6;
		r = TUNNEL_NEXT;
		break;
	case IPP_GRE:
		r = tunnel_parse_gre(c, next);
		break;
	case IPP_UDP:
		r = tunnel_parse_udp(c, next, &uh);
		if (r == TUNNEL_OTHER && uh.ok)
			return decode_udp(x, &uh);	/* not a tunnel */
		break;
	default:
		return STEP_OTHER;
	}
	if (r == TUNNEL_NEXT) {
		x->tunneled = true;
		x->depth++;
	}
	if (r == TUNNEL_TRUNC)
		return decode_short(have, claimed);
	return step_of(r);
}

/*
 * decode_udp fills "out" with a datagram tunnel_parse_udp read (RFC 768);
 * a payload the snap length cut is marked ANOM_TRUNC.
 */
static enum step
decode_udp(struct dctx *x, const struct udp_hdr *h)
{
	struct pkt *out = x->out;

	out->sport = h->sport;
	out->dport = h->dport;
	out->payload = h->payload;
	out->payload_len = h->len;
	if (cur_len(&h->payload) < h->len)
		pkt_anom(out, ANOM_TRUNC,
		    h->len - (uint32_t)cur_len(&h->payload));
	return STEP_UDP;
}

/*
 * RFC 9293, 3.1:
 *
 *	|          Source Port          |       Destination Port        |
 *	|                        Sequence Number                        |
 *	|                    Acknowledgment Number                      |
 *	|  Data |       |C|E|U|A|P|R|S|F|                               |
 *	| Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *	|           Checksum            |         Urgent Pointer        |
 *	|                           [Options]                           |
 *
 * Checksums are not verified: captures on the sender see offloaded ones.
 */
static enum step
decode_tcp(struct dctx *x, struct cur *c, uint32_t claimed)
{
	struct pkt *out = x->out;
	struct cur opts;
	uint32_t hl;
	uint16_t sum, urg;
	uint8_t off;

	if (claimed < 20)
		return STEP_INVALID;
	if (!cur_get_u16(c, &out->sport) || !cur_get_u16(c, &out->dport) ||
	    !cur_get_u32(c, &out->seq) || !cur_get_u32(c, &out->ack) ||
	    !cur_get_u8(c, &off) || !cur_get_u8(c, &out->flags) ||
	    !cur_get_u16(c, &out->win) || !cur_get_u16(c, &sum) ||
	    !cur_get_u16(c, &urg))
		return STEP_TRUNC;
	/* RFC 9293, 3.1: Data Offset counts 32-bit words, at least 5. */
	hl = (uint32_t)(off >> 4) * 4;
	if (hl < 20 || hl > claimed)
		return STEP_INVALID;
	if (!cur_get_bytes(c, &opts, hl - 20))
		return STEP_TRUNC;
	decode_tcpopts(out, &opts);
	out->payload = *c;
	out->payload_len = claimed - hl;
	if (cur_len(c) < out->payload_len)
		pkt_anom(out, ANOM_TRUNC,
		    out->payload_len - (uint32_t)cur_len(c));
	return STEP_TCP;
}

/*
 * RFC 9293, 3.2: options are a kind byte, then for kinds other than EOL
 * and NOP a length byte counting both. A bad length ends the walk with
 * ANOM_TCP_INVALID (arg: the kind); the segment is still decoded.
 */
static void
decode_tcpopts(struct pkt *out, struct cur *o)
{
	struct cur v;
	uint8_t kind, len;
	bool ok;

	/* Each turn consumes at least one byte. */
	while (cur_get_u8(o, &kind) && kind != TCPOPT_EOL) {
		if (kind == TCPOPT_NOP)
			continue;
		if (!cur_get_u8(o, &len) || len < 2 ||
		    !cur_get_bytes(o, &v, len - 2u)) {
			pkt_anom(out, ANOM_TCP_INVALID, kind);
			return;
		}
		switch (kind) {
		case TCPOPT_MSS:
			ok = len == 4 && cur_get_u16(&v, &out->mss);
			out->has_mss |= ok;
			break;
		case TCPOPT_WSCALE:	/* RFC 7323, 2.2 */
			ok = len == 3 && cur_get_u8(&v, &out->wscale);
			out->has_wscale |= ok;
			break;
		case TCPOPT_SACK_OK:	/* RFC 2018, 2 */
			ok = len == 2;
			out->sack_ok |= ok;
			break;
		case TCPOPT_TS:		/* RFC 7323, 3.2 */
			ok = len == 10 && cur_get_u32(&v, &out->tsval) &&
			    cur_get_u32(&v, &out->tsecr);
			out->has_ts |= ok;
			break;
		default:
			ok = true;
			break;
		}
		if (!ok)
			pkt_anom(out, ANOM_TCP_INVALID, kind);
	}
}
