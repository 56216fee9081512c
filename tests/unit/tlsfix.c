/*
 * tlsfix.c: fixtures shared by the dissector's unit tests: real TCP
 * payloads of the "illustrated" TLS 1.2 and 1.3 connections
 * (tls12.xargs.org, tls13.xargs.org), a connection to feed them to, and
 * queries on the events and anomalies that result.
 */
#include "tlsfix.h"

#include <string.h>

#include "dissect/tls.h"

static uint8_t	fix_buf[8192];

static int	hexval(char);

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
size_t
unhex(const char *h, uint8_t *out, size_t max)
{
	size_t n = 0;

	while (h[0] != '\0' && h[1] != '\0' && n < max) {
		out[n++] = (uint8_t)(hexval(h[0]) << 4 | hexval(h[1]));
		h += 2;
	}
	return n;
}

struct tls_ctx		*fix_ctx;
static struct tls_opts	 fix_opts;

void
fix_init(const struct tls_opts *o)
{
	tls_ctx_free(fix_ctx);
	fix_opts = *o;
	fix_ctx = tls_ctx_new(o);
}

void
fix_keylog(struct keylog *kl)
{
	struct tls_opts o = fix_opts;

	o.keylog = kl;
	fix_init(&o);
}

struct conn *
new_conn(uint8_t orient)
{
	struct conn *c = conn_new(1);

	c->orient = orient;
	c->cli.port = 50000;
	c->srv.port = 443;
	return c;
}

void
done_conn(struct conn *c)
{
	tls_free(c);
	conn_free(c);
}

void
feed(struct conn *c, enum dir dir, const uint8_t *p, size_t len,
    uint32_t frame)
{
	struct cur cu;

	if (fix_ctx == NULL)
		fix_init(&fix_opts);
	cur_init(&cu, p, len);
	tls_data(fix_ctx, c, dir, &cu, (uint64_t)frame * 1000, frame);
}

/* feed_vecs delivers each vector whole (chunk 0) or in "chunk" pieces. */
void
feed_vecs(struct conn *c, const struct vec *v, size_t n, size_t chunk)
{
	size_t i, len, off, k;

	for (i = 0; i < n; i++) {
		len = unhex(v[i].hex, fix_buf, sizeof(fix_buf));
		if (chunk == 0) {
			feed(c, v[i].dir, fix_buf, len, v[i].frame);
			continue;
		}
		for (off = 0; off < len; off += k) {
			k = len - off < chunk ? len - off : chunk;
			feed(c, v[i].dir, fix_buf + off, k, v[i].frame);
		}
	}
}

uint32_t
n_anom(const struct conn *c, enum anom_code code)
{
	uint32_t i, n = 0;

	for (i = 0; i < c->n_anoms; i++)
		if (c->anoms[i].code == code)
			n++;
	return n;
}

uint32_t
n_ev(const struct conn *c, uint8_t type, int sub)
{
	uint32_t i, n = 0;

	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == type && (sub < 0 || c->ev[i].sub == sub))
			n++;
	return n;
}

const struct event *
find_ev(const struct conn *c, uint8_t type, int sub)
{
	uint32_t i;

	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == type && (sub < 0 || c->ev[i].sub == sub))
			return &c->ev[i];
	return NULL;
}

