// glibc's heap defaults suit long-running servers: every buffer over 128 KiB gets fresh pages from
// mmap (a page fault per 4 KiB touched) and freed memory goes back to the kernel only to be faulted
// in again. A render touches 15-30 MiB within tens of milliseconds, so the heap is grown once,
// kept, and backed by 2 MiB pages where the kernel allows it (transparent huge pages in `madvise`
// mode). A large render has the start of that region faulted in by a thread of its own while it
// parses (MADV_POPULATE_WRITE, Linux 5.14; older kernels refuse it and nothing happens).
// docs/performance.md ("Process tuning") has the measurements.
#include "process_heap.h"

#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

static intptr_t prepared_start, prepared_end;

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
    if (top != -1 && end > start && madvise((void *)start, (size_t)(end - start), MADV_HUGEPAGE) == 0) {
        prepared_start = start;
        prepared_end = end;
    }
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static void *populate(void *length) {
    // Populating leaves the contents as they are (zero, or what malloc has written meanwhile).
    madvise((void *)prepared_start, (size_t)(uintptr_t)length, MADV_POPULATE_WRITE);
    return NULL;
}

void kamaji_prefault_heap(unsigned long bytes) {
    if (prepared_end <= prepared_start || bytes == 0) return;
    uintptr_t prepared = (uintptr_t)(prepared_end - prepared_start);
    uintptr_t length = (bytes < prepared ? bytes : prepared) & ~(uintptr_t)((2 << 20) - 1);  // whole huge pages
    if (length == 0) return;
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_create(&thread, &attributes, populate, (void *)length);
    pthread_attr_destroy(&attributes);
}
#else
void kamaji_prepare_heap(void) {}
void kamaji_prefault_heap(unsigned long bytes) { (void)bytes; }
#endif
