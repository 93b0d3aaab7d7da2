package main

import "example.com/cat/p"

func main() {
	var f func(int) int = p.F
	_ = f(p.F(1))
	_ = p.F
}
