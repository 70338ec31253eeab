/* hash.h: a fast 64-bit hash for noticing change (incremental builds,
 * output keys, search-index parts). Not a security boundary: it is not
 * keyed and collisions can be made on purpose; kitgen only compares its
 * own outputs' inputs with it. A pure function: owns and keeps nothing.
 */
#ifndef KITGEN_BASE_HASH_H
#define KITGEN_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of len bytes at data; seed separates uses (the same bytes
 * hashed for two purposes give different values). */
uint64_t kg_hash64(const void *data, size_t len, uint64_t seed);

#endif
