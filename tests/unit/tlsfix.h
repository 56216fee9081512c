/*
 * tlsfix.h: fixtures shared by the dissector's unit tests (tlsfix.c).
 */
#ifndef TLSHAKE_TESTS_TLSFIX_H
#define TLSHAKE_TESTS_TLSFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dissect/tls.h"
#include "model/conn.h"

struct keylog;

struct vec {
	uint32_t	 frame;
	enum dir	 dir;
	const char	*hex;
};

/* illtls13__capture.pcap and illtls12__capture.pcap: each TCP payload. */
extern const struct vec	v_tls13[], v_tls12[];
extern const size_t	n_tls13, n_tls12;

/*
 * fix_ctx is the dissector context of the tests: fix_init makes a new one
 * with options "o" (freeing the one before: its connections must be gone),
 * fix_keylog the same with key log "kl". Without fix_init, the defaults.
 */
extern struct tls_ctx	*fix_ctx;
void	fix_init(const struct tls_opts *);
void	fix_keylog(struct keylog *);

/* unhex decodes "h" into "out" and returns its length. */
size_t	unhex(const char *, uint8_t *, size_t);
struct conn *new_conn(uint8_t);
void	done_conn(struct conn *);
void	feed(struct conn *, enum dir, const uint8_t *, size_t, uint32_t);
/* feed_vecs delivers each vector whole (chunk 0) or in "chunk" pieces. */
void	feed_vecs(struct conn *, const struct vec *, size_t, size_t);
uint32_t n_anom(const struct conn *, enum anom_code);
uint32_t n_ev(const struct conn *, uint8_t, int);
const struct event *find_ev(const struct conn *, uint8_t, int);
/* same_events compares what a view shows of two ladders. */
bool	same_events(const struct conn *, const struct conn *);

#endif /* TLSHAKE_TESTS_TLSFIX_H */
