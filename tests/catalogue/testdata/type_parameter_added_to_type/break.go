package main

import "example.com/cat/p"

func main() {
	var l p.L[int]
	_ = l
}
