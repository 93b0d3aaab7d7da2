package main

import "example.com/cat/p"

func main() {
	var i int = p.C
	_ = i
}
