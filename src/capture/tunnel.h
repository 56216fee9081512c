/*
 * tunnel.h: the headers between a link header and an IP header (Ethernet
 * too, which tunnels carry), and the tunnels inside IP (GRE, ERSPAN, VXLAN,
 * Geneve). Each parser consumes its header from the cursor and names what
 * follows as an EtherType, so that the decoder (decode.c) dispatches every
 * layer the same way.
 */
#ifndef TLSHAKE_CAPTURE_TUNNEL_H
#define TLSHAKE_CAPTURE_TUNNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"

/* EtherTypes (IEEE registry) and GRE protocol types (RFC 2784, 2.4). */
#define ETYPE_IPV4	0x0800
#define ETYPE_IPV6	0x86dd
#define ETYPE_VLAN	0x8100		/* IEEE 802.1Q */
#define ETYPE_QINQ	0x88a8		/* IEEE 802.1ad */
#define ETYPE_QINQ_OLD	0x9100		/* pre-standard QinQ */
#define ETYPE_MPLS	0x8847		/* RFC 5332 */
#define ETYPE_MPLS_MC	0x8848
#define ETYPE_PPPOE	0x8864		/* RFC 2516, session stage */
#define ETYPE_PPP	0x880b		/* RFC 2637, 4.1 (GRE version 1) */
#define ETYPE_TEB	0x6558		/* transparent Ethernet bridging */
#define ETYPE_ERSPAN2	0x88be		/* ERSPAN types I and II */
#define ETYPE_ERSPAN3	0x22eb
#define ETYPE_NSH	0x894f		/* RFC 8300, 9.1 */

/* UDP ports of UDP tunnels. */
#define TUNNEL_PORT_VXLAN	4789	/* RFC 7348, 5 */
#define TUNNEL_PORT_GENEVE	6081	/* RFC 8926, 3.3 */
#define TUNNEL_PORT_VXLAN_GPE	4790	/* draft-ietf-nvo3-vxlan-gpe, 3.1 */
#define TUNNEL_PORT_GTPU	2152	/* 3GPP TS 29.281, 4.4.2.3 */
#define TUNNEL_PORT_L2TP	1701	/* RFC 2661, 3.1 */
#define TUNNEL_PORT_TEREDO	3544	/* RFC 4380, 5.2.1 */
#define TUNNEL_PORT_GRE_UDP	4754	/* RFC 8086, 3 */
#define TUNNEL_PORT_MPLS_UDP	6635	/* RFC 7510, 3 */

enum tunnel_res {
	TUNNEL_NEXT = 0,	/* header consumed; EtherType of what follows */
	TUNNEL_OTHER,		/* not followed (unknown type, not a tunnel) */
	TUNNEL_INVALID,		/* impossible header */
	TUNNEL_TRUNC,		/* the header is cut */
};

/*
 * Each tunnel_parse_* function consumes one header from "c", sets "*next"
 * to the EtherType of the payload and returns TUNNEL_NEXT. On another
 * result "c" and "*next" are unspecified. They may shorten "c" to a length
 * the header gives (PPPoE, GRE version 1, UDP). They record no anomaly.
 */
enum tunnel_res	tunnel_parse_ether(struct cur *, uint16_t *);
enum tunnel_res	tunnel_parse_vlan(struct cur *, uint16_t *);
enum tunnel_res	tunnel_parse_mpls(struct cur *, uint16_t *);
enum tunnel_res	tunnel_parse_ppp(struct cur *, uint16_t *);
enum tunnel_res	tunnel_parse_pppoe(struct cur *, uint16_t *);
enum tunnel_res	tunnel_parse_gre(struct cur *, uint16_t *);
enum tunnel_res	tunnel_parse_nsh(struct cur *, uint16_t *);
/* A UDP header read by tunnel_parse_udp (RFC 768). */
struct udp_hdr {
	bool		ok;		/* the 8 header bytes were there */
	uint16_t	sport, dport;
	uint32_t	len;		/* payload bytes the header claims */
	struct cur	payload;	/* the payload captured */
};

/*
 * tunnel_parse_udp follows VXLAN, VXLAN-GPE, Geneve, GTP-U, L2TPv2 data,
 * Teredo, MPLS in UDP and GRE in UDP by port (TUNNEL_OTHER else). "*h" gets the UDP header and
 * the payload whatever the result, for a datagram that is no tunnel.
 */
enum tunnel_res	tunnel_parse_udp(struct cur *, uint16_t *, struct udp_hdr *);
/* tunnel_guess_ip names IPv4 or IPv6 from the version nibble. */
enum tunnel_res	tunnel_guess_ip(const struct cur *, uint16_t *);

#endif /* TLSHAKE_CAPTURE_TUNNEL_H */
