// Package dep is imported by the other test packages.
package dep

type Base struct{ ID int }

func (Base) Name() string { return "" }

// Deprecated: declared in another package, so never reported by importers.
func (*Base) Old() {}

type Reader interface {
	Read(p []byte) (n int, err error)
}
