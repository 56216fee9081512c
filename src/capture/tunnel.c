/*
 * tunnel.c: Ethernet headers (outer or tunnelled), VLAN tags, MPLS label
 * stacks, PPP and PPPoE headers, GRE (with ERSPAN), NSH, VXLAN, VXLAN-GPE,
 * Geneve, GTP-U, L2TPv2, Teredo, MPLS and GRE in UDP.
 * Every function consumes one header and names the payload by EtherType;
 * decode.c loops over them.
 */
#include "capture/tunnel.h"

#include <stdbool.h>
#include <string.h>

/* GRE flags and version (RFC 2784, 2; RFC 2890, 2; RFC 2637, 4.1). */
#define GRE_C		0x8000		/* checksum present */
#define GRE_R		0x4000		/* routing present (RFC 1701) */
#define GRE_K		0x2000		/* key present */
#define GRE_S		0x1000		/* sequence number present */
#define GRE_A		0x0080		/* acknowledgment present (version 1) */
#define GRE_VERSION	0x0007

/* PPP protocol numbers (RFC 1661, 2; RFC 1332; RFC 5072; RFC 3032). */
#define PPP_IPV4	0x0021
#define PPP_IPV6	0x0057
#define PPP_MPLS	0x0281
#define PPP_MPLS_MC	0x0283

static void		tunnel_limit(struct cur *, size_t);
static enum tunnel_res	tunnel_erspan3(struct cur *, uint16_t *);
static enum tunnel_res	tunnel_vxlan(struct cur *, uint16_t *);
static enum tunnel_res	tunnel_geneve(struct cur *, uint16_t *);
static enum tunnel_res	tunnel_vxlan_gpe(struct cur *, uint16_t *);
static enum tunnel_res	tunnel_next_proto(uint8_t, uint16_t *);
static enum tunnel_res	tunnel_gtpu(struct cur *, uint16_t *);
static enum tunnel_res	tunnel_l2tp(struct cur *, uint16_t *);
static enum tunnel_res	tunnel_teredo(struct cur *, uint16_t *);

/* tunnel_limit shortens "c" to "n" bytes when it holds more. */
static void
tunnel_limit(struct cur *c, size_t n)
{
	struct cur s;

	if (cur_sub(c, &s, 0, n))
		*c = s;
}

enum tunnel_res
tunnel_guess_ip(const struct cur *c, uint16_t *next)
{
	uint8_t b;

	if (!cur_peek_u8(c, &b))
		return TUNNEL_TRUNC;
	switch (b >> 4) {
	case 4:
		*next = ETYPE_IPV4;
		return TUNNEL_NEXT;
	case 6:
		*next = ETYPE_IPV6;
		return TUNNEL_NEXT;
	default:
		return TUNNEL_OTHER;
	}
}

/*
 * IEEE 802.3: destination (6), source (6), EtherType or length (2). A
 * length is followed by IEEE 802.2 LLC; only SNAP with OUI 0 carries an
 * EtherType (RFC 1042).
 */
enum tunnel_res
tunnel_parse_ether(struct cur *c, uint16_t *next)
{
	uint32_t oui;
	uint8_t dsap, ssap, ctl;

	if (!cur_skip(c, 12) || !cur_get_u16(c, next))
		return TUNNEL_TRUNC;
	if (*next >= 0x0600)
		return TUNNEL_NEXT;
	if (*next > 1500)
		return TUNNEL_OTHER;
	if (!cur_get_u8(c, &dsap) || !cur_get_u8(c, &ssap) ||
	    !cur_get_u8(c, &ctl))
		return TUNNEL_TRUNC;
	if (dsap != 0xaa || ssap != 0xaa || ctl != 0x03)
		return TUNNEL_OTHER;
	if (!cur_get_u24(c, &oui) || !cur_get_u16(c, next))
		return TUNNEL_TRUNC;
	return oui == 0 ? TUNNEL_NEXT : TUNNEL_OTHER;
}

/*
 * IEEE 802.1Q / 802.1ad tag, after the TPID:
 *
 *	+-----+---+--------------+-------------------------------+
 *	| PCP |DEI|   VLAN ID    |           EtherType           |
 *	+-----+---+--------------+-------------------------------+
 */
enum tunnel_res
tunnel_parse_vlan(struct cur *c, uint16_t *next)
{
	uint16_t tci;

	if (!cur_get_u16(c, &tci) || !cur_get_u16(c, next))
		return TUNNEL_TRUNC;
	return TUNNEL_NEXT;
}

