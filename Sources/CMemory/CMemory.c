#include "CMemory.h"
// <stdlib.h> first: it is what defines __GLIBC__ (without it the checks below were always false).
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void tg_return_freed_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void tg_map_large_allocations(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}
