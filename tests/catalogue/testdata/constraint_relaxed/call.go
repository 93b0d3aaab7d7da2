package main

import "example.com/cat/p"

type myInt int

func main() {
	_ = p.F(1)
	_ = p.F(myInt(2))
}
