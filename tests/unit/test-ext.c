/*
 * test-ext.c: hello extensions (dissect/ext.c): the fields of a real
 * ClientHello (the "illustrated" TLS 1.3 one, tls13.xargs.org), each
 * extension's inner length lying in turn, duplicates, server_name edge
 * cases, block overruns, the server side, GREASE and unknown types.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/limits.h"
#include "dissect/ext.h"
#include "dissect/record.h"
#include "dissect/tls.h"
#include "model/certstore.h"
#include "model/conn.h"

#include "check.h"

struct vec {
	uint32_t	 frame;
	enum dir	 dir;
	const char	*hex;
};

static uint8_t	buf[8192];

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return ch - 'A' + 10;
}

/* unhex decodes "h" into "out" and returns its length. */
static size_t
unhex(const char *h, uint8_t *out, size_t max)
{
	size_t n = 0;

	while (h[0] != '\0' && h[1] != '\0' && n < max) {
		out[n++] = (uint8_t)(hexval(h[0]) << 4 | hexval(h[1]));
		h += 2;
	}
	return n;
}

static struct conn *
new_conn(uint8_t orient)
{
	struct conn *c = conn_new(1);

	c->orient = orient;
	c->cli.port = 50000;
	c->srv.port = 443;
	return c;
}

static void
done_conn(struct conn *c)
{
	tls_free(c);
	conn_free(c);
}

static void
feed(struct conn *c, enum dir dir, const uint8_t *p, size_t len,
    uint32_t frame)
{
	struct cur cu;

	cur_init(&cu, p, len);
	tls_data(c, dir, &cu, (uint64_t)frame * 1000, frame);
}

/* feed_vecs delivers each vector whole (chunk 0) or in "chunk" pieces. */
static void
feed_vecs(struct conn *c, const struct vec *v, size_t n, size_t chunk)
{
	size_t i, len, off, k;

	for (i = 0; i < n; i++) {
		len = unhex(v[i].hex, buf, sizeof(buf));
		if (chunk == 0) {
			feed(c, v[i].dir, buf, len, v[i].frame);
			continue;
		}
		for (off = 0; off < len; off += k) {
			k = len - off < chunk ? len - off : chunk;
			feed(c, v[i].dir, buf + off, k, v[i].frame);
		}
	}
}

static inline uint32_t
n_anom(const struct conn *c, enum anom_code code)
{
	uint32_t i, n = 0;

	for (i = 0; i < c->n_anoms; i++)
		if (c->anoms[i].code == code)
			n++;
	return n;
}

static inline uint32_t
n_ev(const struct conn *c, uint8_t type, int sub)
{
	uint32_t i, n = 0;

	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == type && (sub < 0 || c->ev[i].sub == sub))
			n++;
	return n;
}

static inline const struct event *
find_ev(const struct conn *c, uint8_t type, int sub)
{
	uint32_t i;

	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == type && (sub < 0 || c->ev[i].sub == sub))
			return &c->ev[i];
	return NULL;
}

/* same_events compares what a view shows of two ladders. */
static inline bool
same_events(const struct conn *a, const struct conn *b)
{
	uint32_t i;

	if (a->n_ev != b->n_ev || a->n_anoms != b->n_anoms)
		return false;
	for (i = 0; i < a->n_ev; i++) {
		if (a->ev[i].type != b->ev[i].type ||
		    a->ev[i].sub != b->ev[i].sub ||
		    a->ev[i].sub2 != b->ev[i].sub2 ||
		    a->ev[i].dir != b->ev[i].dir ||
		    a->ev[i].len != b->ev[i].len ||
		    a->ev[i].count != b->ev[i].count ||
		    a->ev[i].frame != b->ev[i].frame ||
		    a->ev[i].first_frame != b->ev[i].first_frame ||
		    a->ev[i].flags != b->ev[i].flags ||
		    a->ev[i].hs_idx != b->ev[i].hs_idx)
			return false;
	}
	for (i = 0; i < a->n_anoms; i++)
		if (a->anoms[i].code != b->anoms[i].code)
			return false;
	return true;
}

