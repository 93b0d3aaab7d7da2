// v1.46.0 → v1.47.0: Keys and Values take ...map[K]V instead of map[K]V.
package main

import "github.com/samber/lo"

func main() {
	var keys func(map[string]int) []string = lo.Keys[string, int]
	var values func(map[string]int) []int = lo.Values[string, int]
	_, _ = keys, values
}
