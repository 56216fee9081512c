/*
 * dtlsvec.h: UDP payloads of public DTLS captures (dtlsvec.c), one
 * struct vec per datagram.
 */
#ifndef TLSHAKE_TESTS_DTLSVEC_H
#define TLSHAKE_TESTS_DTLSVEC_H

#include <stddef.h>

#include "tlsfix.h"

extern const struct vec	v_dtls12[], v_dtls13[], v_dtlsjump[];
extern const size_t	n_dtls12, n_dtls13, n_dtlsjump;

#endif /* TLSHAKE_TESTS_DTLSVEC_H */
