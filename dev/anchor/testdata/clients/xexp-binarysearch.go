// 054d8573a5d8 → 053ad81199eb: slices.BinarySearch returns (int, bool); BinarySearchFunc takes a
// target and a cmp function instead of a predicate.
package main

import "golang.org/x/exp/slices"

func main() {
	var i int = slices.BinarySearch([]int{1, 2, 3}, 2)
	j := slices.BinarySearchFunc([]int{1, 2, 3}, func(x int) bool { return x >= 2 })
	_, _ = i, j
}
