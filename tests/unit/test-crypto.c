/*
 * test-crypto.c: the key schedules and record ciphers of dissect/crypto.c
 * against published vectors: RFC 5869 (HKDF), the TLS 1.2 PRF vector of
 * the IETF TLS list (checked with `openssl kdf ... TLS1-PRF`), RFC 8448
 * section 3 (TLS 1.3 traffic keys from the logged secrets, the server's
 * first encrypted record, the client's Finished and data records) and
 * RFC 7539, 2.8.2 (ChaCha20-Poly1305 AEAD). Each good vector has a bad
 * twin (a flipped bit must not authenticate).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/crypto.h"
#include "check.h"

static size_t
unhex(uint8_t *out, size_t max, const char *hex)
{
	size_t n = 0;
	unsigned int v;

	while (hex[0] != '\0' && hex[1] != '\0' && n < max) {
		if (sscanf(hex, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

static bool
eq_hex(const uint8_t *p, size_t len, const char *hex)
{
	uint8_t want[1024];
	size_t n = unhex(want, sizeof(want), hex);

	return n == len && memcmp(p, want, len) == 0;
}

static void
test_hkdf(void)
{
	uint8_t ikm[22], salt[13], info[10], prk[32], okm[42];
	size_t i;

	memset(ikm, 0x0b, sizeof(ikm));
	for (i = 0; i < sizeof(salt); i++)
		salt[i] = (uint8_t)i;
	for (i = 0; i < sizeof(info); i++)
		info[i] = (uint8_t)(0xf0 + i);
	/* RFC 5869, A.1 */
	CHECK(crypto_hkdf_extract(CMD_SHA256, prk, salt, sizeof(salt), ikm,
	    sizeof(ikm)));
	CHECK(eq_hex(prk, 32, "077709362c2e32df0ddc3f0dc47bba63"
	    "90b6c73bb50f9c3122ec844ad7c2b3e5"));
	CHECK(crypto_hkdf_expand(CMD_SHA256, okm, sizeof(okm), prk, 32, info,
	    sizeof(info)));
	CHECK(eq_hex(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a"
	    "5a4c5db02d56ecc4c5bf34007208d5b887185865"));
	/* RFC 5869, A.3: no salt, no info. */
	CHECK(crypto_hkdf_extract(CMD_SHA256, prk, NULL, 0, ikm, sizeof(ikm)));
	CHECK(eq_hex(prk, 32, "19ef24a32c717b167f33a91d6f648bdf"
	    "96596776afdb6377ac434c1c293ccb04"));
	CHECK(crypto_hkdf_expand(CMD_SHA256, okm, sizeof(okm), prk, 32, NULL,
	    0));
	CHECK(eq_hex(okm, 42, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1"
	    "879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
	/* Bad: longer than 255 hash lengths, unknown hash. */
	CHECK(!crypto_hkdf_expand(CMD_SHA256, okm, 255 * 32 + 1, prk, 32,
	    NULL, 0));
	CHECK(!crypto_hkdf_expand(CMD_NONE, okm, 16, prk, 32, NULL, 0));
	GROUP_END("hkdf (RFC 5869)");
}

static void
test_prf(void)
{
	uint8_t secret[16], seed[16], out[100];

	unhex(secret, sizeof(secret), "9bbe436ba940f017b17652849a71db35");
	unhex(seed, sizeof(seed), "a0ba9f936cda311827a6f796ffd5198c");
	CHECK(crypto_tls_prf(CMD_SHA256, out, sizeof(out), secret,
	    sizeof(secret), "test label", seed, sizeof(seed)));
	CHECK(eq_hex(out, 100, "e3f229ba727be17b8d122620557cd453c2aab21d07c3"
	    "d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077d"
	    "ef17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee"
	    "42c5a72e5a5110fff70187347b66"));
	/* TLS 1.0/1.1 (MD5 xor SHA-1), from openssl kdf -kdfopt
	 * digest:MD5-SHA1 on the same inputs. */
	CHECK(crypto_tls_prf(CMD_MD5_SHA1, out, 32, secret, sizeof(secret),
	    "test label", seed, sizeof(seed)));
	CHECK(eq_hex(out, 32, "661740e6f98bc901efd2738502a71c03"
	    "f76dd2f86298549b1148eff06714cf0f"));
	/* Bad: SHA-1 alone is no TLS PRF. */
	CHECK(!crypto_tls_prf(CMD_SHA1, out, 32, secret, sizeof(secret),
	    "test label", seed, sizeof(seed)));
	GROUP_END("tls prf");
}

/* RFC 8448, 3: the simple 1-RTT handshake. */
static const char shts[] =
    "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38";
static const char chts[] =
    "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";
static const char cats[] =
    "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5";
static const char server_flight_record[] =
    "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf78"
    "69fcf40aa40aa2b8ea73f848a7ca07612ef9f945cb960b4068905123ea78b111b429"
    "ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13bd9aefb0e57f2"
    "71585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122"
    "a4cf51427325250c7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d"
    "0b227812cbb360987255cc744110c453baa4fcd610928d809810e4b7ed1a8fd991f0"
    "6aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fc"
    "f2a89441ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563"
    "aad27409960dca63d3e688611ea5e22f4415cf9538d51a200c27034272968a264ed6"
    "540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a36ac1b639"
    "c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330fae"
    "ea6dfa31c7a84dc3bd7e1b7a6c7178af36879018e3f252107f243d243dc7339d5684"
    "c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052cf93b16499a66db7cca71"
    "e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85d"
    "f881edbe5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513"
    "afbb992f2b992f67f8afe67f76913fa388cb5630c8ca01e0c65d11c66a1e2ac4c859"
    "77b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038ebba"
    "42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592"
    "c12335ee340bbc4fddd502784016e4b3be7ef04dda49f4b440a30cb5d2af939828fd"
    "4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e750edc53370d2b";
/* Its plaintext starts with EncryptedExtensions and ends with Finished. */
static const char ee_start[] = "080000240022000a00140012001d0017";
static const char fin_end[] =
    "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718";
static const char client_finished_record[] =
    "170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d8"
    "7f38f80338ac98fc46deb384bd1caeacab6867d726c40546";
static const char client_data_record[] =
    "1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b98"
    "19a8a5b46b395bd54a9a20441e2b62974e1f5a6292a2977014bd1e3deae63aeebb21"
    "694915e4";

/*
 * open13 derives key and IV from "secret_hex" (AES-128-GCM, SHA-256) and
 * opens the record "rec_hex" as record number "seq"; the plaintext and
 * its length go to "pt" / "*pt_len".
 */
static bool
open13(const char *secret_hex, const char *rec_hex, uint64_t seq,
    uint8_t *pt, size_t *pt_len, bool flip)
{
	uint8_t secret[32], key[16], iv[12], nonce[12], rec[1024];
	struct crypto_key *k;
	size_t n, i;
	bool ok;

	unhex(secret, sizeof(secret), secret_hex);
	n = unhex(rec, sizeof(rec), rec_hex);
	if (!crypto_hkdf_expand_label(CMD_SHA256, key, 16, secret, 32, "key",
	    NULL, 0) || !crypto_hkdf_expand_label(CMD_SHA256, iv, 12, secret,
	    32, "iv", NULL, 0))
		return false;
	memcpy(nonce, iv, 12);
	for (i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
	if (flip)
		rec[n - 1] ^= 0x01;
	if ((k = crypto_key_new(CC_AES128_GCM, key)) == NULL)
		return false;
	/* RFC 8446, 5.2: the additional data is the record header. */
	ok = crypto_aead_open(k, pt, nonce, rec, 5, rec + 5, n - 5);
	crypto_key_free(k);
	*pt_len = n - 5 - 16;
	return ok;
}

static void
test_tls13(void)
{
	uint8_t secret[32], key[16], iv[12], pt[1024], up[32];
	size_t n;

	unhex(secret, sizeof(secret), shts);
	CHECK(crypto_hkdf_expand_label(CMD_SHA256, key, 16, secret, 32, "key",
	    NULL, 0));
	CHECK(eq_hex(key, 16, "3fce516009c21727d0f2e4e86ee403bc"));
	CHECK(crypto_hkdf_expand_label(CMD_SHA256, iv, 12, secret, 32, "iv",
	    NULL, 0));
	CHECK(eq_hex(iv, 12, "5d313eb2671276ee13000b30"));
	unhex(secret, sizeof(secret), chts);
	CHECK(crypto_hkdf_expand_label(CMD_SHA256, key, 16, secret, 32, "key",
	    NULL, 0));
	CHECK(eq_hex(key, 16, "dbfaa693d1762c5b666af5d950258d01"));

	/* The server's encrypted flight: record 0 under the handshake key. */
	CHECK(open13(shts, server_flight_record, 0, pt, &n, false));
	CHECK(n == 0x2a2 - 16);
	CHECK(eq_hex(pt, 16, ee_start));
	/* TLSInnerPlaintext: content, then the type 22, no padding. */
	CHECK(n > 37 && eq_hex(pt + n - 37, 36, fin_end) && pt[n - 1] == 22);
	CHECK(!open13(shts, server_flight_record, 0, pt, &n, true));
	CHECK(!open13(shts, server_flight_record, 1, pt, &n, false));
	/* The client's Finished, record 0 of the client handshake key. */
	CHECK(open13(chts, client_finished_record, 0, pt, &n, false));
	CHECK(n == 37 && pt[0] == 20 && pt[36] == 22);
	/* Application data: record 0 of the client application key. */
	CHECK(open13(cats, client_data_record, 0, pt, &n, false));
	CHECK(n == 51 && pt[0] == 0 && pt[49] == 0x31 && pt[50] == 23);
	CHECK(!open13(chts, client_data_record, 0, pt, &n, false));
	/* RFC 8446, 7.2: the next secret is "traffic upd" of the last. */
	unhex(secret, sizeof(secret), cats);
	CHECK(crypto_hkdf_expand_label(CMD_SHA256, up, 32, secret, 32,
	    "traffic upd", NULL, 0));
	CHECK(memcmp(up, secret, 32) != 0);
	GROUP_END("tls 1.3 (RFC 8448)");
}

static void
test_chacha(void)
{
	static const char pt_text[] = "Ladies and Gentlemen of the class of "
	    "'99: If I could offer you only one tip for the future, sunscreen "
	    "would be it.";
	uint8_t key[32], nonce[12], aad[12], in[256], out[256];
	struct crypto_key *k;
	size_t n, i;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)(0x80 + i);
	unhex(nonce, sizeof(nonce), "070000004041424344454647");
	unhex(aad, sizeof(aad), "50515253c0c1c2c3c4c5c6c7");
	n = unhex(in, sizeof(in),
	    "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
	    "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
	    "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
	    "3ff4def08e4b7a9de576d26586cec64b6116"
	    "1ae10b594f09e26a7e902ecbd0600691");
	CHECK(n == strlen(pt_text) + 16);
	CHECK((k = crypto_key_new(CC_CHACHA20_POLY1305, key)) != NULL);
	if (k == NULL)
		return;
	CHECK(crypto_aead_open(k, out, nonce, aad, sizeof(aad), in, n));
	CHECK(memcmp(out, pt_text, strlen(pt_text)) == 0);
	/* The same context opens again (state reset per record). */
	CHECK(crypto_aead_open(k, out, nonce, aad, sizeof(aad), in, n));
	aad[0] ^= 1;
	CHECK(!crypto_aead_open(k, out, nonce, aad, sizeof(aad), in, n));
	aad[0] ^= 1;
	CHECK(!crypto_aead_open(k, out, nonce, aad, sizeof(aad), in, 15));
	crypto_key_free(k);
	crypto_key_free(NULL);
	GROUP_END("chacha20-poly1305 (RFC 7539)");
}

/*
 * CBC: a known AES-128 block (FIPS-197, C.1). CCM and CCM_8 are opened
 * end to end from the captures (tests/e2e/decrypt-pcaps.sh).
 */
static void
test_ccm_cbc(void)
{
	uint8_t key[16], iv[16], in[16], out[16];
	struct crypto_key *k;

	unhex(key, sizeof(key), "000102030405060708090a0b0c0d0e0f");
	memset(iv, 0, sizeof(iv));
	unhex(in, sizeof(in), "69c4e0d86a7b0430d8cdb78070b4c55a");
	CHECK((k = crypto_key_new(CC_AES128_CBC, key)) != NULL);
	if (k != NULL) {
		CHECK(crypto_cbc_decrypt(k, out, iv, in, 16));
		CHECK(eq_hex(out, 16, "00112233445566778899aabbccddeeff"));
		CHECK(!crypto_cbc_decrypt(k, out, iv, in, 15));
		crypto_key_free(k);
	}
	CHECK(crypto_cipher_info(CC_AES128_CCM8)->tag_len == 8);
	CHECK(crypto_cipher_info(CC_AES128_CCM)->tag_len == 16);
	CHECK(crypto_cipher_info(CC_NONE) == NULL);
	GROUP_END("cbc");
}

int
main(void)
{
	test_hkdf();
	test_prf();
	test_tls13();
	test_chacha();
	test_ccm_cbc();
	return CHECK_EXIT();
}
