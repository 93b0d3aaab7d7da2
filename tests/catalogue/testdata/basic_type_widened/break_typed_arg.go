package main

import "example.com/cat/p"

func main() {
	var v int32
	p.F(v)
}
