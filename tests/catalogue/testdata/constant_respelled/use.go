package main

import "example.com/cat/p"

func main() {
	var _ [1]int = [p.C*2 - 6]int{}
	var f float32 = p.C
	_ = f
}
