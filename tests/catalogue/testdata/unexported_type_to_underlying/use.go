package main

import "example.com/cat/p"

func main() {
	p.V = 3
	_ = p.V + 1
	var x int = int(p.V)
	_ = x
}
