package main

import "example.com/cat/p"

func main() {
	var t p.T
	t.M()
	(&t).M()
	var _ interface{ M() } = &t
	_ = (*p.T).M
}
