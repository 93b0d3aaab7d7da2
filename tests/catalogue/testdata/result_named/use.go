package main

import "example.com/cat/p"

func main() {
	var f func() error = p.F
	_ = f()
}
