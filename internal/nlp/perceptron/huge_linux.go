package perceptron

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back the memory of a large, not yet touched
// table with transparent huge pages, which saves most of the TLB misses of
// random lookups. It is only advice: errors are ignored.
func adviseHuge(p unsafe.Pointer, size uintptr) {
	const huge = 2 << 20
	start := (uintptr(p) + huge - 1) &^ (huge - 1)
	end := (uintptr(p) + size) &^ (huge - 1)
	if end <= start {
		return
	}
	b := unsafe.Slice((*byte)(p), size)
	base := uintptr(p)
	_ = syscall.Madvise(b[start-base:end-base], syscall.MADV_HUGEPAGE)
}