/*
 * RFC 3032, 2.1: a label stack entry.
 *
 *	 0                   1                   2                   3
 *	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *	|                Label                  | TC  |S|      TTL      |
 *	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The payload type is not on the wire: the explicit null labels name it,
 * else the first nibble is guessed, as every router's LSR does.
 */
enum tunnel_res
tunnel_parse_mpls(struct cur *c, uint16_t *next)
{
	uint32_t e;

	/* Each turn consumes four bytes. */
	do {
		if (!cur_get_u32(c, &e))
			return TUNNEL_TRUNC;
	} while ((e & 0x100) == 0);

	/* RFC 3032, 2.1: label 0 is IPv4 explicit null, 2 IPv6. */
	if (e >> 12 == 0) {
		*next = ETYPE_IPV4;
		return TUNNEL_NEXT;
	}
	if (e >> 12 == 2) {
		*next = ETYPE_IPV6;
		return TUNNEL_NEXT;
	}
	return tunnel_guess_ip(c, next);
}

/*
 * RFC 1662, 3.1 framing (address 0xff, control 0x03), optional, then the
 * RFC 1661, 2 protocol field, which RFC 1661, 6.5 may compress to one
 * byte (an odd first byte).
 */
enum tunnel_res
tunnel_parse_ppp(struct cur *c, uint16_t *next)
{
	uint16_t ac, proto;
	uint8_t b;

	/* 0xff is the RFC 1662 address; no protocol followed is 0xff. */
	if (cur_peek_u8(c, &b) && b == 0xff) {
		if (!cur_get_u16(c, &ac))
			return TUNNEL_TRUNC;
		if (ac != 0xff03)
			return TUNNEL_INVALID;
	}
	if (!cur_get_u8(c, &b))
		return TUNNEL_TRUNC;
	proto = b;
	if ((b & 1) == 0) {
		if (!cur_get_u8(c, &b))
			return TUNNEL_TRUNC;
		proto = (uint16_t)(proto << 8 | b);
	}
	switch (proto) {
	case PPP_IPV4:
		*next = ETYPE_IPV4;
		break;
	case PPP_IPV6:
		*next = ETYPE_IPV6;
		break;
	case PPP_MPLS:
		*next = ETYPE_MPLS;
		break;
	case PPP_MPLS_MC:
		*next = ETYPE_MPLS_MC;
		break;
	default:
		return TUNNEL_OTHER;
	}
	return TUNNEL_NEXT;
}

/*
 * RFC 2516, 4: PPPoE header, session stage (code 0x00), then PPP.
 *
 *	 0                   1                   2                   3
 *	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *	|  VER  | TYPE  |      CODE     |          SESSION_ID           |
 *	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *	|            LENGTH             |           payload             ~
 *	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
enum tunnel_res
tunnel_parse_pppoe(struct cur *c, uint16_t *next)
{
	uint16_t sid, len;
	uint8_t vt, code;

	if (!cur_get_u8(c, &vt) || !cur_get_u8(c, &code) ||
	    !cur_get_u16(c, &sid) || !cur_get_u16(c, &len))
		return TUNNEL_TRUNC;
	/* RFC 2516, 4: VER and TYPE are both 1. */
	if (vt != 0x11)
		return TUNNEL_INVALID;
	if (code != 0x00)
		return TUNNEL_OTHER;	/* discovery stage */
	/* LENGTH excludes Ethernet padding; a cut frame keeps what it has. */
	tunnel_limit(c, len);
	return tunnel_parse_ppp(c, next);
}

/*
 * RFC 2784, 2 with RFC 2890, 2 (key, sequence number):
 *
 *	|C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 *	|      Checksum (optional)      |       Offset (optional)       |
 *	|                         Key (optional)                        |
 *	|                 Sequence Number (optional)                    |
 *
 * Version 1 is RFC 2637, 4.1 (PPTP): the key is a payload length and a
 * call id, an acknowledgment number may follow, the payload is PPP.
 */
