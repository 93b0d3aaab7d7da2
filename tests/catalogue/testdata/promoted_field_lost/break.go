package main

import "example.com/cat/p"

func main() {
	var s p.S
	_ = s.X
}
