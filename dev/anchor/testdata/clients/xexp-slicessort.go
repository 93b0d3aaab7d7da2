// 613f0c0eb8a1 → d63ba01acd4b: slices.SortFunc takes cmp func(a, b E) int instead of less func(a,
// b E) bool, and Index is instantiated with the slice type first (S ~[]E, E).
package main

import "golang.org/x/exp/slices"

func main() {
	slices.SortFunc([]int{3, 1, 2}, func(a, b int) bool { return a < b })
	_ = slices.Index[int]([]int{1}, 1)
}