enum tunnel_res
tunnel_parse_gre(struct cur *c, uint16_t *next)
{
	uint16_t fl, proto, plen, callid;
	uint32_t w;

	if (!cur_get_u16(c, &fl) || !cur_get_u16(c, &proto))
		return TUNNEL_TRUNC;

	switch (fl & GRE_VERSION) {
	case 0:
		/* RFC 1701 source routing: deprecated by RFC 2784, 2.2. */
		if (fl & GRE_R)
			return TUNNEL_OTHER;
		if (((fl & GRE_C) && !cur_skip(c, 4)) ||
		    ((fl & GRE_K) && !cur_skip(c, 4)) ||
		    ((fl & GRE_S) && !cur_skip(c, 4)))
			return TUNNEL_TRUNC;
		break;
	case 1:
		if ((fl & (GRE_C | GRE_R | GRE_K)) != GRE_K ||
		    proto != ETYPE_PPP)
			return TUNNEL_INVALID;
		if (!cur_get_u16(c, &plen) || !cur_get_u16(c, &callid) ||
		    ((fl & GRE_S) && !cur_skip(c, 4)) ||
		    ((fl & GRE_A) && !cur_skip(c, 4)))
			return TUNNEL_TRUNC;
		if (plen == 0)
			return TUNNEL_OTHER;	/* an acknowledgment only */
		tunnel_limit(c, plen);
		*next = ETYPE_PPP;
		return TUNNEL_NEXT;
	default:
		return TUNNEL_OTHER;
	}

	switch (proto) {
	case ETYPE_ERSPAN2:
		/*
		 * ERSPAN type I has no header and no GRE sequence number;
		 * type II (draft-foschiano-erspan, 4.1) has both:
		 *
		 *  | Ver=1 |        VLAN           | COS |En|T|  Session ID  |
		 *  |       Reserved        |              Index              |
		 */
		if (fl & GRE_S) {
			if (!cur_get_u32(c, &w) || !cur_skip(c, 4))
				return TUNNEL_TRUNC;
			if (w >> 28 != 1)
				return TUNNEL_OTHER;
		}
		*next = ETYPE_TEB;
		return TUNNEL_NEXT;
	case ETYPE_ERSPAN3:
		return tunnel_erspan3(c, next);
	default:
		*next = proto;
		return TUNNEL_NEXT;
	}
}

/*
 * ERSPAN type III (draft-foschiano-erspan, 4.2):
 *
 *	| Ver=2 |        VLAN           | COS |BSO|T|   Session ID      |
 *	|                          Timestamp                            |
 *	|             SGT               |P|   FT    |  Hw ID    |D|Gra|O|
 *	|        Platform Specific SubHeader (8 octets, with O)         ~
 *
 * FT 0 is an Ethernet frame, FT 2 an IP packet.
 */
static enum tunnel_res
tunnel_erspan3(struct cur *c, uint16_t *next)
{
	uint32_t w0, ts;
	uint16_t sgt, w2;

	if (!cur_get_u32(c, &w0) || !cur_get_u32(c, &ts) ||
	    !cur_get_u16(c, &sgt) || !cur_get_u16(c, &w2) ||
	    ((w2 & 1) && !cur_skip(c, 8)))
		return TUNNEL_TRUNC;
	if (w0 >> 28 != 2)
		return TUNNEL_OTHER;
	switch ((w2 >> 10) & 0x1f) {
	case 0:
		*next = ETYPE_TEB;
		return TUNNEL_NEXT;
	case 2:
		return tunnel_guess_ip(c, next);
	default:
		return TUNNEL_OTHER;
	}
}

/*
 * RFC 768: the UDP header. VXLAN, VXLAN-GPE, Geneve, GTP-U, MPLS in UDP
 * and GRE in UDP are followed by destination port; L2TP and Teredo by either port (both
 * ends use 1701; a Teredo server or relay answers from 3544).
 */
enum tunnel_res
tunnel_parse_udp(struct cur *c, uint16_t *next, struct udp_hdr *h)
{
	uint16_t sport, dport, len, sum;

	memset(h, 0, sizeof(*h));
	if (!cur_get_u16(c, &sport) || !cur_get_u16(c, &dport) ||
	    !cur_get_u16(c, &len) || !cur_get_u16(c, &sum))
		return TUNNEL_TRUNC;
	/* RFC 768: the length counts the header; 0 is an IPv6 jumbogram. */
	if (len != 0 && len < 8)
		return TUNNEL_INVALID;
	if (len != 0)
		tunnel_limit(c, len - 8u);
	h->ok = true;
	h->sport = sport;
	h->dport = dport;
	h->len = len != 0 ? len - 8u : (uint32_t)cur_len(c);
	h->payload = *c;
	switch (dport) {
	case TUNNEL_PORT_VXLAN:
		return tunnel_vxlan(c, next);
	case TUNNEL_PORT_GENEVE:
		return tunnel_geneve(c, next);
	case TUNNEL_PORT_VXLAN_GPE:
		return tunnel_vxlan_gpe(c, next);
	case TUNNEL_PORT_GTPU:
		return tunnel_gtpu(c, next);
	case TUNNEL_PORT_MPLS_UDP:
		/* RFC 7510, 3: a label stack follows the UDP header. */
		*next = ETYPE_MPLS;
		return TUNNEL_NEXT;
	case TUNNEL_PORT_GRE_UDP:
		/* RFC 8086, 3: a GRE header follows the UDP header. */
		return tunnel_parse_gre(c, next);
	default:
		break;
	}
	if (dport == TUNNEL_PORT_L2TP || sport == TUNNEL_PORT_L2TP)
		return tunnel_l2tp(c, next);
	if (dport == TUNNEL_PORT_TEREDO || sport == TUNNEL_PORT_TEREDO)
		return tunnel_teredo(c, next);
	return TUNNEL_OTHER;
}

