// Package iface covers interface types.
package iface

import (
	"fmt"

	"example.com/featgentest/dep"
)

type Empty interface{}

type Small interface {
	Do() error
}

// Big embeds interfaces of this and another package.
type Big interface {
	Small
	dep.Reader
	fmt.Stringer
	Close() error
}

// Sealed has an unexported method: only this package can implement it.
type Sealed interface {
	Exported(int) string
	sealed()
}

type Constraint interface {
	~int | ~string
}

func Use(e Empty, s interface{ Do() error }) interface{} { return nil }
