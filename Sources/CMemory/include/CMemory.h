#ifndef TRANSPARENCY_GEN_CMEMORY_H
#define TRANSPARENCY_GEN_CMEMORY_H

/// Hands memory the process has freed back to the system (glibc's malloc_trim, which
/// Swift's Glibc module does not export); does nothing where there is no such call.
void tg_return_freed_memory(void);

#endif
