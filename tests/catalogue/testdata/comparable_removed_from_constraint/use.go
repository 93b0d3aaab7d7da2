package main

import "example.com/cat/p"

func g[T comparable](x T) { p.F(x) }

func main() {
	p.F(1)
	g("a")
	var f func(int) = p.F[int]
	_ = f
}
