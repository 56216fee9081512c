/*
 * test-chain.c: runs the chain check of dissect/cert.c (cert_chain_check,
 * what every Certificate message goes through) on PEM files, at a given
 * time, for tests/e2e/chain.sh, which makes its CAs and certificates with
 * the openssl command at run time.
 *
 * usage: test-chain [--ca FILE] [--sni HOST] --time UNIX CERT.pem...
 * prints one line:
 *	valid=1|0|- error=TEXT host=1|0|- flags=NAME,...|- [cert N: NAME,...]
 * ("-": not checked). Without --ca the chain is not verified.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "common/limits.h"
#include "dissect/cert.h"
#include "model/certstore.h"
#include "model/conn.h"
#include "view/label.h"

static void
print_flags(uint16_t f)
{
	unsigned int i;
	bool first = true;

	if (f == 0) {
		fputs("-", stdout);
		return;
	}
	for (i = 0; i < CERTF_N; i++)
		if (f & (1u << i)) {
			printf("%s%s", first ? "" : ",", label_cert_flag(i));
			first = false;
		}
}

int
main(int argc, char **argv)
{
	struct cert *certs[LIM_CERTS_PER_MSG];
	uint16_t flags[LIM_CERTS_PER_MSG];
	struct chain_result r;
	struct cert_trust *trust = NULL;
	struct cert_check *ck;
	const char *ca = NULL, *sni = NULL, *err = NULL;
	unsigned char *der;
	long t = -1;
	uint32_t n = 0, i;
	char msg[512];
	int len, a;
	X509 *x;
	FILE *fp;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--ca") == 0 && a + 1 < argc)
			ca = argv[++a];
		else if (strcmp(argv[a], "--sni") == 0 && a + 1 < argc)
			sni = argv[++a];
		else if (strcmp(argv[a], "--time") == 0 && a + 1 < argc)
			t = strtol(argv[++a], NULL, 10);
		else
			break;
	}
	if (t < 0 || a == argc) {
		fprintf(stderr, "usage: test-chain [--ca FILE] [--sni HOST] "
		    "--time UNIX CERT.pem...\n");
		return 2;
	}
	for (; a < argc; a++) {
		if ((fp = fopen(argv[a], "r")) == NULL) {
			perror(argv[a]);
			return 2;
		}
		while (n < LIM_CERTS_PER_MSG &&
		    (x = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL) {
			der = NULL;
			if ((len = i2d_X509(x, &der)) <= 0 ||
			    (certs[n] = cert_parse(der, (size_t)len, &err)) ==
			    NULL) {
				fprintf(stderr, "%s: %s\n", argv[a],
				    err != NULL ? err : "no DER");
				return 2;
			}
			n++;
			OPENSSL_free(der);
			X509_free(x);
		}
		fclose(fp);
	}
	if (ca != NULL && (trust = cert_trust_new(ca, NULL, msg,
	    sizeof(msg))) == NULL) {
		fprintf(stderr, "%s\n", msg);
		return 2;
	}
	ck = cert_check_new(trust);
	cert_chain_check(ck, certs, n, (const uint8_t *)sni,
	    sni != NULL ? strlen(sni) : 0, t, &r, flags);
	printf("valid=%s error=%s host=%s flags=", !r.checked ? "-" :
	    r.valid ? "1" : "0", r.error != NULL ? r.error : "-",
	    !r.hostname_checked ? "-" : r.hostname_match ? "1" : "0");
	print_flags(r.flags);
	for (i = 0; i < n; i++) {
		printf(" cert%u=", i);
		print_flags(flags[i]);
	}
	putchar('\n');
	for (i = 0; i < n; i++)
		cert_unref(certs[i]);
	cert_check_free(ck);
	cert_trust_free(trust);
	certstore_cleanup();
	return 0;
}
