package main

import "example.com/cat/p"

// Go's compatibility promise covers keyed literals; an unkeyed p.S{1} would break (go vet's
// composites check flags such literals of other packages' structs).
func main() { _ = p.S{X: 1} }
