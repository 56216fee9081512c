/*
 * test-decode.c: capture/decode.c (with frag.c and tunnel.c) on frames
 * built here byte by byte: every link type and encapsulation, IPv6
 * extension headers, IP fragments, snaplen cuts, every prefix of valid
 * frames and single-bit flips. Prints one "ok" or "FAIL" line per group;
 * exits non-zero on a failure.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/decode.h"
#include "common/limits.h"

/* Link types, as in <pcap/dlt.h>. */
enum {
	DLT_NULL_ = 0, DLT_EN10MB_ = 1, DLT_PPP_ = 9, DLT_RAW_ = 12,
	DLT_RAW_OPENBSD_ = 14, DLT_PPP_SERIAL_ = 50, DLT_PPP_ETHER_ = 51,
	LINKTYPE_RAW_ = 101, DLT_LOOP_ = 108, DLT_LINUX_SLL_ = 113,
	DLT_IPV4_ = 228, DLT_IPV6_ = 229, DLT_LINUX_SLL2_ = 276,
};

static int failures;
static int group_failures;
static const char *ctx = "";

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: [%s] CHECK(%s) failed\n",	\
		    __FILE__, __LINE__, ctx, #cond);			\
		group_failures++;					\
	}								\
} while (0)

struct frame {
	uint8_t	b[8192];
	size_t	n;
};

/* Frames in the prefix and bit-flip groups. */
struct sample {
	const char	*name;
	int		 dlt;
	struct frame	 f;
};

#define MAX_SAMPLES	48

/* The innermost TCP segment of most frames: options, then 9 bytes. */
static const uint8_t tcp_seg[] = {
	0xc3, 0x50, 0x01, 0xbb,		/* 50000 -> 443 */
	0x01, 0x02, 0x03, 0x04,		/* seq */
	0x05, 0x06, 0x07, 0x08,		/* ack */
	0xb0, 0x18, 0xfa, 0xf0,		/* offset 11, PSH|ACK, window */
	0x00, 0x00, 0x00, 0x00,		/* checksum, urgent pointer */
	0x02, 0x04, 0x05, 0xb4,		/* MSS 1460 */
	0x04, 0x02,			/* SACK permitted */
	0x08, 0x0a, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, /* TS */
	0x01, 0x03, 0x03, 0x07,		/* NOP, window scale 7 */
	0x01, 0x01, 0x01, 0x00,		/* NOP NOP NOP EOL */
	'h', 'e', 'l', 'l', 'o', ' ', 't', 'l', 's',
};
#define TCP_LEN		sizeof(tcp_seg)
#define PAYLOAD_LEN	9
#define INNER4_LEN	(20 + TCP_LEN)
#define INNER6_LEN	(40 + TCP_LEN)

static const uint8_t a4[4] = { 192, 0, 2, 1 };
static const uint8_t b4[4] = { 198, 51, 100, 2 };
static const uint8_t o4a[4] = { 10, 0, 0, 1 };
static const uint8_t o4b[4] = { 10, 0, 0, 2 };
static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t b6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
static const uint8_t o6a[16] = { 0xfd, [15] = 1 };
static const uint8_t o6b[16] = { 0xfd, [15] = 2 };

static struct decode	*last_dec;
static uint8_t		*last_copy;

static void	group_end(const char *);
static void	put(struct frame *, const void *, size_t);
static void	put8(struct frame *, unsigned);
static void	put16(struct frame *, unsigned);
static void	put32(struct frame *, uint32_t);
static void	eth(struct frame *, unsigned);
static void	ip4h(struct frame *, unsigned, size_t, unsigned, unsigned,
		    const uint8_t *, const uint8_t *);
static void	ip4(struct frame *, unsigned, size_t);
static void	ip6h(struct frame *, unsigned, size_t, const uint8_t *,
		    const uint8_t *);
static void	inner4(struct frame *);
static void	inner6(struct frame *);
static enum decode_res run(int, const struct frame *, uint32_t,
		    struct pkt *);
static void	check_seg(const struct pkt *, int);
static void	expect_tcp(const char *, int, const struct frame *, int);
static void	expect_res(const char *, int, const struct frame *,
		    enum decode_res);
static size_t	build_samples(struct sample *);
static void	ip4_frag(struct frame *, unsigned, size_t, size_t, unsigned,
		    const uint8_t *);
static void	ip6_frag(struct frame *, size_t, size_t, uint32_t,
		    const uint8_t *);
static void	test_links(void);
static void	test_encaps(void);
static void	test_tunnels(void);
static void	test_ip6_ext(void);
static void	test_frag_order(void);
static void	test_frag_overlap(void);
static void	test_frag_expire(void);
static void	test_frag_caps(void);
static void	test_frag_misc(void);
static void	test_lengths(void);
static void	test_tcp(void);
static void	test_prefixes(void);
static void	test_bitflips(void);
static int	write_seeds(const char *);

static void
group_end(const char *name)
{
	printf("%s %s\n", group_failures == 0 ? "ok" : "FAIL", name);
	failures += group_failures;
	group_failures = 0;
}

static void
put(struct frame *f, const void *p, size_t n)
{
	if (n > sizeof(f->b) - f->n) {
		fprintf(stderr, "frame too large\n");
		exit(2);
	}
	memcpy(f->b + f->n, p, n);
	f->n += n;
}

static void
put8(struct frame *f, unsigned v)
{
	uint8_t b = (uint8_t)v;

	put(f, &b, 1);
}

static void
put16(struct frame *f, unsigned v)
{
	put8(f, v >> 8);
	put8(f, v);
}

static void
put32(struct frame *f, uint32_t v)
{
	put16(f, v >> 16);
	put16(f, v & 0xffff);
}

/* Ethernet: destination, source, EtherType. */
static void
eth(struct frame *f, unsigned type)
{
	static const uint8_t macs[12] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
		0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
	};

	put(f, macs, sizeof(macs));
	put16(f, type);
}

static void
ip4h(struct frame *f, unsigned proto, size_t paylen, unsigned id,
    unsigned fo, const uint8_t *src, const uint8_t *dst)
{
	put8(f, 0x45);
	put8(f, 0);
	put16(f, 20 + (unsigned)paylen);
	put16(f, id);
	put16(f, fo);
	put8(f, 64);
	put8(f, proto);
	put16(f, 0);
	put(f, src, 4);
	put(f, dst, 4);
}

/* An outer IPv4 header 10.0.0.1 -> 10.0.0.2, DF. */
static void
ip4(struct frame *f, unsigned proto, size_t paylen)
{
	ip4h(f, proto, paylen, 0x1234, 0x4000, o4a, o4b);
}

static void
ip6h(struct frame *f, unsigned nh, size_t paylen, const uint8_t *src,
    const uint8_t *dst)
{
	put32(f, 0x60000000);
	put16(f, (unsigned)paylen);
	put8(f, nh);
	put8(f, 64);
	put(f, src, 16);
	put(f, dst, 16);
}

static void
inner4(struct frame *f)
{
	ip4h(f, 6, TCP_LEN, 0x4321, 0x4000, a4, b4);
	put(f, tcp_seg, TCP_LEN);
}

static void
inner6(struct frame *f)
{
	ip6h(f, 6, TCP_LEN, a6, b6);
	put(f, tcp_seg, TCP_LEN);
}

