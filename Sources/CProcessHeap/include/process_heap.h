#ifndef PROCESS_HEAP_H
#define PROCESS_HEAP_H

/// Tunes glibc's heap for a process that lives tens of milliseconds (see process_heap.c).
/// Does nothing on other C libraries.
void kamaji_prepare_heap(void);

/// Faults in the first `bytes` of the heap prepared above on a thread of its own, so the render
/// does not stop to have the kernel clear those pages. Does nothing without a prepared heap.
void kamaji_prefault_heap(unsigned long bytes);

#endif
