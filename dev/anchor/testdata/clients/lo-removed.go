// v1.52.0 → v1.53.0: Assert, Assertf and Elipse were removed.
package main

import "github.com/samber/lo"

func main() {
	lo.Assert(true)
	lo.Assertf(true, "%d", 1)
	_ = lo.Elipse("abcdef", 4)
}
