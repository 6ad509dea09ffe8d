#ifndef TRANSPARENCY_GEN_CFILESYSTEM_H
#define TRANSPARENCY_GEN_CFILESYSTEM_H

/// Swaps two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE): at no instant
/// is either name missing. Returns 0, or -1 with errno set (ENOSYS or EINVAL where the kernel
/// or the file system cannot exchange).
int tg_exchange_paths(const char *first, const char *second);

/// Flushes a folder's entries (its renames) to disk: 0, or -1 with errno set.
int tg_sync_directory(const char *path);

#endif
