package main

import "example.com/cat/p"

func main() {
	var s uint = 2
	_ = float64(p.C << s)
	var x int = p.C
	_ = x
}