/*
 * run decodes "caplen" bytes of "f" (wire length f->n) with a new decoder,
 * from an exactly sized copy so that ASan sees any over-read. Both stay
 * alive until the next call, for the checks on "p".
 */
static enum decode_res
run(int dlt, const struct frame *f, uint32_t caplen, struct pkt *p)
{
	decode_free(last_dec);
	free(last_copy);
	last_dec = decode_new(dlt);
	last_copy = malloc(caplen == 0 ? 1 : caplen);
	if (last_dec == NULL || last_copy == NULL) {
		fprintf(stderr, "setup failed for DLT %d\n", dlt);
		exit(2);
	}
	memcpy(last_copy, f->b, caplen);
	return decode_packet(last_dec, p, last_copy, caplen, (uint32_t)f->n,
	    1000000, 1);
}

/* check_seg checks "p" is tcp_seg between the inner addresses. */
static void
check_seg(const struct pkt *p, int family)
{
	CHECK(p->src.family == family && p->dst.family == family);
	if (family == 4) {
		CHECK(memcmp(p->src.a, a4, 4) == 0);
		CHECK(memcmp(p->dst.a, b4, 4) == 0);
	} else {
		CHECK(memcmp(p->src.a, a6, 16) == 0);
		CHECK(memcmp(p->dst.a, b6, 16) == 0);
	}
	CHECK(p->sport == 50000 && p->dport == 443);
	CHECK(p->seq == 0x01020304 && p->ack == 0x05060708);
	CHECK(p->flags == (TCPF_PSH | TCPF_ACK) && p->win == 0xfaf0);
	CHECK(p->has_mss && p->mss == 1460);
	CHECK(p->has_wscale && p->wscale == 7);
	CHECK(p->sack_ok);
	CHECK(p->has_ts && p->tsval == 1 && p->tsecr == 2);
	CHECK(p->payload_len == PAYLOAD_LEN);
	CHECK(cur_equal(&p->payload, "hello tls", PAYLOAD_LEN));
	CHECK(p->anom == ANOM_NONE);
}

static void
expect_tcp(const char *name, int dlt, const struct frame *f, int family)
{
	struct pkt p;

	ctx = name;
	CHECK(run(dlt, f, (uint32_t)f->n, &p) == DEC_TCP);
	check_seg(&p, family);
	CHECK(p.frame == 1 && p.ts == 1000000);
	CHECK(p.caplen == f->n && p.wirelen == f->n);
}

static void
expect_res(const char *name, int dlt, const struct frame *f,
    enum decode_res want)
{
	struct pkt p;

	ctx = name;
	CHECK(run(dlt, f, (uint32_t)f->n, &p) == want);
}

