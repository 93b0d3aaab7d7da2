//go:build unix

package atomicfile

import (
	"fmt"
	"syscall"
)

// writable reports an error if the current user may not write path, so that a file the user made
// read-only (or a version control system checked out read-only) is not replaced behind their back.
func writable(path string) error {
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		return fmt.Errorf("the file is not writable: %w", err)
	}
	return nil
}
