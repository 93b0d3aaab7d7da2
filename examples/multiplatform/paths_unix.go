//go:build unix

package paths

// Separator separates path elements.
const Separator = '/'

// Mode is a Unix permission mask.
type Mode uint32

// Chmod is available where files have Unix permissions.
func Chmod(name string, mode Mode) error { return nil }
