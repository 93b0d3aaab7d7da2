// A client of types.C5: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

// C5 was 3; now 4: a duplicate case.
func f(n int) int {
	switch n {
	case p.C5:
		return 1
	case 4:
		return 2
	}
	return 0
}

func main() {}
