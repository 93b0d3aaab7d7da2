package main

import "example.com/cat/p"

func main() {
	var f func(int32) = p.F
	var x int32
	f(x)
	p.F(x)
}
