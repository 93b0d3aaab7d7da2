package main

import "example.com/cat/p"

// A client type that embeds T and declares its own M: its M shadows the promoted one.
type U struct{ p.T }

func (U) M() {}

func main() {
	var _ interface{ M() } = U{}
	_ = p.T{X: 1}
}
