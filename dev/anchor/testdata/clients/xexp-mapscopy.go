// b0d781184e0d → b4a6d9510983: maps.Copy has two map type parameters (M1, M2, K, V), so an
// explicit instantiation with (M, K, V) no longer fits.
package main

import "golang.org/x/exp/maps"

func main() {
	copy := maps.Copy[map[string]int, string, int]
	copy(map[string]int{}, map[string]int{"a": 1})
}
