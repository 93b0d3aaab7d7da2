package main

import "example.com/cat/p"

func main() {
	var a p.A = 3
	_ = int(a)
}