/* Fills "s" with one valid frame per link type and encapsulation. */
static size_t
build_samples(struct sample *s)
{
	static const uint8_t sll_addr[8] = { 0x00, 0x11, 0x22, 0x33, 0x44,
	    0x55, 0, 0 };
	static const uint8_t opt8[8] = { 0x01, 0x02, 0x80, 0x01, 0xde, 0xad,
	    0xbe, 0xef };
	size_t n = 0;
	struct frame *f;

#define ADD(nm, d) (memset(&s[n], 0, sizeof(s[n])), s[n].name = (nm), \
	s[n].dlt = (d), f = &s[n++].f)

	ADD("ether ipv4", DLT_EN10MB_);
	eth(f, 0x0800);
	inner4(f);

	ADD("ether ipv6", DLT_EN10MB_);
	eth(f, 0x86dd);
	inner6(f);

	ADD("ether 802.3 snap", DLT_EN10MB_);
	eth(f, 8 + INNER4_LEN);
	put(f, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	inner4(f);

	ADD("sll", DLT_LINUX_SLL_);
	put16(f, 0);			/* to us */
	put16(f, 1);			/* ARPHRD_ETHER */
	put16(f, 6);
	put(f, sll_addr, 8);
	put16(f, 0x0800);
	inner4(f);

	ADD("sll2", DLT_LINUX_SLL2_);
	put16(f, 0x86dd);
	put16(f, 0);
	put32(f, 2);			/* ifindex */
	put16(f, 1);			/* ARPHRD_ETHER */
	put8(f, 4);			/* outgoing */
	put8(f, 6);
	put(f, sll_addr, 8);
	inner6(f);

	ADD("null le v4", DLT_NULL_);
	put(f, "\x02\x00\x00\x00", 4);
	inner4(f);

	ADD("null be v4", DLT_NULL_);
	put(f, "\x00\x00\x00\x02", 4);
	inner4(f);

	ADD("null le v6 darwin", DLT_NULL_);
	put(f, "\x1e\x00\x00\x00", 4);
	inner6(f);

	ADD("null be v6 openbsd", DLT_NULL_);
	put(f, "\x00\x00\x00\x18", 4);
	inner6(f);

	ADD("null le v6 freebsd", DLT_NULL_);
	put(f, "\x1c\x00\x00\x00", 4);
	inner6(f);

	ADD("null le v6 linux", DLT_NULL_);
	put(f, "\x0a\x00\x00\x00", 4);
	inner6(f);

	ADD("loop v4", DLT_LOOP_);
	put(f, "\x00\x00\x00\x02", 4);
	inner4(f);

	ADD("loop v6", DLT_LOOP_);
	put(f, "\x00\x00\x00\x18", 4);
	inner6(f);

	ADD("raw v4", DLT_RAW_);
	inner4(f);

	ADD("raw v6", DLT_RAW_);
	inner6(f);

	ADD("raw openbsd v4", DLT_RAW_OPENBSD_);
	inner4(f);

	ADD("linktype raw v6", LINKTYPE_RAW_);
	inner6(f);

	ADD("ipv4 dlt", DLT_IPV4_);
	inner4(f);

	ADD("ipv6 dlt", DLT_IPV6_);
	inner6(f);

	ADD("ppp ff03", DLT_PPP_);
	put(f, "\xff\x03\x00\x21", 4);
	inner4(f);

	ADD("ppp v6 no address", DLT_PPP_);
	put(f, "\x00\x57", 2);
	inner6(f);

	ADD("ppp compressed protocol", DLT_PPP_);
	put8(f, 0x21);
	inner4(f);

	ADD("ppp serial", DLT_PPP_SERIAL_);
	put(f, "\xff\x03\x00\x21", 4);
	inner4(f);

	ADD("ppp serial cisco hdlc", DLT_PPP_SERIAL_);
	put(f, "\x0f\x00\x86\xdd", 4);
	inner6(f);

	ADD("ppp ether", DLT_PPP_ETHER_);
	put(f, "\x11\x00\x00\x01", 4);
	put16(f, 2 + INNER4_LEN);
	put16(f, 0x0021);
	inner4(f);

	ADD("vlan", DLT_EN10MB_);
	eth(f, 0x8100);
	put16(f, 100);
	put16(f, 0x0800);
	inner4(f);

	ADD("qinq 88a8", DLT_EN10MB_);
	eth(f, 0x88a8);
	put16(f, 200);
	put16(f, 0x8100);
	put16(f, 100);
	put16(f, 0x86dd);
	inner6(f);

	ADD("qinq 9100", DLT_EN10MB_);
	eth(f, 0x9100);
	put16(f, 200);
	put16(f, 0x8100);
	put16(f, 100);
	put16(f, 0x0800);
	inner4(f);

	ADD("mpls 2 labels", DLT_EN10MB_);
	eth(f, 0x8847);
	put32(f, 1000u << 12 | 64);
	put32(f, 2000u << 12 | 0x100 | 64);
	inner4(f);

	ADD("mpls ipv6 explicit null", DLT_EN10MB_);
	eth(f, 0x8848);
	put32(f, 2u << 12 | 0x100 | 64);
	inner6(f);

	ADD("pppoe", DLT_EN10MB_);
	eth(f, 0x8864);
	put(f, "\x11\x00\x12\x34", 4);
	put16(f, 2 + INNER6_LEN);
	put16(f, 0x0057);
	inner6(f);

	ADD("gre", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 47, 4 + INNER4_LEN);
	put(f, "\x00\x00\x08\x00", 4);
	inner4(f);

	ADD("gre csum key seq", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 47, 16 + INNER6_LEN);
	put(f, "\xb0\x00\x86\xdd", 4);
	put32(f, 0);			/* checksum, offset */
	put32(f, 42);			/* key */
	put32(f, 7);			/* sequence */
	inner6(f);

	ADD("gre v1 pptp", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 47, 16 + 4 + INNER4_LEN);
	put(f, "\x30\x81\x88\x0b", 4);	/* K S A, version 1, PPP */
	put16(f, 4 + INNER4_LEN);
	put16(f, 1);			/* call id */
	put32(f, 5);			/* sequence */
	put32(f, 4);			/* acknowledgment */
	put(f, "\xff\x03\x00\x21", 4);
	inner4(f);

	ADD("erspan I", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 47, 4 + 14 + INNER4_LEN);
	put(f, "\x00\x00\x88\xbe", 4);
	eth(f, 0x0800);
	inner4(f);

	ADD("erspan II", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 47, 8 + 8 + 14 + 4 + INNER4_LEN);
	put(f, "\x10\x00\x88\xbe", 4);
	put32(f, 1);			/* GRE sequence */
	put32(f, 0x10640001);		/* version 1, VLAN 100, session 1 */
	put32(f, 7);			/* index */
	eth(f, 0x8100);
	put16(f, 100);
	put16(f, 0x0800);
	inner4(f);

	ADD("erspan III", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 47, 8 + 12 + 8 + 14 + INNER6_LEN);
	put(f, "\x10\x00\x22\xeb", 4);
	put32(f, 1);			/* GRE sequence */
	put32(f, 0x20640001);		/* version 2, VLAN 100, session 1 */
	put32(f, 0x12345678);		/* timestamp */
	put16(f, 0);			/* SGT */
	put16(f, 0x0001);		/* FT 0 (Ethernet), O */
	put(f, opt8, 8);		/* platform specific subheader */
	eth(f, 0x86dd);
	inner6(f);

	ADD("vxlan", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 17, 8 + 8 + 14 + INNER4_LEN);
	put16(f, 54321);
	put16(f, 4789);
	put16(f, 8 + 8 + 14 + INNER4_LEN);
	put16(f, 0);
	put(f, "\x08\x00\x00\x00\x00\x00\x64\x00", 8);
	eth(f, 0x0800);
	inner4(f);

	ADD("geneve option", DLT_EN10MB_);
	eth(f, 0x86dd);
	ip6h(f, 17, 8 + 16 + 14 + INNER4_LEN, o6a, o6b);
	put16(f, 54321);
	put16(f, 6081);
	put16(f, 8 + 16 + 14 + INNER4_LEN);
	put16(f, 0);
	put(f, "\x02\x00\x65\x58\x00\x00\x64\x00", 8);	/* 2 option words */
	put(f, opt8, 8);		/* class 0x0102 type 0x80 len 1 */
	eth(f, 0x0800);
	inner4(f);

	ADD("geneve ipv6 payload", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 17, 8 + 8 + INNER6_LEN);
	put16(f, 54321);
	put16(f, 6081);
	put16(f, 8 + 8 + INNER6_LEN);
	put16(f, 0);
	put(f, "\x00\x00\x86\xdd\x00\x00\x64\x00", 8);
	inner6(f);

	ADD("4in4", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 4, INNER4_LEN);
	inner4(f);

	ADD("6in4", DLT_EN10MB_);
	eth(f, 0x0800);
	ip4(f, 41, INNER6_LEN);
	inner6(f);

	ADD("4in6", DLT_EN10MB_);
	eth(f, 0x86dd);
	ip6h(f, 4, INNER4_LEN, o6a, o6b);
	inner4(f);

	ADD("6in6", DLT_EN10MB_);
	eth(f, 0x86dd);
	ip6h(f, 41, INNER6_LEN, o6a, o6b);
	inner6(f);

	ADD("ipv6 extension headers", DLT_RAW_);
	ip6h(f, 0, 8 + 16 + 8 + 24 + TCP_LEN, a6, b6);
	put(f, "\x3c\x00\x01\x04\x00\x00\x00\x00", 8);	/* HBH, PadN */
	put(f, "\x2b\x01\x01\x0c", 4);			/* DSTOPTS */
	put32(f, 0);
	put32(f, 0);
	put32(f, 0);
	put(f, "\x33\x00\x04\x00\x00\x00\x00\x00", 8);	/* routing */
	put(f, "\x06\x04\x00\x00", 4);			/* AH: 24 bytes */
	put32(f, 0x100);		/* SPI */
	put32(f, 1);			/* sequence */
	put32(f, 0xaaaaaaaa);		/* ICV (12) */
	put32(f, 0xbbbbbbbb);
	put32(f, 0xcccccccc);
	put(f, tcp_seg, TCP_LEN);
#undef ADD
	return n;
}

/* Every link type, each with IPv4 and IPv6 where it names them. */
static void
test_links(void)
{
	static struct sample s[MAX_SAMPLES];
	size_t i, n = build_samples(s);
	struct pkt p;
	int fam;

	for (i = 0; i < n; i++) {
		/* The inner header's first byte says the family. */
		fam = s[i].f.n >= INNER6_LEN &&
		    s[i].f.b[s[i].f.n - INNER6_LEN] == 0x60 ? 6 : 4;
		if (strcmp(s[i].name, "ipv6 extension headers") == 0)
			fam = 6;
		expect_tcp(s[i].name, s[i].dlt, &s[i].f, fam);
	}
	ctx = "unsupported dlt";
	CHECK(decode_new(105) == NULL && !decode_dlt_supported(105));
	CHECK(decode_new(-1) == NULL);
	CHECK(decode_dlt_supported(1) && decode_dlt_supported(276));
	ctx = "stats";
	run(DLT_EN10MB_, &s[0].f, (uint32_t)s[0].f.n, &p);
	CHECK(decode_stats(last_dec)->tcp == 1);
	CHECK(decode_stats(last_dec)->other == 0);
	CHECK(decode_stats(last_dec)->tunnels == 0);
	CHECK(decode_frag_held(last_dec) == 0);
	group_end("link types (every DLT, both byte orders of NULL)");
}

