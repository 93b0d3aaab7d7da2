package main

import "example.com/cat/p"

func main() {
	t := p.T{X: 1}
	t.X++
	t.M()
	_ = t == p.T{}
	var _ interface{ M() } = t
}
