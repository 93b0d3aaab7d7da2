package main

import "example.com/cat/p"

func main() {
	var x int = 1
	p.T{}.M(x)
}
