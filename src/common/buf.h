/*
 * buf.h: a growable output buffer for views. A view builds one
 * connection's output in a buf, then writes and flushes it at once.
 */
#ifndef TLSHAKE_COMMON_BUF_H
#define TLSHAKE_COMMON_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *);
void	buf_cleanup(struct buf *);
void	buf_reset(struct buf *);
void	buf_add(struct buf *, const void *, size_t);
void	buf_addc(struct buf *, char);
void	buf_adds(struct buf *, const char *);
void	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vaddf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* buf_pad adds spaces until the buffer is "col" bytes past "from". */
void	buf_pad(struct buf *, size_t, size_t);
/* buf_write writes and empties the buffer; false on a write error. */
int	buf_write(struct buf *, FILE *);
/* buf_str returns a NUL-terminated view of the contents. */
const char *buf_str(struct buf *);

#endif /* TLSHAKE_COMMON_BUF_H */