/* illtls13__capture.pcap: frame, direction, TCP payload (hex) */
static const struct vec v_tls13[] = {
	{ 5, DIR_C2S,
	    "16030100f8010000f40303000102030405060708090a0b0c0d0e0f1011121314"
	    "15161718191a1b1c1d1e1f20e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3"
	    "f4f5f6f7f8f9fafbfcfdfeff000813021303130100ff010000a3000000180016"
	    "0000136578616d706c652e756c666865696d2e6e6574000b000403000102000a"
	    "00160014001d0017001e00190018010001010102010301040023000000160000"
	    "00170000000d001e001c040305030603080708080809080a080b080408050806"
	    "040105010601002b0003020304002d00020101003300260024001d0020358072"
	    "d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254" },
	{ 7, DIR_S2C,
	    "160303007a020000760303707172737475767778797a7b7c7d7e7f8081828384"
	    "85868788898a8b8c8d8e8f20e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3"
	    "f4f5f6f7f8f9fafbfcfdfeff130200002e002b0002030400330024001d00209f"
	    "d7ad6dcff4298dd3f96d5b1b2af910a0535b1488d7f8fabb349a982880b61514"
	    "030300010117030300176be02f9da7c2dc9ddef56f2468b90adfa25101ab0344"
	    "ae1703030343baf00a9be50f3f2307e726edcbdacbe4b18616449d46c6207af6"
	    "e9953ee5d2411ba65d31feaf4f78764f2d693987186cc01329c187a5e4608e8d"
	    "27b318e98dd94769f7739ce6768392caca8dcc597d77ec0d1272233785f6e69d"
	    "6f43effa8e7905edfdc4037eee5933e990a7972f206913a31e8d04931366d3d8"
	    "bcd6a4a4d647dd4bd80b0ff863ce3554833d744cf0e0b9c07cae726dd23f9953"
	    "df1f1ce3aceb3b7230871e92310cfb2b098486f43538f8e82d8404e5c6c25f66"
	    "a62ebe3c5f26232640e20a769175ef83483cd81e6cb16e78dfad4c1b714b04b4"
	    "5f6ac8d1065ad18c13451c9055c47da300f93536ea56f531986d6492775393c4"
	    "ccb095467092a0ec0b43ed7a0687cb470ce350917b0ac30c6e5c24725a78c45f"
	    "9f5f29b6626867f6f79ce054273547b36df030bd24af10d632dba54fc4e890bd"
	    "0586928c0206ca2e28e44e227a2d5063195935df38da8936092eef01e84cad2e"
	    "49d62e470a6c7745f625ec39e4fc23329c79d1172876807c36d736ba42bb69b0"
	    "04ff55f93850dc33c1f98abb92858324c76ff1eb085db3c1fc50f74ec04442e6"
	    "22973ea70743418794c388140bb492d6294a0540e5a59cfae60ba0f14899fca7"
	    "1333315ea083a68e1d7c1e4cdc2f56bcd6119681a4adbc1bbf42afd806c3cbd4"
	    "2a076f545dee4e118d0b396754be2b042a685dd4727e89c0386a94d3cd6ecb98"
	    "20e9d49afeed66c47e6fc243eabebbcb0b02453877f5ac5dbfbdf8db1052a3c9"
	    "94b224cd9aaaf56b026bb9efa2e01302b36401ab6494e7018d6e5b573bd38bce"
	    "f023b1fc92946bbca0209ca5fa926b4970b1009103645cb1fcfe552311ff7305"
	    "58984370038fd2cce2a91fc74d6f3e3ea9f843eed356f6f82d35d03bc24b81b5"
	    "8ceb1a43ec9437e6f1e50eb6f555e321fd67c8332eb1b832aa8d795a27d479c6"
	    "e27d5a61034683891903f66421d094e1b00a9a138d861e6f78a20ad3e1580054"
	    "d2e305253c713a02fe1e28deee7336246f6ae34331806b46b47b833c39b9d31c"
	    "d300c2a6ed831399776d07f570eaf0059a2c68a5f3ae16b617404af7b7231a4d"
	    "942758fc020b3f23ee8c15e36044cfd67cd640993b16207597fbf385ea7a4d99"
	    "e8d456ff83d41f7b8b4f069b028a2a63a919a70e3a10e3084158faa5bafa3018"
	    "6c6b2f238eb530c73e170303011973719fce07ec2f6d3bba0292a0d40b2770c0"
	    "6a271799a53314f6f77fc95c5fe7b9a4329fd9548c670ebeea2f2d5c351dd935"
	    "6ef2dcd52eb137bd3a676522f8cd0fb7560789ad7b0e3caba2e37e6b4199c679"
	    "3b3346ed46cf740a9fa1fec414dc715c415c60e575703ce6a34b70b5191aa6a6"
	    "1a18faff216c687ad8d17e12a7e99915a611bfc1a2befc15e6e94d784642e682"
	    "fd17382a348c301056b940c9847200408bec56c81ea3d7217ab8e85a88715395"
	    "899c90587f72e8ddd74b26d8edc1c7c837d9f2ebbc260962219038b05654a63a"
	    "0b12999b4a8306a3ddcc0e17c53ba8f9c80363f7841354d291b4ace0c0f330c0"
	    "fcd5aa9deef969ae8ab2d98da88ebb6ea80a3a11f00ea296a3232367ff075e1c"
	    "66dd9cbedc471317030300451061de27e51c2c9f342911806f282b710c10632c"
	    "a5006755880dbf7006002d0e84fed9adf27a43b5192303e4df5c285d58e3c762"
	    "24078440c0742374744aecf28cf3182fd0" },
	{ 9, DIR_C2S,
	    "14030300010117030300459ff9b063175177322a46dd9896f3c3bb820ab51743"
	    "ebc25fdadd53454b73deb54cc7248d411a18bccf657a960824e9a19364837c35"
	    "0a69a88d4bf635c85eb874aebc9dfde8" },
	{ 11, DIR_C2S,
	    "1703030015828139cb7b73aaabf5b82fbf9a2961bcde10038a32" },
	{ 13, DIR_S2C,
	    "17030300ea382d8c19a47f4e8d9b0c510bc348db2cc99b241cd0d18b31d0ca1a"
	    "c12dc1e303c58d0c7e9e27294c6b0e3198f7d319eb14622ec48b6ac8f866d749"
	    "4fa775c880ff43ad4b1af53a03ca197795778fff2ffe1d3b99b34de782a76abf"
	    "a840e6366cd7349d9bcff641f5e0dff95e40d72e09effe18ee64672cb9600540"
	    "4488ad1896c44a5fd174998e9b0094d8e6d84d2929b7883dc9a3c3c7313a8729"
	    "3f31b61d24d99097c8853bfbeb95d1d01f99ca05b0501859cf6340e837707597"
	    "0152fa94f5f5be2906e72a15e40836a41f4cd3dbe7d513c16e88611d3eae9338"
	    "d9db1f91ca3d5842602a610b43a463" },
	{ 15, DIR_S2C,
	    "17030300ea38adfb1d01fd95a60385e8bbf1fd8dcb46709897e7d674c2f7370e"
	    "c11d8e33eb4f4fe7f54bf4dc0b92fae7421c33c6453cebc073159610a09740ab"
	    "2d056f8d51cfa262007d401236dafc2f7292ff0cc886a4ef389f2ced1226c6b4"
	    "dcf69d994ff9148ef969bc77d9433ab1d3a932542182829f889ad95f04c752f9"
	    "4ace57146a5d84b042bfb3485a64e7e957b08980cd08baf9698b8929986d1174"
	    "d4aa6dd7a7e8c086052c3c76d81934bdf59b966e392031f3471adebddddbe84f"
	    "cf1ff408846ae9b28ca4a9e728844a493d80455d6eaff205b40a1ef18574efc0"
	    "b96ad383afbd8dfc86f8087c1f7dc8" },
	{ 17, DIR_S2C,
	    "17030300150cda85f1447ae23fa66d56f4c5408482b1b1d4c998" },
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* The ClientHello's extension block (after its u16 length). */
static size_t
ch_exts(uint8_t *o)
{
	size_t len = unhex(v_tls13[0].hex, buf, sizeof(buf));
	struct cur cu, e;

	cur_init(&cu, buf, len);
	/* record 5, header 4, version 2, random 32, session id 33,
	 * suites 2 + 8, compression 2 */
	cur_skip(&cu, 5 + 4 + 2 + 32 + 33 + 10 + 2);
	cur_get_u16_prefixed(&cu, &e);
	len = cur_len(&e);
	cur_copy(&e, o, len);
	return len;
}

static bool
parse(struct conn *c, struct tls_state *st, struct tls_hs *hs,
    enum ext_msg m, const uint8_t *p, size_t len, struct u16list *out)
{
	struct cur cu;

	cur_init(&cu, p, len);
	return ext_parse_block(c, st, hs, m == EXT_IN_CH ? DIR_C2S : DIR_S2C,
	    1, m, &cu, out);
}

static void
test_fields(void)
{
	static const uint16_t exts[] = { 0, 11, 10, 35, 22, 23, 13, 43, 45,
	    51 };
	static const uint16_t groups[] = { 0x1d, 0x17, 0x1e, 0x19, 0x18,
	    0x100, 0x101, 0x102, 0x103, 0x104 };
	struct conn *c = new_conn(ORIENT_SYN);
	const struct tls_hs *hs;
	uint32_t i;

	feed_vecs(c, v_tls13, 1, 0);
	hs = &c->hs[0];
	CHECK(c->n_anoms == 0);
	CHECK(hs->sni.len == 19 && memcmp(hs->sni.p, "example.ulfheim.net",
	    19) == 0);
	CHECK(hs->exts_offered.n == N(exts));
	for (i = 0; i < N(exts) && i < hs->exts_offered.n; i++)
		CHECK(hs->exts_offered.v[i] == exts[i]);
	CHECK(hs->groups_offered.n == N(groups));
	for (i = 0; i < N(groups) && i < hs->groups_offered.n; i++)
		CHECK(hs->groups_offered.v[i] == groups[i]);
	CHECK(hs->ec_point_formats.n == 3);
	CHECK(hs->versions_offered.n == 1 &&
	    hs->versions_offered.v[0] == 0x0304);
	CHECK(hs->key_shares_offered.n == 1 &&
	    hs->key_shares_offered.v[0] == 0x001d);
	CHECK(hs->sig_algs_offered.n == 14);
	CHECK(hs->suites_offered.n == 4 && hs->suites_offered.v[0] == 0x1302);
	CHECK(hs->flags & HSF_RENEG_INFO);	/* the 0x00ff SCSV */
	CHECK((hs->flags & HSF_EXT_EMS) && (hs->flags & HSF_EXT_ETM) &&
	    (hs->flags & HSF_EXT_TICKET));
	CHECK(hs->session_id_len == 32 && hs->client_version == 0x0303);
	CHECK(hs->compressions_offered.n == 1);
	done_conn(c);
	GROUP_END("ext: ClientHello extensions of a real hello");
}

static void
test_each_lies(void)
{
	static uint8_t ex[1024], bad[1024];
	size_t len, off = 0, blen;
	struct cur cu, body;
	struct conn *c;
	struct tls_state st;
	struct tls_hs hs;
	uint16_t type;
	uint32_t tested = 0;

	len = ch_exts(ex);
	cur_init(&cu, ex, len);
	while (cur_get_u16(&cu, &type) && cur_get_u16_prefixed(&cu, &body)) {
		blen = cur_len(&body);
		off = len - cur_len(&cu) - blen;
		if (blen == 0)
			continue;	/* no inner length to lie with */
		memcpy(bad, ex, len);
		/* The first inner length byte: the low byte of u16 ones. */
		bad[off + (type == 11 || type == 43 || type == 45 ? 0 : 1)] +=
		    1;
		c = new_conn(ORIENT_SYN);
		memset(&st, 0, sizeof(st));
		memset(&hs, 0, sizeof(hs));
		CHECK(parse(c, &st, &hs, EXT_IN_CH, bad, len,
		    &hs.exts_offered));
		CHECK(c->n_anoms == 1 && c->anoms[0].code == (type == 0 ?
		    ANOM_SNI_BAD_LEN : ANOM_EXT_INVALID));
		/* The walk went on: every type listed, the last parsed. */
		CHECK(hs.exts_offered.n == 10);
		CHECK(type == 51 || hs.key_shares_offered.n == 1);
		conn_free(c);
		tested++;
	}
	CHECK(tested == 7);
	GROUP_END("ext: each extension's inner length lying in turn");
}

static void
test_dup_sni(void)
{
	static const uint8_t dup[] = {
		0, 0, 0, 8, 0, 6, 0, 0, 3, 'a', '.', 'b',
		0, 0, 0, 8, 0, 6, 0, 0, 3, 'x', '.', 'y',
	};
	static const uint8_t empty[] = { 0, 0, 0, 5, 0, 3, 0, 0, 0 };
	static const uint8_t over[] = { 0, 0, 0, 6, 0, 4, 0, 0, 9, 'a' };
	static const uint8_t noext[] = { 0, 0, 0, 0 };
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(parse(c, &st, &hs, EXT_IN_CH, dup, sizeof(dup),
	    &hs.exts_offered));
	CHECK(n_anom(c, ANOM_EXT_DUPLICATE) == 1 && hs.exts_offered.n == 2);
	CHECK(hs.sni.len == 3 && memcmp(hs.sni.p, "a.b", 3) == 0);
	memset(&hs, 0, sizeof(hs));
	parse(c, &st, &hs, EXT_IN_CH, empty, sizeof(empty), NULL);
	parse(c, &st, &hs, EXT_IN_CH, over, sizeof(over), NULL);
	parse(c, &st, &hs, EXT_IN_CH, noext, sizeof(noext), NULL);
	CHECK(n_anom(c, ANOM_SNI_BAD_LEN) == 3 && hs.sni.p == NULL);
	conn_free(c);
	GROUP_END("ext: duplicates and server_name lengths");
}

static void
test_block(void)
{
	static const uint8_t over[] = {
		0, 23, 0, 0,			/* extended_master_secret */
		0, 22, 0, 9, 0,			/* claims 9, has 1 */
	};
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(!parse(c, &st, &hs, EXT_IN_CH, over, sizeof(over),
	    &hs.exts_offered));
	CHECK(n_anom(c, ANOM_EXT_INVALID) == 1);
	CHECK(hs.exts_offered.n == 1 && (hs.flags & HSF_EXT_EMS));
	CHECK(!(hs.flags & HSF_EXT_ETM));
	conn_free(c);
	GROUP_END("ext: a block whose framing overruns");
}

static void
test_server(void)
{
	static const uint8_t sh[] = {
		0, 43, 0, 2, 3, 4,			/* TLS 1.3 */
		0, 51, 0, 8, 0, 0x1d, 0, 4, 1, 2, 3, 4,	/* x25519 */
		0, 16, 0, 5, 0, 3, 2, 'h', '2',		/* ALPN h2 */
		0, 41, 0, 2, 0, 0,			/* PSK 0 */
	};
	static const uint8_t hrr[] = { 0, 51, 0, 2, 0, 0x17 };
	static const uint8_t badalpn[] = { 0, 16, 0, 6, 0, 4, 1, 'a', 1, 'b' };
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(parse(c, &st, &hs, EXT_IN_SH, sh, sizeof(sh), &hs.exts_chosen));
	CHECK(c->n_anoms == 0 && hs.exts_chosen.n == 4);
	CHECK(hs.version == 0x0304 && st.tls13);
	CHECK(hs.group == 0x1d && (hs.flags & HSF_HAS_GROUP));
	CHECK(hs.alpn.len == 2 && memcmp(hs.alpn.p, "h2", 2) == 0);
	CHECK((hs.flags & HSF_PSK_ACCEPTED) && (hs.flags & HSF_RESUMED));
	parse(c, &st, &hs, EXT_IN_HRR, hrr, sizeof(hrr), NULL);
	CHECK(hs.hrr_group == 0x17 && (hs.flags & HSF_HAS_HRR_GROUP));
	parse(c, &st, &hs, EXT_IN_SH, badalpn, sizeof(badalpn), NULL);
	CHECK(n_anom(c, ANOM_EXT_INVALID) == 1);
	conn_free(c);
	GROUP_END("ext: ServerHello and HelloRetryRequest extensions");
}

static void
test_grease(void)
{
	static const uint8_t ex[] = {
		0x0a, 0x0a, 0, 0,			/* GREASE */
		0x12, 0x34, 0, 2, 9, 9,			/* unknown */
		0, 16, 0, 14, 0, 12, 2, 'h', '2', 8, 'h', 't', 't', 'p',
		'/', '1', '.', '1',
		0xfe, 0x0d, 0, 1, 0,			/* ECH */
		0x56, 0x00, 0, 0,
	};
	static const uint8_t emptyname[] = { 0, 16, 0, 5, 0, 3, 1, 'h', 0 };
	struct conn *c = new_conn(ORIENT_SYN);
	struct tls_state st;
	struct tls_hs hs;

	memset(&st, 0, sizeof(st));
	memset(&hs, 0, sizeof(hs));
	CHECK(parse(c, &st, &hs, EXT_IN_CH, ex, sizeof(ex), &hs.exts_offered));
	CHECK(c->n_anoms == 0 && hs.exts_offered.n == 5);
	CHECK(hs.exts_offered.v[0] == 0x0a0a && hs.exts_offered.v[1] == 0x1234);
	CHECK(hs.alpn_offered.n == 2 && hs.alpn_offered.v[1].len == 8);
	CHECK(hs.flags & HSF_ECH);
	CHECK(ext_is_grease(0x0a0a) && ext_is_grease(0xfafa) &&
	    !ext_is_grease(0x0a1a) && !ext_is_grease(0x1234));
	memset(&hs, 0, sizeof(hs));
	parse(c, &st, &hs, EXT_IN_CH, emptyname, sizeof(emptyname), NULL);
	CHECK(n_anom(c, ANOM_EXT_INVALID) == 1 && hs.alpn_offered.n == 0);
	conn_free(c);
	GROUP_END("ext: GREASE, unknown types, ALPN, ECH");
}

int
main(void)
{
	struct tls_opts o = { NULL, 0, LIM_HS_MSG };

	tls_init(&o);
	test_fields();
	test_each_lies();
	test_dup_sni();
	test_block();
	test_server();
	test_grease();
	certstore_cleanup();
	return CHECK_EXIT();
}
