package main

import "example.com/cat/p"

func main() {
	var x int = p.C
	_ = x
}