/* Links and shims that are not followed, or are impossible. */
static void
test_encaps(void)
{
	struct frame f;

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0806);		/* ARP */
	put(&f, "\x00\x01\x08\x00\x06\x04\x00\x01", 8);
	expect_res("arp", DLT_EN10MB_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	eth(&f, 100);			/* 802.3, not SNAP */
	put(&f, "\x42\x42\x03\x00\x00\x00\x00\x00", 8);
	expect_res("802.3 stp", DLT_EN10MB_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	put16(&f, 4);			/* outgoing */
	put16(&f, 824);			/* ARPHRD_NETLINK */
	put16(&f, 0);
	put32(&f, 0);
	put32(&f, 0);
	put16(&f, 0x0800);		/* a netlink family, not IPv4 */
	inner4(&f);
	expect_res("sll netlink", DLT_LINUX_SLL_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	put16(&f, 0x0800);
	put16(&f, 0);
	put32(&f, 1);
	put16(&f, 824);			/* ARPHRD_NETLINK */
	put8(&f, 4);
	put8(&f, 0);
	put32(&f, 0);
	put32(&f, 0);
	inner4(&f);
	expect_res("sll2 netlink", DLT_LINUX_SLL2_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	put(&f, "\x07\x00\x00\x00", 4);	/* AF 7 */
	inner4(&f);
	expect_res("null unknown af", DLT_NULL_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	put(&f, "\x02\x00\x00\x00", 4);	/* LOOP is network order */
	inner4(&f);
	expect_res("loop little endian", DLT_LOOP_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	put(&f, "\xff\x03\xc0\x21", 4);	/* LCP */
	put32(&f, 0x01010004);
	expect_res("ppp lcp", DLT_PPP_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	put(&f, "\xff\x05\x00\x21", 4);
	inner4(&f);
	expect_res("ppp bad control", DLT_PPP_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x8864);
	put(&f, "\x12\x00\x12\x34", 4);	/* version 1, type 2 */
	put16(&f, 2 + INNER4_LEN);
	put16(&f, 0x0021);
	inner4(&f);
	expect_res("pppoe bad version", DLT_EN10MB_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x8863);		/* discovery */
	put(&f, "\x11\x09\x00\x00\x00\x00", 6);
	expect_res("pppoe discovery", DLT_EN10MB_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x8847);
	put32(&f, 16u << 12 | 0x100 | 64);
	put(&f, "\x00\x00\x00\x00", 4);	/* control word: not guessed */
	eth(&f, 0x0800);
	inner4(&f);
	expect_res("mpls pseudowire", DLT_EN10MB_, &f, DEC_OTHER);

	/* PPPoE LENGTH cuts Ethernet padding off. */
	memset(&f, 0, sizeof(f));
	eth(&f, 0x8864);
	put(&f, "\x11\x00\x12\x34", 4);
	put16(&f, 2 + INNER4_LEN);
	put16(&f, 0x0021);
	inner4(&f);
	put(&f, "\0\0\0\0\0\0", 6);
	expect_tcp("pppoe padding", DLT_EN10MB_, &f, 4);

	/* VLAN tags cost no depth, but the loop is bounded. */
	memset(&f, 0, sizeof(f));
	eth(&f, 0x8100);
	for (int i = 0; i < 200; i++) {
		put16(&f, 1);
		put16(&f, 0x8100);
	}
	put16(&f, 1);
	put16(&f, 0x0800);
	inner4(&f);
	expect_res("200 vlan tags", DLT_EN10MB_, &f, DEC_OTHER);
	group_end("links and shims not followed, padding, tag loop");
}

/* Tunnels: depth cap, stats, things not followed. */
static void
test_tunnels(void)
{
	struct frame f;
	struct pkt p;
	int i, levels;

	/* LIM_ENCAP_DEPTH levels of IP in IP are followed, one more not. */
	for (levels = LIM_ENCAP_DEPTH; levels <= LIM_ENCAP_DEPTH + 1;
	    levels++) {
		memset(&f, 0, sizeof(f));
		eth(&f, 0x0800);
		for (i = 0; i < levels; i++)
			ip4(&f, 4, (size_t)(levels - i - 1) * 20 +
			    INNER4_LEN);
		inner4(&f);
		if (levels == LIM_ENCAP_DEPTH) {
			expect_tcp("ipip at depth cap", DLT_EN10MB_, &f, 4);
			CHECK(decode_stats(last_dec)->tunnels == 1);
		} else
			expect_res("ipip past depth cap", DLT_EN10MB_, &f,
			    DEC_OTHER);
	}

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 17, 8 + 4);
	put16(&f, 5353);
	put16(&f, 53);
	put16(&f, 12);
	put16(&f, 0);
	put32(&f, 0);
	expect_res("udp dns", DLT_EN10MB_, &f, DEC_UDP);
	ctx = "udp dns stats";
	/* a datagram, not a tunnel: counted as UDP, not "other" */
	CHECK(decode_stats(last_dec)->udp == 1);
	CHECK(run(DLT_EN10MB_, &f, (uint32_t)f.n, &p) == DEC_UDP);
	CHECK(p.sport == 5353 && p.dport == 53);
	CHECK(p.payload_len == 4 && cur_len(&p.payload) == 4);
	CHECK(p.anom == ANOM_NONE);
	/* the snap length cuts the payload: marked */
	CHECK(run(DLT_EN10MB_, &f, (uint32_t)f.n - 3, &p) == DEC_UDP);
	CHECK(p.payload_len == 4 && cur_len(&p.payload) == 1);
	CHECK(p.anom == ANOM_TRUNC && p.anom_arg == 3);
	CHECK(decode_stats(last_dec)->other == 0);
	CHECK(decode_stats(last_dec)->tunnels == 0);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 17, 6);
	put16(&f, 5353);
	put16(&f, 4789);
	put16(&f, 6);			/* IP leaves no room for it */
	expect_res("udp header past ip length", DLT_EN10MB_, &f,
	    DEC_INVALID);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 17, 8 + 8);
	put16(&f, 5353);
	put16(&f, 4789);
	put16(&f, 4);
	put16(&f, 0);
	put(&f, "\x08\x00\x00\x00\x00\x00\x64\x00", 8);
	expect_res("udp length 4", DLT_EN10MB_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 17, 8 + 8 + INNER4_LEN);
	put16(&f, 1);
	put16(&f, 6081);
	put16(&f, 8 + 8 + INNER4_LEN);
	put16(&f, 0);
	put(&f, "\x40\x00\x08\x00\x00\x00\x64\x00", 8);	/* version 1 */
	inner4(&f);
	/* not a Geneve header tlshake follows: a datagram to port 6081 */
	expect_res("geneve version 1", DLT_EN10MB_, &f, DEC_UDP);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 47, 4 + INNER4_LEN);
	put(&f, "\x00\x02\x08\x00", 4);	/* version 2 */
	inner4(&f);
	expect_res("gre version 2", DLT_EN10MB_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 47, 8 + INNER4_LEN);
	put(&f, "\x20\x01\x08\x00", 4);	/* version 1 but not PPP */
	put32(&f, 0);
	inner4(&f);
	expect_res("gre v1 not ppp", DLT_EN10MB_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 47, 12);
	put(&f, "\x20\x81\x88\x0b", 4);	/* PPTP acknowledgment only */
	put32(&f, 1);
	put32(&f, 9);
	expect_res("gre v1 ack only", DLT_EN10MB_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 47, 8 + 12 + INNER4_LEN);
	put(&f, "\x10\x00\x22\xeb", 4);
	put32(&f, 1);
	put32(&f, 0x20640001);
	put32(&f, 0);
	put16(&f, 0);
	put16(&f, 2 << 10);		/* FT 2: IP */
	inner4(&f);
	expect_tcp("erspan III ip frame", DLT_EN10MB_, &f, 4);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 47, 4 + 4 + 8 + INNER4_LEN);
	put(&f, "\x10\x00\x88\xbe", 4);
	put32(&f, 1);
	put32(&f, 0x30640001);		/* version 3 under type II */
	put32(&f, 0);
	inner4(&f);
	expect_res("erspan II bad version", DLT_EN10MB_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4(&f, 1, 8);			/* ICMP */
	put32(&f, 0x08000000);
	put32(&f, 0);
	ctx = "icmp";
	CHECK(run(DLT_EN10MB_, &f, (uint32_t)f.n, &p) == DEC_OTHER);
	group_end("tunnels (depth cap, udp, gre versions, erspan)");
}

/* IPv6 extension headers: order, bound, no next header, AH. */
static void
test_ip6_ext(void)
{
	struct frame f;
	int i;

	memset(&f, 0, sizeof(f));
	ip6h(&f, 60, 8 + 8 + TCP_LEN, a6, b6);
	put(&f, "\x00\x00\x01\x04\x00\x00\x00\x00", 8);	/* DSTOPTS -> HBH */
	put(&f, "\x06\x00\x01\x04\x00\x00\x00\x00", 8);
	put(&f, tcp_seg, TCP_LEN);
	expect_res("hbh not first", DLT_RAW_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	ip6h(&f, 60, 8, a6, b6);
	put(&f, "\x3b\x00\x01\x04\x00\x00\x00\x00", 8);
	expect_res("no next header", DLT_RAW_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	ip6h(&f, 50, 16, a6, b6);	/* ESP */
	put32(&f, 1);
	put32(&f, 1);
	put32(&f, 0);
	put32(&f, 0);
	expect_res("esp", DLT_RAW_, &f, DEC_OTHER);

	/* LIM: 16 headers are walked, the 17th is not. */
	memset(&f, 0, sizeof(f));
	ip6h(&f, 60, 17 * 8 + TCP_LEN, a6, b6);
	for (i = 0; i < 17; i++)
		put(&f, i == 16 ? "\x06\x00\x01\x04\x00\x00\x00\x00" :
		    "\x3c\x00\x01\x04\x00\x00\x00\x00", 8);
	put(&f, tcp_seg, TCP_LEN);
	expect_res("17 extension headers", DLT_RAW_, &f, DEC_OTHER);

	memset(&f, 0, sizeof(f));
	ip6h(&f, 60, 15 * 8 + TCP_LEN, a6, b6);
	for (i = 0; i < 15; i++)
		put(&f, i == 14 ? "\x06\x00\x01\x04\x00\x00\x00\x00" :
		    "\x3c\x00\x01\x04\x00\x00\x00\x00", 8);
	put(&f, tcp_seg, TCP_LEN);
	expect_tcp("15 extension headers", DLT_RAW_, &f, 6);

	/* An extension header longer than the payload length. */
	memset(&f, 0, sizeof(f));
	ip6h(&f, 60, 8, a6, b6);
	put(&f, "\x06\x02\x01\x04\x00\x00\x00\x00", 8);
	put(&f, tcp_seg, TCP_LEN);
	expect_res("dstopts past payload length", DLT_RAW_, &f, DEC_INVALID);

	/* RFC 6946: an atomic fragment is decoded as is. */
	memset(&f, 0, sizeof(f));
	ip6h(&f, 44, 8 + TCP_LEN, a6, b6);
	put(&f, "\x06\x00\x00\x00\x00\x00\x00\x09", 8);
	put(&f, tcp_seg, TCP_LEN);
	expect_tcp("atomic fragment", DLT_RAW_, &f, 6);
	CHECK(decode_stats(last_dec)->frags == 0);
	group_end("ipv6 extension headers");
}

/*
 * ip4_frag appends to "f" an IPv4 fragment (DLT_IPV4) of "data" bytes
 * off..off+len, MF set when "more", id "id".
 */
static void
ip4_frag(struct frame *f, unsigned id, size_t off, size_t len,
    unsigned more, const uint8_t *data)
{
	memset(f, 0, sizeof(*f));
	ip4h(f, 6, len, id, (unsigned)(off / 8) | (more ? 0x2000 : 0), a4,
	    b4);
	put(f, data + off, len);
}

static void
ip6_frag(struct frame *f, size_t off, size_t len, uint32_t more,
    const uint8_t *data)
{
	memset(f, 0, sizeof(*f));
	ip6h(f, 44, 8 + len, a6, b6);
	put8(f, 6);
	put8(f, 0);
	put16(f, (unsigned)off | (more ? 1 : 0));
	put32(f, 0xdeadbeef);
	put(f, data + off, len);
}

/* Fragments in order and out of order, IPv4 and IPv6, in a tunnel. */
static void
test_frag_order(void)
{
	static const size_t cut[][3] = {
		/* off, len, more */
		{ 0, 24, 1 }, { 24, 16, 1 }, { 40, TCP_LEN - 40, 0 },
	};
	static const int orders[][3] = {
		{ 0, 1, 2 }, { 2, 0, 1 }, { 1, 2, 0 }, { 2, 1, 0 },
	};
	struct decode *d;
	struct frame f;
	struct pkt p;
	size_t o, i, k;
	enum decode_res r;

	ctx = "ipv4 fragments";
	d = decode_new(DLT_IPV4_);
	for (o = 0; o < sizeof(orders) / sizeof(orders[0]); o++) {
		for (i = 0; i < 3; i++) {
			k = (size_t)orders[o][i];
			ip4_frag(&f, 0x100 + (unsigned)o, cut[k][0],
			    cut[k][1], (unsigned)cut[k][2], tcp_seg);
			r = decode_packet(d, &p, f.b, (uint32_t)f.n,
			    (uint32_t)f.n, 1000000 + i, (uint32_t)(i + 1));
			if (i < 2)
				CHECK(r == DEC_FRAG_HELD);
			else {
				CHECK(r == DEC_TCP);
				check_seg(&p, 4);
				CHECK(p.frame == 3);
			}
		}
	}
	CHECK(decode_stats(d)->frags == 12);
	CHECK(decode_stats(d)->frags_done == 4);
	CHECK(decode_stats(d)->tcp == 4);
	CHECK(decode_stats(d)->frags_dropped == 0);
	CHECK(decode_frag_held(d) == 0);
	decode_free(d);

	ctx = "ipv6 fragments";
	d = decode_new(DLT_RAW_);
	ip6_frag(&f, 32, TCP_LEN - 32, 0, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 1) ==
	    DEC_FRAG_HELD);
	CHECK(decode_frag_held(d) > 0);
	ip6_frag(&f, 0, 32, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 2, 2) ==
	    DEC_TCP);
	check_seg(&p, 6);
	CHECK(decode_frag_held(d) == 0);
	decode_free(d);

	/* The outer header of a GRE tunnel is fragmented. */
	ctx = "fragmented gre";
	{
		struct frame inner, g;

		memset(&inner, 0, sizeof(inner));
		put(&inner, "\x00\x00\x08\x00", 4);
		inner4(&inner);
		d = decode_new(DLT_EN10MB_);
		memset(&g, 0, sizeof(g));
		eth(&g, 0x0800);
		ip4h(&g, 47, 40, 0x77, 0x2000, o4a, o4b);
		put(&g, inner.b, 40);
		CHECK(decode_packet(d, &p, g.b, (uint32_t)g.n, (uint32_t)g.n,
		    1, 1) == DEC_FRAG_HELD);
		memset(&g, 0, sizeof(g));
		eth(&g, 0x0800);
		ip4h(&g, 47, inner.n - 40, 0x77, 40 / 8, o4a, o4b);
		put(&g, inner.b + 40, inner.n - 40);
		put(&g, "\0\0\0\0", 4);	/* Ethernet padding */
		CHECK(decode_packet(d, &p, g.b, (uint32_t)g.n, (uint32_t)g.n,
		    2, 2) == DEC_TCP);
		check_seg(&p, 4);
		CHECK(decode_stats(d)->tunnels == 1);
		decode_free(d);
	}
	group_end("ip fragments in and out of order (v4, v6, under gre)");
}

/* Overlaps: identical copies are fine, a disagreeing one is marked. */
static void
test_frag_overlap(void)
{
	struct decode *d;
	struct frame f;
	struct pkt p;
	uint8_t alt[TCP_LEN];

	ctx = "identical overlap";
	d = decode_new(DLT_IPV4_);
	ip4_frag(&f, 1, 0, 24, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 1) ==
	    DEC_FRAG_HELD);
	ip4_frag(&f, 1, 16, 24, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 2) ==
	    DEC_FRAG_HELD);
	ip4_frag(&f, 1, 40, TCP_LEN - 40, 0, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 3) ==
	    DEC_TCP);
	check_seg(&p, 4);

	/* A second last fragment changes the payload: the first wins. */
	ctx = "conflicting overlap";
	memcpy(alt, tcp_seg, TCP_LEN);
	alt[44] = 'H';
	ip4_frag(&f, 2, 40, TCP_LEN - 40, 0, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 4) ==
	    DEC_FRAG_HELD);
	ip4_frag(&f, 2, 40, TCP_LEN - 40, 0, alt);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 5) ==
	    DEC_FRAG_HELD);
	ip4_frag(&f, 2, 0, 40, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 6) ==
	    DEC_TCP);
	CHECK(p.anom == ANOM_IP_FRAG_OVERLAP && p.anom_arg == 40);
	CHECK(cur_equal(&p.payload, "hello tls", PAYLOAD_LEN));
	CHECK(p.sport == 50000 && p.payload_len == PAYLOAD_LEN);

	/* A later "last" fragment that ends short of data seen. */
	ctx = "conflicting end";
	ip4_frag(&f, 3, 0, 48, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 7) ==
	    DEC_FRAG_HELD);
	ip4_frag(&f, 3, 40, 4, 0, tcp_seg);	/* ends at 44 < 48 */
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 8) ==
	    DEC_FRAG_HELD);
	ip4_frag(&f, 3, 40, TCP_LEN - 40, 0, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 9) ==
	    DEC_TCP);
	CHECK(p.anom == ANOM_IP_FRAG_OVERLAP && p.anom_arg == 44);
	CHECK(cur_equal(&p.payload, "hello tls", PAYLOAD_LEN));
	CHECK(decode_frag_held(d) == 0);
	decode_free(d);
	group_end("ip fragment overlaps (first copy wins, conflict marked)");
}

