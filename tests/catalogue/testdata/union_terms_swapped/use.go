package main

import "example.com/cat/p"

type myInt int

func main() {
	_ = p.F(1)
	_ = p.F("a")
	_ = p.F[myInt](2)
	var f func(string) string = p.F[string]
	_ = f
}
