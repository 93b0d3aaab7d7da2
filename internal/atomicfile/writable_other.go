//go:build !unix

package atomicfile

import (
	"fmt"
	"os"
)

// writable reports an error for a file marked read-only (on Windows, the read-only attribute,
// which Go shows as a mode without write permission).
func writable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("the file is not writable: it is read-only")
	}
	return nil
}
