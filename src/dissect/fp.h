/*
 * fp.h: TLS fingerprints of a handshake: JA3 and JA3S (salesforce/ja3, as
 * tshark computes them) and JA4 (FoxIO's BSD-licensed JA4 specification).
 * JA4S, JA4X and the other JA4+ methods are not implemented (FoxIO
 * License 1.1).
 */
#ifndef TLSHAKE_DISSECT_FP_H
#define TLSHAKE_DISSECT_FP_H

#include "model/conn.h"

/*
 * fp_compute sets the fingerprints of "hs" that are still NULL and whose
 * hello was seen: ja3_full, ja3, ja4 and ja4_r from the ClientHello
 * (HSF_HAS_CH; not for an SSLv2-compatible hello, nor for one whose
 * cipher_suites or compression_methods did not parse), ja3s_full and ja3s from
 * the ServerHello (HSF_HAS_SH). The strings go into c's arena; past its
 * cap the fingerprint stays NULL and one ANOM_MEM_CAP is recorded.
 */
void	fp_compute(struct conn *, struct tls_hs *);

#endif /* TLSHAKE_DISSECT_FP_H */
