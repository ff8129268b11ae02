// glibc's heap defaults suit long-running servers: every buffer over 128 KiB gets fresh pages from
// mmap (a page fault per 4 KiB touched) and freed memory goes back to the kernel only to be faulted
// in again. A render touches 15-30 MiB within tens of milliseconds, so the heap is grown once,
// kept, and backed by 2 MiB pages where the kernel allows it (transparent huge pages in `madvise`
// mode). docs/performance.md ("Process tuning") has the measurements.
#include "process_heap.h"

#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

void kamaji_prepare_heap(void) {
    const intptr_t pad = 64 << 20, huge_page = 2 << 20;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, (int)pad);
    // Growing the heap now lets one madvise cover the region the render will use.
    void *volatile grown = malloc(1 << 20);  // volatile: the compiler may drop a malloc that is only freed
    free(grown);
    intptr_t top = (intptr_t)sbrk(0);
    intptr_t start = (top - pad + huge_page - 1) & ~(huge_page - 1), end = top & ~(huge_page - 1);
    if (top != -1 && end > start) madvise((void *)start, (size_t)(end - start), MADV_HUGEPAGE);
}
#else
void kamaji_prepare_heap(void) {}
#endif
