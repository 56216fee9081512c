/*
 * keys.h: each direction's record keys (keys.c), made from the key log's
 * secrets as the handshake goes, and used by decrypt.c to open records.
 * The state lives in tls_state->dec; without secrets nothing is made.
 * Private to dissect/.
 */
#ifndef TLSHAKE_DISSECT_KEYS_H
#define TLSHAKE_DISSECT_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dissect/crypto.h"
#include "dissect/keylog.h"
#include "dissect/state.h"
#include "model/conn.h"

/* One direction's keys. */
struct dec_keys {
	struct crypto_key *key;		/* NULL for the NULL cipher */
	uint8_t		 cc;		/* enum crypto_cipher; 0: unset */
	uint8_t		 mac_md;	/* enum crypto_md; 0 for AEAD */
	uint8_t		 mac_len;
	uint8_t		 iv_len;
	bool		 etm;		/* RFC 7366 negotiated for them */
	bool		 unverified;	/* NULL cipher without keys: the MAC
					   is stripped, not checked */
	uint8_t		 mac_key[48];
	uint8_t		 iv[16];	/* fixed IV, or TLS 1.0's chain */
	uint8_t		 sn[32];	/* DTLS 1.3 record number key */
	/* TLS 1.3: the traffic secret, for KeyUpdate */
	uint8_t		 hash;		/* enum crypto_md */
	uint8_t		 secret_len;
	uint8_t		 secret[KL_SECRET_MAX];
};

struct dec_dir {
	struct dec_keys	 cur, pend, next;
	uint64_t	 seq;
	uint16_t	 epoch;		/* DTLS 1.3: of the keys in "cur" */
	bool		 failed;	/* an authentication failure: off */
	bool		 tolerant;	/* TLS 1.3 client: skip records that
					   fail until one opens (0-RTT data
					   under keys we lack) */
	uint8_t		 ap_len;	/* TLS 1.3 application secret */
	uint8_t		 ap[KL_SECRET_MAX];
	uint8_t		 n_trial;	/* early data: suites to try */
	uint8_t		 trial[4];	/* enum crypto_cipher */
};

struct dec_state {
	struct dec_dir	 d[2];
	uint16_t	 version;	/* of the keys in "cur" and "pend";
					   DTLS: the TLS version it is based on */
	bool		 dtls;		/* labels "dtls13", epochs in nonces */
	/* Live: the client may write its secrets just after the packet
	 * that needed them was read. Until a direction passed a protected
	 * record, they are looked for again. */
	bool		 want;
	uint32_t	 want_hs;	/* the handshake without keys */
	uint32_t	 seen[2];	/* protected records passed since */
};

/* Hooks from the handshake parser. */
void	keys_client_hello(struct conn *, struct tls_state *, struct tls_hs *);
void	keys_server_hello(struct conn *, struct tls_state *, struct tls_hs *);
/* keys_ccs: TLS <= 1.2 "dir" sent ChangeCipherSpec: its new keys apply. */
void	keys_ccs(struct conn *, struct tls_state *, enum dir);
/* keys_message: Finished, KeyUpdate, EndOfEarlyData change the keys. */
void	keys_message(struct conn *, struct tls_state *, enum dir, uint8_t);
/* keys_free releases the cipher state of "st". */
void	keys_free(struct tls_state *);

/* For quic.c. */
/*
 * keys_secret copies the key log's secret "kind" (enum keylog_kind) of
 * handshake "hs" of the connection with state "st" into "out" (64 bytes)
 * and its length into "*len", and names the chosen TLS 1.3 suite's AEAD
 * and hash: what QUIC derives its packet protection from (RFC 9001,
 * 5.1). False without a key log, an entry for the ClientHello's random,
 * that secret, or a TLS 1.3 suite tlshake opens.
 */
bool	keys_secret(const struct tls_state *, const struct tls_hs *, int,
	    uint8_t *, size_t *, enum crypto_cipher *, enum crypto_md *);

/* For decrypt.c. */
/* keys_state returns the cipher state of "st", made on need. */
struct dec_state *keys_state(struct tls_state *);
/* keys_clear forgets "k" (its libcrypto key freed). */
void	keys_clear(struct dec_keys *);
/*
 * keys_tls13 makes TLS 1.3 (or, with "dtls", DTLS 1.3) traffic keys of
 * cipher "cc" from the traffic secret "secret".."len" of hash "md" into
 * "k"; false (and "k" cleared) when they cannot be made.
 */
bool	keys_tls13(struct dec_keys *, bool, enum crypto_cipher, enum crypto_md,
	    const uint8_t *, size_t);
/* keys_take makes "k" the direction's keys from its next record on. */
void	keys_take(struct dec_dir *, struct dec_keys *);
/*
 * keys_retry looks the wanted secrets up again before the first
 * protected record of "dir" (struct dec_state "want").
 */
void	keys_retry(struct conn *, struct tls_state *, enum dir);

#endif /* TLSHAKE_DISSECT_KEYS_H */
