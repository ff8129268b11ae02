#ifndef KAMAJI_ATOMIC_RENAME_H
#define KAMAJI_ATOMIC_RENAME_H
/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success and -1
/// where the kernel or file system cannot, so the caller falls back to two renames.
int kamaji_exchange_paths(const char *a, const char *b);
#endif