/*
 * draft-ietf-nvo3-vxlan-gpe-12, 3.1: the VXLAN-GPE header.
 *
 *	|R|R|Ver|I|P|B|O|       Reserved                |Next Protocol  |
 *	|                VXLAN Network Identifier (VNI) |   Reserved    |
 *
 * Next Protocol (3.3). Version 0 only.
 */
static enum tunnel_res
tunnel_vxlan_gpe(struct cur *c, uint16_t *next)
{
	uint8_t fl, r1, r2, np;

	if (!cur_get_u8(c, &fl) || !cur_get_u8(c, &r1) ||
	    !cur_get_u8(c, &r2) || !cur_get_u8(c, &np) || !cur_skip(c, 4))
		return TUNNEL_TRUNC;
	if ((fl & 0x30) != 0)
		return TUNNEL_OTHER;
	return tunnel_next_proto(np, next);
}

/*
 * tunnel_next_proto names the payload of a VXLAN-GPE or NSH header by the
 * Next Protocol value the two share (draft-ietf-nvo3-vxlan-gpe-12, 3.3;
 * RFC 8300, 11.2.5): 1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH, 5 MPLS.
 */
static enum tunnel_res
tunnel_next_proto(uint8_t np, uint16_t *next)
{
	static const uint16_t etype[] = { 0, ETYPE_IPV4, ETYPE_IPV6,
	    ETYPE_TEB, ETYPE_NSH, ETYPE_MPLS };

	if (np == 0 || np >= sizeof(etype) / sizeof(etype[0]))
		return TUNNEL_OTHER;
	*next = etype[np];
	return TUNNEL_NEXT;
}

/*
 * RFC 8300, 2.2: the Network Service Header.
 *
 *	|Ver|O|U|    TTL    |   Length  |U|U|U|U|MD Type| Next Protocol |
 *	|          Service Path Identifier (SPI)        | Service Index |
 *	~              Context Headers (MD Type 1: 16 bytes)            ~
 *
 * Length counts the whole header in 4-byte words: 6 for MD Type 1
 * (2.4), at least 2 for MD Type 2 (2.5). Version 0 only.
 */
enum tunnel_res
tunnel_parse_nsh(struct cur *c, uint16_t *next)
{
	uint16_t w;
	uint8_t md, np;
	size_t len;

	if (!cur_get_u16(c, &w) || !cur_get_u8(c, &md) ||
	    !cur_get_u8(c, &np))
		return TUNNEL_TRUNC;
	if (w >> 14 != 0)
		return TUNNEL_OTHER;
	len = (size_t)(w & 0x3f) * 4;
	md &= 0x0f;
	if (len < 8 || (md == 1 && len != 24) || (md != 1 && md != 2))
		return TUNNEL_INVALID;
	if (!cur_skip(c, len - 4))
		return TUNNEL_TRUNC;
	return tunnel_next_proto(np, next);
}

/*
 * 3GPP TS 29.281, 5.1: the GTPv1-U header.
 *
 *	| Ver |PT|*|E|S|PN|  Message Type  |            Length             |
 *	|                 Tunnel Endpoint Identifier (TEID)                 |
 *	|       Sequence Number (E|S|PN)    | N-PDU Number | Next Ext Type |
 *
 * Version 1, PT 1 (GTP, not GTP'); message type 255 (G-PDU) carries a
 * user IP packet (the T-PDU); the others are signalling. Extension
 * headers (5.2) are a length in 4-byte units, content, and the next
 * type in their last byte, until type 0. Length counts what follows the
 * first 8 bytes.
 */
