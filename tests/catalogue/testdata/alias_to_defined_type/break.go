package main

import "example.com/cat/p"

func main() {
	var a p.A = int(1)
	_ = a
}
