package main

import "example.com/cat/p"

func main() {
	var f float64 = p.C
	_ = f
}