/* A train that never completes goes after LIM_FRAG_SECS of packet time. */
static void
test_frag_expire(void)
{
	const uint64_t t0 = 5000000, max = (uint64_t)LIM_FRAG_SECS * 1000000;
	struct decode *d;
	struct frame f, plain;
	struct pkt p;

	ctx = "expire";
	memset(&plain, 0, sizeof(plain));
	inner4(&plain);
	d = decode_new(DLT_IPV4_);
	ip4_frag(&f, 9, 0, 24, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, t0, 1) ==
	    DEC_FRAG_HELD);
	CHECK(decode_packet(d, &p, plain.b, (uint32_t)plain.n,
	    (uint32_t)plain.n, t0 + max, 2) == DEC_TCP);
	CHECK(decode_frag_held(d) > 0);
	CHECK(decode_stats(d)->frags_dropped == 0);
	CHECK(decode_packet(d, &p, plain.b, (uint32_t)plain.n,
	    (uint32_t)plain.n, t0 + max + 1, 3) == DEC_TCP);
	CHECK(decode_frag_held(d) == 0);
	CHECK(decode_stats(d)->frags_dropped == 1);
	/* The rest of the datagram now starts a new train. */
	ip4_frag(&f, 9, 24, TCP_LEN - 24, 0, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n,
	    t0 + max + 2, 4) == DEC_FRAG_HELD);
	/* A clock going back expires nothing. */
	CHECK(decode_packet(d, &p, plain.b, (uint32_t)plain.n,
	    (uint32_t)plain.n, 0, 5) == DEC_TCP);
	CHECK(decode_frag_held(d) > 0);
	decode_free(d);
	group_end("ip fragments expire after LIM_FRAG_SECS");
}

