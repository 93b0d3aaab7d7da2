package main

import "example.com/cat/p"

func main() {
	var x int = p.V
	_ = x
}
