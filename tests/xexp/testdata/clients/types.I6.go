// A client of types.I6: compiles against the old version and not against the new.
package main

import (
	"io"

	p "example.com/xexp/types"
)

// I6 was a distinct type; now io.Writer itself: a duplicate case.
func kind(x any) int {
	switch x.(type) {
	case p.I6:
		return 1
	case io.Writer:
		return 2
	}
	return 0
}

func main() {}