/* The caps on trains and bytes. */
static void
test_frag_caps(void)
{
	static uint8_t big[65536 + 64];
	struct decode *d;
	struct frame f;
	struct pkt p;
	unsigned i;

	ctx = "train cap";
	d = decode_new(DLT_IPV4_);
	for (i = 0; i < LIM_FRAG_TRAINS + 5; i++) {
		ip4_frag(&f, i, 0, 24, 1, tcp_seg);
		CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n,
		    1, i + 1) == DEC_FRAG_HELD);
	}
	CHECK(decode_stats(d)->frags_dropped == 5);
	/* The oldest went: train 0 cannot complete, the newest can. */
	ip4_frag(&f, 0, 24, TCP_LEN - 24, 0, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 1) ==
	    DEC_FRAG_HELD);
	ip4_frag(&f, LIM_FRAG_TRAINS + 4, 24, TCP_LEN - 24, 0, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 1) ==
	    DEC_TCP);
	check_seg(&p, 4);
	decode_free(d);

	/* Each train grows to 64 KiB: the byte cap drops the oldest. */
	ctx = "byte cap";
	d = decode_new(DLT_IPV4_);
	for (i = 0; i < 200; i++) {
		ip4_frag(&f, i, 65000, 16, 1, big);
		CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n,
		    1, i + 1) == DEC_FRAG_HELD);
		CHECK(decode_frag_held(d) <= LIM_FRAG_BYTES);
	}
	CHECK(decode_stats(d)->frags_dropped > 100);
	CHECK(decode_frag_held(d) > LIM_FRAG_BYTES / 2);
	decode_free(d);
	group_end("ip fragment caps (LIM_FRAG_TRAINS, LIM_FRAG_BYTES)");
}

