package main

import "example.com/cat/p"

func main() {
	var x struct{ A, B int } = p.V
	_ = x
}