static enum tunnel_res
tunnel_gtpu(struct cur *c, uint16_t *next)
{
	uint8_t fl, type, n, nt, i;
	uint16_t len, seq;
	uint32_t teid;

	if (!cur_get_u8(c, &fl) || !cur_get_u8(c, &type) ||
	    !cur_get_u16(c, &len) || !cur_get_u32(c, &teid))
		return TUNNEL_TRUNC;
	if (fl >> 5 != 1 || (fl & 0x10) == 0 || type != 255)
		return TUNNEL_OTHER;
	tunnel_limit(c, len);
	if (fl & 0x07) {
		if (!cur_get_u16(c, &seq) || !cur_get_u8(c, &n) ||
		    !cur_get_u8(c, &nt))
			return TUNNEL_TRUNC;
		/* A bounded chain: each extension is at least 4 bytes. */
		for (i = 0; nt != 0 && i < 16; i++) {
			if (!cur_get_u8(c, &n))
				return TUNNEL_TRUNC;
			if (n == 0)
				return TUNNEL_INVALID;
			if (!cur_skip(c, (size_t)n * 4 - 2) ||
			    !cur_get_u8(c, &nt))
				return TUNNEL_TRUNC;
		}
		if (nt != 0)
			return TUNNEL_INVALID;
	}
	return tunnel_guess_ip(c, next);
}

/*
 * RFC 2661, 3.1: the L2TPv2 header, then a PPP frame (data messages).
 *
 *	|T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 *	|           Tunnel ID           |           Session ID          |
 *	|             Ns (opt)          |             Nr (opt)          |
 *	|      Offset Size (opt)        |    Offset pad... (opt)
 *
 * Control messages (T) are not followed; neither is L2TPv3 (version 3).
 */
static enum tunnel_res
tunnel_l2tp(struct cur *c, uint16_t *next)
{
	uint16_t fl, v, off;

	if (!cur_get_u16(c, &fl))
		return TUNNEL_TRUNC;
	if ((fl & 0x000f) != 2 || (fl & 0x8000))
		return TUNNEL_OTHER;
	if (((fl & 0x4000) && !cur_get_u16(c, &v)) ||
	    !cur_skip(c, 4) || ((fl & 0x0800) && !cur_skip(c, 4)))
		return TUNNEL_TRUNC;
	if ((fl & 0x0200) && (!cur_get_u16(c, &off) || !cur_skip(c, off)))
		return TUNNEL_TRUNC;
	*next = ETYPE_PPP;
	return TUNNEL_NEXT;
}

/*
 * RFC 4380, 5.1.1: Teredo carries IPv6 in UDP, optionally behind an
 * authentication indicator (0x0001, ID-len, AU-len, ID, AU, nonce 8,
 * confirmation 1) and an origin indication (0x0000, port 2, address 4).
 * Anything but IPv6 after them (bubbles included) is not followed.
 */
static enum tunnel_res
tunnel_teredo(struct cur *c, uint16_t *next)
{
	uint16_t ind;
	uint8_t idl, aul;

	if (!cur_peek_u16(c, &ind))
		return TUNNEL_TRUNC;
	if (ind == 0x0001) {
		if (!cur_skip(c, 2) || !cur_get_u8(c, &idl) ||
		    !cur_get_u8(c, &aul) ||
		    !cur_skip(c, (size_t)idl + aul + 9))
			return TUNNEL_TRUNC;
		if (!cur_peek_u16(c, &ind))
			return TUNNEL_TRUNC;
	}
	if (ind == 0x0000 && !cur_skip(c, 8))
		return TUNNEL_TRUNC;
	if (tunnel_guess_ip(c, next) != TUNNEL_NEXT || *next != ETYPE_IPV6)
		return TUNNEL_OTHER;
	return TUNNEL_NEXT;
}

/*
 * RFC 7348, 5: the VXLAN header, then an Ethernet frame.
 *
 *	|R|R|R|R|I|R|R|R|            Reserved                           |
 *	|                VXLAN Network Identifier (VNI) |   Reserved    |
 */
static enum tunnel_res
tunnel_vxlan(struct cur *c, uint16_t *next)
{
	if (!cur_skip(c, 8))
		return TUNNEL_TRUNC;
	*next = ETYPE_TEB;
	return TUNNEL_NEXT;
}

/*
 * RFC 8926, 3.4: the Geneve header.
 *
 *	|Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
 *	|        Virtual Network Identifier (VNI)       |    Reserved   |
 *	|                    Variable-Length Options                    |
 *
 * Opt Len counts 4-byte words. RFC 8926, 3.4: a packet of an unknown
 * version is not followed.
 */
static enum tunnel_res
tunnel_geneve(struct cur *c, uint16_t *next)
{
	uint8_t vo, fl;

	if (!cur_get_u8(c, &vo))
		return TUNNEL_TRUNC;
	if (vo >> 6 != 0)
		return TUNNEL_OTHER;
	if (!cur_get_u8(c, &fl) || !cur_get_u16(c, next) || !cur_skip(c, 4) ||
	    !cur_skip(c, (size_t)(vo & 0x3f) * 4))
		return TUNNEL_TRUNC;
	return TUNNEL_NEXT;
}
