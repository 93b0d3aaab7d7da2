package main

import "example.com/cat/p"

func main() {
	p.F(1)
	var f func(string) = p.F[string]
	f("a")
}
