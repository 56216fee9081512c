/*
 * arena.h: a per-connection bump allocator with a cap.
 *
 * What the model keeps of a connection is copied into its arena and freed
 * at once when the connection retires. arena_alloc returns NULL past the
 * cap: the caller records ANOM_MEM_CAP and carries on without the detail.
 */
#ifndef TLSHAKE_COMMON_ARENA_H
#define TLSHAKE_COMMON_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena_chunk;

/* One in every connection: 32-bit counts (caps are far below 2 GiB). */
struct arena {
	struct arena_chunk	*head;
	uint32_t		 used;	/* bytes handed out */
	uint32_t		 held;	/* bytes malloc'ed */
	uint32_t		 cap;	/* at most ARENA_CAP_MAX */
};

/* The largest cap arena_init takes (larger ones are lowered to it). */
#define ARENA_CAP_MAX	((size_t)1 << 30)

void	 arena_init(struct arena *, size_t);
void	 arena_cleanup(struct arena *);
/* arena_alloc returns zeroed, 8-aligned memory, or NULL past the cap. */
void	*arena_alloc(struct arena *, size_t);
/*
 * arena_grow returns an array able to hold element "n" of "v", an array
 * of "n" elements of "size" bytes: "v" itself while there is room, else a
 * copy in the arena ("first" elements when "v" is NULL, "max" when "n"
 * reaches "first"; the old copy stays until the arena is freed). NULL
 * past the cap or at "n" == "max".
 */
void	*arena_grow(struct arena *, void *, size_t, size_t, size_t, size_t);
/* arena_dup copies "len" bytes and adds a NUL; NULL past the cap. */
char	*arena_dup(struct arena *, const void *, size_t);

/* Process-wide bytes held by all arenas, for --stats. */
size_t	 arena_total_held(void);
size_t	 arena_peak_held(void);

void	*x_malloc(size_t);
void	*x_calloc(size_t, size_t);
void	*x_realloc(void *, size_t, size_t);
char	*x_strdup(const char *);

#endif /* TLSHAKE_COMMON_ARENA_H */
