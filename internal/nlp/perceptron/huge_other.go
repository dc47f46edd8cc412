//go:build !linux

package perceptron

import "unsafe"

// adviseHuge does nothing on systems without transparent huge pages.
func adviseHuge(p unsafe.Pointer, size uintptr) {}
