package main

import "example.com/cat/p"

func main() {
	var t p.T
	t.X = 1
}