/* Fragments no datagram can hold, and cut ones. */
static void
test_frag_misc(void)
{
	static uint8_t big[65536 + 64];
	struct decode *d;
	struct frame f;
	struct pkt p;

	d = decode_new(DLT_IPV4_);
	ctx = "not a multiple of 8";
	ip4_frag(&f, 1, 0, 20, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 1) ==
	    DEC_INVALID);
	ctx = "past 65535";
	ip4_frag(&f, 1, 8191 * 8, 16, 0, big);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 2) ==
	    DEC_INVALID);
	ctx = "cut fragment";
	ip4_frag(&f, 1, 0, 24, 1, tcp_seg);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n - 1, (uint32_t)f.n, 1,
	    3) == DEC_TRUNC);
	CHECK(decode_stats(d)->frags == 3);
	CHECK(decode_stats(d)->invalid == 2 && decode_stats(d)->trunc == 1);
	CHECK(decode_frag_held(d) == 0);
	ctx = "exactly 65535";
	ip4_frag(&f, 2, 65528, 7, 0, big);
	CHECK(decode_packet(d, &p, f.b, (uint32_t)f.n, (uint32_t)f.n, 1, 4) ==
	    DEC_FRAG_HELD);
	decode_free(d);
	group_end("ip fragments refused (length, range, cut)");
}

