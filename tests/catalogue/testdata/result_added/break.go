package main

import "example.com/cat/p"

func main() {
	var f func() = p.F
	_ = f
}