/* same_events compares what a view shows of two ladders. */
bool
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
		    conn_ev_count(a, &a->ev[i]) !=
		    conn_ev_count(b, &b->ev[i]) ||
		    a->ev[i].frame != b->ev[i].frame ||
		    conn_ev_first(a, &a->ev[i]) !=
		    conn_ev_first(b, &b->ev[i]) ||
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
const struct vec v_tls13[] = {
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

/* illtls12__capture.pcap: frame, direction, TCP payload (hex) */
const struct vec v_tls12[] = {
	{ 5, DIR_C2S,
	    "16030100a5010000a10303000102030405060708090a0b0c0d0e0f1011121314"
	    "15161718191a1b1c1d1e1f000020cca8cca9c02fc030c02bc02cc013c009c014"
	    "c00a009c009d002f0035c012000a010000580000001800160000136578616d70"
	    "6c652e756c666865696d2e6e6574000500050100000000000a000a0008001d00"
	    "1700180019000b00020100000d00120010040104030501050306010603020102"
	    "03ff0100010000120000" },
	{ 7, DIR_S2C,
	    "16030300310200002d0303707172737475767778797a7b7c7d7e7f8081828384"
	    "85868788898a8b8c8d8e8f00c013000005ff01000100160303032f0b00032b00"
	    "03280003253082032130820209a0030201020208155a92adc2048f90300d0609"
	    "2a864886f70d01010b05003022310b3009060355040613025553311330110603"
	    "55040a130a4578616d706c65204341301e170d3138313030353031333831375a"
	    "170d3139313030353031333831375a302b310b3009060355040613025553311c"
	    "301a060355040313136578616d706c652e756c666865696d2e6e657430820122"
	    "300d06092a864886f70d01010105000382010f003082010a0282010100c48036"
	    "06bae7476b089404eca7b691043ff792bc19eefb7d74d7a80d001e7b4b3a4ae6"
	    "0fe8c071fc73e7024c0dbcf4bdd11d396bba70464a13e94af83df3e10959547b"
	    "c955fb412da3765211e1f3dc776caa53376eca3aecbec3aab73b31d56cb6529c"
	    "8098bcc9e02818e20bf7f8a03afd1704509ece79bd9f39f1ea69ec47972e830f"
	    "b5ca95de95a1e60422d5eebe527954a1e7bf8a86f6466d0d9f16951a4cf7a046"
	    "92595c1352f2549e5afb4ebfd77a37950144e4c026874c653e407d7d23074401"
	    "f484ffd08f7a1fa05210d1f4f0d5ce79702932e2cabe701fdfad6b4bb71101f4"
	    "4bad666a11130fe2ee829e4d029dc91cdd6716dbb9061886edc1ba9421020301"
	    "0001a3523050300e0603551d0f0101ff0404030205a0301d0603551d25041630"
	    "1406082b0601050507030206082b06010505070301301f0603551d2304183016"
	    "8014894fde5bcc69e252cf3ea300dfb197b81de1c146300d06092a864886f70d"
	    "01010b05000382010100591645a69a2e3779e4f6dd271aba1c0bfd6cd75599b5"
	    "e7c36e533eff3659084324c9e7a504079d39e0d42987ffe3ebdd09c1cf1d9144"
	    "55870b571dd19bdf1d24f8bb9a11fe80fd592ba0398cde11e2651e618ce598fa"
	    "96e5372eef3d248afde17463ebbfabb8e4d1ab502a54ec0064e92f7819660d3f"
	    "27cf209e667fce5ae2e4ac99c7c93818f8b2510722dfed97f32e3e9349d4c66c"
	    "9ea6396d744462a06b42c6d5ba688eac3a017bddfc8e2cfcad27cb69d3ccdca2"
	    "80414465d3ae348ce0f34ab2fb9c618371312b191041641c237f11a5d65c844f"
	    "0404849938712b959ed685bc5c5dd645ed19909473402926dcb40e3469a15941"
	    "e8e2cca84bb6084636a0160303012c0c00012803001d209fd7ad6dcff4298dd3"
	    "f96d5b1b2af910a0535b1488d7f8fabb349a982880b615040101000402b661f7"
	    "c191ee59be45376639bdc3d4bb81e115ca73c8348b525b0d2338aa144667ed94"
	    "31021412cd9b844cba29934aaacce873414ec11cb02e272d0ad81f767d330767"
	    "21f13bf36020cf0b1fd0ecb078de1128beba0949ebece1a1f96e209dc36e4fff"
	    "d36b673a7ddc1597ad4408e485c4adb2c873841249372523809e4312d0c7b352"
	    "2ef983cac1e03935ff13a8e96ba681a62e40d3e70a7ff35866d3d9993f9e26a6"
	    "34c81b4e71380fcdd6f4e835f75a6409c7dc2c07410e6f87858c7b94c01c2e32"
	    "f291769eacca71643b8b98a963df0a329bea4ed6397e8cd01a110ab361ac5bad"
	    "1ccd840a6c8a6eaa001a9d7d87dc3318643571226c4dd2c2ac41fb1603030004"
	    "0e000000" },
	{ 9, DIR_C2S,
	    "16030300251000002120358072d6365880d1aeea329adf9121383851ed21a28e"
	    "3b75e965d0d2cd1662541403030001011603030040404142434445464748494a"
	    "4b4c4d4e4f227bc9ba81ef30f2a8a78ff1df50844d5804b7eeb2e214c32b6892"
	    "aca3db7b78077fdd90067c516bacb3ba90dedf720f" },
	{ 11, DIR_S2C,
	    "14030300010116030300405152535455565758595a5b5c5d5e5f6018e075317b"
	    "100315f6081fcbf313781aac73efe19fe25ba1af59c20be94fc01bda2d680029"
	    "8b73a7e849d74bd494cf7d" },
	{ 13, DIR_C2S,
	    "1703030030000102030405060708090a0b0c0d0e0f6c421c71c42b183bfa0619"
	    "5d133d0a09d00fc7cb4e0f5d1cda59d147ec790c99" },
	{ 15, DIR_S2C,
	    "17030300306162636465666768696a6b6c6d6e6f709783488af5fa20bf7a2ef6"
	    "9debb534db9fb07a8c2721dee5409f77af0c3dde56" },
	{ 17, DIR_C2S,
	    "1503030030101112131415161718191a1b1c1d1e1f0d83f97904750dd8fd8aa1"
	    "30218632634fd065e4628379b88bbf9efd1287a62d" },
};

const size_t n_tls13 = sizeof(v_tls13) / sizeof(v_tls13[0]);
const size_t n_tls12 = sizeof(v_tls12) / sizeof(v_tls12[0]);