/* IP lengths: padding, snaplen cuts, lies, offload. */
static void
test_lengths(void)
{
	struct frame f;
	struct pkt p;

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	inner4(&f);
	put(&f, "\0\0\0\0\0\0\0\0", 8);	/* padding */
	expect_tcp("ethernet padding", DLT_EN10MB_, &f, 4);

	ctx = "snaplen cut";
	CHECK(run(DLT_EN10MB_, &f, (uint32_t)f.n - 12, &p) == DEC_TCP);
	CHECK(p.payload_len == PAYLOAD_LEN);
	CHECK(cur_len(&p.payload) == PAYLOAD_LEN - 4);
	CHECK(p.anom == ANOM_TRUNC && p.anom_arg == 4);
	CHECK(p.caplen == f.n - 12 && p.wirelen == f.n);

	ctx = "snaplen cut ipv6";
	memset(&f, 0, sizeof(f));
	eth(&f, 0x86dd);
	inner6(&f);
	CHECK(run(DLT_EN10MB_, &f, (uint32_t)f.n - 9, &p) == DEC_TCP);
	CHECK(cur_len(&p.payload) == 0 && p.payload_len == PAYLOAD_LEN);
	CHECK(p.anom == ANOM_TRUNC && p.anom_arg == PAYLOAD_LEN);

	/* The IP header claims bytes the wire never had. */
	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4h(&f, 6, TCP_LEN + 100, 1, 0, a4, b4);
	put(&f, tcp_seg, TCP_LEN);
	expect_res("ipv4 length lie", DLT_EN10MB_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	eth(&f, 0x0800);
	ip4h(&f, 6, 0, 1, 0, a4, b4);	/* total length 20 */
	put(&f, tcp_seg, TCP_LEN);
	expect_res("ipv4 length leaves no tcp", DLT_EN10MB_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	put(&f, "\x46\x00\x00\x14", 4);	/* IHL 6, total length 20 */
	put(&f, "\x00\x00\x00\x00\x40\x06\x00\x00", 8);
	put(&f, a4, 4);
	put(&f, b4, 4);
	put32(&f, 0);
	put(&f, tcp_seg, TCP_LEN);
	expect_res("ipv4 length < ihl", DLT_RAW_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	put(&f, "\x44\x00\x00\x14", 4);	/* IHL 4 */
	put(&f, "\x00\x00\x00\x00\x40\x06\x00\x00", 8);
	put(&f, a4, 4);
	put(&f, b4, 4);
	expect_res("ipv4 ihl 4", DLT_RAW_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	inner6(&f);
	expect_res("ipv6 in ipv4 dlt", DLT_IPV4_, &f, DEC_INVALID);

	/* IPv4 options are skipped. */
	memset(&f, 0, sizeof(f));
	put(&f, "\x47\x00", 2);
	put16(&f, 28 + TCP_LEN);
	put(&f, "\x00\x00\x00\x00\x40\x06\x00\x00", 8);
	put(&f, a4, 4);
	put(&f, b4, 4);
	put(&f, "\x07\x07\x04\x00\x00\x00\x00\x00", 8);	/* record route */
	put(&f, tcp_seg, TCP_LEN);
	expect_tcp("ipv4 options", DLT_RAW_, &f, 4);

	/* Segmentation offload: total length 0, the frame gives it. */
	memset(&f, 0, sizeof(f));
	ip4h(&f, 6, 0, 1, 0, a4, b4);
	f.b[2] = f.b[3] = 0;
	put(&f, tcp_seg, TCP_LEN);
	expect_tcp("tso total length 0", DLT_RAW_, &f, 4);

	memset(&f, 0, sizeof(f));
	ip6h(&f, 6, 0, a6, b6);
	put(&f, tcp_seg, TCP_LEN);
	expect_tcp("ipv6 payload length 0", DLT_RAW_, &f, 6);
	group_end("ip lengths (padding, snaplen cut, lies, offload)");
}

/* TCP header checks and options. */
static void
test_tcp(void)
{
	struct frame f;
	struct pkt p;
	uint8_t seg[TCP_LEN];

	memcpy(seg, tcp_seg, TCP_LEN);
	seg[12] = 0x40;			/* data offset 4 */
	memset(&f, 0, sizeof(f));
	ip4h(&f, 6, TCP_LEN, 1, 0, a4, b4);
	put(&f, seg, TCP_LEN);
	expect_res("data offset 4", DLT_RAW_, &f, DEC_INVALID);

	memcpy(seg, tcp_seg, TCP_LEN);
	memset(&f, 0, sizeof(f));
	ip4h(&f, 6, 40, 1, 0, a4, b4);	/* ends inside the options */
	put(&f, seg, 40);
	expect_res("data offset past ip length", DLT_RAW_, &f, DEC_INVALID);

	memset(&f, 0, sizeof(f));
	ip4h(&f, 6, TCP_LEN, 1, 0, a4, b4);
	put(&f, tcp_seg, TCP_LEN);
	ctx = "header cut";
	CHECK(run(DLT_RAW_, &f, 20 + 30, &p) == DEC_TRUNC);
	CHECK(decode_stats(last_dec)->trunc == 1);

	/* A bad option length: options so far kept, segment decoded. */
	memcpy(seg, tcp_seg, TCP_LEN);
	seg[27] = 0x20;			/* timestamps length 32 */
	memset(&f, 0, sizeof(f));
	ip4h(&f, 6, TCP_LEN, 1, 0, a4, b4);
	put(&f, seg, TCP_LEN);
	ctx = "bad option length";
	CHECK(run(DLT_RAW_, &f, (uint32_t)f.n, &p) == DEC_TCP);
	CHECK(p.anom == ANOM_TCP_INVALID && p.anom_arg == 8);
	CHECK(p.has_mss && p.sack_ok && !p.has_ts && !p.has_wscale);
	CHECK(cur_equal(&p.payload, "hello tls", PAYLOAD_LEN));

	memcpy(seg, tcp_seg, TCP_LEN);
	seg[21] = 0x03;			/* MSS length 3 */
	seg[23] = 0x01;			/* then a NOP */
	memset(&f, 0, sizeof(f));
	ip4h(&f, 6, TCP_LEN, 1, 0, a4, b4);
	put(&f, seg, TCP_LEN);
	ctx = "mss length 3";
	CHECK(run(DLT_RAW_, &f, (uint32_t)f.n, &p) == DEC_TCP);
	CHECK(p.anom == ANOM_TCP_INVALID && p.anom_arg == 2 && !p.has_mss);
	CHECK(p.has_ts && p.tsval == 1 && p.has_wscale && p.wscale == 7);

	/* A cut payload's ANOM_TRUNC wins over an option anomaly. */
	ctx = "trunc wins";
	CHECK(run(DLT_RAW_, &f, (uint32_t)f.n - 2, &p) == DEC_TCP);
	CHECK(p.anom == ANOM_TRUNC && p.anom_arg == 2);

	/* SYN with no options and no payload. */
	memset(&f, 0, sizeof(f));
	ip4h(&f, 6, 20, 1, 0, a4, b4);
	put(&f, "\x01\xbb\xc3\x50\x00\x00\x00\x01\x00\x00\x00\x00"
	    "\x50\x12\xff\xff\x00\x00\x00\x00", 20);
	ctx = "syn-ack";
	CHECK(run(DLT_RAW_, &f, (uint32_t)f.n, &p) == DEC_TCP);
	CHECK(p.flags == (TCPF_SYN | TCPF_ACK) && p.sport == 443);
	CHECK(p.payload_len == 0 && cur_len(&p.payload) == 0);
	CHECK(!p.has_mss && !p.has_ts && p.anom == ANOM_NONE);
	group_end("tcp header and options");
}

/*
 * Every prefix of every sample decodes cleanly: while the TCP header is
 * incomplete the answer is DEC_TRUNC; after it, DEC_TCP with the payload
 * present and ANOM_TRUNC for the rest.
 */
static void
test_prefixes(void)
{
	static struct sample s[MAX_SAMPLES];
	size_t i, len, n = build_samples(s), hdr_end;
	struct pkt p;
	enum decode_res r;
	unsigned bad;

	for (i = 0; i < n; i++) {
		ctx = s[i].name;
		hdr_end = s[i].f.n - PAYLOAD_LEN;
		bad = 0;
		for (len = 0; len <= s[i].f.n; len++) {
			r = run(s[i].dlt, &s[i].f, (uint32_t)len, &p);
			if (len < hdr_end) {
				bad += r != DEC_TRUNC;
				continue;
			}
			bad += r != DEC_TCP;
			if (r != DEC_TCP)
				continue;
			bad += p.payload_len != PAYLOAD_LEN;
			bad += cur_len(&p.payload) != len - hdr_end;
			bad += cur_len(&p.payload) > 0 &&
			    cur_data(&p.payload) != last_copy + hdr_end;
			if (len < s[i].f.n)
				bad += p.anom != ANOM_TRUNC ||
				    p.anom_arg != s[i].f.n - len;
			else
				bad += p.anom != ANOM_NONE;
		}
		CHECK(bad == 0);
		CHECK(decode_stats(last_dec)->tcp == 1);
	}
	group_end("every prefix of every sample");
}

/*
 * Each single-bit flip of each sample through one decoder per sample:
 * no crash, no read outside the frame (ASan), a DEC_TCP payload inside
 * the frame or a reassembled datagram, its length within the claim.
 */
static void
test_bitflips(void)
{
	static struct sample s[MAX_SAMPLES];
	size_t i, bit, n = build_samples(s), flips = 0;
	struct decode *d;
	struct pkt p;
	uint8_t *buf;
	uint64_t done;
	enum decode_res r;
	unsigned bad, counted;
	const struct decode_stats *st;
	char name[80];

	for (i = 0; i < n; i++) {
		ctx = s[i].name;
		bad = 0;
		d = decode_new(s[i].dlt);
		buf = malloc(s[i].f.n);
		for (bit = 0; bit < s[i].f.n * 8; bit++) {
			memcpy(buf, s[i].f.b, s[i].f.n);
			buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			done = decode_stats(d)->frags_done;
			r = decode_packet(d, &p, buf, (uint32_t)s[i].f.n,
			    (uint32_t)s[i].f.n, bit * 1000, (uint32_t)bit);
			flips++;
			if (r != DEC_TCP)
				continue;
			bad += cur_len(&p.payload) > p.payload_len;
			if (decode_stats(d)->frags_done == done && cur_len(
			    &p.payload) > 0)
				bad += cur_data(&p.payload) < buf ||
				    cur_data(&p.payload) +
				    cur_len(&p.payload) > buf + s[i].f.n;
		}
		st = decode_stats(d);
		counted = (unsigned)(st->tcp + st->other + st->invalid +
		    st->trunc);
		/* Held fragments are in no result count. */
		bad += counted > s[i].f.n * 8;
		bad += decode_frag_held(d) > LIM_FRAG_BYTES;
		CHECK(bad == 0);
		CHECK(st->tcp > 0 && st->invalid + st->other > 0);
		free(buf);
		decode_free(d);
	}
	ctx = "flips";
	CHECK(flips > 30000);
	snprintf(name, sizeof(name), "%zu single-bit flips of %zu samples",
	    flips, n);
	group_end(name);
}

/*
 * write_seeds writes the samples and a fragment train as fuzz/fuzz-decode.c
 * inputs (its selector: link type index, bit 15 for several frames).
 */
static int
write_seeds(const char *dir)
{
	static const int fuzz_dlts[] = {
		1, 113, 276, 0, 108, 12, 14, 101, 228, 229, 9, 50, 51,
	};
	static struct sample s[MAX_SAMPLES];
	static struct frame seed, fr;
	size_t i, k, n = build_samples(s);
	char path[1024], *c;
	FILE *fp;

	for (i = 0; i <= n; i++) {
		memset(&seed, 0, sizeof(seed));
		if (i == n) {
			/* Three IPv4 fragments, out of order, DLT_IPV4. */
			put16(&seed, 0x8000 | 8);
			for (k = 0; k < 3; k++) {
				static const size_t off[] = { 40, 0, 24 };
				static const size_t len[] = { TCP_LEN - 40,
				    24, 16 };
				ip4_frag(&fr, 7, off[k], len[k], k != 0,
				    tcp_seg);
				put16(&seed, (unsigned)fr.n);
				put(&seed, fr.b, fr.n);
			}
			snprintf(path, sizeof(path), "%s/ipv4-fragments",
			    dir);
		} else {
			for (k = 0; fuzz_dlts[k] != s[i].dlt; k++)
				;
			put16(&seed, (unsigned)k);
			put(&seed, s[i].f.b, s[i].f.n);
			snprintf(path, sizeof(path), "%s/%s", dir,
			    s[i].name);
			for (c = path + strlen(dir) + 1; *c != '\0'; c++)
				if (*c == ' ' || *c == '.')
					*c = '-';
		}
		if ((fp = fopen(path, "wb")) == NULL ||
		    fwrite(seed.b, 1, seed.n, fp) != seed.n ||
		    fclose(fp) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--write-seeds") == 0)
		return write_seeds(argv[2]);
	test_links();
	test_encaps();
	test_tunnels();
	test_ip6_ext();
	test_frag_order();
	test_frag_overlap();
	test_frag_expire();
	test_frag_caps();
	test_frag_misc();
	test_lengths();
	test_tcp();
	test_prefixes();
	test_bitflips();
	decode_free(last_dec);
	free(last_copy);
	return failures == 0 ? 0 : 1;
}
