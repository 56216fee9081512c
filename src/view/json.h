/*
 * json.h: the JSON Lines view: one object per connection (SPEC.md,
 * "JSON Lines"), keys in a fixed order, unknown or empty values left out.
 */
#ifndef TLSHAKE_VIEW_JSON_H
#define TLSHAKE_VIEW_JSON_H

#include "common/buf.h"
#include "model/conn.h"

/* json_emit_conn appends one line (with its newline) describing "c". */
void	json_emit_conn(struct buf *, const struct conn *);
/* json_set_explain makes json_emit_conn add the "explain" steps. */
void	json_set_explain(bool);
/* json_emit_explain writes "explain": [{"code", "text"}...] for "c". */
void	json_emit_explain(struct buf *, const struct conn *);
/* Helpers shared with other JSON writers (diff, report). */
void	json_str(struct buf *, const char *, const void *, size_t);
void	json_cstr(struct buf *, const char *, const char *);
void	json_key(struct buf *, const char *);
void	json_num(struct buf *, const char *, double);
void	json_u64(struct buf *, const char *, uint64_t);
/* json_fixed writes v / 10^digits, trailing zeros cut: exact decimals. */
void	json_fixed(struct buf *, const char *, int64_t, unsigned);
void	json_bool(struct buf *, const char *, bool);
void	json_hex16(struct buf *, const char *, uint16_t);
/* json_bstrs writes "key": [the wire strings of l, escaped], if any. */
void	json_bstrs(struct buf *, const char *, const struct strlist *);
/* json_cstrs writes "key": [the n strings of v], if n > 0. */
void	json_cstrs(struct buf *, const char *, const char *const *, uint32_t);
/* json_names writes "key": [names of l's values by "fn"], if any. */
void	json_names(struct buf *, const char *, const struct u16list *,
	    const char *(*)(uint16_t, char *, size_t));
/* json_emit_alerts writes "key": [the alerts of "hs"], if any. */
void	json_emit_alerts(struct buf *, const char *, const struct tls_hs *);
/* json_emit_chain writes "key": {the chain check of "hs"}, if any. */
void	json_emit_chain(struct buf *, const char *, const struct tls_hs *);
/* json_emit_tcp writes the "tcp" object of SPEC.md. */
void	json_emit_tcp(struct buf *, const struct conn *);
/* json_emit_quic writes the "quic" object of SPEC.md. */
void	json_emit_quic(struct buf *, const struct conn *);
/* json_emit_dtls writes the "dtls" object of SPEC.md. */
void	json_emit_dtls(struct buf *, const struct conn *);
/*
 * json_emit_suite writes the cipher_suite object of SPEC.md; "version"
 * is the negotiated one (0: none) and chooses the "hash" really used.
 */
void	json_emit_suite(struct buf *, const char *, uint16_t, uint16_t);

#endif /* TLSHAKE_VIEW_JSON_H */
