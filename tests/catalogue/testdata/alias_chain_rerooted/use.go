package main

import "example.com/cat/p"

func main() {
	var a p.A
	var b p.B = a
	var c p.C = b
	_ = p.C{X: c.X}
}
