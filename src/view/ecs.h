/*
 * ecs.h: --ecs, the connections as Elastic Common Schema documents (SPEC.md
 * "ECS output"), one JSON line each; fields ECS lacks are under tlshake.*.
 * tlshake-json(5) gives the mapping.
 */
#ifndef TLSHAKE_VIEW_ECS_H
#define TLSHAKE_VIEW_ECS_H

#include "common/buf.h"
#include "model/conn.h"

/* The ECS release whose field list the documents are checked against. */
#define ECS_VERSION	"9.5.0"

/* ecs_emit_conn appends one line (with its newline) describing "c". */
void	ecs_emit_conn(struct buf *, const struct conn *);

#endif /* TLSHAKE_VIEW_ECS_H */
