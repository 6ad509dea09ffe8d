#ifndef TRANSPARENCY_GEN_CMEMORY_H
#define TRANSPARENCY_GEN_CMEMORY_H

/// Hands memory the process has freed back to the system (glibc's malloc_trim, which
/// Swift's Glibc module does not export); does nothing where there is no such call.
void tg_return_freed_memory(void);

/// Serves every allocation of 128 KiB or more from a mapping of its own, handed back to the
/// system when freed. glibc's default raises that threshold each time such a block is freed
/// (up to 32 MB), after which a large agency's tally tables came from the heap and stayed
/// resident once freed: 20 MB of the peak at ten million reads. Does nothing without glibc.
void tg_map_large_allocations(void);

#endif
