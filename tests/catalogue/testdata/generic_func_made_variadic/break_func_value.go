package main

import "example.com/cat/p"

func main() {
	var f func(int) = p.F[int]
	_ = f
}
